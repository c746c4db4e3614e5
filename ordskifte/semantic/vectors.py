"""Count-based word vectors per period, aligned across periods, and how far each word moved.

For each period: co-occurrence counts of content terms within ``window`` content words of
each other inside a sentence, positive pointwise mutual information (PPMI) with context
distribution smoothing, and a truncated SVD (Levy, Goldberg & Dagan 2015). Two periods'
spaces are rotated onto each other with orthogonal Procrustes on the vocabulary frequent in
both (Hamilton, Leskovec & Jurafsky 2016), and each shared word's *cosine change* is one
minus the cosine of its two aligned vectors. Counts are kept per document, so that the
stability of the ranking can be measured by resampling documents.

References
----------
Hamilton, W. L., Leskovec, J., & Jurafsky, D. (2016). Diachronic word embeddings reveal
statistical laws of semantic change. *Proceedings of ACL 2016*, 1489-1501.

Levy, O., Goldberg, Y., & Dagan, I. (2015). Improving distributional similarity with lessons
learned from word embeddings. *Transactions of the ACL*, 3, 211-225.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse
from scipy.linalg import orthogonal_procrustes

from ordskifte.semantic.svd import truncated_svd
from ordskifte.stats import group_seed

CHANGE_COLUMNS = (
    "period_a",
    "period_b",
    "rank",
    "term",
    "cosine_change",
    "ci_low",
    "ci_high",
    "stability",
    "freq_a",
    "freq_b",
    "status",
)
RANKED = "ranked"
MIN_SHARED = 4
"""Fewest words frequent in both periods for a ranking (two anchors per dimension)."""
TOO_RARE = "too rare"
# Frequent enough in both periods, but not among the `vectors.max_words` most frequent words
# of both: not measured, to keep the cost bounded on large corpora.
BEYOND_MAX_WORDS = "beyond max_words"


CONTENT_COLUMNS = ("term", "is_stopword", "sentence")
"""The token-table columns :func:`content_sequence` reads (read only these)."""


def content_sequence(tokens: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The content terms of a token table (stopwords and empty terms left out) and their
    sentence numbers."""
    if not len(tokens):
        return np.array([], dtype=object), np.array([], dtype=np.int64)
    terms = tokens["term"].astype(str).to_numpy()
    keep = ~tokens["is_stopword"].to_numpy(dtype=bool) & (terms != "")
    return terms[keep].astype(object), tokens["sentence"].to_numpy(dtype=np.int64)[keep]


def pair_counts(
    ids: np.ndarray, sentences: np.ndarray, *, window: int, size: int
) -> sparse.csr_matrix:
    """Symmetric co-occurrence counts of term ids within ``window`` positions in a sentence.

    ``ids`` are vocabulary indices (``-1`` for a word outside the vocabulary: it keeps its
    place, so distances do not depend on the vocabulary). Returns a ``1 × size²`` row, the
    ``size × size`` matrix flattened, so documents can be stacked and summed with weights.

    >>> pair_counts(np.array([0, 1, 2]), np.array([0, 0, 0]), window=1, size=3).toarray()
    array([[0, 1, 0, 1, 0, 1, 0, 1, 0]])
    """
    if window < 1:
        raise ValueError(f"vectors.window must be at least 1, got {window}")
    chunks = []
    for k in range(1, window + 1):
        a, b = ids[:-k], ids[k:]
        ok = (sentences[:-k] == sentences[k:]) & (a >= 0) & (b >= 0)
        chunks += [a[ok] * size + b[ok], b[ok] * size + a[ok]]
    flat = np.concatenate(chunks) if chunks else np.array([], dtype=np.int64)
    cols, counts = np.unique(flat.astype(np.int64), return_counts=True)
    rows = np.zeros(cols.size, dtype=np.int64)
    return sparse.csr_matrix((counts, (rows, cols)), shape=(1, size * size), dtype=np.int64)


