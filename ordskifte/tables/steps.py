"""Steps of the tables stage: functions of file paths that the rule scripts call.

They read every document's counts or tokens (through :mod:`ordskifte.corpus`) and write the
corpus tables: frequencies, keyness, concept rates, the Jensen–Shannon divergence, KWIC
lines, the tables by document group and the corpus summary, and the figures of these
tables. Heavy libraries are imported inside the steps that use them: each rule job is a new
Python process and pays its imports.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.corpus import load_counts, read_documents
from ordskifte.io import read_json, read_parquet, read_tsv, write_tsv
from ordskifte.tables.groups import group_keyness


def group_tables_step(
    documents: str,
    counts: Sequence[str],
    *,
    doc_ids: Sequence[str],
    column: str,
    pairs: Sequence[Sequence[str]],
    min_count: int,
    iterations: int,
    confidence: float,
    seed: int,
    frequencies_out: str,
    totals_out: str,
    keyness_out: str,
    concepts_out: str,
) -> None:
    """Frequencies, sizes, keyness and concept rates by the manifest column ``column``.

    Documents with an empty value in the column are left out (and logged), as documents
    without a period are left out of the period tables.
    """
    from ordskifte.tables.concepts import concept_document_table, concept_rates
    from ordskifte.tables.frequencies import frequency_table, group_totals

    docs = read_documents(documents)
    groups = docs[column].fillna("").astype(str)
    table = load_counts(doc_ids, counts)
    unlabelled = sorted(groups[groups == ""].index)
    if unlabelled:
        log.info("no %s (left out): %s", column, ", ".join(unlabelled))
    freq = frequency_table(table, groups, group_name=column)
    write_tsv(freq, frequencies_out)
    sizes = group_totals(table, groups, group_name=column)
    sizes = sizes[sizes["tokens"] > 0].reset_index(drop=True)
    write_tsv(sizes, totals_out)
    write_tsv(
        group_keyness(freq, sizes, column=column, pairs=pairs, min_count=min_count), keyness_out
    )
    concept_docs = concept_document_table(table, docs)
    concept_docs[column] = concept_docs["doc_id"].map(groups)
    rates = concept_rates(
        concept_docs,
        by=column,
        order=list(sizes[column]),
        iterations=iterations,
        seed=seed,
        confidence=confidence,
    )
    write_tsv(rates, concepts_out)
    log.info("documents and tokens by %s:\n%s", column, sizes.to_string(index=False))


log = logging.getLogger("ordskifte")


def frequencies_step(
    documents: str,
    counts: Sequence[str],
    *,
    doc_ids: Sequence[str],
    period_order: Sequence[str],
    top_n: int,
    by_period_out: str,
    by_document_out: str,
    top_terms_out: str,
    totals_out: str,
    corpus_out: str,
) -> None:
    """Term frequencies per period, for the whole corpus (documents without a period
    included) and per document, top terms, and period sizes."""
    from ordskifte.tables.frequencies import (
        document_frequency_table,
        frequency_table,
        group_totals,
        top_terms,
        totals,
    )

    docs = read_documents(documents)
    table = load_counts(doc_ids, counts)
    periods = docs["period_used"]
    analysed = totals(table)
    empty = sorted(analysed[analysed == 0].index)
    if empty:
        log.warning(
            "%d document(s) have no analysed tokens and are left out of period statistics: %s "
            "(see results/corpus/summary.tsv)",
            len(empty),
            ", ".join(empty),
        )
    unperioded = sorted(set(analysed[analysed > 0].index) & set(periods[periods == ""].index))
    if unperioded:
        log.info("corpus-wide only (no period): %s", ", ".join(unperioded))
    by_period = _order(frequency_table(table, periods), "period", period_order)
    write_tsv(by_period, by_period_out)
    everything = pd.Series("all", index=periods.index)
    write_tsv(frequency_table(table, everything, group_name="corpus"), corpus_out)
    write_tsv(document_frequency_table(table, periods), by_document_out)
    write_tsv(_order(top_terms(by_period, n=top_n), "period", period_order), top_terms_out)
    period_totals = group_totals(table, periods, group_name="period", order=period_order)
    write_tsv(period_totals, totals_out)
    log.info("period sizes:\n%s", period_totals.to_string(index=False))


def _order(df: pd.DataFrame, column: str, order: Sequence[str]) -> pd.DataFrame:
    rank = {p: i for i, p in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)


def keyness_step(
    by_period: str,
    period_totals: str,
    *,
    target: str,
    reference: Sequence[str],
    min_count: int,
    out: str,
) -> None:
    """Keyness (G², log ratio) of one period against one or more reference periods."""
    from ordskifte.tables.keyness import keyness_table

    freq = read_tsv(by_period)
    sizes = read_tsv(period_totals).set_index("period")["tokens"]
    freq["period"] = freq["period"].astype(str)
    tgt = freq[freq["period"] == target].set_index("term")["count"]
    ref = freq[freq["period"].isin(reference)].groupby("term")["count"].sum()
    n_tgt = int(sizes.get(target, 0))
    n_ref = int(sizes.reindex(list(reference)).fillna(0).sum())
    if n_tgt == 0 or n_ref == 0:
        log.warning(
            "period %s (%d tokens) vs %s (%d tokens): one side is empty, table left empty",
            target,
            n_tgt,
            "+".join(reference),
            n_ref,
        )
        table = keyness_table(
            pd.Series(dtype="int64"), pd.Series(dtype="int64"), target_total=1, reference_total=1
        )
    else:
        table = keyness_table(
            tgt, ref, target_total=n_tgt, reference_total=n_ref, min_count=min_count
        )
    write_tsv(table, out)
    log.info(
        "%s (%d tokens) vs %s (%d tokens): %d terms, %d key for the target (G² ≥ 3.84)",
        target,
        n_tgt,
        "+".join(reference),
        n_ref,
        len(table),
        int(((table["direction"] == "target") & (table["g2"] >= 3.84)).sum()),
    )


def concepts_step(
    documents: str,
    counts: Sequence[str],
    *,
    doc_ids: Sequence[str],
    period_order: Sequence[str],
    iterations: int,
    confidence: float,
    seed: int,
    by_period_out: str,
    by_year_out: str,
    by_document_out: str,
    corpus_out: str,
) -> None:
    """Concept rates per period, per year and for the whole corpus (documents without a
    period included) with bootstrap intervals, and per document."""
    from ordskifte.tables.concepts import concept_document_table, concept_rates

    docs = read_documents(documents)
    table = concept_document_table(load_counts(doc_ids, counts), docs)
    kwargs = dict(iterations=iterations, seed=seed, confidence=confidence)
    by_period = concept_rates(table, by="period", order=period_order, **kwargs)
    write_tsv(by_period, by_period_out)
    write_tsv(concept_rates(table, by="year", **kwargs), by_year_out)
    write_tsv(concept_rates(table.assign(corpus="all"), by="corpus", **kwargs), corpus_out)
    per_doc = table.copy()
    per_doc["per_10k"] = 10_000 * per_doc["count"] / per_doc["n_tokens"]
    per_doc = per_doc[["concept", "doc_id", "period", "year", "count", "n_tokens", "per_10k"]]
    write_tsv(per_doc.sort_values(["concept", "doc_id"]).reset_index(drop=True), by_document_out)
    log.info(
        "concept rates per 10k tokens by period:\n%s",
        by_period.pivot(index="concept", columns="period", values="per_10k")
        .reindex(columns=[p for p in period_order if p in set(by_period["period"])])
        .round(1)
        .to_string(),
    )


def jsd_step(
    by_period: str, *, period_order: Sequence[str], top_terms: int, pairs_out: str, terms_out: str
) -> None:
    """Jensen–Shannon divergence between every pair of periods and its top terms."""
    from ordskifte.tables.concepts import period_divergence

    freq = read_tsv(by_period)
    freq["period"] = freq["period"].astype(str)
    term_counts = {p: g.set_index("term")["count"] for p, g in freq.groupby("period", sort=True)}
    pairs, terms = period_divergence(term_counts, order=period_order, top_terms=top_terms)
    write_tsv(pairs, pairs_out)
    write_tsv(terms, terms_out)
    log.info(
        "JSD between periods:\n%s", pairs[["period_a", "period_b", "jsd"]].to_string(index=False)
    )


def kwic_step(
    documents: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    patterns: Mapping[str, Sequence[str]],
    window: int,
    outputs: Mapping[str, str],
) -> None:
    """KWIC tables for every concept and target, reading each token table once."""
    from ordskifte.tables.kwic import (
        KWIC_READ_COLUMNS,
        document_matches,
        kwic_table,
        span_lines,
    )
    from ordskifte.text.patterns import compile_patterns

    docs = read_documents(documents)
    compiled = compile_patterns(patterns)
    lines: dict[str, list[dict]] = {name: [] for name in compiled}
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        df = read_parquet(path, columns=KWIC_READ_COLUMNS)
        meta = {
            "doc_id": doc_id,
            "period": docs.at[doc_id, "period_used"],
            "year": docs.at[doc_id, "year"],
        }
        for name, spans in document_matches(df, compiled).items():
            lines[name] += span_lines(df, spans, window=window, meta=meta)
    for name, out in outputs.items():
        table = kwic_table(lines[name])
        write_tsv(table, out)
        log.info("%s: %d lines in %d documents", name, len(table), table["doc_id"].nunique())


def summary_step(
    documents: str,
    extract_records: Sequence[str],
    clean_records: Sequence[str],
    counts: Sequence[str],
    *,
    doc_ids: Sequence[str],
    languages: Sequence[str],
    out: str,
    tokenize_records: Sequence[str] | None = None,
    concepts: Mapping[str, object] | None = None,
    targets: Mapping[str, object] | None = None,
    unmatched_out: str | None = None,
) -> None:
    """One row per manifest document with its status and what cleaning removed; and, to
    ``unmatched_out``, the ``concepts`` and ``targets`` that matched nothing in the corpus
    (each also a warning in the log)."""
    from ordskifte.tables.frequencies import totals
    from ordskifte.tables.summary import summary_row, summary_table, unmatched_families

    docs = read_documents(documents)
    table = load_counts(doc_ids, counts)
    tokens, content = totals(table), totals(table, which="content")
    rows = []
    tok_records = tokenize_records or [None] * len(doc_ids)
    for doc_id, ext, cln, tok in zip(
        doc_ids, extract_records, clean_records, tok_records, strict=True
    ):
        rows.append(
            summary_row(
                docs.loc[doc_id].to_dict(),
                extract=read_json(ext),
                clean=read_json(cln),
                tokenize=read_json(tok) if tok else {},
                tokens=int(tokens.get(doc_id, 0)),
                content_tokens=int(content.get(doc_id, 0)),
                languages=languages,
            )
        )
    summary = summary_table(rows)
    write_tsv(summary, out)
    if len(summary) != len(docs):
        raise ValueError(f"summary has {len(summary)} rows for {len(docs)} manifest rows")
    for status, n in summary["status"].str.split(":").str[0].value_counts().sort_index().items():
        log.info("%d document(s) %s", n, status)
    for _, row in summary[summary["status"].str.startswith("excluded")].iterrows():
        log.warning("%s %s", row["doc_id"], row["status"])
    if unmatched_out is None:
        return
    unmatched = unmatched_families(table, concepts=concepts or {}, targets=targets or {})
    write_tsv(unmatched, unmatched_out)
    for row in unmatched.itertuples():
        log.warning(
            "%s %r matched nothing in the %d analysed documents (%d word tokens): patterns %s "
            "(match %s); its counts and rates are zero and its KWIC table is empty: check the "
            "spelling of its patterns and their match mode (see %s)",
            row.kind,
            row.name,
            row.documents,
            row.tokens,
            row.patterns,
            row.match,
            unmatched_out,
        )
