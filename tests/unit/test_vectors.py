"""Count-based vectors: co-occurrence counts, PPMI, Procrustes alignment and a planted shift."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.stats import ortho_group

from ordskifte.semantic.vectors import (
    CHANGE_COLUMNS,
    align,
    content_sequence,
    cosine_change,
    embed,
    pair_counts,
    period_counts,
    ppmi,
    semantic_change,
)


def test_pair_counts_stay_in_the_sentence_and_keep_distances_past_unknown_words():
    # a b ? c | a c   (window 2; "?" is outside the vocabulary but keeps its place)
    ids = np.array([0, 1, -1, 2, 0, 2])
    sents = np.array([0, 0, 0, 0, 1, 1])
    m = pair_counts(ids, sents, window=2, size=3).toarray().reshape(3, 3)
    assert m.tolist() == [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    m1 = pair_counts(ids, sents, window=1, size=3).toarray().reshape(3, 3)
    assert m1.tolist() == [[0, 1, 1], [1, 0, 0], [1, 0, 0]]
    with pytest.raises(ValueError, match="window"):
        pair_counts(ids, sents, window=0, size=3)


def test_ppmi_by_hand():
    counts = np.array([[0, 2, 1], [2, 0, 0], [1, 0, 0]])
    got = ppmi(sparse.csr_matrix(counts), alpha=1.0).toarray()
    total = counts.sum()
    rows = counts.sum(axis=1)
    pmi01 = math.log(2 * total / (rows[0] * rows[1]))  # ln(2·6 / (3·2)) = ln 2
    assert got[0, 1] == pytest.approx(pmi01) == pytest.approx(math.log(2))
    assert got[0, 2] == pytest.approx(math.log(1 * total / (3 * 1)))  # ln 2 as well
    assert got[1, 2] == 0 and got[0, 0] == 0
    # smoothing lowers the weight of rare contexts
    assert ppmi(sparse.csr_matrix(counts))[0, 2] < got[0, 2]


def test_a_rotated_copy_aligns_back_to_cosine_one():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 8))
    rotated = x @ ortho_group.rvs(8, random_state=4)
    assert cosine_change(x, rotated).max() > 0.1  # unaligned, the copy looks changed
    aligned = align(x, rotated)
    assert cosine_change(aligned, rotated) == pytest.approx(np.zeros(40), abs=1e-9)
    with pytest.raises(ValueError, match="shapes"):
        align(x, rotated[:, :4])


def test_embed_gives_unit_vectors_and_caps_the_dimensions():
    counts = sparse.csr_matrix(np.array([[0, 3, 1], [3, 0, 2], [1, 2, 0]]))
    vectors = embed(ppmi(counts), dimensions=50, seed=1)
    assert vectors.shape == (3, 2)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0)
    np.testing.assert_array_equal(vectors, embed(ppmi(counts), dimensions=50, seed=1))


# ------------------------------------------------------------------ planted shift
CLUSTERS = {c: [f"{c}{i}" for i in range(8)] for c in "abcd"}


def planted_period(cluster_of_target: str, *, seed: int, docs: int = 6) -> list:
    """Documents whose sentences each draw words from one cluster; "mål" joins sentences
    of ``cluster_of_target``, the control "kontroll" always those of cluster b, both in the
    same number of sentences."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(docs):
        words, sents = [], []
        for s in range(160):
            cluster = "abcd"[s % 4]
            sentence = list(rng.choice(CLUSTERS[cluster], 6))
            if cluster == cluster_of_target and s % 8 < 4:
                sentence.insert(3, "mål")
            if cluster == "b" and s % 8 >= 4:
                sentence.insert(3, "kontroll")
            words += sentence
            sents += [s] * len(sentence)
        tokens = pd.DataFrame(
            {"term": words, "is_stopword": False, "sentence": sents, "lemma": words}
        )
        out.append(content_sequence(tokens))
    return out


def planted_change(**kw) -> pd.DataFrame:
    a = period_counts(planted_period("a", seed=1), window=3, min_freq=10)
    b = period_counts(planted_period("c", seed=2), window=3, min_freq=10)
    options = {"dimensions": 10, "iterations": 8, "seed": 5, **kw}
    return semantic_change(a, b, names=("p1", "p2"), **options)


def test_planted_shift_ranks_the_shifted_target_first_and_not_the_control():
    full = planted_change()
    assert list(full.columns) == list(CHANGE_COLUMNS)
    table = full.set_index("term")
    assert len(table) == 34 and (table["status"] == "ranked").all()
    assert table.loc["mål", "rank"] == 1
    assert table.loc["mål", "cosine_change"] > 0.25  # the next word: below 0.2
    assert table.loc["kontroll", "rank"] > 10
    assert table.loc["kontroll", "cosine_change"] < 0.2
    assert table.loc["mål", "stability"] == 1.0
    assert table.loc["mål", "ci_low"] > table.loc["kontroll", "ci_high"]
    assert table.loc["mål", "freq_a"] == table.loc["mål", "freq_b"] == 6 * 20


