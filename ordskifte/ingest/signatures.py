"""What a file is by its first bytes: the signatures of the formats a document arrives in.

:func:`sniff_signature` says what a file looks like and what to do about it, so that a file
with the wrong suffix (a PDF saved as ``.txt``, a Word document as ``.odt``, an image as
``.pdf``) gets a message that names its real format. A ZIP archive is looked into: Word,
Excel, PowerPoint and OpenDocument files are ZIP archives of XML.
"""

from __future__ import annotations

import io
import zipfile

_ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"

#: File signatures: (magic bytes, what the file looks like, what to do).
_IMAGE_FIX = "run OCR on it (e.g. ocrmypdf) and add the resulting PDF instead"
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "rename it to .pdf and update its manifest row"),
    (
        b"PK\x03\x04",
        "a ZIP archive",
        "unpack it, or export its text as UTF-8 plain text or PDF and add that instead",
    ),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _IMAGE_FIX),
    (b"\xff\xd8\xff", "a JPEG image", _IMAGE_FIX),
    (b"GIF87a", "a GIF image", _IMAGE_FIX),
    (b"GIF89a", "a GIF image", _IMAGE_FIX),
    (b"II*\x00", "a TIFF image", _IMAGE_FIX),
    (b"MM\x00*", "a TIFF image", _IMAGE_FIX),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office file (.doc, .xls)",
        "save it as .docx, PDF or UTF-8 plain text and add that instead",
    ),
    (b"{\\rtf", "an RTF document", "save it as .docx or PDF and add that instead"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"%!PS", "a PostScript file", "convert it to PDF (e.g. ps2pdf) and add that instead"),
)


def describe_package(names: set[str], archive: zipfile.ZipFile) -> tuple[str, str] | None:
    """``(what it is, what to do)`` for a ZIP archive of a known office format, else None."""
    if "word/document.xml" in names:
        return "a Word document (.docx)", "rename it to .docx"
    if "xl/workbook.xml" in names:
        return "an Excel workbook", "save its text as .docx, PDF or UTF-8 text"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation", "save it as PDF"
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype == _ODT_MIMETYPE:
            return "an OpenDocument text (.odt)", "rename it to .odt"
        return f"an OpenDocument file of type {mimetype}", "save its text as .odt or PDF"
    return None


def sniff_signature(data: bytes) -> tuple[str, str] | None:
    """``(what it looks like, what to do)`` if ``data`` starts with a known file signature
    (for a ZIP archive, the office format inside it where known)."""
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            found = describe_package(set(archive.namelist()), archive)
        except (zipfile.BadZipFile, KeyError, OSError):
            found = None
        if found is not None:
            return found
    for magic, what, fix in SIGNATURES:
        if data.startswith(magic):
            return what, fix
    return None
