"""Align the topics of per-period topic models: which topic continues, splits, merges, emerges
or fades from one period to the next.

Each period has its own topic model, so its topics are numbered independently and its
vocabulary differs from the others'. Topics of consecutive periods are compared by the
Jensen–Shannon distance between their term distributions (:func:`js_distance_matrix`), paired
one-to-one by the optimal assignment on that distance, and also linked wherever they are similar
enough (:func:`align_periods`). :func:`lineages` follows the one-to-one pairs through all
periods; :func:`classify_links` says for each topic how it relates to the periods before and
after it.

A topic-term matrix (the contract with :mod:`ordskifte.topics.model`) is a DataFrame with one
row per topic (integer index ``0..k-1``), one column per vocabulary term (``str``),
non-negative values and rows summing to 1.

All functions are pure and deterministic: terms are put in sorted order and topics in index
order before any computation, so the column order of a model or the row order of a table does
not change a result.

References
----------
Lin, J. (1991). Divergence measures based on the Shannon entropy. *IEEE Transactions on
Information Theory*, 37(1), 145-151.

Endres, D. M., & Schindelin, J. E. (2003). A new metric for probability distributions. *IEEE
Transactions on Information Theory*, 49(7), 1858-1860.

Kuhn, H. W. (1955). The Hungarian method for the assignment problem. *Naval Research Logistics
Quarterly*, 2(1-2), 83-97.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ordskifte.io import as_bool

ALIGNMENT_COLUMNS = ("period_a", "topic_a", "period_b", "topic_b", "similarity", "matched")
LINEAGE_COLUMNS = ("lineage", "period", "topic", "similarity_to_previous")
LINK_COLUMNS = ("period", "topic", "n_previous", "from_previous", "n_next", "to_next")
VOCABULARIES = ("shared", "union")

# Similarities are compared with the threshold with this tolerance, so that a similarity that
# is mathematically equal to the threshold but off by rounding still counts as reaching it.
_TOLERANCE = 1e-12
# Divergences (bits) below this are rounding noise of identical distributions.
_DIVERGENCE_FLOOR = 1e-13


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def _check_topic_term(df: pd.DataFrame, *, name: str) -> pd.DataFrame:
    """``df`` validated and put in canonical order (topics ascending, terms A-Z), as float."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    terms = [str(c) for c in df.columns]
    if len(set(terms)) != len(terms):
        dupes = sorted({t for t in terms if terms.count(t) > 1})
        raise ValueError(f"{name} has duplicate term columns: {dupes[:5]}")
    if df.index.has_duplicates:
        raise ValueError(f"{name} has duplicate topic ids: {df.index[df.index.duplicated()][:5]}")
    if len(df.index) and not pd.api.types.is_integer_dtype(df.index):
        raise ValueError(f"{name} must have integer topic ids as index, got {df.index.dtype}")
    try:
        values = df.to_numpy(dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must hold numbers: {err}") from None
    if not np.isfinite(values).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    if (values < 0).any():
        raise ValueError(f"{name} must be non-negative, got minimum {values.min()}")
    out = pd.DataFrame(values, index=df.index.astype("int64"), columns=terms)
    return out.sort_index().sort_index(axis=1)


def _check_threshold(threshold: float) -> float:
    if isinstance(threshold, bool) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold!r}")
    return float(threshold)


def _check_periods(order: Sequence[str]) -> list[str]:
    order = [str(p) for p in order]
    dupes = sorted({p for p in order if order.count(p) > 1})
    if dupes:
        raise ValueError(f"order lists {dupes} more than once")
    return order


def _renormalise(matrix: np.ndarray) -> np.ndarray:
    """Rows divided by their sums; a row without mass stays all zero."""
    totals = matrix.sum(axis=1, keepdims=True)
    return np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)


# --------------------------------------------------------------------------------------------
# Distances
# --------------------------------------------------------------------------------------------


