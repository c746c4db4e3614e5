"""Keyword in context: every match of a concept or target with its surroundings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ordskifte.text.patterns import Pattern, find_matches

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
    if not len(tokens):
        return []
    spans = find_matches(
        tokens["token"].tolist(),
        tokens["lemma"].tolist(),
        patterns,
        sentences=tokens["sentence"].tolist(),
    )
    return span_lines(tokens, spans, window=window, meta=meta)


def span_lines(
    tokens: pd.DataFrame,
    spans: Iterable[tuple[int, int]],
    *,
    window: int,
    meta: Mapping[str, str],
) -> list[dict]:
    """KWIC lines for given ``(start, end)`` token spans (end exclusive) of one document."""
    lem = tokens["lemma"].tolist()
    form = tokens["form"].tolist()
    para = tokens["paragraph"].tolist()
    sent = tokens["sentence"].tolist()
    page = tokens["page"].tolist()
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
