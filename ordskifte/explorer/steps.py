"""The explorer's step: the workflow's tables in, ``results/explorer.html`` out.

A function of file paths and plain parameters, as every stage's steps, so the rule script
stays thin and the step can be tested without Snakemake. Every path comes from the caller
(the rule's ``input:``); nothing here knows where the workflow keeps its results.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

from ordskifte.explorer.budget import (
    Plan,
    entry_bytes,
    fit_min_count,
    line_limits,
    mean_line_bytes,
    plan,
)
from ordskifte.explorer.build import (
    Entries,
    FirstLines,
    Table,
    actor_entries,
    compact_line,
    concept_entries,
    doc_index,
    first_counted_spans,
    kept_terms,
    key,
    page_data,
    rates_of_years,
    render_page,
    target_entries,
    term_entries,
    term_period_counts,
    year_counts,
    year_tokens_of,
)
from ordskifte.io import read_parquet
from ordskifte.tables.kwic import span_lines

log = logging.getLogger("ordskifte")

# Bytes kept free under explorer.max_mb for what the size counts leave out (the commas after
# the last entry of each list).
PAGE_MARGIN_BYTES = 16
# The token table's columns the terms' KWIC lines are made from (the others are not read).
# The per-document table's columns the explorer reads (the per-10k rates are not).
BY_DOCUMENT_COLUMNS = ("doc_id", "term", "count")
TERM_LINE_COLUMNS = ("paragraph", "sentence", "page", "form", "term", "is_stopword")


def read_table(path: str | Path) -> Table:
    """A TSV written by :func:`ordskifte.io.write_tsv`, every cell as the text in the file
    (quoted cells, as the writer quotes them, unquoted)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        columns = next(reader, [])
        return Table(columns, [row for row in reader if row])


