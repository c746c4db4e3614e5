"""Term births and deaths on a literal frequency table, and their KWIC evidence."""

from __future__ import annotations

import pandas as pd
import pytest

from ordskifte.semantic.births import (
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


def test_evidence_caps_lines_per_term_and_matches_forms_and_multiword_terms():
    """At most per_term lines per event and term from a document, the first ones; a term
    matches a token's form or its lemma, a multi-word term the lemma sequence."""
    events = pd.DataFrame(
        {
            "event": ["birth", "birth", "death"],
            "term": ["plan", "ny_plan", "plan"],
            "period": ["p3", "p3", "p3"],
        }
    )
    meta = {"doc_id": "d3", "period": "p3", "year": "2003"}
    doc = tokens("en plan for folkehelse og en ny plan og planen")
    lines = evidence(events, doc, meta=meta, window=1)
    assert [(line["event"], line["term"], line["match"]) for line in lines] == [
        ("birth", "plan", "plan"),
        ("birth", "plan", "plan"),
        ("birth", "ny_plan", "ny plan"),
        ("death", "plan", "plan"),
        ("death", "plan", "plan"),
    ]
    capped = evidence(events, doc, meta=meta, window=1, per_term=1)
    assert [(line["event"], line["term"], line["left"]) for line in capped] == [
        ("birth", "plan", "en"),
        ("birth", "ny_plan", "en"),
        ("death", "plan", "en"),
    ]


def test_terms_of_the_shift_figures_get_lines_from_both_periods_of_their_pair():
    from ordskifte.semantic.births import shifted_terms, term_evidence_table

    shift = pd.DataFrame(
        {
            "period_a": ["p1", "p1", "p2"],
            "period_b": ["p2", "p2", "p3"],
            "rank": [1, 2, 1],
            "term": ["plan", "bruker", "folkehelse"],
        }
    )
    change = pd.DataFrame(
        {
            "period_a": ["p1", "p1"],
            "period_b": ["p2", "p2"],
            "rank": [1, None],  # the second is too rare: unranked
            "term": ["plan", "sjelden"],
        }
    )
    events = shifted_terms({"word_shift": (shift, 1), "semantic_change": (change, 5)})
    assert events[["source", "period_a", "period_b", "term", "period"]].values.tolist() == [
        ["word_shift", "p1", "p2", "plan", "p1"],
        ["word_shift", "p1", "p2", "plan", "p2"],
        ["word_shift", "p2", "p3", "folkehelse", "p2"],
        ["word_shift", "p2", "p3", "folkehelse", "p3"],
        ["semantic_change", "p1", "p2", "plan", "p1"],
        ["semantic_change", "p1", "p2", "plan", "p2"],
    ]
    lines = []
    for doc, period, text in [
        ("d1", "p1", "en plan for frivillig arbeid"),
        ("d2", "p2", "en plan og en ny plan for brukere"),
        ("d3", "p3", "plan for folkehelse"),
    ]:
        meta = {"doc_id": doc, "period": period, "year": "2000"}
        lines += evidence(events, tokens(text), meta=meta, window=1)
    table = term_evidence_table(lines, events, per_term=1)
    assert table[
        ["source", "period_a", "period_b", "term", "period", "doc_id", "match"]
    ].values.tolist() == [
        ["semantic_change", "p1", "p2", "plan", "p1", "d1", "plan"],
        ["semantic_change", "p1", "p2", "plan", "p2", "d2", "plan"],
        ["word_shift", "p1", "p2", "plan", "p1", "d1", "plan"],
        ["word_shift", "p1", "p2", "plan", "p2", "d2", "plan"],
        ["word_shift", "p2", "p3", "folkehelse", "p3", "d3", "folkehelse"],
    ]
    assert len(term_evidence_table(lines, events, per_term=5)) == 7  # d2 has "plan" twice
