"""The collocates step on files: a four-document corpus in two periods, tables read back."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from ordskifte.io import write_parquet, write_tsv
from ordskifte.semantic.steps import collocates_step
from tests.tokenmaker import token_table

STOP = {"og"}
# doc_id -> (period, year, sentences); d4 has no period: collocates compare periods, so it
# must count nowhere (its "gruppe" would otherwise raise p1's co-occurrence).
CORPUS = {
    "d1": (
        "p1",
        "1993",
        ["selvhjelp gruppe møte", "selvhjelp gruppe møte", "selvhjelp og gruppe"]
        + ["kommune plan budsjett", "kommune plan budsjett"],
    ),
    "d2": ("p1", "1995", ["selvhjelp gruppe tiltak", "budsjett plan tiltak"]),
    "d3": ("p2", "2003", ["selvhjelp folkehelse kommune", "selvhjelp kommune", "kommune plan"]),
    "d4": ("", "2019", ["selvhjelp gruppe", "selvhjelp gruppe"]),
}


def read_tsv(path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def _tokens(sentences: list[str]) -> pd.DataFrame:
    return token_table([s.split() for s in sentences], stopwords=STOP, targets={"selvhjelp"})


@pytest.fixture
def corpus(tmp_path):
    documents = pd.DataFrame(
        [{"doc_id": d, "period": p, "year": y, "period_used": p} for d, (p, y, _) in CORPUS.items()]
    )
    write_tsv(documents, tmp_path / "documents.tsv")
    paths = []
    for doc_id, (_, _, sentences) in CORPUS.items():
        paths.append(str(tmp_path / f"{doc_id}.parquet"))
        write_parquet(_tokens(sentences), paths[-1])
    return tmp_path, paths


def _run(tmp_path, paths, **changes):
    options = dict(
        doc_ids=list(CORPUS),
        patterns={"selvhjelp": ["selvhjelp*"]},
        period_order=["p1", "p2"],
        window=2,
        min_freq=1,
        min_target_freq=3,
        top_k=2,
        iterations=20,
        confidence=0.95,
        seed=7,
        outputs={"selvhjelp": str(tmp_path / "collocates_selvhjelp.tsv")},
        overlap_out=str(tmp_path / "overlap.tsv"),
        evidence_out=str(tmp_path / "evidence.tsv"),
        context=3,
        evidence_lines=1,
    )
    options.update(changes)
    collocates_step(str(tmp_path / "documents.tsv"), paths, **options)


def test_collocates_count_the_documents_of_each_period_only(corpus):
    tmp_path, paths = corpus
    _run(tmp_path, paths)
    table = read_tsv(tmp_path / "collocates_selvhjelp.tsv")
    assert list(table["period"].unique()) == ["p1", "p2"]
    hits = table.groupby("period")["target_freq"].first().astype(int).to_dict()
    assert hits == {"p1": 4, "p2": 2}  # d4's two hits count nowhere
    co = table.set_index(["period", "collocate"])["co_freq"].astype(int).to_dict()
    assert co[("p1", "gruppe")] == 4  # 3 in d1, 1 in d2; d4's 2 left out
    assert co[("p1", "møte")] == 2 and co[("p2", "kommune")] == 2
    assert ("p1", "og") not in co  # stopwords are never collocates
    # p2 has 2 hits, fewer than min_target_freq = 3: its collocates are marked thin
    thin = table.groupby("period")["thin"].first().to_dict()
    assert thin == {"p1": "False", "p2": "True"}


def test_overlap_of_consecutive_periods(corpus):
    tmp_path, paths = corpus
    _run(tmp_path, paths)
    overlap = read_tsv(tmp_path / "overlap.tsv")
    assert overlap[["name", "period_a", "period_b"]].values.tolist() == [["selvhjelp", "p1", "p2"]]
    assert float(overlap.loc[0, "jaccard"]) == 0.0  # no top collocate in common
    assert overlap.loc[0, "shared"] == ""


def test_evidence_is_the_top_collocates_in_their_own_period(corpus):
    tmp_path, paths = corpus
    _run(tmp_path, paths)
    table = read_tsv(tmp_path / "collocates_selvhjelp.tsv")
    evidence = read_tsv(tmp_path / "evidence.tsv")
    top = {p: set(g.head(2)["collocate"]) for p, g in table.groupby("period")}
    assert set(evidence["doc_id"]) <= {"d1", "d2", "d3"}
    for row in evidence.itertuples():
        assert row.collocate in top[row.period], row
        assert CORPUS[row.doc_id][0] == row.period and CORPUS[row.doc_id][1] == row.year
    # at most evidence_lines (1) line per collocate and period, periods in order
    assert evidence.groupby(["name", "period", "collocate"]).size().max() == 1
    assert list(evidence["period"]) == sorted(evidence["period"], key=["p1", "p2"].index)
    found = set(zip(evidence["period"], evidence["collocate"], strict=True))
    assert found == {(p, c) for p, cs in top.items() for c in cs}


def test_a_thin_period_is_named_in_the_log(corpus, caplog):
    tmp_path, paths = corpus
    with caplog.at_level(logging.WARNING, logger="ordskifte"):
        _run(tmp_path, paths)
    assert "selvhjelp in p2: 2 hits, fewer than collocates.min_target_freq = 3" in caplog.text
    assert "in p1" not in caplog.text


def test_reruns_give_the_same_bytes(corpus, tmp_path_factory):
    tmp_path, paths = corpus
    _run(tmp_path, paths)
    first = {f: (tmp_path / f).read_bytes() for f in ("overlap.tsv", "evidence.tsv")}
    _run(tmp_path, paths)
    assert first == {f: (tmp_path / f).read_bytes() for f in first}


def test_no_document_with_a_period_is_an_error(corpus):
    tmp_path, paths = corpus
    with pytest.raises(ValueError, match="no document with a period"):
        _run(tmp_path, paths[3:], doc_ids=["d4"])