def test_rare_words_are_listed_but_not_ranked_and_the_seed_fixes_the_result():
    a = period_counts(planted_period("a", seed=1), window=3, min_freq=10)
    b_docs = planted_period("c", seed=2)
    terms, sents = b_docs[0]
    b_docs[0] = (np.append(terms, ["sjelden", "a0"]), np.append(sents, [999, 999]))
    b = period_counts(b_docs, window=3, min_freq=10)
    a.freq["sjelden"] = 30  # frequent in a, once in b
    table = semantic_change(a, b, names=("p1", "p2"), dimensions=10, iterations=2, seed=5)
    rare = table[table["status"] == "too rare"]
    assert rare["term"].tolist() == ["sjelden"]
    assert rare["rank"].isna().all() and rare["cosine_change"].isna().all()
    assert table["term"].iloc[-1] == "sjelden"
    pd.testing.assert_frame_equal(planted_change(iterations=2), planted_change(iterations=2))


def test_max_words_keeps_the_most_frequent_words_and_lists_the_rest():
    """With vectors.max_words only the most frequent words get vectors; a word frequent in
    both periods but outside that is listed as beyond max_words, not as too rare."""
    a_docs, b_docs = planted_period("a", seed=1), planted_period("c", seed=2)
    full = period_counts(a_docs, window=3, min_freq=10)
    capped = period_counts(a_docs, window=3, min_freq=10, max_words=20)
    assert len(full.vocabulary) == 34 and len(capped.vocabulary) == 20
    top = full.freq[full.vocabulary].sort_values(ascending=False, kind="mergesort")
    assert set(capped.vocabulary) <= set(full.vocabulary)
    assert full.freq[capped.vocabulary].min() >= top.iloc[19]
    assert capped.vocabulary == sorted(capped.vocabulary)
    b = period_counts(b_docs, window=3, min_freq=10, max_words=20)
    table = semantic_change(capped, b, names=("p1", "p2"), dimensions=5, iterations=0, seed=5)
    beyond = table[table["status"] == "beyond max_words"]
    ranked = table[table["status"] == "ranked"]
    assert len(ranked) == len(set(capped.vocabulary) & set(b.vocabulary))
    assert set(beyond["term"]) == set(full.vocabulary) - set(ranked["term"])
    assert beyond["rank"].isna().all()
    uncapped = period_counts(a_docs, window=3, min_freq=10, max_words=1000)
    assert uncapped.vocabulary == full.vocabulary


def test_without_resamples_there_is_no_interval():
    table = planted_change(iterations=0)
    assert table["ci_low"].isna().all() and table["stability"].isna().all()
    assert table["cosine_change"].notna().all()


def _random_period(seed: int, *, n_docs: int = 5):
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i:02d}" for i in range(50)], dtype=object)
    docs = [(rng.choice(vocab, 2000), np.sort(rng.integers(0, 200, 2000))) for _ in range(n_docs)]
    return period_counts(docs, window=4, min_freq=3, max_words=35), rng


def test_totals_are_the_weighted_sum_of_the_documents_entry_for_entry():
    # The sum over counted cells replaces (weights @ pairs).reshape(v, v): same CSR arrays.
    pc, rng = _random_period(3)
    v = len(pc.vocabulary)
    for weights in [np.ones(5), np.zeros(5), np.array([2.0, 0, 0, 3, 0])] + [
        np.bincount(rng.integers(0, 5, 5), minlength=5).astype(float) for _ in range(20)
    ]:
        old = sparse.csr_matrix(sparse.csr_matrix(weights @ pc.pairs).reshape(v, v), dtype=float)
        old.eliminate_zeros()
        new = pc.totals(weights)
        assert new.shape == (v, v)
        assert np.array_equal(new.indptr, old.indptr)
        assert np.array_equal(new.indices, old.indices)
        assert np.array_equal(new.data, old.data)
        a, b = ppmi(old), ppmi(new)
        assert np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data)


def test_vectors_of_repeated_weights_are_fitted_once_and_read_only():
    pc, _ = _random_period(4)
    w = np.array([1.0, 2, 0, 1, 1])
    first = pc.vectors(w, dimensions=5, seed=1)
    again = pc.vectors(w.copy(), dimensions=5, seed=1)
    assert again is first and not first.flags.writeable
    fresh = embed(ppmi(pc.totals(w)), dimensions=5, seed=1)
    assert np.array_equal(first, fresh)
    assert pc.vectors(w, dimensions=5, seed=2) is not first
