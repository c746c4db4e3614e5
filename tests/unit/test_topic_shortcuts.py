"""Shortcuts of the topic models held to the code they replace: the same results.

A :class:`~ordskifte.topics.model.BagCorpus` (the bags of words made once for many fits)
must give what the term lists give, in fit_model and in the u_mass coherence; the
sliding-window counts of c_v and c_npmi must be gensim's counts, and the coherence gensim's.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel
from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator

from ordskifte.topics.cooccurrence import WindowCounts, window_sets
from ordskifte.topics.model import bag_corpus, build_vocabulary, coherence, fit_model
from ordskifte.topics.segments import segment_terms
from tests.synthetic.planted import QUICK_SHAPES, period_segments, shape_corpus

SHAPES = {s.name: s for s in QUICK_SHAPES}


@pytest.fixture(scope="module")
def planted():
    corpus = shape_corpus(SHAPES["quick_k4"], seed=16)
    docs = segment_terms(period_segments(corpus, "a", target_tokens=150))
    docs = [*docs, [], ["zzz-not-in-the-vocabulary"]]  # an empty and an out-of-vocabulary one
    return docs, build_vocabulary(docs, min_df=2, max_share=0.5)


@pytest.mark.parametrize("engine", ["lda", "nmf"])
def test_fit_model_on_a_bag_corpus_is_fit_model_on_the_term_lists(planted, engine):
    docs, vocab = planted
    options = {"engine": engine, "k": 4, "seed": 3, "vocabulary": vocab, "passes": 3}
    prepared = bag_corpus(docs, vocab)
    assert bag_corpus(prepared, vocab) is prepared
    assert bag_corpus(prepared, vocab[:-1]).vocabulary == tuple(vocab[:-1])
    plain, fast = fit_model(docs, **options), fit_model(prepared, **options)
    pd.testing.assert_frame_equal(plain.topic_term, fast.topic_term, check_exact=True)
    pd.testing.assert_frame_equal(plain.doc_topic, fast.doc_topic, check_exact=True)
    assert plain.params == fast.params


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_u_mass_on_a_bag_corpus_is_u_mass_on_the_term_lists(planted, order):
    docs, vocab = planted
    vocab = list(vocab) if order == "sorted" else list(reversed(vocab))  # gensim renumbers
    model = fit_model(docs, engine="lda", k=4, seed=3, vocabulary=vocab, passes=3)
    prepared = bag_corpus(docs, vocab)
    plain = coherence(model, docs, measure="u_mass")
    assert coherence(model, prepared, measure="u_mass") == plain
    # again, with the Dictionary the BagCorpus kept from the first time
    assert coherence(model, prepared, measure="u_mass") == plain
    # c_v and another vocabulary go the way of the term lists
    assert coherence(model, prepared, measure="c_v") == coherence(model, docs, measure="c_v")
    other = bag_corpus(docs, vocab[:-3])
    assert coherence(model, other, measure="u_mass") == coherence(model, docs, measure="u_mass")


def test_coherence_of_a_bag_corpus_without_terms_is_nan():
    prepared = bag_corpus([[], []], ["a", "b"])
    topic_term = pd.DataFrame([[0.5, 0.5]], columns=["a", "b"])
    mean, per_topic = coherence(topic_term, prepared, measure="u_mass")
    assert math.isnan(mean) and math.isnan(per_topic[0])


# --- sliding-window counts (c_v, c_npmi) -----------------------------------------------------


def _random_texts(rng, words, n_texts, max_len):
    return [
        [words[j] for j in rng.integers(0, len(words), rng.integers(0, max_len))]
        for _ in range(n_texts)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_window_counts_are_gensims_counts(seed):
    # short texts over few words and small windows: repeated words inside a window (gensim's
    # set drops a word that leaves the window even when it occurs again inside), texts
    # shorter than the window, empty texts, words that are not counted
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(12)] + ["x", "y"]
    dictionary = Dictionary([words])
    relevant = {dictionary.token2id[f"w{i}"] for i in range(8)}
    for _ in range(40):
        texts = _random_texts(rng, words, int(rng.integers(1, 6)), 25)
        window = int(rng.integers(1, 12))
        theirs = WordOccurrenceAccumulator(relevant, dictionary).accumulate(texts, window)
        ours = WindowCounts(relevant, dictionary).accumulate(texts, window)
        assert ours.num_docs == theirs.num_docs
        assert np.array_equal(ours._occurrences, theirs._occurrences)
        assert type(ours._co_occurrences) is type(theirs._co_occurrences)
        assert ours._co_occurrences.dtype == theirs._co_occurrences.dtype
        assert np.array_equal(ours._co_occurrences.toarray(), theirs._co_occurrences.toarray())


def test_window_sets_literal():
    # window 3 over a b a c x (a=0, b=1, c=2, x another term)
    ids = np.array([0, 1, 0, 2, 9])
    terms, present = window_sets(ids, n_terms=3, window_size=3)
    assert terms.tolist() == [0, 1, 2]
    # window 0: a b a -> {a, b}; window 1 (b a c): remove a (position 0 left), add c ->
    # {b, c}, a missing although at position 2; window 2 (a c x): remove b, add x -> {c}
    assert present.tolist() == [[True, True, False], [False, True, True], [False, False, True]]
    # a text shorter than the window is one window with all its terms
    terms, present = window_sets(np.array([2, 9, 2]), n_terms=3, window_size=5)
    assert terms.tolist() == [2] and present.tolist() == [[True]]


def test_window_sets_drop_a_term_that_left_even_if_it_is_still_inside():
    # a a b b, window 2: window 0 = {a}; window 1 removes a (position 0 left) then adds b,
    # so a (still at position 1) is missing: gensim's set, not the window's true set
    _, present = window_sets(np.array([0, 0, 1, 1]), n_terms=2, window_size=2)
    assert present.tolist() == [[True, False], [False, True], [False, True]]


@pytest.mark.parametrize("measure", ["c_v", "c_npmi"])
def test_coherence_is_gensims_coherence(planted, measure):
    docs, vocab = planted
    model = fit_model(docs, engine="lda", k=4, seed=3, vocabulary=vocab, passes=3)
    texts = [list(doc) for doc in docs if len(doc)]
    terms = np.asarray(model.topic_term.columns, dtype=object)
    order = np.argsort(-model.topic_term.to_numpy(), axis=1, kind="stable")[:, :10]
    theirs = CoherenceModel(
        topics=[list(terms[row]) for row in order],
        texts=texts,
        dictionary=Dictionary([list(model.topic_term.columns)]),
        coherence=measure,
        topn=10,
        processes=1,
    ).get_coherence_per_topic()
    _, ours = coherence(model, docs, measure=measure)
    assert ours == [float(s) for s in theirs]
