"""Shortcuts of the topic models held to the code they replace: the same results.

A :class:`~ordskifte.topics.model.BagCorpus` (the bags of words made once for many fits)
must give what the term lists give, in fit_model and in the u_mass coherence.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

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
    assert coherence(model, prepared, measure="u_mass") == coherence(model, docs, measure="u_mass")
    # c_v and another vocabulary go the way of the term lists
    assert coherence(model, prepared, measure="c_v") == coherence(model, docs, measure="c_v")
    other = bag_corpus(docs, vocab[:-3])
    assert coherence(model, other, measure="u_mass") == coherence(model, docs, measure="u_mass")


def test_coherence_of_a_bag_corpus_without_terms_is_nan():
    prepared = bag_corpus([[], []], ["a", "b"])
    topic_term = pd.DataFrame([[0.5, 0.5]], columns=["a", "b"])
    mean, per_topic = coherence(topic_term, prepared, measure="u_mass")
    assert math.isnan(mean) and math.isnan(per_topic[0])
