"""Adding documents: metadata guesses, the checked manifest row, refusals, and the command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ordskifte.add import (
    AddError,
    add_document,
    add_url,
    guess_from_reference,
    guess_genre_from_name,
    guess_year_from_name,
    make_doc_id,
    session_year,
)
from ordskifte.cli import main
from ordskifte.ingest.checksums import read_checksums, sha256_file
from ordskifte.ingest.manifest import MANIFEST_COLUMNS, read_manifest, validate_manifest
from tests.pdfmaker import minimal_pdf

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = yaml.safe_load((ROOT / "workflow/schemas/manifest.schema.yaml").read_text("utf-8"))
CHECKS = {
    "schema": SCHEMA,
    "period_names": ["frivillig", "psykisk_helse", "folkehelse"],
    "languages": ["nb", "nn", "en"],
}
# From the bundled corpus (excerpts/nou-1998-18.txt), with its æøå.
NOU_TEXT = (ROOT / "resources/corpus/excerpts/nou-1998-18.txt").read_text(encoding="utf-8")
STMELD_TEXT = (ROOT / "resources/corpus/excerpts/stmeld-2003-folkehelse.txt").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("St.meld. nr. 25 (1996–97) Åpenhet og helhet", ("stortingsmelding", 1997)),
        ("St.meld. nr. 16 (2002-2003) Resept for et sunnere Norge", ("stortingsmelding", 2003)),
        ("Meld. St. 19 (2014–2015) Folkehelsemeldinga", ("stortingsmelding", 2015)),
        ("St. meld. nr. 27 (1999–2000)", ("stortingsmelding", 2000)),
        ("NOU 1998:18 Det er bruk for alle", ("nou", 1998)),
        ("NOU 2023: 4", ("nou", 2023)),
        ("Prop. 1 S (2014–2015)", ("proposisjon", 2015)),
        ("Ot.prp. nr. 1 (1999-2000)", ("proposisjon", 2000)),
        ("St.prp. nr. 63 (1997-98) Om opptrappingsplan for psykisk helse", ("proposisjon", 1998)),
        ("Innst. S. nr. 123 (2001-2002)", ("innstilling", 2002)),
        ("Rapport fra Studiesenteret for selvhjelp", None),
        ("Meldingen om frivillig arbeid (1993)", None),
    ],
)
def test_guess_from_reference(text, expected):
    assert guess_from_reference(text) == expected


@pytest.mark.parametrize(
    ("first", "second", "year"),
    [("1996", "97", 1997), ("1999", "00", 2000), ("2014", "2015", 2015), ("1899", "00", 1900)],
)
def test_session_year(first, second, year):
    assert session_year(first, second) == year


@pytest.mark.parametrize(
    ("name", "year", "genre"),
    [
        ("stmeld-1993-frivillig-arbeid.pdf", 1993, "stortingsmelding"),
        ("meld-st-19-2014-2015.pdf", 2015, "stortingsmelding"),
        ("nou-1998-18.txt", 1998, "nou"),
        ("prop-1-s-2014-2015.pdf", 2015, "proposisjon"),
        ("innst-123-s-2001-2002.pdf", 2002, "innstilling"),
        ("evaluering_1993-2003.pdf", None, None),  # two years far apart: no guess
        ("rapport.txt", None, None),
        ("nouveau-20190.txt", None, None),  # 'nou' must stand alone; 20190 is not a year
    ],
)
def test_guesses_from_file_names(name, year, genre):
    assert guess_year_from_name(name) == year
    assert guess_genre_from_name(name) == genre


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        (
            "St.meld. nr. 25 (1996-97) Åpenhet og helhet.pdf",
            "st-meld-nr-25-1996-97-apenhet-og-helhet",
        ),
        ("Frivillighetssentraler_Ørsta.TXT", "frivillighetssentraler-orsta"),
        ("NOU 1998:18.pdf", "nou-1998-18"),
        ("Æresord — «sjølvhjelp».md", "aeresord-sjolvhjelp"),
    ],
)
def test_make_doc_id(name, doc_id):
    assert make_doc_id(name) == doc_id


# ------------------------------------------------------------------ adding to a corpus
@pytest.fixture
def corpus(tmp_path) -> Path:
    """A corpus folder with one document and its manifest; returns the manifest path."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "first.txt").write_text(STMELD_TEXT, encoding="utf-8")
    row = {
        "doc_id": "first",
        "file": "first.txt",
        "title": "Resept for et sunnere Norge",
        "year": "2003",
        "genre": "stortingsmelding",
        "language": "nb",
        "citation": "HOD (2003)",
    }
    manifest = folder / "documents.tsv"
    manifest.write_text(
        "\t".join(MANIFEST_COLUMNS)
        + "\n"
        + "\t".join(row.get(c, "") for c in MANIFEST_COLUMNS)
        + "\n",
        encoding="utf-8",
    )
    return manifest


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_add_text_in_cp1252_guesses_from_its_name(corpus, tmp_path):
    source = tmp_path / "NOU 1998:18 Det er bruk for alle.txt"
    source.write_bytes(NOU_TEXT.encode("cp1252"))
    added = add_document(source, manifest=corpus, **CHECKS)
    assert added.row == {
        "doc_id": "nou-1998-18-det-er-bruk-for-alle",
        "file": "added/nou-1998-18-det-er-bruk-for-alle.txt",
        "title": NOU_TEXT.splitlines()[0].strip()[:150],
        "issuer": "",
        "year": "1998",
        "period": "",
        "genre": "nou",
        "language": "nb",
        "citation": f"{NOU_TEXT.splitlines()[0].strip()[:150]} (1998)",
        "url": "",
    }
    assert added.guesses["year"] == "document reference in the title or file name"
    assert added.guesses["language"] == "text"
    folder = corpus.parent
    assert (folder / added.row["file"]).read_bytes() == source.read_bytes()  # copied unchanged
    table = read_manifest(corpus)
    assert list(table["doc_id"]) == ["first", added.row["doc_id"]]
    assert table.iloc[1].to_dict() == added.row
    validate_manifest(table, corpus_dir=folder, manifest_name="m", **CHECKS)
    assert read_checksums(folder / "checksums.tsv")[added.row["doc_id"]]["sha256"] == (
        sha256_file(source)
    )


