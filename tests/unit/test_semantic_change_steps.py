"""Semantic change per pair of periods (one job each) and the join of the pair tables: the
joined file must hold the bytes of one table computed for all pairs at once."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from ordskifte.io import write_parquet, write_tsv
from ordskifte.semantic.steps import semantic_change_pair_step, semantic_change_step
from ordskifte.semantic.vectors import (
    CHANGE_COLUMNS,
    content_sequence,
    period_counts,
    semantic_change,
)
from tests.tokenmaker import token_table

WORDS = [f"ord{i}" for i in range(40)] + ["selvhjelp", "gruppe", "kommune", "frivillig"]
# doc_id -> period; three periods, two or three documents each
PERIODS = {"a1": "p1", "a2": "p1", "b1": "p2", "b2": "p2", "b3": "p2", "c1": "p3", "c2": "p3"}
OPTIONS = dict(window=2, min_freq=3, dimensions=4, iterations=3, confidence=0.9, seed=7)


def _tokens(doc_id: str) -> pd.DataFrame:
    rng = random.Random(doc_id)
    vocabulary = WORDS[: 20 + 10 * (doc_id[0] != "a")]
    sentences = [[rng.choice(vocabulary) for _ in range(rng.randint(4, 12))] for _ in range(60)]
    return token_table(sentences, stopwords={"ord0"}, sentences_per_paragraph=5)


@pytest.fixture
def token_files(tmp_path):
    paths = {}
    for doc_id in PERIODS:
        paths[doc_id] = tmp_path / f"{doc_id}.parquet"
        write_parquet(_tokens(doc_id), paths[doc_id])
    return paths


def _pair(token_files, tmp_path, a, b, order=None):
    ids = order or [d for d, p in PERIODS.items() if p in (a, b)]
    out = tmp_path / f"{a}_to_{b}.tsv"
    semantic_change_pair_step(
        [str(token_files[d]) for d in ids],
        doc_ids=ids,
        periods=[PERIODS[d] for d in ids],
        pair=(a, b),
        out=str(out),
        **OPTIONS,
    )
    return out


def test_joined_pairs_are_the_table_of_all_pairs_at_once(token_files, tmp_path):
    pairs = [_pair(token_files, tmp_path, "p1", "p2"), _pair(token_files, tmp_path, "p2", "p3")]
    joined = tmp_path / "semantic_change.tsv"
    semantic_change_step([str(p) for p in pairs], out=str(joined))

    # The reference: every period counted once, each consecutive pair compared, one table.
    counts = {}
    for period in ("p1", "p2", "p3"):
        docs = sorted(d for d, p in PERIODS.items() if p == period)
        sequences = [content_sequence(_tokens(d)) for d in docs]
        counts[period] = period_counts(
            sequences, window=OPTIONS["window"], min_freq=OPTIONS["min_freq"]
        )
    options = {k: OPTIONS[k] for k in ("dimensions", "iterations", "seed", "confidence")}
    frames = [
        semantic_change(counts[a], counts[b], names=(a, b), **options)
        for a, b in (("p1", "p2"), ("p2", "p3"))
    ]
    expected = tmp_path / "expected.tsv"
    write_tsv(pd.concat(frames, ignore_index=True), expected)
    assert joined.read_bytes() == expected.read_bytes()
    assert (frames[0]["status"] == "ranked").sum() > 5  # the comparison is not of empty tables


def test_the_order_of_the_token_tables_does_not_matter(token_files, tmp_path):
    first = _pair(token_files, tmp_path, "p2", "p3").read_bytes()
    shuffled = ["c2", "b3", "c1", "b1", "b2"]
    assert _pair(token_files, tmp_path, "p2", "p3", order=shuffled).read_bytes() == first


def test_a_document_of_another_period_is_refused(token_files, tmp_path):
    with pytest.raises(ValueError, match="period 'p1' given for the pair p2 -> p3"):
        _pair(token_files, tmp_path, "p2", "p3", order=["a1", "b1", "c1"])
    with pytest.raises(ValueError, match="period 'p3' of the pair p2 -> p3 has no document"):
        _pair(token_files, tmp_path, "p2", "p3", order=["b1", "b2"])


def test_no_pair_gives_the_header_alone(tmp_path):
    out = tmp_path / "semantic_change.tsv"
    semantic_change_step([], out=str(out))
    assert out.read_text(encoding="utf-8") == "\t".join(CHANGE_COLUMNS) + "\n"
    assert list(pd.read_csv(out, sep="\t").columns) == list(CHANGE_COLUMNS)


def test_a_table_that_is_not_a_pair_table_is_named(tmp_path):
    wrong = tmp_path / "p1_to_p2.tsv"
    wrong.write_text("term\tcount\nselvhjelp\t3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="p1_to_p2.tsv: not a semantic-change table"):
        semantic_change_step([str(wrong)], out=str(tmp_path / "out.tsv"))
