"""Read a document (plain text, PDF, web page, Word or OpenDocument text) into normalised
Unicode text plus a provenance record.

Every document in the manifest passes through :func:`extract_file`, which dispatches on the
suffix: ``.txt``, ``.md`` and ``.text`` are decoded as text (:func:`extract_text_file`; a text
file holding HTML markup is read as a web page, with a warning), ``.pdf`` is read page by page
with pypdfium2 (PDFium), or pypdf where PDFium cannot open the file (:func:`extract_pdf`),
``.html``, ``.htm`` and ``.xhtml`` are reduced to their main text with trafilatura
(:func:`extract_html`, :mod:`ordskifte.ingest.webpage`), ``.docx`` and ``.odt`` are read
paragraph by paragraph with python-docx and odfpy (:func:`extract_office`,
:mod:`ordskifte.ingest.office`). The result is an :class:`Extracted` holding

- ``text``: Unicode NFC, ``\\n`` line ends, PDF pages joined by ``\\f``;
- ``record``: a JSON-serialisable dict saying how the text was obtained (encoding, BOM, pages,
  page numbers, line endings found, empty pages, warnings).

A document that cannot be read raises :class:`ExtractionError`, whose message names the file,
says what is wrong and what to do about it.

pypdfium2, pypdf, charset-normalizer, trafilatura, python-docx and odfpy are imported inside
the functions that need them: every Snakemake job pays the imports of its script.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ordskifte.ingest.errors import ExtractionError
from ordskifte.ingest.office import DOCX_SUFFIXES, ODT_SUFFIXES
from ordskifte.ingest.signatures import sniff_signature as _sniff_magic
from ordskifte.ingest.webpage import HTML_SUFFIXES, declared_charset, looks_like_html

__all__ = [
    "DOCX_SUFFIXES",
    "HTML_SUFFIXES",
    "ODT_SUFFIXES",
    "PDF_SUFFIXES",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "Extracted",
    "ExtractionError",
    "decode_html",
    "decode_text",
    "extract_file",
    "extract_html",
    "extract_office",
    "extract_pdf",
    "extract_text_file",
    "normalise_text",
    "save_extracted",
]

log = logging.getLogger("ordskifte")

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
PDF_SUFFIXES = frozenset({".pdf"})
#: Every suffix the pipeline reads.
SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | ODT_SUFFIXES

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf_32", "UTF-32"),
    (codecs.BOM_UTF8, "utf_8_sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf_16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf_16", "UTF-16"),
)

#: Encodings charset-normalizer may choose between for a Norwegian file that is not UTF-8.
_LEGACY_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "mac_roman"]
_LATIN_FAMILY = frozenset({"cp1252", "latin_1", "iso8859_15"})
_UNICODE_ENCODINGS = frozenset({"utf_8", "utf_8_sig", "utf_16", "utf_16_le", "utf_16_be", "utf_32"})

#: A share of control characters above this marks a file as binary, not text.
_MAX_CONTROL_SHARE = 0.05
#: UTF-16 without a BOM: share of NUL bytes expected on one side (high bytes of ASCII and
#: Latin-1 characters) and tolerated on the other.
_UTF16_NUL_MIN = 0.5
_UTF16_NUL_MAX = 0.05
#: At most this many pypdf log messages are copied into a record.
_MAX_PDF_WARNINGS = 20

_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Bytes where ISO 8859-15 and Latin-1 differ (€ Š š Ž ž Œ œ Ÿ against ¤ ¦ ¨ ´ ¸ ¼ ½ ¾).
_ISO8859_15_BYTES = re.compile(rb"[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_ASCII_NUMBER = re.compile(r"[0-9]+")

#: What :func:`normalise_text` replaces or removes, character by character.
_TRANSLATION: dict[int, str | None] = {
    **{c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\f\r"},
    0x0B: "\n",  # vertical tab: a manual line break in text exported from Word
    0x00AD: None,  # soft hyphen
    0x00A0: " ",  # no-break space
    0x202F: " ",  # narrow no-break space (thousands separator in Norwegian)
    0xFB00: "ff",
    0xFB01: "fi",
    0xFB02: "fl",
    0xFB03: "ffi",
    0xFB04: "ffl",
    0xFB05: "st",
    0xFB06: "st",
}
#: Any character of ``_TRANSLATION``: most texts have none, and ``str.translate`` with a dict
#: costs about 40 ms per MB of non-ASCII text even then, a regex search a few.
_TO_TRANSLATE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATION)) + "]")


@dataclass
class Extracted:
    """Text of one document and a record of how it was obtained.

    Attributes
    ----------
    text : str
        Unicode NFC, ``\\n`` line ends, PDF pages joined by ``\\f`` (one ``\\f`` fewer than
        there are pages; a page's own form feeds become ``\\n``).
    record : dict
        JSON-serialisable provenance: ``file``, ``format`` (``"text"``, ``"pdf"``,
        ``"html"``, ``"docx"`` or ``"odt"``), ``encoding``, ``bom``, ``pages``,
        ``page_numbers``, ``characters``, ``line_endings``, ``empty_pages``, ``warnings``;
        for PDFs and the last three formats also ``extractor`` (the library and its version).
    """

    text: str
    record: dict[str, Any]


# --------------------------------------------------------------------------------------------
# Text


def normalise_text(text: str) -> str:
    """Normalise extracted text for tokenising.

    Converts CRLF and lone CR to ``\\n``; replaces the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ by their
    letters; removes soft hyphens (U+00AD); turns no-break spaces (U+00A0, U+202F) into spaces
    and vertical tabs into ``\\n``; removes NUL and the other control characters except
    ``\\n``, ``\\t`` and ``\\f``; replaces lone surrogates by U+FFFD; composes to NFC.

    Parameters
    ----------
    text : str
        Decoded text.

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise_text("o\\u0308ﬁ\\r\\nselv\\u00adhjelp\\x00\\r")
    'öfi\\nselvhjelp\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TO_TRANSLATE.sub(lambda m: _TRANSLATION[ord(m.group())] or "", text)
    if not _encodes_as_utf8(text):  # the common case, text without surrogates, skips the regex
        text = _SURROGATES.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def _encodes_as_utf8(text: str) -> bool:
    """Whether ``text`` holds no surrogate code point (U+D800-U+DFFF): the one thing strict
    UTF-8 encoding of a str rejects. Encoding is a quicker scan than :data:`_SURROGATES`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def decode_text(data: bytes, *, name: str) -> tuple[str, str, bool]:
    """Decode the bytes of a text file, finding the encoding.

    Tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM (NUL
    bytes on every other position); strict UTF-8; then charset-normalizer restricted to cp1252,
    Latin-1, ISO 8859-15 and Mac Roman. Of the Latin family, cp1252 is reported when bytes
    0x80-0x9F occur (cp1252 punctuation such as – “ ” …), otherwise Latin-1 (both give the
    same text then).

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name, used in error messages.

    Returns
    -------
    text : str
        The decoded text, BOM removed, otherwise unchanged (see :func:`normalise_text`).
    encoding : str
        Python codec name: ``utf_8``, ``utf_8_sig``, ``utf_16``, ``utf_16_le``,
        ``utf_16_be``, ``utf_32``, ``cp1252``, ``latin_1``, ``iso8859_15`` or ``mac_roman``.
    had_bom : bool
        Whether the data started with a byte-order mark.

    Raises
    ------
    ExtractionError
        If the file is empty or only whitespace, looks like a binary file, or its encoding
        cannot be found.
    """
    if not data:
        raise ExtractionError(
            f"{name} is empty (0 bytes): check the file or remove its manifest row"
        )
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(
                data, encoding, name=name, what=f"{label} text with a byte-order mark"
            )
            return _checked_text(text, name=name), encoding, True
    _reject_magic(data, name=name)
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        text = _decode_strict(data, utf16, name=name, what="UTF-16 text without a byte-order mark")
        return _checked_text(text, name=name), utf16, False
    if b"\x00" in data:
        raise ExtractionError(
            f"{name} contains NUL bytes and is not UTF-16 text: it looks like a binary file, "
            "not a text file; export its text as UTF-8 plain text, or give it its right "
            "suffix (e.g. .pdf)"
        )
    _reject_controls(data.decode("latin_1"), name=name)
    try:
        text = data.decode("utf_8")
    except UnicodeDecodeError as exc:
        _reject_mixed_utf8(data, exc, name=name)
        encoding = _guess_legacy_encoding(data, name=name)
        text = data.decode(encoding)
    else:
        encoding = "utf_8"
    return _checked_text(text, name=name), encoding, False


def _decode_strict(data: bytes, encoding: str, *, name: str, what: str) -> str:
    """Decode ``data`` or say that the file is not the ``encoding`` it seems to be."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            f"{name} looks like {what} but is not valid {encoding} ({exc.reason} at byte "
            f"{exc.start}): re-save it as UTF-8"
        ) from exc


def _checked_text(text: str, *, name: str) -> str:
    """Return ``text`` unless it is only whitespace or mostly control characters."""
    if not text.strip():
        raise ExtractionError(
            f"{name} is empty (only whitespace): check the file or remove its manifest row"
        )
    _reject_controls(text, name=name)
    return text


def _reject_magic(data: bytes, *, name: str) -> None:
    """Raise if ``data`` starts with the signature of a binary format."""
    found = _sniff_magic(data)
    if found is not None:
        what, fix = found
        raise ExtractionError(f"{name} looks like {what}, not a text file: {fix}")


def _reject_controls(text: str, *, name: str) -> None:
    """Raise if more than a few percent of ``text`` are control characters."""
    controls = len(_C0_CONTROLS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ExtractionError(
            f"{name} looks like a binary file, not a text file ({controls} of {len(text)} "
            "characters are control characters): export its text as UTF-8 plain text, or "
            "give it its right suffix (e.g. .pdf)"
        )


def _sniff_utf16(data: bytes) -> str | None:
    """``"utf_16_le"`` or ``"utf_16_be"`` if NUL bytes sit on every other position."""
    if len(data) < 2:
        return None
    even, odd = data[0::2], data[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= _UTF16_NUL_MIN and nul_even <= _UTF16_NUL_MAX:
        return "utf_16_le"
    if nul_even >= _UTF16_NUL_MIN and nul_odd <= _UTF16_NUL_MAX:
        return "utf_16_be"
    return None


def _reject_mixed_utf8(data: bytes, exc: UnicodeDecodeError, *, name: str) -> None:
    """Raise if ``data`` is mostly UTF-8 but has bytes that are not (mixed encodings)."""
    utf8 = _UTF8_MULTIBYTE.findall(data)
    other = len(_HIGH_BYTES.findall(data)) - sum(len(seq) for seq in utf8)
    if len(utf8) >= 2 and len(utf8) >= other:
        raise ExtractionError(
            f"{name} mixes encodings: it has {len(utf8)} UTF-8 characters such as "
            f"{utf8[0].decode('utf_8')!r} but also bytes that are not UTF-8 (first at byte "
            f"{exc.start}: {data[exc.start : exc.start + 1]!r}): re-save it as UTF-8"
        )


def _guess_legacy_encoding(data: bytes, *, name: str) -> str:
    """Pick the single-byte encoding of a Norwegian file that is not UTF-8."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
    if best is None:
        raise ExtractionError(
            f"{name} is not UTF-8, UTF-16 or a Western European single-byte encoding "
            f"({', '.join(_LEGACY_CANDIDATES)}): re-save it as UTF-8"
        )
    return _prefer_latin_encoding(data, best.encoding)


def _prefer_latin_encoding(data: bytes, guessed: str) -> str:
    """Report cp1252 only when it matters, and Latin-1 when the Latin family agrees."""
    if guessed not in _LATIN_FAMILY:
        return guessed
    if _C1_BYTES.search(data):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin_1"
        return "cp1252"
    if guessed == "iso8859_15" and _ISO8859_15_BYTES.search(data):
        return "iso8859_15"
    return "latin_1"


def _count_line_endings(text: str) -> dict[str, int]:
    """Numbers of CRLF, lone CR and lone LF line ends in ``text``."""
    crlf = text.count("\r\n")
    return {"crlf": crlf, "cr": text.count("\r") - crlf, "lf": text.count("\n") - crlf}


#: Every character ``str.isspace`` (and so ``str.split``) counts as whitespace, as of
#: Python 3.11's Unicode database (``tests/unit/test_extract.py`` checks it against it).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)


def _count_non_space(text: str) -> int:
    """Number of characters in ``text`` that are not whitespace (``len("".join(text.split()))``,
    counted without splitting the text into words)."""
    return len(text) - sum(map(text.count, WHITESPACE))


def _check_min_characters(min_characters: int) -> None:
    if isinstance(min_characters, bool) or not isinstance(min_characters, int):
        raise TypeError(f"min_characters must be an int, got {min_characters!r}")
    if min_characters < 0:
        raise ValueError(
            f"min_characters must be >= 0 (0 switches the check off), got {min_characters}"
        )


def _read_bytes(path: str | Path) -> bytes:
    """Read a file, turning the usual OS errors into an :class:`ExtractionError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ExtractionError(f"{path} does not exist: check its path in the manifest") from exc
    except IsADirectoryError as exc:
        raise ExtractionError(
            f"{path} is a directory, not a file: point its manifest row at a file"
        ) from exc
    except OSError as exc:
        raise ExtractionError(
            f"{path} cannot be read ({exc.strerror}): check that it exists and is readable"
        ) from exc


def extract_text_file(path: str | Path, *, min_characters: int = 1) -> Extracted:
    """Read a plain-text file (``.txt``, ``.md``, ``.text``).

    Parameters
    ----------
    path : str or Path
        The file; recorded as given.
    min_characters : int, default 1
        Fewest non-space characters the text must have (0 switches the check off).

    Returns
    -------
    Extracted
        Normalised text (see :func:`normalise_text`) and its record, with ``format`` "text"
        and ``pages``, ``page_numbers`` None.

    A file whose text is HTML markup (a web page saved as ``.txt``) is read as a web page
    (:func:`extract_html`), with a warning saying so.

    Raises
    ------
    ExtractionError
        If the file is missing, empty, binary, of unknown encoding or too short.
    """
    _check_min_characters(min_characters)
    name = str(path)
    data = _read_bytes(path)
    raw, encoding, bom = decode_text(data, name=name)
    if looks_like_html(raw):
        return extract_html(
            path,
            min_characters=min_characters,
            note=(
                f"HTML markup in a {Path(path).suffix or 'suffix-less'} file: read as a web "
                "page (its main text, without markup, navigation and scripts); rename it to "
                ".html"
            ),
            data=data,
        )
    text = normalise_text(raw)
    non_space = _count_non_space(text)
    if non_space < min_characters:
        raise ExtractionError(
            f"{name} is too short: {non_space} non-space characters, fewer than "
            f"min_characters={min_characters}: check the file or lower min_characters"
        )
    warnings = []
    if encoding in ("utf_16_le", "utf_16_be"):
        warnings.append(
            f"UTF-16 without a byte-order mark: decoded as {encoding}, guessed from the "
            "positions of NUL bytes"
        )
    elif encoding not in _UNICODE_ENCODINGS:
        warnings.append(
            f"not UTF-8: decoded as {encoding}, guessed; check æøå in the text or re-save "
            "the file as UTF-8"
        )
    record = {
        "file": name,
        "format": "text",
        "encoding": encoding,
        "bom": bom,
        "pages": None,
        "page_numbers": None,
        "characters": len(text),
        "line_endings": _count_line_endings(raw),
        "empty_pages": [],
        "warnings": warnings,
    }
    return Extracted(text=text, record=record)


# --------------------------------------------------------------------------------------------
# PDF


class _ListHandler(logging.Handler):
    """Logging handler that appends formatted messages to a list."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


@contextmanager
def _collect_pypdf_warnings(sink: list[str]) -> Iterator[None]:
    """Copy what pypdf logs at WARNING and above into ``sink`` (it still reaches the log)."""
    logger = logging.getLogger("pypdf")
    handler = _ListHandler(sink)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _format_page_list(pages: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1-3, 7"``."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _page_numbers(labels: list[str]) -> tuple[list[int], list[str]]:
    """Numeric page labels as ints, others replaced by the 1-based position; and the others."""
    numbers = [
        int(label) if _ASCII_NUMBER.fullmatch(label) else index
        for index, label in enumerate(labels, start=1)
    ]
    return numbers, [label for label in labels if not _ASCII_NUMBER.fullmatch(label)]


def _not_readable(name: str, data: bytes, exc: BaseException) -> ExtractionError:
    """The error for a PDF that pypdf cannot parse, saying what the file looks like."""
    found = _sniff_magic(data)
    hint = ""
    if found is not None and found[0] != "a PDF":
        hint = f"; it looks like {found[0]}: {found[1]}"
    elif b"%PDF-" not in data[:1024] and looks_like_html(data[:4096].decode("latin_1")):
        hint = "; it looks like a web page (HTML): rename it to .html"
    elif b"%PDF-" not in data[:1024]:
        hint = "; it has no PDF header"
    return ExtractionError(
        f"{name} is not a readable PDF ({type(exc).__name__}: {exc}){hint}: check that the "
        "file is complete (download or export it again)"
    )


_PASSWORD = (
    "{name} is encrypted with a password: save an unencrypted copy (e.g. qpdf --decrypt "
    "--password=... in.pdf out.pdf) and add that instead"
)


def _open_pdf(data: bytes, *, name: str, warnings: list[str]) -> Any:
    """Open ``data`` with pypdf, decrypting it with the empty password if needed."""
    import pypdf
    from pypdf.errors import DependencyError

    aes = (
        f"{name} is encrypted with AES, which pypdf cannot decrypt without the 'cryptography' "
        "package: install cryptography in the environment, or save an unencrypted copy "
        "(e.g. qpdf --decrypt) and add that instead"
    )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
    except DependencyError as exc:
        raise ExtractionError(aes) from exc
    # pypdf raises many exception types on malformed input, not only PyPdfError.
    except Exception as exc:
        raise _not_readable(name, data, exc) from exc
    if reader.is_encrypted:
        try:
            status = reader.decrypt("")
        except DependencyError as exc:
            raise ExtractionError(aes) from exc
        except Exception as exc:
            raise _not_readable(name, data, exc) from exc
        if status == pypdf.PasswordType.NOT_DECRYPTED:
            raise ExtractionError(_PASSWORD.format(name=name))
        warnings.append("encrypted with an empty user password: decrypted")
    return reader


def _read_pdf_pages(
    reader: Any, data: bytes, *, name: str, warnings: list[str]
) -> tuple[list[str], list[str]]:
    """Raw text and label of every page; a page that fails is logged and left empty."""
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise _not_readable(name, data, exc) from exc
    if not pages:
        raise ExtractionError(f"{name} has no pages: check the file or remove its manifest row")
    try:
        labels = list(reader.page_labels)
    except Exception as exc:
        warnings.append(f"page labels unreadable ({type(exc).__name__}: {exc}): positions used")
        labels = [str(index) for index in range(1, len(pages) + 1)]
    texts, failures = [], []
    for index, page in enumerate(pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:
            texts.append("")
            failures.append(exc)
            warnings.append(f"page {index}: text extraction failed ({type(exc).__name__}: {exc})")
    if len(failures) == len(pages):
        raise _not_readable(name, data, failures[0]) from failures[0]
    return texts, labels


def _pdfium_version() -> str:
    from importlib.metadata import version

    import pypdfium2

    return f"pypdfium2 {version('pypdfium2')} (PDFium {pypdfium2.version.PDFIUM_INFO.build})"


def _pdfium_text(text: str) -> str:
    """A page's text as PDFium gives it, in the form pypdf gives it: PDFium ends lines with
    ``\\r\\n`` and marks a hyphen it took out of a line-end break with U+FFFE; the break and
    the hyphen are put back (``selvhjelps-\\nsaken``), so the cleaner decides, as for any
    other text, whether the hyphen joins a word or belongs to it (``IT-løsninger``)."""
    return text.replace("\r\n", "\n").replace("\ufffe", "-\n")


def _read_pdf_pdfium(data: bytes, *, name: str, warnings: list[str]) -> Any:
    """Raw text and label of every page read with PDFium, or None when PDFium cannot open
    the file (then pypdf tries, and gives its errors); a page that fails is logged and left
    empty."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(_PASSWORD.format(name=name)) from exc
        return None
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document) >= 0:
            warnings.append("encrypted with an empty user password: decrypted")
        n_pages = len(document)
        if not n_pages:
            raise ExtractionError(f"{name} has no pages: check the file or remove its manifest row")
        labels = []
        for index in range(n_pages):
            try:
                labels.append(document.get_page_label(index) or str(index + 1))
            except Exception as exc:  # a broken label tree: positions instead
                warnings.append(
                    f"page labels unreadable ({type(exc).__name__}: {exc}): positions used"
                )
                labels = [str(i) for i in range(1, n_pages + 1)]
                break
        texts, failures = [], []
        for index in range(n_pages):
            try:
                page = document[index]
                textpage = page.get_textpage()
                texts.append(_pdfium_text(textpage.get_text_range()))
                textpage.close()
                page.close()
            except Exception as exc:
                texts.append("")
                failures.append(exc)
                warnings.append(
                    f"page {index + 1}: text extraction failed ({type(exc).__name__}: {exc})"
                )
        if len(failures) == n_pages:
            raise _not_readable(name, data, failures[0]) from failures[0]
        return texts, labels
    finally:
        document.close()


def extract_pdf(path: str | Path, *, min_characters: int = 1) -> Extracted:
    """Read the text layer of a PDF with PDFium (pypdfium2), page by page.

    Text comes from PDFium's text page (``get_text_range()``; line ends and line-end hyphens
    as pypdf's ``page.extract_text()`` gives them, see :func:`_pdfium_text`), about four
    times faster than pypdf. A file PDFium cannot open (damaged, truncated, not a PDF) is
    handed to pypdf, which reads what it can and otherwise raises the error that says what
    the file is. ``record["extractor"]`` names the library that read the text.

    Pages are normalised one by one (see :func:`normalise_text`) and joined by ``\\f``. PDFs
    encrypted with the empty user password are decrypted. ``page_numbers`` holds each page's
    label when it is a number, otherwise the page's 1-based position. Pages without text are
    listed in ``empty_pages`` (1-based positions) with a warning; pypdf's own warnings, when
    pypdf read the file, are copied into ``warnings``.

    Parameters
    ----------
    path : str or Path
        The PDF; recorded as given.
    min_characters : int, default 1
        Fewest non-space characters the whole document must have; fewer means it has no text
        layer (0 switches the check off).

    Returns
    -------
    Extracted
        Text and record, with ``format`` "pdf", ``encoding`` None and ``bom`` False.

    Raises
    ------
    ExtractionError
        If the file is missing or empty, encrypted with a password, not a readable PDF, has no
        pages, or has no text layer.
    """
    _check_min_characters(min_characters)
    name = str(path)
    data = _read_bytes(path)
    if not data:
        raise ExtractionError(
            f"{name} is empty (0 bytes): check the file or remove its manifest row"
        )
    warnings: list[str] = []
    pypdf_warnings: list[str] = []
    read = _read_pdf_pdfium(data, name=name, warnings=warnings)
    if read is not None:
        extractor = _pdfium_version()
    else:
        from importlib.metadata import version

        extractor = f"pypdf {version('pypdf')}"
        with _collect_pypdf_warnings(pypdf_warnings):
            reader = _open_pdf(data, name=name, warnings=warnings)
            read = _read_pdf_pages(reader, data, name=name, warnings=warnings)
    raw_pages, labels = read
    pages = [normalise_text(raw).replace("\f", "\n") for raw in raw_pages]
    text = "\f".join(pages)
    non_space = _count_non_space(text)
    if non_space < min_characters:
        raise ExtractionError(
            f"{name} has no text layer ({non_space} non-space characters in {len(pages)} "
            f"pages, fewer than min_characters={min_characters}): run OCR first (e.g. "
            "ocrmypdf) and add the OCR'd PDF"
        )
    empty_pages = [index for index, page in enumerate(pages, start=1) if not page.strip()]
    if empty_pages:
        warnings.append(
            f"{len(empty_pages)} of {len(pages)} pages have no text (pages "
            f"{_format_page_list(empty_pages)}, counted from 1): if they hold scanned text, "
            "run OCR (e.g. ocrmypdf)"
        )
    page_numbers, non_numeric = _page_numbers(labels)
    if non_numeric:
        warnings.append(
            f"{len(non_numeric)} page labels are not numbers (e.g. {non_numeric[0]!r}): their "
            "1-based positions are used as page numbers"
        )
    unique = list(dict.fromkeys(pypdf_warnings))
    warnings += [f"pypdf: {message}" for message in unique[:_MAX_PDF_WARNINGS]]
    if len(unique) > _MAX_PDF_WARNINGS:
        warnings.append(f"pypdf: {len(unique) - _MAX_PDF_WARNINGS} more distinct warnings")
    record = {
        "file": name,
        "format": "pdf",
        "encoding": None,
        "bom": False,
        "pages": len(pages),
        "page_numbers": page_numbers,
        "characters": len(text),
        "line_endings": _count_line_endings("".join(raw_pages)),
        "empty_pages": empty_pages,
        "warnings": warnings,
        "extractor": extractor,
    }
    return Extracted(text=text, record=record)


# --------------------------------------------------------------------------------------------
# Web pages and word-processor documents


def _paragraph_record(
    paragraphs: list[str],
    *,
    name: str,
    fmt: str,
    extractor: str,
    warnings: list[str],
    min_characters: int,
    empty: tuple[str, str],
    encoding: str | None = None,
    bom: bool = False,
    line_endings: dict[str, int] | None = None,
) -> Extracted:
    """Join paragraphs by blank lines, normalise, check the length, and make the record."""
    text = normalise_text("\n\n".join(paragraphs) + "\n" if paragraphs else "")
    non_space = _count_non_space(text)
    if non_space < min_characters:
        what, fix = empty
        raise ExtractionError(
            f"{name} {what} ({non_space} non-space characters, fewer than "
            f"min_characters={min_characters}): {fix}"
        )
    record = {
        "file": name,
        "format": fmt,
        "encoding": encoding,
        "bom": bom,
        "pages": None,
        "page_numbers": None,
        "characters": len(text),
        "line_endings": line_endings or {"crlf": 0, "cr": 0, "lf": 0},
        "empty_pages": [],
        "warnings": warnings,
        "extractor": extractor,
    }
    return Extracted(text=text, record=record)


def decode_html(data: bytes, *, name: str) -> tuple[str, str, bool, list[str]]:
    """Decode a web page: ``(text, encoding, had_bom, warnings)``.

    A byte-order mark wins, then the charset the page declares
    (:func:`ordskifte.ingest.webpage.declared_charset`), then :func:`decode_text` (with a
    warning when the declared charset is not the page's).

    Raises
    ------
    ExtractionError
        As :func:`decode_text` (empty, binary, unknown encoding).
    """
    warnings: list[str] = []
    has_bom = any(data.startswith(bom) for bom, _, _ in _BOMS)
    declared = None if has_bom else declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, False, warnings
        except UnicodeDecodeError:
            if declared == "cp1252":  # one of the five bytes cp1252 leaves undefined
                return data.decode("latin_1"), "latin_1", False, warnings
            warnings.append(f"the page declares charset {declared} but is not valid {declared}")
    text, encoding, bom = decode_text(data, name=name)
    if warnings:
        warnings[-1] += f": decoded as {encoding}, found by inspection"
    return text, encoding, bom, warnings


def extract_html(
    path: str | Path,
    *,
    min_characters: int = 1,
    note: str | None = None,
    data: bytes | None = None,
) -> Extracted:
    """Read a saved web page (``.html``, ``.htm``, ``.xhtml``, or markup in a text file): its
    main text, one paragraph per block, without markup, navigation, scripts and boilerplate
    (:func:`ordskifte.ingest.webpage.main_text`).

    Parameters
    ----------
    path : str or Path
        The page; recorded as given.
    min_characters : int, default 1
        Fewest non-space characters the main text must have (0 switches the check off).
    note : str, optional
        A warning to record first (why a text file is read as a web page).
    data : bytes, optional
        The file's bytes, when the caller has read them already.

    Returns
    -------
    Extracted
        Paragraphs joined by blank lines, normalised (:func:`normalise_text`); ``format``
        "html", the page's ``encoding``, ``extractor`` the library and its version.

    Raises
    ------
    ExtractionError
        If the file is missing, empty, binary, of unknown encoding, or has no main text.
    """
    from ordskifte.ingest.webpage import extractor_version, main_text

    _check_min_characters(min_characters)
    name = str(path)
    data = _read_bytes(path) if data is None else data
    markup, encoding, bom, warnings = decode_html(data, name=name)
    paragraphs = main_text(markup)
    return _paragraph_record(
        paragraphs,
        name=name,
        fmt="html",
        extractor=extractor_version(),
        warnings=[*([note] if note else []), *warnings],
        min_characters=min_characters,
        empty=(
            "has no main text",
            "none was found in the page (a page built by JavaScript, or only navigation and "
            "links?); open it in a browser, save it as PDF and add that instead",
        ),
        encoding=encoding,
        bom=bom,
        line_endings=_count_line_endings(markup),
    )


def extract_office(path: str | Path, *, min_characters: int = 1) -> Extracted:
    """Read a Word (``.docx``) or OpenDocument (``.odt``) document paragraph by paragraph
    (:mod:`ordskifte.ingest.office`: body text in order, table cells as paragraphs; tracked
    changes read as accepted and footnotes left out, each with a warning).

    Returns
    -------
    Extracted
        Paragraphs joined by blank lines, normalised (:func:`normalise_text`); ``format``
        "docx" or "odt", ``encoding`` None, ``extractor`` the library and its version.

    Raises
    ------
    ExtractionError
        If the file is missing, empty, of another format, encrypted, damaged, or has no text.
    """
    from importlib.metadata import version

    from ordskifte.ingest.office import read_docx, read_odt

    _check_min_characters(min_characters)
    name = str(path)
    data = _read_bytes(path)
    if Path(path).suffix.lower() in DOCX_SUFFIXES:
        paragraphs, warnings = read_docx(data, name=name)
        fmt, extractor = "docx", f"python-docx {version('python-docx')}"
    else:
        paragraphs, warnings = read_odt(data, name=name)
        fmt, extractor = "odt", f"odfpy {version('odfpy')}"
    return _paragraph_record(
        paragraphs,
        name=name,
        fmt=fmt,
        extractor=extractor,
        warnings=warnings,
        min_characters=min_characters,
        empty=(
            "has no text in its body",
            "check the file (text only in text boxes, headers, footers or footnotes is not "
            "read; a scanned page needs OCR)",
        ),
    )


# --------------------------------------------------------------------------------------------
# Dispatch


def extract_file(path: str | Path, *, min_characters: int = 1) -> Extracted:
    """Read a document, choosing the reader by its suffix (case-insensitive).

    Parameters
    ----------
    path : str or Path
        The document: ``.txt``, ``.md`` or ``.text`` for plain text, ``.pdf`` for PDF,
        ``.html``, ``.htm`` or ``.xhtml`` for a web page, ``.docx`` or ``.odt`` for a
        word-processor document.
    min_characters : int, default 1
        Fewest non-space characters the document must yield (0 switches the check off).

    Returns
    -------
    Extracted
        Text and provenance record; see :func:`extract_text_file` and :func:`extract_pdf`.

    Raises
    ------
    ExtractionError
        If the suffix is not supported, or the document cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return extract_text_file(path, min_characters=min_characters)
    if suffix in PDF_SUFFIXES:
        return extract_pdf(path, min_characters=min_characters)
    if suffix in HTML_SUFFIXES:
        return extract_html(path, min_characters=min_characters)
    if suffix in DOCX_SUFFIXES | ODT_SUFFIXES:
        return extract_office(path, min_characters=min_characters)
    supported = ", ".join(sorted(SUFFIXES))
    found = f"suffix {Path(path).suffix!r}" if suffix else "no suffix"
    raise ExtractionError(
        f"{path} has {found}, which is not supported: supported suffixes are {supported}; "
        "convert the file to one of them and update its manifest row"
    )


def save_extracted(
    result: Extracted, *, raw_out: str | Path, record_out: str | Path, doc_id: str, source: str
) -> dict[str, Any]:
    """Write an extracted document: its text to ``raw_out`` (UTF-8) and its record, with
    ``doc_id`` added, to ``record_out`` (JSON); log what was read and every warning. Returns
    the record as written."""
    from ordskifte.io import write_json

    Path(raw_out).parent.mkdir(parents=True, exist_ok=True)
    Path(raw_out).write_text(result.text, encoding="utf-8")
    record = dict(result.record, doc_id=doc_id)
    write_json(record, record_out)
    log.info(
        "%s: %s, encoding %s, %s page(s), %d characters",
        source,
        record.get("format"),
        record.get("encoding"),
        record.get("pages"),
        record.get("characters", 0),
    )
    for warning in record.get("warnings", []):
        log.warning("%s: %s", source, warning)
    return record
