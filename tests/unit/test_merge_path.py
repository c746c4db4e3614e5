"""The merge path of the choice of k: merge costs, merges, warm refits, and select_k on it.

Literal statistics for the costs and merges (worked out in the comments); a small planted
corpus (:data:`tests.synthetic.planted.QUICK_SHAPES`, cut by the workflow's ``make_segments``)
for the path and the choice of k.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ordskifte.topics.model import (
    best_fit,
    build_vocabulary,
    cheapest_merge,
    fit_model,
    merge_costs,
    merge_path,
    merge_topics,
    select_k,
    topic_stability,
)
from ordskifte.topics.segments import segment_terms
from tests.synthetic.planted import QUICK_SHAPES, match_topics, period_segments, shape_corpus

SHAPES = {s.name: s for s in QUICK_SHAPES}
SETTINGS = {"passes": 10, "iterations": 100, "eval_every": None, "chunksize": 2000}


@pytest.fixture(scope="module")
def quick_k4():
    corpus = shape_corpus(SHAPES["quick_k4"], seed=16)
    docs = segment_terms(period_segments(corpus, "a", target_tokens=150))
    return corpus, docs, build_vocabulary(docs, min_df=2, max_share=0.5)


# --- costs and merges on literal statistics ------------------------------------------------


def test_merge_cost_of_two_disjoint_topics_is_their_mass_times_the_js_divergence():
    # topics 0 and 1 disjoint with equal mass (each 1/4 of the total): pi = 1/2 each,
    # JS = H(mix) - H(phi) = log 4 - log 2 = log 2; cost = (1/4 + 1/4) log 2
    sstats = np.array([[2.0, 2.0, 0.0, 0.0], [0.0, 0.0, 2.0, 2.0], [4.0, 4.0, 0.0, 0.0]])
    costs = merge_costs(sstats)
    assert costs[0, 1] == pytest.approx(0.5 * math.log(2))
    # topics 0 and 2 have the same distribution: merging them loses nothing
    assert costs[0, 2] == pytest.approx(0.0, abs=1e-15)
    # topic 1 (mass 1/4) and 2 (mass 1/2): pi = 1/3, 2/3; JS = H(1/6,1/6,1/3,1/3) - log 2
    h_mix = -2 * (1 / 6) * math.log(1 / 6) - 2 * (1 / 3) * math.log(1 / 3)
    assert costs[1, 2] == pytest.approx(0.75 * (h_mix - math.log(2)))
    assert np.isinf(np.diag(costs)).all()


def test_merge_costs_are_symmetric_non_negative_and_zero_for_identical_topics():
    rng = np.random.default_rng(3)
    sstats = rng.gamma(0.3, 10.0, size=(6, 40))
    sstats[4] = sstats[1] * 2.5  # same distribution as topic 1, more mass
    sstats[5] = 0.0  # an empty topic
    costs = merge_costs(sstats)
    off = ~np.eye(6, dtype=bool)
    assert (costs == costs.T).all()
    assert (costs[off] >= 0).all() and np.isfinite(costs[off]).all()
    assert costs[1, 4] == pytest.approx(0.0, abs=1e-12)
    assert (costs[5][off[5]] == 0).all()  # an empty topic costs nothing to merge
    assert cheapest_merge(sstats) == (0, 5)  # ties at 0: the smallest i, then j


def test_cheapest_merge_is_deterministic_with_ties_to_the_smallest_pair():
    sstats = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    # pairs (0, 2) and (1, 3) both cost 0
    assert cheapest_merge(sstats) == (0, 2)
    assert cheapest_merge(sstats[::-1].copy()) == (0, 2)
    with pytest.raises(ValueError, match="at least two topics"):
        cheapest_merge(sstats[:1])


def test_merge_topics_sums_the_rows_and_keeps_the_total():
    sstats = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    merged = merge_topics(sstats, 3, 1)
    np.testing.assert_array_equal(merged, [[1.0, 2.0], [10.0, 12.0], [5.0, 6.0]])
    assert merged.sum() == sstats.sum()
    assert merge_topics(sstats, 1, 3).tolist() == merged.tolist()
    with pytest.raises(ValueError, match="two different topics"):
        merge_topics(sstats, 2, 2)
    with pytest.raises(ValueError, match="two different topics"):
        merge_topics(sstats, 0, 4)


# --- the warm start and the path ----------------------------------------------------------


def test_warm_refit_is_deterministic_for_a_seed_and_starts_from_the_merge(quick_k4):
    _, docs, vocabulary = quick_k4
    top = fit_model(docs, engine="lda", k=6, seed=5, vocabulary=vocabulary, **SETTINGS)
    sstats = np.asarray(top.estimator.state.sstats, dtype=np.float64)
    merged = merge_topics(sstats, *cheapest_merge(top))
    options = {**SETTINGS, "passes": 3}
    a = fit_model(docs, engine="lda", k=5, seed=5, vocabulary=vocabulary, init=merged, **options)
    b = fit_model(docs, engine="lda", k=5, seed=5, vocabulary=vocabulary, init=merged, **options)
    pd.testing.assert_frame_equal(a.topic_term, b.topic_term)
    pd.testing.assert_frame_equal(a.doc_topic, b.doc_topic)
    assert a.params["bound_per_token"] == b.params["bound_per_token"]
    assert a.params["warm_start"] is True
    # the refit keeps the topics it started from: each merged topic has a close partner
    start = merged / merged.sum(axis=1, keepdims=True)
    cos = (start / np.linalg.norm(start, axis=1, keepdims=True)) @ (
        a.topic_term.to_numpy() / np.linalg.norm(a.topic_term.to_numpy(), axis=1, keepdims=True)
    ).T
    assert (cos.max(axis=1) > 0.9).all(), cos
    with pytest.raises(ValueError, match="finite non-negative 5 x"):
        fit_model(docs, engine="lda", k=5, seed=5, vocabulary=vocabulary, init=sstats)
    with pytest.raises(ValueError, match="LDA only"):
        fit_model(docs, engine="nmf", k=6, seed=5, vocabulary=vocabulary, init=sstats)


def test_merge_path_gives_one_model_per_k_from_the_top_down(quick_k4):
    _, docs, vocabulary = quick_k4
    path = merge_path(
        docs, k_max=7, k_min=3, seed=11, vocabulary=vocabulary, merge_passes=2, **SETTINGS
    )
    assert [m.k for m in path] == [7, 6, 5, 4, 3]
    assert all(m.seed == 11 for m in path)
    assert path[0].params["merged"] is None and path[0].params["passes"] == 10
    assert all(m.params["passes"] == 2 and len(m.params["merged"]) == 2 for m in path[1:])
    assert all(math.isfinite(m.params["bound_per_token"]) for m in path)
    # each merge keeps the mass of the statistics it started from (the refit then moves it)
    again = merge_path(
        docs, k_max=7, k_min=3, seed=11, vocabulary=vocabulary, merge_passes=2, **SETTINGS
    )
    for a, b in zip(path, again, strict=True):
        pd.testing.assert_frame_equal(a.topic_term, b.topic_term)
    with pytest.raises(ValueError, match="k_min must be <= k_max"):
        merge_path(docs, k_max=3, k_min=4, seed=1, vocabulary=vocabulary)
    with pytest.raises(ValueError, match="LDA only"):
        merge_path(docs, k_max=4, k_min=3, seed=1, vocabulary=vocabulary, engine="nmf")


# --- select_k on the path -----------------------------------------------------------------


def test_select_k_by_merge_finds_the_planted_k_and_hands_out_the_path(quick_k4):
    corpus, docs, vocabulary = quick_k4
    fitted: dict = {}
    k, table, notes = select_k(
        docs,
        grid=range(3, 13),
        engine="lda",
        seed=20190626,
        vocabulary=vocabulary,
        seeds=2,
        tolerance=0.002,
        min_segments_per_topic=5,
        fitted=fitted,
        search="merge",
        merge_passes=3,
        **SETTINGS,
    )
    assert k == SHAPES["quick_k4"].k, table
    assert table["fits"].eq(2).all() and table["u_mass"].notna().all()
    assert sorted(fitted) == table["k"].tolist()
    assert all([m.seed for m in fitted[k_]] == [20190626, 20190627] for k_ in fitted)
    assert (
        table.loc[table["k"] == k, "bound"].item() == best_fit(fitted[k]).params["bound_per_token"]
    )
    matched = match_topics(best_fit(fitted[k]).topic_term, corpus.topic_term)
    assert (matched["cosine"] >= 0.9).all(), matched
    # the stability of the chosen k reuses the path's models of both seeds, fitting nothing
    reference, stability = topic_stability(
        docs,
        k=k,
        seeds=[20190626, 20190627],
        engine="lda",
        vocabulary=vocabulary,
        reference=best_fit(fitted[k]),
        refits=fitted[k],
        passes=1,  # would differ from the path's models if anything were refitted
    )
    assert reference is best_fit(fitted[k])
    other = next(m for m in fitted[k] if m is not reference)
    a, b = reference.topic_term.to_numpy(), other.topic_term.to_numpy()
    cos = (a / np.linalg.norm(a, axis=1, keepdims=True)) @ (
        b / np.linalg.norm(b, axis=1, keepdims=True)
    ).T
    np.testing.assert_allclose(stability["stability"], cos.max(axis=1))


def test_select_k_independent_still_fits_every_k_from_scratch(quick_k4):
    _, docs, vocabulary = quick_k4
    fitted: dict = {}
    k, table, _ = select_k(
        docs,
        grid=[3, 4, 5],
        engine="lda",
        seed=3,
        vocabulary=vocabulary,
        seeds=2,
        fitted=fitted,
        search="independent",
        **SETTINGS,
    )
    assert k == 4, table
    assert all(
        "merged" not in m.params and m.params["passes"] == 10 for ms in fitted.values() for m in ms
    )
    with pytest.raises(ValueError, match="search must be one of"):
        select_k(docs, grid=[3], engine="lda", seed=3, vocabulary=vocabulary, search="split")


def test_select_k_by_merge_on_a_grid_with_gaps_keeps_the_grid_values(quick_k4):
    _, docs, vocabulary = quick_k4
    fitted: dict = {}
    _, table, _ = select_k(
        docs, grid=[3, 5, 6], engine="lda", seed=3, vocabulary=vocabulary, fitted=fitted, **SETTINGS
    )
    assert table["k"].tolist() == [3, 5, 6] and sorted(fitted) == [3, 5, 6]
