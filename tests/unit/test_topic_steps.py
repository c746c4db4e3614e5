"""The topic-model step on a planted corpus: files written, and fitting on a sample."""

from __future__ import annotations

import pandas as pd

from ordskifte.io import write_parquet
from ordskifte.topics.steps import topic_model_step
from tests.synthetic.planted import planted_corpus

OUTPUTS = (
    "model_selection",
    "topic_terms",
    "stability",
    "representative",
    "segment_topics",
    "topic_term",
)


def planted_segments(tmp_path, n_docs: int):
    corpus = planted_corpus(n_docs=n_docs, seed=3)
    manifest = corpus.manifest.set_index("doc_id")
    table = pd.DataFrame(
        {
            "segment_id": [f"{d}-0" for d in corpus.tokens],
            "doc_id": list(corpus.tokens),
            "period": [manifest.at[d, "period"] for d in corpus.tokens],
            "year": [manifest.at[d, "year"] for d in corpus.tokens],
            "page_first": pd.array([None] * len(corpus.tokens), dtype="Int32"),
            "page_last": pd.array([None] * len(corpus.tokens), dtype="Int32"),
            "paragraph_first": 0,
            "paragraph_last": 0,
            "n_terms": [len(t) for t in corpus.tokens.values()],
            "terms": [" ".join(t) for t in corpus.tokens.values()],
        }
    )
    path = tmp_path / "segments.parquet"
    write_parquet(table, path)
    return path, table


def run_step(tmp_path, segments, **options):
    outputs = {
        name: str(
            tmp_path / f"{name}.{'parquet' if name in ('segment_topics', 'topic_term') else 'tsv'}"
        )
        for name in OUTPUTS
    }
    topic_model_step(
        str(segments),
        name="global",
        engine="lda",
        grid=[6, 8],
        seed=1,
        n_seeds=2,
        fit={"passes": 5, "iterations": 50, "eval_every": None, "restarts": 1},
        min_df=2,
        max_share=1.0,
        phrases=False,
        coherence_measure="c_npmi",
        min_segments_per_topic=2,
        top_terms=10,
        stability_threshold=0.9,
        outputs=outputs,
        **options,
    )
    return {
        k: (pd.read_parquet(v) if v.endswith(".parquet") else pd.read_csv(v, sep="\t"))
        for k, v in outputs.items()
    }


def test_fitting_on_a_sample_still_gives_every_segment_its_topics(tmp_path):
    segments, table = planted_segments(tmp_path, 240)
    out = run_step(tmp_path, segments, max_fit_segments=120)
    topics = out["segment_topics"]
    assert list(topics["segment_id"]) == list(table["segment_id"])  # all 240, in order
    weights = topics.filter(like="topic_")
    assert ((weights.sum(axis=1) - 1).abs() < 1e-9).all()
    chosen = out["model_selection"][out["model_selection"]["chosen"]]
    assert (
        "random sample of 120 of 240 segments (topics.max_fit_segments)" in chosen.iloc[0]["note"]
    )
    assert len(out["representative"]) > 0


def test_without_a_limit_nothing_is_sampled(tmp_path):
    segments, _ = planted_segments(tmp_path, 60)
    out = run_step(tmp_path, segments, max_fit_segments=0)
    chosen = out["model_selection"][out["model_selection"]["chosen"]]
    assert "sample" not in str(chosen.iloc[0]["note"])
    assert len(out["segment_topics"]) == 60


def test_topic_term_matrix_round_trip_is_a_tall_table(tmp_path):
    from ordskifte.topics.steps import read_topic_term, write_topic_term

    matrix = pd.DataFrame(
        [[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]],
        index=pd.Index([0, 1], name="topic"),
        columns=pd.Index(["selvhjelp", "frivillig", "folkehelse"], name="term"),
    )
    write_topic_term(matrix, tmp_path / "tt.parquet")
    stored = pd.read_parquet(tmp_path / "tt.parquet")
    assert list(stored.columns) == ["term", "0", "1"] and len(stored) == 3
    pd.testing.assert_frame_equal(read_topic_term(tmp_path / "tt.parquet"), matrix)


def test_topic_term_in_the_earlier_wide_layout_is_still_read(tmp_path):
    from ordskifte.topics.steps import read_topic_term

    # "term" is a Norwegian word too: a wide table may have a column of that name
    wide = pd.DataFrame({"topic": [0, 1], "selvhjelp": [0.5, 0.1], "term": [0.5, 0.9]})
    wide.to_parquet(tmp_path / "old.parquet", index=False)
    matrix = read_topic_term(tmp_path / "old.parquet")
    assert list(matrix.index) == [0, 1] and list(matrix.columns) == ["selvhjelp", "term"]


def test_tables_give_the_criterion_the_cap_and_degenerate_topics(tmp_path):
    # 60 planted documents (one segment each), k from 6 and 8, 2 seeds, 2 segments per topic
    segments, _ = planted_segments(tmp_path, 60)
    out = run_step(tmp_path, segments, max_fit_segments=0)
    selection = out["model_selection"]
    assert list(selection.columns) == [
        "model",
        "k",
        "bound",
        "u_mass",
        "fits",
        "chosen",
        "k_cap",
        "k_cap_reason",
        "note",
        "c_npmi",
    ]
    assert selection["fits"].tolist() == [2, 2]  # n_seeds fits of every k
    assert set(selection["k_cap"]) == {30}
    assert set(selection["k_cap_reason"]) == {"60 segments at 2 per topic"}
    terms = out["topic_terms"]
    assert {"peak", "segments_led", "degenerate"} <= set(terms.columns)
    flagged = terms[terms["degenerate"]]
    assert (flagged["label"] == "(degenerate topic)").all()
    assert (terms.loc[~terms["degenerate"], "label"] != "(degenerate topic)").all()