def read_columns(path: str | Path, columns: Sequence[str], *, counts: Sequence[str] = ()):
    """Only ``columns`` of a TSV written by :func:`ordskifte.io.write_tsv`, as a data frame:
    every cell the text in the file, as :func:`read_table` reads it, but the ``counts``
    columns as integers."""
    import pandas as pd

    return pd.read_csv(
        path,
        sep="\t",
        usecols=list(columns),
        dtype={c: ("int64" if c in counts else str) for c in columns},
        keep_default_na=False,
        na_filter=False,
    )[list(columns)]


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
        df = read_parquet(path, columns=TERM_LINE_COLUMNS)
        period = doc_periods.get(doc_id, "")
        wanted = [
            (term, (start, end))
            for term, start, end in first_counted_spans(df, keep, period=period, first=first)
        ]
        lines = span_lines(df, [span for _, span in wanted], window=window, meta={}, lemma=False)
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
    max_mb: float,
    window: int,
    out: str,
) -> None:
    """Write the explorer page from the workflow's tables.

    ``keyness`` maps each period to its ``{period}_vs_rest.tsv``; ``collocates`` and ``kwic``
    map each concept and target name to its table. Terms counted fewer than ``min_count``
    times in the whole corpus are left out; each entry keeps its first ``kwic_lines`` KWIC
    lines per period (0: all) and its top ``collocates_shown`` collocates per period (0: all).
    With ``max_mb`` (0: no limit) the page keeps fewer lines and terms until it fits (see
    :mod:`ordskifte.explorer.budget`). The page says what was left out.
    """
    if collocates_shown < 0:
        raise ValueError(f"explorer.collocates must be 0 (all) or more, got {collocates_shown}")
    if max_mb < 0:
        raise ValueError(f"explorer.max_mb must be 0 (no limit) or more, got {max_mb}")
    FirstLines(kwic_lines)  # checks the setting before any work
    docs = read_table(documents)
    index = doc_index(docs)
    doc_periods = {r["doc_id"]: r["period_used"] for r in docs.records()}
    doc_years = {r["doc_id"]: r["year"] for r in docs.records()}
    doc_tokens = {r["doc_id"]: int(r["tokens"]) for r in read_table(summary).records()}

    corpus_table = read_table(corpus)
    kept, _ = kept_terms(corpus_table, min_count=min_count)
    per_document = read_columns(by_document, BY_DOCUMENT_COLUMNS, counts=["count"])
    counts = term_period_counts(per_document, doc_periods=doc_periods, keep=set(kept))
    year_tokens = year_tokens_of(doc_years, doc_tokens)
    per_year = year_counts(
        per_document, doc_years=doc_years, year_tokens=year_tokens, keep=set(kept)
    )
    terms = _LazyTerms(
        kept,
        partial(
            term_entries,
            corpus=corpus_table,
            by_period=read_table(by_period),
            keyness={p: read_table(path) for p, path in keyness.items()},
            counts=counts,
        ),
        years=per_year,
        year_tokens=year_tokens,
    )
    others = partial(
        _other_kinds,
        concepts=concepts,
        targets=targets,
        tables={
            "concepts_by_period": read_table(concepts_by_period),
            "concepts_by_year": read_table(concepts_by_year),
            "concepts_corpus": read_table(concepts_corpus),
            "collocates": {name: read_table(path) for name, path in collocates.items()},
            "kwic": {name: read_table(path) for name, path in kwic.items()},
            "actors_by_period": read_table(actors_by_period),
            "actors_by_year": read_table(actors_by_year),
            "actors_kwic": read_table(actors_kwic),
        },
        doc_index=index,
        top=collocates_shown,
    )
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
    page = partial(
        _page,
        n_terms=len(corpus_table.rows),
        periods=[(p["name"], p.get("label", p["name"])) for p in periods],
        period_totals=read_table(period_totals),
        documents=docs,
        year_tokens={year: str(n) for year, n in year_tokens.items()},
        settings={
            "min_count": min_count,
            "kwic_lines": kwic_lines,
            "collocates": collocates_shown,
            "max_mb": max_mb,
            "window": window,
        },
        sources={name: str(path) for name, path in sources.items()},
    )

    # What fits: a plan by estimated line sizes, the lines, then the exact sizes. When the
    # estimate (the mean size of the other entries' lines) was too low, plan once more with
    # the mean size of the lines just built.
    room = None
    if max_mb:
        room = {
            limit: int(max_mb * 1_000_000)
            - len(page({"term": terms.of([]), **others(limit)}, Plan(0, 0)))
            - PAGE_MARGIN_BYTES
            for limit in line_limits(kwic_lines)
        }
    line_size = mean_line_bytes(
        [line for kind in others(kwic_lines).values() for line in _lines(kind)], window=window
    )
    base = _BaseBytes(terms, kept)  # without lines, computed for the terms plan() reaches
    for attempt in (1, 2):
        chosen = plan(
            counts,
            base=base,
            line_bytes=line_size,
            room=room,
            min_count=min_count,
            kwic_lines=kwic_lines,
        )
        keep = [t for t in kept if sum(counts[t].values()) >= chosen.min_count]
        lines = term_lines(
            tokens,
            doc_ids=doc_ids,
            doc_periods=doc_periods,
            keep=set(keep),
            first=FirstLines(chosen.kwic_lines),
            window=window,
            index=index,
        )
        built = terms.of(keep)
        for t in keep:
            built.entries[key("term", t)]["kwic"] = lines.get(key("term", t), [])
        if room is None:
            break
        sizes = _term_bytes(built, keep)
        fitted = fit_min_count(
            [(sum(counts[t].values()), sizes[t]) for t in keep],
            room=room[chosen.kwic_lines],
            min_count=chosen.min_count,
        )
        made = [line for t in keep for line in built.entries[key("term", t)]["kwic"]]
        if fitted == chosen.min_count or attempt == 2 or not made:
            chosen = Plan(fitted, chosen.kwic_lines)
            keep = [t for t in keep if sum(counts[t].values()) >= fitted]
            break
        line_size = mean_line_bytes(made, window=window)

    final = terms.of(keep)
    text = page({"term": final, **others(chosen.kwic_lines)}, chosen)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_bytes(text)
    log.info(
        "%s: %.2f MB; %d terms (%d left out), at most %s KWIC lines per entry and period",
        out,
        len(text) / 1e6,
        len(keep),
        len(corpus_table.rows) - len(keep),
        chosen.kwic_lines or "all",
    )
    if chosen != Plan(min_count, kwic_lines):
        log.warning(
            "to stay under explorer.max_mb = %s MB the page keeps %s KWIC lines per period "
            "(explorer.kwic_lines = %d) and the terms counted %d times or more "
            "(explorer.min_count = %d)",
            max_mb,
            chosen.kwic_lines or "all",
            kwic_lines,
            chosen.min_count,
            min_count,
        )
    if max_mb and len(text) > max_mb * 1_000_000:
        log.warning(
            "%s is %.1f MB, above explorer.max_mb even without terms: lower explorer.kwic_lines",
            out,
            len(text) / 1e6,
        )


def _other_kinds(
    limit: int,
    *,
    concepts: Sequence[str],
    targets: Sequence[str],
    tables: Mapping,
    doc_index: Mapping[str, int],
    top: int,
) -> dict[str, Entries]:
    """Concepts, targets and actors, each keeping ``limit`` KWIC lines per period."""
    shared = {"doc_index": doc_index, "first": FirstLines(limit)}
    colloc, kwic = tables["collocates"], tables["kwic"]
    return {
        "concept": concept_entries(
            concepts,
            by_period=tables["concepts_by_period"],
            by_year=tables["concepts_by_year"],
            corpus=tables["concepts_corpus"],
            collocates=colloc,
            kwic=kwic,
            top=top,
            **shared,
        ),
        "target": target_entries(targets, collocates=colloc, kwic=kwic, top=top, **shared),
        "actor": actor_entries(
            by_period=tables["actors_by_period"],
            by_year=tables["actors_by_year"],
            kwic=tables["actors_kwic"],
            **shared,
        ),
    }


