"""Term births and deaths: words frequent in one period and absent from every period before
(a birth) or after (a death), with keyword-in-context lines as evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd

from ordskifte.tables.kwic import KWIC_COLUMNS, is_in, span_lines, values_at
from ordskifte.text.patterns import compile_pattern, find_matches

EVENT_COLUMNS = ("event", "period", "term", "count", "n_docs", "absent_from")
EVIDENCE_COLUMNS = ("event", "term", *KWIC_COLUMNS)


def births_and_deaths(
    by_period: pd.DataFrame, *, period_order: Sequence[str], min_freq: int
) -> pd.DataFrame:
    """Terms born or dying in a period.

    A term is *born* in period *p* when it occurs at least ``min_freq`` times in *p* and never
    in any earlier period (the first period has no births: nothing is known before it); it
    *dies* after *p* when it occurs at least ``min_freq`` times in *p* and never in a later
    period (the last period has no deaths). Absence is absence from the corpus, not from the
    language: with small periods many births and deaths are just topics of single documents,
    which ``n_docs`` shows.

    Parameters
    ----------
    by_period : DataFrame
        ``period, term, count, doc_freq`` (``results/frequencies/by_period.tsv``).

    Returns
    -------
    DataFrame
        Columns :data:`EVENT_COLUMNS` (``absent_from`` lists the periods without the term),
        births then deaths, periods in order, then by count (most first) and term.
    """
    if min_freq < 1:
        raise ValueError(f"births.min_freq must be at least 1, got {min_freq}")
    present = [p for p in period_order if p in set(by_period["period"].astype(str))]
    counts = by_period.pivot_table(
        index="term", columns="period", values="count", aggfunc="sum", fill_value=0
    ).reindex(columns=present, fill_value=0)
    docs = by_period.pivot_table(
        index="term", columns="period", values="doc_freq", aggfunc="sum", fill_value=0
    ).reindex(columns=present, fill_value=0)
    rows = []
    for event, others in (("birth", lambda i: present[:i]), ("death", lambda i: present[i + 1 :])):
        for i, period in enumerate(present):
            absent = others(i)
            if not absent:
                continue
            hit = (counts[period] >= min_freq) & (counts[absent].sum(axis=1) == 0)
            for term in counts.index[hit]:
                rows.append(
                    (
                        event,
                        period,
                        str(term),
                        int(counts.at[term, period]),
                        int(docs.at[term, period]),
                        ", ".join(absent),
                        i,
                    )
                )
    out = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "_rank"])
    out = out.sort_values(
        ["event", "_rank", "count", "term"], ascending=[True, True, False, True], kind="mergesort"
    )
    return out.drop(columns="_rank").reset_index(drop=True)


EVIDENCE_READ_COLUMNS = ("paragraph", "sentence", "page", "token", "form", "lemma")
"""The token-table columns :func:`evidence` reads (its KWIC lines included)."""


def evidence(
    events: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    meta: dict,
    window: int,
    per_term: int | None = None,
) -> list[dict]:
    """KWIC lines of one document for the events of its period.

    A term is matched on its tokens or lemmas (a multi-word term ``psykisk_helsearbeid`` as
    the lemma sequence "psykisk helsearbeid"). ``meta`` gives the document's ``doc_id``,
    ``period`` and ``year``. With ``per_term``, only the first that many lines of each event
    and term are kept (the tables keep no more, in document order).

    Single-word terms (nearly all) are found in one pass over the document, not one pass per
    term: a corpus of millions of tokens has thousands of births.
    """
    chosen = events.loc[events["period"] == meta["period"], ["event", "term"]].values
    if not len(chosen) or not len(tokens):
        return []
    terms = {str(term) for _, term in chosen}
    single = {t.lower() for t in terms if "_" not in t}
    positions: dict[str, list[tuple[int, int]]] = {t: [] for t in single}
    for i, token, lemma in _single_word_hits(tokens, single):
        for word in {token, lemma} & single:
            positions[word].append((i, i + 1))
    columns = None  # token, lemma and sentence lists, made for the first multi-word term
    wanted: list[tuple[str, str, tuple[int, int]]] = []
    for event, term in chosen:
        name = str(term)
        if "_" in name:
            if columns is None:
                columns = [tokens[c].tolist() for c in ("token", "lemma", "sentence")]
            spans = find_matches(
                columns[0],
                columns[1],
                [compile_pattern(name.replace("_", " "))],
                sentences=columns[2],
            )
        else:
            _check_pattern(name)  # raises on a term that is no pattern, as the matcher did
            spans = positions[name.lower()]
        wanted += [(event, term, span) for span in spans[:per_term]]
    lines = span_lines(tokens, [span for _, _, span in wanted], window=window, meta=meta)
    return [
        {"event": event, "term": term, **line}
        for (event, term, _), line in zip(wanted, lines, strict=True)
    ]


@cache
def _check_pattern(term: str) -> None:
    """Raise ``ValueError`` if ``term`` is no pattern (:func:`compile_pattern`): once per
    term, however many documents a period has."""
    compile_pattern(term)


def _single_word_hits(tokens: pd.DataFrame, words: set[str]) -> list[tuple[int, str, str]]:
    """``(position, token, lemma)`` of the tokens whose token or lemma is in ``words``.

    What ``tokens["token"].isin(words) | tokens["lemma"].isin(words)`` finds, looked up in
    Arrow (:func:`~ordskifte.tables.kwic.is_in`), with only the hits' strings taken out.
    """
    hits = np.flatnonzero(is_in(tokens["token"], words) | is_in(tokens["lemma"], words))
    token, lemma = values_at(tokens, hits, ("token", "lemma"))
    return [(i, token[i], lemma[i]) for i in hits.tolist()]


def evidence_table(lines: list[dict], *, per_term: int) -> pd.DataFrame:
    """The first ``per_term`` lines of each event and term, by document and position."""
    df = pd.DataFrame(lines, columns=list(EVIDENCE_COLUMNS))
    df = df.sort_values(["event", "term", "doc_id", "paragraph", "sentence"], kind="mergesort")
    return df.groupby(["event", "term"], sort=False).head(per_term).reset_index(drop=True)


TERM_EVIDENCE_COLUMNS = ("source", "period_a", "period_b", "term")


def shifted_terms(ranked: Mapping[str, tuple[pd.DataFrame, int]]) -> pd.DataFrame:
    """The terms ranked highest in tables of period pairs, as evidence events.

    ``ranked`` maps a source name (``word_shift``, ``semantic_change``) to its table
    (``period_a, period_b, rank, term``; unranked rows have no rank) and the number of terms
    per pair to take (the terms its figure shows). Each is listed twice, once for each period
    of its pair, so that :func:`evidence` finds its lines on both sides.

    Returns
    -------
    DataFrame with columns ``event`` (``"<source> <period_a>-><period_b>"``), ``source``,
    ``period_a``, ``period_b``, ``term`` and ``period`` (the side).
    """
    rows = []
    for source, (table, n_terms) in ranked.items():
        top = table[pd.to_numeric(table["rank"], errors="coerce") <= n_terms]
        for a, b, term in top[["period_a", "period_b", "term"]].itertuples(index=False):
            for side in (a, b):
                rows.append((f"{source} {a}->{b}", source, a, b, str(term), side))
    columns = ["event", *TERM_EVIDENCE_COLUMNS, "period"]
    return pd.DataFrame(rows, columns=columns)


def term_evidence_table(lines: list[dict], events: pd.DataFrame, *, per_term: int) -> pd.DataFrame:
    """The first ``per_term`` KWIC lines of each ranked term in each period of its pair.

    ``lines`` come from :func:`evidence` with ``events`` from :func:`shifted_terms`.
    """
    keys = events.drop_duplicates("event").set_index("event")[["source", "period_a", "period_b"]]
    df = pd.DataFrame(lines, columns=list(EVIDENCE_COLUMNS))
    df = df.join(keys, on="event").drop(columns="event")
    order = ["source", "period_a", "period_b", "term", "period", "doc_id", "paragraph", "sentence"]
    df = df.sort_values(order, kind="mergesort")
    df = df.groupby(order[:5], sort=False).head(per_term)
    rest = [c for c in EVIDENCE_COLUMNS if c not in ("event", "term")]
    return df[[*TERM_EVIDENCE_COLUMNS, *rest]].reset_index(drop=True)
