"""Unit tests for web pages, Word and OpenDocument files in ordskifte.ingest.extract: the main
text paragraph by paragraph, without markup or boilerplate, the record, and one clear error for
each kind of broken file. Every file is made in the test (tests/docmaker.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ordskifte.ingest.extract import ExtractionError, extract_file
from ordskifte.ingest.webpage import declared_charset, looks_like_html
from ordskifte.text.clean import clean_document
from tests.docmaker import BOILERPLATE, odt_document, web_page, word_document, zip_archive
from tests.pdfmaker import minimal_pdf

ARTICLE = [
    "Selvhjelp er en viktig ressurs i folkehelsearbeidet, og mange frivillige organisasjoner "
    "driver selvhjelpsgrupper over hele landet.",
    "Regjeringen vil styrke arbeidet med psykisk helse og selvhjelp i kommunene – og legge til "
    "rette for at flere kan delta i likemannsarbeid.",
]
#: The paragraphs every reader returns for the article (heading, text, list, table cells).
EXPECTED = [
    "Selvhjelp i folkehelsearbeidet",
    *ARTICLE,
    "Selvhjelpsgrupper i kommunene",
    "Likemannsarbeid",
    "År",
    "Grupper",
    "2003",
    "120",
]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


def assert_no_boilerplate(text: str) -> None:
    for word in BOILERPLATE:
        assert word not in text, word


# --------------------------------------------------------------------------------------------
# Web pages


@pytest.mark.parametrize(
    ("name", "xhtml"),
    [("side.html", False), ("side.htm", False), ("side.xhtml", True), ("side.html", True)],
)
def test_web_page_gives_its_main_text_by_paragraph(tmp_path, name, xhtml):
    result = extract_file(write(tmp_path, name, web_page(ARTICLE, xhtml=xhtml)))
    assert paragraphs(result.text) == EXPECTED
    assert_no_boilerplate(result.text)
    record = result.record
    assert (record["format"], record["encoding"], record["pages"]) == ("html", "utf_8", None)
    assert record["extractor"].startswith("trafilatura ")
    assert record["warnings"] == []
    assert record["characters"] == len(result.text)
    json.dumps(record)


@pytest.mark.parametrize("name", ["side.txt", "side.md", "side.text"])
@pytest.mark.parametrize("xhtml", [False, True])
def test_markup_saved_as_text_is_read_as_a_web_page_with_a_warning(tmp_path, name, xhtml):
    result = extract_file(write(tmp_path, name, web_page(ARTICLE, xhtml=xhtml)))
    assert paragraphs(result.text) == EXPECTED
    assert_no_boilerplate(result.text)
    assert result.record["format"] == "html"
    suffix = Path(name).suffix
    assert result.record["warnings"] == [
        f"HTML markup in a {suffix} file: read as a web page (its main text, without markup, "
        "navigation and scripts); rename it to .html"
    ]


def test_fragment_of_markup_in_a_text_file(tmp_path):
    fragment = "\n".join(f'<p class="ingress">{p}</p>' for p in ARTICLE) + "\n"
    result = extract_file(write(tmp_path, "utdrag.txt", fragment))
    assert paragraphs(result.text) == ARTICLE
    assert result.record["format"] == "html"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!doctype html><title>x</title>", True),
        ("\ufeff  <html><body>x</body></html>", True),
        (
            '<?xml version="1.0"?>\n<!-- lagret -->\n<html xmlns="http://www.w3.org/1999/xhtml">',
            True,
        ),
        ("<div><p>Selvhjelp</p></div>", True),
        ("<p>Selvhjelp uten slutt", False),  # no closing tag: not a fragment
        ("Selvhjelp <i>er</i> viktig.", False),
        ("# Overskrift\n\nTekst med <br> i.", False),
        ("<Selvhjelp> i vinkler er ingen tagg.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text.lstrip("\ufeff")) is expected


@pytest.mark.parametrize(
    ("charset", "encoding", "expected"),
    [
        ("windows-1252", "cp1252", "cp1252"),
        ("iso-8859-1", "cp1252", "cp1252"),  # browsers read latin-1 labels as windows-1252
        ("latin1", "cp1252", "cp1252"),
        ("utf-8", "utf-8", "utf_8"),
    ],
)
def test_web_page_in_its_declared_charset(tmp_path, charset, encoding, expected):
    page = web_page(ARTICLE, charset=charset)
    result = extract_file(write(tmp_path, "side.html", page.encode(encoding)))
    assert paragraphs(result.text) == EXPECTED  # æøå and – intact
    assert result.record["encoding"] == expected
    assert result.record["warnings"] == []


def test_web_page_in_utf16_with_a_byte_order_mark(tmp_path):
    page = web_page(ARTICLE, charset="utf-16").replace("\n", "\r\n")
    result = extract_file(write(tmp_path, "side.htm", page.encode("utf-16")))
    assert paragraphs(result.text) == EXPECTED
    assert (result.record["encoding"], result.record["bom"]) == ("utf_16", True)
    assert result.record["line_endings"]["crlf"] > 10


def test_wrong_declared_charset_is_a_warning(tmp_path):
    page = web_page(ARTICLE, charset="utf-8").encode("cp1252")
    result = extract_file(write(tmp_path, "side.html", page))
    assert paragraphs(result.text) == EXPECTED
    assert result.record["warnings"] == [
        "the page declares charset utf_8 but is not valid utf_8: decoded as cp1252, found by "
        "inspection"
    ]


def test_declared_charset():
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
    assert declared_charset(b"<meta charset=nonsense-42>") is None
    assert declared_charset(b"<p>ingen</p>") is None


def test_web_page_text_is_cleaned_like_any_text(tmp_path):
    result = extract_file(write(tmp_path, "side.html", web_page(ARTICLE)))
    cleaned = clean_document(result.text)
    # a number alone between blank lines is page furniture to the cleaning, wherever it is
    assert [p.text for p in cleaned.paragraphs] == EXPECTED[:-2]


def test_extraction_is_deterministic(tmp_path):
    path = write(tmp_path, "side.html", web_page(ARTICLE))
    assert extract_file(path) == extract_file(path)


# --------------------------------------------------------------------------------------------
# Word and OpenDocument


def test_word_document_by_paragraph_without_header_and_footer(tmp_path):
    result = extract_file(write(tmp_path, "melding.docx", word_document(ARTICLE)))
    assert paragraphs(result.text) == [*EXPECTED, "Arbeidet fortsetter."]
    assert "Side 1" not in result.text and "Personvern" not in result.text
    record = result.record
    assert (record["format"], record["encoding"], record["warnings"]) == ("docx", None, [])
    assert record["extractor"].startswith("python-docx ")
    json.dumps(record)


def test_word_tracked_changes_and_footnotes_are_warnings(tmp_path):
    data = word_document(ARTICLE, tracked=True, footnote=True)
    result = extract_file(write(tmp_path, "melding.DOCX", data))
    assert paragraphs(result.text)[-1] == "Arbeidet fortsetter i kommunene."
    assert "fylkene" not in result.text
    assert result.record["warnings"] == [
        "2 tracked change(s): read as if accepted (insertions kept, deletions left out); "
        "accept or reject them and save again if that is not the text to analyse",
        "1 footnote(s) or endnote(s) left out (only the body text is read)",
    ]


def test_opendocument_text_by_paragraph(tmp_path):
    result = extract_file(write(tmp_path, "plan.odt", odt_document(ARTICLE)))
    expected = list(EXPECTED)
    expected[1] += "  og\tmer."  # text:s c=2 and text:tab
    assert paragraphs(result.text) == expected
    assert (result.record["format"], result.record["warnings"]) == ("odt", [])
    assert result.record["extractor"].startswith("odfpy ")


def test_opendocument_notes_comments_and_deletions_are_left_out_with_warnings(tmp_path):
    result = extract_file(
        write(tmp_path, "plan.odt", odt_document(ARTICLE, note=True, tracked=True))
    )
    for left_out in ("Fotnote", "Kommentar", "Slettet", "fylkene"):
        assert left_out not in result.text
    assert paragraphs(result.text)[1] == ARTICLE[0] + "  og\tmer."
    assert result.record["warnings"] == [
        "tracked changes: read as if accepted (insertions kept, deletions left out); accept "
        "or reject them and save again if that is not the text to analyse",
        "1 footnote(s) or endnote(s) left out (only the body text is read)",
        "1 comment(s) left out",
    ]


# --------------------------------------------------------------------------------------------
# Broken and mislabelled files: one message naming the file and the fix


def _old_office() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)


BROKEN = [
    ("tom.html", b"", "is empty (0 bytes)"),
    ("bilde.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "looks like a PNG image"),
    (
        "meny.html",
        '<html><body><nav><a href="/">Hjem</a> <a href="/a">Tema</a></nav></body></html>',
        "has no main text (0 non-space characters, fewer than min_characters=1): none was "
        "found in the page (a page built by JavaScript, or only navigation and links?); open "
        "it in a browser, save it as PDF",
    ),
    ("tom.docx", b"", "is empty (0 bytes)"),
    (
        "kuttet.docx",
        "TRUNCATED",
        "is not a readable Word document (.docx) (not a complete ZIP archive",
    ),
    ("gammel.docx", _old_office(), "it is an old Microsoft Office file (.doc) or a document"),
    ("tekst.docx", "Selvhjelp er viktig.\n", "it looks like plain text; rename it to .txt"),
    ("side.docx", web_page(ARTICLE), "it looks like a web page (HTML); rename it to .html"),
    ("rapport.docx", minimal_pdf([["Selvhjelp"]]), "it looks like a PDF; rename it to .pdf"),
    ("plan.docx", "ODT", "it is an OpenDocument text (.odt); rename it to .odt"),
    (
        "regneark.docx",
        zip_archive({"xl/workbook.xml": "<workbook/>"}),
        "it is an Excel workbook; save its text as .docx, PDF or UTF-8 text",
    ),
    ("tom-melding.docx", "EMPTY-DOCX", "has no text in its body (0 non-space characters"),
    ("melding.odt", "DOCX", "it is a Word document (.docx); rename it to .docx"),
    (
        "regneark.odt",
        zip_archive({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        "it is an OpenDocument file of type application/vnd.oasis.opendocument.spreadsheet",
    ),
    (
        "hemmelig.odt",
        zip_archive(
            {
                "mimetype": "application/vnd.oasis.opendocument.text",
                "META-INF/manifest.xml": "<manifest:encryption-data/>",
                "content.xml": b"\x93\x11garbled",
            }
        ),
        "is encrypted with a password: save a copy without a password",
    ),
    (
        "skadet.odt",
        zip_archive({"mimetype": "application/vnd.oasis.opendocument.text"}),
        "is not a readable OpenDocument text (KeyError",
    ),
    ("melding.txt", "DOCX", "looks like a Word document (.docx), not a text file: rename it to"),
    ("plan.txt", "ODT", "looks like an OpenDocument text (.odt), not a text file: rename it"),
    ("side.pdf", web_page(ARTICLE), "it looks like a web page (HTML): rename it to .html"),
]


def _content(data: bytes | str) -> bytes | str:
    if data == "DOCX":
        return word_document(ARTICLE)
    if data == "ODT":
        return odt_document(ARTICLE)
    if data == "TRUNCATED":
        return word_document(ARTICLE)[:300]
    if data == "EMPTY-DOCX":
        import io

        import docx

        out = io.BytesIO()
        docx.Document().save(out)
        return out.getvalue()
    return data


@pytest.mark.parametrize(("name", "data", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_or_mislabelled_files(tmp_path, name, data, message):
    path = write(tmp_path, name, _content(data))
    with pytest.raises(ExtractionError, match=re.escape(message)) as info:
        extract_file(path)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_heavy_readers_are_imported_lazily():
    import subprocess
    import sys

    code = (
        "import sys, ordskifte.ingest.extract; "
        "print(sorted({'trafilatura', 'docx', 'odf', 'lxml'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
