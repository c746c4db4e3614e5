"""Bad input on small corpora built in temporary folders: encodings, unreadable files, broken
manifests and broken configuration.

A bad document must stop only its own jobs (keep-going) with a one-line message naming the file;
a bad manifest or configuration must stop the run before any job, with a message naming the
manifest line and column, and leave earlier results alone.
"""

from __future__ import annotations

import io
import random
import re

import pandas as pd
import pytest
from integration_helpers import (
    BUNDLED_CORPUS,
    MANIFEST_COLUMNS,
    document,
    file_states,
    run_snakemake,
    write_corpus,
)

pytestmark = pytest.mark.integration

BRUSTAD = (BUNDLED_CORPUS / "excerpts" / "stortinget-2007-brustad.txt").read_text(encoding="utf-8")
STMELD_1993 = (BUNDLED_CORPUS / "excerpts" / "stmeld-1993-frivillig-arbeid.txt").read_text(
    encoding="utf-8"
)


def assert_no_job_ran(run) -> None:
    """The run stopped while reading the workflow: no job was scheduled or listed."""
    assert "Job stats" not in run.output, run.describe()
    assert not re.search(r"^\s*(?:local)?rule \w+:", run.output, flags=re.M), run.describe()


def lines_with(output: str, *needles: str) -> list[str]:
    return [line for line in output.splitlines() if all(n in line for n in needles)]


# ------------------------------------------------------------------ encodings
def feiring_excerpt() -> str:
    """The first three paragraphs of a chapter section: æøå, «», Å and dashes."""
    text = (BUNDLED_CORPUS / "sections" / "feiring-2019-3-psykisk-helse.txt").read_text(
        encoding="utf-8"
    )
    excerpt = "\n\n".join(text.split("\n\n")[:3]) + "\n"
    assert all(c in excerpt for c in "æøå–«»Å"), excerpt
    return excerpt


# name -> bytes of the same excerpt; Latin-1 has no en dash, so its twin (and the UTF-8 text it
# is compared with) has "-" there.
def encoded_twins(excerpt: str) -> dict[str, bytes]:
    crlf = excerpt.replace("\n", "\r\n")
    return {
        "utf8-bom": b"\xef\xbb\xbf" + excerpt.encode("utf-8"),
        "utf16-bom": excerpt.encode("utf-16"),
        "utf16le": excerpt.encode("utf-16-le"),
        "utf16be": excerpt.encode("utf-16-be"),
        "cp1252": excerpt.encode("cp1252"),
        "crlf": crlf.encode("utf-8"),
        "cr": excerpt.replace("\n", "\r").encode("utf-8"),
        "mixed-endings": (crlf[: len(crlf) // 2] + excerpt[len(excerpt) // 2 :]).encode("utf-8"),
        "utf16-crlf": crlf.encode("utf-16"),
    }


def test_every_encoding_and_line_ending_gives_the_same_tokens_as_utf8(tmp_path):
    excerpt = feiring_excerpt()
    latin1 = excerpt.replace("–", "-")
    twins = encoded_twins(excerpt)
    files = {f"{name}.txt": data for name, data in twins.items()}
    files.update(
        {"utf8.txt": excerpt, "utf8-latin1.txt": latin1, "latin1.txt": latin1.encode("latin-1")}
    )
    names = ["utf8", *twins, "utf8-latin1", "latin1"]
    write_corpus(tmp_path, [document(n, f"{n}.txt", year="1998") for n in names], files=files)
    targets = [f"results/tokens/{n}.parquet" for n in names]
    run = run_snakemake(tmp_path, targets=targets, timeout=300)
    assert run.returncode == 0, run.describe()

    text = tmp_path / "results" / "text"
    tokens = {n: pd.read_parquet(tmp_path / "results" / "tokens" / f"{n}.parquet") for n in names}
    assert len(tokens["utf8"]) > 150
    assert {"portefølje", "åpenhet", "nødvendigvis"} <= set(tokens["utf8"]["token"])
    for name in twins:
        assert (text / f"{name}.raw.txt").read_text(encoding="utf-8") == (
            text / "utf8.raw.txt"
        ).read_text(encoding="utf-8"), name
        pd.testing.assert_frame_equal(tokens[name], tokens["utf8"], obj=name)
    pd.testing.assert_frame_equal(tokens["latin1"], tokens["utf8-latin1"], obj="latin1")
    record = pd.read_json(text / "cp1252.extract.json", typ="series")
    assert "1252" in str(record["encoding"]), record


# ------------------------------------------------------------------ unreadable documents
def png_bytes() -> bytes:
    rng = random.Random(20190626)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))


