"""The optional dynamic topic model: shape, periods and determinism on a planted corpus."""

import pytest

from ordskifte.topics.dynamic import DYNAMIC_COLUMNS, fit_dynamic
from tests.synthetic.planted import planted_corpus

PERIODS = ["frivillig", "psykisk_helse", "folkehelse"]


@pytest.fixture(scope="module")
def slices():
    corpus = planted_corpus(n_docs=12, doc_length=(40, 60), seed=4)
    period_of = corpus.manifest.set_index("doc_id")["period"]
    docs = {p: [] for p in PERIODS}
    for doc_id, tokens in corpus.tokens.items():
        docs[period_of[doc_id]].append(tokens)
    vocabulary = sorted({t for tokens in corpus.tokens.values() for t in tokens})
    return [docs[p] for p in PERIODS], vocabulary


def _fit(slices, **kwargs):
    docs, vocabulary = slices
    options = dict(periods=PERIODS, vocabulary=vocabulary, k=2, seed=7, top_terms=5)
    return fit_dynamic(docs, **options, passes=1, em_max_iter=1, **kwargs)


@pytest.mark.slow
def test_dynamic_model_gives_each_topic_per_period_and_is_deterministic(slices):
    table = _fit(slices)
    assert list(table.columns) == DYNAMIC_COLUMNS
    assert sorted(set(table["period"])) == sorted(PERIODS)
    assert len(table) == 2 * 3 * 5  # topics x periods x top terms
    assert table.equals(_fit(slices))


def test_dynamic_model_needs_two_periods(slices):
    docs, vocabulary = slices
    table = fit_dynamic([docs[0], [], []], periods=PERIODS, vocabulary=vocabulary, k=2, seed=1)
    assert table.empty and list(table.columns) == DYNAMIC_COLUMNS
