"""Unit tests for ordskifte.ingest.manifest: the shipped manifest passes, a broken one reports every
bad row by line number and column in one error, and periods are checked and assigned."""

import os
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ordskifte.ingest.manifest import (
    REQUIRED_COLUMNS,
    SUPPORTED_SUFFIXES,
    ManifestError,
    Period,
    PeriodError,
    append_manifest_row,
    assign_periods,
    check_periods,
    find_duplicates,
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
    ("bad id", "c.txt", "1993", "", "nb"),  # line 3: space in id
    ("ok-doc2 ", "b.txt", "1993", "", "nb"),  # line 4: stray whitespace in id
    ("ok-doc", "d.txt", "1993", "", "nb"),  # line 5: duplicate of line 2
    ("up", "../outside.txt", "1993", "", "nb"),  # line 6: leaves the corpus folder
    ("abs", "/etc/hostname", "1993", "", "nb"),  # line 7: absolute path
    ("link", "link.txt", "1993", "", "nb"),  # line 8: symlink pointing outside
    ("missing", "missing.txt", "1993", "", "nb"),  # line 9: no such file
    ("year5", "e.txt", "12345", "", "nb"),  # line 10
    ("yearabc", "f.txt", "abc", "", "nb"),  # line 11
    ("period", "g.txt", "1993", "unknown", "nb"),  # line 12
    ("lang", "h.txt", "1993", "", "xx"),  # line 13
    ("fetched", "later.txt", "2003", "", "nb"),  # line 14: fine, rule fetch downloads it
]


@pytest.fixture(scope="module")
def bad_manifest_message(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in "abcdefgh":  # each row its own document
        (corpus / f"{name}.txt").write_text(f"Tekst {name}.\n", encoding="utf-8")
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
            [Period("frivillig", "F", 1986, 1995), Period("all", "A", 1996, 2001)],
            "period name 'all' is reserved for the segments of every document "
            "(results/segments/all.parquet); rename the period",
            id="reserved-all",
        ),
        pytest.param(
            [Period("global", "G", 1986, 1995)],
            "period name 'global' is reserved for the topic model of every document "
            "(results/topics/global/); rename the period",
            id="reserved-global",
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
    (tmp_path / "a.rtf").write_bytes(b"{\\rtf1 Selvhjelp}")
    df = pd.DataFrame(
        [["a", "a.rtf", "T", "1993", "", "nou", "nb", "C"]], columns=list(REQUIRED_COLUMNS)
    )
    kwargs = dict(
        schema=SCHEMA, corpus_dir=tmp_path, period_names=PERIOD_NAMES, languages=LANGUAGES
    )
    with pytest.raises(ManifestError, match=r"line 2 .*column file: 'a.rtf' has an unsupported"):
        validate_manifest(df, **kwargs)
    with pytest.raises(ManifestError, match="has no documents"):
        validate_manifest(df.iloc[:0], **kwargs)


# --- the manifest as a spreadsheet writes it --------------------------------------------------


def problems(df: pd.DataFrame, *, corpus_dir: Path, name: str) -> str:
    """The message of the ManifestError that validating ``df`` raises."""
    with pytest.raises(ManifestError) as info:
        validate_manifest(
            df,
            schema=SCHEMA,
            corpus_dir=corpus_dir,
            period_names=PERIOD_NAMES,
            languages=LANGUAGES,
            manifest_name=name,
        )
    return str(info.value)


ROW = "{doc_id}\t{file}\t{title}\t1993\t\tnou\tnb\tKilde\t"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_quoted_cells_are_read_by_the_csv_rules(tmp_path):
    path = _write(
        tmp_path / "documents.tsv",
        HEADER
        + ROW.format(doc_id="a", file="a.txt", title='"Resept for et ""sunnere"" Norge"')
        + "\n"
        + ROW.format(doc_id="b", file="b.txt", title='Den "nye" helsa')  # a " inside a cell
        + "\n"
        + ROW.format(doc_id="c", file="c.txt", title='"Tittel\tmed tab"')
        + "\n",
    )
    assert read_manifest(path)["title"].tolist() == [
        'Resept for et "sunnere" Norge',
        'Den "nye" helsa',
        "Tittel\tmed tab",
    ]


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\r\n"),  # Excel's "CSV UTF-8" has a byte-order mark
        ("utf-16", "\r\n"),  # Excel's "Unicode Text": UTF-16 LE with a byte-order mark
        ("utf-16", "\n"),
        ("utf-8", "\r"),  # old Mac line ends
    ],
)
def test_spreadsheet_encodings_and_line_ends(tmp_path, encoding, newline):
    text = HEADER + ROW.format(doc_id="nou-1998-18", file="a.txt", title="Bruk for alle") + "\n"
    path = _write(tmp_path / "documents.tsv", text.replace("\n", newline), encoding)
    df = read_manifest(path)
    assert list(df.columns) == HEADER.strip().split("\t")
    assert df.to_dict(orient="records")[0]["doc_id"] == "nou-1998-18"
    assert df.attrs["newline"] == newline
    assert df.attrs["lines"] == [2]


