"""Unit tests for ordskifte.topics.model: planted topics, determinism, small-data edge cases, and
literal tables whose expected values are worked out by hand in the comments."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linear_sum_assignment

from ordskifte.stats import bootstrap_rate_ci, group_seed
from ordskifte.topics.model import (
    PREVALENCE_STATS,
    REPRESENTATIVE_COLUMNS,
    SELECT_K_COLUMNS,
    STABILITY_COLUMNS,
    TOPIC_TERMS_COLUMNS,
    build_vocabulary,
    coherence,
    detect_phrases,
    fit_model,
    frex,
    infer_doc_topic,
    prevalence,
    representative_segments,
    restart_seeds,
    sample_segments,
    select_k,
    topic_labels,
    topic_stability,
    topic_terms_table,
)
from tests.synthetic.planted import DEFAULT_TOPICS, planted_corpus

# --- planted data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planted():
    """300 documents from the 8 default planted topics; the tokens are the planted words."""
    corpus = planted_corpus(n_docs=300, seed=1)
    docs = list(corpus.tokens.values())
    vocabulary = build_vocabulary(docs, min_df=2, max_share=1.0)
    truth = corpus.topic_term.reindex(columns=vocabulary, fill_value=0.0)
    return docs, vocabulary, truth


def matched_cosines(truth: pd.DataFrame, fitted: pd.DataFrame) -> np.ndarray:
    """Cosine of each true topic with the fitted topic it is matched to (Hungarian method)."""
    a = truth.to_numpy() / np.linalg.norm(truth.to_numpy(), axis=1, keepdims=True)
    b = fitted.to_numpy() / np.linalg.norm(fitted.to_numpy(), axis=1, keepdims=True)
    sim = a @ b.T
    rows, cols = linear_sum_assignment(-sim)
    return sim[rows, cols]


@pytest.fixture(scope="module")
def lda8(planted):
    docs, vocabulary, _ = planted
    return fit_model(docs, engine="lda", k=8, seed=1, vocabulary=vocabulary)


def test_lda_recovers_planted_topics(planted, lda8):
    # Measured on this corpus: a single gensim fit finds all 8 topics for ~25 % of seeds
    # (otherwise it merges two topics of one period and splits another: mean ~0.87);
    # seed 1 is one of the good ones. See test_restarts_keep_the_best_bound for a bad one.
    _, vocabulary, truth = planted
    assert list(lda8.topic_term.columns) == vocabulary
    cos = matched_cosines(truth, lda8.topic_term)
    assert cos.mean() >= 0.9
    assert cos.min() >= 0.9


def test_nmf_recovers_planted_topics(planted):
    # NMF on TF-IDF with NNDSVDa initialisation: 0.99 measured; the test asks >= 0.8 because
    # TF-IDF reweights the terms, so NMF's topic-term rows are not the generating distributions.
    docs, vocabulary, truth = planted
    model = fit_model(docs, engine="nmf", k=8, seed=1, vocabulary=vocabulary)
    assert matched_cosines(truth, model.topic_term).mean() >= 0.8


def test_model_matrices_are_distributions_and_empty_documents_uniform(planted):
    docs, vocabulary, _ = planted
    docs = [*docs[:40], [], ["ukjent", "ord"]]  # two documents without vocabulary terms
    for engine in ("lda", "nmf"):
        model = fit_model(docs, engine=engine, k=4, seed=3, vocabulary=vocabulary)
        assert model.topic_term.shape == (4, len(vocabulary))
        assert model.doc_topic.shape == (42, 4)
        assert list(model.topic_term.index) == [0, 1, 2, 3]
        assert list(model.doc_topic.columns) == [0, 1, 2, 3]
        np.testing.assert_allclose(model.topic_term.sum(axis=1), 1.0, rtol=0, atol=1e-12)
        np.testing.assert_allclose(model.doc_topic.sum(axis=1), 1.0, rtol=0, atol=1e-12)
        assert (model.doc_topic.iloc[40:] == 0.25).all().all()
        assert (model.engine, model.k, model.seed) == (engine, 4, 3)


def test_same_seed_same_floats_other_seed_differs(planted):
    docs, vocabulary, _ = planted
    docs = docs[:120]
    first = fit_model(docs, engine="lda", k=5, seed=7, vocabulary=vocabulary, passes=3)
    again = fit_model(docs, engine="lda", k=5, seed=7, vocabulary=vocabulary, passes=3)
    other = fit_model(docs, engine="lda", k=5, seed=8, vocabulary=vocabulary, passes=3)
    assert np.array_equal(first.topic_term.to_numpy(), again.topic_term.to_numpy())
    assert np.array_equal(first.doc_topic.to_numpy(), again.doc_topic.to_numpy())
    assert not np.array_equal(first.topic_term.to_numpy(), other.topic_term.to_numpy())
    nmf = [
        fit_model(docs, engine="nmf", k=5, seed=s, vocabulary=vocabulary).topic_term.to_numpy()
        for s in (7, 7, 8)
    ]
    assert np.array_equal(nmf[0], nmf[1])
    # NNDSVDa is an SVD: the seed only reaches the randomized SVD's last bits
    np.testing.assert_allclose(nmf[0], nmf[2], rtol=0, atol=1e-9)


def test_eval_every_is_passed_to_gensim(planted):
    # FACTS.md: eval_every changes the topics for the same seed, so it must be a fixed option
    docs, vocabulary, _ = planted
    docs = docs[:120]
    kwargs = dict(engine="lda", k=5, seed=7, vocabulary=vocabulary, passes=3)
    a = fit_model(docs, eval_every=None, **kwargs)
    b = fit_model(docs, eval_every=1, **kwargs)
    assert a.params["eval_every"] is None and b.params["eval_every"] == 1
    assert not np.array_equal(a.topic_term.to_numpy(), b.topic_term.to_numpy())


def test_restart_seeds_are_independent_of_neighbouring_seeds():
    assert restart_seeds(5, 1) == [5]
    first, second = restart_seeds(1, 4), restart_seeds(2, 4)
    assert first[0] == 1 and second[0] == 2
    assert not set(first) & set(second)
    assert restart_seeds(1, 4) == first
    assert all(0 <= s < 2**32 for s in first)


def test_restarts_keep_the_best_bound(planted):
    # Seed 5 alone is a bad local optimum on this corpus (mean cosine ~0.81); of its three
    # starts the third has the highest evidence lower bound (-4.018 per token against -4.053
    # and -4.058) and is kept: the result is the plain fit from that start's seed, and it is
    # closer to the planted topics.
    docs, vocabulary, truth = planted
    single = fit_model(docs, engine="lda", k=8, seed=5, vocabulary=vocabulary)
    best = fit_model(docs, engine="lda", k=8, seed=5, vocabulary=vocabulary, restarts=3)
    bounds = best.params["bound_per_tokens"]
    assert len(bounds) == 3 and best.params["start_seeds"] == restart_seeds(5, 3)
    assert best.params["chosen_start"] == int(np.argmax(bounds)) == 2
    assert best.params["bound_per_token"] == bounds[2]
    again = fit_model(
        docs, engine="lda", k=8, seed=best.params["start_seeds"][2], vocabulary=vocabulary
    )
    assert np.array_equal(best.topic_term.to_numpy(), again.topic_term.to_numpy())
    assert np.array_equal(best.doc_topic.to_numpy(), again.doc_topic.to_numpy())
    assert (
        matched_cosines(truth, best.topic_term).mean()
        > matched_cosines(truth, single.topic_term).mean()
    )


def test_fit_model_rejects_bad_options(planted):
    docs, vocabulary, _ = planted
    with pytest.raises(ValueError, match="engine"):
        fit_model(docs, engine="lsa", k=2, seed=0, vocabulary=vocabulary)
    with pytest.raises(ValueError, match="vocabulary is empty"):
        fit_model(docs, engine="lda", k=2, seed=0, vocabulary=[])
    with pytest.raises(ValueError, match="duplicate"):
        fit_model(docs, engine="lda", k=2, seed=0, vocabulary=["a", "a"])
    with pytest.raises(ValueError, match="no document"):
        fit_model([["x"]], engine="lda", k=2, seed=0, vocabulary=["y"])
    with pytest.raises(ValueError, match="k <= min"):
        fit_model(docs[:3], engine="nmf", k=4, seed=0, vocabulary=vocabulary)
    with pytest.raises(ValueError, match="k must"):
        fit_model(docs, engine="lda", k=0, seed=0, vocabulary=vocabulary)


# --- vocabulary and phrases -----------------------------------------------------------------


def test_build_vocabulary_applies_both_bounds():
    docs = [["a", "b", "c"], ["a", "b"], ["a", "d", "d"], ["a", "e"]]
    # df: a 4, b 2, c 1, d 1 (counted once per document), e 1
    assert build_vocabulary(docs, min_df=2, max_share=1.0) == ["a", "b"]
    assert build_vocabulary(docs, min_df=2, max_share=0.5) == ["b"]  # a: 4/4 > 0.5
    assert build_vocabulary(docs, min_df=1, max_share=0.25) == ["c", "d", "e"]
    assert build_vocabulary([], min_df=1, max_share=1.0) == []
    with pytest.raises(ValueError, match="min_df"):
        build_vocabulary(docs, min_df=0, max_share=1.0)
    with pytest.raises(ValueError, match="max_share"):
        build_vocabulary(docs, min_df=1, max_share=0)


def test_detect_phrases_joins_frequent_pairs():
    docs = [
        ["psykisk", "helse", "tiltak"],
        ["psykisk", "helse", "kommune"],
        ["kommune", "tiltak"],
        ["psykisk", "lidelse"],
    ]
    assert detect_phrases(docs, min_count=1, threshold=0.5) == [
        ["psykisk_helse", "tiltak"],
        ["psykisk_helse", "kommune"],
        ["kommune", "tiltak"],
        ["psykisk", "lidelse"],
    ]


# --- coherence and the choice of k ------------------------------------------------------------


def test_coherence_is_nan_safe():
    docs = [["psykisk", "helse", "tiltak"], ["psykisk", "helse", "kommune"], ["kommune"], []]
    # topic 1's top terms include "zzz", which never occurs: c_npmi gives NaN for it
    phi = pd.DataFrame(
        [[0.5, 0.4, 0.1, 0.0], [0.0, 0.1, 0.2, 0.7]], columns=["psykisk", "helse", "kommune", "zzz"]
    )
    mean, per_topic = coherence(phi, docs, measure="c_npmi", top_n=2)
    assert len(per_topic) == 2 and math.isnan(per_topic[1]) and not math.isnan(per_topic[0])
    assert mean == per_topic[0]
    u_mean, u_topics = coherence(phi, docs, measure="u_mass", top_n=2)
    assert len(u_topics) == 2 and math.isfinite(u_mean)
    # one term only: no pair to score
    nan_mean, nan_topics = coherence(phi[["psykisk"]], docs, measure="u_mass")
    assert math.isnan(nan_mean) and all(math.isnan(v) for v in nan_topics)
    with pytest.raises(ValueError, match="measure"):
        coherence(phi, docs, measure="c_uci")


def test_select_k_scores_every_supported_k(planted):
    docs, vocabulary, _ = planted
    k, table, notes = select_k(
        docs, grid=[12, 4, 8, 8], engine="lda", seed=1, vocabulary=vocabulary, criterion="u_mass"
    )
    assert list(table.columns) == list(SELECT_K_COLUMNS)
    assert table["k"].tolist() == [4, 8, 12]
    assert table["u_mass"].notna().all() and (table["u_mass"] < 0).all()
    assert table["bound"].notna().all() and (table["bound"] < 0).all()
    assert table["fits"].tolist() == [1, 1, 1]
    assert table["chosen"].sum() == 1
    assert k == int(table.loc[table["u_mass"].idxmax(), "k"])
    assert table.loc[table["chosen"], "k"].item() == k
    assert notes == []


def test_select_k_by_bound_keeps_the_best_of_the_seeds_and_the_smallest_k_within_tolerance(
    planted,
):
    # The 8 planted topics: the bound of the best of 3 fits is highest at k=8 (k=12 splits
    # topics or leaves them empty at a lower bound, k=4 merges them).
    docs, vocabulary, _ = planted
    fitted: dict = {}
    k, table, notes = select_k(
        docs, grid=[4, 8, 12], engine="lda", seed=1, vocabulary=vocabulary, seeds=3, fitted=fitted
    )
    assert list(table.columns) == list(SELECT_K_COLUMNS) and notes == []
    assert table["fits"].tolist() == [3, 3, 3]
    assert [m.seed for m in fitted[8]] == [1, 2, 3]
    for row in table.itertuples():
        assert row.bound == max(m.params["bound_per_token"] for m in fitted[row.k])
    assert k == 8 and table.loc[table["chosen"], "k"].item() == 8
    # a tolerance as large as the gap from k=4 to the best chooses the smaller k
    gap = table["bound"].max() - table.loc[table["k"] == 4, "bound"].item()
    k4, _, _ = select_k(
        docs,
        grid=[4, 8, 12],
        engine="lda",
        seed=1,
        vocabulary=vocabulary,
        seeds=3,
        tolerance=gap + 1e-9,
    )
    assert k4 == 4
    with pytest.raises(ValueError, match="criterion"):
        select_k(docs, grid=[4], engine="lda", seed=1, vocabulary=vocabulary, criterion="c_v")


def test_select_k_on_a_tiny_period_warns_and_uses_what_the_data_support():
    docs = [["selvhjelp", "gruppe", "kommune"], ["gruppe", "frivillig"], ["kommune", "selvhjelp"]]
    vocabulary = sorted({t for d in docs for t in d})
    for engine in ("lda", "nmf"):
        k, table, notes = select_k(
            docs, grid=list(range(3, 13)), engine=engine, seed=0, vocabulary=vocabulary
        )
        assert k <= 2 and k == 2  # 3 segments support at most 3 - 1 topics
        assert table["k"].tolist() == [2] and table["chosen"].tolist() == [True]
        assert len(notes) == 1 and "too large" in notes[0] and "k=2" in notes[0]
    # part of the grid fits: only the rest is dropped
    k, table, notes = select_k(docs, grid=[1, 2, 5], engine="lda", seed=0, vocabulary=vocabulary)
    assert table["k"].tolist() == [1, 2] and "k=5 dropped" in notes[0]
    # asking for 2 segments per topic: 3 // 2 = 1 topic
    k, table, notes = select_k(
        docs, grid=[2, 3], engine="lda", seed=0, vocabulary=vocabulary, min_segments_per_topic=2
    )
    assert k == 1 and table["k"].tolist() == [1] and "at most k=1" in notes[0]


def test_select_k_with_one_segment_gives_one_topic():
    docs = [["selvhjelp", "gruppe", "kommune"]]
    k, table, notes = select_k(
        docs, grid=[3, 4], engine="lda", seed=0, vocabulary=["gruppe", "kommune", "selvhjelp"]
    )
    assert k == 1 and table["k"].tolist() == [1] and len(notes) == 1
    k, table, notes = select_k(docs, grid=[1], engine="lda", seed=0, vocabulary=["gruppe"])
    assert k == 1 and table["k"].tolist() == [1] and "only 1 segment" in notes[0]
    # nothing to fit at all: k = 1, an empty table and a note, no exception
    k, table, notes = select_k(docs, grid=[3], engine="lda", seed=0, vocabulary=["annet"])
    assert k == 1 and table.empty and list(table.columns) == list(SELECT_K_COLUMNS)
    assert "no topic model" in notes[0]
    with pytest.raises(ValueError, match="grid"):
        select_k(docs, grid=[0], engine="lda", seed=0, vocabulary=["gruppe"])


# --- stability ------------------------------------------------------------------------------


def test_planted_topics_are_stable_across_seeds(planted, lda8):
    # Seeds 1 and 2 both reach the planted optimum on this corpus: every topic recurs.
    docs, vocabulary, _ = planted
    model, table = topic_stability(docs, k=8, seeds=[1, 2], engine="lda", vocabulary=vocabulary)
    assert list(table.columns) == list(STABILITY_COLUMNS)
    assert np.array_equal(model.topic_term.to_numpy(), lda8.topic_term.to_numpy())
    assert table["topic"].tolist() == list(range(8))
    assert (table["stability"] >= 0.9).all() and not table["unstable"].any()
    # NMF with NNDSVDa starts from an SVD, so its topics hardly depend on the seed at all
    _, nmf_table = topic_stability(docs, k=8, seeds=[1, 2, 3], engine="nmf", vocabulary=vocabulary)
    assert (nmf_table["stability"] >= 0.99).all()


def test_stability_exposes_a_local_optimum(planted):
    # Seed 4 merges two planted topics and splits another (see test_restarts_keep_the_best_bound):
    # the reference topics that seed 4 lacks match only a merged topic, at cosine 0.74-0.87
    # (measured), which the default threshold 0.7 would not flag; 0.9 does. The others stay
    # near 1.
    docs, vocabulary, _ = planted
    _, table = topic_stability(
        docs, k=8, seeds=[1, 4], engine="lda", vocabulary=vocabulary, threshold=0.9
    )
    assert 1 <= table["unstable"].sum() <= 3
    assert (table.loc[~table["unstable"], "stability"] >= 0.95).all()


def test_stability_flags_topics_below_threshold():
    docs = [["a", "b"], ["c", "d"], ["a", "c"], ["b", "d"], ["a", "d"]]
    _, table = topic_stability(
        docs, k=2, seeds=[0, 1, 2], engine="lda", vocabulary=list("abcd"), threshold=1.01
    )
    assert table["unstable"].all()  # no cosine exceeds 1
    _, single = topic_stability(docs, k=2, seeds=[0], engine="lda", vocabulary=list("abcd"))
    assert single["stability"].isna().all() and not single["unstable"].any()
    with pytest.raises(ValueError, match="distinct"):
        topic_stability(docs, k=2, seeds=[0, 0], engine="lda", vocabulary=list("abcd"))


# --- FREX, term tables, labels, representative segments ---------------------------------------

# phi = [[0.5, 0.4, 0.1], [0.7, 0.1, 0.2]] over terms x, y, z; column sums 1.2, 0.5, 0.3
# exclusivity: topic 0 [0.4167, 0.8, 0.3333], topic 1 [0.5833, 0.2, 0.6667]
# ranks / 3 in topic 0: frequency [1, 2/3, 1/3], exclusivity [2/3, 1, 1/3]
#            topic 1: frequency [1, 1/3, 2/3], exclusivity [2/3, 1/3, 1]
# weight 0.5: x0 = 1 / (0.5 / (2/3) + 0.5 / 1) = 1 / 1.25 = 0.8; y0 = 0.8; z0 = 1/3
#             x1 = 0.8; y1 = 1/3; z1 = 0.8
# weight 0.25 (on exclusivity): x0 = 1 / (0.25 * 1.5 + 0.75 * 1) = 1 / 1.125 = 0.8889
#                               y0 = 1 / (0.25 * 1 + 0.75 * 1.5) = 1 / 1.375 = 0.7273
PHI = pd.DataFrame(
    [[0.5, 0.4, 0.1], [0.7, 0.1, 0.2]],
    index=pd.RangeIndex(2, name="topic"),
    columns=pd.Index(["x", "y", "z"], name="term"),
)


def test_frex_hand_computed():
    scores = frex(PHI)
    np.testing.assert_allclose(scores.to_numpy(), [[0.8, 0.8, 1 / 3], [0.8, 1 / 3, 0.8]])
    assert list(scores.columns) == ["x", "y", "z"] and list(scores.index) == [0, 1]
    weighted = frex(PHI, weight=0.25)
    np.testing.assert_allclose(weighted.iloc[0], [1 / 1.125, 1 / 1.375, 1 / 3])
    # weight 1: exclusivity ranks only; weight 0: frequency ranks only
    np.testing.assert_allclose(frex(PHI, weight=1.0).iloc[0], [2 / 3, 1, 1 / 3])
    np.testing.assert_allclose(frex(PHI, weight=0.0).iloc[0], [1, 2 / 3, 1 / 3])
    with pytest.raises(ValueError, match="weight"):
        frex(PHI, weight=1.5)


def test_topic_terms_table_literal():
    table = topic_terms_table(PHI, n=2)
    assert list(table.columns) == list(TOPIC_TERMS_COLUMNS)
    assert table[["topic", "rank", "term"]].values.tolist() == [
        [0, 1, "x"],
        [0, 2, "y"],
        [1, 1, "x"],
        [1, 2, "z"],
    ]
    np.testing.assert_allclose(table["weight"], [0.5, 0.4, 0.7, 0.2])
    np.testing.assert_allclose(table["exclusivity"], [0.5 / 1.2, 0.8, 0.7 / 1.2, 0.2 / 0.3])
    np.testing.assert_allclose(table["frex"], [0.8, 0.8, 0.8, 0.8])
    assert len(topic_terms_table(PHI, n=15)) == 6  # n is capped at the vocabulary size


def test_topic_labels_by_frex_ties_to_the_heavier_term():
    assert topic_labels(PHI, n=2) == {0: "x / y", 1: "x / z"}
    assert topic_labels(PHI, n=1, frex_weight=1.0) == {0: "y", 1: "z"}


def test_topic_labels_on_planted_topics_name_the_planted_words(lda8):
    # every label's three words come from one planted topic, and each planted topic is named
    labels = topic_labels(lda8, n=3)
    assert sorted(labels) == list(range(8))
    sources = []
    for label in labels.values():
        words = label.split(" / ")
        owners = {i for i, topic in enumerate(DEFAULT_TOPICS) for w in words if w in topic}
        assert len(words) == 3 and len(owners) == 1, label
        sources.append(owners.pop())
    assert sorted(sources) == list(range(8))


SEGMENTS = pd.DataFrame(
    {
        "segment_id": ["a:0000", "a:0001", "b:0000"],
        "doc_id": ["a", "a", "b"],
        "period": ["frivillig", "frivillig", "folkehelse"],
        "year": ["1993", "1993", "2003"],
        "page_first": pd.array([1, 2, None], dtype="Int32"),
        "page_last": pd.array([1, 3, None], dtype="Int32"),
        "terms": ["selvhjelp gruppe frivillig", "frivillig lag", "folkehelse kommune tiltak"],
    }
)


def test_representative_segments_literal():
    theta = pd.DataFrame([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    table = representative_segments(theta, SEGMENTS, n=2, excerpt_terms=2)
    assert list(table.columns) == list(REPRESENTATIVE_COLUMNS)
    assert table[["topic", "rank", "segment_id", "doc_id", "year"]].values.tolist() == [
        [0, 1, "a:0000", "a", "1993"],
        [0, 2, "b:0000", "b", "2003"],
        [1, 1, "a:0001", "a", "1993"],
        [1, 2, "b:0000", "b", "2003"],
    ]
    np.testing.assert_allclose(table["weight"], [0.9, 0.6, 0.8, 0.4])
    assert table["excerpt"].tolist() == [
        "selvhjelp gruppe …",
        "folkehelse kommune …",
        "frivillig lag",
        "folkehelse kommune …",
    ]
    assert table["page_first"].tolist()[:2] == [1, pd.NA]
    with pytest.raises(ValueError, match="same segments"):
        representative_segments(theta.iloc[:2], SEGMENTS)


# --- prevalence -----------------------------------------------------------------------------


def test_prevalence_literal():
    # period frivillig: documents a (segments 0, 1) and b (segment 2); folkehelse: c only.
    # topic 0, frivillig: mean (0.8 + 0.6 + 0.1) / 3 = 0.5; document sums a 1.4 (2 segments),
    # b 0.1 (1): resamples {a,a} 2.8/4 = 0.7, {a,b} 1.5/3 = 0.5, {b,b} 0.2/2 = 0.1, so the
    # 95 % percentile interval of 400 resamples is [0.1, 0.7].
    # topic 1, frivillig: mean (0.2 + 0.4 + 0.9) / 3 = 0.5; {a,a} 0.3, {a,b} 0.5, {b,b} 0.9.
    # folkehelse has one document: the interval is the mean itself.
    theta = pd.DataFrame([[0.8, 0.2], [0.6, 0.4], [0.1, 0.9], [0.5, 0.5]])
    segments = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c"],
            "period": ["frivillig", "frivillig", "frivillig", "folkehelse"],
        }
    )
    table = prevalence(theta, segments, by="period", iterations=400, seed=3)
    assert list(table.columns) == ["topic", "period", *PREVALENCE_STATS]
    assert table[["topic", "period", "n_docs", "n_segments"]].values.tolist() == [
        [0, "folkehelse", 1, 1],
        [0, "frivillig", 2, 3],
        [1, "folkehelse", 1, 1],
        [1, "frivillig", 2, 3],
    ]
    np.testing.assert_allclose(table["mean"], [0.5, 0.5, 0.5, 0.5])
    # folkehelse has one document: no between-document interval (NaN)
    np.testing.assert_allclose(table["ci_low"], [np.nan, 0.1, np.nan, 0.3])
    np.testing.assert_allclose(table["ci_high"], [np.nan, 0.7, np.nan, 0.9])
    both = table.dropna()
    assert ((both["ci_low"] <= both["mean"]) & (both["mean"] <= both["ci_high"])).all()
    # the interval is bootstrap_rate_ci on per-document sums with the (topic, group) seed
    expected = bootstrap_rate_ci(
        [1.4, 0.1], [2, 1], iterations=400, seed=group_seed(3, (0, "frivillig")), per=1
    )
    assert tuple(table.loc[1, ["ci_low", "ci_high"]]) == expected
    # same inputs in another row order give the same table; order= sets the group order
    shuffled = prevalence(
        theta.iloc[[3, 2, 1, 0]].reset_index(drop=True),
        segments.iloc[[3, 2, 1, 0]].reset_index(drop=True),
        by="period",
        iterations=400,
        seed=3,
    )
    pd.testing.assert_frame_equal(shuffled, table)
    ordered = prevalence(
        theta, segments, by="period", iterations=400, seed=3, order=["frivillig", "folkehelse"]
    )
    assert ordered["period"].tolist() == ["frivillig", "folkehelse"] * 2


def test_prevalence_by_year_leaves_out_documents_without_a_year():
    theta = pd.DataFrame([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    segments = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["1993", "", "1993"]})
    table = prevalence(theta, segments, by="year", iterations=50, seed=0)
    assert table["year"].tolist() == ["1993", "1993"]
    np.testing.assert_allclose(table["mean"], [0.75, 0.25])
    assert table["n_docs"].tolist() == [2, 2]
    with pytest.raises(ValueError, match="not in order"):
        prevalence(theta, segments, by="year", iterations=50, seed=0, order=["2000"])
    with pytest.raises(ValueError, match="same segments"):
        prevalence(theta.iloc[:2], segments, by="year", iterations=50, seed=0)


# --- fitting on a sample, applying to all -------------------------------------------------------


def test_sample_segments_is_seeded_sorted_and_all_when_small():
    assert sample_segments(5, 10, seed=1) == [0, 1, 2, 3, 4]
    assert sample_segments(5, 0, seed=1) == [0, 1, 2, 3, 4]
    first = sample_segments(1000, 100, seed=7)
    assert first == sample_segments(1000, 100, seed=7)
    assert first == sorted(set(first)) and len(first) == 100
    assert first != sample_segments(1000, 100, seed=8)


@pytest.mark.parametrize("engine", ["lda", "nmf"])
def test_infer_doc_topic_reproduces_the_training_proportions(planted, engine):
    docs, vocabulary, _ = planted
    model = fit_model(docs[:150], engine=engine, k=8, seed=1, vocabulary=vocabulary)
    again = infer_doc_topic(model, docs[:150] + [["ord", "utenfor"]])
    assert list(again.columns) == list(model.doc_topic.columns)
    assert np.allclose(again.sum(axis=1), 1.0)
    assert np.allclose(again.iloc[-1], 1 / 8)  # no vocabulary term: uniform
    # the E-step from a new random start converges to nearly the same proportions
    assert np.abs(again.iloc[:150].to_numpy() - model.doc_topic.to_numpy()).max() < 0.05


def test_model_fitted_on_a_sample_assigns_held_out_documents_to_their_planted_topics():
    corpus = planted_corpus(n_docs=400, seed=1)
    docs = list(corpus.tokens.values())
    vocabulary = build_vocabulary(docs, min_df=2, max_share=1.0)
    sample = sample_segments(len(docs), 200, seed=1)
    model = fit_model(
        [docs[i] for i in sample], engine="lda", k=8, seed=1, vocabulary=vocabulary, restarts=3
    )
    held_out = [i for i in range(len(docs)) if i not in set(sample)]
    theta = infer_doc_topic(model, [docs[i] for i in held_out]).to_numpy()
    # each held-out document's main inferred topic is the fitted topic closest to its main
    # planted topic
    truth = corpus.topic_term.reindex(columns=vocabulary, fill_value=0.0).to_numpy()
    fitted = model.topic_term.to_numpy()
    nearest = (truth / np.linalg.norm(truth, axis=1, keepdims=True)) @ (
        fitted / np.linalg.norm(fitted, axis=1, keepdims=True)
    ).T
    planted_main = corpus.doc_topics.to_numpy()[held_out].argmax(axis=1)
    agree = nearest.argmax(axis=1)[planted_main] == theta.argmax(axis=1)
    assert agree.mean() >= 0.9


def test_stability_reuses_the_reference_model_select_k_fitted():
    """select_k hands out its fits; the chosen one, as stability's reference, gives the same
    stability table as fitting the reference again. With every k fitted from scratch
    (``search="independent"``): the merge path's models are refits from merged topics, not
    what a fresh fit of the seed gives (tests/unit/test_merge_path.py checks their reuse)."""
    docs = [["gruppe", "selvhjelp", "møte"], ["helse", "psykisk", "bruker"]] * 6 + [
        ["frivillig", "sentral", "gruppe"],
        ["folkehelse", "kommune", "helse"],
    ] * 6
    vocabulary = sorted({w for d in docs for w in d})
    fitted = {}
    k, _, _ = select_k(
        docs,
        grid=[2, 3],
        engine="lda",
        seed=7,
        vocabulary=vocabulary,
        seeds=2,
        fitted=fitted,
        search="independent",
    )
    assert sorted(fitted) == [2, 3] and [m.seed for m in fitted[k]] == [7, 8]
    reused, table = topic_stability(
        docs,
        k=k,
        seeds=[7, 8],
        engine="lda",
        vocabulary=vocabulary,
        reference=fitted[k][0],
        refits=fitted[k],
    )
    fresh, again = topic_stability(docs, k=k, seeds=[7, 8], engine="lda", vocabulary=vocabulary)
    assert reused is fitted[k][0]
    pd.testing.assert_frame_equal(reused.topic_term, fresh.topic_term)
    pd.testing.assert_frame_equal(table, again)
    # the best fit of seed 8 as the reference, compared with seed 7's fit
    other, table8 = topic_stability(
        docs,
        k=k,
        seeds=[7, 8],
        engine="lda",
        vocabulary=vocabulary,
        reference=fitted[k][1],
        refits=fitted[k],
    )
    assert other is fitted[k][1] and len(table8) == k
    with pytest.raises(ValueError, match="reference model has k=2, not k=3"):
        topic_stability(
            docs, k=3, seeds=[7], engine="lda", vocabulary=vocabulary, reference=fitted[2][0]
        )
    with pytest.raises(ValueError, match="seed 7 is not in"):
        topic_stability(
            docs, k=k, seeds=[8, 9], engine="lda", vocabulary=vocabulary, reference=fitted[k][0]
        )
