"""Actor steps: find the actors each document names, their rates per period and year, and
their co-mention networks. Like :mod:`ordskifte.tables.steps`, functions of file paths and
plain parameters, called by thin rule scripts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.corpus import load_counts, read_documents
from ordskifte.io import read_actor_table, read_parquet, write_tsv

log = logging.getLogger("ordskifte")

MENTIONS_COLUMNS = ["doc_id", "period", "year", "actor", "type", "page", "paragraph", "sentence"]


def actor_mentions_step(
    documents: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    actors: Sequence[Mapping],
    window: int,
    mentions_out: str,
    kwic_out: str,
) -> None:
    """Every actor mention in every document (one row each) and its KWIC line."""
    from ordskifte.actors.mentions import MENTION_READ_COLUMNS, find_mentions, parse_actors
    from ordskifte.tables.kwic import KWIC_COLUMNS, span_lines

    docs = read_documents(documents)
    compiled = parse_actors(actors)
    frames, kwic = [], []
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        df = read_parquet(path, columns=MENTION_READ_COLUMNS)
        found = find_mentions(df, compiled)
        meta = {
            "doc_id": doc_id,
            "period": docs.at[doc_id, "period_used"],
            "year": docs.at[doc_id, "year"],
        }
        frames.append(found.assign(**meta))
        for row, line in zip(
            found.itertuples(index=False),
            span_lines(
                df, zip(found["start"], found["end"], strict=True), window=window, meta=meta
            ),
            strict=True,
        ):
            kwic.append({"actor": row.actor, "type": row.type, **line})
    mentions = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    mentions = mentions.reindex(columns=[*MENTIONS_COLUMNS, "match"])
    write_tsv(mentions, mentions_out)
    order = {a["name"]: i for i, a in enumerate(actors)}
    lines = pd.DataFrame(kwic, columns=["actor", "type", *KWIC_COLUMNS])
    lines = lines.sort_values(
        ["actor", "doc_id", "paragraph", "sentence"],
        key=lambda s: s.map(order) if s.name == "actor" else s,
        kind="stable",
    )
    write_tsv(lines.reset_index(drop=True), kwic_out)
    named = mentions["actor"].value_counts()
    silent = [a.name for a in compiled if a.name not in named.index]
    log.info(
        "%d mentions of %d actors in %d documents",
        len(mentions),
        len(named),
        mentions["doc_id"].nunique(),
    )
    if silent:
        log.info("actors never named: %s", ", ".join(silent))


def actor_rates_step(
    documents: str,
    counts: Sequence[str],
    mentions: str,
    *,
    doc_ids: Sequence[str],
    actors: Sequence[Mapping],
    period_order: Sequence[str],
    iterations: int,
    confidence: float,
    seed: int,
    by_period_out: str,
    by_year_out: str,
    types_out: str,
    by_document_out: str,
) -> None:
    """Mentions per 10k tokens per period and per year with bootstrap intervals, type shares
    per period, and mentions per document (the evidence behind the rates)."""
    from ordskifte.actors.mentions import mention_grid, mention_rates, parse_actors, type_shares
    from ordskifte.tables.frequencies import totals

    docs = read_documents(documents)
    found = read_actor_table(mentions)
    doc_tokens = totals(load_counts(doc_ids, counts))
    grid = mention_grid(found, doc_tokens, docs, parse_actors(actors))
    kwargs = dict(iterations=iterations, seed=seed, confidence=confidence)
    by_period = mention_rates(grid, by="period", order=period_order, **kwargs)
    write_tsv(by_period, by_period_out)
    write_tsv(mention_rates(grid, by="year", **kwargs), by_year_out)
    write_tsv(type_shares(grid, order=period_order), types_out)
    per_doc = grid[grid["count"] > 0].copy()
    per_doc["per_10k"] = 10_000 * per_doc["count"] / per_doc["n_tokens"]
    write_tsv(per_doc.reset_index(drop=True), by_document_out)
    if len(by_period):
        log.info(
            "actor mentions per 10k tokens by period:\n%s",
            by_period.pivot(index="actor", columns="period", values="per_10k")
            .reindex(index=list(dict.fromkeys(by_period["actor"])), columns=period_order)
            .round(2)
            .to_string(),
        )


def actor_network_step(
    mentions: str,
    *,
    actors: Sequence[Mapping],
    period_order: Sequence[str],
    edges_out: Mapping[str, str],
    centrality_out: str,
) -> None:
    """Co-mention edges per period (one file each) and the centrality of every actor."""
    from ordskifte.actors.network import centrality, co_mentions

    found = read_actor_table(mentions)
    edges = {p: co_mentions(found, period=p) for p in period_order}
    for period, out in edges_out.items():
        write_tsv(edges[period], out)
    types = {a["name"]: a["type"] for a in actors}
    table = centrality(found, edges, types=types, order=period_order)
    write_tsv(table, centrality_out)
    for period in period_order:
        top = table[table["period"] == period].head(3)
        log.info(
            "%s: %d actors, %d links; most central: %s",
            period,
            int((table["period"] == period).sum()),
            len(edges[period]),
            ", ".join(f"{r.actor} ({r.weighted_degree})" for r in top.itertuples()) or "none",
        )