def test_add_pdf_uses_its_metadata_and_given_values_win(corpus, tmp_path):
    source = tmp_path / "download.pdf"
    source.write_bytes(
        minimal_pdf(
            [["Selvhjelp er en viktig ressurs i folkehelsearbeidet, og det er ikke noe nytt."]],
            info={
                "Title": "St.meld. nr. 16 (2002-2003) Resept for et sunnere Norge",
                "CreationDate": "D:20030221120000",
            },
        )
    )
    added = add_document(
        source,
        manifest=corpus,
        values={"doc_id": "stmeld-2003", "issuer": "Helsedepartementet", "period": "folkehelse"},
        **CHECKS,
    )
    row = added.row
    assert row["title"] == "St.meld. nr. 16 (2002-2003) Resept for et sunnere Norge"
    assert added.guesses["title"] == "PDF metadata"
    assert (row["year"], row["genre"], row["period"]) == ("2003", "stortingsmelding", "folkehelse")
    assert row["citation"] == "Helsedepartementet (2003)"
    assert row["file"] == "added/stmeld-2003.pdf"


def test_add_with_period_none_keeps_the_document_out_of_every_period(corpus, tmp_path):
    source = tmp_path / "oversikt.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    added = add_document(
        source, manifest=corpus, values={"doc_id": "oversikt", "period": "none"}, **CHECKS
    )
    assert added.row["period"] == "none"
    table = read_manifest(corpus)
    validate_manifest(table, corpus_dir=corpus.parent, manifest_name="m", **CHECKS)
    assert table.iloc[1]["period"] == "none"


