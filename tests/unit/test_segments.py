"""Unit tests for ordskifte.topics.segments: literal token tables in, literal segments out."""

import pandas as pd
import pytest

from ordskifte.text.tokenize import tokens_frame
from ordskifte.topics.segments import SEGMENT_COLUMNS, concat_segments, make_segments, segment_terms


def tokens(rows):
    """Token table from (paragraph, sentence, page, lemma, is_stopword) tuples."""
    table = {c: [] for c in ("paragraph", "sentence", "page", "lemma", "is_stopword")}
    for paragraph, sentence, page, lemma, stop in rows:
        for col, value in zip(table, (paragraph, sentence, page, lemma, stop), strict=True):
            table[col].append(value)
    n = len(rows)
    table.update(
        language=["nb"] * n,
        token=table["lemma"],
        form=table["lemma"],
        concepts=[""] * n,
        targets=[""] * n,
    )
    return tokens_frame(table)


def literal(df):
    """Rows as plain tuples, pages as int or None."""
    out = []
    for row in df.itertuples(index=False):
        out.append(
            (
                row.segment_id,
                None if pd.isna(row.page_first) else int(row.page_first),
                None if pd.isna(row.page_last) else int(row.page_last),
                int(row.paragraph_first),
                int(row.paragraph_last),
                int(row.n_terms),
                row.terms,
            )
        )
    return out


def test_merges_paragraphs_to_target_and_remainder_into_previous():
    # target 4: paragraph 0 has 2 terms (stopword "og" skipped), paragraph 1 has 3 -> 5 >= 4
    # closes segment 0; paragraph 2 has 4 -> segment 1; paragraph 3 has 1 term < 4/2, so it
    # joins segment 1, which then spans pages 2-3.
    df = tokens(
        [
            (0, 0, 1, "selvhjelp", False),
            (0, 0, 1, "og", True),
            (0, 0, 1, "gruppe", False),
            (1, 1, 1, "frivillig", False),
            (1, 1, 1, "arbeid", False),
            (1, 1, 1, "lag", False),
            (2, 2, 2, "psykisk", False),
            (2, 2, 2, "helse", False),
            (2, 3, 2, "helse", False),
            (2, 3, 2, "tiltak", False),
            (3, 4, 3, "kommune", False),
        ]
    )
    seg = make_segments(df, doc_id="doc-a", period="frivillig", year="1993", target_tokens=4)
    assert list(seg.columns) == list(SEGMENT_COLUMNS)
    assert literal(seg) == [
        ("doc-a:0000", 1, 1, 0, 1, 5, "selvhjelp gruppe frivillig arbeid lag"),
        ("doc-a:0001", 2, 3, 2, 3, 5, "psykisk helse helse tiltak kommune"),
    ]
    assert seg["doc_id"].tolist() == ["doc-a", "doc-a"]
    assert seg["period"].tolist() == ["frivillig", "frivillig"]
    assert seg["year"].tolist() == ["1993", "1993"]
    assert str(seg["page_first"].dtype) == "Int32"


def test_remainder_of_half_the_target_stays_its_own_segment():
    # target 4: 4 terms, then 2 terms = 4/2 (not smaller) -> a segment of its own
    df = tokens([(0, 0, None, w, False) for w in "a b c d".split()] + [(1, 1, None, "e", False)])
    df = pd.concat([df, tokens([(1, 1, None, "f", False)])], ignore_index=True)
    seg = make_segments(df, doc_id="d", period="p", year="", target_tokens=4)
    assert literal(seg) == [
        ("d:0000", None, None, 0, 0, 4, "a b c d"),
        ("d:0001", None, None, 1, 1, 2, "e f"),
    ]


def test_long_paragraph_is_split_at_sentence_boundaries():
    # target 3: paragraph 0 has 1 term; paragraph 1 has 7 terms > 2 * 3, so its sentences
    # (2, 4, 1 terms) are the pieces: [x] + [a b] = 3 -> segment 0 (paragraphs 0-1);
    # [c d e f] -> segment 1; [g] has 1 < 1.5 terms and joins segment 1.
    rows = [(0, 0, 4, "x", False)]
    rows += [(1, 1, 4, w, False) for w in "a b".split()]
    rows += [(1, 2, 4, "c", False), (1, 2, 4, "d", False), (1, 2, 5, "e", False)]
    rows += [(1, 2, 5, "f", False), (1, 3, 5, "g", False)]
    seg = make_segments(tokens(rows), doc_id="d", period="p", year="2000", target_tokens=3)
    assert literal(seg) == [
        ("d:0000", 4, 4, 0, 1, 3, "x a b"),
        ("d:0001", 4, 5, 1, 1, 5, "c d e f g"),
    ]


