"""The explorer's step: the workflow's tables in, ``results/explorer.html`` out.

A function of file paths and plain parameters, as every stage's steps, so the rule script
stays thin and the step can be tested without Snakemake. Every path comes from the caller
(the rule's ``input:``); nothing here knows where the workflow keeps its results.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from ordskifte.explorer.build import (
    FirstLines,
    Table,
    actor_entries,
    compact_line,
    concept_entries,
    counted_spans,
    doc_index,
    kept_terms,
    key,
    page_data,
    render_page,
    target_entries,
    term_entries,
    year_rates,
)
from ordskifte.io import read_parquet
from ordskifte.kwic import span_lines

log = logging.getLogger("ordskifte")

# Above this the page is slow to open; the log says which settings keep less.
SIZE_WARNING_BYTES = 5_000_000


def read_table(path: str | Path) -> Table:
    """A TSV written by :func:`ordskifte.io.write_tsv`, every cell as the text in the file
    (quoted cells, as the writer quotes them, unquoted)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        columns = next(reader, [])
        return Table(columns, [row for row in reader if row])


def term_lines(
    tokens: Sequence[str],
    *,
    doc_ids: Sequence[str],
    doc_periods: Mapping[str, str],
    keep: set[str],
    first: FirstLines,
    window: int,
    index: Mapping[str, int],
) -> dict[str, list[list]]:
    """The first KWIC lines of every kept term in each period, read from the token tables in
    doc_id order (the order of the KWIC tables), by entry key."""
    out: dict[str, list[list]] = {}
    for doc_id, path in sorted(zip(doc_ids, tokens, strict=True)):
        df = read_parquet(path)
        period = doc_periods.get(doc_id, "")
        wanted = [
            (term, (start, end))
            for term, start, end in counted_spans(df, keep)
            if first.take(key("term", term), period)
        ]
        lines = span_lines(df, [span for _, span in wanted], window=window, meta={})
        for (term, _), line in zip(wanted, lines, strict=True):
            out.setdefault(key("term", term), []).append(compact_line(line, doc=index[doc_id]))
    return out


def explorer_step(
    *,
    documents: str,
    summary: str,
    tokens: Sequence[str],
    doc_ids: Sequence[str],
    by_period: str,
    by_document: str,
    corpus: str,
    period_totals: str,
    keyness: Mapping[str, str],
    concepts_by_period: str,
    concepts_by_year: str,
    concepts_corpus: str,
    collocates: Mapping[str, str],
    kwic: Mapping[str, str],
    actors_by_period: str,
    actors_by_year: str,
    actors_kwic: str,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    targets: Sequence[str],
    min_count: int,
    kwic_lines: int,
    collocates_shown: int,
    window: int,
    out: str,
) -> None:
    """Write the explorer page from the workflow's tables.

    ``keyness`` maps each period to its ``{period}_vs_rest.tsv``; ``collocates`` and ``kwic``
    map each concept and target name to its table. Terms counted fewer than ``min_count``
    times in the whole corpus are left out; each entry keeps its first ``kwic_lines`` KWIC
    lines per period (0: all) and its top ``collocates_shown`` collocates per period (0: all);
    the page says what was left out.
    """
    docs = read_table(documents)
    index = doc_index(docs)
    doc_periods = {r["doc_id"]: r["period_used"] for r in docs.records()}
    doc_years = {r["doc_id"]: r["year"] for r in docs.records()}
    doc_tokens = {r["doc_id"]: int(r["tokens"]) for r in read_table(summary).records()}
    first = FirstLines(kwic_lines)
    if collocates_shown < 0:
        raise ValueError(f"explorer.collocates must be 0 (all) or more, got {collocates_shown}")

    corpus_table = read_table(corpus)
    kept, terms_left_out = kept_terms(corpus_table, min_count=min_count)
    keep = set(kept)
    year_tokens, years = year_rates(
        read_table(by_document), doc_years=doc_years, doc_tokens=doc_tokens, keep=keep
    )
    lines = term_lines(
        tokens,
        doc_ids=doc_ids,
        doc_periods=doc_periods,
        keep=keep,
        first=first,
        window=window,
        index=index,
    )
    kwic_tables = {name: read_table(path) for name, path in kwic.items()}
    colloc_tables = {name: read_table(path) for name, path in collocates.items()}
    kinds = {
        "term": term_entries(
            kept,
            corpus=corpus_table,
            by_period=read_table(by_period),
            keyness={p: read_table(path) for p, path in keyness.items()},
            years=years,
            lines=lines,
            first=first,
        ),
        "concept": concept_entries(
            concepts,
            by_period=read_table(concepts_by_period),
            by_year=read_table(concepts_by_year),
            corpus=read_table(concepts_corpus),
            collocates=colloc_tables,
            kwic=kwic_tables,
            doc_index=index,
            first=first,
            top=collocates_shown,
        ),
        "target": target_entries(
            targets,
            collocates=colloc_tables,
            kwic=kwic_tables,
            doc_index=index,
            first=first,
            top=collocates_shown,
        ),
        "actor": actor_entries(
            by_period=read_table(actors_by_period),
            by_year=read_table(actors_by_year),
            kwic=read_table(actors_kwic),
            doc_index=index,
            first=first,
        ),
    }
    offered = sum(n for counts in first.seen.values() for n in counts.values())
    shown = sum(len(e.get("kwic", [])) for k in kinds.values() for e in k.entries.values())
    sources = {
        "by_period": by_period,
        "by_document": by_document,
        "corpus": corpus,
        "period_totals": period_totals,
        "summary": summary,
        "concepts_by_period": concepts_by_period,
        "concepts_by_year": concepts_by_year,
        "concepts_corpus": concepts_corpus,
        "actors_by_period": actors_by_period,
        "actors_by_year": actors_by_year,
        "actors_kwic": actors_kwic,
        **{f"keyness:{p}": path for p, path in keyness.items()},
        **{f"collocates:{n}": path for n, path in collocates.items()},
        **{f"kwic:{n}": path for n, path in kwic.items()},
    }
    data = page_data(
        kinds,
        periods=[(p["name"], p.get("label", p["name"])) for p in periods],
        period_totals=read_table(period_totals),
        documents=docs,
        year_tokens=year_tokens,
        settings={
            "min_count": min_count,
            "kwic_lines": kwic_lines,
            "collocates": collocates_shown,
            "window": window,
        },
        left_out={
            "terms": terms_left_out,
            "kwic_lines": offered - shown,
        },
        sources={name: str(path) for name, path in sources.items()},
    )
    page = render_page(data).encode("utf-8")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_bytes(page)
    log.info(
        "%s: %.2f MB; %d terms (%d below min_count %d left out), %d KWIC lines (%d left out)",
        out,
        len(page) / 1e6,
        len(kept),
        terms_left_out,
        min_count,
        shown,
        offered - shown,
    )
    if len(page) > SIZE_WARNING_BYTES:
        log.warning(
            "%s is %.1f MB: raise explorer.min_count or lower explorer.kwic_lines to keep less",
            out,
            len(page) / 1e6,
        )
