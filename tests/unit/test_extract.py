"""Unit tests of ordskifte.ingest.extract: decoding, normalising, PDFs and the errors users see."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ordskifte.ingest import extract
from ordskifte.ingest.extract import (
    ExtractionError,
    decode_text,
    extract_file,
    extract_pdf,
    extract_text_file,
    normalise_text,
)
from tests.pdfmaker import minimal_pdf

# Lines copied from resources/corpus/excerpts/stmeld-1993-frivillig-arbeid.txt (one paragraph
# there, split into sentences here), bjorgen-jahn-2001-neks.txt (æ) and
# sections/feiring-2019-1-innledning.txt (– « »); the last line is made up, for capitals.
SENTENCES = [
    "I selvhjelpsgrupper kommer mennesker sammen og arbeider med et felles problem.",
    "Hensikten er først og fremst å gjøre noe med eget problem, selvhjelpsprinsippet, slik at "
    "personlig vekst og utvikling blir mulig.",
    "I selvhjelpsgrupper er alle givere og mottakere på samme nivå.",
    "Dette vil også kunne være et miljø som sikrer egenkraft og utvikling av ulike former for "
    "selvhjelpsarbeid, både på individuelt nivå og på gruppenivå.",
    "ÆRE, ØRE OG ÅND",
]
DASH_SENTENCE = "stortingsmeldinger: «Om frivillig arbeid» fra 1993–94"
TEXT_LATIN = "\n".join(SENTENCES) + "\n"  # Latin-1 cannot encode "–"
TEXT = "\n".join([*SENTENCES, DASH_SENTENCE]) + "\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def random_bytes(n: int, *, seed: int = 1993) -> bytes:
    return random.Random(seed).randbytes(n)


# --------------------------------------------------------------------------------------------
# Minimal PDFs written by hand: catalog, pages, one content stream per page, Helvetica with
# WinAnsiEncoding (so æøå are octal escapes of their cp1252 bytes), a correct xref table.


PAGE_1 = [SENTENCES[1], SENTENCES[3]]
PAGE_2 = [SENTENCES[4], DASH_SENTENCE]
TWO_PAGES = minimal_pdf([PAGE_1, PAGE_2])


def rewrite_pdf(data: bytes, change) -> bytes:
    """Pass ``data`` through a pypdf PdfWriter after ``change(writer)``."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# normalise_text


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("linje\r\nlinje\r\n", "linje\nlinje\n"),
        ("linje\rlinje\r", "linje\nlinje\n"),
        ("a\r\n\rb\n", "a\n\nb\n"),
        (unicodedata.normalize("NFD", "miljø på nivå"), "miljø på nivå"),
        ("o\u0308", "ö"),
        (
            "\ufb01nansiering \ufb02yt o\ufb00entlig e\ufb03cient \ufb04",
            "finansiering flyt offentlig efficient ffl",
        ),
        ("selv\u00adhjelps\u00adgruppe", "selvhjelpsgruppe"),
        ("10\u00a0000\u00a0kr, 1\u202f000", "10 000 kr, 1 000"),
        ("a\x00b\x01c\x1bd\x7fe\x85f", "abcdef"),
        ("kolonne\tkolonne\fside", "kolonne\tkolonne\fside"),
        ("linje\x0blinje", "linje\nlinje"),
        ("brutt \ud800 tegn", "brutt \ufffd tegn"),
        (TEXT, TEXT),
        ("", ""),
    ],
)
def test_normalise_text(given: str, expected: str) -> None:
    assert normalise_text(given) == expected


