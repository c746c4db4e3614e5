"""Read word-processor documents (Word ``.docx``, OpenDocument ``.odt``) paragraph by paragraph.

Both formats are ZIP archives of XML. python-docx and odfpy open them (and say when they
cannot); the paragraphs are then read from the document body in order: headings, paragraphs,
list items, and each table cell's paragraphs. Text in tracked insertions is read and tracked
deletions are not (the document as if every change were accepted), with a warning; footnotes,
endnotes and comments are not part of the body text and are left out, counted in a warning;
running headers and footers are left out as the cleaning step leaves them out of PDFs.

:func:`read_docx` and :func:`read_odt` return ``(paragraphs, warnings)`` or raise
:class:`~ordskifte.ingest.extract.ExtractionError` naming the file and what to do.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

from ordskifte.ingest.errors import ExtractionError
from ordskifte.ingest.signatures import describe_package, sniff_signature

__all__ = ["DOCX_SUFFIXES", "ODT_SUFFIXES", "read_docx", "read_odt"]

DOCX_SUFFIXES = frozenset({".docx"})
ODT_SUFFIXES = frozenset({".odt"})

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Inside a paragraph: elements whose text is not the paragraph's (deleted text, drawings and
#: text boxes, alternative renderings of them, field instructions).
_DOCX_SKIP = frozenset(
    {_W + "del", _W + "drawing", _W + "pict", _W + "instrText", _MC + "AlternateContent"}
)
_DOCX_CHARACTERS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _error(message: str) -> ExtractionError:
    return ExtractionError(message)


def _open_zip(data: bytes, *, name: str, kind: str) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP archive, or raise saying what the file is instead."""
    if not data:
        raise _error(f"{name} is empty (0 bytes): check the file or remove its manifest row")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _error(
            f"{name} is not a {kind}: it is an old Microsoft Office file (.doc) or a document "
            f"encrypted with a password; save it as {kind} without a password (or as PDF) and "
            "add that instead"
        )
    found = sniff_signature(data)
    if found is not None and not data.startswith(b"PK"):
        raise _error(f"{name} is not a {kind}: it looks like {found[0]}; {found[1]}")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if not data.startswith(b"PK"):
            _reject_text(data, name=name, kind=kind)
        raise _error(
            f"{name} is not a readable {kind} (not a complete ZIP archive: {exc}): check that "
            "the file is complete (save or download it again)"
        ) from exc


def _reject_text(data: bytes, *, name: str, kind: str) -> None:
    """Raise if ``data``, which is no ZIP archive, is a web page or plain text."""
    from ordskifte.ingest.webpage import looks_like_html

    head = data[:4096]
    if b"\x00" in head:
        return
    text = head.decode("utf-8", errors="replace")
    if looks_like_html(text):
        raise _error(f"{name} is not a {kind}: it looks like a web page (HTML); rename it to .html")
    if sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text):
        raise _error(f"{name} is not a {kind}: it looks like plain text; rename it to .txt")


# --------------------------------------------------------------------------------------------
# Word


def read_docx(data: bytes, *, name: str) -> tuple[list[str], list[str]]:
    """The paragraphs of a Word document's body, in order, and warnings.

    Raises
    ------
    ExtractionError
        If the file is empty, not a ZIP archive, another office format, or python-docx
        cannot open it.
    """
    archive = _open_zip(data, name=name, kind="Word document (.docx)")
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        other = describe_package(names, archive)
        raise _error(
            f"{name} is not a Word document (.docx): "
            + (f"it is {other[0]}; {other[1]}" if other else "the archive has no word/document.xml")
        )
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on a damaged package
        raise _error(
            f"{name} is not a readable Word document ({type(exc).__name__}: {exc}): open it "
            "in a word processor and save it again as .docx"
        ) from exc
    body = document.element.body
    paragraphs = [text for text in _docx_blocks(body) if text.strip()]
    warnings = []
    changes = sum(1 for _ in body.iter(_W + "ins")) + sum(1 for _ in body.iter(_W + "del"))
    if changes:
        warnings.append(
            f"{changes} tracked change(s): read as if accepted (insertions kept, deletions left "
            "out); accept or reject them and save again if that is not the text to analyse"
        )
    notes = sum(1 for _ in body.iter(_W + "footnoteReference")) + sum(
        1 for _ in body.iter(_W + "endnoteReference")
    )
    if notes:
        warnings.append(f"{notes} footnote(s) or endnote(s) left out (only the body text is read)")
    return paragraphs, warnings


