"""Semantic-drift steps: collocates and neighbour overlap, word shifts, and their figures.

Like :mod:`ordskifte.tables.steps`, each function takes file paths and plain parameters so the
rule scripts stay thin adapters and the steps can be tested without Snakemake.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.corpus import read_documents
from ordskifte.io import read_parquet, read_tsv, write_tsv

log = logging.getLogger("ordskifte")


def collocates_step(
    documents: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    patterns: Mapping[str, Sequence[str]],
    period_order: Sequence[str],
    window: int,
    min_freq: int,
    min_target_freq: int,
    top_k: int,
    iterations: int,
    confidence: float,
    seed: int,
    outputs: Mapping[str, str],
    overlap_out: str,
    evidence_out: str,
    context: int,
    evidence_lines: int,
) -> None:
    """Collocate tables of every target and concept, their neighbour overlap, and KWIC
    evidence for the top collocates.

    Reads each token table twice (counts, then the evidence lines of the top ``top_k``
    collocates of each period, at most ``evidence_lines`` per collocate, ±``context``
    words); documents without a period are left out (collocates are compared between
    periods).
    """
    from ordskifte.semantic.collocates import (
        COOCCURRENCE_COLUMNS,
        COUNT_COLUMNS,
        EVIDENCE_COLUMNS,
        EVIDENCE_READ_COLUMNS,
        collocate_evidence,
        collocate_table,
        cooccurrence_by_name,
        document_matches,
        neighbour_overlap,
    )
    from ordskifte.text.patterns import compile_patterns

    docs = read_documents(documents)
    compiled = compile_patterns(patterns)
    co_frames: dict[str, list] = {name: [] for name in compiled}
    doc_frames = []
    matches = {}  # each document's hits, found once for the counts and the evidence
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        period = docs.at[doc_id, "period_used"]
        if period not in period_order:
            continue
        df = read_parquet(path, columns=COUNT_COLUMNS)
        matches[doc_id] = document_matches(df, compiled)
        by_name, per_doc = cooccurrence_by_name(
            df, compiled, window=window, doc_id=doc_id, period=period, matches=matches[doc_id]
        )
        for name, rows in by_name.items():
            co_frames[name].append(rows)
        doc_frames.append(per_doc)
    per_document = pd.concat(doc_frames, ignore_index=True) if doc_frames else None
    overlaps, tops = [], {}
    for name in sorted(compiled):
        if per_document is None:
            raise ValueError("collocates: no document with a period to analyse")
        # Each name's rows gathered apart: the same rows, in the same order, as filtering
        # all names' rows by name.
        co = (
            pd.concat(co_frames[name], ignore_index=True)
            if co_frames[name]
            else pd.DataFrame(columns=list(COOCCURRENCE_COLUMNS))
        )
        nd = per_document[per_document["name"] == name]
        table = collocate_table(
            co, nd, period_order=period_order, min_freq=min_freq, min_target_freq=min_target_freq
        )
        write_tsv(table, outputs[name])
        for period, group in table.groupby("period"):
            tops[(name, period)] = set(group.head(top_k)["collocate"].astype(str))
        overlaps.append(
            neighbour_overlap(
                co,
                nd,
                name=name,
                period_order=period_order,
                k=top_k,
                min_freq=min_freq,
                min_target_freq=min_target_freq,
                iterations=iterations,
                seed=seed,
                confidence=confidence,
            )
        )
        hits = nd.groupby("period")["target_freq"].sum().reindex(period_order).fillna(0)
        for period, n in hits.items():
            if n < min_target_freq:
                log.warning(
                    "%s in %s: %d hits, fewer than collocates.min_target_freq = %d: its "
                    "collocates are marked thin",
                    name,
                    period,
                    n,
                    min_target_freq,
                )
        log.info("%s: %d collocates; hits per period %s", name, len(table), hits.to_dict())
    overlap = pd.concat(overlaps, ignore_index=True)
    write_tsv(overlap, overlap_out)
    lines = []
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        period = docs.at[doc_id, "period_used"]
        if not any((name, period) in tops for name in compiled):
            continue
        df = read_parquet(path, columns=EVIDENCE_READ_COLUMNS)
        for name in sorted(compiled):
            meta = {
                "name": name,
                "doc_id": doc_id,
                "period": period,
                "year": docs.at[doc_id, "year"],
            }
            collocates = tops.get((name, period), set())
            lines += collocate_evidence(
                df,
                compiled[name],
                collocates,
                window=window,
                context=context,
                meta=meta,
                spans=matches[doc_id][name],
            )
    rank = {p: i for i, p in enumerate(period_order)}
    evidence = pd.DataFrame(lines, columns=list(EVIDENCE_COLUMNS))
    evidence = evidence.assign(_rank=evidence["period"].map(rank)).sort_values(
        ["name", "_rank", "collocate"], kind="mergesort"
    )
    evidence = evidence.groupby(["name", "period", "collocate"], sort=False).head(evidence_lines)
    write_tsv(evidence.drop(columns="_rank").reset_index(drop=True), evidence_out)
    log.info(
        "neighbour overlap:\n%s",
        overlap[["name", "period_a", "period_b", "jaccard", "ci_low", "ci_high", "thin"]].to_string(
            index=False
        ),
    )


def word_shift_step(
    by_period: str, *, period_order: Sequence[str], top_terms: int, out: str
) -> None:
    """Jensen–Shannon word shifts between consecutive periods."""
    from ordskifte.tables.concepts import word_shifts

    freq = read_tsv(by_period)
    freq["period"] = freq["period"].astype(str)
    freq["term"] = freq["term"].astype(str)
    term_counts = {p: g.set_index("term")["count"] for p, g in freq.groupby("period", sort=True)}
    table = word_shifts(term_counts, order=period_order, top_terms=top_terms)
    write_tsv(table, out)
    log.info("%d word-shift rows", len(table))


def semantic_change_pair_step(
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    periods: Sequence[str],
    pair: Sequence[str],
    window: int,
    min_freq: int,
    dimensions: int,
    iterations: int,
    confidence: float,
    seed: int,
    out: str,
    max_words: int = 0,
) -> None:
    """Cosine change of the frequent words from one period to the next (aligned PPMI-SVD
    vectors, at most ``max_words`` words per period), with bootstrap stability; rarer words
    listed as too rare.

    ``tokens`` are the token tables of the two periods' documents, ``doc_ids`` and
    ``periods`` each document's id and period (in the order of ``tokens``), ``pair`` the two
    periods in time order. One job per pair, so that a new document reruns only the pairs of
    its own period (rule ``semantic_change`` joins them).
    """
    from ordskifte.semantic.vectors import (
        CONTENT_COLUMNS,
        content_sequence,
        period_counts,
        semantic_change,
    )

    a, b = pair
    sequences: dict[str, list] = {a: [], b: []}
    for _, period, path in sorted(zip(doc_ids, periods, tokens, strict=True)):
        if period not in sequences:
            raise ValueError(f"a token table of period {period!r} given for the pair {a} -> {b}")
        sequences[period].append(content_sequence(read_parquet(path, columns=CONTENT_COLUMNS)))
    for period, seqs in sequences.items():
        if not seqs:
            raise ValueError(f"period {period!r} of the pair {a} -> {b} has no document")
    counts = {
        p: period_counts(seqs, window=window, min_freq=min_freq, max_words=max_words)
        for p, seqs in sequences.items()
    }
    table = semantic_change(
        counts[a],
        counts[b],
        names=(a, b),
        dimensions=dimensions,
        iterations=iterations,
        seed=seed,
        confidence=confidence,
    )
    ranked = table[table["status"] == "ranked"]
    log.info(
        "%s -> %s: %d words ranked (at least %d occurrences in each period), %d too rare, "
        "%d beyond the %d most frequent (vectors.max_words); most changed: %s",
        a,
        b,
        len(ranked),
        min_freq,
        int((table["status"] == "too rare").sum()),
        int((table["status"] == "beyond max_words").sum()),
        max_words,
        ", ".join(ranked["term"].head(10)),
    )
    if len(ranked) < 2 * dimensions:
        log.warning(
            "%s -> %s: only %d words frequent in both periods, so the vectors have at "
            "most %d of vectors.dimensions = %d dimensions and rest on little data; read "
            "the ranking with its interval and stability",
            a,
            b,
            len(ranked),
            len(ranked) // 2,
            dimensions,
        )
    write_tsv(table, out)


def semantic_change_step(pairs: Sequence[str], *, out: str) -> None:
    """Join the tables of :func:`semantic_change_pair_step`, in time order, into one.

    The tables are joined as text (one header, then each table's rows), so each pair's
    numbers are written once, as its own job wrote them. No pair (fewer than two periods
    with documents) gives the header alone.
    """
    from ordskifte.semantic.vectors import CHANGE_COLUMNS

    header = "\t".join(CHANGE_COLUMNS) + "\n"
    rows = []
    for path in pairs:
        with open(path, encoding="utf-8", newline="") as file:
            first = file.readline()
            if first != header:
                raise ValueError(
                    f"{path}: not a semantic-change table (its header is {first.strip()!r}, "
                    f"expected {header.strip()!r}); delete it and rerun"
                )
            rows.append(file.read())
    with open(out, "w", encoding="utf-8", newline="") as file:
        file.write(header + "".join(rows))
    log.info("semantic change: %d pairs of periods joined into %s", len(pairs), out)


def compounds_step(
    documents: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    patterns: Mapping[str, Sequence[str]],
    period_order: Sequence[str],
    out: str,
) -> None:
    """The compound audit: which words each target and concept matched per period, split
    into modifier and head with the lemma lexicon."""
    from ordskifte.semantic.compounds import compound_audit
    from ordskifte.text.compounds import simplemma_decompounder
    from ordskifte.text.patterns import compile_patterns

    docs = read_documents(documents)
    frames = []
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        period = docs.at[doc_id, "period_used"]
        if period not in period_order:
            continue
        df = read_parquet(path, columns=["term", "lemma", "targets", "concepts"])
        for column in ("targets", "concepts"):
            tagged = df[df[column] != ""]
            word = tagged["term"].where(tagged["term"] != "", tagged["lemma"]).astype(str)
            frames.append(
                pd.DataFrame({"name": tagged[column].astype(str).str.split("|"), "word": word})
                .explode("name")
                .assign(period=period, doc_id=doc_id)
            )
    hits = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["name", "period", "doc_id", "word"])
    )
    hits = hits[hits["name"].isin(list(patterns))]
    table = compound_audit(
        hits,
        compile_patterns(patterns),
        simplemma_decompounder(("nb", "nn")),
        period_order=period_order,
    )
    write_tsv(table, out)
    for name, group in table.groupby("name"):
        log.info(
            "%s: %d words matched; by role %s",
            name,
            group["word"].nunique(),
            group.groupby("role")["count"].sum().to_dict(),
        )


def births_step(
    documents: str,
    by_period: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    period_order: Sequence[str],
    min_freq: int,
    window: int,
    per_term: int,
    events_out: str,
    evidence_out: str,
) -> None:
    """Term births and deaths between the periods, with their first KWIC lines."""
    from ordskifte.semantic.births import births_and_deaths, evidence_table

    freq = read_tsv(by_period)
    freq["period"] = freq["period"].astype(str)
    freq["term"] = freq["term"].astype(str)
    events = births_and_deaths(freq, period_order=period_order, min_freq=min_freq)
    lines = _evidence_lines(events, documents, doc_ids, tokens, window=window)
    write_tsv(events, events_out)
    write_tsv(evidence_table(lines, per_term=per_term), evidence_out)
    for (event, period), group in events.groupby(["event", "period"], sort=False):
        log.info(
            "%s in %s: %d terms (%s)", event, period, len(group), ", ".join(group["term"].head(10))
        )


def term_evidence_step(
    documents: str,
    word_shift: str,
    semantic_change: str,
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    shift_terms: int,
    change_terms: int,
    window: int,
    per_term: int,
    out: str,
) -> None:
    """KWIC lines of the terms the word-shift and semantic-change tables rank highest, from
    both periods of each pair: the evidence behind those two figures."""
    from ordskifte.semantic.births import shifted_terms, term_evidence_table

    tables = []
    for path in (word_shift, semantic_change):
        table = read_tsv(path)
        for col in ("period_a", "period_b", "term"):
            table[col] = table[col].astype(str)
        tables.append(table)
    events = shifted_terms(
        {"word_shift": (tables[0], shift_terms), "semantic_change": (tables[1], change_terms)}
    )
    lines = _evidence_lines(events, documents, doc_ids, tokens, window=window, per_term=per_term)
    table = term_evidence_table(lines, events, per_term=per_term)
    write_tsv(table, out)
    found = table.groupby(["source", "term"]).ngroups
    log.info(
        "%d lines for %d of %d ranked terms (word shift and semantic change)",
        len(table),
        found,
        events.groupby(["source", "term"]).ngroups,
    )


def _evidence_lines(
    events: pd.DataFrame,
    documents: str,
    doc_ids: Sequence[str],
    tokens: Sequence[str],
    *,
    window: int,
    per_term: int | None = None,
) -> list[dict]:
    """KWIC lines of the events' terms (:func:`ordskifte.semantic.births.evidence`, at most
    ``per_term`` per event and term from each document) from every document of a period the
    events name; other documents' token tables are not read."""
    from ordskifte.semantic.births import EVIDENCE_READ_COLUMNS, evidence

    docs = read_documents(documents)
    periods = set(events["period"])
    lines = []
    for doc_id, path in zip(doc_ids, tokens, strict=True):
        meta = {
            "doc_id": doc_id,
            "period": docs.at[doc_id, "period_used"],
            "year": docs.at[doc_id, "year"],
        }
        if meta["period"] in periods:
            lines += evidence(
                events,
                read_parquet(path, columns=EVIDENCE_READ_COLUMNS),
                meta=meta,
                window=window,
                per_term=per_term,
            )
    return lines
