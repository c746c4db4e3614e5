"""Collocates, their G² and PMI on a tiny hand-made text, and neighbour overlap on a planted
shift."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ordskifte.semantic.collocates import (
    COLLOCATE_COLUMNS,
    OVERLAP_COLUMNS,
    _PeriodCounts,
    association,
    collocate_evidence,
    collocate_table,
    document_cooccurrence,
    document_matches,
    jaccard,
    neighbour_overlap,
    window_mask,
)
from ordskifte.text.patterns import compile_patterns, find_matches

STOP = {"og", "i"}


def token_frame(sentences: list[str]) -> pd.DataFrame:
    """A token table of whitespace-separated sentences (lemma = term = token)."""
    rows = []
    for s, sentence in enumerate(sentences):
        for word in sentence.split():
            rows.append(
                {
                    "sentence": s,
                    "token": word,
                    "lemma": word,
                    "term": word,
                    "is_stopword": word in STOP,
                }
            )
    return pd.DataFrame(rows)


# a selvhjelp b c og d | b selvhjelp c | d b c   (window 2)
TEXT = ["a selvhjelp b c og d", "b selvhjelp c", "d b c"]
PATTERNS = compile_patterns({"selvhjelp": ["selvhjelp*"]})


def test_window_mask_stays_in_the_sentence_and_skips_the_hit():
    hit, near = window_mask([0, 0, 0, 0, 0, 0, 1, 1, 1], [(1, 2), (7, 8)], window=2)
    assert hit.astype(int).tolist() == [0, 1, 0, 0, 0, 0, 0, 1, 0]
    assert near.astype(int).tolist() == [1, 0, 1, 1, 0, 0, 1, 0, 1]


def test_window_mask_merges_overlapping_windows_and_spans_multiword_hits():
    hit, near = window_mask([0] * 7, [(1, 3), (4, 5)], window=1)
    assert hit.astype(int).tolist() == [0, 1, 1, 0, 1, 0, 0]
    assert near.astype(int).tolist() == [1, 0, 0, 1, 0, 1, 0]
    with pytest.raises(ValueError, match="window"):
        window_mask([0], [(0, 1)], window=0)


def test_document_cooccurrence_counts_by_hand():
    co, docs = document_cooccurrence(
        token_frame(TEXT), PATTERNS, window=2, doc_id="d1", period="p1"
    )
    counts = co.set_index("term")[["co_freq", "freq"]].to_dict("index")
    # windows: {a, b, c} in sentence 0 ("og" is a stopword), {b, c} in sentence 1
    assert counts == {
        "a": {"co_freq": 1, "freq": 1},
        "b": {"co_freq": 2, "freq": 3},
        "c": {"co_freq": 2, "freq": 3},
        "d": {"co_freq": 0, "freq": 2},
    }
    assert docs.to_dict("records") == [
        {
            "name": "selvhjelp",
            "doc_id": "d1",
            "period": "p1",
            "target_freq": 2,
            "window_tokens": 5,
            "n_tokens": 9,
        }
    ]


def test_association_by_hand():
    # b: O11 = 2, O12 = 5 - 2 = 3, O21 = 3 - 2 = 1, O22 = 9 - 5 - 1 = 3;
    # E = 5*3/9, 5*6/9, 4*3/9, 4*6/9
    expected, g2, pmi = association([2], [3], 5, 9)
    e = [5 * 3 / 9, 5 * 6 / 9, 4 * 3 / 9, 4 * 6 / 9]
    by_hand = 2 * sum(o * math.log(o / x) for o, x in zip([2, 3, 1, 3], e, strict=True))
    assert expected[0] == pytest.approx(5 / 3)
    assert g2[0] == pytest.approx(by_hand) == pytest.approx(0.2284572, abs=1e-7)
    assert pmi[0] == pytest.approx(math.log2(1.2))
    # a collocate only ever seen next to the target: O12 = 4, O21 = 0, O22 = 4
    _, g2, pmi = association([1], [1], 5, 9)
    assert g2[0] == pytest.approx(
        2 * (math.log(9 / 5) + 4 * math.log(4 / (5 * 8 / 9)) + 4 * math.log(4 / (4 * 8 / 9)))
    )
    assert pmi[0] == pytest.approx(math.log2(9 / 5))


def test_association_rejects_inconsistent_counts():
    with pytest.raises(ValueError, match="inconsistent"):
        association([3], [2], 5, 9)


def test_collocate_table_filters_ranks_and_marks_thin_periods():
    co1, d1 = document_cooccurrence(token_frame(TEXT), PATTERNS, window=2, doc_id="d1", period="p1")
    co2, d2 = document_cooccurrence(
        token_frame(["x selvhjelp y"]), PATTERNS, window=2, doc_id="d2", period="p2"
    )
    table = collocate_table(
        pd.concat([co1, co2]),
        pd.concat([d1, d2]),
        period_order=["p1", "p2"],
        min_freq=2,
        min_target_freq=2,
    )
    assert list(table.columns) == list(COLLOCATE_COLUMNS)
    # p1: a co-occurs once (< min_freq), d never; b and c tie on G² and go by name.
    # p2: x and y co-occur once each: below min_freq, so p2 has no rows.
    assert table[["period", "rank", "collocate", "co_freq"]].values.tolist() == [
        ["p1", 1, "b", 2],
        ["p1", 2, "c", 2],
    ]
    assert table["target_freq"].tolist() == [2, 2]
    assert table["collocate_freq"].tolist() == [3, 3]
    assert table["g2"].tolist() == pytest.approx([0.2284572] * 2, abs=1e-7)
    assert not table["thin"].any()
    thin = collocate_table(co1, d1, period_order=["p1"], min_freq=1, min_target_freq=3)
    assert thin["thin"].all() and thin["collocate"].tolist()[0] == "a"
    with pytest.raises(ValueError, match="min_freq"):
        collocate_table(co1, d1, period_order=["p1"], min_freq=0, min_target_freq=1)


def test_jaccard():
    assert jaccard(frozenset("ab"), frozenset("ab")) == 1.0
    assert jaccard(frozenset("ab"), frozenset("cd")) == 0.0
    assert math.isnan(jaccard(frozenset(), frozenset()))


# ------------------------------------------------------------------ planted shift
def planted(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Three periods of six documents. "mål" keeps company with x-words in p1 and z-words
    in p2 and p3 (same frequency throughout); the control "kontroll" always with y-words."""
    rng = np.random.default_rng(seed)
    patterns = compile_patterns({"mål": ["mål"], "kontroll": ["kontroll"]})
    x = [f"x{i}" for i in range(6)]
    y = [f"y{i}" for i in range(6)]
    z = [f"z{i}" for i in range(6)]
    filler = [f"f{i}" for i in range(40)]
    co_frames, doc_frames = [], []
    for period, company in (("p1", x), ("p2", z), ("p3", z)):
        for d in range(6):
            sentences = []
            for _ in range(30):
                sentences.append(" ".join([*rng.choice(company, 2), "mål", *rng.choice(filler, 6)]))
                sentences.append(" ".join([*rng.choice(y, 2), "kontroll", *rng.choice(filler, 6)]))
                sentences.append(" ".join(rng.choice(filler + x + z + y, 10)))
            co, docs = document_cooccurrence(
                token_frame(sentences), patterns, window=3, doc_id=f"{period}-{d}", period=period
            )
            co_frames.append(co)
            doc_frames.append(docs)
    return pd.concat(co_frames, ignore_index=True), pd.concat(doc_frames, ignore_index=True)


