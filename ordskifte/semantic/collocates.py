"""Collocates of targets and concepts per period, and how far their company overlaps between
periods.

A *hit* is a match of a target or concept (its tokens, found with
:func:`ordskifte.text.patterns.find_matches`). Its *window* is the ``window`` tokens on each side
of the hit, inside the hit's sentence (every token counts towards the distance, stopwords
too). The *content tokens* are the tokens that are not stopwords and have a term (the unit of
every frequency table); a name's own hits are never content tokens for that name, so a
target is not its own collocate. Windows of nearby hits are merged: each content token is in
the windows at most once, so the counts form a proper 2×2 table (Evert 2008, section 3):

============  ==========================  =========================================
              collocate *c*               any other term
in a window   O11 = co_freq               O12 = window_tokens − O11
elsewhere     O21 = collocate_freq − O11  O22 = n_tokens − window_tokens − O21
============  ==========================  =========================================

Everything is counted per document first (:func:`document_cooccurrence`), so that periods
are sums of documents and the neighbour overlap can be bootstrapped over documents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import xlogy

from ordskifte.stats import group_seed
from ordskifte.tables.kwic import document_matches, positions_near, values_at
from ordskifte.text.patterns import Pattern, find_matches

COOCCURRENCE_COLUMNS = ("name", "doc_id", "period", "term", "co_freq", "freq")
DOCUMENT_COLUMNS = ("name", "doc_id", "period", "target_freq", "window_tokens", "n_tokens")
COLLOCATE_COLUMNS = (
    "period",
    "rank",
    "collocate",
    "co_freq",
    "target_freq",
    "collocate_freq",
    "expected",
    "g2",
    "pmi",
    "thin",
)
OVERLAP_COLUMNS = (
    "name",
    "period_a",
    "period_b",
    "k",
    "jaccard",
    "ci_low",
    "ci_high",
    "n_top_a",
    "n_top_b",
    "target_freq_a",
    "target_freq_b",
    "n_docs_a",
    "n_docs_b",
    "thin",
    "shared",
)


# ------------------------------------------------------------------ counting
def window_mask(
    sentences: npt.ArrayLike, spans: Sequence[tuple[int, int]], *, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which tokens are inside a hit, and which are within ``window`` tokens of one.

    Parameters
    ----------
    sentences : array_like of int, shape (n,)
        Each token's sentence number; a sentence's tokens are contiguous.
    spans : sequence of (start, end)
        The hits, end exclusive, each inside one sentence.
    window : int
        Tokens on each side of a hit (>= 1).

    Returns
    -------
    (hit, near) : two boolean arrays of shape (n,)
        ``near`` is true for tokens within ``window`` of a hit in the same sentence and not
        themselves inside a hit.

    Examples
    --------
    >>> hit, near = window_mask([0, 0, 0, 0, 1, 1], [(1, 2)], window=2)
    >>> near.astype(int).tolist()
    [1, 0, 1, 1, 0, 0]
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    sent = np.asarray(sentences)
    n = sent.size
    hit = np.zeros(n, dtype=bool)
    if not n or not spans:
        return hit, np.zeros(n, dtype=bool)
    # First and one-past-last position of each token's sentence.
    change = np.flatnonzero(np.diff(sent)) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [n]])
    which = np.repeat(np.arange(starts.size), ends - starts)
    diff = np.zeros(n + 1, dtype=np.int64)
    for s, e in spans:
        hit[s:e] = True
        diff[max(s - window, starts[which[s]])] += 1
        diff[min(e + window, ends[which[s]])] -= 1
    near = (np.cumsum(diff)[:n] > 0) & ~hit
    return hit, near


MATCH_COLUMNS = ("token", "lemma", "sentence")
"""The token-table columns :func:`document_matches` reads."""
COUNT_COLUMNS = (*MATCH_COLUMNS, "term", "is_stopword")
"""The token-table columns :func:`document_cooccurrence` reads."""
EVIDENCE_READ_COLUMNS = ("form", "sentence", "term", "is_stopword", "page")
"""The token-table columns :func:`collocate_evidence` reads when given the hits."""


def document_cooccurrence(
    tokens: pd.DataFrame,
    patterns: Mapping[str, Sequence[Pattern]],
    *,
    window: int,
    doc_id: str,
    period: str,
    matches: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Co-occurrence counts of one document for every named pattern family.

    ``matches`` are the hits of each name (:func:`document_matches`), found here if not
    given.

    Returns
    -------
    (cooccurrence, documents) : two DataFrames
        ``cooccurrence`` (columns :data:`COOCCURRENCE_COLUMNS`): for each name, every content
        term of the document with ``co_freq`` (its tokens inside the name's windows) and
        ``freq`` (its content tokens outside the name's hits), names in sorted order, terms
        in no particular order. ``documents`` (columns :data:`DOCUMENT_COLUMNS`): per name,
        the hits (``target_freq``), content tokens in windows and all content tokens outside
        hits.
    """
    by_name, documents = cooccurrence_by_name(
        tokens, patterns, window=window, doc_id=doc_id, period=period, matches=matches
    )
    cooccurrence = (
        pd.concat(by_name.values(), ignore_index=True)
        if by_name
        else pd.DataFrame(columns=list(COOCCURRENCE_COLUMNS))
    )
    return cooccurrence, documents


