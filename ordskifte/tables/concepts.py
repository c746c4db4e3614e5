"""Concept drift across periods: concept rates with bootstrap intervals, and the
Jensen–Shannon divergence between the periods' vocabularies."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ordskifte.stats import jensen_shannon, rate_table
from ordskifte.tables.frequencies import totals


def concept_document_table(
    counts: pd.DataFrame, docs: pd.DataFrame, *, kind: str = "concept"
) -> pd.DataFrame:
    """One row per (document, concept): ``doc_id, concept, count, n_tokens`` plus the
    document's ``period`` and ``year`` from ``docs`` (indexed by doc_id)."""
    sel = counts[counts["kind"] == kind].rename(columns={"term": "concept"})
    sel = sel[["doc_id", "concept", "count"]].copy()
    sel["n_tokens"] = sel["doc_id"].map(totals(counts)).astype("int64")
    sel["period"] = sel["doc_id"].map(docs["period_used"]).fillna("")
    sel["year"] = sel["doc_id"].map(docs["year"]).fillna("")
    return sel[sel["n_tokens"] > 0].reset_index(drop=True)


def concept_rates(
    table: pd.DataFrame,
    *,
    by: str,
    order: Sequence[str] | None = None,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Concept rates per 10,000 tokens for each value of ``by`` (``period`` or ``year``),
    with percentile bootstrap intervals resampling documents (see
    :func:`ordskifte.stats.rate_table`). Documents with an empty ``by`` are left out."""
    sel = table[table[by] != ""]
    out = rate_table(
        sel,
        group_cols=["concept", by],
        iterations=iterations,
        seed=seed,
        confidence=confidence,
    )
    if by == "year":
        out["year"] = out["year"].astype(int)
        out = out.sort_values(["concept", "year"])
    elif order is not None:
        rank = {p: i for i, p in enumerate(order)}
        out = out.sort_values(["concept", by], key=lambda s: s.map(rank) if s.name == by else s)
    return out.reset_index(drop=True)


def period_divergence(
    term_counts: dict[str, pd.Series], *, order: Sequence[str], top_terms: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Jensen–Shannon divergence (bits) between each unordered pair of periods.

    Returns the pair table (``period_a, period_b, jsd, top_terms``) where ``top_terms``
    lists the terms contributing most, each as ``term (share %, a|b)`` with the period it
    leans to, and the long contribution table (``period_a, period_b, rank, term, p, q,
    contribution, share, leans``) for the top terms of every pair.
    """
    pairs, contributions = [], []
    present = [p for p in order if p in term_counts]
    for i, a in enumerate(present):
        for b in present[i + 1 :]:
            jsd, contrib = jensen_shannon(term_counts[a], term_counts[b])
            top = contrib.head(top_terms).copy()
            top["share"] = top["contribution"] / jsd if jsd > 0 else 0.0
            top["leans"] = top["leans"].map({"a": a, "b": b})
            listed = "; ".join(
                f"{t} ({100 * s:.1f} %, {side})"
                for t, s, side in zip(top["term"], top["share"], top["leans"], strict=True)
            )
            pairs.append({"period_a": a, "period_b": b, "jsd": jsd, "top_terms": listed})
            top.insert(0, "rank", range(1, len(top) + 1))
            top.insert(0, "period_b", b)
            top.insert(0, "period_a", a)
            contributions.append(top)
    pair_table = pd.DataFrame(pairs, columns=["period_a", "period_b", "jsd", "top_terms"])
    contrib_cols = ["period_a", "period_b", "rank", "term", "p", "q", "contribution", "share"]
    contrib_table = (
        pd.concat(contributions, ignore_index=True)[contrib_cols + ["leans"]]
        if contributions
        else pd.DataFrame(columns=contrib_cols + ["leans"])
    )
    return pair_table, contrib_table


WORD_SHIFT_COLUMNS = (
    "period_a",
    "period_b",
    "rank",
    "term",
    "p",
    "q",
    "contribution",
    "signed_contribution",
    "share",
    "leans",
)


def word_shifts(
    term_counts: dict[str, pd.Series], *, order: Sequence[str], top_terms: int
) -> pd.DataFrame:
    r"""Jensen–Shannon word shift of each pair of consecutive periods (Gallagher et al. 2021).

    Each term's contribution :math:`\delta_i` to the divergence of periods *a* and *b*
    (:func:`ordskifte.stats.jensen_shannon`, bits; the contributions sum to the JSD) is
    signed by the period it leans to: ``signed_contribution`` is :math:`+\delta_i` when the
    term is relatively more frequent in the later period *b* and :math:`-\delta_i` when in
    *a*, as the bars of a shifterator JSD word-shift graph. ``share`` is
    :math:`\delta_i / \mathrm{JSD}`.

    Returns
    -------
    DataFrame
        Columns :data:`WORD_SHIFT_COLUMNS`: the ``top_terms`` largest contributions of each
        consecutive pair of the periods present, ranked within the pair.

    References
    ----------
    Gallagher, R. J., Frank, M. R., Mitchell, L., Schwartz, A. J., Reagan, A. J., Danforth,
    C. M., & Dodds, P. S. (2021). Generalized word shift graphs: a method for visualizing and
    explaining pairwise comparisons between texts. *EPJ Data Science*, 10, 4.
    """
    if top_terms < 1:
        raise ValueError(f"word_shift.top_terms must be at least 1, got {top_terms}")
    present = [p for p in order if p in term_counts]
    frames = []
    for a, b in zip(present, present[1:], strict=False):
        _, table = period_divergence(
            {a: term_counts[a], b: term_counts[b]}, order=[a, b], top_terms=top_terms
        )
        sign = table["leans"].map({a: -1.0, b: 1.0})
        frames.append(table.assign(signed_contribution=sign * table["contribution"]))
    if not frames:
        return pd.DataFrame(columns=list(WORD_SHIFT_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(WORD_SHIFT_COLUMNS)]