def test_paragraph_of_exactly_twice_the_target_is_kept_whole():
    rows = [(0, i // 2, 1, w, False) for i, w in enumerate("a b c d e f".split())]
    seg = make_segments(tokens(rows), doc_id="d", period="p", year="", target_tokens=3)
    assert literal(seg) == [("d:0000", 1, 1, 0, 0, 6, "a b c d e f")]


def test_run_on_sentence_longer_than_twice_the_target_is_cut_into_runs():
    # one sentence of 7 terms, target 3: runs [a b c] [d e f] [g]; g (1 < 1.5) joins the last
    rows = [(0, 0, None, w, False) for w in "a b c d e f g".split()]
    seg = make_segments(tokens(rows), doc_id="d", period="p", year="", target_tokens=3)
    assert literal(seg) == [
        ("d:0000", None, None, 0, 0, 3, "a b c"),
        ("d:0001", None, None, 0, 0, 4, "d e f g"),
    ]


def test_short_document_is_one_segment_and_empty_document_none():
    df = tokens([(0, 0, 7, "selvhjelp", False), (0, 0, 7, "i", True)])
    assert literal(make_segments(df, doc_id="d", period="p", year="", target_tokens=150)) == [
        ("d:0000", 7, 7, 0, 0, 1, "selvhjelp")
    ]
    only_stopwords = tokens([(0, 0, 1, "og", True)])
    empty = make_segments(only_stopwords, doc_id="d", period="p", year="")
    assert empty.empty and list(empty.columns) == list(SEGMENT_COLUMNS)
    assert make_segments(tokens([]), doc_id="d", period="p", year="").empty


def test_missing_or_blank_lemmas_are_skipped_and_inner_spaces_joined():
    df = tokens(
        [
            (0, 0, None, "psykisk helse", False),
            (0, 0, None, "", False),
            (0, 0, None, "kommune", False),
        ]
    )
    df.loc[1, "lemma"] = pd.NA
    seg = make_segments(df, doc_id="d", period="p", year="", target_tokens=2)
    assert seg["terms"].tolist() == ["psykisk_helse kommune"]
    assert segment_terms(seg) == [["psykisk_helse", "kommune"]]


def test_token_order_is_by_paragraph_then_sentence_keeping_order_inside():
    rows = [(1, 1, None, "c", False), (0, 0, None, "a", False), (0, 0, None, "b", False)]
    seg = make_segments(tokens(rows), doc_id="d", period="p", year="", target_tokens=10)
    assert seg["terms"].tolist() == ["a b c"]


def test_bad_options_raise():
    df = tokens([(0, 0, None, "a", False)])
    with pytest.raises(ValueError, match="target_tokens"):
        make_segments(df, doc_id="d", period="p", year="", target_tokens=0)
    with pytest.raises(ValueError, match="lemma"):
        make_segments(df.drop(columns="lemma"), doc_id="d", period="p", year="")


def test_concat_segments_orders_by_document_and_rejects_duplicates():
    def one(doc_id, words):
        rows = [(i, i, None, w, False) for i, w in enumerate(words)]
        return make_segments(tokens(rows), doc_id=doc_id, period="p", year="", target_tokens=1)

    b, a = one("b", ["x", "y"]), one("a", ["z"])
    empty = make_segments(tokens([]), doc_id="c", period="p", year="")
    out = concat_segments([b, empty, a])
    assert out["segment_id"].tolist() == ["a:0000", "b:0000", "b:0001"]
    assert out.index.tolist() == [0, 1, 2]
    assert concat_segments([]).empty
    with pytest.raises(ValueError, match="duplicate"):
        concat_segments([a, a])


def _segments_as_before(df, target_tokens):
    """make_segments as it was written before its per-distinct-term shortcut: pandas string
    methods on every token, and pages per segment by Series.dropna."""
    import re

    from ordskifte.topics.segments import _blocks, _pack

    lemma = df["term" if "term" in df.columns else "lemma"].astype("string")
    keep = ~df["is_stopword"].astype(bool) & lemma.notna() & (lemma.str.strip() != "")
    content = df.loc[keep.to_numpy(), ["paragraph", "sentence", "page"]].copy()
    content["term"] = lemma[keep].str.strip().str.replace(re.compile(r"\s+"), "_", regex=True)
    content = content.sort_values(["paragraph", "sentence"], kind="mergesort")
    content = content.reset_index(drop=True)
    pages = content["page"].astype("Int32")
    out = []
    for start, stop in _pack(_blocks(content, target_tokens), target_tokens):
        seg_pages = pages.iloc[start:stop].dropna()
        out.append(
            (
                seg_pages.min() if len(seg_pages) else None,
                seg_pages.max() if len(seg_pages) else None,
                " ".join(content["term"].tolist()[start:stop]),
            )
        )
    return out


def test_segments_equal_the_per_token_formulation():
    """Terms cleaned once per distinct term and pages taken from a numpy array give the
    segments the per-token pandas code gave: blank, missing and spaced terms, stopwords,
    and pages missing inside a segment."""
    import numpy as np

    rng = np.random.default_rng(3)
    pool = ["helse", " kommune ", "psykisk  helse", "", "tiltak\tplan", "selvhjelp", "bruker"]
    rows = []
    for paragraph in range(60):
        page = None if paragraph % 7 == 3 else 1 + paragraph // 5
        for sentence in range(int(rng.integers(1, 4))):
            for _ in range(int(rng.integers(1, 30))):
                rows.append(
                    (
                        paragraph,
                        paragraph * 10 + sentence,
                        None if rng.random() < 0.1 else page,
                        str(rng.choice(pool)),
                        bool(rng.random() < 0.3),
                    )
                )
    df = tokens(rows)
    df.loc[df.index[::37], ["lemma", "term"]] = pd.NA
    seg = make_segments(df, doc_id="d", period="p", year="", target_tokens=40)
    got = [
        (
            None if pd.isna(first) else int(first),
            None if pd.isna(last) else int(last),
            terms,
        )
        for first, last, terms in zip(
            seg["page_first"], seg["page_last"], seg["terms"], strict=True
        )
    ]
    expected = [
        (None if first is None else int(first), None if last is None else int(last), terms)
        for first, last, terms in _segments_as_before(df, 40)
    ]
    assert len(got) > 10
    assert any(first is None for first, _, _ in got) or any("_" in t for _, _, t in got)
    assert got == expected