# --------------------------------------------------------------------------------------------
# Decoding text files


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "expected"),
    [
        pytest.param(TEXT.encode("utf_8"), "utf_8", False, TEXT, id="utf-8"),
        pytest.param(TEXT.encode("utf_8_sig"), "utf_8_sig", True, TEXT, id="utf-8-bom"),
        pytest.param(TEXT.encode("cp1252"), "cp1252", False, TEXT, id="cp1252"),
        pytest.param(TEXT_LATIN.encode("latin_1"), "latin_1", False, TEXT_LATIN, id="latin-1"),
        pytest.param(TEXT.encode("mac_roman"), "mac_roman", False, TEXT, id="mac-roman"),
        pytest.param(
            b"\xff\xfe" + TEXT.encode("utf_16_le"), "utf_16", True, TEXT, id="utf-16le-bom"
        ),
        pytest.param(
            b"\xfe\xff" + TEXT.encode("utf_16_be"), "utf_16", True, TEXT, id="utf-16be-bom"
        ),
        pytest.param(TEXT.encode("utf_16_le"), "utf_16_le", False, TEXT, id="utf-16le"),
        pytest.param(TEXT.encode("utf_16_be"), "utf_16_be", False, TEXT, id="utf-16be"),
        pytest.param(TEXT.encode("utf_32"), "utf_32", True, TEXT, id="utf-32-bom"),
    ],
)
def test_encodings_decode_to_the_utf8_original(
    tmp_path: Path, data: bytes, encoding: str, bom: bool, expected: str
) -> None:
    path = write(tmp_path, "stmeld.txt", data)
    result = extract_file(path)
    assert result.text == expected
    assert result.record["encoding"] == encoding
    assert result.record["bom"] is bom
    assert result.record["characters"] == len(expected)
    assert decode_text(data, name="stmeld.txt") == (expected, encoding, bom)


@pytest.mark.parametrize(
    ("data", "guessed", "expected"),
    [
        (b"1993\x9694", "latin_1", "cp1252"),  # en dash in cp1252
        (b"\x93sitat\x94", "iso8859_15", "cp1252"),
        (b"Sm\x81land", "cp1252", "latin_1"),  # 0x81 is undefined in cp1252
        (b"milj\xf8", "cp1252", "latin_1"),  # no 0x80-0x9F: the Latin family agrees
        (b"milj\xf8", "iso8859_15", "latin_1"),
        (b"10 \xa4", "iso8859_15", "iso8859_15"),  # euro sign in ISO 8859-15
        (b"\x8cpen", "mac_roman", "mac_roman"),
    ],
)
def test_prefer_latin_encoding(data: bytes, guessed: str, expected: str) -> None:
    assert extract._prefer_latin_encoding(data, guessed) == expected


def test_guessed_encoding_is_a_warning(tmp_path: Path) -> None:
    record = extract_file(write(tmp_path, "a.txt", TEXT.encode("cp1252"))).record
    assert record["warnings"] == [
        "not UTF-8: decoded as cp1252, guessed; check æøå in the text or re-save the file as UTF-8"
    ]
    assert extract_file(write(tmp_path, "b.txt", TEXT.encode())).record["warnings"] == []


@pytest.mark.parametrize(
    ("data", "expected", "line_endings"),
    [
        (b"en\r\nto\r\ntre", "en\nto\ntre", {"crlf": 2, "cr": 0, "lf": 0}),
        (b"en\rto\rtre\r", "en\nto\ntre\n", {"crlf": 0, "cr": 3, "lf": 0}),
        (b"en\r\nto\rtre\n", "en\nto\ntre\n", {"crlf": 1, "cr": 1, "lf": 1}),
    ],
)
def test_line_endings_become_lf_and_are_counted(
    tmp_path: Path, data: bytes, expected: str, line_endings: dict[str, int]
) -> None:
    result = extract_file(write(tmp_path, "doc.md", data))
    assert result.text == expected
    assert result.record["line_endings"] == line_endings


def test_crlf_in_utf16_becomes_lf(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", "\ufeffmiljø\r\nnivå\r\n".encode("utf_16_le"))
    assert extract_file(path).text == "miljø\nnivå\n"


def test_nfd_file_gives_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT
    assert extract_file(write(tmp_path, "nfd.txt", nfd.encode())).text == TEXT


def test_ligatures_in_file(tmp_path: Path) -> None:
    path = write(tmp_path, "lig.text", "o\ufb00entlig \ufb01nansiering\n".encode())
    assert extract_file(path).text == "offentlig finansiering\n"


def test_text_record_is_complete_and_json_serialisable(tmp_path: Path) -> None:
    path = write(tmp_path, "stmeld.txt", TEXT.encode())
    record = extract_text_file(str(path)).record
    assert json.loads(json.dumps(record)) == {
        "file": str(path),
        "format": "text",
        "encoding": "utf_8",
        "bom": False,
        "pages": None,
        "page_numbers": None,
        "characters": len(TEXT),
        "line_endings": {"crlf": 0, "cr": 0, "lf": TEXT.count("\n")},
        "empty_pages": [],
        "warnings": [],
    }


def test_record_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "doc.TXT", b"tekst")
    assert extract_file("./doc.TXT").record["file"] == "./doc.TXT"