def test_utf16_big_endian_with_a_byte_order_mark(tmp_path):
    text = HEADER + ROW.format(doc_id="å", file="a.txt", title="Åpenhet") + "\n"
    path = tmp_path / "documents.tsv"
    path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    assert read_manifest(path)["title"].tolist() == ["Åpenhet"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            (HEADER + "a\ta.txt\tÅpenhet\t1993\t\tnou\tnb\tK\t\n").encode("cp1252"),
            "is not UTF-8: byte b'\\xc5' on line 2 is not",
        ),
        ((HEADER + "a\n").encode("utf-16-le"), "has NUL bytes: UTF-16 without a byte-order"),
        (b"", "is empty: its first line must be the header"),
        (b"\n\t\t\n", "is empty: its first line must be the header"),
    ],
)
def test_unreadable_manifests_say_how_to_save_them(tmp_path, data, words):
    path = tmp_path / "documents.tsv"
    path.write_bytes(data)
    with pytest.raises(ManifestError, match=re.escape(words)):
        read_manifest(path)


def test_blank_rows_are_skipped_and_lines_are_physical(tmp_path):
    text = (
        HEADER
        + "\n"  # line 2: blank
        + ROW.format(doc_id="a", file="a.txt", title="T")  # line 3
        + "\n\t\t\t\t\t\t\t\t\n"  # line 4: a row of empty cells, as a spreadsheet writes it
        + ROW.format(doc_id="b", file="b.txt", title='"To\nlinjer"')  # lines 5-6
        + "\n"
        + ROW.format(doc_id="c c", file="c.txt", title="T")  # line 7
        + "\n   \n"  # line 8: spaces only
    )
    df = read_manifest(_write(tmp_path / "documents.tsv", text))
    assert df["doc_id"].tolist() == ["a", "b", "c c"]
    assert df.attrs["lines"] == [3, 5, 7]
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(f"Tekst {name}.\n", encoding="utf-8")
    message = problems(df, corpus_dir=tmp_path, name="documents.tsv")
    assert message.splitlines()[1:] == [
        "  - documents.tsv line 5 (doc_id 'b'), column title: the cell has a line break "
        "('To\\nlinjer'): a \" that opens a cell and is never closed swallows the lines after "
        "it; close the quote, or remove the line break",
        "  - documents.tsv line 7 (doc_id 'c c'), column doc_id: 'c c' may only contain "
        "letters, digits, _ and - (no spaces, dots or slashes)",
    ]


def test_short_rows_padded_extra_cells_and_empty_columns(tmp_path):
    text = (
        HEADER.rstrip("\n")
        + "\t\t\n"  # two empty columns at the right of the sheet
        + "a\ta.txt\tT\t1993\t\tnou\tnb\tKilde\n"  # no url cell at all
        + ROW.format(doc_id="b", file="b.txt", title="T")
        + "\tstray\n"
    )
    df = read_manifest(_write(tmp_path / "documents.tsv", text))
    assert list(df.columns) == HEADER.strip().split("\t")
    assert df["url"].tolist() == ["", ""]
    assert df.attrs["extra_cells"] == {1: ["stray"]}
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(f"Tekst {name}.\n", encoding="utf-8")
    message = problems(df, corpus_dir=tmp_path, name="documents.tsv")
    assert message.splitlines()[1:] == [
        "  - documents.tsv line 3 (doc_id 'b'): 1 cell(s) beyond the header's 9 columns "
        "('stray'): a tab typed inside a cell, or a column without a name in the header; "
        "remove the cell or name its column"
    ]


def test_a_row_with_only_some_cells_gets_one_message_per_empty_cell(tmp_path):
    df = pd.DataFrame(
        [["", "", "Bare en tittel", "", "", "", "", ""]], columns=list(REQUIRED_COLUMNS)
    )
    message = problems(df, corpus_dir=tmp_path, name="m.tsv")
    assert message.splitlines()[1:] == [
        "  - m.tsv line 2 (doc_id ''), column doc_id: is empty: give each document an id "
        "(letters, digits, _ and -)",
        "  - m.tsv line 2 (doc_id ''), column file: is empty: give the document's file, "
        "relative to the manifest's folder",
        "  - m.tsv line 2 (doc_id ''), column language: is empty: give the document's main "
        "language, a code such as nb or nn",
    ]
    assert "absolute" not in message


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_append_row_keeps_the_encoding_and_line_ends(tmp_path, encoding, newline):
    text = HEADER + ROW.format(doc_id="a", file="a.txt", title="T") + "\n"
    path = _write(tmp_path / "documents.tsv", text.replace("\n", newline), encoding)
    table = read_manifest(path)
    row = {c: "" for c in table.columns}
    row.update(doc_id="b", file="b.txt", title='"Sunnere" Norge\tdel 2', year="2003")
    append_manifest_row(path, row, columns=list(table.columns), table=table)
    again = read_manifest(path)
    assert again.to_dict(orient="records")[-1] == row
    assert again.attrs["lines"] == [2, 3]
    assert again.attrs["newline"] == newline
    raw = path.read_bytes()
    assert raw.count(b"\xff\xfe") + raw.count(b"\xef\xbb\xbf") == (encoding != "utf-8")


