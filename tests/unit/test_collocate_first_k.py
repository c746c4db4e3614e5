"""Unit tests for the shortcuts of the collocates job: the top-k selection by partition and
the counts gathered per name."""

import numpy as np
import pandas as pd
import pytest

from ordskifte.semantic.collocates import (
    _first_k,
    cooccurrence_by_name,
    document_cooccurrence,
)
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


def tokens(words: str) -> pd.DataFrame:
    terms = words.split()
    return pd.DataFrame(
        {
            "sentence": np.zeros(len(terms), dtype="int32"),
            "token": terms,
            "lemma": terms,
            "term": terms,
            "is_stopword": [t == "og" for t in terms],
        }
    )


def test_counts_per_name_are_the_documents_rows():
    patterns = compile_patterns({"selvhjelp": ["selvhjelp"], "helse": ["helse"]})
    df = tokens("a selvhjelp b og helse c a selvhjelp d e f g")
    together, docs = document_cooccurrence(df, patterns, window=2, doc_id="d1", period="p1")
    by_name, docs_too = cooccurrence_by_name(df, patterns, window=2, doc_id="d1", period="p1")
    assert list(by_name) == ["helse", "selvhjelp"]
    pd.testing.assert_frame_equal(pd.concat(by_name.values(), ignore_index=True), together)
    pd.testing.assert_frame_equal(docs, docs_too)
    counts = by_name["selvhjelp"].set_index("term")[["co_freq", "freq"]].to_dict("index")
    assert counts["a"] == {"co_freq": 2, "freq": 2}
    assert counts["e"] == {"co_freq": 1, "freq": 1}
    assert counts["g"] == {"co_freq": 0, "freq": 1}
    empty, empty_docs = cooccurrence_by_name(
        df.iloc[:0], patterns, window=2, doc_id="d2", period="p1"
    )
    assert empty == {} and empty_docs["target_freq"].tolist() == [0, 0]
