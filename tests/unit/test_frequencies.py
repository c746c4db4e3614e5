"""Unit tests for ordskifte.tables.frequencies: literal count tables, hand-computed rates."""

import math

import pandas as pd
import pytest

from ordskifte.corpus import combine_counts
from ordskifte.tables.frequencies import (
    frequency_table,
    top_terms,
    totals,
)
from ordskifte.text.counts import document_counts

TOKEN_COLUMNS = [
    "paragraph",
    "sentence",
    "page",
    "language",
    "token",
    "form",
    "lemma",
    "is_stopword",
    "concepts",
    "targets",
]
# "Frivillige organisasjoner og selvhjelpsgrupper i folkehelsearbeidet. Frivillig 2003."
# as tokenize_document would give it, with one token (made up) tagged by two concepts.
TOKENS = pd.DataFrame(
    [
        (0, 0, 1, "nb", "frivillige", "Frivillige", "frivillig", False, "frivillig", ""),
        (0, 0, 1, "nb", "organisasjoner", "organisasjoner", "organisasjon", False, "", ""),
        (0, 0, 1, "nb", "og", "og", "og", True, "", ""),
        (0, 0, 1, "nb", "selvhjelpsgrupper", "selvhjelpsgrupper", "selvhjelpsgruppe", False, "")
        + ("selvhjelp",),
        (0, 0, 1, "nb", "i", "i", "i", True, "", ""),
        (0, 0, 1, "nb", "folkehelsearbeidet", "folkehelsearbeidet", "folkehelsearbeid", False)
        + ("folkehelse|frivillig", ""),
        (1, 1, 2, "nb", "frivillig", "Frivillig", "frivillig", False, "frivillig", ""),
        (1, 1, 2, "nb", "2003", "2003", "2003", True, "", ""),
    ],
    columns=TOKEN_COLUMNS,
)
CONCEPTS = ["frivillig", "psykisk_helse", "folkehelse"]
TARGETS = ["selvhjelp", "likepersonsarbeid"]


# --- document_counts --------------------------------------------------------------------------


def test_document_counts():
    counts = document_counts(TOKENS, concept_names=CONCEPTS, target_names=TARGETS)
    assert counts.values.tolist() == [
        ["total", "tokens", 7],  # running words: the number 2003 is not one
        ["total", "content", 5],  # not stopwords: frivillige, organisasjoner, ..., frivillig
        ["concept", "frivillig", 3],  # one of them from "folkehelse|frivillig"
        ["concept", "folkehelse", 1],
        ["concept", "psykisk_helse", 0],  # configured but never matched: a zero row
        ["target", "selvhjelp", 1],
        ["target", "likepersonsarbeid", 0],
        ["term", "frivillig", 2],  # lemmas of non-stopwords; count desc, then term
        ["term", "folkehelsearbeid", 1],
        ["term", "organisasjon", 1],
        ["term", "selvhjelpsgruppe", 1],
    ]
    assert list(counts.columns) == ["kind", "term", "count"]
    assert str(counts["count"].dtype) == "int64"


def test_document_counts_no_tokens():
    empty = pd.DataFrame({c: [] for c in TOKEN_COLUMNS})
    counts = document_counts(empty, concept_names=["frivillig"], target_names=["selvhjelp"])
    assert counts.values.tolist() == [
        ["total", "content", 0],  # equal counts: by term
        ["total", "tokens", 0],
        ["concept", "frivillig", 0],
        ["target", "selvhjelp", 0],
    ]


def test_document_counts_only_stopwords():
    tokens = TOKENS[TOKENS["is_stopword"]]
    counts = document_counts(tokens, concept_names=["frivillig"], target_names=[])
    assert counts.values.tolist() == [
        ["total", "tokens", 2],  # og, i; 2003 is not a word
        ["total", "content", 0],
        ["concept", "frivillig", 0],
    ]


# --- frequency_table --------------------------------------------------------------------------


def _counts(per_doc):
    return combine_counts(
        {d: pd.DataFrame(rows, columns=["kind", "term", "count"]) for d, rows in per_doc.items()}
    )


# Three documents in two periods, and d4 without a period (left out of the table, and of N).
COUNTS = _counts(
    {
        "d1": [("total", "tokens", 100), ("total", "content", 60)]
        + [("term", "selvhjelp", 4), ("term", "frivillig", 2)],
        "d2": [("total", "tokens", 50), ("total", "content", 30)]
        + [("term", "selvhjelp", 1), ("term", "gruppe", 3)],
        "d3": [("total", "tokens", 200), ("total", "content", 100)]
        + [("term", "selvhjelp", 2), ("term", "folkehelse", 6)],
        "d4": [("total", "tokens", 1000), ("total", "content", 500)]
        + [("term", "selvhjelp", 50), ("term", "frivillig", 10)],
    }
)
GROUPS = pd.Series({"d1": "frivillig", "d2": "frivillig", "d3": "folkehelse", "d4": ""})

