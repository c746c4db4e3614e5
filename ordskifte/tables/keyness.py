"""Keyness: which terms are unusually frequent in a target corpus compared with a reference.

Significance is the log-likelihood G² in the two-cell form of Rayson & Garside (2000) that
corpus tools (AntConc, the UCREL log-likelihood calculator, WordSmith) report, derived from
Dunning (1993); effect size is Hardie's Log Ratio. The two-cell form leaves out the cells of
"all other words", so it differs slightly (here up to ~2 %) from the full 2×2 G²; p-values are
per term and not adjusted for the hundreds of terms tested (read G² ≥ 15.13, p < 0.0001, as
the safe threshold, as Rayson et al. recommend). Both are vectorised over NumPy arrays;
:func:`keyness_table` assembles them into one deterministic table.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import chdtrc, xlogy

KEYNESS_COLUMNS = (
    "term",
    "count_target",
    "count_reference",
    "per_10k_target",
    "per_10k_reference",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
)


def _result(x: np.ndarray) -> float | np.ndarray:
    """Return a Python float for 0-d results, the array otherwise."""
    return float(x) if x.ndim == 0 else x


def _check_cells(
    a: npt.ArrayLike, b: npt.ArrayLike, c: npt.ArrayLike, d: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    for name, v in (("a", a), ("b", b), ("c", c), ("d", d)):
        if np.isnan(v).any():
            raise ValueError(f"{name} contains NaN")
    if (a < 0).any() or (b < 0).any():
        raise ValueError("counts a and b must be non-negative")
    if (c <= 0).any() or (d <= 0).any():
        raise ValueError("corpus sizes c and d must be positive")
    if (a > c).any() or (b > d).any():
        raise ValueError("a count exceeds its corpus size (need a <= c and b <= d)")
    return a, b, c, d


def log_likelihood(
    a: npt.ArrayLike, b: npt.ArrayLike, c: npt.ArrayLike, d: npt.ArrayLike
) -> float | np.ndarray:
    r"""Log-likelihood G² for a term's frequency in two corpora (two-cell form).

    With *a*, *b* the term's counts in the target and reference corpus and *c*, *d* the
    corpus sizes in tokens (Rayson & Garside 2000):

    .. math::

        E_1 = \frac{c\,(a+b)}{c+d}, \qquad E_2 = \frac{d\,(a+b)}{c+d}, \qquad
        G^2 = 2\left(a \ln\frac{a}{E_1} + b \ln\frac{b}{E_2}\right)

    with :math:`0 \ln 0 = 0`, so a term absent from one corpus still gets a finite score and a
    term absent from both scores 0. Tiny negative values from floating-point rounding are
    clipped to 0. G² is asymptotically :math:`\chi^2_1` (see :func:`p_value`).

    Parameters
    ----------
    a, b : array_like
        Counts in the target and reference corpus (non-negative).
    c, d : array_like
        Target and reference corpus sizes (positive, ``a <= c``, ``b <= d``). All four
        arguments broadcast against each other.

    Returns
    -------
    float or ndarray
        G², a float for scalar input, otherwise an array of the broadcast shape.

    Raises
    ------
    ValueError
        On NaN, negative counts, non-positive sizes, or a count larger than its corpus.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.

    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling. In
    *Proceedings of the Workshop on Comparing Corpora* (ACL 2000), 1-6.
    """
    a, b, c, d = _check_cells(a, b, c, d)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    # x ln(x/E) = xlogy(x, x) - xlogy(x, E); xlogy(0, .) = 0, and x > 0 implies E > 0.
    g2 = 2.0 * ((xlogy(a, a) - xlogy(a, e1)) + (xlogy(b, b) - xlogy(b, e2)))
    return _result(np.maximum(g2, 0.0))


def log_ratio(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    c: npt.ArrayLike,
    d: npt.ArrayLike,
    *,
    smoothing: float = 0.5,
) -> float | np.ndarray:
    r"""Hardie's Log Ratio: the binary log of the ratio of relative frequencies.

    .. math:: \mathrm{LR} = \log_2 \frac{a' / c}{b' / d}, \qquad
              x' = \begin{cases} x & x > 0 \\ s & x = 0 \end{cases}

    Each zero count is replaced by the smoothing constant *s* (``smoothing``, default 0.5, as
    in Hardie's CQPweb implementation) so a term absent from one corpus gets a finite value;
    non-zero counts are used as they are. A term absent from both gets
    :math:`\log_2(d/c)`, i.e. 0 for equal-sized corpora. Each unit is a doubling: LR = 1 means
    twice as frequent in the target, LR = -1 half as frequent.

    Parameters
    ----------
    a, b, c, d : array_like
        As in :func:`log_likelihood` (broadcast against each other).
    smoothing : float, default 0.5
        Value substituted for zero counts; must be positive.

    Returns
    -------
    float or ndarray
        Log Ratio, a float for scalar input, otherwise an array.

    Raises
    ------
    ValueError
        On invalid cells (see :func:`log_likelihood`) or ``smoothing <= 0``.

    References
    ----------
    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches
    to Social Science (CASS), Lancaster University.
    """
    if not smoothing > 0:
        raise ValueError(f"smoothing must be positive, got {smoothing}")
    a, b, c, d = _check_cells(a, b, c, d)
    a = np.where(a == 0, smoothing, a)
    b = np.where(b == 0, smoothing, b)
    return _result(np.log2((a / c) / (b / d)))


def p_value(g2: npt.ArrayLike) -> float | np.ndarray:
    r"""Upper-tail probability of G² under :math:`\chi^2` with one degree of freedom.

    :math:`p = P(\chi^2_1 \ge G^2)` (Dunning 1993), by :func:`scipy.special.chdtrc`, the
    function :func:`scipy.stats.chi2.sf` calls (the same floats; ``scipy.stats`` alone takes
    about half a second to import). For example G² = 3.84 gives p ≈ 0.05 and G² = 6.63 gives
    p ≈ 0.01.

    Raises
    ------
    ValueError
        If any value is negative or NaN.
    """
    g2 = np.asarray(g2, dtype=float)
    if np.isnan(g2).any() or (g2 < 0).any():
        raise ValueError("g2 must be non-negative and not NaN")
    return _result(np.asarray(chdtrc(1, g2), dtype=float))


def _counts(series: pd.Series, *, name: str) -> pd.Series:
    if series.index.has_duplicates:
        dupes = series.index[series.index.duplicated()].unique().tolist()
        raise ValueError(f"{name} has duplicate terms: {dupes[:5]}")
    if len(series) and (
        not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
    ):
        raise ValueError(f"{name} counts must be numeric, got dtype {series.dtype}")
    if series.isna().any():
        raise ValueError(f"{name} contains missing counts")
    if (series < 0).any():
        raise ValueError(f"{name} counts must be non-negative")
    if not (series == np.floor(series)).all():
        raise ValueError(f"{name} counts must be whole numbers")
    return series.astype("int64")


def _total(total: int | None, counts: pd.Series, *, name: str) -> int:
    counted = int(counts.sum())
    if total is None:
        total = counted
    if total <= 0:
        raise ValueError(f"{name} corpus size is {total}; it must be positive")
    if total < counted:
        raise ValueError(
            f"{name} corpus size {total} is smaller than the sum of its term counts ({counted})"
        )
    return int(total)


def keyness_table(
    target: pd.Series,
    reference: pd.Series,
    *,
    target_total: int | None = None,
    reference_total: int | None = None,
    min_count: int = 3,
) -> pd.DataFrame:
    r"""Keyness of every term: target corpus against reference corpus.

    For each term in the union of both indexes (absent = 0) with :math:`a + b \ge`
    ``min_count``: counts *a*, *b*; relative frequencies per 10 000 tokens
    :math:`10^4 a / c` and :math:`10^4 b / d`; G² (:func:`log_likelihood`, Dunning 1993;
    Rayson & Garside 2000) and its :math:`\chi^2_1` p-value (:func:`p_value`); Log Ratio
    (:func:`log_ratio`, Hardie 2014, zero counts smoothed to 0.5); and ``direction``:
    ``"target"`` if :math:`a/c > b/d` (compared exactly as :math:`a d > b c`), else
    ``"reference"``. Both directions are kept: a term can be key for either corpus.

    Parameters
    ----------
    target, reference : Series
        Term -> count (index = term, unique; non-negative whole numbers).
    target_total, reference_total : int, optional
        Corpus sizes *c* and *d* in tokens. Default: the sum of the Series, which is right
        only if the Series hold every token (no stop-word or frequency filtering).
    min_count : int, default 3
        Keep terms with ``a + b >= min_count``.

    Returns
    -------
    DataFrame
        Columns ``term, count_target, count_reference, per_10k_target, per_10k_reference,
        g2, p_value, log_ratio, direction``; counts int64, measures float64. Sorted by ``g2``
        descending, then ``term`` ascending; index 0..n-1.

    Raises
    ------
    ValueError
        If a corpus size is 0 (e.g. an empty Series and no total) or smaller than the sum of
        its counts, counts are negative, fractional or missing, a term is duplicated, or
        ``min_count`` is negative.
    """
    if min_count < 0:
        raise ValueError(f"min_count must be non-negative, got {min_count}")
    target = _counts(target, name="target")
    reference = _counts(reference, name="reference")
    c = _total(target_total, target, name="target")
    d = _total(reference_total, reference, name="reference")

    terms = target.index.union(reference.index)
    a = target.reindex(terms, fill_value=0).astype("int64")
    b = reference.reindex(terms, fill_value=0).astype("int64")
    keep = (a + b) >= min_count
    terms, a, b = terms[keep.to_numpy()], a[keep].to_numpy(), b[keep].to_numpy()

    g2 = np.asarray(log_likelihood(a, b, c, d), dtype=float).reshape(-1)
    table = pd.DataFrame(
        {
            "term": terms,
            "count_target": a,
            "count_reference": b,
            "per_10k_target": 10_000 * a / c,
            "per_10k_reference": 10_000 * b / d,
            "g2": g2,
            "p_value": np.asarray(p_value(g2), dtype=float).reshape(-1),
            "log_ratio": np.asarray(log_ratio(a, b, c, d), dtype=float).reshape(-1),
            # Exact integer comparison of a/c > b/d (Python ints: no overflow).
            "direction": [
                "target" if int(x) * d > int(y) * c else "reference"
                for x, y in zip(a, b, strict=True)
            ],
        },
        columns=list(KEYNESS_COLUMNS),
    )
    table = table.astype(
        {
            "count_target": "int64",
            "count_reference": "int64",
            "per_10k_target": "float64",
            "per_10k_reference": "float64",
            "g2": "float64",
            "p_value": "float64",
            "log_ratio": "float64",
        }
    )
    return table.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