def ppmi(counts: sparse.spmatrix, *, alpha: float = 0.75) -> sparse.csr_matrix:
    r"""Positive PMI of a symmetric co-occurrence matrix, with smoothed context counts.

    .. math:: \mathrm{PPMI}(w, c) = \max\left(0, \ln \frac{\#(w,c)\,
              \sum_{c'} \#(c')^\alpha}{\#(w)\,\#(c)^\alpha}\right)

    where :math:`\#(w) = \sum_c \#(w, c)`. Smoothing the context distribution with
    :math:`\alpha = 0.75` dampens PMI's bias towards rare contexts (Levy, Goldberg & Dagan
    2015, section 3.1). Zero counts stay zero, so the result stays sparse.
    """
    m = sparse.csr_matrix(counts, dtype=float)
    m.eliminate_zeros()
    rows = np.asarray(m.sum(axis=1)).ravel()
    cols = np.asarray(m.sum(axis=0)).ravel() ** alpha
    coo = m.tocoo()
    pmi = np.log(coo.data * cols.sum() / (rows[coo.row] * cols[coo.col]))
    keep = pmi > 0
    return sparse.csr_matrix(
        (pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape, dtype=float
    )


def embed(matrix: sparse.spmatrix, *, dimensions: int, seed: int) -> np.ndarray:
    r"""Unit-length word vectors from a PPMI matrix by truncated SVD.

    :math:`W = U_d \Sigma_d^{1/2}` (eigenvalue weighting 0.5, Levy, Goldberg & Dagan 2015),
    with scikit-learn's randomized truncated SVD (``TruncatedSVD``, 7 power iterations)
    seeded by ``seed``, as :func:`ordskifte.semantic.svd.truncated_svd` reproduces it;
    ``dimensions`` is capped at the vocabulary size minus one. Rows of zeros stay zero.
    """
    n = matrix.shape[0]
    d = max(1, min(dimensions, n - 1))
    u_sigma, sigma = truncated_svd(matrix, d, n_iter=7, seed=seed)  # U Σ, Σ
    vectors = u_sigma / np.sqrt(np.where(sigma > 0, sigma, 1.0))
    return _unit_rows(vectors)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def align(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    r"""Rotate ``source`` onto ``target`` (rows = the same words) by orthogonal Procrustes.

    :math:`R = \arg\min_{\Omega^\top \Omega = I} \lVert S\Omega - T \rVert_F`, from the SVD
    of :math:`S^\top T` (Schönemann 1966; ``scipy.linalg.orthogonal_procrustes``). A
    rotation keeps lengths and angles within the source space, so only the positions
    relative to the target space change. Returns :math:`S R`.

    References
    ----------
    Schönemann, P. H. (1966). A generalized solution of the orthogonal Procrustes problem.
    *Psychometrika*, 31(1), 1-10.
    """
    if source.shape != target.shape:
        raise ValueError(f"align: shapes differ, {source.shape} and {target.shape}")
    rotation, _ = orthogonal_procrustes(source, target)
    return source @ rotation


def cosine_change(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``1 - cos(a_i, b_i)`` for each row pair: 0 = same direction, 1 = orthogonal, 2 =
    opposite."""
    return np.clip(1.0 - np.sum(_unit_rows(a) * _unit_rows(b), axis=1), 0.0, 2.0)


@dataclass
class PeriodCounts:
    """A period's per-document co-occurrence counts over its frequent vocabulary."""

    vocabulary: list[str]
    freq: pd.Series  # every content term's frequency in the period
    pairs: sparse.csr_matrix  # documents × vocabulary², flattened co-occurrence matrices
    min_freq: int = 1  # the floor the vocabulary was chosen with
    # Vectors already computed, by weights, dimensions and seed: a bootstrap resample that
    # repeats a set of documents (common when a period has few) gets the same vectors.
    _fitted: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def _entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The flattened cells counted in any document (sorted), each stored count's cell
        among them, and each stored count's document."""
        cells, where = np.unique(self.pairs.indices, return_inverse=True)
        docs = np.repeat(np.arange(self.pairs.shape[0]), np.diff(self.pairs.indptr))
        return cells, where.ravel(), docs

    def totals(self, weights: npt.ArrayLike) -> sparse.csr_matrix:
        """The ``vocabulary × vocabulary`` counts of the documents weighted by ``weights``.

        The matrix of ``(weights @ pairs).reshape(v, v)`` in canonical CSR (sorted indices,
        no stored zeros), summed over the counted cells only instead of all ``v²``. The
        counts and weights are whole numbers, so every sum is exact in any order.
        """
        v = len(self.vocabulary)
        cells, where, docs = self._entries
        w = np.asarray(weights, dtype=float)
        summed = np.bincount(where, weights=w[docs] * self.pairs.data, minlength=cells.size)
        keep = summed != 0
        flat = cells[keep]
        rows = flat // max(v, 1)
        indptr = np.zeros(v + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=v), out=indptr[1:])
        return sparse.csr_matrix((summed[keep], flat - rows * v, indptr), shape=(v, v))

    def vectors(self, weights: np.ndarray, *, dimensions: int, seed: int) -> np.ndarray:
        """Word vectors from the documents weighted by ``weights`` (one per document).

        The array is shared with later calls with the same arguments: read-only.
        """
        key = (np.asarray(weights, dtype=float).tobytes(), dimensions, seed)
        if key not in self._fitted:
            fitted = embed(ppmi(self.totals(weights)), dimensions=dimensions, seed=seed)
            fitted.flags.writeable = False
            self._fitted[key] = fitted
        return self._fitted[key]


def period_counts(
    documents: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    window: int,
    min_freq: int,
    max_words: int = 0,
) -> PeriodCounts:
    """Count a period's documents (each a :func:`content_sequence`).

    The vocabulary is the terms with at least ``min_freq`` content tokens in the period,
    in alphabetical order; with ``max_words`` (0: no limit) only that many of them, the most
    frequent (ties by term). The cost of the vectors grows with the square of the
    vocabulary, so the limit keeps large corpora affordable; Hamilton et al. (2016) likewise
    measure the most frequent words.
    """
    every = [terms for terms, _ in documents if len(terms)]
    freq = pd.Series(np.concatenate(every)).value_counts() if every else pd.Series(dtype="int64")
    frequent = sorted(
        ((int(n), str(t)) for t, n in freq[freq >= min_freq].items()), key=lambda p: (-p[0], p[1])
    )
    if max_words and len(frequent) > max_words:
        frequent = frequent[:max_words]
    vocabulary = sorted(t for _, t in frequent)
    index = pd.Index(vocabulary)
    rows = [
        pair_counts(index.get_indexer(terms), sents, window=window, size=len(vocabulary))
        for terms, sents in documents
    ]
    pairs = (
        sparse.vstack(rows, format="csr")
        if rows
        else sparse.csr_matrix((0, len(vocabulary) ** 2), dtype=np.int64)
    )
    return PeriodCounts(
        vocabulary=vocabulary, freq=freq.astype("int64"), pairs=pairs, min_freq=min_freq
    )


def _changes(
    a: PeriodCounts,
    b: PeriodCounts,
    shared: list[str],
    wa: np.ndarray,
    wb: np.ndarray,
    *,
    seed: int,
    dimensions: int,
) -> np.ndarray:
    """Cosine change of the shared words between two periods' weighted documents."""
    ia = pd.Index(a.vocabulary).get_indexer(shared)
    ib = pd.Index(b.vocabulary).get_indexer(shared)
    va = a.vectors(wa, dimensions=dimensions, seed=seed)
    vb = b.vectors(wb, dimensions=dimensions, seed=seed)
    # With as many dimensions as anchor words a rotation can fit any two spaces exactly.
    d = max(1, min(va.shape[1], vb.shape[1], len(shared) // 2))
    sa, sb = va[ia, :d], vb[ib, :d]
    change = cosine_change(align(sa, sb), sb)
    # A word without co-occurrences in a resample has no vector there: no measurement.
    missing = (np.linalg.norm(sa, axis=1) == 0) | (np.linalg.norm(sb, axis=1) == 0)
    return np.where(missing, math.nan, change)


def semantic_change(
    a: PeriodCounts,
    b: PeriodCounts,
    *,
    names: tuple[str, str],
    dimensions: int,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Cosine change of every word frequent in both periods, ranked, with its stability.

    The words in both vocabularies (at least ``min_freq`` in each period) are the anchors
    of the Procrustes rotation and the words measured; a word present in both periods but
    below the floor in one of them is listed as ``too rare``, unranked. For the stability,
    each period's documents are resampled with replacement ``iterations`` times (seeds from
    :func:`ordskifte.stats.group_seed` ``(seed, names)``), the vectors refitted and aligned
    on the same words: ``ci_low``/``ci_high`` is the percentile interval of a word's cosine
    change (Efron & Tibshirani 1993, ch. 13), and ``stability`` the share of resamples in
    which the word is on the same side of that resample's median change as in the full data
    (1 = always judged more (or less) changed than the typical word, 0.5 = a coin toss).

    Returns
    -------
    DataFrame
        Columns :data:`CHANGE_COLUMNS`; ranked words by ``cosine_change`` (largest first,
        ties by term), then the too-rare words by term.
    """
    if iterations < 0:
        raise ValueError(f"vectors.iterations must be at least 0, got {iterations}")
    shared = sorted(set(a.vocabulary) & set(b.vocabulary))
    in_both = sorted(set(a.freq.index.astype(str)) & set(b.freq.index.astype(str)))
    shared_set = set(shared)
    rare = [t for t in in_both if t not in shared_set]
    beyond = {t for t in rare if a.freq.get(t, 0) >= a.min_freq and b.freq.get(t, 0) >= b.min_freq}
    frames = []
    if len(shared) >= MIN_SHARED:
        full = _changes(
            a,
            b,
            shared,
            np.ones(a.pairs.shape[0]),
            np.ones(b.pairs.shape[0]),
            seed=seed,
            dimensions=dimensions,
        )
        boot = []
        rng = np.random.default_rng(group_seed(seed, names))
        na, nb = a.pairs.shape[0], b.pairs.shape[0]
        for _ in range(iterations if min(na, nb) >= 2 else 0):
            wa = np.bincount(rng.integers(0, na, na), minlength=na).astype(float)
            wb = np.bincount(rng.integers(0, nb, nb), minlength=nb).astype(float)
            boot.append(_changes(a, b, shared, wa, wb, seed=seed, dimensions=dimensions))
        low = high = stability = np.full(len(shared), math.nan)
        if boot:
            values = np.vstack(boot)
            alpha = 1.0 - confidence
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a word never measured
                low, high = np.nanquantile(values, [alpha / 2, 1 - alpha / 2], axis=0)
                above = values > np.nanmedian(values, axis=1, keepdims=True)
                same = np.where(np.isnan(values), math.nan, above == (full > np.nanmedian(full)))
                stability = np.nanmean(same, axis=0)
        ranked = pd.DataFrame(
            {
                "term": shared,
                "cosine_change": full,
                "ci_low": low,
                "ci_high": high,
                "stability": stability,
                "status": RANKED,
            }
        ).sort_values(["cosine_change", "term"], ascending=[False, True], kind="mergesort")
        ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
        frames.append(ranked)
    else:
        rare = in_both
    frames.append(
        pd.DataFrame(
            {"term": rare, "status": [BEYOND_MAX_WORDS if t in beyond else TOO_RARE for t in rare]}
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out["rank"] = out["rank"].astype("Int64") if "rank" in out else pd.NA
    out["period_a"], out["period_b"] = names
    out["freq_a"] = out["term"].map(a.freq).astype("int64")
    out["freq_b"] = out["term"].map(b.freq).astype("int64")
    for col in ("cosine_change", "ci_low", "ci_high", "stability"):
        out[col] = out[col].astype(float) if col in out else math.nan
    return out[list(CHANGE_COLUMNS)]
