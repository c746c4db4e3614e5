"""Unit tests for document groups: config checks, group sizes and keyness by group."""

import pandas as pd
import pytest

from ordskifte.ingest.manifest import check_groups
from ordskifte.tables.frequencies import frequency_table, group_totals
from ordskifte.tables.groups import group_keyness
from ordskifte.tables.keyness import KEYNESS_COLUMNS, keyness_table

MANIFEST = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d"],
        "genre": ["stortingsmelding", "intervju", "intervju", ""],
        "issuer": ["HOD", "NSF", "NSF", "NSF"],
    }
)

# word totals and terms of four documents, as combine_counts gives them
COUNTS = pd.DataFrame(
    [
        ("a", "total", "tokens", 100),
        ("a", "total", "content", 60),
        ("a", "term", "plan", 10),
        ("a", "term", "selvhjelp", 2),
        ("b", "total", "tokens", 50),
        ("b", "total", "content", 30),
        ("b", "term", "selvhjelp", 5),
        ("c", "total", "tokens", 50),
        ("c", "total", "content", 20),
        ("c", "term", "selvhjelp", 3),
        ("c", "term", "plan", 1),
        ("d", "total", "tokens", 40),
        ("d", "total", "content", 10),
        ("d", "term", "plan", 4),
    ],
    columns=["doc_id", "kind", "term", "count"],
)
GENRE = MANIFEST.set_index("doc_id")["genre"]


def test_check_groups_returns_the_pairs_by_column():
    groups = [
        {"column": "genre", "pairs": [["stortingsmelding", "intervju"]]},
        {"column": "issuer"},
    ]
    assert check_groups(groups, MANIFEST) == (
        {"genre": [["stortingsmelding", "intervju"]], "issuer": []},
        [],
    )


def test_a_pair_with_a_value_no_document_has_is_left_out_with_a_warning():
    pairs, warnings = check_groups(
        [
            {
                "column": "genre",
                "pairs": [["stortingsmelding", "nou"], ["intervju", "stortingsmelding"]],
            }
        ],
        MANIFEST,
    )
    assert pairs == {"genre": [["intervju", "stortingsmelding"]]}
    assert warnings == [
        "config `groups` entry 1 (column 'genre'): pair ['stortingsmelding', 'nou'] left out: "
        "no document has genre 'nou' (the values are intervju, stortingsmelding)"
    ]


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([{"column": "publisher"}], "the manifest has no such column; it has genre, issuer"),
        ([{"column": "doc_id"}], "doc_id identifies documents"),
        ([{"column": "genre"}, {"column": "genre"}], "entry 2 .*listed twice"),
        (
            [{"column": "genre", "pairs": [["intervju", "intervju"]]}],
            "compares a value with itself",
        ),
    ],
)
def test_check_groups_rejects_bad_entries_with_the_fix(groups, message):
    with pytest.raises(ValueError, match=message):
        check_groups(groups, MANIFEST)


def test_group_totals_leave_out_documents_without_a_value():
    sizes = group_totals(COUNTS, GENRE, group_name="genre")
    assert sizes.values.tolist() == [["intervju", 2, 100, 50], ["stortingsmelding", 1, 100, 60]]
    ordered = group_totals(COUNTS, GENRE, group_name="genre", order=["stortingsmelding", "nou"])
    assert ordered.values.tolist() == [["stortingsmelding", 1, 100, 60], ["nou", 0, 0, 0]]


def test_group_keyness_each_against_the_rest_and_listed_pairs():
    freq = frequency_table(COUNTS, GENRE, group_name="genre")
    sizes = group_totals(COUNTS, GENRE, group_name="genre")
    table = group_keyness(
        freq, sizes, column="genre", pairs=[["intervju", "stortingsmelding"]], min_count=1
    )
    assert list(table.columns) == ["genre", "reference", *KEYNESS_COLUMNS]
    assert table[["genre", "reference"]].drop_duplicates().values.tolist() == [
        ["intervju", "rest"],
        ["stortingsmelding", "rest"],
        ["intervju", "stortingsmelding"],
    ]
    # with two groups, "the rest" of intervju is stortingsmelding: the same numbers
    rest = table[(table["genre"] == "intervju") & (table["reference"] == "rest")]
    pair = table[table["reference"] == "stortingsmelding"]
    cols = KEYNESS_COLUMNS
    pd.testing.assert_frame_equal(
        rest[list(cols)].reset_index(drop=True), pair[list(cols)].reset_index(drop=True)
    )
    expected = keyness_table(
        pd.Series({"selvhjelp": 8, "plan": 1}),
        pd.Series({"plan": 10, "selvhjelp": 2}),
        target_total=100,
        reference_total=100,
        min_count=1,
    )
    pd.testing.assert_frame_equal(rest[list(cols)].reset_index(drop=True), expected)


def test_group_keyness_skips_an_empty_side():
    only = pd.Series({"a": "x", "b": "", "c": "", "d": ""})
    freq = frequency_table(COUNTS, only, group_name="genre")
    sizes = group_totals(COUNTS, only, group_name="genre")
    table = group_keyness(freq, sizes, column="genre", min_count=1)
    assert table.empty and list(table.columns)[:2] == ["genre", "reference"]
