"""Sliding-window counts for gensim's c_v and c_npmi coherence, without a step per window.

gensim estimates the probabilities of c_v and c_npmi from sliding windows over the term lists
(``p_boolean_sliding_window``: a ``WordOccurrenceAccumulator``): for every window it updates
a set of the topics' top terms and counts each term and each pair of terms in it, a few
Python steps per window and per pair. :class:`WindowCounts` counts the same integers with
array operations per text and leaves everything else (the counts' containers, the
symmetrised co-occurrence matrix, the confirmation measures) to gensim, so the coherence is
the same float.

"The same integers" includes a quirk of gensim's window: moving one position on, it removes
the term that leaves the window from the set even when that term occurs again inside the
window, then adds the term that enters. A term is thus in the set of window *i* when its
last occurrence up to the window's end was added after its last removal: with *W* the
window size, *p* its last position ``<= i + W - 1`` (added at step ``max(0, p - W + 1)``)
and *q* its last position ``<= i - 1`` (removed at step ``q + 1``; the removal comes before
the addition of the same step), it is in the set when *p* exists and either *q* does not or
``max(0, p - W + 1) >= q + 1``. A text shorter than the window is one window. The tests
compare every count with gensim's accumulator.

This module imports gensim: import it only where coherence is computed.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sps
from gensim.models.coherencemodel import CoherenceModel
from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator

SLIDING_WINDOW_MEASURES = ("c_v", "c_npmi")


def window_sets(
    ids: np.ndarray, *, n_terms: int, window_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """The terms in each sliding window's set (gensim's, see the module's docstring).

    Parameters
    ----------
    ids : ndarray of int
        A text as term numbers ``0..n_terms - 1``; ``n_terms`` (or more) for other terms.
    n_terms, window_size : int

    Returns
    -------
    terms : ndarray
        The distinct terms of the text below ``n_terms``, sorted.
    present : ndarray of bool
        ``windows x len(terms)``: whether each term is in each window's set.
    """
    ids = np.asarray(ids, dtype=np.int64)
    length = len(ids)
    known = np.nonzero(ids < n_terms)[0]
    terms = np.unique(ids[known])
    if length < window_size:  # one window, the whole text
        return terms, np.ones((1, len(terms)), dtype=bool)
    n_windows = length - window_size + 1
    column = np.searchsorted(terms, ids[known])
    position = np.full((length, len(terms)), -1, dtype=np.int64)
    position[known, column] = known
    last = np.maximum.accumulate(position, axis=0)  # last position of each term up to a row
    added = last[window_size - 1 :]  # p: the last position up to each window's end
    removed = np.vstack([np.full((1, len(terms)), -1, dtype=np.int64), last[: n_windows - 1]])
    present = (added >= 0) & (
        (removed < 0) | (np.maximum(added - window_size + 1, 0) >= removed + 1)
    )
    return terms, present


class WindowCounts(WordOccurrenceAccumulator):
    """gensim's ``WordOccurrenceAccumulator`` with the counting done per text, not per window.

    Same constructor and result: ``num_docs`` (the windows), the occurrence counts and the
    symmetrised co-occurrence matrix, as ``accumulate`` leaves them.
    """

    def accumulate(self, texts, window_size):
        n_terms = self._vocab_size
        occurrences = np.zeros(n_terms, dtype=np.int64)
        pairs = np.zeros((n_terms, n_terms), dtype=np.int64)
        windows = 0
        for ids in self._iter_texts(texts):  # gensim's numbering; other terms are n_terms
            terms, present = window_sets(ids, n_terms=n_terms, window_size=window_size)
            windows += present.shape[0]
            if len(ids) == 0 or not len(terms):
                continue
            counts = present.astype(np.int64)
            occurrences[terms] += counts.sum(axis=0)
            pairs[np.ix_(terms, terms)] += counts.T @ counts
        self.num_docs += windows
        upper = np.triu(pairs, 1)
        rows, cols = np.nonzero(upper)
        co_occurrences = sps.lil_matrix((n_terms, n_terms), dtype="uint32")
        co_occurrences[rows, cols] = upper[rows, cols]
        self._co_occurrences = co_occurrences
        self._occurrences[:] = occurrences
        self._symmetrize()
        return self


class WindowCountsCoherenceModel(CoherenceModel):
    """gensim's ``CoherenceModel`` whose sliding-window measures count with
    :class:`WindowCounts` (single process, as ``processes=1``); other measures are gensim's."""

    def estimate_probabilities(self, segmented_topics=None):
        if self.coherence not in SLIDING_WINDOW_MEASURES:
            return super().estimate_probabilities(segmented_topics)
        from gensim.topic_coherence.probability_estimation import unique_ids_from_segments

        if segmented_topics is None:
            segmented_topics = self.segment_topics()
        top_ids = unique_ids_from_segments(segmented_topics)
        self._accumulator = WindowCounts(top_ids, self.dictionary).accumulate(
            self.texts, self.window_size
        )
        return self._accumulator
