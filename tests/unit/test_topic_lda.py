"""ExactLdaModel against gensim's LdaModel: the same floats, bit for bit.

Each shortcut of :mod:`ordskifte.topics.lda` is held to the gensim method it replaces, on a
small planted corpus (cut by the workflow's ``make_segments``) and on hand-made bags with the
awkward cases (an empty document, a document of one term, repeated counts).
"""

from __future__ import annotations

import numpy as np
import pytest
from gensim.models import LdaModel

from ordskifte.topics.lda import ExactLdaModel
from ordskifte.topics.model import _bags, build_vocabulary
from ordskifte.topics.segments import segment_terms
from tests.synthetic.planted import QUICK_SHAPES, period_segments, shape_corpus

SHAPES = {s.name: s for s in QUICK_SHAPES}


@pytest.fixture(scope="module")
def planted_bags():
    corpus = shape_corpus(SHAPES["quick_k4"], seed=16)
    docs = segment_terms(period_segments(corpus, "a", target_tokens=150))
    vocab = build_vocabulary(docs, min_df=2, max_share=0.5)
    bags = [bag for bag in _bags(docs, vocab) if bag]
    return bags, vocab, docs


def _fit(cls, bags, vocab, **options):
    settings = {"passes": 4, "iterations": 100, "eval_every": None, "chunksize": 2000}
    settings.update(options)
    settings = {"num_topics": 6, **settings}
    return cls(corpus=bags, id2word=dict(enumerate(vocab)), random_state=7, **settings)


@pytest.mark.parametrize("options", [{}, {"chunksize": 17, "passes": 2}, {"iterations": 3}])
def test_training_gives_gensims_statistics_bit_for_bit(planted_bags, options):
    bags, vocab, _ = planted_bags
    ours, theirs = (
        _fit(ExactLdaModel, bags, vocab, **options),
        _fit(LdaModel, bags, vocab, **options),
    )
    assert np.array_equal(ours.state.sstats, theirs.state.sstats)
    assert np.array_equal(ours.get_topics(), theirs.get_topics())


def test_inference_gives_gensims_gamma_and_statistics_bit_for_bit(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab)
    chunk = [*bags[:40], (), [(3, 1)], [(0, 5), (2, 1), (9, 3)]]  # empty, one-term documents
    state = model.random_state.get_state()
    theirs = LdaModel.inference(model, chunk, collect_sstats=True)
    for _ in range(2):  # the second time from the term arrays kept from the first
        model.random_state.set_state(state)
        ours = model.inference(chunk, collect_sstats=True)
        assert np.array_equal(ours[0], theirs[0])
        assert np.array_equal(ours[1], theirs[1])
    # and the random state is left where gensim leaves it
    model.random_state.set_state(state)
    LdaModel.inference(model, chunk)
    after_theirs = model.random_state.random()
    model.random_state.set_state(state)
    model.inference(chunk)
    assert model.random_state.random() == after_theirs


def test_term_arrays_are_kept_only_for_the_same_tuples(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab, passes=1)
    first = model._term_arrays(bags[:5])
    assert model._term_arrays(list(bags[:5])) is first  # the same documents in a new list
    assert model._term_arrays(bags[1:6]) is not first
    lists = [list(bag) for bag in bags[:5]]  # lists can change: never kept
    assert model._term_arrays(lists) is not model._term_arrays(lists)


def test_inference_of_no_documents_is_empty(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab)
    gamma, sstats = model.inference([], collect_sstats=True)
    assert gamma.shape == (0, 6)
    assert not sstats.any()


@pytest.mark.parametrize(("ratio", "k"), [(1.0, 6), (0.25, 6), (1.0, 12), (1.0, 20)])
def test_bound_with_gamma_is_gensims_bit_for_bit(planted_bags, ratio, k):
    # k of 8 and more: numpy sums a row in blocks of 8, which the row-wise sums must match
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab, num_topics=k)
    gamma, _ = model.inference(bags)
    rows = gamma[:, np.newaxis, :]  # one 1 x k row per document, as fit_model passes it
    ours = model.bound(bags, gamma=rows, subsample_ratio=ratio)
    assert ours == LdaModel.bound(model, bags, gamma=rows, subsample_ratio=ratio)


def test_bound_with_gamma_vectors_is_left_to_gensim(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab)
    gamma, _ = model.inference(bags)
    with pytest.raises(ValueError, match="2D"):  # gensim's logsumexp wants 2-D rows
        model.bound(bags, gamma=gamma)


def test_bound_without_gamma_falls_back_to_gensim(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab)
    state = model.random_state.get_state()
    ours = model.bound(bags[:10])
    model.random_state.set_state(state)
    assert ours == LdaModel.bound(model, bags[:10])


def test_bound_with_gamma_of_another_dtype_is_left_to_gensim(planted_bags):
    bags, vocab, _ = planted_bags
    model = _fit(ExactLdaModel, bags, vocab)
    gamma, _ = model.inference(bags)
    with pytest.raises(AssertionError):  # gensim checks gamma's dtype against the model's
        model.bound(bags, gamma=gamma[:, np.newaxis, :].astype(np.float64))
