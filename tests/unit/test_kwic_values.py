"""ordskifte.tables.kwic.values_at: a few positions' values, as the whole columns give them."""

import numpy as np
import pandas as pd

from ordskifte.tables.kwic import values_at


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


def test_span_lines_read_from_the_table_are_those_from_the_whole_columns():
    from ordskifte.tables.kwic import DocumentColumns, span_lines

    words = "Det frivillige arbeidet er viktig . Selvhjelp og likepersonsarbeid vokser".split()
    tokens = pd.DataFrame(
        {
            "form": pd.array(words, dtype="str"),
            "lemma": pd.array([w.lower() for w in words], dtype="str"),
            "paragraph": np.array([0] * 6 + [1] * 4, dtype=np.int32),
            "sentence": np.array([0] * 6 + [1] * 4, dtype=np.int32),
            "page": pd.array([1] * 5 + [None] * 5, dtype="Int32"),
        }
    )
    spans = [(1, 2), (6, 7), (9, 10), (0, 3)]
    meta = {"doc_id": "d"}
    for window in (1, 2, 8):
        lines = span_lines(tokens, spans, window=window, meta=meta)
        whole = span_lines(tokens, spans, window=window, meta=meta, columns=DocumentColumns(tokens))
        assert lines == whole
    assert span_lines(tokens, spans[:1], window=2, meta=meta)[0] | {"doc_id": "d"} == {
        "doc_id": "d",
        "page": "1",
        "paragraph": 0,
        "sentence": 0,
        "left": "Det",
        "match": "frivillige",
        "right": "arbeidet er",
        "lemma": "frivillige",
    }
