"""Match modes of concept families: prefix (the list form), exact and compound."""

from __future__ import annotations

import pytest

from ordskifte.text.compounds import Decompounder
from ordskifte.text.patterns import MATCH_MODES, compile_patterns, family, find_matches

SPLITTER = Decompounder.from_table(
    {
        "selvhjelp": "selvhjelp",
        "gruppe": "gruppe",
        "grupper": "gruppe",
        "bruker": "bruker",
        "arbeid": "arbeid",
        "folkehelse": "folkehelse",
    }
)
WORDS = ["selvhjelp", "selvhjelpsgrupper", "brukerselvhjelp", "selvhjelpsx", "gruppe"]


def matched(spec) -> list[str]:
    patterns = compile_patterns({"x": spec}, splitter=SPLITTER)["x"]
    return [WORDS[s] for s, _ in find_matches(WORDS, WORDS, patterns)]


def test_the_list_form_is_prefix_matching_as_before():
    assert matched(["selvhjelp*"]) == ["selvhjelp", "selvhjelpsgrupper", "selvhjelpsx"]
    assert matched(["selvhjelp*"]) == matched({"patterns": ["selvhjelp*"], "match": "prefix"})
    assert matched({"patterns": ["selvhjelp*"]}) == matched(["selvhjelp*"])


def test_exact_matches_whole_words_only():
    assert matched({"patterns": ["selvhjelp*"], "match": "exact"}) == ["selvhjelp"]


def test_compound_matches_the_word_as_modifier_or_head_but_not_a_mere_prefix():
    got = matched({"patterns": ["selvhjelp"], "match": "compound"})
    assert got == ["selvhjelp", "selvhjelpsgrupper", "brukerselvhjelp"]
    assert matched({"patterns": ["gruppe"], "match": "compound"}) == [
        "selvhjelpsgrupper",
        "gruppe",
    ]


def test_multi_word_patterns_in_compound_mode():
    words = ["psykisk", "helsearbeid", "og", "psykisk", "arbeid"]
    splitter = Decompounder.from_table({"helse": "helse", "arbeid": "arbeid"})
    patterns = compile_patterns(
        {"p": {"patterns": ["psykisk helse"], "match": "compound"}}, splitter=splitter
    )["p"]
    assert find_matches(words, words, patterns) == [(0, 2)]


@pytest.mark.parametrize(
    "spec",
    [
        {"patterns": ["a"], "match": "fuzzy"},
        {"match": "exact"},
        {"patterns": ["a"], "mode": "exact"},
        "selvhjelp*",
    ],
)
def test_bad_families_are_rejected_with_the_allowed_forms(spec):
    with pytest.raises(ValueError, match="invalid family"):
        family(spec)


def test_modes():
    assert MATCH_MODES == ("prefix", "compound", "exact")
    assert compile_patterns({"x": []}) == {"x": []}  # nothing to match, as before
