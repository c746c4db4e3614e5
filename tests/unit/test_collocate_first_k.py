"""Unit tests for the shortcuts of the collocates job: the top-k selection by partition and
the counts gathered per name."""

import numpy as np
import pandas as pd
import pytest

from ordskifte.semantic.collocates import (
    DOCUMENT_COLUMNS,
    _first_k,
    cooccurrence_by_name,
    document_cooccurrence,
    window_mask,
)
from ordskifte.tables.kwic import document_matches
from ordskifte.text.patterns import compile_patterns


def first_k_by_sorting(key: np.ndarray, ok: np.ndarray, k: int) -> np.ndarray:
    """The definition: a stable sort of the whole row, the ``ok`` positions, the first k."""
    order = np.argsort(key, kind="stable")
    return order[ok[order]][:k]


def scores(rng: np.random.Generator, n: int, *, ties: bool) -> tuple[np.ndarray, np.ndarray]:
    ok = rng.random(n) < 0.4
    values = rng.integers(0, 5, n).astype(float) if ties else rng.normal(size=n)
    key = np.where(ok, -values, np.inf)
    return key, ok


@pytest.mark.parametrize("ties", [True, False])
@pytest.mark.parametrize("k", [1, 3, 15, 200])
def test_first_k_is_the_stable_sorts_first_k(ties, k):
    rng = np.random.default_rng(k)
    for n in (0, 1, 5, 40, 1000):
        for _ in range(20):
            key, ok = scores(rng, n, ties=ties)
            assert _first_k(key, ok, k).tolist() == first_k_by_sorting(key, ok, k).tolist()


def test_first_k_with_nan_scores_and_few_collocates():
    key = np.array([np.inf, -1.0, np.nan, -1.0, np.inf, np.nan, -3.0])
    ok = np.array([False, True, True, True, False, True, True])
    for k in range(0, 9):
        assert _first_k(key, ok, k).tolist() == first_k_by_sorting(key, ok, k).tolist()
    # fewer finite scores than k: the NaN-scored collocates follow, as the sort puts them
    assert _first_k(key, ok, 5).tolist() == [6, 1, 3, 2, 5]


def tokens(terms: list, stopwords: set[str] = frozenset({"og"})) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sentence": np.repeat([0, 1], [len(terms) // 2, len(terms) - len(terms) // 2]),
            "token": ["x" if t is None else t for t in terms],
            "lemma": ["x" if t is None else t for t in terms],
            "term": pd.array(terms, dtype="str"),
            "is_stopword": [t in stopwords for t in terms],
        }
    )


def by_value_counts(tokens, patterns, *, window, doc_id, period):
    """The definition the counts by number replaced: ``value_counts`` of each name's
    content terms outside its hits and inside its windows (the code before 2026-12-03)."""
    rows, doc_rows = {}, []
    matches = document_matches(tokens, patterns)
    sent = tokens["sentence"].to_numpy()
    terms = tokens["term"].astype(str).to_numpy()
    content = ~tokens["is_stopword"].to_numpy(dtype=bool) & (terms != "")
    for name in sorted(patterns):
        hit, near = window_mask(sent, matches[name], window=window)
        outside = content & ~hit
        freq = pd.Series(terms[outside]).value_counts()
        co = pd.Series(terms[outside & near]).value_counts().reindex(freq.index, fill_value=0)
        doc_rows.append(
            (
                name,
                doc_id,
                period,
                len(matches[name]),
                int((outside & near).sum()),
                int(outside.sum()),
            )
        )
        rows[name] = pd.DataFrame(
            {
                "name": name,
                "doc_id": doc_id,
                "period": period,
                "term": freq.index.astype(str),
                "co_freq": co.to_numpy(dtype="int64"),
                "freq": freq.to_numpy(dtype="int64"),
            }
        )
    return rows, pd.DataFrame(doc_rows, columns=list(DOCUMENT_COLUMNS))


WORDS = ["a", "selvhjelp", "b", "og", "helse", "c", "", "a", "selvhjelp", "d", "e", "f", "g"]


@pytest.mark.parametrize(
    "terms",
    [
        WORDS,
        WORDS + ["selvhjelp", "", "og", "a"],  # a hit and empty terms at the end
        ["a", "b", "og", "c"],  # no hit of either name
        ["selvhjelp", "helse", "selvhjelp"],  # nothing but hits
        [None if t == "c" else t for t in WORDS],  # a missing term
        [None, None, None],  # nothing but missing terms
    ],
)
def test_counts_by_number_are_the_value_counts(terms):
    """Each name's rows hold the same terms with the same counts as ``value_counts`` gave
    (in another order, which nothing downstream reads: sums by term, sorted sets), with
    the same dtypes; the per-document totals are equal."""
    patterns = compile_patterns({"selvhjelp": ["selvhjelp"], "helse": ["helse"]})
    df = tokens(terms)
    by_name, docs = cooccurrence_by_name(df, patterns, window=2, doc_id="d1", period="p1")
    expected, expected_docs = by_value_counts(df, patterns, window=2, doc_id="d1", period="p1")
    assert list(by_name) == list(expected) == ["helse", "selvhjelp"]
    for name, rows in by_name.items():
        pd.testing.assert_frame_equal(
            rows.sort_values("term").reset_index(drop=True),
            expected[name].sort_values("term").reset_index(drop=True),
        )
    pd.testing.assert_frame_equal(docs, expected_docs)


def test_counts_per_name_joined_are_the_documents_rows():
    patterns = compile_patterns({"selvhjelp": ["selvhjelp"], "helse": ["helse"]})
    df = tokens(WORDS)
    together, docs = document_cooccurrence(df, patterns, window=2, doc_id="d1", period="p1")
    by_name, _ = cooccurrence_by_name(df, patterns, window=2, doc_id="d1", period="p1")
    pd.testing.assert_frame_equal(pd.concat(by_name.values(), ignore_index=True), together)
    counts = by_name["selvhjelp"].set_index("term")[["co_freq", "freq"]].to_dict("index")
    assert counts["a"] == {"co_freq": 2, "freq": 2}
    assert counts["g"] == {"co_freq": 0, "freq": 1}
    empty, empty_docs = cooccurrence_by_name(
        df.iloc[:0], patterns, window=2, doc_id="d2", period="p1"
    )
    assert empty == {} and empty_docs["target_freq"].tolist() == [0, 0]