def _lines(entries: Entries) -> list[list]:
    """Every KWIC line of a kind's entries."""
    return [line for entry in entries.entries.values() for line in entry.get("kwic", [])]


def _term_bytes(terms: Entries, names: Sequence[str]) -> dict[str, int]:
    """Bytes each named term's entry adds to the page, as it stands."""
    return {
        t: entry_bytes(key("term", t), terms.entries[key("term", t)], terms.totals[key("term", t)])
        for t in names
    }


class _BaseBytes(Mapping[str, int]):
    """Bytes each named term's entry adds to the page without its KWIC lines (as
    :func:`_term_bytes` counts them before the lines are built), computed when first asked
    for: the budget asks only for the terms it reaches, most frequent first."""

    def __init__(self, terms: Entries | _LazyTerms, names: Sequence[str]) -> None:
        self._terms, self._names, self._sizes = terms, list(names), {}
        self._known = set(self._names)

    def __getitem__(self, name: str) -> int:
        if name not in self._sizes:
            if name not in self._known:
                raise KeyError(name)
            k = key("term", name)
            terms = self._terms.of([name]) if isinstance(self._terms, _LazyTerms) else self._terms
            entry = {**terms.entries[k], "kwic": []}
            self._sizes[name] = entry_bytes(k, entry, terms.totals[k])
        return self._sizes[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _LazyTerms:
    """The kept terms' entries (:func:`~ordskifte.explorer.build.term_entries`), built when
    first asked for: a page under a size budget keeps a few thousand of a large corpus's
    hundred thousand terms, and only those (and the ones the budget weighs) are made.

    A term asked for is built with the terms after it in ``names`` (most frequent first) not
    built yet, a block that doubles each time, so the budget's walk down the terms builds
    them in a few passes over the tables. ``build`` is ``term_entries`` with every argument
    but the names and their ``years`` (made from ``years``, the counts per year, and
    ``year_tokens``).
    """

    FIRST_BLOCK = 4096

    def __init__(
        self,
        names: Sequence[str],
        build: Callable[..., Entries],
        *,
        years: Mapping[str, Mapping[str, int]],
        year_tokens: Mapping[str, int],
    ) -> None:
        self._names, self._build = list(names), build
        self._at = {name: i for i, name in enumerate(self._names)}
        self._years, self._year_tokens = years, year_tokens
        self._made = self._build([], years={})
        self._block = self.FIRST_BLOCK

    def of(self, names: Sequence[str]) -> Entries:
        """The entries of the named terms (of ``names``), in their order; building those
        not built yet. The entries are the ones kept here: changes to them stay."""
        missing = [t for t in names if key("term", t) not in self._made.entries]
        if missing:
            start = min(self._at[t] for t in missing)
            block = [
                t
                for t in self._names[start : start + self._block]
                if key("term", t) not in self._made.entries
            ]
            self._block *= 2
            wanted = list(dict.fromkeys([*block, *missing]))
            made = self._build(
                wanted,
                years={
                    t: rates_of_years(self._years[t], self._year_tokens)
                    for t in wanted
                    if t in self._years
                },
            )
            self._made.entries.update(made.entries)
            self._made.totals.update(made.totals)
        keys = [key("term", t) for t in names]
        return Entries(
            columns=self._made.columns,
            entries={k: self._made.entries[k] for k in keys},
            totals={k: self._made.totals[k] for k in keys if k in self._made.totals},
        )


def _page(kinds: Mapping[str, Entries], chosen: Plan, *, n_terms: int, settings, **common) -> bytes:
    """The page's bytes: ``common`` goes to :func:`page_data` as it is; ``left_out`` counts
    the terms of the corpus table (``n_terms``) not kept and the KWIC lines not kept."""
    entries = [e for kind in kinds.values() for e in kind.entries.values()]
    offered = sum(n for e in entries for n in e.get("kwic_total", {}).values())
    shown = sum(len(e.get("kwic", [])) for e in entries)
    used = {"min_count": chosen.min_count, "kwic_lines": chosen.kwic_lines}
    data = page_data(
        kinds,
        settings={**settings, "used": used},
        left_out={"terms": n_terms - len(kinds["term"].entries), "kwic_lines": offered - shown},
        **common,
    )
    return render_page(data).encode("utf-8")
