"""Rates with bootstrap intervals, Jensen-Shannon divergence, and rounding for stable output.

Everything here is a pure function of its inputs. Randomness only enters through an explicit
``seed``; group-level seeds are derived from the group key with a stable checksum
(:func:`zlib.crc32`), never with Python's salted :func:`hash`, so a table is byte-identical
across runs, across row orders, and whether or not other groups are present.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import xlogy

RATE_TABLE_COLUMNS = ("count", "n_tokens", "per_10k", "ci_low", "ci_high", "n_docs")
JS_COLUMNS = ("term", "p", "q", "contribution", "leans")

# Separator for group keys before hashing: the ASCII unit separator cannot occur in normal
# labels, so ("a b", "c") and ("a", "b c") hash different strings.
_KEY_SEPARATOR = "\x1f"


def _as_1d_nonnegative(values: npt.ArrayLike, *, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if (arr < 0).any():
        raise ValueError(f"{name} must be non-negative, got minimum {arr.min()}")
    return arr


def bootstrap_rate_ci(
    counts: npt.ArrayLike,
    totals: npt.ArrayLike,
    *,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
    per: float = 10_000,
) -> tuple[float, float]:
    r"""Percentile bootstrap interval for a pooled rate, resampling documents.

    The statistic is the ratio estimator

    .. math:: \hat r = \mathrm{per} \cdot \frac{\sum_i x_i}{\sum_i t_i}

    where :math:`x_i` is document *i*'s count (hits) and :math:`t_i` its token total. Documents
    are the resampling units: each of ``iterations`` bootstrap samples draws *n* document indices
    with replacement (one ``iterations × n`` index matrix from
    ``numpy.random.default_rng(seed)``, summed along rows; no Python loop), giving
    :math:`\hat r^{*b}`. The interval is the percentile interval of Efron & Tibshirani (1993,
    ch. 13): the :math:`\alpha/2` and :math:`1-\alpha/2` empirical quantiles of the
    :math:`\hat r^{*b}` (``numpy.quantile``, linear interpolation), with
    :math:`\alpha = 1 - \mathrm{confidence}`.

    Parameters
    ----------
    counts, totals : array_like of shape (n,)
        Per-document hit counts and token totals (non-negative, same length).
    iterations : int
        Number of bootstrap resamples (>= 1). Memory use is ``iterations * n`` indices.
    seed : int
        Seed for :func:`numpy.random.default_rng`; same seed and inputs give the same interval.
    confidence : float, default 0.95
        Coverage of the interval, strictly between 0 and 1.
    per : float, default 10_000
        Scale of the rate (10 000 = per ten thousand tokens).

    Returns
    -------
    (low, high) : tuple of float
        ``(nan, nan)`` when there are no documents or all totals are 0 (no rate exists);
        also ``(nan, nan)`` for a single document: resampling one document says nothing about
        the variation between documents, and a zero-width interval would look certain. Resamples
        whose token total is 0 have no rate and are skipped; if all are skipped the result is
        ``(nan, nan)``.

    Raises
    ------
    ValueError
        On mismatched lengths, negative or NaN values, ``iterations < 1``, ``confidence``
        outside (0, 1) or ``per <= 0``.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall,
    ch. 13 "Confidence intervals based on bootstrap percentiles".
    """
    x = _as_1d_nonnegative(counts, name="counts")
    t = _as_1d_nonnegative(totals, name="totals")
    if x.shape != t.shape:
        raise ValueError(f"counts and totals must have the same length, got {x.size} and {t.size}")
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)):
        raise ValueError(f"iterations must be an integer, got {iterations!r}")
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, got {iterations}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    if not per > 0:
        raise ValueError(f"per must be positive, got {per}")

    n = x.size
    if n <= 1 or t.sum() == 0:
        return (math.nan, math.nan)

    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(iterations, n))
    hit_sums = x[idx].sum(axis=1)
    token_sums = t[idx].sum(axis=1)
    keep = token_sums > 0
    if not keep.any():
        return (math.nan, math.nan)
    rates = per * hit_sums[keep] / token_sums[keep]
    alpha = 1.0 - confidence
    low, high = np.quantile(rates, [alpha / 2, 1 - alpha / 2])
    return (float(low), float(high))


def group_seed(seed: int, key: Sequence[Hashable]) -> int:
    r"""Derive a per-group seed from a base seed and a group key, stably across runs.

    .. math:: \mathrm{seed}_g = \mathrm{seed} \cdot 2^{32} + \mathrm{crc32}(k)

    where *k* is the UTF-8 encoding of the key's values as ``str`` joined by the ASCII unit
    separator (``\x1f``). CRC-32 is a fixed checksum, unlike Python's per-process salted
    :func:`hash`, so the seed depends only on ``seed`` and the key.

    Raises
    ------
    ValueError
        If ``seed`` is negative (NumPy seeds must be non-negative).
    """
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    joined = _KEY_SEPARATOR.join(str(v) for v in key)
    return int(seed) * 2**32 + zlib.crc32(joined.encode("utf-8"))


def _integer_column(df: pd.DataFrame, col: str) -> pd.Series:
    values = df[col]
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise ValueError(f"column {col!r} must be numeric, got dtype {values.dtype}")
    if values.isna().any():
        raise ValueError(f"column {col!r} contains missing values")
    if (values < 0).any():
        raise ValueError(f"column {col!r} must be non-negative, got minimum {values.min()}")
    if not (values == np.floor(values)).all():
        raise ValueError(f"column {col!r} must hold whole numbers (counts)")
    return values.astype("int64")


def rate_table(
    df: pd.DataFrame,
    *,
    group_cols: list[str],
    count_col: str = "count",
    total_col: str = "n_tokens",
    doc_col: str = "doc_id",
    iterations: int,
    seed: int,
    per: float = 10_000,
    confidence: float = 0.95,
) -> pd.DataFrame:
    r"""Pooled rate per group with a document-level percentile bootstrap interval.

    For each group *g* with documents :math:`D_g`:

    .. math:: \mathrm{per\_10k}_g = \mathrm{per} \cdot
              \frac{\sum_{i \in D_g} x_i}{\sum_{i \in D_g} t_i}

    and ``ci_low``/``ci_high`` from :func:`bootstrap_rate_ci` over the group's documents with
    seed :func:`group_seed` ``(seed, key)``. Within a group the documents are put in ``doc_col``
    order before resampling, so the result does not depend on the row order of ``df`` nor on
    which other groups are present (Efron & Tibshirani 1993, ch. 13).

    Parameters
    ----------
    df : DataFrame
        One row per (document, group): the document's count for the group and the document's
        token total. Counts and totals must be non-negative whole numbers.
    group_cols : list of str
        Columns defining a group (at least one; no missing values).
    count_col, total_col, doc_col : str
        Names of the count, token-total and document-id columns.
    iterations, seed, per, confidence
        Passed to :func:`bootstrap_rate_ci` (``seed`` via :func:`group_seed`).

    Returns
    -------
    DataFrame
        Columns ``*group_cols, count, n_tokens, per_10k, ci_low, ci_high, n_docs``, one row per
        group, sorted by ``group_cols``. ``count``, ``n_tokens``, ``n_docs`` are int64. The
        rate column is called ``per_10k`` whatever ``per`` is; ``per_10k`` is NaN for a group
        whose ``n_tokens`` is 0.

    Raises
    ------
    ValueError
        If ``group_cols`` is empty, a column is missing, a group value is missing, a count or
        total is negative or fractional, or a document occurs twice in one group.
    """
    if not group_cols:
        raise ValueError("group_cols must name at least one column")
    needed = [*group_cols, count_col, total_col, doc_col]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"rate_table: missing column(s) {missing}; have {list(df.columns)}")
    if len(set(needed)) != len(needed):
        raise ValueError(f"rate_table: column roles overlap: {needed}")
    for col in group_cols:
        if df[col].isna().any():
            raise ValueError(f"group column {col!r} contains missing values")
    if df[doc_col].isna().any():
        raise ValueError(f"document column {doc_col!r} contains missing values")
    dup = df.duplicated(subset=[*group_cols, doc_col])
    if dup.any():
        first = df.loc[dup, [*group_cols, doc_col]].iloc[0].tolist()
        raise ValueError(
            f"rate_table: {int(dup.sum())} duplicate (group, document) row(s), e.g. {first}; "
            "give each document one row per group"
        )

    work = df[needed].copy()
    work[count_col] = _integer_column(df, count_col)
    work[total_col] = _integer_column(df, total_col)

    rows = []
    for key, grp in work.groupby(group_cols, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        grp = grp.sort_values(doc_col, kind="mergesort")
        hits = grp[count_col].to_numpy()
        tokens = grp[total_col].to_numpy()
        count = int(hits.sum())
        n_tokens = int(tokens.sum())
        low, high = bootstrap_rate_ci(
            hits,
            tokens,
            iterations=iterations,
            seed=group_seed(seed, key),
            confidence=confidence,
            per=per,
        )
        rows.append(
            (
                *key,
                count,
                n_tokens,
                per * count / n_tokens if n_tokens > 0 else math.nan,
                low,
                high,
                len(grp),
            )
        )

    out = pd.DataFrame(rows, columns=[*group_cols, *RATE_TABLE_COLUMNS])
    for col in group_cols:
        out[col] = out[col].astype(df[col].dtype)
    out = out.astype(
        {
            "count": "int64",
            "n_tokens": "int64",
            "per_10k": "float64",
            "ci_low": "float64",
            "ci_high": "float64",
            "n_docs": "int64",
        }
    )
    return out.sort_values(group_cols, kind="mergesort").reset_index(drop=True)


def _distribution(counts: pd.Series, *, name: str) -> pd.Series:
    if counts.index.has_duplicates:
        dupes = counts.index[counts.index.duplicated()].unique().tolist()
        raise ValueError(f"{name} has duplicate terms: {dupes[:5]}")
    if not pd.api.types.is_numeric_dtype(counts):
        raise ValueError(f"{name} must be numeric, got dtype {counts.dtype}")
    if counts.isna().any():
        raise ValueError(f"{name} contains missing values")
    if (counts < 0).any():
        raise ValueError(f"{name} must be non-negative")
    total = counts.sum()
    if not total > 0:
        raise ValueError(f"{name} sums to {total}; need a positive total to normalise")
    return counts.astype("float64") / total


def jensen_shannon(
    p_counts: pd.Series, q_counts: pd.Series, *, base: float = 2
) -> tuple[float, pd.DataFrame]:
    r"""Jensen-Shannon divergence of two term distributions and its per-term decomposition.

    With *p* and *q* the normalised counts over the union of terms (a term missing from one
    side has probability 0 there) and :math:`m = (p + q)/2` (Lin 1991):

    .. math:: \mathrm{JSD}(p \,\|\, q) = \sum_i \delta_i, \qquad
              \delta_i = \tfrac12 p_i \log_b \frac{p_i}{m_i} + \tfrac12 q_i \log_b \frac{q_i}{m_i}

    with :math:`0 \log 0 = 0`. This is the per-term (word-shift) decomposition of Gallagher et
    al. (2021); each :math:`\delta_i \ge 0` (log-sum inequality) and the contributions sum to
    the divergence. In bits (``base=2``), :math:`0 \le \mathrm{JSD} \le 1`: 0 for identical
    distributions, 1 for disjoint vocabularies.

    Parameters
    ----------
    p_counts, q_counts : Series
        Term -> count (index = term, unique; counts non-negative, positive total).
    base : float, default 2
        Logarithm base (2 = bits, ``math.e`` = nats); positive and not 1.

    Returns
    -------
    jsd : float
        The divergence, the (:func:`math.fsum`) sum of ``contribution``.
    table : DataFrame
        Columns ``term, p, q, contribution, leans``, one row per term in the union;
        ``leans`` is ``"a"`` if :math:`p_i > q_i` (the term is more typical of the first
        distribution) else ``"b"``. Sorted by ``contribution`` descending, then ``term``.

    Raises
    ------
    ValueError
        On duplicate terms, negative or missing counts, a zero total, or an invalid base.

    References
    ----------
    Lin, J. (1991). Divergence measures based on the Shannon entropy. *IEEE Transactions on
    Information Theory*, 37(1), 145-151.

    Gallagher, R. J., Frank, M. R., Mitchell, L., Schwartz, A. J., Reagan, A. J., Danforth,
    C. M., & Dodds, P. S. (2021). Generalized word shift graphs: a method for visualizing and
    explaining pairwise comparisons between texts. *EPJ Data Science*, 10, 4.
    """
    if not (base > 0 and base != 1):
        raise ValueError(f"base must be positive and not 1, got {base}")
    p_dist = _distribution(p_counts, name="p_counts")
    q_dist = _distribution(q_counts, name="q_counts")
    terms = p_dist.index.union(q_dist.index)
    p = p_dist.reindex(terms, fill_value=0.0).to_numpy()
    q = q_dist.reindex(terms, fill_value=0.0).to_numpy()
    m = (p + q) / 2
    # xlogy(x, x) - xlogy(x, m) = x log(x/m) with 0 log 0 = 0; when x > 0 then m > 0.
    nats = 0.5 * (xlogy(p, p) - xlogy(p, m)) + 0.5 * (xlogy(q, q) - xlogy(q, m))
    contribution = np.maximum(nats, 0.0) / math.log(base)  # clip rounding noise below 0
    table = pd.DataFrame(
        {
            "term": terms,
            "p": p,
            "q": q,
            "contribution": contribution,
            "leans": np.where(p > q, "a", "b"),
        },
        columns=list(JS_COLUMNS),
    )
    table = table.sort_values(
        ["contribution", "term"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)
    return math.fsum(table["contribution"]), table
