"""The explorer's data: what the page shows for each term, concept, target and actor.

Every number shown for an entry is the string its table holds, read as text and never parsed
and formatted again, so the page says exactly what the TSV says. The one exception is the
per-year rate of a term, which no table holds: it is computed here from
``frequencies/by_document.tsv`` and each document's word tokens, and formatted the way the
tables format floats (:data:`ordskifte.io.FLOAT_FORMAT`).

An entry's key is ``kind:name`` (``term:selvhjelp``, ``concept:frivillig``, ``target:selvhjelp``,
``actor:Mental Helse``); the page's address ``#term=selvhjelp`` opens it. Keyword-in-context
lines are stored compactly as ``[doc, page, paragraph, sentence, left, match, right]`` with
``doc`` an index into the page's document list.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd

from ordskifte.io import FLOAT_FORMAT
from ordskifte.tables.kwic import is_in

KINDS = ("term", "concept", "target", "actor")
# The fields of a KWIC line on the page, in the order they are stored.
LINE_FIELDS = ("doc", "page", "paragraph", "sentence", "left", "match", "right")
# Where the page template expects its data (inside a <script type="application/json">).
DATA_MARKER = "__EXPLORER_DATA__"


@dataclass(frozen=True)
class Table:
    """A TSV as text: its header and its rows, every cell the string written in the file."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, str]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def others(self, *keys: str) -> list[str]:
        """The columns but ``keys``, in the table's order."""
        return [c for c in self.columns if c not in keys]


def key(kind: str, name: str) -> str:
    """The entry key of a name of one kind: ``term:selvhjelp``."""
    if kind not in KINDS:
        raise ValueError(f"unknown explorer entry kind {kind!r}; expected one of {KINDS}")
    return f"{kind}:{name}"


def grouped(
    table: Table,
    *,
    entry: str,
    by: str | None = None,
    drop: Sequence[str] = (),
    keep: Container[str] | None = None,
) -> dict[str, Any]:
    """Rows of ``table`` by the value of their ``entry`` column: each row as the list of its
    other columns' strings (``table.others(entry, by, *drop)``), keyed by its ``by`` column
    when given (one row per entry and ``by`` value), else a list of rows in table order.
    With ``keep``, only entries in it."""
    leave = [entry, *([by] if by else []), *drop]
    wanted = [table.columns.index(c) for c in table.others(*leave)]
    at_entry = table.columns.index(entry)
    at_by = table.columns.index(by) if by else None
    out: dict[str, Any] = {}
    for row in table.rows:
        name = row[at_entry]
        if keep is not None and name not in keep:
            continue
        values = [row[i] for i in wanted]
        if at_by is None:
            out.setdefault(name, []).append(values)
        else:
            out.setdefault(name, {})[row[at_by]] = values
    return out


def kept_terms(corpus: Table, *, min_count: int) -> tuple[list[str], int]:
    """The terms of the whole-corpus frequency table counted at least ``min_count`` times, in
    the table's order (most frequent first), and how many terms were left out."""
    if min_count < 1:
        raise ValueError(f"explorer.min_count must be at least 1, got {min_count}")
    at_term, at_count = corpus.columns.index("term"), corpus.columns.index("count")
    kept = [row[at_term] for row in corpus.rows if int(row[at_count]) >= min_count]
    return kept, len(corpus.rows) - len(kept)


# ------------------------------------------------------------------ KWIC lines
class FirstLines:
    """Keeps the first ``limit`` KWIC lines of each entry and period (``limit`` 0: all of
    them) and counts every line offered, kept or not."""

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError(f"explorer.kwic_lines must be 0 (all) or more, got {limit}")
        self.limit = limit
        self.seen: dict[str, dict[str, int]] = {}

    def take(self, entry: str, period: str) -> bool:
        """Count one line of ``entry`` in ``period``; True if it is among the first ``limit``."""
        counts = self.seen.setdefault(entry, {})
        n = counts.get(period, 0)
        counts[period] = n + 1
        return not self.limit or n < self.limit

    def take_first(self, entry: str, period: str, n: int) -> int:
        """Count ``n`` lines of ``entry`` in ``period`` at once; how many of them, from the
        first, are kept (as ``n`` calls of :meth:`take` would keep)."""
        counts = self.seen.setdefault(entry, {})
        before = counts.get(period, 0)
        counts[period] = before + n
        return n if not self.limit else max(0, min(n, self.limit - before))

    def totals(self, entry: str) -> dict[str, int]:
        """Lines offered per period for ``entry`` (kept or not)."""
        return dict(self.seen.get(entry, {}))


