"""Term births and deaths on a literal frequency table, and their KWIC evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from ordskifte.births import (
    EVENT_COLUMNS,
    EVIDENCE_COLUMNS,
    births_and_deaths,
    evidence,
    evidence_table,
)

ORDER = ["p1", "p2", "p3"]
BY_PERIOD = pd.DataFrame(
    [
        # period, term, count, doc_freq
        ("p1", "frivillig", 6, 2),
        ("p1", "sjelden", 2, 1),
        ("p1", "alltid", 5, 2),
        ("p2", "alltid", 5, 2),
        ("p2", "bruker", 7, 3),
        ("p3", "alltid", 5, 2),
        ("p3", "folkehelse", 9, 4),
        ("p3", "plan", 5, 1),
    ],
    columns=["period", "term", "count", "doc_freq"],
)


def test_births_and_deaths():
    table = births_and_deaths(BY_PERIOD, period_order=ORDER, min_freq=5)
    assert list(table.columns) == list(EVENT_COLUMNS)
    assert table.values.tolist() == [
        ["birth", "p2", "bruker", 7, 3, "p1"],
        ["birth", "p3", "folkehelse", 9, 4, "p1, p2"],
        ["birth", "p3", "plan", 5, 1, "p1, p2"],
        ["death", "p1", "frivillig", 6, 2, "p2, p3"],
        ["death", "p2", "bruker", 7, 3, "p3"],
    ]
    # below the floor: "sjelden" (2) never counts; a higher floor keeps only the largest
    strict = births_and_deaths(BY_PERIOD, period_order=ORDER, min_freq=8)
    assert strict["term"].tolist() == ["folkehelse"]
    with pytest.raises(ValueError, match="min_freq"):
        births_and_deaths(BY_PERIOD, period_order=ORDER, min_freq=0)


def tokens(words: str) -> pd.DataFrame:
    w = words.split()
    return pd.DataFrame(
        {
            "token": w,
            "form": w,
            "lemma": w,
            "paragraph": 0,
            "sentence": 0,
            "page": pd.array([3] * len(w), dtype="Int32"),
        }
    )


def test_evidence_lines_for_the_events_of_the_documents_period():
    events = births_and_deaths(BY_PERIOD, period_order=ORDER, min_freq=5)
    meta = {"doc_id": "d3", "period": "p3", "year": "2003"}
    lines = evidence(events, tokens("en plan for folkehelse og en ny plan"), meta=meta, window=2)
    table = evidence_table(lines, per_term=1)
    assert list(table.columns) == list(EVIDENCE_COLUMNS)
    assert table[
        ["event", "term", "doc_id", "year", "page", "left", "match", "right"]
    ].values.tolist() == [
        ["birth", "folkehelse", "d3", "2003", "3", "plan for", "folkehelse", "og en"],
        ["birth", "plan", "d3", "2003", "3", "en", "plan", "for folkehelse"],
    ]
    assert len(evidence_table(lines, per_term=5)) == 3  # two lines for "plan"