def unreadable_files() -> dict[str, tuple[bytes, str]]:
    """file name -> (content, words of the one-line message naming it)."""
    from pypdf import PdfWriter

    from tests.pdfmaker import minimal_pdf

    text_pdf = minimal_pdf([["Selvhjelp er en viktig ressurs i folkehelsearbeidet."]])
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf))
    writer.encrypt("hemmelig", "eier", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    return {
        "tom.txt": (b"", "is empty"),
        "bilde.txt": (png_bytes(), "looks like a PNG image"),
        "skannet.pdf": (minimal_pdf([[], []]), "has no text layer"),
        "kuttet.pdf": (text_pdf[:100], "is not a readable PDF"),
        "laast.pdf": (locked.getvalue(), "is encrypted with a password"),
    }


def test_unreadable_documents_stop_only_their_own_jobs(tmp_path):
    bad = unreadable_files()
    ids = {name: name.replace(".", "-") for name in bad}
    write_corpus(
        tmp_path,
        [
            document("brustad", "brustad.txt", period="folkehelse"),
            *(document(ids[name], name, period="folkehelse") for name in bad),
        ],
        files={"brustad.txt": BRUSTAD, **{name: data for name, (data, _) in bad.items()}},
    )
    run = run_snakemake(tmp_path, timeout=300)
    assert run.returncode != 0, run.describe()
    for name, (_, message) in bad.items():
        named = [line for line in lines_with(run.output, name) if message in line]
        assert named, f"no one-line message naming {name} with {message!r}:\n{run.describe()}"
        log = (tmp_path / "logs" / "document" / f"{ids[name]}.log").read_text(encoding="utf-8")
        assert message in log and name in log, log
        assert not (tmp_path / "results" / "text" / f"{ids[name]}.raw.txt").exists()
    results = tmp_path / "results"
    # keep-going: the good document went all the way through its own jobs
    assert (results / "counts" / "brustad.parquet").is_file(), run.describe()
    assert len(pd.read_parquet(results / "tokens" / "brustad.parquet")) > 50


# ------------------------------------------------------------------ broken manifests
GOOD_ROWS = [
    document("stmeld-1993", "excerpts/stmeld-1993.txt", year="1993", period="frivillig"),
    document("brustad-2007", "excerpts/brustad-2007.txt", year="2007", period="folkehelse"),
]
GOOD_FILES = {"excerpts/stmeld-1993.txt": STMELD_1993, "excerpts/brustad-2007.txt": BRUSTAD}


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """A finished run of a good two-document manifest, plus a file just outside its corpus."""
    workdir = tmp_path_factory.mktemp("small")
    write_corpus(workdir, GOOD_ROWS, files=GOOD_FILES)
    (workdir / "outside.txt").write_text(BRUSTAD, encoding="utf-8")
    (workdir / "corpus" / "link.txt").symlink_to(workdir / "outside.txt")
    # the same documents again: a copy, and a link inside the corpus (not in the good manifest)
    (workdir / "corpus" / "excerpts" / "kopi.txt").write_text(BRUSTAD, encoding="utf-8")
    (workdir / "corpus" / "lenke.txt").symlink_to(
        workdir / "corpus" / "excerpts" / "brustad-2007.txt"
    )
    # the corpus summary is enough to check that a bad manifest or config changes no result
    run = run_snakemake(workdir, targets=["results/corpus/summary.tsv"], timeout=300)
    assert run.returncode == 0, run.describe()
    assert (workdir / "results" / "corpus" / "summary.tsv").is_file()
    return run


def _with(row: int, **changes: str) -> list[dict[str, str]]:
    rows = [dict(r) for r in GOOD_ROWS]
    rows[row].update(changes)
    return rows


# (case id, manifest rows, columns, expected: line number or None, column, words in the message)
MANIFEST_CASES = [
    ("dotdot-path", _with(1, file="../outside.txt"), MANIFEST_COLUMNS, 3, "file", "outside"),
    ("symlink-out", _with(1, file="link.txt"), MANIFEST_COLUMNS, 3, "file", "outside"),
    (
        "duplicate-id",
        _with(1, doc_id="stmeld-1993"),
        MANIFEST_COLUMNS,
        3,
        "doc_id",
        "duplicate",
    ),
    (
        "unknown-period",
        _with(0, period="sivilsamfunn"),
        MANIFEST_COLUMNS,
        2,
        "period",
        "sivilsamfunn",
    ),
    ("bad-year", _with(1, year="19x3"), MANIFEST_COLUMNS, 3, "year", "19x3"),
    ("year-out-of-range", _with(1, year="2107"), MANIFEST_COLUMNS, 3, "year", "2107"),
    ("missing-file", _with(0, file="excerpts/nope.txt"), MANIFEST_COLUMNS, 2, "file", "not exist"),
    ("absolute-path", _with(1, file="/etc/passwd"), MANIFEST_COLUMNS, 3, "file", "absolute"),
    ("stray-space-id", _with(0, doc_id="stmeld-1993 "), MANIFEST_COLUMNS, 2, "doc_id", "no spaces"),
    # the same document in two rows, each way it can repeat
    (
        "same-file-twice",
        [*GOOD_ROWS, document("brustad-igjen", "excerpts/brustad-2007.txt")],
        MANIFEST_COLUMNS,
        4,
        "file",
        "is also the file of line 3 (doc_id 'brustad-2007')",
    ),
    (
        "same-path-written-otherwise",
        [*GOOD_ROWS, document("brustad-igjen", "./excerpts/brustad-2007.txt")],
        MANIFEST_COLUMNS,
        4,
        "file",
        "is the same path as 'excerpts/brustad-2007.txt' on line 3",
    ),
    (
        "same-bytes",
        [*GOOD_ROWS, document("kopi", "excerpts/kopi.txt")],
        MANIFEST_COLUMNS,
        4,
        "file",
        "has the same bytes as 'excerpts/brustad-2007.txt' on line 3",
    ),
    (
        "symlink-to-a-listed-file",
        [*GOOD_ROWS, document("lenke", "lenke.txt")],
        MANIFEST_COLUMNS,
        4,
        "file",
        "is the same file as 'excerpts/brustad-2007.txt' on line 3",
    ),
    (
        "ids-differing-in-case",
        _with(1, doc_id="STMELD-1993"),
        MANIFEST_COLUMNS,
        3,
        "doc_id",
        "differs from 'stmeld-1993' on line 2 only in letter case",
    ),
    # a spreadsheet's blank row: skipped, and the line numbers after it stay physical
    (
        "blank-row-then-bad-year",
        [GOOD_ROWS[0], {}, {**GOOD_ROWS[1], "year": "19x3"}],
        MANIFEST_COLUMNS,
        4,
        "year",
        "19x3",
    ),
    (
        "missing-column",
        GOOD_ROWS,
        [c for c in MANIFEST_COLUMNS if c != "genre"],
        None,
        "genre",
        "missing",
    ),
]


@pytest.mark.parametrize(
    ("case", "rows", "columns", "line", "column", "words"),
    MANIFEST_CASES,
    ids=[c[0] for c in MANIFEST_CASES],
)
def test_bad_manifest_stops_before_any_job(small_run, case, rows, columns, line, column, words):
    workdir = small_run.workdir
    name = f"documents-{case}.tsv"
    write_corpus(workdir, rows, manifest=name, columns=columns)
    config = [f"manifest=corpus/{name}"]
    before = file_states(workdir / "results")

    dry = run_snakemake(workdir, "-n", config=config, timeout=120)
    assert dry.returncode != 0, dry.describe()
    assert_no_job_ran(dry)
    where = [name] if line is None else [name, f"line {line}"]
    found = [ln for ln in lines_with(dry.output, *where) if column in ln and words in ln]
    assert found, f"no message naming {where}, {column!r}, {words!r}:\n{dry.describe()}"
    if line is not None:
        assert re.search(rf"line {line}\b.*column {column}\b", found[0]), found[0]

    real = run_snakemake(workdir, config=config, timeout=300)
    assert real.returncode != 0, real.describe()
    assert_no_job_ran(real)
    assert file_states(workdir / "results") == before, "results changed after a bad manifest"


def test_every_bad_row_is_reported_at_once(small_run):
    workdir = small_run.workdir
    rows = [
        *GOOD_ROWS,
        document("outside", "../outside.txt"),  # line 4
        document("stmeld-1993", "excerpts/brustad-2007.txt"),  # line 5
        document("period", "excerpts/brustad-2007.txt", period="sivilsamfunn"),  # line 6
        document("year", "excerpts/brustad-2007.txt", year="19x3"),  # line 7
    ]
    write_corpus(workdir, rows, manifest="documents-all-bad.tsv")
    run = run_snakemake(workdir, "-n", config=["manifest=corpus/documents-all-bad.tsv"])
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    for line, column in ((4, "file"), (5, "doc_id"), (6, "period"), (7, "year")):
        assert re.search(rf"line {line}\b.*column {column}\b", run.output), (line, column)
    assert not re.search(r"\.tsv line [23]\b", run.output), run.describe()


# ------------------------------------------------------------------ broken configuration
def test_unknown_normalise_value_is_a_schema_error(small_run):
    workdir = small_run.workdir
    config = ["manifest=corpus/documents.tsv", "normalise=foo"]
    run = run_snakemake(workdir, "-n", config=config, timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    assert lines_with(run.output, "normalise"), run.describe()
    assert "foo" in run.output


OVERLAPPING_PERIODS = """\
periods:
  - {name: frivillig, first_year: 1986, last_year: 1997}
  - {name: psykisk_helse, first_year: 1996, last_year: 2001}
  - {name: folkehelse, first_year: 2002, last_year: 2030}
"""


def test_overlapping_periods_are_an_error(small_run, tmp_path):
    configfile = tmp_path / "overlap.yaml"
    configfile.write_text(OVERLAPPING_PERIODS, encoding="utf-8")
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    overlap = [ln for ln in run.output.splitlines() if "overlap" in ln.lower()]
    assert overlap, run.describe()
    assert "frivillig" in overlap[0] and "psykisk_helse" in overlap[0], overlap


def test_unknown_config_key_is_a_schema_error(small_run, tmp_path):
    configfile = tmp_path / "typo.yaml"
    configfile.write_text("stopword: [selvhjelp]\n", encoding="utf-8")
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    assert lines_with(run.output, "stopword", "was unexpected"), run.describe()


def test_concept_with_an_invalid_pattern_is_an_error(small_run, tmp_path):
    configfile = tmp_path / "pattern.yaml"
    configfile.write_text("concepts:\n  selvhjelp: ['selv*hjelp']\n", encoding="utf-8")
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    assert lines_with(run.output, "selv*hjelp"), run.describe()


def test_concept_with_an_unknown_match_mode_is_an_error(small_run, tmp_path):
    configfile = tmp_path / "mode.yaml"
    configfile.write_text(
        "concepts:\n  hjelp: {patterns: [hjelp], match: fuzzy}\n", encoding="utf-8"
    )
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    assert lines_with(run.output, "fuzzy"), run.describe()
    # the same family with a known mode is accepted
    configfile.write_text(
        "concepts:\n  hjelp: {patterns: [hjelp], match: compound}\n", encoding="utf-8"
    )
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode == 0, run.describe()


def test_allowed_overlap_and_gaps_are_warnings(small_run, tmp_path):
    configfile = tmp_path / "overlap-allowed.yaml"
    configfile.write_text(
        OVERLAPPING_PERIODS.replace("first_year: 2002", "first_year: 2003")
        + "allow_overlapping_periods: true\n",
        encoding="utf-8",
    )
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode == 0, run.describe()
    assert lines_with(run.output, "overlap: documents dated 1996-1997 go to 'frivillig'")
    assert lines_with(run.output, "years 2002-2002 between periods"), run.describe()


# ------------------------------------------------------------------ documents left out
ENGLISH = (BUNDLED_CORPUS / "excerpts" / "hedlund-landstad-2012.txt").read_text(encoding="utf-8")


def test_english_and_too_short_documents_are_listed_and_left_out(tmp_path):
    rows = [
        *GOOD_ROWS,
        document("english", "english.txt", year="2012"),
        document("short", "short.txt", year="2007"),
    ]
    files = {
        **GOOD_FILES,
        "english.txt": ENGLISH,
        "short.txt": "Selvhjelp er folkehelse.\n",
    }
    write_corpus(tmp_path, rows, files=files)
    targets = [
        "results/corpus/summary.tsv",
        "results/frequencies/by_document.tsv",
        "results/drift/concepts_by_period.tsv",
    ]
    run = run_snakemake(tmp_path, targets=targets, timeout=300)
    assert run.returncode == 0, run.describe()
    results = tmp_path / "results"
    summary = pd.read_csv(
        results / "corpus" / "summary.tsv", sep="\t", dtype=str, keep_default_na=False
    ).set_index("doc_id")
    assert list(summary.index) == ["stmeld-1993", "brustad-2007", "english", "short"]
    assert summary.loc["english", "status"].startswith("excluded: no paragraph in nb, nn")
    assert summary.loc["short", "status"] == (
        "excluded: too short to analyse (3 word tokens, fewer than config `min_tokens` = 20)"
    )
    assert summary.loc["short", "tokens"] == "3"
    by_document = pd.read_csv(results / "frequencies" / "by_document.tsv", sep="\t")
    assert set(by_document["doc_id"]) == {"stmeld-1993", "brustad-2007"}
    concepts = pd.read_csv(results / "drift" / "concepts_by_period.tsv", sep="\t")
    assert concepts.loc[concepts["period"] == "folkehelse", "n_docs"].max() == 1
    document_log = (tmp_path / "logs" / "document" / "short.log").read_text(encoding="utf-8")
    assert "WARNING" in document_log and "too short to analyse" in document_log
    frequencies_log = (tmp_path / "logs" / "frequencies" / "frequencies.log").read_text("utf-8")
    assert "english, short" in frequencies_log and "left out of period statistics" in (
        frequencies_log
    )


def test_patterns_that_can_never_match_stop_the_run(small_run, tmp_path):
    configfile = tmp_path / "punctuation.yaml"
    configfile.write_text(
        "concepts:\n  psykisk_helse: ['psykisk (helse', 'psykisk helse*']\n"
        "targets:\n  pluss: ['a+b']\n",
        encoding="utf-8",
    )
    run = run_snakemake(small_run.workdir, "-n", configfiles=[configfile], timeout=120)
    assert run.returncode != 0, run.describe()
    assert_no_job_ran(run)
    assert lines_with(
        run.output,
        "config `concepts.psykisk_helse`: pattern 'psykisk (helse' can never match: in '(helse', "
        "no token starts with '('",
    ), run.describe()
    assert lines_with(
        run.output, "config `targets.pluss`: pattern 'a+b' can never match: in 'a+b'"
    ), run.describe()


# ------------------------------------------------------------------ what researchers really have
ARTICLE = [
    "Selvhjelp er en viktig ressurs i folkehelsearbeidet, og mange frivillige organisasjoner "
    "driver selvhjelpsgrupper over hele landet. Selvhjelp handler om å ta tak i eget liv.",
    "Regjeringen vil styrke arbeidet med psykisk helse og selvhjelp i kommunene, og legge til "
    "rette for at flere kan delta i likemannsarbeid og selvhjelpsgrupper.",
]
MARKUP_WORDS = {"doctype", "html", "meta", "charset", "head", "body", "script", "nav", "gtag"}
BOILERPLATE_WORDS = {"hjem", "personvern", "informasjonskapsler", "kontakt", "departementene"}


def test_web_pages_office_files_and_a_spreadsheet_manifest(tmp_path):
    """A manifest saved by a spreadsheet (UTF-16 with a byte-order mark, CRLF, a quoted
    title, blank rows) listing a web page, the same page's markup saved as .txt, a Word and
    an OpenDocument file, with a concept that matches nothing."""
    from tests.docmaker import odt_document, web_page, word_document

    files = {
        "side.html": web_page(ARTICLE),
        "side-lagret.txt": web_page(ARTICLE, xhtml=True),  # other bytes, the same text
        "melding.docx": word_document(ARTICLE),
        "plan.odt": odt_document(ARTICLE),
        "brustad.txt": BRUSTAD,
    }
    rows = [
        document("side", "side.html", year="2007"),
        document("side-lagret", "side-lagret.txt", year="2007"),
        {},  # a row of empty cells
        document("melding", "melding.docx", year="2003"),
        document("plan", "plan.odt", year="2003"),
        document("brustad", "brustad.txt", year="2007", title="RESEPT"),
    ]
    manifest = write_corpus(tmp_path, rows, files=files)
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("RESEPT", '"Resept for et ""sunnere"" Norge"').replace("\n", "\r\n")
    manifest.write_bytes((text + "\r\n").encode("utf-16"))
    configfile = tmp_path / "concepts.yaml"
    configfile.write_text("concepts:\n  nyord: ['zzyzx*']\n", encoding="utf-8")
    names = ["side", "side-lagret", "melding", "plan", "brustad"]
    targets = [
        "results/corpus/summary.tsv",
        "results/corpus/unmatched.tsv",
        "results/kwic/selvhjelp.tsv",
        *[f"results/tokens/{n}.parquet" for n in names],
    ]
    run = run_snakemake(tmp_path, targets=targets, configfiles=[configfile], timeout=300)
    assert run.returncode == 0, run.describe()
    results = tmp_path / "results"

    summary = pd.read_csv(
        results / "corpus" / "summary.tsv", sep="\t", dtype=str, keep_default_na=False
    ).set_index("doc_id")
    assert list(summary.index) == names
    assert summary["format"].tolist() == ["html", "html", "docx", "odt", "text"]
    assert set(summary["status"]) == {"analysed"}, summary["status"]
    assert summary.loc["side-lagret", "warnings"].startswith(
        "HTML markup in a .txt file: read as a web page"
    )
    assert summary.loc["side", "warnings"] == ""
    assert summary.loc["brustad", "title"] == 'Resept for et "sunnere" Norge'

    tokens = {n: pd.read_parquet(results / "tokens" / f"{n}.parquet") for n in names}
    for name in ("side", "side-lagret", "melding", "plan"):
        words = set(tokens[name]["token"])
        assert {"selvhjelp", "selvhjelpsgrupper", "likemannsarbeid"} <= words, name
        assert not words & (MARKUP_WORDS | BOILERPLATE_WORDS), (name, words & MARKUP_WORDS)
    pd.testing.assert_frame_equal(tokens["side"], tokens["side-lagret"])

    kwic = pd.read_csv(results / "kwic" / "selvhjelp.tsv", sep="\t", dtype=str)
    assert set(names) <= set(kwic["doc_id"]), kwic["doc_id"].value_counts()

    unmatched = pd.read_csv(results / "corpus" / "unmatched.tsv", sep="\t", dtype=str)
    assert unmatched[["kind", "name", "patterns"]].values.tolist() == [
        ["concept", "nyord", "zzyzx*"]
    ]
    log = (tmp_path / "logs" / "corpus" / "summary.log").read_text(encoding="utf-8")
    assert "concept 'nyord' matched nothing in the 5 analysed documents" in log, log
