"""The error of a document that cannot be read, shared by every reader of the ingest stage."""


class ExtractionError(ValueError):
    """A document cannot be read; the message names the file, says what is wrong and what to do."""
