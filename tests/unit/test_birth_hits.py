"""ordskifte.semantic.births._single_word_hits against the pandas formulation it replaces."""

import numpy as np
import pandas as pd
import pytest

from ordskifte.semantic.births import _single_word_hits, evidence


def _pandas_hits(tokens, words):
    token = tokens["token"].to_numpy(dtype=object)
    lemma = tokens["lemma"].to_numpy(dtype=object)
    hits = np.flatnonzero(tokens["token"].isin(words) | tokens["lemma"].isin(words))
    missing = pd.isna  # NaN or NA there, None here: neither is a word
    return [
        (int(i), None if missing(token[i]) else token[i], None if missing(lemma[i]) else lemma[i])
        for i in hits
    ]


@pytest.mark.parametrize("dtype", ["str", "string", object])
def test_hits_are_those_of_isin_on_token_or_lemma(dtype):
    tokens = pd.DataFrame(
        {
            "token": ["Frivillige", "lag", None, "helse", "sjølhjelp", "", "Lag"],
            "lemma": ["frivillig", "lag", "helse", None, "selvhjelp", "", "lag"],
        },
        dtype=dtype,
    )
    words = {"frivillig", "helse", "sjølhjelp", "lag"}
    expected = [
        (0, "Frivillige", "frivillig"),
        (1, "lag", "lag"),
        (2, None, "helse"),
        (3, "helse", None),
        (4, "sjølhjelp", "selvhjelp"),
        (6, "Lag", "lag"),
    ]
    assert _single_word_hits(tokens, words) == expected
    assert _pandas_hits(tokens, words) == expected


def test_no_word_and_no_token_give_no_hit():
    tokens = pd.DataFrame({"token": ["a", "b"], "lemma": ["a", "b"]}, dtype="str")
    assert _single_word_hits(tokens, set()) == []
    assert _single_word_hits(tokens.iloc[:0], {"a"}) == []


def test_a_term_that_is_no_pattern_still_raises_in_every_document():
    events = pd.DataFrame({"event": ["birth"], "period": ["p"], "term": ["helse**"]})
    tokens = pd.DataFrame(
        {c: v for c, v in [("token", ["helse"]), ("form", ["helse"]), ("lemma", ["helse"])]}
        | {"paragraph": [0], "sentence": [0], "page": [1]}
    )
    meta = {"doc_id": "d", "period": "p", "year": "2001"}
    for _ in range(2):
        with pytest.raises(ValueError, match="invalid pattern"):
            evidence(events, tokens, meta=meta, window=3)