# --------------------------------------------------------------------------------------------
# Text files that cannot be read


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.txt", b"", "is empty (0 bytes): check the file or remove its manifest row"),
        ("blank.txt", b" \n\t\r\n  \n", "is empty (only whitespace)"),
        ("blank16.txt", "\ufeff \n \n".encode("utf_16_le"), "is empty (only whitespace)"),
        ("bilde.txt", b"\x89PNG\r\n\x1a\n" + random_bytes(2000), "looks like a PNG image"),
        ("rapport.txt", TWO_PAGES, "looks like a PDF, not a text file: rename it to .pdf"),
        ("rapport.md", b"PK\x03\x04" + random_bytes(100), "looks like a ZIP archive"),
        ("data.txt", random_bytes(2000), "contains NUL bytes and is not UTF-16 text"),
        (
            "data.text",
            random_bytes(4000).replace(b"\x00", b"") + b"\x01",
            "looks like a binary file, not a text file",
        ),
        (
            "kapp16.txt",
            b"\xff\xfe" + "nivå".encode("utf_16_le") + b"\x00",
            "looks like UTF-16 text with a byte-order mark but is not valid utf_16",
        ),
        (
            "kapp.txt",
            "miljø nivå".encode("utf_16_le") + b"a",
            "looks like UTF-16 text without a byte-order mark but is not valid utf_16_le",
        ),
        (
            "blandet.txt",
            "miljø på nivå\n".encode() + "miljø".encode("cp1252"),
            "mixes encodings: it has 3 UTF-8 characters such as 'ø'",
        ),
    ],
)
def test_unreadable_text_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(ExtractionError, match=re.escape(message)) as info:
        extract_file(path)
    assert str(path) in str(info.value)


def test_binary_is_not_mistaken_for_utf16() -> None:
    # NULs on odd positions, decodable as UTF-16 LE, but the result is all control characters
    data = bytes(b for i in range(500) for b in (i % 32, 0))
    with pytest.raises(ExtractionError, match="looks like a binary file"):
        decode_text(data, name="tall.txt")


@pytest.mark.parametrize("name", ["doc.rtf", "doc.doc", "doc", "doc.txt.gz"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, TEXT.encode())
    supported = r"\.docx, \.htm, \.html, \.md, \.odt, \.pdf, \.text, \.txt, \.xhtml"
    with pytest.raises(ExtractionError, match=rf"supported suffixes are {supported}"):
        extract_file(path)
    with pytest.raises(ExtractionError, match=re.escape(str(path))):
        extract_file(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "borte.txt"
    with pytest.raises(ExtractionError, match="borte.txt does not exist: check its path"):
        extract_file(path)


def test_text_shorter_than_min_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "kort.txt", b"  ja  \n")
    assert extract_file(path, min_characters=2).text == "  ja  \n"
    with pytest.raises(ExtractionError, match=r"kort.txt is too short: 2 non-space .*=3"):
        extract_file(path, min_characters=3)


@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (True, TypeError), (1.5, TypeError)]
)
def test_min_characters_is_checked(tmp_path: Path, value, error: type[Exception]) -> None:
    path = write(tmp_path, "doc.txt", b"tekst")
    with pytest.raises(error, match="min_characters must be"):
        extract_file(path, min_characters=value)


# --------------------------------------------------------------------------------------------
# PDFs


def test_pdf_pages_joined_by_form_feed(tmp_path: Path) -> None:
    path = write(tmp_path, "stmeld.pdf", TWO_PAGES)
    result = extract_file(path)
    assert result.text == "\n".join(PAGE_1) + "\f" + "\n".join(PAGE_2)
    assert "miljø" in result.text and "være" in result.text and "ÆRE, ØRE OG ÅND" in result.text
    assert json.loads(json.dumps(result.record)) == {
        "file": str(path),
        "format": "pdf",
        "encoding": None,
        "bom": False,
        "pages": 2,
        "page_numbers": [1, 2],
        "characters": len(result.text),
        "line_endings": {"crlf": 0, "cr": 0, "lf": 2},
        "empty_pages": [],
        "warnings": [],
        "extractor": result.record["extractor"],
    }
    assert result.record["extractor"].startswith("pypdfium2 ")


def test_pdf_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path, "STMELD.PDF", TWO_PAGES)
    assert extract_file(path).record["format"] == "pdf"


