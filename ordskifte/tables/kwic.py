"""Keyword in context: every match of a concept or target with its surroundings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ordskifte.text.patterns import Pattern, find_matches, starting_words

KWIC_COLUMNS = [
    "doc_id",
    "period",
    "year",
    "page",
    "paragraph",
    "sentence",
    "left",
    "match",
    "right",
    "lemma",
]


SPAN_COLUMNS = ("lemma", "form", "paragraph", "sentence", "page")
"""The token-table columns :func:`span_lines` reads."""
MATCH_COLUMNS = ("token", "lemma", "sentence")
"""The token-table columns :func:`document_matches` reads."""
KWIC_READ_COLUMNS = tuple(dict.fromkeys(MATCH_COLUMNS + SPAN_COLUMNS))
"""The token-table columns the KWIC job reads."""


def positions_near(
    spans: Iterable[tuple[int, int]], *, before: int, after: int, n: int
) -> np.ndarray:
    """The positions from ``before`` words before each ``(start, end)`` span (end exclusive)
    to ``after`` words after it, within ``0..n - 1``: ascending, without repeats."""
    ranges = [np.arange(max(start - before, 0), min(end + after, n)) for start, end in spans]
    return np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *ranges]))


def is_in(values: object, words: Iterable[str]) -> np.ndarray:
    """Whether each of ``values`` (a column of strings; a missing value is in nothing) is one
    of ``words``, looked up in Arrow at once: pandas' ``isin`` on Arrow strings makes an
    Arrow scalar of every word, at every call."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(values, from_pandas=True)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = array.cast(pa.large_string())  # e.g. an empty or all-missing object column
    found = pc.is_in(array, value_set=pa.array(sorted(words), type=array.type))
    return found.to_numpy(zero_copy_only=False).astype(bool)


def values_at(
    tokens: pd.DataFrame, positions: np.ndarray, columns: Sequence[str]
) -> list[dict[int, object]]:
    """For each of ``columns``, ``{position: value}`` at ``positions`` (ascending, no
    repeats, e.g. :func:`positions_near`), taken out of Arrow for those positions only: what
    a job that reads a few words around its hits needs, without making whole columns into
    lists. Missing values are ``None``."""
    import pyarrow as pa

    wanted = pa.array(np.asarray(positions, dtype=np.int64))
    keys = wanted.to_pylist()
    return [
        dict(zip(keys, pa.array(tokens[c], from_pandas=True).take(wanted).to_pylist(), strict=True))
        for c in columns
    ]


class _Words:
    """A column of ``n`` words of which only some positions were read (``{position: word}``):
    all that :func:`~ordskifte.text.patterns.find_matches` reads from given candidates."""

    def __init__(self, values: Mapping[int, str], n: int) -> None:
        self._values, self._n = values, n

    def __getitem__(self, i: int) -> str:
        return self._values[i]

    def __len__(self) -> int:
        return self._n


def document_matches(
    tokens: pd.DataFrame, patterns: Mapping[str, Sequence[Pattern]]
) -> dict[str, list[tuple[int, int]]]:
    """The hits of every named pattern family in one token table, as
    :func:`ordskifte.text.patterns.find_matches` finds them (with sentences).

    The words that can start a hit are found once per document from its distinct tokens and
    lemmas, and their positions with one vectorised look-up per name, so only those
    positions are tried; only the words a match starting there can reach (the longest
    pattern's length) are taken out of the table (:func:`values_at`).
    """
    if not len(tokens):
        return {name: [] for name in patterns}
    token, lemma = tokens["token"], tokens["lemma"]
    vocabulary = sorted(set(token.unique().tolist()) | set(lemma.unique().tolist()))
    starts = {}
    for name in sorted(patterns):
        starters = list(starting_words(patterns[name], vocabulary))
        starts[name] = np.flatnonzero(
            token.isin(starters).to_numpy() | lemma.isin(starters).to_numpy()
        )
    n = len(tokens)
    longest = max((len(p) for family in patterns.values() for p in family), default=1)
    near = positions_near(
        ((i, i + 1) for found in starts.values() for i in found.tolist()),
        before=0,
        after=longest - 1,
        n=n,
    )
    tok, lem = (_Words(values, n) for values in values_at(tokens, near, ("token", "lemma")))
    sent = tokens["sentence"].to_numpy()
    return {
        name: find_matches(
            tok, lem, patterns[name], sentences=sent, candidates=starts[name].tolist()
        )
        for name in sorted(patterns)
    }


def kwic_lines(
    tokens: pd.DataFrame,
    patterns: Sequence[Pattern],
    *,
    window: int,
    meta: Mapping[str, str],
) -> list[dict]:
    """KWIC lines of one document: ±``window`` words (original spelling) around each match.

    Context stays inside the match's paragraph. ``meta`` gives ``doc_id``, ``period`` and
    ``year`` for every line.
    """
    spans = document_matches(tokens, {"": patterns})[""]
    return span_lines(tokens, spans, window=window, meta=meta)


def span_lines(
    tokens: pd.DataFrame,
    spans: Iterable[tuple[int, int]],
    *,
    window: int,
    meta: Mapping[str, str],
    lemma: bool = True,
) -> list[dict]:
    """KWIC lines for given ``(start, end)`` token spans (end exclusive) of one document.

    Only the words within ``window`` of a span are taken out of the table (:func:`values_at`).
    Without ``lemma`` the lines have no ``lemma`` and the table needs no ``lemma`` column.
    """
    spans = list(spans)
    if not spans:
        return []
    n = len(tokens)
    near = positions_near(spans, before=window, after=window, n=n)
    columns = SPAN_COLUMNS if lemma else SPAN_COLUMNS[1:]  # the lemma is listed first
    read = values_at(tokens, near, columns)
    lem, form, para, sent, page = read if lemma else [{}, *read]
    lines = []
    for start, end in spans:
        lo = start
        while lo > 0 and start - lo < window and para[lo - 1] == para[start]:
            lo -= 1
        hi = end
        while hi < n and hi - end < window and para[hi] == para[start]:
            hi += 1
        p = page[start]
        lines.append(
            {
                **meta,
                "page": "" if p is None or pd.isna(p) else str(int(p)),
                "paragraph": para[start],
                "sentence": sent[start],
                "left": " ".join(form[k] for k in range(lo, start)),
                "match": " ".join(form[k] for k in range(start, end)),
                "right": " ".join(form[k] for k in range(end, hi)),
                **({"lemma": " ".join(lem[k] for k in range(start, end))} if lemma else {}),
            }
        )
    return lines


def kwic_table(lines: list[dict]) -> pd.DataFrame:
    """Order KWIC lines by document, then position, in the fixed column order."""
    df = pd.DataFrame(lines, columns=KWIC_COLUMNS)
    return df.sort_values(["doc_id", "paragraph", "sentence"], kind="stable").reset_index(drop=True)