# --- the same document twice ------------------------------------------------------------------


@pytest.fixture
def twin_corpus(tmp_path):
    """A corpus folder with a.txt, a copy of it, another text, a link to a.txt and a hard link."""
    (tmp_path / "a.txt").write_text("Selvhjelp.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "kopi.txt").write_text("Selvhjelp.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Frivillig.\n", encoding="utf-8")
    (tmp_path / "lenke.txt").symlink_to(tmp_path / "a.txt")
    os.link(tmp_path / "b.txt", tmp_path / "hard.txt")
    return tmp_path


def _manifest(rows, *, url=None):
    return pd.DataFrame(
        [[d, f, "T", "1993", "", "nou", "nb", "C", (url or {}).get(d, "")] for d, f in rows],
        columns=[*REQUIRED_COLUMNS, "url"],
    )


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ("a.txt", "'a.txt' is also the file of line 2 (doc_id 'a')"),
        ("./a.txt", "'./a.txt' is the same path as 'a.txt' on line 2 (doc_id 'a')"),
        ("sub/../a.txt", "'sub/../a.txt' is the same path as 'a.txt' on line 2"),
        (
            "lenke.txt",
            "'lenke.txt' is the same file as 'a.txt' on line 2 (doc_id 'a') (a symbolic link)",
        ),
        (
            "sub/kopi.txt",
            "'sub/kopi.txt' has the same bytes as 'a.txt' on line 2 (doc_id 'a') (sha256 ",
        ),
    ],
)
def test_the_same_document_in_two_rows_is_refused(twin_corpus, second, why):
    df = _manifest([("a", "a.txt"), ("b", "b.txt"), ("twin", second)])
    message = problems(df, corpus_dir=twin_corpus, name="m.tsv")
    message = message
    assert f"m.tsv line 4 (doc_id 'twin'), column file: {why}" in message, message
    assert message.endswith(
        "a document listed twice is counted twice: remove one of the two rows (or, if they "
        "are different documents, point this one at its own file)"
    )


def test_find_duplicates_hard_link_and_url(twin_corpus):
    df = _manifest(
        [("b", "b.txt"), ("hard", "hard.txt"), ("x", "x.pdf"), ("y", "y.pdf")],
        url={"x": "https://example.org/a.pdf", "y": "https://example.org/a.pdf"},
    )
    twins = find_duplicates(df, corpus_dir=twin_corpus)
    assert [(t.line, t.column, t.first_line, t.first_doc_id) for t in twins] == [
        (3, "file", 2, "b"),
        (5, "url", 4, "x"),
    ]
    assert twins[0].why == (
        "is the same file as 'b.txt' on line 2 (doc_id 'b') (a hard link, or a name in other "
        "letter case)"
    )
    assert twins[1].message("m.tsv").endswith("point this one at its own address)")


def test_different_files_of_equal_size_are_not_duplicates(twin_corpus):
    (twin_corpus / "c.txt").write_text("Frivillia.\n", encoding="utf-8")  # as long as b.txt
    df = _manifest([("a", "a.txt"), ("b", "b.txt"), ("c", "c.txt")])
    assert find_duplicates(df, corpus_dir=twin_corpus) == []


def test_doc_ids_differing_only_in_case_are_refused(twin_corpus):
    df = _manifest([("NOU-1998-18", "a.txt"), ("nou-1998-18", "b.txt")])
    message = problems(df, corpus_dir=twin_corpus, name="m.tsv")
    assert message.splitlines()[1] == (
        "  - m.tsv line 3 (doc_id 'nou-1998-18'), column doc_id: 'nou-1998-18' differs from "
        "'NOU-1998-18' on line 2 only in letter case; on macOS and Windows their result files "
        "would be one file: give each document an id that differs in more than case"
    )


def test_supported_suffixes_are_what_the_extraction_reads():
    from ordskifte.ingest.extract import SUFFIXES

    assert set(SUPPORTED_SUFFIXES) == SUFFIXES