def test_pdf_page_labels(tmp_path: Path) -> None:
    def label(writer) -> None:
        writer.set_page_label(0, 0, "/r")
        writer.set_page_label(1, 1, "/D", start=7)

    path = write(tmp_path, "merket.pdf", rewrite_pdf(TWO_PAGES, label))
    record = extract_pdf(path).record
    assert record["page_numbers"] == [1, 7]
    assert record["warnings"] == [
        "1 page labels are not numbers (e.g. 'i'): their 1-based positions are used as page numbers"
    ]


def test_blank_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = write(tmp_path, "skannet.pdf", blank_pdf())
    with pytest.raises(ExtractionError) as info:
        extract_file(path)
    assert str(info.value).startswith(
        f"{path} has no text layer (0 non-space characters in 1 pages"
    )
    assert "run OCR first (e.g. ocrmypdf) and add the OCR'd PDF" in str(info.value)


def test_min_characters_applies_to_the_whole_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "kort.pdf", minimal_pdf([["ja"], ["nei"]]))
    assert extract_file(path, min_characters=5).text == "ja\fnei"
    with pytest.raises(ExtractionError, match="kort.pdf has no text layer"):
        extract_file(path, min_characters=6)


def test_blank_page_in_text_pdf_is_a_warning(tmp_path: Path) -> None:
    data = rewrite_pdf(TWO_PAGES, lambda writer: writer.insert_blank_page(612, 792, index=1))
    result = extract_pdf(write(tmp_path, "hull.pdf", data))
    assert result.text == "\n".join(PAGE_1) + "\f\f" + "\n".join(PAGE_2)
    assert result.record["pages"] == 3
    assert result.record["page_numbers"] == [1, 2, 3]
    assert result.record["empty_pages"] == [2]
    assert result.record["warnings"] == [
        "1 of 3 pages have no text (pages 2, counted from 1): if they hold scanned text, "
        "run OCR (e.g. ocrmypdf)"
    ]


def test_pdf_with_user_password_is_an_error(tmp_path: Path) -> None:
    data = rewrite_pdf(
        TWO_PAGES, lambda writer: writer.encrypt("hemmelig", "eier", algorithm="RC4-128")
    )
    path = write(tmp_path, "laast.pdf", data)
    with pytest.raises(ExtractionError) as info:
        extract_file(path)
    assert str(info.value).startswith(
        f"{path} is encrypted with a password: save an unencrypted copy"
    )


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    data = rewrite_pdf(TWO_PAGES, lambda writer: writer.encrypt("", "eier", algorithm="RC4-128"))
    result = extract_file(write(tmp_path, "eier.pdf", data))
    assert result.text == "\n".join(PAGE_1) + "\f" + "\n".join(PAGE_2)
    assert result.record["warnings"] == ["encrypted with an empty user password: decrypted"]


