"""The explorer's shortcuts held to the code they replace: the budget's sizes read lazily
(most frequent first, as far as the room lasts) against every size at once, a term's KWIC
lines counted per document at once (:meth:`FirstLines.take_first`,
:func:`first_counted_spans`) against one :meth:`FirstLines.take` per occurrence, and the
per-document table read by column position against the same sums over its records."""

from __future__ import annotations

import random
from functools import partial

import pandas as pd
import pytest

from ordskifte.explorer.budget import (
    Plan,
    entry_bytes,
    fit_min_count,
    fit_min_count_descending,
    json_bytes,
    line_limits,
    lines_kept,
    plan,
)
from ordskifte.explorer.build import (
    Entries,
    FirstLines,
    Table,
    counted_spans,
    first_counted_spans,
    key,
    rates_of_years,
    term_entries,
    term_period_counts,
    year_rates,
)
from ordskifte.explorer.steps import _BaseBytes, _LazyTerms, _term_bytes, read_columns, read_table
from ordskifte.io import FLOAT_FORMAT, write_tsv
from ordskifte.text.tokenize import tokens_frame

WORDS = ["selvhjelp", "viktig", "psykisk_helsearbeid", "og", "", "kommune", "a_b_c"]


def _random_tokens(rng: random.Random, n: int):
    terms = [rng.choice(WORDS) for _ in range(n)]
    return tokens_frame(
        {
            "paragraph": [i // 7 for i in range(n)],
            "sentence": [i // 3 for i in range(n)],
            "page": [None] * n,
            "language": ["nb"] * n,
            "token": terms,
            "form": terms,
            "lemma": terms,
            "term": terms,
            "is_stopword": [rng.random() < 0.2 for _ in range(n)],
            "concepts": [""] * n,
            "targets": [""] * n,
        }
    )


@pytest.mark.parametrize("limit", [0, 1, 2, 5])
def test_take_first_keeps_what_take_one_by_one_keeps(limit):
    rng = random.Random(limit)
    bulk, single = FirstLines(limit), FirstLines(limit)
    for _ in range(200):
        entry, period, n = rng.choice("xyz"), rng.choice(["a", "b", ""]), rng.randint(0, 4)
        kept = [single.take(entry, period) for _ in range(n)]
        assert kept == [True] * sum(kept) + [False] * (n - sum(kept))
        assert bulk.take_first(entry, period, n) == sum(kept)
    assert bulk.seen == single.seen


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_first_counted_spans_are_counted_spans_taken_one_by_one(limit):
    rng = random.Random(limit)
    bulk, single = FirstLines(limit), FirstLines(limit)
    for doc in range(8):
        tokens = _random_tokens(rng, rng.choice([0, 1, 40, 300]))
        keep = set(rng.sample(WORDS, 4))
        period = rng.choice(["a", "b", ""])
        expected = [
            span
            for span in counted_spans(tokens, keep)
            if single.take(key("term", span[0]), period)
        ]
        assert first_counted_spans(tokens, keep, period=period, first=bulk) == expected, doc
        assert bulk.seen == single.seen


def test_first_counted_spans_literal():
    tokens = tokens_frame(
        {
            "paragraph": [0] * 6,
            "sentence": [0] * 6,
            "page": [1] * 6,
            "form": ["A", "B", "og", "A", "C", "A"],
            "lemma": ["a", "b_c", "og", "a", "", "a"],
            "term": ["a", "b_c", "og", "a", "", "a"],
            "is_stopword": [False, False, True, False, False, False],
        }
    )
    first = FirstLines(2)
    spans = first_counted_spans(tokens, {"a", "b_c", "og", ""}, period="p", first=first)
    assert spans == [("a", 0, 1), ("b_c", 1, 3), ("a", 3, 4)]
    assert first.totals("term:a") == {"p": 3}


def _records_period_counts(by_document, doc_periods, keep):
    """The code term_period_counts replaced: one dict per record."""
    counts = {}
    for record in by_document.records():
        if record["term"] in keep:
            per_period = counts.setdefault(record["term"], {})
            period = doc_periods.get(record["doc_id"], "")
            per_period[period] = per_period.get(period, 0) + int(record["count"])
    return counts


def _records_year_counts(by_document, doc_years, years, keep):
    """The code year_rates' counting replaced: one dict per record."""
    counts = {}
    for record in by_document.records():
        year = doc_years.get(record["doc_id"], "")
        if not year or year not in years or record["term"] not in keep:
            continue
        per_year = counts.setdefault(record["term"], {})
        per_year[year] = per_year.get(year, 0) + int(record["count"])
    return counts


def test_per_document_sums_by_position_equal_the_sums_by_record():
    rng = random.Random(7)
    docs = [f"d{i}" for i in range(6)]
    rows = [
        [rng.choice(docs), "p", rng.choice(WORDS[:4]), str(rng.randint(1, 9)), "1.0"]
        for _ in range(300)
    ]
    # columns in another order than the writer's: the positions come from the header
    table = Table(
        ["period", "doc_id", "count", "per_10k", "term"],
        [[r[1], r[0], r[3], r[4], r[2]] for r in rows],
    )
    doc_periods = {"d0": "a", "d1": "a", "d2": "b", "d3": "", "d4": "b"}
    doc_years = {"d0": "1990", "d1": "", "d2": "2005", "d3": "2005", "d4": "1990", "d5": "2001"}
    doc_tokens = {"d0": 100, "d1": 50, "d2": 0, "d3": 70, "d4": 30, "d5": 20}
    keep = {"selvhjelp", "og", "viktig"}
    frame = _by_document_frame(table)
    counts = term_period_counts(frame, doc_periods=doc_periods, keep=keep)
    expected = _records_period_counts(table, doc_periods, keep)
    assert counts == expected
    assert list(counts) == list(expected)
    assert [list(c) for c in counts.values()] == [list(c) for c in expected.values()]
    year_tokens, rates = year_rates(frame, doc_years=doc_years, doc_tokens=doc_tokens, keep=keep)
    expected = _records_year_counts(table, doc_years, year_tokens, keep)
    assert {t: {y: int(v[0]) for y, v in r.items()} for t, r in rates.items()} == expected
    assert [list(r) for r in rates.values()] == [list(r) for r in expected.values()]
    assert list(rates) == list(expected)
    assert rates == _records_year_rates(table, doc_years, doc_tokens, keep)


def _by_document_frame(table):
    """The columns of a per-document table the explorer reads, as read_columns reads them."""
    at = [table.columns.index(c) for c in ("doc_id", "term", "count")]
    return pd.DataFrame(
        [[r[at[0]], r[at[1]], int(r[at[2]])] for r in table.rows],
        columns=["doc_id", "term", "count"],
    )


def _records_year_rates(by_document, doc_years, doc_tokens, keep):
    """The code year_rates replaced, counting and formatting in one loop over the table."""
    year_tokens = {}
    for doc, year in doc_years.items():
        if year and doc_tokens.get(doc, 0) > 0:
            year_tokens[year] = year_tokens.get(year, 0) + doc_tokens[doc]
    counts = _records_year_counts(by_document, doc_years, year_tokens, keep)
    return {
        term: {
            year: [str(n), str(year_tokens[year]), FLOAT_FORMAT % (10_000 * n / year_tokens[year])]
            for year, n in per_year.items()
        }
        for term, per_year in counts.items()
    }


def test_read_columns_reads_the_cells_read_table_reads(tmp_path):
    path = tmp_path / "by_document.tsv"
    rows = [
        ["d1", "a", "NA", "3", "1.5"],
        ["NA", "", 'x "y"', "12", "nan"],
        ["d 2", "b", "a\tb", "0", ""],
        ["null", "a", " lead", "7", "1e5"],
        ["d3", "a", "tab\there", "1", "2"],
        ["d4", "a", "ny\nlinje", "2", "2"],
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "period", "term", "count", "per_10k"])
    frame["count"] = frame["count"].astype(int)
    write_tsv(frame, path)
    table = read_table(path)
    read = read_columns(path, ["doc_id", "term", "count"], counts=["count"])
    assert list(read.columns) == ["doc_id", "term", "count"]
    assert read["count"].tolist() == [int(r[table.columns.index("count")]) for r in table.rows]
    assert read.equals(_by_document_frame(table))


@pytest.mark.parametrize("first_block", [1, 2, 5, 4096])
def test_lazy_terms_are_the_entries_of_term_entries(first_block, monkeypatch):
    rng = random.Random(first_block)
    names = [f"t{i}" for i in range(30)]
    corpus = Table(
        ["corpus", "term", "count", "per_10k"],
        [["all", t, str(100 - i), "1.5"] for i, t in enumerate(names)],
    )
    by_period = Table(
        ["period", "term", "count", "per_10k"],
        [[p, t, str(rng.randint(1, 9)), "0.1"] for t in names for p in "ab" if rng.random() < 0.7],
    )
    keyness = {
        p: Table(["term", "g2"], [[t, str(rng.random())] for t in names if rng.random() < 0.5])
        for p in "ab"
    }
    counts = {t: {"a": rng.randint(1, 5), "": rng.randint(0, 2)} for t in names}
    years = {t: {"1990": rng.randint(1, 5)} for t in names if rng.random() < 0.6}
    year_tokens = {"1990": 1234}
    tables = {"corpus": corpus, "by_period": by_period, "keyness": keyness, "counts": counts}
    rates = {t: rates_of_years(c, year_tokens) for t, c in years.items()}
    whole = term_entries(names, years=rates, **tables)
    monkeypatch.setattr(_LazyTerms, "FIRST_BLOCK", first_block)
    lazy = _LazyTerms(names, partial(term_entries, **tables), years=years, year_tokens=year_tokens)
    assert lazy.of([]).columns == whole.columns
    for _ in range(6):
        wanted = rng.sample(names, rng.randint(0, 8))
        got = lazy.of(wanted)
        assert got.columns == whole.columns
        assert got.entries == {key("term", t): whole.entries[key("term", t)] for t in wanted}
        assert got.totals == {key("term", t): whole.totals[key("term", t)] for t in wanted}
    sizes = _BaseBytes(lazy, names)
    assert dict(sizes) == _term_bytes(whole, names)


@pytest.mark.parametrize(
    ("name", "total"),
    [("term:selvhjelp", "193"), ("actor:A&B <C>", "0"), ("term:\u2028æøå\u2029", "12"), ("", "")],
)
def test_entry_bytes_counts_the_row_as_its_json(name, total):
    entry = {"kwic": [[0, "1", "2", "3", "</script>", name, "ø"]], "kwic_total": {"a": 1}}
    expected = json_bytes(name) + 1 + json_bytes(entry) + 1 + json_bytes([name, total]) + 1
    assert entry_bytes(name, entry, total) == expected


def _old_plan(counts, *, base, line_bytes, room, min_count, kwic_lines):
    """The code plan() replaced: every term's size, then fit_min_count."""
    if room is None:
        return Plan(min_count, kwic_lines)
    limits = line_limits(kwic_lines)
    for limit in limits:
        sizes = [
            (sum(c.values()), base[t] + int(line_bytes * lines_kept(c.values(), limit)))
            for t, c in counts.items()
        ]
        fitted = fit_min_count(sizes, room=room[limit], min_count=min_count)
        if fitted == min_count or limit == limits[-1]:
            return Plan(fitted, limit)
    raise AssertionError


@pytest.mark.parametrize("seed", range(40))
def test_fit_min_count_descending_is_fit_min_count(seed):
    rng = random.Random(seed)
    sizes = [(rng.randint(1, 12), rng.randint(0, 50)) for _ in range(rng.randint(0, 30))]
    sizes.sort(key=lambda cs: -cs[0])
    for room in (0, 10, 60, 150, 400, 10_000):
        for min_count in (1, 3, 13):
            assert fit_min_count_descending(sizes, room=room, min_count=min_count) == (
                fit_min_count(sizes, room=room, min_count=min_count)
            ), (sizes, room, min_count)


@pytest.mark.parametrize("seed", range(40))
def test_plan_reading_sizes_lazily_is_the_plan_of_all_sizes(seed):
    rng = random.Random(seed)
    names = [f"t{i}" for i in range(rng.randint(0, 40))]
    counts = {t: {p: rng.randint(0, 30) for p in rng.sample("abc", 2)} for t in names}
    counts = {t: c for t, c in counts.items() if sum(c.values())}
    base = {t: rng.randint(20, 200) for t in counts}
    kwic_lines = rng.choice([0, 2, 10, 25])
    room = {limit: rng.randint(0, 8000) for limit in line_limits(kwic_lines)}
    for r in (room, None):
        options = {"base": base, "line_bytes": 45.5, "room": r, "kwic_lines": kwic_lines}
        for min_count in (1, 4):
            assert plan(counts, min_count=min_count, **options) == _old_plan(
                counts, min_count=min_count, **options
            )


def test_base_bytes_are_the_term_bytes_before_the_lines():
    terms = Entries(
        entries={
            "term:a": {"kwic": [], "kwic_total": {"p": 2}, "corpus": ["2", "0.5"]},
            "term:b<": {"kwic": [], "kwic_total": {"p": 1}},
        },
        totals={"term:a": "2", "term:b<": "1"},
    )
    before = _term_bytes(terms, ["a", "b<"])
    lazy = _BaseBytes(terms, ["a", "b<"])
    terms.entries["term:a"]["kwic"] = [[0, "1", "0", "0", "x", "a", "y"]]  # lines come later
    assert dict(lazy) == before
    assert list(lazy) == ["a", "b<"]
    with pytest.raises(KeyError):
        lazy["c"]