# N = 3 documents with a period.
# idf = ln((1 + N) / (1 + df)) + 1
#   selvhjelp (df 3): ln(4/4) + 1 = 1
#   frivillig, gruppe, folkehelse (df 1; d4 does not count): ln(4/2) + 1 = 1 + ln 2 = 1.693147
IDF_1 = 1 + math.log(2)
# Word tokens: frivillig = d1 + d2 = 150, folkehelse = d3 = 200.
EXPECTED_TABLE = [
    # period, term, count, per_10k, doc_freq, tfidf
    ["folkehelse", "folkehelse", 6, 300.0, 1, 300.0 * IDF_1],  # 10000*6/200 = 300 -> 507.944
    ["folkehelse", "selvhjelp", 2, 100.0, 1, 100.0],  # 10000*2/200
    ["frivillig", "selvhjelp", 5, 10_000 * 5 / 150, 2, 10_000 * 5 / 150],  # 333.333
    ["frivillig", "gruppe", 3, 200.0, 1, 200.0 * IDF_1],  # 10000*3/150 = 200 -> 338.629
    ["frivillig", "frivillig", 2, 10_000 * 2 / 150, 1, 10_000 * 2 / 150 * IDF_1],  # 225.753
]


def test_frequency_table():
    table = frequency_table(COUNTS, GROUPS)
    assert list(table.columns) == ["period", "term", "count", "per_10k", "doc_freq", "tfidf"]
    got = table.values.tolist()
    assert [row[:3] + row[4:5] for row in got] == [row[:3] + row[4:5] for row in EXPECTED_TABLE]
    assert [row[3] for row in got] == pytest.approx([row[3] for row in EXPECTED_TABLE], rel=1e-12)
    assert [row[5] for row in got] == pytest.approx([row[5] for row in EXPECTED_TABLE], rel=1e-12)
    # the same numbers, rounded, as they would appear in the TSV
    assert [round(row[5], 3) for row in got] == [507.944, 100.0, 333.333, 338.629, 225.753]


def test_frequency_table_group_name():
    groups = pd.Series({"d1": "all", "d2": "all", "d3": "all", "d4": "all"})
    table = frequency_table(COUNTS, groups, group_name="corpus")
    # N = 4, tokens 1350; selvhjelp df 4 -> idf 1; frivillig df 2 -> ln(5/3) + 1
    assert table[["corpus", "term", "count", "doc_freq"]].values.tolist() == [
        ["all", "selvhjelp", 57, 4],
        ["all", "frivillig", 12, 2],
        ["all", "folkehelse", 6, 1],
        ["all", "gruppe", 3, 1],
    ]
    assert table["tfidf"].tolist()[:2] == pytest.approx(
        [10_000 * 57 / 1350, 10_000 * 12 / 1350 * (math.log(5 / 3) + 1)], rel=1e-12
    )


# --- top_terms --------------------------------------------------------------------------------


def test_top_terms_ties_broken_by_term():
    table = pd.DataFrame(
        [
            ("frivillig", "selvhjelp", 3),
            ("frivillig", "gruppe", 5),
            ("frivillig", "arbeid", 3),
            ("frivillig", "angst", 1),
            ("folkehelse", "plan", 2),
            ("folkehelse", "helse", 2),
            ("folkehelse", "folkehelse", 2),
        ],
        columns=["period", "term", "count"],
    )
    assert top_terms(table, n=2).values.tolist() == [
        ["folkehelse", 1, "folkehelse", 2],
        ["folkehelse", 2, "helse", 2],
        ["frivillig", 1, "gruppe", 5],
        ["frivillig", 2, "arbeid", 3],
    ]
    assert list(top_terms(table, n=1).columns) == ["period", "rank", "term", "count"]


# --- totals ----------------------------------------------------------------------------------


def test_totals():
    assert totals(COUNTS).to_dict() == {"d1": 100, "d2": 50, "d3": 200, "d4": 1000}
    assert totals(COUNTS, which="content").to_dict() == {"d1": 60, "d2": 30, "d3": 100, "d4": 500}


def test_document_counts_multiword_expression_is_one_term():
    # "psykisk helsearbeid" as tokenize_document gives it: one term on the first token.
    tokens = pd.DataFrame(
        [
            (0, 0, None, "nb", "psykisk", "psykisk", "psykisk", False, "psykisk_helse", ""),
            (0, 0, None, "nb", "helsearbeid", "helsearbeid", "helsearbeid", False, "", ""),
            (0, 0, None, "nb", "helse", "helse", "helse", False, "", ""),
        ],
        columns=TOKEN_COLUMNS,
    )
    tokens.insert(7, "term", ["psykisk_helsearbeid", "", "helse"])
    counts = document_counts(tokens, concept_names=["psykisk_helse"], target_names=[])
    assert counts[counts["kind"] == "term"].values.tolist() == [
        ["term", "helse", 1],
        ["term", "psykisk_helsearbeid", 1],
    ]