def pdfium_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make PDFium fail to open any file, as it does a damaged one: pypdf reads it instead."""
    import pypdfium2

    def fail(*args, **kwargs):
        raise pypdfium2.PdfiumError("Failed to load document (PDFium: Data format error).")

    monkeypatch.setattr(pypdfium2, "PdfDocument", fail)


def test_pdf_pdfium_cannot_open_is_read_by_pypdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfium_cannot_open(monkeypatch)
    result = extract_pdf(write(tmp_path, "skadet.pdf", TWO_PAGES))
    assert result.text == "\n".join(PAGE_1) + "\f" + "\n".join(PAGE_2)
    assert result.record["extractor"].startswith("pypdf ")


def test_pdf_line_end_hyphens_and_breaks_as_pypdf_gives_them(tmp_path: Path) -> None:
    """PDFium takes the hyphen and break out of "selvhjelps-" + "saken" (U+FFFE) and ends
    lines with CRLF; the text is put back as pypdf gives it, for the cleaner to join."""
    import pypdf

    lines = ["politisering av selvhjelps-", "saken og IT-", "løsninger i 1992,"]
    path = write(tmp_path, "delt.pdf", minimal_pdf([lines]))
    result = extract_pdf(path)
    assert result.text == "\n".join(lines)
    assert result.record["line_endings"] == {"crlf": 0, "cr": 0, "lf": 2}
    assert result.text == pypdf.PdfReader(path).pages[0].extract_text()


def test_pdf_needing_cryptography_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDFium decrypts AES itself; pypdf, reading what PDFium cannot open, needs
    cryptography for it."""
    import pypdf
    from pypdf.errors import DependencyError

    def decrypt(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    pdfium_cannot_open(monkeypatch)
    monkeypatch.setattr(pypdf.PdfReader, "decrypt", decrypt)
    data = rewrite_pdf(TWO_PAGES, lambda writer: writer.encrypt("", "eier", algorithm="RC4-128"))
    with pytest.raises(
        ExtractionError, match="aes.pdf is encrypted with AES.*install cryptography"
    ):
        extract_file(write(tmp_path, "aes.pdf", data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kuttet.pdf", TWO_PAGES[: len(TWO_PAGES) // 2], "is not a readable PDF (PdfStreamError"),
        ("kuttet2.pdf", TWO_PAGES[:100], "check that the file is complete"),
        ("søppel.pdf", random_bytes(3000), "is not a readable PDF"),
        ("tekst.pdf", TEXT.encode(), "it has no PDF header"),
        ("bilde.pdf", b"\x89PNG\r\n\x1a\n" + random_bytes(500), "it looks like a PNG image"),
        ("tom.pdf", b"", "is empty (0 bytes)"),
    ],
)
def test_unreadable_pdfs(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(ExtractionError, match=re.escape(message)) as info:
        extract_file(path)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize("engine", ["pdfium", "pypdf"])
def test_failing_page_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    if engine == "pdfium":
        from pypdfium2 import PdfTextPage as Page

        method = "get_text_range"
    else:
        from pypdf import PageObject as Page

        method = "extract_text"
        pdfium_cannot_open(monkeypatch)
    original = getattr(Page, method)

    def extract_text(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        if "ÆRE" in text:
            raise KeyError("/Font")
        return text

    monkeypatch.setattr(Page, method, extract_text)
    result = extract_pdf(write(tmp_path, "feil.pdf", TWO_PAGES))
    assert result.text == "\n".join(PAGE_1) + "\f"
    assert result.record["empty_pages"] == [2]
    assert result.record["warnings"][0] == "page 2: text extraction failed (KeyError: '/Font')"

    monkeypatch.setattr(Page, method, lambda self, *args, **kwargs: 1 / 0)
    with pytest.raises(ExtractionError, match=r"feil.pdf is not a readable PDF \(ZeroDivision"):
        extract_pdf(tmp_path / "feil.pdf")


def test_pypdf_warnings_reach_the_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdfium_cannot_open(monkeypatch)
    data = re.sub(rb"startxref\n\d+", b"startxref\n5", TWO_PAGES)
    result = extract_pdf(write(tmp_path, "skjev.pdf", data))
    assert result.text == "\n".join(PAGE_1) + "\f" + "\n".join(PAGE_2)
    assert any(w.startswith("pypdf: incorrect startxref") for w in result.record["warnings"])


# --------------------------------------------------------------------------------------------
# Imports


def test_heavy_imports_are_lazy() -> None:
    code = (
        "import sys, ordskifte.ingest.extract; "
        "print(sorted({'pypdf', 'pypdfium2', 'charset_normalizer'} & set(sys.modules)))"
    )
    root = Path(extract.__file__).parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"


def test_whitespace_is_every_character_str_split_splits_at():
    from ordskifte.ingest.extract import WHITESPACE

    assert WHITESPACE == "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


@pytest.mark.parametrize("seed", range(20))
def test_count_non_space_is_the_length_of_the_split_words(seed):
    from ordskifte.ingest.extract import WHITESPACE, _count_non_space

    rng = random.Random(seed)
    alphabet = WHITESPACE + "abcæøå.,\u200b\ufeff\x00\U0001f600"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(300)))
    assert _count_non_space(text) == len("".join(text.split()))


@pytest.mark.parametrize("seed", range(20))
def test_utf8_check_finds_the_surrogates_the_regex_finds(seed):
    from ordskifte.ingest.extract import _SURROGATES, _encodes_as_utf8

    rng = random.Random(seed)
    alphabet = ["a", "æ", "\ufffd", "\U0001f600", "\x00", chr(rng.randrange(0xD800, 0xE000))]
    text = "".join(rng.choice(alphabet[: 5 + seed % 2]) for _ in range(rng.randrange(50)))
    assert _encodes_as_utf8(text) == (_SURROGATES.search(text) is None)


def test_utf8_check_rejects_every_surrogate():
    from ordskifte.ingest.extract import _encodes_as_utf8

    assert not any(_encodes_as_utf8(f"a{chr(code)}b") for code in range(0xD800, 0xE000))
