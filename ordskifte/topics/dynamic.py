"""Dynamic topic model (Blei & Lafferty 2006) over the periods, with gensim's LdaSeqModel.

Topics are shared across periods but their term distributions drift from one period to the
next (a Gaussian random walk on the natural parameters, variance ``chain_variance``), so the
table shows how the same theme is worded in each period. It is slow (pure Python variational
EM): run it only when asked (config ``topics.dynamic``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

DYNAMIC_COLUMNS = ["topic", "period", "rank", "term", "weight"]


def fit_dynamic(
    docs_by_period: Sequence[Sequence[Sequence[str]]],
    *,
    periods: Sequence[str],
    vocabulary: Sequence[str],
    k: int,
    seed: int,
    top_terms: int = 10,
    chain_variance: float = 0.005,
    passes: int = 10,
    em_max_iter: int = 20,
) -> pd.DataFrame:
    """Fit LdaSeqModel with one time slice per period; return each topic's top terms per
    period (columns ``topic, period, rank, term, weight``).

    Periods without segments are left out (LdaSeqModel needs non-empty slices).
    """
    from gensim.corpora import Dictionary
    from gensim.models import LdaSeqModel

    if len(docs_by_period) != len(periods):
        raise ValueError("fit_dynamic: one list of documents per period is needed")
    vocab = set(vocabulary)
    slices, names, corpus_docs = [], [], []
    for name, docs in zip(periods, docs_by_period, strict=True):
        kept = [[t for t in d if t in vocab] for d in docs]
        kept = [d for d in kept if d]
        if kept:
            slices.append(len(kept))
            names.append(name)
            corpus_docs.extend(kept)
    if len(slices) < 2 or k < 1:
        return pd.DataFrame(columns=DYNAMIC_COLUMNS)
    dictionary = Dictionary([sorted(vocab)])
    corpus = [dictionary.doc2bow(d) for d in corpus_docs]
    model = LdaSeqModel(
        corpus=corpus,
        id2word=dictionary,
        time_slice=slices,
        num_topics=k,
        random_state=seed,
        chain_variance=chain_variance,
        passes=passes,
        em_max_iter=em_max_iter,
    )
    rows = []
    for topic in range(k):
        for name, terms in zip(names, model.print_topic_times(topic, top_terms), strict=True):
            for rank, (term, weight) in enumerate(terms, start=1):
                rows.append((topic, name, rank, term, float(weight)))
    return pd.DataFrame(rows, columns=DYNAMIC_COLUMNS)