def counted_spans(tokens, keep: Collection[str]) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` of every occurrence of a kept term in one document's token table,
    in text order: exactly the tokens the frequency tables count (not a stopword, ``term`` not
    empty). A multi-word term (``psykisk_helsearbeid``) sits on its first token and spans one
    token per part (the tokenizer joins the parts' lemmas with ``_``; tokens never hold one)."""
    if not len(tokens):
        return []
    term = tokens["term"]
    hit = (
        ~tokens["is_stopword"].to_numpy(dtype=bool)
        & (term != "").to_numpy(dtype=bool)
        & term.isin(keep).to_numpy(dtype=bool)
    )
    positions = np.flatnonzero(hit)
    found = term.iloc[positions].tolist()
    return [(t, i, i + 1 + t.count("_")) for t, i in zip(found, positions.tolist(), strict=True)]


def first_counted_spans(
    tokens, keep: Collection[str], *, period: str, first: FirstLines
) -> list[tuple[str, int, int]]:
    """The spans of :func:`counted_spans` that ``first`` keeps, each offered to it as the
    line of its term's entry (``term:...``) in ``period``, in text order.

    The same as taking each span in turn with :meth:`FirstLines.take`, but counted per term
    at once: the occurrences of a frequent term after its first lines are never made, and
    ``keep`` is looked up once per distinct term of the document (in one vectorised look-up),
    and only the names of the kept terms present are taken out of the table."""
    if not len(tokens):
        return []
    codes, uniques = pd.factorize(tokens["term"])
    wanted = np.append(is_in(uniques.array, keep) & (uniques != "").to_numpy(dtype=bool), False)
    positions = np.flatnonzero(wanted[codes] & ~tokens["is_stopword"].to_numpy(dtype=bool))
    codes = codes[positions]
    counts = np.bincount(codes, minlength=len(uniques))
    present = np.flatnonzero(counts)
    names = np.empty(len(uniques), dtype=object)  # the names of the terms present only
    names[present] = uniques.take(present).tolist()
    allowed = np.zeros(len(uniques), dtype=np.int64)
    allowed[present] = [
        first.take_first(key("term", names[u]), period, int(counts[u])) for u in present.tolist()
    ]
    order = np.argsort(codes, kind="stable")
    rank = np.empty(len(codes), dtype=np.int64)
    rank[order] = np.arange(len(codes)) - np.repeat(np.cumsum(counts) - counts, counts)
    chosen = np.flatnonzero(rank < allowed[codes])
    found = names[codes[chosen]].tolist()
    starts = positions[chosen].tolist()
    return [(t, i, i + 1 + t.count("_")) for t, i in zip(found, starts, strict=True)]


def compact_line(line: Mapping[str, Any], *, doc: int) -> list:
    """A KWIC line (:func:`ordskifte.tables.kwic.span_lines` or a KWIC table's row) as stored on the
    page: ``doc`` index, then page, paragraph, sentence, left, match, right as strings."""
    return [doc, *(str(line[f]) for f in LINE_FIELDS[1:])]


def table_lines(
    table: Table,
    *,
    kind: str,
    name: str | None = None,
    column: str | None = None,
    doc_index: Mapping[str, int],
    first: FirstLines,
) -> dict[str, list[list]]:
    """The first lines of each entry of a KWIC table, by entry key, in the table's order: every
    line belongs to ``name`` (``results/kwic/{name}.tsv``), or to the name in its ``column``
    (``results/actors/kwic.tsv`` by ``actor``). An entry named without lines gets none."""
    if (name is None) == (column is None):
        raise ValueError("table_lines needs either a name or a column")
    out: dict[str, list[list]] = {key(kind, name): []} if name is not None else {}
    for record in table.records():
        k = key(kind, name if name is not None else record[column])
        lines = out.setdefault(k, [])
        if first.take(k, record["period"]):
            lines.append(compact_line(record, doc=doc_index[record["doc_id"]]))
    return out


# ------------------------------------------------------------------ per year
def year_tokens_of(doc_years: Mapping[str, str], doc_tokens: Mapping[str, int]) -> dict[str, int]:
    """The word tokens of each year: of the documents with that ``year`` and some word tokens
    (``doc_tokens``, the corpus summary's ``tokens``), as in ``drift/concepts_by_year.tsv``."""
    year_tokens: dict[str, int] = {}
    for doc, year in doc_years.items():
        if year and doc_tokens.get(doc, 0) > 0:
            year_tokens[year] = year_tokens.get(year, 0) + doc_tokens[doc]
    return year_tokens


def year_rates(
    by_document: pd.DataFrame,
    *,
    doc_years: Mapping[str, str],
    doc_tokens: Mapping[str, int],
    keep: Collection[str],
) -> tuple[dict[str, str], dict[str, dict[str, list[str]]]]:
    """Each kept term's count and rate per 10,000 word tokens in every year it occurs in.

    ``by_document`` holds the ``doc_id``, ``term`` and ``count`` columns of
    ``frequencies/by_document.tsv`` (:func:`ordskifte.explorer.steps.read_columns`). The
    documents of a year are those of :func:`year_tokens_of`. Returns the word tokens of each
    year (as strings) and, per term, ``{year: [count, tokens, per_10k]}`` for the years where
    it occurs (elsewhere its count and rate are 0).
    """
    year_tokens = year_tokens_of(doc_years, doc_tokens)
    counts = year_counts(by_document, doc_years=doc_years, year_tokens=year_tokens, keep=keep)
    rates = {term: rates_of_years(per_year, year_tokens) for term, per_year in counts.items()}
    return {year: str(n) for year, n in year_tokens.items()}, rates


def year_counts(
    by_document: pd.DataFrame,
    *,
    doc_years: Mapping[str, str],
    year_tokens: Mapping[str, int],
    keep: Collection[str],
) -> dict[str, dict[str, int]]:
    """Each kept term's count in every year of ``year_tokens`` it occurs in (documents
    without a year, or of a year without word tokens, are left out)."""
    years = by_document["doc_id"].map(doc_years).fillna("")
    counted = years.isin(list(year_tokens)).to_numpy(dtype=bool)
    return _summed(by_document, years, counted, keep)


def rates_of_years(per_year: Mapping[str, int], year_tokens: Mapping[str, int]) -> dict:
    """``{year: [count, tokens, per_10k]}`` of a term's counts per year, as strings, the rate
    formatted the way the tables format floats."""
    return {
        year: [str(n), str(year_tokens[year]), FLOAT_FORMAT % (10_000 * n / year_tokens[year])]
        for year, n in per_year.items()
    }


def _summed(
    by_document: pd.DataFrame, groups: pd.Series, counted: np.ndarray, keep: Collection[str]
) -> dict[str, dict[str, int]]:
    """The ``count`` of the kept terms' rows where ``counted``, summed by term and by the
    row's value of ``groups``: terms and groups in the order they first occur."""
    term = by_document["term"]
    chosen = counted & is_in(term, keep)
    sums = by_document["count"][chosen].groupby([term[chosen], groups[chosen]], sort=False).sum()
    out: dict[str, dict[str, int]] = {}
    names, values = sums.index.get_level_values(0), sums.index.get_level_values(1)
    for name, value, n in zip(names.tolist(), values.tolist(), sums.tolist(), strict=True):
        out.setdefault(name, {})[value] = n
    return out


# ------------------------------------------------------------------ entries
@dataclass
class Entries:
    """Entries of one kind: ``columns`` names the value columns of each part (``rates``,
    ``years``, ``corpus``, ``keyness``, ``collocates``), ``entries`` holds each entry's parts
    by key, and ``totals`` each entry's total count as a string (for the completion list)."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    totals: dict[str, str] = field(default_factory=dict)


def _add(entries: dict[str, dict], kind: str, part: str, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        entries.setdefault(key(kind, name), {})[part] = value


def _add_lines(entries: dict[str, dict], lines: Mapping[str, list], first: FirstLines) -> None:
    for k, rows in lines.items():
        entries.setdefault(k, {})["kwic"] = rows
        entries[k]["kwic_total"] = first.totals(k)


def _first_rows(
    table: Table, *, entry: str, drop: Sequence[str] = (), keep: Container[str]
) -> dict[str, list[str]]:
    """The one row of each kept entry of a table with one row per entry."""
    return {n: rows[0] for n, rows in grouped(table, entry=entry, drop=drop, keep=keep).items()}


def _counts(table: Table, *, kind: str, entry: str, keep: Container[str]) -> dict[str, str]:
    """The ``count`` of each kept entry of a table with one row per entry, by entry key."""
    at_name, at_count = table.columns.index(entry), table.columns.index("count")
    return {key(kind, r[at_name]): r[at_count] for r in table.rows if r[at_name] in keep}


def term_period_counts(
    by_document: pd.DataFrame, *, doc_periods: Mapping[str, str], keep: Collection[str]
) -> dict[str, dict[str, int]]:
    """Each kept term's count per period (``""`` for documents without one), from the
    per-document table (its ``doc_id``, ``term`` and ``count`` columns): as many as its KWIC
    lines, which are the counted occurrences."""
    periods = by_document["doc_id"].map(doc_periods).fillna("")
    return _summed(by_document, periods, np.ones(len(by_document), dtype=bool), keep)


def term_entries(
    kept: Sequence[str],
    *,
    corpus: Table,
    by_period: Table,
    keyness: Mapping[str, Table],
    years: Mapping[str, Mapping[str, list[str]]],
    counts: Mapping[str, Mapping[str, int]],
) -> Entries:
    """The kept terms: their rows of the whole-corpus and per-period frequency tables, their
    keyness against the rest in each period (``keyness``: period → its ``_vs_rest`` table; a
    term below ``keyness.min_count`` has no row) and per-year rates. Their KWIC lines come
    later (``kwic`` is empty); ``kwic_total`` holds their ``counts`` per period."""
    keep = set(kept)
    out = Entries()
    out.columns = {
        "corpus": corpus.others("corpus", "term"),
        "rates": by_period.others("period", "term"),
        "years": ["count", "tokens", "per_10k"],
    }
    out.entries = {key("term", t): {"kwic": [], "kwic_total": dict(counts[t])} for t in kept}
    _add(
        out.entries, "term", "corpus", _first_rows(corpus, entry="term", drop=["corpus"], keep=keep)
    )
    _add(out.entries, "term", "rates", grouped(by_period, entry="term", by="period", keep=keep))
    _add(out.entries, "term", "years", years)
    for period, table in keyness.items():
        out.columns["keyness"] = table.others("term")
        for term, row in _first_rows(table, entry="term", keep=keep).items():
            out.entries[key("term", term)].setdefault("keyness", {})[period] = row
    out.totals = _counts(corpus, kind="term", entry="term", keep=keep)
    return out


def _named_tables(
    out: Entries,
    kind: str,
    names: Sequence[str],
    collocates: Mapping[str, Table],
    kwic: Mapping[str, Table],
    *,
    doc_index: Mapping[str, int],
    first: FirstLines,
    top: int,
) -> None:
    """Add the tables of each concept or target ``name``: its top ``top`` collocates per
    period (0: all) from ``collocates[name]``, and its KWIC lines from ``kwic[name]``."""
    for name in names:
        if name in collocates:
            table = collocates[name]
            out.columns["collocates"] = table.others("period")
            out.entries[key(kind, name)]["collocates"] = {
                period: rows[:top] if top else rows
                for period, rows in grouped(table, entry="period").items()
            }
        lines = table_lines(kwic[name], kind=kind, name=name, doc_index=doc_index, first=first)
        _add_lines(out.entries, lines, first)


def concept_entries(
    names: Sequence[str],
    *,
    by_period: Table,
    by_year: Table,
    corpus: Table,
    collocates: Mapping[str, Table],
    kwic: Mapping[str, Table],
    doc_index: Mapping[str, int],
    first: FirstLines,
    top: int,
) -> Entries:
    """The concepts: their rates with intervals by period, by year and over the corpus, their
    top ``top`` collocates per period (0: all) and their KWIC lines (``kwic``: name → table)."""
    keep = set(names)
    out = Entries()
    out.columns = {
        "rates": by_period.others("concept", "period"),
        "years": by_year.others("concept", "year"),
        "corpus": corpus.others("concept", "corpus"),
    }
    out.entries = {key("concept", n): {} for n in names}
    _add(
        out.entries, "concept", "rates", grouped(by_period, entry="concept", by="period", keep=keep)
    )
    _add(out.entries, "concept", "years", grouped(by_year, entry="concept", by="year", keep=keep))
    _add(
        out.entries,
        "concept",
        "corpus",
        _first_rows(corpus, entry="concept", drop=["corpus"], keep=keep),
    )
    _named_tables(
        out, "concept", names, collocates, kwic, doc_index=doc_index, first=first, top=top
    )
    out.totals = _counts(corpus, kind="concept", entry="concept", keep=keep)
    return out


def target_entries(
    names: Sequence[str],
    *,
    collocates: Mapping[str, Table],
    kwic: Mapping[str, Table],
    doc_index: Mapping[str, int],
    first: FirstLines,
    top: int,
) -> Entries:
    """The targets: their collocates and KWIC lines (no table holds their rates; the number of
    KWIC lines of each period is their count of hits)."""
    out = Entries()
    out.entries = {key("target", n): {} for n in names}
    _named_tables(out, "target", names, collocates, kwic, doc_index=doc_index, first=first, top=top)
    out.totals = {key("target", n): str(len(kwic[n].rows)) for n in names}
    return out


def actor_entries(
    *,
    by_period: Table,
    by_year: Table,
    kwic: Table,
    doc_index: Mapping[str, int],
    first: FirstLines,
) -> Entries:
    """The actors: their mentions and rates with intervals by period and by year, their type,
    and their KWIC lines (``results/actors/kwic.tsv``)."""
    out = Entries()
    out.columns = {
        "rates": by_period.others("actor", "type", "period"),
        "years": by_year.others("actor", "type", "year"),
    }
    _add(
        out.entries, "actor", "rates", grouped(by_period, entry="actor", by="period", drop=["type"])
    )
    _add(out.entries, "actor", "years", grouped(by_year, entry="actor", by="year", drop=["type"]))
    for record in by_period.records():
        out.entries[key("actor", record["actor"])]["type"] = record["type"]
    _add_lines(
        out.entries,
        table_lines(kwic, kind="actor", column="actor", doc_index=doc_index, first=first),
        first,
    )
    for k, entry in out.entries.items():
        out.totals[k] = str(sum(entry.get("kwic_total", {}).values()))
    return out


# ------------------------------------------------------------------ the page
def page_data(
    kinds: Mapping[str, Entries],
    *,
    periods: Sequence[tuple[str, str]],
    period_totals: Table,
    documents: Table,
    year_tokens: Mapping[str, str],
    settings: Mapping[str, int],
    left_out: Mapping[str, int],
    sources: Mapping[str, str],
) -> dict[str, Any]:
    """Everything the page needs, as one JSON-ready object.

    ``index`` lists every entry key with its total count, most frequent first (ties by key),
    for the completion list; ``docs`` lists ``[doc_id, year, period, title]`` sorted by
    doc_id (KWIC lines refer to it by position); ``settings`` and ``left_out`` say what was
    kept; ``sources`` names the tables the numbers come from.
    """
    totals = {k: v for entries in kinds.values() for k, v in entries.totals.items()}
    entries = {k: v for e in kinds.values() for k, v in e.entries.items()}
    for k in entries:
        totals.setdefault(k, "0")
    index = sorted(totals.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    docs = sorted(documents.records(), key=lambda r: r["doc_id"])
    return {
        "columns": {kind: e.columns for kind, e in kinds.items()},
        "docs": [[d["doc_id"], d["year"], d["period_used"], d["title"]] for d in docs],
        "entries": entries,
        "index": [[k, v] for k, v in index],
        "left_out": dict(left_out),
        "period_totals": grouped(period_totals, entry="period"),
        "periods": [[name, label] for name, label in periods],
        "settings": dict(settings),
        "sources": dict(sources),
        "year_tokens": dict(year_tokens),
    }


def doc_index(documents: Table) -> dict[str, int]:
    """Position of each document in the page's document list (sorted by doc_id)."""
    ids = sorted(r["doc_id"] for r in documents.records())
    return {d: i for i, d in enumerate(ids)}


def embed_json(data: Any) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element: keys sorted, no spaces,
    UTF-8 text kept, and ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 written as
    ``\\u`` escapes, so no string in the data (``</script>``, ``<!--``) can end the element.
    Those characters occur only inside JSON strings, where the escapes mean the same."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in ("&", "<", ">", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def page_template() -> str:
    """The page (markup, style and script) shipped as ``ordskifte/explorer/page.html``."""
    return files("ordskifte.explorer").joinpath("page.html").read_text(encoding="utf-8")


def render_page(data: Any, template: str | None = None) -> str:
    """The page with ``data`` in place of its data marker."""
    template = page_template() if template is None else template
    if template.count(DATA_MARKER) != 1:
        raise ValueError(f"the explorer template must hold {DATA_MARKER} exactly once")
    return template.replace(DATA_MARKER, embed_json(data))


def read_page_data(html: str) -> dict[str, Any]:
    """The data a page built by :func:`render_page` holds (for tests and other tools)."""
    start_tag = '<script type="application/json" id="explorer-data">'
    start = html.index(start_tag) + len(start_tag)
    return json.loads(html[start : html.index("</script>", start)])
