"""The choice of k finds planted topics, k is capped, and degenerate topics are found.

The planted corpora are small shapes of :data:`tests.synthetic.planted.QUICK_SHAPES` (one
period each), cut into segments by the workflow's own ``make_segments`` and modelled with
the shipped topic settings; they run in seconds. ``benchmarks/topics.py`` runs the same on
larger and harder shapes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ordskifte.topics.model import (
    QUALITY_COLUMNS,
    TopicModel,
    best_fit,
    build_vocabulary,
    fit_model,
    k_cap,
    select_k,
    topic_quality,
)
from ordskifte.topics.segments import segment_terms
from tests.synthetic.planted import (
    MATCH_COLUMNS,
    QUICK_SHAPES,
    match_topics,
    period_segments,
    shape_corpus,
)

SHAPES = {s.name: s for s in QUICK_SHAPES}
SETTINGS = {"passes": 10, "iterations": 100, "eval_every": None, "chunksize": 2000}


def planted_segments(name: str, seed: int = 16):
    corpus = shape_corpus(SHAPES[name], seed=seed)
    docs = segment_terms(period_segments(corpus, "a", target_tokens=150))
    return corpus, docs, build_vocabulary(docs, min_df=2, max_share=0.5)


@pytest.mark.parametrize("name", ["quick_k3", "quick_k4", "quick_k5"])
def test_the_bound_finds_the_planted_k_and_its_topics(name):
    # The shipped settings (k 3..12, 2 seeds, the merge path with 3 passes after each merge,
    # tolerance 0.002 nats per token). Measured: u_mass coherence chooses k=4 on quick_k5
    # (two planted topics merged).
    corpus, docs, vocabulary = planted_segments(name)
    fitted: dict = {}
    k, table, _ = select_k(
        docs,
        grid=range(3, 13),
        engine="lda",
        seed=20190626,
        vocabulary=vocabulary,
        seeds=2,
        tolerance=0.002,
        min_segments_per_topic=5,
        fitted=fitted,
        search="merge",
        merge_passes=3,
        **SETTINGS,
    )
    assert k == SHAPES[name].k, table
    matched = match_topics(best_fit(fitted[k]).topic_term, corpus.topic_term)
    assert list(matched.columns) == list(MATCH_COLUMNS)
    assert (matched["cosine"] >= 0.9).all(), matched


def test_u_mass_misses_a_planted_k_that_the_bound_finds():
    # the failure of issue #16 in miniature: the same fits, chosen by u_mass
    _, docs, vocabulary = planted_segments("quick_k5")
    k, _, _ = select_k(
        docs,
        grid=range(3, 13),
        engine="lda",
        seed=20190626,
        vocabulary=vocabulary,
        criterion="u_mass",
        min_segments_per_topic=5,
        **SETTINGS,
    )
    assert k != 5


def test_k_cap_and_its_reason():
    docs = [["a", "b"], ["b", "c"], ["c", "a"]] * 6  # 18 segments, 3 terms
    assert k_cap(docs, ["a", "b", "c", "d"], min_segments_per_topic=5) == (
        3,
        18,
        4,
        "18 segments at 5 per topic",
    )
    assert k_cap(docs, ["a", "b"], min_segments_per_topic=1)[::3] == (2, "2 vocabulary terms")
    assert k_cap(docs[:3], ["a", "b", "c"])[::3] == (2, "3 segments (fewer topics than segments)")
    assert k_cap(docs[:1], ["a"])[::3] == (1, "1 segment(s) with vocabulary terms")
    # select_k leaves out the k above the cap, with the reason
    k, table, notes = select_k(
        docs,
        grid=[2, 3, 4, 5],
        engine="lda",
        seed=1,
        vocabulary=["a", "b", "c", "d"],
        min_segments_per_topic=5,
    )
    assert table["k"].tolist() == [2, 3]
    assert notes == ["k=4, 5 dropped from the grid: 18 segments at 5 per topic support at most k=3"]


def _model(topic_term: np.ndarray, doc_topic: np.ndarray) -> TopicModel:
    k, v = topic_term.shape
    return TopicModel(
        engine="lda",
        k=k,
        seed=0,
        vocabulary=[f"w{i}" for i in range(v)],
        topic_term=pd.DataFrame(topic_term, index=pd.RangeIndex(k, name="topic")),
        doc_topic=pd.DataFrame(doc_topic),
    )


def test_topic_quality_finds_flat_topics_and_topics_that_lead_no_segment():
    # 4 terms, uniform weight 0.25. Topic 0: peak 0.7 * 4 = 2.8, leads segments 0 and 1.
    # Topic 1: flat (0.3 * 4 = 1.2 < 2) though it leads segment 2. Topic 2: peak 3.6 but
    # leads nothing (its best segment, 3, is a tie with topic 0: the lower id leads).
    phi = np.array([[0.7, 0.1, 0.1, 0.1], [0.3, 0.25, 0.25, 0.2], [0.05, 0.05, 0.0, 0.9]])
    theta = np.array([[0.8, 0.1, 0.1], [0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.45, 0.1, 0.45]])
    table = topic_quality(_model(phi, theta))
    assert list(table.columns) == list(QUALITY_COLUMNS)
    assert table["peak"].round(6).tolist() == [2.8, 1.2, 3.6]
    assert table["segments_led"].tolist() == [3, 1, 0]
    assert table["degenerate"].tolist() == [False, True, True]
    assert topic_quality(_model(phi, theta), flat_peak=1.0)["degenerate"].tolist() == [
        False,
        False,
        True,
    ]
    with pytest.raises(ValueError, match="flat_peak"):
        topic_quality(_model(phi, theta), flat_peak=0)


def test_too_many_topics_leave_degenerate_ones():
    # 3 planted topics fitted with k=10: LDA leaves topics that no segment is about
    _, docs, vocabulary = planted_segments("quick_k3")
    model = fit_model(docs, engine="lda", k=10, seed=1, vocabulary=vocabulary, **SETTINGS)
    quality = topic_quality(model)
    assert quality["degenerate"].sum() >= 3
    assert (quality.loc[~quality["degenerate"], "segments_led"] > 0).all()