def test_pdf_creation_date_is_the_last_resort_for_the_year(corpus, tmp_path):
    source = tmp_path / "plan.pdf"
    source.write_bytes(
        minimal_pdf(
            [["Nasjonal plan for selvhjelp er ikke en lov."]], info={"CreationDate": "D:20040115"}
        )
    )
    added = add_document(source, manifest=corpus, **CHECKS)
    assert (added.row["year"], added.guesses["year"]) == ("2004", "PDF creation date")
    assert added.row["genre"] == "" and added.guesses["genre"] == "unknown (left empty)"


def refused(corpus: Path, source: Path, *, words: str, **options) -> None:
    before = snapshot(corpus.parent)
    with pytest.raises(AddError) as info:
        add_document(source, manifest=corpus, **{**CHECKS, **options})
    assert words in str(info.value), str(info.value)
    assert snapshot(corpus.parent) == before  # nothing written


def test_identical_file_is_refused(corpus, tmp_path):
    source = tmp_path / "copy.txt"
    source.write_bytes((corpus.parent / "first.txt").read_bytes())
    refused(corpus, source, words="is identical (sha256 ")
    refused(corpus, source, words="to first.txt, already in")


def test_taken_doc_id_is_refused(corpus, tmp_path):
    source = tmp_path / "other.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    refused(corpus, source, words="doc_id 'first' is already in", values={"doc_id": "first"})


def test_unreadable_file_is_refused(corpus, tmp_path):
    source = tmp_path / "scan.txt"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    refused(corpus, source, words="not added: the pipeline cannot read this file: ")


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"period": "nittitallet"}, "column period: 'nittitallet' is not a configured period"),
        ({"year": "97"}, "column year: '97' is not a year between 1800 and 2100"),
        ({"doc_id": "my doc"}, "column doc_id: 'my doc' may only contain"),
        ({"language": "de"}, "column language: 'de' is not one of nb, nn, en"),
        ({"title": "Tittel\tmed tab"}, "--title must not contain tabs or line breaks"),
    ],
)
def test_bad_values_are_refused_with_the_manifest_check(corpus, tmp_path, values, words):
    source = tmp_path / "nou.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    refused(corpus, source, words=words, values=values)


def test_folder_outside_the_corpus_is_refused(corpus, tmp_path):
    source = tmp_path / "nou.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    refused(corpus, source, words="must be a sub-folder", folder="../elsewhere")


def test_dry_run_writes_nothing(corpus, tmp_path):
    source = tmp_path / "nou-1998-18.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    before = snapshot(corpus.parent)
    added = add_document(source, manifest=corpus, dry_run=True, **CHECKS)
    assert added.row["doc_id"] == "nou-1998-18"
    assert snapshot(corpus.parent) == before


def test_add_url_appends_a_row_to_fetch(corpus):
    added = add_url(
        manifest=corpus,
        values={
            "url": "https://www.regjeringen.no/contentassets/x/no/pdfs/nou199819980018000dddpdfs.pdf",
            "title": "NOU 1998:18 Det er bruk for alle",
        },
        **CHECKS,
    )
    row = added.row
    assert row["doc_id"] == "nou199819980018000dddpdfs"
    assert row["file"] == "added/nou199819980018000dddpdfs.pdf"
    assert (row["year"], row["genre"]) == ("1998", "nou")
    assert not (corpus.parent / row["file"]).exists()
    table = read_manifest(corpus)
    validate_manifest(table, corpus_dir=corpus.parent, manifest_name="m", **CHECKS)
    with pytest.raises(AddError, match="is already in .* as doc_id 'nou199819980018000dddpdfs'"):
        add_url(manifest=corpus, values={"url": row["url"], "doc_id": "again"}, **CHECKS)


# ------------------------------------------------------------------ the command
@pytest.fixture
def configfile(corpus, tmp_path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"manifest: {corpus}\n", encoding="utf-8")
    return path


