"""Term counts per document, and term frequency tables per period.

Per-document counts are the unit every aggregate reads: a long table with columns
``kind, term, count`` where ``kind`` is ``term`` (a token's ``term`` — its lemma, or a
multi-word concept expression joined by ``_`` — that is not a stopword),
``concept`` / ``target`` (matches of a configured family) or ``total`` (``tokens``: all word
tokens in analysed paragraphs, the denominator of every rate; ``content``: tokens that are
not stopwords).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

KINDS = ("total", "concept", "target", "term")


def document_counts(
    tokens: pd.DataFrame, *, concept_names: Iterable[str], target_names: Iterable[str]
) -> pd.DataFrame:
    """Count one document's terms, concept and target matches and totals.

    Every configured concept and target gets a row, with count 0 if it never matches, so
    that a zero is recorded rather than missing.
    """
    rows: list[tuple[str, str, int]] = [
        ("total", "tokens", word_tokens(tokens)),
        ("total", "content", int((~tokens["is_stopword"]).sum()) if len(tokens) else 0),
    ]
    for kind, column, names in (
        ("concept", "concepts", concept_names),
        ("target", "targets", target_names),
    ):
        tags = tokens[column][tokens[column] != ""] if len(tokens) else pd.Series([], dtype=str)
        exploded = tags.str.split("|").explode().value_counts()
        rows += [(kind, name, int(exploded.get(name, 0))) for name in sorted(names)]
    if len(tokens):
        counted = tokens["term"] if "term" in tokens.columns else tokens["lemma"]
        terms = counted[~tokens["is_stopword"] & (counted != "")].value_counts()
        rows += [("term", term, int(n)) for term, n in terms.items()]
    out = pd.DataFrame(rows, columns=["kind", "term", "count"])
    out["kind"] = pd.Categorical(out["kind"], categories=KINDS, ordered=True)
    out = out.sort_values(["kind", "count", "term"], ascending=[True, False, True])
    out["kind"] = out["kind"].astype(str)
    return out.reset_index(drop=True).astype({"count": "int64"})


def word_tokens(tokens: pd.DataFrame) -> int:
    """Running words: tokens with at least one letter (numbers are not words)."""
    if not len(tokens):
        return 0
    return int(tokens["token"].str.contains(r"[^\W\d_]", regex=True).sum())


def combine_counts(per_document: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack per-document count tables into one with a leading ``doc_id`` column."""
    frames = [df.assign(doc_id=doc_id) for doc_id, df in sorted(per_document.items())]
    if not frames:
        return pd.DataFrame(columns=["doc_id", "kind", "term", "count"])
    out = pd.concat(frames, ignore_index=True)
    return out[["doc_id", "kind", "term", "count"]]


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
        Combined per-document counts (see :func:`combine_counts`).
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


def group_counts(counts: pd.DataFrame, doc_ids: Iterable[str]) -> tuple[pd.Series, int]:
    """Summed term counts (term → count) and word tokens of a set of documents."""
    ids = set(doc_ids)
    sel = counts[counts["doc_id"].isin(ids)]
    terms = sel[sel["kind"] == "term"].groupby("term")["count"].sum().astype("int64")
    n_tokens = int(totals(sel).sum()) if len(sel) else 0
    return terms, n_tokens


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
