"""Bad input on small corpora built in temporary folders: encodings, unreadable files, broken
manifests and broken configuration.

A bad document must stop only its own jobs (keep-going) with a one-line message naming the file;
a bad manifest or configuration must stop the run before any job, with a message naming the
manifest line and column, and leave earlier results alone.
"""

from __future__ import annotations

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


def test_cp1252_file_gives_the_same_tokens_as_its_utf8_twin(tmp_path):
    excerpt = feiring_excerpt()
    write_corpus(
        tmp_path,
        [document("utf8", "utf8.txt", year="1998"), document("cp1252", "cp1252.txt", year="1998")],
        files={"utf8.txt": excerpt, "cp1252.txt": excerpt.encode("cp1252")},
    )
    targets = ["results/tokens/utf8.parquet", "results/tokens/cp1252.parquet"]
    run = run_snakemake(tmp_path, targets=targets, timeout=300)
    assert run.returncode == 0, run.describe()

    text = tmp_path / "results" / "text"
    raw_utf8 = (text / "utf8.raw.txt").read_text(encoding="utf-8")
    assert (text / "cp1252.raw.txt").read_text(encoding="utf-8") == raw_utf8
    assert "–" in raw_utf8 and "Åpenhet" in raw_utf8
    record = pd.read_json(text / "cp1252.extract.json", typ="series")
    assert "1252" in str(record["encoding"]), record

    utf8 = pd.read_parquet(tmp_path / targets[0])
    cp1252 = pd.read_parquet(tmp_path / targets[1])
    assert len(utf8) > 150
    assert list(cp1252["token"]) == list(utf8["token"])
    assert list(cp1252["lemma"]) == list(utf8["lemma"])
    pd.testing.assert_frame_equal(cp1252, utf8)
    assert {"portefølje", "åpenhet", "nødvendigvis"} <= set(utf8["token"])


# ------------------------------------------------------------------ unreadable documents
def png_bytes() -> bytes:
    rng = random.Random(20190626)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.txt", b"", r"is empty"),
        ("bilde.txt", png_bytes(), r"binary|looks like"),
    ],
    ids=["empty", "binary"],
)
def test_unreadable_document_stops_only_its_own_jobs(tmp_path, name, content, message):
    write_corpus(
        tmp_path,
        [
            document("brustad", "brustad.txt", period="folkehelse"),
            document("bad", name, period="folkehelse"),
        ],
        files={"brustad.txt": BRUSTAD, name: content},
    )
    run = run_snakemake(tmp_path, timeout=300)
    assert run.returncode != 0, run.describe()
    named = [line for line in lines_with(run.output, name) if re.search(message, line)]
    assert named, f"no one-line message naming {name} matching {message!r}:\n{run.describe()}"
    log = (tmp_path / "logs" / "extract" / "bad.log").read_text(encoding="utf-8")
    assert re.search(message, log) and name in log, log
    results = tmp_path / "results"
    # keep-going: the good document went all the way through its own jobs
    assert (results / "tokens" / "brustad.parquet").is_file(), run.describe()
    assert (results / "counts" / "brustad.parquet").is_file(), run.describe()
    assert len(pd.read_parquet(results / "tokens" / "brustad.parquet")) > 50
    assert not (results / "text" / "bad.raw.txt").exists()
    assert not (results / "tokens" / "bad.parquet").exists()


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
    run = run_snakemake(workdir, timeout=300)
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
    found = [ln for ln in lines_with(dry.output, *where) if column in ln and words in ln.lower()]
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
