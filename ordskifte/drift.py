"""Concept drift across periods: concept rates with bootstrap intervals, and the
Jensen–Shannon divergence between the periods' vocabularies."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ordskifte.frequencies import totals
from ordskifte.stats import jensen_shannon, rate_table


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
