"""Term frequency tables per period (or any group of documents), from per-document counts.

The per-document counts (:mod:`ordskifte.text.counts`) are a long table with columns
``kind, term, count``; :func:`ordskifte.corpus.load_counts` stacks them with a ``doc_id``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd


def totals(counts: pd.DataFrame, *, which: str = "tokens") -> pd.Series:
    """Per-document total (``tokens`` or ``content``), indexed by doc_id."""
    sel = counts[(counts["kind"] == "total") & (counts["term"] == which)]
    return sel.set_index("doc_id")["count"].astype("int64")


def frequency_table(
    counts: pd.DataFrame, doc_groups: pd.Series, *, group_name: str = "period"
) -> pd.DataFrame:
    """Term frequencies per group (e.g. period) with document frequency and tf-idf.

    Parameters
    ----------
    counts
        Combined per-document counts (see :func:`ordskifte.corpus.combine_counts`).
    doc_groups
        doc_id → group; documents with an empty group are left out.

    Returns
    -------
    DataFrame with columns ``<group_name>, term, count, per_10k, doc_freq, tfidf``:
    ``per_10k`` = 10,000 · count / word tokens in the group; ``doc_freq`` = documents of the
    group containing the term; ``tfidf`` = per_10k · idf with the smoothed inverse document
    frequency over all documents of the table, idf = ln((1 + N) / (1 + df)) + 1 (as in
    scikit-learn's ``TfidfTransformer(smooth_idf=True)``; Sparck Jones 1972), so terms spread
    over every document weigh less than terms concentrated in a few.
    """
    words = totals(counts)
    groups = doc_groups[(doc_groups != "") & doc_groups.index.isin(words[words > 0].index)]
    terms = counts[(counts["kind"] == "term") & counts["doc_id"].isin(groups.index)].copy()
    terms[group_name] = terms["doc_id"].map(groups)
    n_docs = groups.index.nunique()
    corpus_df = terms.groupby("term")["doc_id"].nunique()
    idf = ((1 + n_docs) / (1 + corpus_df)).map(math.log) + 1
    tok = totals(counts).reindex(groups.index).fillna(0)
    group_tokens = tok.groupby(groups).sum()
    out = (
        terms.groupby([group_name, "term"])
        .agg(count=("count", "sum"), doc_freq=("doc_id", "nunique"))
        .reset_index()
    )
    out["per_10k"] = 10_000 * out["count"] / out[group_name].map(group_tokens)
    out["tfidf"] = out["per_10k"] * out["term"].map(idf)
    out = out[[group_name, "term", "count", "per_10k", "doc_freq", "tfidf"]]
    return out.sort_values(
        [group_name, "count", "term"], ascending=[True, False, True]
    ).reset_index(drop=True)


def top_terms(table: pd.DataFrame, *, n: int, group_name: str = "period") -> pd.DataFrame:
    """The ``n`` most frequent terms of each group, with their rank (ties broken by term)."""
    ordered = table.sort_values([group_name, "count", "term"], ascending=[True, False, True])
    out = ordered.groupby(group_name, sort=True).head(n).copy()
    out.insert(1, "rank", out.groupby(group_name).cumcount() + 1)
    return out.reset_index(drop=True)


def document_frequency_table(counts: pd.DataFrame, doc_periods: pd.Series) -> pd.DataFrame:
    """Per-document term table: ``doc_id, period, term, count, per_10k``."""
    terms = counts[counts["kind"] == "term"].copy()
    tok = totals(counts)
    terms["period"] = terms["doc_id"].map(doc_periods).fillna("")
    terms["per_10k"] = 10_000 * terms["count"] / terms["doc_id"].map(tok)
    out = terms[["doc_id", "period", "term", "count", "per_10k"]]
    return out.sort_values(["doc_id", "count", "term"], ascending=[True, False, True]).reset_index(
        drop=True
    )


def group_totals(
    counts: pd.DataFrame,
    doc_groups: pd.Series,
    *,
    group_name: str = "period",
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Size of each group: ``<group_name>, n_docs, tokens, content_tokens``.

    Documents with an empty group or no analysed tokens are left out; groups are listed in
    ``order`` (every one, with zeros if empty) or sorted.
    """
    analysed = totals(counts)
    content = totals(counts, which="content")
    sizes = pd.DataFrame(
        {
            "group": doc_groups,
            "tokens": analysed.reindex(doc_groups.index).fillna(0).astype(int),
            "content_tokens": content.reindex(doc_groups.index).fillna(0).astype(int),
        }
    )
    sizes = sizes[(sizes["group"] != "") & (sizes["tokens"] > 0)]
    table = sizes.groupby("group").agg(
        n_docs=("tokens", "size"),
        tokens=("tokens", "sum"),
        content_tokens=("content_tokens", "sum"),
    )
    index = list(order) if order is not None else sorted(table.index)
    table = table.reindex(index).fillna(0).astype(int)
    table.index.name = group_name
    return table.reset_index()