def shared_space(
    a: pd.DataFrame, b: pd.DataFrame, *, vocabulary: str = "shared"
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Two topic-term matrices over one common, sorted vocabulary, rows renormalised.

    Parameters
    ----------
    a, b : DataFrame
        Topic-term matrices (rows = topics, columns = terms, non-negative); their vocabularies
        may differ.
    vocabulary : {"shared", "union"}, default "shared"
        ``"shared"``: the terms that both models have (the intersection). Each topic's weights
        on these terms are renormalised to sum to 1, so the distance compares how the topics
        spread their weight over words that *both* periods could use.
        ``"union"``: the terms of either model, a term missing from a model counting as
        probability 0 there (rows already sum to 1, so renormalising only removes rounding).

    Returns
    -------
    (p, q, terms)
        ``p`` of shape (k_a, V) and ``q`` of shape (k_b, V), rows in topic-id order, columns in
        the order of ``terms`` (sorted A-Z). A row with no weight on the chosen vocabulary (only
        possible with ``"shared"``) is all zero; :func:`js_distance_matrix` gives it distance 1
        to every topic.

    Raises
    ------
    ValueError
        If ``vocabulary`` is not one of the two options, or a matrix has duplicate terms or
        topics, non-integer topic ids, or negative, missing or non-numeric values.

    Notes
    -----
    The two choices answer different questions, which is why both are offered.

    The **union** keeps every topic's whole distribution, so the Jensen–Shannon distance is the
    one between the two fitted models, and a topic whose mass lies on words the other period
    never uses is correctly far from everything there. But a term can be missing from a
    period's vocabulary for reasons that have nothing to do with the topic: the period's texts
    are fewer or of another genre, or the term fell below the model's frequency cut-off. Every
    such term adds distance to every pair, so with small corpora and different vocabularies all
    distances crowd towards 1 and a fixed similarity threshold links almost nothing.

    The **shared** vocabulary (the default, as the issue asks for) removes this artefact:
    distances measure differences in how topics use the words they could both use. The price is
    that weight on period-specific terms is ignored: a topic that lives mostly on such terms is
    judged on the small remainder after renormalising, which is noisy and can make it look
    similar to a topic it is not, and two models with little vocabulary in common cannot be
    compared well at all. Check the size of the shared vocabulary before trusting alignments,
    and compare with ``"union"`` when in doubt.

    Examples
    --------
    >>> a = pd.DataFrame([[0.5, 0.5]], columns=["hjelp", "selvhjelp"])
    >>> b = pd.DataFrame([[0.5, 0.25, 0.25]], columns=["selvhjelp", "gruppe", "hjelp"])
    >>> p, q, terms = shared_space(a, b)
    >>> terms, p.tolist(), q.round(3).tolist()
    (['hjelp', 'selvhjelp'], [[0.5, 0.5]], [[0.333, 0.667]])
    """
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"vocabulary must be one of {VOCABULARIES}, got {vocabulary!r}")
    a = _check_topic_term(a, name="a")
    b = _check_topic_term(b, name="b")
    if vocabulary == "shared":
        terms = sorted(set(a.columns) & set(b.columns))
    else:
        terms = sorted(set(a.columns) | set(b.columns))
    p = a.reindex(columns=terms, fill_value=0.0).to_numpy(dtype=float)
    q = b.reindex(columns=terms, fill_value=0.0).to_numpy(dtype=float)
    return _renormalise(p), _renormalise(q), terms


def _js_distance(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Pairwise JS distance (base 2) between the rows of ``p`` and ``q`` (rows sum to 1 or 0)."""
    # Imported here: the topic figure jobs import this module for normalise_alignment and the
    # lineage helpers, and scipy.special costs them 0.1-0.2 s of import.
    from scipy.special import xlogy

    out = np.ones((p.shape[0], q.shape[0]))
    q_ok = q.sum(axis=1) > 0
    q_entropy_part = xlogy(q, q).sum(axis=1)  # sum q log q, per row of q
    for i, row in enumerate(p):  # one row at a time: memory k_b x V, not k_a x k_b x V
        if not row.sum() > 0:
            continue
        m = (row[None, :] + q) / 2
        # KL(p||m) + KL(q||m) with 0 log 0 = 0; wherever p or q > 0, m > 0.
        nats = 0.5 * (xlogy(row, row).sum() - xlogy(row[None, :], m).sum(axis=1)) + 0.5 * (
            q_entropy_part - xlogy(q, m).sum(axis=1)
        )
        divergence = np.clip(nats / math.log(2), 0.0, 1.0)  # clip rounding noise
        # sqrt magnifies rounding noise near 0 (1e-16 -> 1e-8): below the floor it is 0.
        divergence[divergence < _DIVERGENCE_FLOOR] = 0.0
        out[i, q_ok] = np.sqrt(divergence[q_ok])
    return out


def js_distance_matrix(
    a: pd.DataFrame, b: pd.DataFrame, *, vocabulary: str = "shared"
) -> np.ndarray:
    r"""Jensen–Shannon distance between every topic of ``a`` and every topic of ``b``.

    For term distributions *p*, *q* and :math:`m = (p + q)/2` (Lin 1991),

    .. math:: \mathrm{JSD}(p, q) = \tfrac12 \mathrm{KL}(p \,\|\, m) + \tfrac12
              \mathrm{KL}(q \,\|\, m), \qquad d_{JS}(p, q) = \sqrt{\mathrm{JSD}(p, q)}

    with base-2 logarithms and :math:`0 \log 0 = 0`. The divergence lies in [0, 1] bits, and
    its square root is a metric (Endres & Schindelin 2003), so the distance also lies in
    [0, 1]: 0 for identical distributions, 1 for distributions without a common term. This is
    ``scipy.spatial.distance.jensenshannon(p, q, base=2)``, computed for all pairs at once.
    The similarity used by :func:`align_periods` is ``1 - distance``.

    Parameters
    ----------
    a, b : DataFrame
        Topic-term matrices; put into one space by :func:`shared_space`.
    vocabulary : {"shared", "union"}, default "shared"
        Passed to :func:`shared_space` (see there for the trade-off).

    Returns
    -------
    ndarray of shape (k_a, k_b)
        Row *i*, column *j*: distance between the *i*-th topic of ``a`` and the *j*-th of ``b``
        in topic-id order. A topic without weight on the shared vocabulary is at distance 1
        from every topic.

    Raises
    ------
    ValueError
        As :func:`shared_space`.

    Examples
    --------
    >>> a = pd.DataFrame([[1.0, 0.0], [0.5, 0.5]], columns=["x", "y"])
    >>> js_distance_matrix(a, a).round(6).tolist()
    [[0.0, 0.557923], [0.557923, 0.0]]
    """
    p, q, _ = shared_space(a, b, vocabulary=vocabulary)
    return _js_distance(p, q)


# --------------------------------------------------------------------------------------------
# Alignment of consecutive periods
# --------------------------------------------------------------------------------------------


def align_periods(
    models: Mapping[str, pd.DataFrame],
    *,
    order: Sequence[str],
    threshold: float = 0.5,
    vocabulary: str = "shared",
) -> pd.DataFrame:
    """Pair and link the topics of each two consecutive periods.

    For each pair of consecutive periods (a, b) in ``order``, the JS distance matrix
    (:func:`js_distance_matrix`) is computed and

    * the optimal one-to-one matching, the assignment of topics of a to topics of b with the
      smallest total distance (:func:`scipy.optimize.linear_sum_assignment`; Kuhn 1955), gives
      ``matched=True`` rows: ``min(k_a, k_b)`` of them, listed even when their similarity is
      below ``threshold``, so the matching is complete;
    * every other pair with ``similarity >= threshold`` is listed with ``matched=False``. A
      topic of a with several such rows splits, a topic of b with several merges;
    * a topic that has no row otherwise (unmatched because the other period has fewer topics,
      and similar to nothing) is listed once with the other side's topic empty (``<NA>``),
      ``similarity`` NaN and ``matched=False``. So every topic of every period appears in the
      table, and a topic that emerges or fades can be read from the table alone.

    Only pairs with ``similarity >= threshold`` are *links* for :func:`lineages`,
    :func:`classify_links` and the lineage figure; a matched pair below the threshold is the
    best available partner, not evidence of continuity.

    Parameters
    ----------
    models : mapping of str to DataFrame
        Period id -> topic-term matrix. Periods not in ``order`` are not used.
    order : sequence of str
        Period ids in time order; each must be a key of ``models``. Fewer than two periods give
        an empty table.
    threshold : float, default 0.5
        Similarity (``1 - JS distance``, between 0 and 1) from which two topics are linked.
    vocabulary : {"shared", "union"}, default "shared"
        Vocabulary the distances are computed over (:func:`shared_space`).

    Returns
    -------
    DataFrame
        Columns ``period_a, topic_a, period_b, topic_b, similarity, matched``; topics are
        nullable integers (``Int64``), ``similarity`` float, ``matched`` bool. Sorted by the
        position of the period pair in ``order``, then ``topic_a``, then ``topic_b`` (empty
        topics last).

    Raises
    ------
    ValueError
        If ``order`` repeats a period or names one without a model, ``threshold`` is outside
        [0, 1], or a model is not a valid topic-term matrix.
    """
    from scipy.optimize import linear_sum_assignment  # ~0.4 s import: only needed here

    order = _check_periods(order)
    threshold = _check_threshold(threshold)
    missing = [p for p in order if p not in models]
    if missing:
        raise ValueError(f"no topic model for period(s) {missing}; have {sorted(models)}")
    checked = {p: _check_topic_term(models[p], name=f"model {p!r}") for p in order}

    rows: list[tuple] = []
    for position, (pa, pb) in enumerate(zip(order, order[1:], strict=False)):
        topics_a = checked[pa].index.tolist()
        topics_b = checked[pb].index.tolist()
        pair_rows: list[tuple] = []
        if topics_a and topics_b:
            distance = js_distance_matrix(checked[pa], checked[pb], vocabulary=vocabulary)
            similarity = 1.0 - distance
            matched = np.zeros(distance.shape, dtype=bool)
            matched[linear_sum_assignment(distance)] = True
            keep = matched | (similarity >= threshold - _TOLERANCE)
            for i, j in zip(*np.nonzero(keep), strict=True):
                pair_rows.append(
                    (position, pa, topics_a[i], pb, topics_b[j], similarity[i, j], matched[i, j])
                )
        seen_a = {r[2] for r in pair_rows}
        seen_b = {r[4] for r in pair_rows}
        pair_rows += [
            (position, pa, t, pb, pd.NA, math.nan, False) for t in topics_a if t not in seen_a
        ]
        pair_rows += [
            (position, pa, pd.NA, pb, t, math.nan, False) for t in topics_b if t not in seen_b
        ]
        rows += pair_rows

    out = pd.DataFrame(rows, columns=["_position", *ALIGNMENT_COLUMNS])
    out = out.astype(
        {
            "_position": "int64",
            "period_a": "str",
            "topic_a": "Int64",
            "period_b": "str",
            "topic_b": "Int64",
            "similarity": "float64",
            "matched": "bool",
        }
    )
    out = out.sort_values(["_position", "topic_a", "topic_b"], kind="mergesort", na_position="last")
    return out.drop(columns="_position").reset_index(drop=True)


def normalise_alignment(alignment: pd.DataFrame) -> pd.DataFrame:
    """An alignment table with its column types restored, e.g. after reading it from a TSV.

    Empty cells in the topic columns become ``<NA>`` (``Int64``), empty similarities NaN, and
    ``matched`` is read from booleans or the strings ``"True"``/``"False"``.

    Raises
    ------
    ValueError
        If a column is missing or holds values that cannot be read as its type.
    """
    missing = [c for c in ALIGNMENT_COLUMNS if c not in alignment.columns]
    if missing:
        raise ValueError(
            f"alignment table: missing column(s) {missing}; have {list(alignment.columns)}"
        )
    out = alignment.loc[:, list(ALIGNMENT_COLUMNS)].copy()
    for col in ("period_a", "period_b"):
        out[col] = out[col].astype(str)
    for col in ("topic_a", "topic_b"):
        values = _blank_to_na(out[col])
        numbers = pd.to_numeric(values, errors="coerce")
        bad = numbers.isna() & values.notna()
        if bad.any() or not (numbers.dropna() == np.floor(numbers.dropna())).all():
            raise ValueError(f"alignment table: column {col!r} must hold integer topic ids")
        out[col] = numbers.astype("Int64")
    try:
        similarity = pd.to_numeric(_blank_to_na(out["similarity"]), errors="raise")
    except (TypeError, ValueError):
        raise ValueError("alignment table: column 'similarity' must hold numbers") from None
    out["similarity"] = similarity.astype("float64")
    out["matched"] = as_bool(out["matched"], what="alignment table: column 'matched'")
    return out.reset_index(drop=True)


def _blank_to_na(values: pd.Series) -> pd.Series:
    """Empty cells (as :func:`ordskifte.io.read_tsv` leaves them) as missing values."""
    if pd.api.types.is_numeric_dtype(values):
        return values
    return values.astype(object).where(values.astype(str).str.strip() != "", None)


def _period_chain(alignment: pd.DataFrame, order: Sequence[str] | None) -> list[str]:
    """The periods of ``alignment`` in time order, checked against ``order`` when given."""
    pairs = alignment[["period_a", "period_b"]].drop_duplicates()
    if order is not None:
        order = _check_periods(order)
        position = {p: i for i, p in enumerate(order)}
        unknown = sorted((set(pairs["period_a"]) | set(pairs["period_b"])) - set(order))
        if unknown:
            raise ValueError(f"alignment table has period(s) {unknown} that are not in order")
        for pa, pb in pairs.itertuples(index=False):
            if position[pb] != position[pa] + 1:
                raise ValueError(
                    f"alignment table compares {pa!r} with {pb!r}, which do not follow each "
                    "other in order"
                )
        return order
    chain_error = "alignment table: the period pairs do not form one chain in time order"
    if pairs["period_a"].duplicated().any() or pairs["period_b"].duplicated().any():
        raise ValueError(chain_error)
    following = dict(zip(pairs["period_a"], pairs["period_b"], strict=True))
    if not following:
        return []
    starts = sorted(set(following) - set(following.values()))
    if len(starts) != 1:
        raise ValueError(chain_error)
    chain = starts
    while chain[-1] in following and len(chain) <= len(following):
        chain.append(following[chain[-1]])
    if len(chain) != len(following) + 1:
        raise ValueError(chain_error)
    return chain


def _topics_by_period(alignment: pd.DataFrame, chain: Sequence[str]) -> dict[str, list[int]]:
    topics: dict[str, set[int]] = {p: set() for p in chain}
    for period_col, topic_col in (("period_a", "topic_a"), ("period_b", "topic_b")):
        known = alignment[alignment[topic_col].notna()]
        for period, topic in zip(known[period_col], known[topic_col], strict=True):
            topics[period].add(int(topic))
    return {p: sorted(t) for p, t in topics.items()}


def _links(alignment: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Rows of ``alignment`` that are links: both topics known and similarity >= threshold."""
    ok = (
        alignment["topic_a"].notna()
        & alignment["topic_b"].notna()
        & (alignment["similarity"] >= threshold - _TOLERANCE)
    )
    links = alignment[ok.fillna(False).astype(bool)].copy()
    links["topic_a"] = links["topic_a"].astype("int64")
    links["topic_b"] = links["topic_b"].astype("int64")
    return links


def lineages(
    alignment: pd.DataFrame, *, order: Sequence[str], threshold: float = 0.5
) -> pd.DataFrame:
    """Chains of matched topics through all periods.

    A lineage starts at a topic that has no matched link from the period before (or that is in
    the first period) and follows matched links (``matched`` and ``similarity >= threshold``)
    forward while there is one. Matched links are one-to-one, so every topic belongs to exactly
    one lineage. The other partners of a split or merge start lineages of their own;
    :func:`classify_links` says where they came from.

    Parameters
    ----------
    alignment : DataFrame
        A table from :func:`align_periods` (or read back from its TSV).
    order : sequence of str
        Period ids in time order; the table's period pairs must be consecutive in it.
    threshold : float, default 0.5
        Smallest similarity of a link; use the value given to :func:`align_periods`.

    Returns
    -------
    DataFrame
        Columns ``lineage, period, topic, similarity_to_previous``. Lineages are numbered
        from 0 by their first period, then first topic; rows are sorted by lineage and period.
        ``similarity_to_previous`` is NaN on the first topic of a lineage.

    Raises
    ------
    ValueError
        If a column is missing, a period is not in ``order`` or the pairs are not consecutive,
        ``threshold`` is outside [0, 1], or a topic has more than one matched partner.
    """
    threshold = _check_threshold(threshold)
    table = normalise_alignment(alignment)
    chain = _period_chain(table, order)
    topics = _topics_by_period(table, chain)
    matched = _links(table, threshold)
    matched = matched[matched["matched"]]
    for side in (["period_a", "topic_a"], ["period_b", "topic_b"]):
        if matched.duplicated(subset=side).any():
            first = matched.loc[matched.duplicated(subset=side), side].iloc[0].tolist()
            raise ValueError(f"alignment table: topic {first} has more than one matched partner")
    forward = {
        (pa, ta): (pb, tb, s)
        for pa, ta, pb, tb, s in matched[
            ["period_a", "topic_a", "period_b", "topic_b", "similarity"]
        ].itertuples(index=False)
    }
    has_previous = {(pb, tb) for pb, tb, _ in forward.values()}

    rows: list[tuple] = []
    lineage = 0
    for period in chain:
        for topic in topics[period]:
            if (period, topic) in has_previous:
                continue
            node, similarity = (period, topic), math.nan
            while True:
                rows.append((lineage, node[0], node[1], similarity))
                if node not in forward:
                    break
                pb, tb, similarity = forward[node]
                node = (pb, tb)
            lineage += 1
    out = pd.DataFrame(rows, columns=list(LINEAGE_COLUMNS))
    return out.astype(
        {"lineage": "int64", "period": "str", "topic": "int64", "similarity_to_previous": "float64"}
    )


def classify_links(
    alignment: pd.DataFrame, *, threshold: float = 0.5, order: Sequence[str] | None = None
) -> pd.DataFrame:
    """How each topic relates to the period before and the period after it.

    Links are the rows with ``similarity >= threshold`` (matched or not). For a topic *t*:

    ``from_previous`` (empty in the first period)
        ``emerges`` if no topic of the previous period links to *t*; ``merges`` if two or
        more do; otherwise its single predecessor either ``splits`` (it links to two or more
        topics, *t* among them) or ``continues`` into *t*.
    ``to_next`` (empty in the last period)
        ``fades`` if *t* links to no topic of the next period; ``splits`` if it links to two
        or more; otherwise its single successor either ``merges`` (two or more topics link to
        it) or *t* ``continues`` into it.

    Parameters
    ----------
    alignment : DataFrame
        A table from :func:`align_periods` (or read back from its TSV). Its topic inventory
        (every topic appears in it) decides which topics are classified.
    threshold : float, default 0.5
        Smallest similarity of a link; use the value given to :func:`align_periods`.
    order : sequence of str, optional
        Period ids in time order. Default: the chain formed by the table's period pairs.

    Returns
    -------
    DataFrame
        Columns ``period, topic, n_previous, from_previous, n_next, to_next``: one row per
        topic of each period, sorted by period (time order) and topic. ``n_previous`` and
        ``n_next`` count the links (``Int64``, empty where there is no such period).

    Raises
    ------
    ValueError
        If a column is missing, the period pairs do not form a chain (or do not follow
        ``order``), or ``threshold`` is outside [0, 1].
    """
    threshold = _check_threshold(threshold)
    table = normalise_alignment(alignment)
    chain = _period_chain(table, order)
    topics = _topics_by_period(table, chain)
    links = _links(table, threshold)
    out_degree = links.groupby(["period_a", "topic_a"]).size().to_dict()
    in_degree = links.groupby(["period_b", "topic_b"]).size().to_dict()
    successors = links.groupby(["period_a", "topic_a"])[["period_b", "topic_b"]]
    predecessors = links.groupby(["period_b", "topic_b"])[["period_a", "topic_a"]]
    first_of = {k: tuple(v.iloc[0]) for k, v in successors}
    first_from = {k: tuple(v.iloc[0]) for k, v in predecessors}

    rows: list[tuple] = []
    for i, period in enumerate(chain):
        for topic in topics[period]:
            node = (period, topic)
            if i == 0:
                n_previous, from_previous = pd.NA, None
            else:
                n_previous = in_degree.get(node, 0)
                if n_previous == 0:
                    from_previous = "emerges"
                elif n_previous >= 2:
                    from_previous = "merges"
                else:
                    split = out_degree[first_from[node]] >= 2
                    from_previous = "splits" if split else "continues"
            if i == len(chain) - 1:
                n_next, to_next = pd.NA, None
            else:
                n_next = out_degree.get(node, 0)
                if n_next == 0:
                    to_next = "fades"
                elif n_next >= 2:
                    to_next = "splits"
                else:
                    to_next = "merges" if in_degree[first_of[node]] >= 2 else "continues"
            rows.append((period, topic, n_previous, from_previous, n_next, to_next))
    out = pd.DataFrame(rows, columns=list(LINK_COLUMNS))
    return out.astype({"period": "str", "topic": "int64", "n_previous": "Int64", "n_next": "Int64"})