def test_command_adds_and_reports_each_guess(configfile, corpus, tmp_path, capsys):
    source = tmp_path / "stmeld-1993-frivillig-arbeid.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    assert main(["add", str(source), "--configfile", str(configfile), "--genre", "utkast"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"added stmeld-1993-frivillig-arbeid as {corpus.parent}/added/")
    assert "  year      1993  [year in the file name]" in out
    assert "  genre     utkast  [given]" in out
    assert "snakemake --cores 4 -n" in out
    assert read_manifest(corpus)["doc_id"].tolist()[-1] == "stmeld-1993-frivillig-arbeid"


def test_command_refusal_exits_2_with_one_message(configfile, corpus, capsys):
    assert main(["add", str(corpus.parent / "first.txt"), "--configfile", str(configfile)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ordskifte add: not added: ") and "is identical" in err
    assert main(["add", "--configfile", str(configfile)]) == 2
    assert "give a FILE or --url" in capsys.readouterr().err


def test_doc_id_taken_in_other_letter_case_is_refused(corpus, tmp_path):
    source = tmp_path / "other.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    refused(
        corpus,
        source,
        words="doc_id 'FIRST' is already in",
        values={"doc_id": "FIRST"},
    )
    refused(
        corpus,
        source,
        words="as 'first', which differs only in letter case",
        values={"doc_id": "First"},
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_add_to_a_spreadsheet_manifest_keeps_its_encoding_and_line_ends(corpus, tmp_path, encoding):
    text = corpus.read_text(encoding="utf-8").replace("\n", "\r\n")
    corpus.write_bytes(text.encode(encoding))
    source = tmp_path / "nou-1998-18.txt"
    source.write_text(NOU_TEXT, encoding="utf-8")
    title = '"Det er bruk for alle"'
    add_document(source, manifest=corpus, values={"title": title}, **CHECKS)
    raw = corpus.read_bytes().decode(encoding)
    assert raw.count("\r\n") == 3 and "\n" not in raw.replace("\r\n", "")
    table = read_manifest(corpus)
    assert table["doc_id"].tolist() == ["first", "nou-1998-18"]
    assert table["title"].tolist()[-1] == title  # quoted by the CSV rules, read back as given
    validate_manifest(table, corpus_dir=corpus.parent, manifest_name="m", **CHECKS)


@pytest.mark.parametrize(
    ("name", "make", "title", "why"),
    [
        ("Meld. St. 19 (2014-2015) Folkehelsemeldingen.html", "html", None, "first line"),
        ("nou-1998-18.docx", "docx", "NOU 1998:18 Det er bruk for alle", "document metadata"),
        ("stmeld-2003-resept.odt", "odt", "Resept for et sunnere Norge", "document metadata"),
        ("kopi-2003.txt", "html-txt", None, "first line"),
    ],
)
def test_add_web_pages_and_office_documents(corpus, tmp_path, name, make, title, why):
    from tests.docmaker import odt_document, web_page, word_document

    paragraphs = [NOU_TEXT.strip()]
    data = {
        "html": lambda: web_page(paragraphs, title="Folkehelsemeldingen").encode(),
        "html-txt": lambda: web_page(paragraphs, title="Frivillig arbeid").encode(),
        "docx": lambda: word_document(paragraphs, core_title=title or ""),
        "odt": lambda: odt_document(paragraphs, core_title=title or ""),
    }[make]()
    source = tmp_path / name
    source.write_bytes(data)
    added = add_document(source, manifest=corpus, **CHECKS)
    assert added.file.suffix == Path(name).suffix.lower()
    assert added.file.read_bytes() == data
    assert why in added.guesses["title"]
    if title:
        assert added.row["title"] == title
    else:  # the heading of the page, not its markup
        assert added.row["title"] in ("Folkehelsemeldingen", "Frivillig arbeid")
    assert read_manifest(corpus)["doc_id"].tolist()[-1] == added.row["doc_id"]