def overlap(name: str, *, seed: int = 7) -> pd.DataFrame:
    co, docs = planted()
    return neighbour_overlap(
        co[co["name"] == name],
        docs[docs["name"] == name],
        name=name,
        period_order=["p1", "p2", "p3"],
        k=6,
        min_freq=2,
        min_target_freq=20,
        iterations=200,
        seed=seed,
    )


def test_planted_shift_drops_the_overlap_and_the_control_keeps_it():
    shifted, control = overlap("mål"), overlap("kontroll")
    assert list(shifted.columns) == list(OVERLAP_COLUMNS)
    assert shifted[["period_a", "period_b"]].values.tolist() == [["p1", "p2"], ["p2", "p3"]]
    # the shift: no shared company p1 -> p2, and the interval says so
    assert shifted["jaccard"].iloc[0] == 0.0 and shifted["ci_high"].iloc[0] < 0.2
    # no shift p2 -> p3, nor ever for the control
    assert shifted["jaccard"].iloc[1] == 1.0 and shifted["ci_low"].iloc[1] > 0.5
    assert (control["jaccard"] == 1.0).all() and (control["ci_low"] > 0.5).all()
    assert not control["thin"].any()
    assert control["shared"].iloc[0] == "; ".join(f"y{i}" for i in range(6))


