"""The compound audit: which words each concept or target matched in each period, and how
(as the word itself, its modifier, its head or only as a prefix), so a reader can check
that a count holds the words it should.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.text.compounds import Decompounder, compound_role
from ordskifte.text.patterns import Pattern

AUDIT_COLUMNS = (
    "name",
    "period",
    "word",
    "count",
    "n_docs",
    "modifier",
    "link",
    "head",
    "role",
)


_ROLE_ORDER = ("exact", "modifier", "head", "prefix", "")


def compound_audit(
    hits: pd.DataFrame,
    patterns: Mapping[str, Sequence[Pattern]],
    decompounder: Decompounder,
    *,
    period_order: Sequence[str],
) -> pd.DataFrame:
    """Which words each concept or target matched in each period, and how.

    Parameters
    ----------
    hits : DataFrame
        One row per hit: ``name``, ``period``, ``doc_id`` and ``word`` (the matched term; a
        multi-word match as its lemmas joined by ``_``).
    patterns : mapping
        The compiled patterns of each name (:func:`ordskifte.text.patterns.compile_patterns`).

    Returns
    -------
    DataFrame
        Columns :data:`AUDIT_COLUMNS`: per name, period and word the hits and documents, the
        split of the word's last part (``modifier``, ``link``, ``head``; empty if it does
        not split) and its ``role``: ``exact`` (the pattern's word itself), ``modifier`` or
        ``head`` (the pattern's word is that part of the compound), ``prefix`` (it only
        starts with it: a prefix match that is not a compound, or a wrong one to check) or
        empty. Sorted by name, period, hits (most first) and word.
    """
    if not len(hits):
        return pd.DataFrame(columns=list(AUDIT_COLUMNS))
    rank = {p: i for i, p in enumerate(period_order)}
    grouped = (
        hits.groupby(["name", "period", "word"], sort=False)
        .agg(count=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    rows = []
    for name, period, word, count, n_docs in grouped.itertuples(index=False):
        last = str(word).split("_")[-1]
        split = decompounder.split(last)
        lasts = {p[-1].text for p in patterns.get(name, ())}
        roles = {compound_role(last, item, decompounder) for item in lasts}
        role = next(r for r in _ROLE_ORDER if r in roles or r == "")
        rows.append(
            (
                name,
                period,
                word,
                count,
                n_docs,
                split.modifier if split else "",
                split.link if split else "",
                split.head if split else "",
                role,
            )
        )
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    out["_rank"] = out["period"].map(rank)
    out = out.sort_values(
        ["name", "_rank", "count", "word"], ascending=[True, True, False, True], kind="mergesort"
    )
    return out.drop(columns="_rank").reset_index(drop=True)
