"""Unit tests for ordskifte.ingest.manifest: the shipped manifest passes, a broken one reports every
bad row by line number and column in one error, and periods are checked and assigned."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from ordskifte.ingest.manifest import (
    REQUIRED_COLUMNS,
    ManifestError,
    Period,
    PeriodError,
    assign_periods,
    check_periods,
    parse_periods,
    period_of,
    read_manifest,
    validate_manifest,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = yaml.safe_load(
    (ROOT / "workflow/schemas/manifest.schema.yaml").read_text(encoding="utf-8")
)
# The periods and manifest languages of config.yaml, copied.
PERIOD_NAMES = ["frivillig", "psykisk_helse", "folkehelse"]
LANGUAGES = ["nb", "nn", "en", "sv", "da"]
PERIODS = [
    Period("frivillig", "Frivillig arbeid (1986–1995)", 1986, 1995),
    Period("psykisk_helse", "Psykisk helsearbeid (1996–2001)", 1996, 2001),
    Period("folkehelse", "Folkehelsearbeid (2002–2030)", 2002, 2030),
]
HEADER = "doc_id\tfile\ttitle\tyear\tperiod\tgenre\tlanguage\tcitation\turl\n"


# --- the shipped manifest ---------------------------------------------------------------------


def test_shipped_manifest_is_valid():
    df = read_manifest(ROOT / "resources/corpus/documents.tsv")
    validate_manifest(
        df,
        schema=SCHEMA,
        corpus_dir=ROOT / "resources/corpus",
        period_names=PERIOD_NAMES,
        languages=LANGUAGES,
    )
    assert (len(df), list(df.columns)) == (
        17,
        ["doc_id", "file", "title", "issuer", "year", "period", "genre", "language"]
        + ["citation", "url"],
    )
    # every cell is a string, empty cells are ""
    assert df.loc[
        df["doc_id"] == "feiring-2019-1-innledning", ["year", "period", "url"]
    ].values.tolist() == [["2019", "none", ""]]


def test_read_manifest_missing_file(tmp_path):
    with pytest.raises(ManifestError, match=r"nowhere\.tsv does not exist: check the `manifest`"):
        read_manifest(tmp_path / "nowhere.tsv")


def test_read_manifest_keeps_whitespace_and_leading_zeros(tmp_path):
    path = tmp_path / "documents.tsv"
    path.write_text(
        HEADER + " doc-1 \ta.txt\tT\t1993\t\tnou\tnb\tC\t\n007\tb.txt\tT\t\t\tnou\tnb\tC\t\n"
    )
    assert read_manifest(path)["doc_id"].tolist() == [" doc-1 ", "007"]


# --- a manifest with every kind of error ------------------------------------------------------

# (doc_id, file, year, period, language); line numbers count the header as line 1.
BAD_ROWS = [
    ("ok-doc", "a.txt", "1993", "", "nb"),  # line 2: fine
    ("bad id", "a.txt", "1993", "", "nb"),  # line 3: space in id
    ("ok-doc2 ", "b.txt", "1993", "", "nb"),  # line 4: stray whitespace in id
    ("ok-doc", "b.txt", "1993", "", "nb"),  # line 5: duplicate of line 2
    ("up", "../outside.txt", "1993", "", "nb"),  # line 6: leaves the corpus folder
    ("abs", "/etc/hostname", "1993", "", "nb"),  # line 7: absolute path
    ("link", "link.txt", "1993", "", "nb"),  # line 8: symlink pointing outside
    ("missing", "missing.txt", "1993", "", "nb"),  # line 9: no such file
    ("year5", "a.txt", "12345", "", "nb"),  # line 10
    ("yearabc", "a.txt", "abc", "", "nb"),  # line 11
    ("period", "a.txt", "1993", "unknown", "nb"),  # line 12
    ("lang", "a.txt", "1993", "", "xx"),  # line 13
    ("fetched", "later.txt", "2003", "", "nb"),  # line 14: fine, rule fetch downloads it
]


@pytest.fixture(scope="module")
def bad_manifest_message(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tekst.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Tekst.\n", encoding="utf-8")
    (base / "outside.txt").write_text("Utenfor.\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(base / "outside.txt")
    lines = [HEADER]
    for doc_id, file, year, period, language in BAD_ROWS:
        url = "https://example.org/later.txt" if doc_id == "fetched" else ""
        lines.append(f"{doc_id}\t{file}\tTittel\t{year}\t{period}\tnou\t{language}\tKilde\t{url}\n")
    (corpus / "documents.tsv").write_text("".join(lines), encoding="utf-8")
    df = read_manifest(corpus / "documents.tsv")
    with pytest.raises(ManifestError) as info:
        validate_manifest(
            df,
            schema=SCHEMA,
            corpus_dir=corpus,
            period_names=PERIOD_NAMES,
            languages=["nb", "nn", "en"],
            manifest_name="documents.tsv",
        )
    return str(info.value), str(base.resolve())


@pytest.mark.parametrize(
    "problem",
    [
        "documents.tsv line 3 (doc_id 'bad id'), column doc_id: 'bad id' may only contain "
        "letters, digits, _ and - (no spaces, dots or slashes)",
        "documents.tsv line 4 (doc_id 'ok-doc2 '), column doc_id: 'ok-doc2 ' may only contain "
        "letters, digits, _ and - (no spaces, dots or slashes)",
        "documents.tsv line 5 (doc_id 'ok-doc'), column doc_id: duplicate of line 2; give each "
        "document its own id",
        "documents.tsv line 6 (doc_id 'up'), column file: '../outside.txt' points outside the "
        "corpus folder; give a path inside corpus/ without '..'",
        "documents.tsv line 7 (doc_id 'abs'), column file: '/etc/hostname' is an absolute path; "
        "give it relative to the manifest's folder",
        "documents.tsv line 7 (doc_id 'abs'), column file: '/etc/hostname' points outside the "
        "corpus folder; give a path inside corpus/ without '..'",
        "documents.tsv line 8 (doc_id 'link'), column file: 'link.txt' resolves to "
        "{base}/outside.txt, outside the corpus folder (a symbolic link pointing out?); copy "
        "the file into the corpus folder instead",
        "documents.tsv line 9 (doc_id 'missing'), column file: 'missing.txt' does not exist in "
        "corpus/; copy the file there, fix the path, or give a `url` to download it from",
        "documents.tsv line 10 (doc_id 'year5'), column year: '12345' is not a year between "
        "1800 and 2100 (or empty)",
        "documents.tsv line 11 (doc_id 'yearabc'), column year: 'abc' is not a year between "
        "1800 and 2100 (or empty)",
        "documents.tsv line 12 (doc_id 'period'), column period: 'unknown' is not a configured "
        "period (frivillig, psykisk_helse, folkehelse); leave it empty to date the document by "
        "its year, or write none to count it in the corpus-wide tables only",
        "documents.tsv line 13 (doc_id 'lang'), column language: 'xx' is not one of nb, nn, en "
        "(config `manifest_languages`)",
    ],
)
def test_validate_manifest_names_each_problem(bad_manifest_message, problem):
    message, base = bad_manifest_message
    assert "\n  - " + problem.format(base=base) + "\n" in message + "\n"


def test_validate_manifest_reports_all_problems_at_once(bad_manifest_message):
    message, _ = bad_manifest_message
    lines = message.splitlines()
    assert lines[0] == "documents.tsv has 12 problem(s):"
    # one problem per bullet, in row order; the good row (2) is not mentioned
    assert [line.split(" (doc_id")[0] for line in lines[1:]] == [
        f"  - documents.tsv line {n}" for n in (3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13)
    ]


@pytest.mark.parametrize(
    ("drop", "missing"),
    [
        (["citation"], "citation"),
        (["genre", "citation"], "genre, citation"),
        (["doc_id"], "doc_id"),
    ],
)
def test_validate_manifest_missing_column(drop, missing):
    df = read_manifest(ROOT / "resources/corpus/documents.tsv").drop(columns=drop)
    with pytest.raises(ManifestError) as info:
        validate_manifest(
            df,
            schema=SCHEMA,
            corpus_dir=ROOT / "resources/corpus",
            period_names=PERIOD_NAMES,
            languages=LANGUAGES,
            manifest_name="documents.tsv",
        )
    assert str(info.value) == (
        f"documents.tsv: missing required column(s) {missing}; the header must name at least: "
        "doc_id, file, title, year, period, genre, language, citation"
    )


# --- periods ----------------------------------------------------------------------------------


def test_parse_periods():
    assert parse_periods(
        [
            {"name": "frivillig", "first_year": "1986", "last_year": 1995},
            {"name": "folkehelse", "label": "Folkehelse", "first_year": 2002, "last_year": 2030},
        ]
    ) == [
        Period("frivillig", "frivillig", 1986, 1995),
        Period("folkehelse", "Folkehelse", 2002, 2030),
    ]


@pytest.mark.parametrize(
    ("periods", "warnings"),
    [
        pytest.param(PERIODS, [], id="config-periods"),
        pytest.param(
            [Period("frivillig", "F", 1986, 1995), Period("folkehelse", "H", 2002, 2030)],
            [
                "years 1996-2001 between periods 'frivillig' and 'folkehelse' belong to no "
                "period; documents dated there need a `period` in the manifest"
            ],
            id="gap",
        ),
        pytest.param([Period("en", "E", 2000, 2000)], [], id="single-year"),
    ],
)
def test_check_periods_warnings(periods, warnings):
    assert check_periods(periods) == warnings


@pytest.mark.parametrize(
    ("periods", "problem"),
    [
        pytest.param(
            [Period("frivillig", "F", 1986, 1996), Period("psykisk_helse", "P", 1996, 2001)],
            "periods 'frivillig' (1986-1996) and 'psykisk_helse' (1996-2001) overlap or are out "
            "of time order: make each period start after the previous one ends, or set "
            "`allow_overlapping_periods: true`",
            id="overlap",
        ),
        pytest.param(
            [Period("psykisk_helse", "P", 1996, 2001), Period("frivillig", "F", 1986, 1995)],
            "periods 'psykisk_helse' (1996-2001) and 'frivillig' (1986-1995) overlap or are out "
            "of time order: make each period start after the previous one ends, or set "
            "`allow_overlapping_periods: true`",
            id="out-of-order",
        ),
        pytest.param(
            [Period("frivillig", "F", 1986, 1995), Period("frivillig", "G", 1996, 2001)],
            "period name 'frivillig' is used more than once",
            id="duplicate-name",
        ),
        pytest.param(
            [Period("frivillig", "F", 1986, 1995), Period("none", "N", 1996, 2001)],
            "period name 'none' is reserved: a manifest row says `none` for a document that "
            "belongs to no period; rename the period",
            id="reserved-name",
        ),
        pytest.param(
            [Period("frivillig", "F", 1995, 1986)],
            "period 'frivillig': first_year 1995 > last_year 1986",
            id="reversed-range",
        ),
    ],
)
def test_check_periods_errors(periods, problem):
    with pytest.raises(PeriodError) as info:
        check_periods(periods)
    assert str(info.value) == "config `periods` is invalid:\n  - " + problem


OVERLAPPING = [Period("frivillig", "F", 1986, 1997), Period("psykisk_helse", "P", 1996, 2001)]


def test_allowed_overlap_is_a_warning_and_goes_to_the_first_period():
    assert check_periods(OVERLAPPING, allow_overlaps=True) == [
        "periods 'frivillig' (1986-1997) and 'psykisk_helse' (1996-2001) overlap: documents "
        "dated 1996-1997 go to 'frivillig' unless their manifest row names a period"
    ]
    assert period_of(period="", year="1997", periods=OVERLAPPING) == ("frivillig", "year")
    assert period_of(period="psykisk_helse", year="1997", periods=OVERLAPPING) == (
        "psykisk_helse",
        "manifest",
    )


def test_allowing_overlaps_does_not_allow_periods_out_of_order():
    with pytest.raises(PeriodError, match="out of time order"):
        check_periods(OVERLAPPING[::-1], allow_overlaps=True)


@pytest.mark.parametrize(
    ("period", "year", "expected"),
    [
        ("folkehelse", "1993", ("folkehelse", "manifest")),  # own period wins over the year
        ("frivillig", "", ("frivillig", "manifest")),
        ("", "1986", ("frivillig", "year")),  # first year of a range
        ("", "1995", ("frivillig", "year")),  # last year of a range
        ("", "1996", ("psykisk_helse", "year")),
        ("", "2019", ("folkehelse", "year")),
        ("", "", ("", "none")),
        ("", "1985", ("", "none")),  # before the first period
        ("", "2031", ("", "none")),  # after the last period
        ("none", "2019", ("", "manifest (none)")),  # no period on purpose, whatever the year
        ("none", "", ("", "manifest (none)")),
    ],
)
def test_period_of(period, year, expected):
    assert period_of(period=period, year=year, periods=PERIODS) == expected


def test_period_of_year_in_gap():
    periods = [Period("frivillig", "F", 1986, 1995), Period("folkehelse", "H", 2002, 2030)]
    assert period_of(period="", year="1998", periods=periods) == ("", "none")


def test_assign_periods():
    df = pd.DataFrame(
        {
            "doc_id": ["feiring-2019-2", "nou-1998-18", "intervju", "feiring-2019-1"],
            "year": ["2019", "1998", "", "2019"],
            "period": ["frivillig", "", "folkehelse", "none"],
        }
    )
    out = assign_periods(df, PERIODS)
    assert out.to_dict(orient="list") == {
        "doc_id": ["feiring-2019-2", "nou-1998-18", "intervju", "feiring-2019-1"],
        "year": ["2019", "1998", "", "2019"],
        "period": ["frivillig", "", "folkehelse", "none"],
        "period_used": ["frivillig", "psykisk_helse", "folkehelse", ""],
        "period_source": ["manifest", "year", "manifest", "manifest (none)"],
    }
    assert "period_used" not in df.columns  # a copy, the input is untouched


def test_validate_manifest_rejects_unsupported_suffix_and_empty_manifest(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK")
    df = pd.DataFrame(
        [["a", "a.docx", "T", "1993", "", "nou", "nb", "C"]], columns=list(REQUIRED_COLUMNS)
    )
    kwargs = dict(
        schema=SCHEMA, corpus_dir=tmp_path, period_names=PERIOD_NAMES, languages=LANGUAGES
    )
    with pytest.raises(ManifestError, match=r"line 2 .*column file: 'a.docx' has an unsupported"):
        validate_manifest(df, **kwargs)
    with pytest.raises(ManifestError, match="has no documents"):
        validate_manifest(df.iloc[:0], **kwargs)
