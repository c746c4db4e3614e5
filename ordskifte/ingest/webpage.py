"""Read a saved web page (HTML or XHTML) into its main text, paragraph by paragraph.

A page saved from a browser holds far more than its text: navigation, menus, cookie notices,
scripts, styles, footers. Tokenized as it is, its markup becomes words (``doctype``, ``html``,
``meta``, ``charset``) and its menus are counted on every page. :func:`main_text` hands the
markup to trafilatura, a library made for this (it finds the main content of a page by the
structure and the link density of its blocks, with jusText and readability-style fallbacks,
and leaves navigation, scripts and boilerplate out), asks for its XML output, and turns each
block (heading, paragraph, list item, table cell, quotation) into one paragraph.

:func:`declared_charset` reads the charset a page declares (``<meta charset>`` or the XML
declaration; ``iso-8859-1`` is read as cp1252, as browsers do), which
:func:`ordskifte.ingest.extract.decode_html` prefers to guessing.

:func:`looks_like_html` tells markup saved under a text suffix (``.txt``) from text.

trafilatura is imported inside :func:`main_text`: it costs about 0.3 s, paid only by the
jobs that read a web page.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET

__all__ = ["HTML_SUFFIXES", "declared_charset", "looks_like_html", "main_text"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

#: A document that starts (after an XML declaration or comments) with a doctype or an html,
#: head or body element.
_DOCUMENT_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
#: A fragment: a page's content saved without its frame starts with one of these elements.
_FRAGMENT_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(p|div|h[1-6]|article|section|main|table|ul|ol|blockquote|"
    r"header|nav|span|a|meta|title|link|style|script)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
#: Labels browsers read as windows-1252 (WHATWG Encoding Standard).
_READ_AS_CP1252 = frozenset({"latin_1", "ascii", "iso8859_1", "cp819"})
#: Blocks of trafilatura's XML output: each becomes a paragraph.
_BLOCKS = frozenset({"head", "p", "item", "cell", "quote", "code"})
_SPACES = re.compile(r"[^\S\n]+")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup: a whole page (doctype, ``<html>``, ``<head>`` or
    ``<body>`` first) or a fragment (a block element first, closed later in the text).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Selvhjelp</p></body></html>")
    True
    >>> looks_like_html("<p>Selvhjelp er viktig.</p>\\n<p>Frivillig arbeid.</p>")
    True
    >>> looks_like_html("Selvhjelp <i>er</i> viktig.")
    False
    """
    head = text[:4096]
    if _DOCUMENT_START.match(head):
        return True
    fragment = _FRAGMENT_START.match(head)
    return bool(fragment) and f"</{fragment.group(1).lower()}" in text.lower()


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first 4 KB, or None."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    return "cp1252" if codec in _READ_AS_CP1252 else codec


def main_text(markup: str) -> list[str]:
    """The paragraphs of a page's main text, without navigation, scripts and boilerplate.

    Parameters
    ----------
    markup : str
        The page (or a fragment of one) as decoded text.

    Returns
    -------
    list of str
        One string per block of the main content (heading, paragraph, list item, table
        cell, quotation), whitespace collapsed (a ``<br>`` stays a line break); empty when
        trafilatura finds no main text.
    """
    import trafilatura

    xml = trafilatura.extract(
        markup,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not xml:
        return []
    main = ET.fromstring(xml).find("main")
    return _paragraphs(main) if main is not None else []


def extractor_version() -> str:
    """``"trafilatura <version>"``, for the extraction record."""
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"


def _paragraphs(root: ET.Element) -> list[str]:
    """The text of each block under ``root``; a block holding blocks is split around them."""
    out: list[str] = []

    def flush(parts: list[str]) -> None:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
        text = text.strip()
        if text:
            out.append(text)

    def visit(node: ET.Element) -> None:
        parts = [node.text or ""]
        for child in node:
            if child.tag in _BLOCKS or _holds_block(child):
                flush(parts)
                visit(child)
                parts = [child.tail or ""]
            else:
                parts += [_inline(child), child.tail or ""]
        flush(parts)

    for child in root:
        visit(child)
    return out


def _holds_block(node: ET.Element) -> bool:
    return any(el.tag in _BLOCKS for el in node.iter() if el is not node)


def _inline(node: ET.Element) -> str:
    if node.tag == "lb":
        return "\n"
    parts = [node.text or ""]
    for child in node:
        parts += [_inline(child), child.tail or ""]
    return "".join(parts)
