"""ordskifte.tables.kwic.values_at: a few positions' values, as the whole columns give them."""

import numpy as np
import pandas as pd
import pytest

from ordskifte.tables.kwic import document_matches, is_in, span_lines, values_at


def test_values_at_are_the_columns_values_at_those_positions():
    tokens = pd.DataFrame(
        {
            "form": pd.array(["Det", "frivillige", "arbeidet", "i", "2001"], dtype="str"),
            "page": pd.array([1, 1, None, 2, 2], dtype="Int32"),
            "sentence": np.array([0, 0, 0, 1, 1], dtype=np.int32),
            "term": pd.Series(["det", "frivillig", "arbeid", "i", "2001"], dtype=object),
        }
    )
    form, page, sentence, term = values_at(
        tokens, np.array([1, 2, 4]), ("form", "page", "sentence", "term")
    )
    assert form == {1: "frivillige", 2: "arbeidet", 4: "2001"}
    assert page == {1: 1, 2: None, 4: 2}
    assert sentence == {1: 0, 2: 0, 4: 1}
    assert term == {1: "frivillig", 2: "arbeid", 4: "2001"}
    assert values_at(tokens, np.array([], dtype=np.int64), ("form",)) == [{}]


def _span_lines_from_lists(tokens, spans, *, window, meta):
    """span_lines as it was, over whole columns made into lists."""
    lem, form, para, sent, page = (
        tokens[c].tolist() for c in ("lemma", "form", "paragraph", "sentence", "page")
    )
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


@pytest.mark.parametrize(("strings", "pages"), [("str", "Int32"), (object, "float64")])
def test_span_lines_are_those_read_from_whole_columns(strings, pages):
    words = "Det frivillige arbeidet er viktig . Selvhjelp og likepersonsarbeid vokser".split()
    tokens = pd.DataFrame(
        {
            "form": pd.Series(words, dtype=strings),
            "lemma": pd.Series([w.lower() for w in words], dtype=strings),
            "paragraph": np.array([0] * 6 + [1] * 4, dtype=np.int32),
            "sentence": np.array([0] * 6 + [1] * 4, dtype=np.int32),
            "page": pd.Series([1] * 5 + [None] * 5, dtype=pages),
        }
    )
    spans = [(1, 2), (6, 7), (9, 10), (0, 3)]
    meta = {"doc_id": "d"}
    for window in (1, 2, 8):
        expected = _span_lines_from_lists(tokens, spans, window=window, meta=meta)
        assert span_lines(tokens, spans, window=window, meta=meta) == expected
        # without the lemma: the same lines but their lemma, from a table without one
        without = [{k: v for k, v in line.items() if k != "lemma"} for line in expected]
        no_lemma = tokens.drop(columns="lemma")
        assert span_lines(no_lemma, spans, window=window, meta=meta, lemma=False) == without
    assert span_lines(tokens, spans[:1], window=2, meta=meta) == [
        {
            "doc_id": "d",
            "page": "1",
            "paragraph": 0,
            "sentence": 0,
            "left": "Det",
            "match": "frivillige",
            "right": "arbeidet er",
            "lemma": "frivillige",
        }
    ]


def test_document_matches_read_near_the_candidates_find_what_find_matches_finds():
    from ordskifte.text.patterns import compile_pattern, find_matches

    words = "den psykiske helse og psykisk helsearbeid . psykisk . helse selvhjelp".split()
    lemmas = "den psykisk helse og psykisk helsearbeid . psykisk . helse selvhjelp".split()
    sentences = np.array([0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2])
    tokens = pd.DataFrame(
        {
            "token": pd.array(words, dtype="str"),
            "lemma": pd.array(lemmas, dtype="str"),
            "sentence": sentences,
        }
    )
    patterns = {
        "psykisk_helse": [compile_pattern("psykisk helse*")],
        "selvhjelp": [compile_pattern("selvhjelp*"), compile_pattern("helse selvhjelp")],
    }
    got = document_matches(tokens, patterns)
    assert got == {
        name: find_matches(words, lemmas, family, sentences=sentences)
        for name, family in patterns.items()
    }
    assert got == {"psykisk_helse": [(1, 3), (4, 6)], "selvhjelp": [(9, 11)]}


def test_is_in_is_python_membership():
    values = ["a", "", "NA", "ø", "a_b", "b", None]
    keep = {"a", "", "ø", "c"}
    series = pd.Series(values, dtype="string")
    expected = [v is not None and v in keep for v in values]
    assert is_in(series, keep).tolist() == expected
    assert is_in(pd.Series(values, dtype=object), keep).tolist() == expected
    assert is_in(pd.Index(values, dtype="string").array, set()).tolist() == [False] * 7


def test_is_in_an_empty_or_all_missing_object_column_is_nothing():
    assert is_in(pd.Series([], dtype=object), {"a"}).tolist() == []
    assert is_in(pd.Series([None, None], dtype=object), {"a"}).tolist() == [False, False]