def cooccurrence_by_name(
    tokens: pd.DataFrame,
    patterns: Mapping[str, Sequence[Pattern]],
    *,
    window: int,
    doc_id: str,
    period: str,
    matches: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """:func:`document_cooccurrence` with the co-occurrence rows of each name apart
    (``{name: rows}``, names in sorted order; none for an empty document), so that a
    corpus gathers each name's rows without filtering them out of all names' rows."""
    by_name, doc_rows = {}, []
    n = len(tokens)
    if n:
        if matches is None:
            matches = document_matches(tokens, patterns)
        sent = tokens["sentence"].to_numpy()
        # Each distinct term numbered once; the counts are bincounts of the numbers. A
        # missing term (-1) is a content token without a term of its own to count.
        codes, terms = pd.factorize(tokens["term"].astype(str).to_numpy(dtype=object))
        terms = np.asarray(terms, dtype=object)
        known = codes >= 0
        nonempty = np.ones(n, dtype=bool)
        nonempty[known] = (terms != "")[codes[known]]
        content = ~tokens["is_stopword"].to_numpy(dtype=bool) & nonempty
    for name in sorted(patterns):
        if not n:
            doc_rows.append((name, doc_id, period, 0, 0, 0))
            continue
        spans = matches[name]
        hit, near = window_mask(sent, spans, window=window)
        outside = content & ~hit
        freq = np.bincount(codes[outside & known], minlength=len(terms))
        co = np.bincount(codes[outside & near & known], minlength=len(terms))
        counted = np.flatnonzero(freq)
        doc_rows.append(
            (name, doc_id, period, len(spans), int((outside & near).sum()), int(outside.sum()))
        )
        by_name[name] = pd.DataFrame(
            {
                "name": name,
                "doc_id": doc_id,
                "period": period,
                "term": pd.array(terms[counted], dtype="str"),
                "co_freq": co[counted].astype("int64"),
                "freq": freq[counted].astype("int64"),
            }
        )
    return by_name, pd.DataFrame(doc_rows, columns=list(DOCUMENT_COLUMNS))


# ------------------------------------------------------------------ scores
def association(
    co_freq: npt.ArrayLike,
    collocate_freq: npt.ArrayLike,
    window_tokens: float,
    n_tokens: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Expected co-occurrence, log-likelihood G² and PMI of collocates (window-based 2×2).

    With :math:`O_{11}` = ``co_freq``, :math:`C_1` = ``collocate_freq``, :math:`R_1` =
    ``window_tokens`` and :math:`N` = ``n_tokens`` (the module docstring's table),
    :math:`O_{12} = R_1 - O_{11}`, :math:`O_{21} = C_1 - O_{11}`,
    :math:`O_{22} = N - R_1 - O_{21}`, :math:`R_2 = N - R_1`, :math:`C_2 = N - C_1` and
    :math:`E_{ij} = R_i C_j / N` (``window_tokens`` and ``n_tokens`` may be arrays that
    broadcast against ``co_freq``, e.g. one row per resample):

    .. math::

        G^2 = 2 \sum_{ij} O_{ij} \ln \frac{O_{ij}}{E_{ij}}, \qquad
        \mathrm{PMI} = \log_2 \frac{O_{11}}{E_{11}}

    with :math:`0 \ln 0 = 0` (Dunning 1993; the full four-cell form, Evert 2008, eq. 14).
    PMI (Church & Hanks 1990) is :math:`-\infty` for :math:`O_{11} = 0`; it overrates rare
    pairs, which is why collocate tables apply a minimum co-occurrence frequency.

    Returns
    -------
    (expected, g2, pmi) : arrays of the shape of ``co_freq``

    Raises
    ------
    ValueError
        If a cell would be negative (``co_freq > collocate_freq``, ``co_freq >
        window_tokens`` or ``collocate_freq - co_freq > n_tokens - window_tokens``).

    References
    ----------
    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. *Computational Linguistics*, 16(1), 22-29.

    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (Eds.), *Corpus
    Linguistics: An International Handbook* (article 58). Mouton de Gruyter.
    """
    o11 = np.asarray(co_freq, dtype=float)
    c1 = np.asarray(collocate_freq, dtype=float)
    r1, n = np.asarray(window_tokens, dtype=float), np.asarray(n_tokens, dtype=float)
    o12, o21 = r1 - o11, c1 - o11
    o22 = n - r1 - o21
    if (o11 < 0).any() or (o12 < 0).any() or (o21 < 0).any() or (o22 < 0).any():
        raise ValueError(
            "association: inconsistent counts (a cell of the 2x2 table is negative); "
            "co_freq must be <= collocate_freq and <= window_tokens"
        )
    empty = n <= 0
    if empty.all():
        nan = np.full(o11.shape, math.nan)
        return nan, nan, nan
    r2, c2 = n - r1, n - c1
    cells = ((o11, r1 * c1), (o12, r1 * c2), (o21, r2 * c1), (o22, r2 * c2))
    with np.errstate(divide="ignore", invalid="ignore"):  # rows without tokens: NaN below
        # O ln(O/E) = xlogy(O, O) - xlogy(O, E) with E = R*C/N; O > 0 implies E > 0.
        g2 = 2.0 * sum(xlogy(o, o) - xlogy(o, rc / n) for o, rc in cells)
        expected = r1 * c1 / n
        pmi = np.log2(o11 / expected)
    if empty.any():
        expected, g2, pmi = (np.where(empty, math.nan, x) for x in (expected, g2, pmi))
    return expected, np.maximum(g2, 0.0), pmi


def _period_sums(cooc: pd.DataFrame, docs: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    terms = cooc.groupby("term", sort=True)[["co_freq", "freq"]].sum()
    return terms, docs[["target_freq", "window_tokens", "n_tokens"]].sum()


def collocate_table(
    cooccurrence: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    period_order: Sequence[str],
    min_freq: int,
    min_target_freq: int,
) -> pd.DataFrame:
    """The collocates of one name in each period, scored by G² and PMI.

    ``cooccurrence`` and ``documents`` are one name's rows of
    :func:`document_cooccurrence` (documents without a period are left out). A collocate is
    listed when it co-occurs at least ``min_freq`` times and more often than expected
    (attraction; G² alone is two-sided). Rows are ranked by G² (ties by collocate) within
    each period; ``thin`` is true in a period with fewer than ``min_target_freq`` hits,
    where the scores rest on too little text to trust.

    Returns
    -------
    DataFrame
        Columns :data:`COLLOCATE_COLUMNS`, periods in ``period_order``.
    """
    if min_freq < 1:
        raise ValueError(f"collocates.min_freq must be at least 1, got {min_freq}")
    frames = []
    for period in period_order:
        sel = cooccurrence[cooccurrence["period"] == period]
        terms, totals = _period_sums(sel, documents[documents["period"] == period])
        if not len(terms) or totals["target_freq"] == 0:
            continue
        expected, g2, pmi = association(
            terms["co_freq"], terms["freq"], totals["window_tokens"], totals["n_tokens"]
        )
        table = pd.DataFrame(
            {
                "period": period,
                "collocate": terms.index.astype(str),
                "co_freq": terms["co_freq"].to_numpy(dtype="int64"),
                "target_freq": int(totals["target_freq"]),
                "collocate_freq": terms["freq"].to_numpy(dtype="int64"),
                "expected": expected,
                "g2": g2,
                "pmi": pmi,
                "thin": bool(totals["target_freq"] < min_target_freq),
            }
        )
        table = table[(table["co_freq"] >= min_freq) & (table["co_freq"] > table["expected"])]
        table = table.sort_values(["g2", "collocate"], ascending=[False, True], kind="mergesort")
        table.insert(1, "rank", np.arange(1, len(table) + 1))
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=list(COLLOCATE_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(COLLOCATE_COLUMNS)]


# ------------------------------------------------------------------ neighbour overlap
def jaccard(a: frozenset, b: frozenset) -> float:
    r"""Jaccard overlap :math:`|A \cap B| / |A \cup B|` (Jaccard 1912); NaN if both are empty.

    >>> jaccard(frozenset("abc"), frozenset("bcd"))
    0.5
    """
    union = len(a | b)
    return len(a & b) / union if union else math.nan


_BLOCK = 250
"""Resamples scored together in :func:`neighbour_overlap` (bounds the memory)."""


class _PeriodCounts:
    """One name's per-document counts in one period, as matrices for fast resampling."""

    def __init__(self, cooccurrence: pd.DataFrame, documents: pd.DataFrame):
        docs = documents.sort_values("doc_id", kind="mergesort")
        self.doc_ids = docs["doc_id"].tolist()
        self.target_freq = docs["target_freq"].to_numpy(dtype=float)
        self.window_tokens = docs["window_tokens"].to_numpy(dtype=float)
        self.n_tokens = docs["n_tokens"].to_numpy(dtype=float)
        # Only terms that co-occur somewhere can be collocates in any resample.
        used = cooccurrence[cooccurrence["co_freq"] > 0]
        self.terms = np.array(sorted(set(used["term"])), dtype=object)
        rows = {d: i for i, d in enumerate(self.doc_ids)}
        cols = {t: j for j, t in enumerate(self.terms)}
        sel = cooccurrence[cooccurrence["term"].isin(cols)]
        self.co = np.zeros((len(rows), len(cols)))
        self.freq = np.zeros((len(rows), len(cols)))
        r = sel["doc_id"].map(rows).to_numpy(dtype="int64")
        c = sel["term"].map(cols).to_numpy(dtype="int64")
        self.co[r, c] = sel["co_freq"].to_numpy()
        self.freq[r, c] = sel["freq"].to_numpy()

    def top(self, weights: np.ndarray, *, k: int, min_freq: int) -> frozenset:
        """The top ``k`` attracted collocates by G² for documents weighted by ``weights``."""
        co = weights @ self.co
        expected, g2, _ = association(
            co, weights @ self.freq, weights @ self.window_tokens, weights @ self.n_tokens
        )
        ok = (co >= min_freq) & (co > expected)
        idx = np.flatnonzero(ok)
        order = idx[np.argsort(-g2[idx], kind="stable")]  # terms are sorted: ties by term
        return frozenset(self.terms[order[:k]])

    def tops(self, weights: np.ndarray, *, k: int, min_freq: int) -> list[frozenset]:
        """:meth:`top` of each row of ``weights`` (resamples × documents), computed together.

        The weighted sums are of whole numbers, so they are exact in any order, and the
        scores are the same element-wise operations as :meth:`top`'s: the sets are the same.
        """
        co = weights @ self.co
        # Only cells with co >= min_freq can be listed: score those (element by element,
        # so each score is what top() computes for it).
        rows, cols = np.nonzero(co >= min_freq)
        o11 = co[rows, cols]
        expected, g2, _ = association(
            o11,
            (weights @ self.freq)[rows, cols],
            (weights @ self.window_tokens)[rows],
            (weights @ self.n_tokens)[rows],
        )
        ok = np.zeros(co.shape, dtype=bool)
        key = np.full(co.shape, np.inf)
        attracted = o11 > expected
        ok[rows[attracted], cols[attracted]] = True
        key[rows[attracted], cols[attracted]] = -g2[attracted]
        return [frozenset(self.terms[_first_k(r, w, k)]) for r, w in zip(key, ok, strict=True)]


def _first_k(key: np.ndarray, ok: np.ndarray, k: int) -> np.ndarray:
    """The first ``k`` positions where ``ok`` in the stable order of ``key`` (``inf`` where
    not ``ok``): ``np.argsort(key, kind="stable")``, those with ``ok``, the first ``k``;
    each row's attracted collocates in the order :meth:`_PeriodCounts.top` sorts them
    (-G², ties by term).

    When at least ``k`` keys are finite, only the keys up to the ``k``-th smallest
    (``numpy.partition``, linear) can be among them, and only those are sorted (stably,
    in position order, so ties keep their order); a full sort otherwise (NaN scores, few
    collocates).
    """
    finite = np.isfinite(key)
    if 0 < k < key.size and np.count_nonzero(finite) >= k:
        kth = np.partition(key, k - 1)[k - 1]
        candidates = np.flatnonzero(key <= kth)
        return candidates[np.argsort(key[candidates], kind="stable")][:k]
    order = np.argsort(key, kind="stable")
    return order[ok[order]][:k]


def neighbour_overlap(
    cooccurrence: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    name: str,
    period_order: Sequence[str],
    k: int,
    min_freq: int,
    min_target_freq: int,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Jaccard overlap of one name's top-``k`` collocates between consecutive periods.

    The top-``k`` set of a period is its ``k`` highest-G² collocates as in
    :func:`collocate_table`; the overlap of consecutive periods is their Jaccard index (1 =
    the same company, 0 = none shared: drift). The interval is a percentile bootstrap
    (Efron & Tibshirani 1993, ch. 13) resampling each period's documents with replacement,
    ``iterations`` times with seeds from :func:`ordskifte.stats.group_seed` ``(seed, (name,
    period))``, so a period's resamples are the same in both of its pairs. Resampling adds
    noise to both top lists, so the bootstrap distribution sits below the point estimate:
    read the interval as the spread a different set of documents would give, not as an
    unbiased interval around the estimate. A period with fewer than two documents gets no
    interval (NaN). ``thin`` marks pairs where either period has fewer than
    ``min_target_freq`` hits.

    Returns
    -------
    DataFrame
        Columns :data:`OVERLAP_COLUMNS`, one row per consecutive pair of periods that both
        have documents; ``shared`` lists the collocates in both top sets.
    """
    if k < 1:
        raise ValueError(f"collocates.top_k must be at least 1, got {k}")
    if iterations < 1:
        raise ValueError(f"bootstrap.iterations must be at least 1, got {iterations}")
    alpha = 1.0 - confidence
    counts, full, boot = {}, {}, {}
    for period in period_order:
        docs = documents[documents["period"] == period]
        if not len(docs):
            continue
        pc = _PeriodCounts(cooccurrence[cooccurrence["period"] == period], docs)
        counts[period] = pc
        full[period] = pc.top(np.ones(len(pc.doc_ids)), k=k, min_freq=min_freq)
        if len(pc.doc_ids) < 2:
            continue
        rng = np.random.default_rng(group_seed(seed, (name, period)))
        n_docs = len(pc.doc_ids)
        # One draw per resample, in turn, as the seeds promise; the tops in blocks.
        weights = np.array(
            [
                np.bincount(rng.integers(0, n_docs, n_docs), minlength=n_docs)
                for _ in range(iterations)
            ],
            dtype=float,
        )
        boot[period] = [
            top
            for block in range(0, iterations, _BLOCK)
            for top in pc.tops(weights[block : block + _BLOCK], k=k, min_freq=min_freq)
        ]
    present = [p for p in period_order if p in counts]
    rows = []
    for a, b in zip(present, present[1:], strict=False):
        low = high = math.nan
        if a in boot and b in boot:
            values = np.array([jaccard(x, y) for x, y in zip(boot[a], boot[b], strict=True)])
            values = values[np.isfinite(values)]
            if values.size:
                low, high = (float(v) for v in np.quantile(values, [alpha / 2, 1 - alpha / 2]))
        fa, fb = (int(counts[p].target_freq.sum()) for p in (a, b))
        rows.append(
            (
                name,
                a,
                b,
                k,
                jaccard(full[a], full[b]),
                low,
                high,
                len(full[a]),
                len(full[b]),
                fa,
                fb,
                len(counts[a].doc_ids),
                len(counts[b].doc_ids),
                min(fa, fb) < min_target_freq,
                "; ".join(sorted(full[a] & full[b])),
            )
        )
    return pd.DataFrame(rows, columns=list(OVERLAP_COLUMNS))


EVIDENCE_COLUMNS = (
    "name",
    "period",
    "collocate",
    "doc_id",
    "year",
    "page",
    "left",
    "match",
    "right",
)


_NEAR_COLUMNS = ("form", "term", "page")
"""The columns :func:`collocate_evidence` reads around each hit."""


def collocate_evidence(
    tokens: pd.DataFrame,
    patterns: Sequence[Pattern],
    collocates: set[str],
    *,
    window: int,
    context: int,
    meta: Mapping[str, str],
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[dict]:
    """KWIC lines of one document showing a hit next to one of its ``collocates``.

    For every hit (as in :func:`document_cooccurrence`) and every content token within
    ``window`` tokens of it in the sentence whose term is in ``collocates``, one line: the hit
    with ±``context`` words of the sentence around it, the collocate in capitals in the
    context. ``meta`` gives ``name``, ``doc_id``, ``period`` and ``year``. ``spans`` are the
    hits of ``patterns`` (:func:`document_matches`), found here if not given; with them only
    the columns :data:`EVIDENCE_READ_COLUMNS` are read.
    """
    if not len(tokens) or not collocates:
        return []
    sent = tokens["sentence"].to_numpy()
    if spans is None:
        spans = find_matches(
            tokens["token"].tolist(), tokens["lemma"].tolist(), patterns, sentences=sent
        )
    if not spans:
        return []
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    stop = tokens["is_stopword"].to_numpy(dtype=bool)
    # First and one-past-last position of the run of equal sentence numbers at each hit.
    change = np.flatnonzero(np.diff(sent)) + 1
    starts = np.asarray(spans, dtype=np.int64)[:, 0]
    run = np.searchsorted(change, starts, side="right")
    first = np.concatenate([[0], change])[run].tolist()
    last = np.concatenate([change, [len(sent)]])[run].tolist()
    # the words within reach of a hit in its sentence, the only ones read below
    reach = max(window, context)
    near = positions_near(spans, before=reach, after=reach, n=len(sent))
    form, term, page = values_at(tokens, near, _NEAR_COLUMNS)
    terms = {i: "" if t is None else str(t) for i, t in term.items()}  # "": never a collocate
    lines = []
    for (start, end), lo_s, hi_s in zip(spans, first, last, strict=True):
        near = [
            *range(max(start - window, lo_s), start),
            *range(end, min(end + window, hi_s)),
        ]
        seen = set()
        for i in near:
            if stop[i] or terms[i] not in collocates or terms[i] in seen:
                continue
            seen.add(terms[i])
            lo, hi = max(start - context, lo_s), min(end + context, hi_s)
            words = [form[k].upper() if k == i else form[k] for k in range(lo, hi)]
            p = page[start]
            lines.append(
                {
                    "name": meta["name"],
                    "period": meta["period"],
                    "collocate": terms[i],
                    "doc_id": meta["doc_id"],
                    "year": meta["year"],
                    "page": "" if p is None or pd.isna(p) else str(int(p)),
                    "left": " ".join(words[: start - lo]),
                    "match": " ".join(words[start - lo : end - lo]),
                    "right": " ".join(words[end - lo :]),
                }
            )
    return lines
