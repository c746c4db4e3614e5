"""Keyword in context: every match of a concept or target with its surroundings."""

from __future__ import annotations

import functools
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


def _column(name: str) -> functools.cached_property:
    """A column of the token table as a list, made on first use."""

    def column(self: DocumentColumns) -> list:
        return self.frame[name].tolist()

    return functools.cached_property(column)


class DocumentColumns:
    """The columns of one token table as Python lists, each made when first needed and
    then shared by every concept, target and span of the document (a million-token table
    takes about 0.1 s a column)."""

    token = _column("token")
    lemma = _column("lemma")
    form = _column("form")
    paragraph = _column("paragraph")
    sentence = _column("sentence")
    page = _column("page")

    def __init__(self, tokens: pd.DataFrame) -> None:
        self.frame = tokens

    @functools.cached_property
    def vocabulary(self) -> list[str]:
        """The distinct tokens and lemmas, sorted (:func:`starting_words`)."""
        return sorted(set(self.frame["token"].unique()) | set(self.frame["lemma"].unique()))

    def candidates(self, words: set[str]) -> list[int]:
        """Positions whose token or lemma is one of ``words``, ascending."""
        hit = (
            self.frame["token"].isin(words).to_numpy() | self.frame["lemma"].isin(words).to_numpy()
        )
        return np.flatnonzero(hit).tolist()


def kwic_lines(
    tokens: pd.DataFrame,
    patterns: Sequence[Pattern],
    *,
    window: int,
    meta: Mapping[str, str],
    columns: DocumentColumns | None = None,
) -> list[dict]:
    """KWIC lines of one document: ±``window`` words (original spelling) around each match.

    Context stays inside the match's paragraph. ``meta`` gives ``doc_id``, ``period`` and
    ``year`` for every line. ``columns`` (of ``tokens``) lets several calls on one
    document share its column lists.
    """
    if not len(tokens):
        return []
    cols = columns or DocumentColumns(tokens)
    spans = find_matches(
        cols.token,
        cols.lemma,
        patterns,
        sentences=cols.sentence,
        candidates=cols.candidates(starting_words(patterns, cols.vocabulary)),
    )
    return span_lines(tokens, spans, window=window, meta=meta, columns=cols)


def span_lines(
    tokens: pd.DataFrame,
    spans: Iterable[tuple[int, int]],
    *,
    window: int,
    meta: Mapping[str, str],
    columns: DocumentColumns | None = None,
) -> list[dict]:
    """KWIC lines for given ``(start, end)`` token spans (end exclusive) of one document."""
    cols = columns or DocumentColumns(tokens)
    spans = list(spans)
    if not spans:
        return []
    lem, form, para, sent, page = cols.lemma, cols.form, cols.paragraph, cols.sentence, cols.page
    lines = []
    for start, end in spans:
        lo = start
        while lo > 0 and start - lo < window and para[lo - 1] == para[start]:
            lo -= 1
        hi = end
        while hi < len(form) and hi - end < window and para[hi] == para[start]:
            hi += 1
        p = page[start]
        lines.append(
            {
                **meta,
                "page": "" if p is None or pd.isna(p) else str(int(p)),
                "paragraph": para[start],
                "sentence": sent[start],
                "left": " ".join(form[lo:start]),
                "match": " ".join(form[start:end]),
                "right": " ".join(form[end:hi]),
                "lemma": " ".join(lem[start:end]),
            }
        )
    return lines


def kwic_table(lines: list[dict]) -> pd.DataFrame:
    """Order KWIC lines by document, then position, in the fixed column order."""
    df = pd.DataFrame(lines, columns=KWIC_COLUMNS)
    return df.sort_values(["doc_id", "paragraph", "sentence"], kind="stable").reset_index(drop=True)