def _docx_blocks(container) -> Iterator[str]:
    """Paragraph texts of a body, table cell or content control, in document order."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            yield _docx_text(child)
        elif tag == _W + "tbl":
            for row in child.findall(_W + "tr"):
                for cell in row.findall(_W + "tc"):
                    yield from _docx_blocks(cell)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _docx_blocks(child)


def _docx_text(element) -> str:
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _DOCX_SKIP:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in _DOCX_CHARACTERS:
            parts.append(_DOCX_CHARACTERS[tag])
        else:
            parts.append(_docx_text(child))
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# OpenDocument


def read_odt(data: bytes, *, name: str) -> tuple[list[str], list[str]]:
    """The paragraphs of an OpenDocument text's body, in order, and warnings.

    Raises
    ------
    ExtractionError
        If the file is empty, not a ZIP archive, another format, encrypted, or odfpy cannot
        read it.
    """
    archive = _open_zip(data, name=name, kind="OpenDocument text (.odt)")
    names = set(archive.namelist())
    other = describe_package(names, archive)
    if other is None or not other[0].startswith("an OpenDocument text"):
        raise _error(
            f"{name} is not an OpenDocument text (.odt): "
            + (f"it is {other[0]}; {other[1]}" if other else "the archive has no mimetype")
        )
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
        "META-INF/manifest.xml"
    ):
        raise _error(
            f"{name} is encrypted with a password: save a copy without a password and add that "
            "instead"
        )
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises many types on a damaged package
        raise _error(
            f"{name} is not a readable OpenDocument text ({type(exc).__name__}: {exc}): open "
            "it in a word processor and save it again as .odt"
        ) from exc
    counts = {"note": 0, "tracked": 0, "annotation": 0}
    paragraphs = [text for text in _odt_blocks(document.text, counts) if text.strip()]
    warnings = []
    if counts["tracked"]:
        warnings.append(
            "tracked changes: read as if accepted (insertions kept, deletions left out); "
            "accept or reject them and save again if that is not the text to analyse"
        )
    if counts["note"]:
        warnings.append(
            f"{counts['note']} footnote(s) or endnote(s) left out (only the body text is read)"
        )
    if counts["annotation"]:
        warnings.append(f"{counts['annotation']} comment(s) left out")
    return paragraphs, warnings


def _odt_ns():
    from odf.namespaces import OFFICENS, TEXTNS

    return OFFICENS, TEXTNS


def _odt_blocks(container, counts: dict[str, int]) -> Iterator[str]:
    """Paragraph texts under ``container``; a paragraph holding paragraphs (a text box) is
    split around them."""
    officens, textns = _odt_ns()
    blocks = {(textns, "p"), (textns, "h")}
    skip = _odt_skipper(counts)
    parts: list[str] = []
    for child in container.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        if child.nodeType != child.ELEMENT_NODE or skip(child):
            continue
        if child.qname in blocks or _odt_holds_block(child, blocks):
            if parts:
                yield "".join(parts)
                parts = []
            yield from _odt_blocks(child, counts)
            continue
        parts.append(_odt_inline(child, counts))
    if parts:
        yield "".join(parts)


def _odt_skipper(counts: dict[str, int]) -> Callable:
    officens, textns = _odt_ns()

    def skip(node) -> bool:
        qname = node.qname
        if qname == (textns, "note"):
            counts["note"] += 1
            return True
        if qname == (textns, "tracked-changes"):
            counts["tracked"] += 1
            return True
        if qname == (officens, "annotation"):
            counts["annotation"] += 1
            return True
        return qname in {(officens, "annotation-end"), (textns, "sequence-decls")}

    return skip


def _odt_holds_block(node, blocks) -> bool:
    for child in node.childNodes:
        if child.nodeType == child.ELEMENT_NODE and (
            child.qname in blocks or _odt_holds_block(child, blocks)
        ):
            return True
    return False


def _odt_inline(node, counts: dict[str, int]) -> str:
    _, textns = _odt_ns()
    skip = _odt_skipper(counts)
    qname = node.qname
    if qname == (textns, "s"):
        return " " * int(node.getAttrNS(textns, "c") or 1)
    if qname == (textns, "tab"):
        return "\t"
    if qname == (textns, "line-break"):
        return "\n"
    parts = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.nodeType == child.ELEMENT_NODE and not skip(child):
            parts.append(_odt_inline(child, counts))
    return "".join(parts)