def test_overlap_is_reproducible_from_the_seed():
    a, b, c = overlap("mål", seed=1), overlap("mål", seed=1), overlap("mål", seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert a["jaccard"].tolist() == c["jaccard"].tolist()


def test_overlap_without_enough_documents_has_no_interval():
    co, docs = planted()
    keep = docs["doc_id"].isin(["p1-0", "p2-0"]) & (docs["name"] == "kontroll")
    sel = co[co["doc_id"].isin(["p1-0", "p2-0"]) & (co["name"] == "kontroll")]
    table = neighbour_overlap(
        sel,
        docs[keep],
        name="kontroll",
        period_order=["p1", "p2"],
        k=6,
        min_freq=2,
        min_target_freq=1000,
        iterations=10,
        seed=1,
    )
    assert table["n_docs_a"].tolist() == [1]
    assert math.isnan(table["ci_low"].iloc[0]) and math.isnan(table["ci_high"].iloc[0])
    assert table["thin"].tolist() == [True]


def test_collocate_evidence_shows_the_hit_with_the_collocate_in_capitals():
    frame = token_frame(TEXT)
    frame = frame.assign(
        form=frame["token"], page=pd.array([7] * len(frame), dtype="Int32"), paragraph=0
    )
    meta = {"name": "selvhjelp", "doc_id": "d1", "period": "p1", "year": "1993"}
    lines = collocate_evidence(
        frame, PATTERNS["selvhjelp"], {"b", "d"}, window=2, context=3, meta=meta
    )
    # "d" is outside every window; "b" is near both hits, one line per hit
    assert [(x["left"], x["match"], x["right"], x["collocate"]) for x in lines] == [
        ("a", "selvhjelp", "B c og", "b"),
        ("B", "selvhjelp", "c", "b"),
    ]
    assert {(x["doc_id"], x["year"], x["page"]) for x in lines} == {("d1", "1993", "7")}
    assert (
        collocate_evidence(frame, PATTERNS["selvhjelp"], set(), window=2, context=3, meta=meta)
        == []
    )


def _random_frame(seed: int, n: int = 3000) -> pd.DataFrame:
    """A token table of random words, hits among them, sentences of 1-15 tokens."""
    rng = np.random.default_rng(seed)
    words = np.array(["a", "b", "c", "og", "i", "selvhjelp", "selvhjelpsgruppe", "psykisk"])
    tokens = rng.choice(words, n, p=[0.2, 0.2, 0.15, 0.15, 0.1, 0.1, 0.05, 0.05])
    lengths = rng.integers(1, 16, n)
    sentence = np.repeat(np.arange(n), lengths)[:n]
    lemma = np.where(tokens == "psykisk", "helse", tokens)  # a lemma that differs
    return pd.DataFrame(
        {
            "sentence": sentence,
            "token": tokens,
            "lemma": lemma,
            "form": np.char.capitalize(tokens.astype(str)),
            "term": np.where(rng.random(n) < 0.1, "", lemma),
            "is_stopword": np.isin(tokens, ["og", "i"]),
            "page": pd.array(rng.integers(1, 9, n), dtype="Int32"),
        }
    )


FAMILIES = compile_patterns(
    {"selvhjelp": ["selvhjelp*"], "psykisk_helse": ["psykisk helse*", "helse*"], "b": ["b c"]}
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_document_matches_are_find_matches_of_each_name(seed):
    frame = _random_frame(seed)
    got = document_matches(frame, FAMILIES)
    for name, patterns in FAMILIES.items():
        expected = find_matches(
            frame["token"].tolist(),
            frame["lemma"].tolist(),
            patterns,
            sentences=frame["sentence"].to_numpy(),
        )
        assert got[name] == expected and expected
    assert document_matches(frame.iloc[:0], FAMILIES) == {name: [] for name in FAMILIES}


def _evidence_by_window_mask(tokens, spans, collocates, *, window, context):
    """The evidence lines as collocate_evidence found them before it was given the hits: a
    window mask of the whole document per hit (kept here as the reference)."""
    form, terms = tokens["form"].tolist(), tokens["term"].tolist()
    stop, sent = tokens["is_stopword"].to_numpy(), tokens["sentence"].to_numpy()
    out = []
    for start, end in spans:
        _, near = window_mask(sent, [(start, end)], window=window)
        seen = set()
        for i in np.flatnonzero(near):
            if stop[i] or terms[i] not in collocates or terms[i] in seen:
                continue
            seen.add(terms[i])
            lo, hi = start, end
            while lo > 0 and start - lo < context and sent[lo - 1] == sent[start]:
                lo -= 1
            while hi < len(form) and hi - end < context and sent[hi] == sent[start]:
                hi += 1
            words = [f.upper() if k == i else f for k, f in enumerate(form[lo:hi], start=lo)]
            out.append((terms[i], " ".join(words[: start - lo]), " ".join(words[end - lo :])))
    return out


@pytest.mark.parametrize("seed", [4, 5])
def test_collocate_evidence_with_the_hits_given_is_the_window_mask_result(seed):
    frame = _random_frame(seed)
    meta = {"name": "x", "doc_id": "d", "period": "p", "year": "2000"}
    matches = document_matches(frame, FAMILIES)
    for name, patterns in FAMILIES.items():
        for window, context in ((1, 1), (2, 8), (5, 3)):
            given = collocate_evidence(
                frame[["form", "sentence", "term", "is_stopword", "page"]],
                patterns,
                {"a", "b", "helse"},
                window=window,
                context=context,
                meta=meta,
                spans=matches[name],
            )
            found = collocate_evidence(
                frame, patterns, {"a", "b", "helse"}, window=window, context=context, meta=meta
            )
            assert given == found and given
            expected = _evidence_by_window_mask(
                frame, matches[name], {"a", "b", "helse"}, window=window, context=context
            )
            assert [(x["collocate"], x["left"], x["right"]) for x in given] == expected


def test_tops_of_a_block_of_resamples_are_top_of_each():
    co, docs = planted()
    for name in ("mål", "kontroll"):
        for period in ("p1", "p2"):
            sel = (co["name"] == name) & (co["period"] == period)
            pc = _PeriodCounts(co[sel], docs[(docs["name"] == name) & (docs["period"] == period)])
            rng = np.random.default_rng(3)
            n = len(pc.doc_ids)
            weights = np.array([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(60)])
            weights = np.vstack([weights, np.zeros(n), np.ones(n)]).astype(float)
            for min_freq, k in ((1, 3), (2, 6), (40, 6)):
                got = pc.tops(weights, k=k, min_freq=min_freq)
                assert got == [pc.top(w, k=k, min_freq=min_freq) for w in weights]


def test_association_of_rows_is_association_of_each_row():
    rng = np.random.default_rng(8)
    co = rng.integers(0, 5, (6, 40)).astype(float)
    freq = co + rng.integers(0, 50, (6, 40))
    window_tokens = co.sum(axis=1) + rng.integers(0, 20, 6)
    n_tokens = np.concatenate([[0.0], window_tokens[1:] + freq[1:].sum(axis=1)])
    co[0], freq[0], window_tokens[0] = 0, 0, 0  # a resample without tokens: NaN
    rows = association(co, freq, window_tokens[:, None], n_tokens[:, None])
    for i in range(6):
        one = association(co[i], freq[i], window_tokens[i], n_tokens[i])
        for got, expected in zip(rows, one, strict=True):
            np.testing.assert_array_equal(got[i], expected)
