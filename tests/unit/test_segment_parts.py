"""The global model's segments joined from the periods' tables (ordskifte.topics.steps
segments_step with ``parts``) are the table, and the file, cut from every token table."""

import pandas as pd
import pytest

from ordskifte.io import write_parquet
from ordskifte.topics.segments import split_by_document
from ordskifte.topics.steps import segments_step
from tests.tokenmaker import token_table

WORDS = "selvhjelp gruppe frivillig arbeid psykisk helse folkehelse tiltak bruker likeperson"


def _token_table(n_terms, seed):
    """A token table of ``n_terms`` content words, each followed by the stopword "og", in
    one-sentence paragraphs of 3-5 content words.

    The words are long and distinct, so that the joined ``terms`` column spans several
    Parquet pages (1 MB each): where the pages break follows how the table's pieces were
    joined.
    """
    words = [f"{word}{seed:02d}" * 24 for word in WORDS.split()]
    sentences, sentence = [], []
    for i in range(n_terms):
        if sentence and i % (3 + (i + seed) % 3) == 0:
            sentences.append(sentence)
            sentence = []
        sentence += [f"{words[(i * 7 + seed) % len(words)]}{i}", "og"]
    return token_table([*sentences, sentence] if sentence else sentences, stopwords={"og"})


# doc_id, period ("" = none), year, content words (0: a document without segments)
DOCUMENTS = [
    ("d3", "b", "2001", 2300),
    ("d1", "a", "1991", 1700),
    ("d5", "", "", 900),
    ("d4", "a", "1993", 0),
    ("d2", "b", "2003", 3100),
    ("d0", "a", "1990", 5),
]


@pytest.mark.parametrize("manifest_order", ["as listed", "sorted", "all in periods"])
def test_all_from_the_period_tables_is_the_file_cut_from_every_token_table(
    tmp_path, manifest_order
):
    documents = sorted(DOCUMENTS) if manifest_order == "sorted" else DOCUMENTS
    if manifest_order == "all in periods":
        documents = [d for d in DOCUMENTS if d[1]]
    paths, records = {}, {}
    for i, (doc, period, year, n) in enumerate(documents):
        paths[doc] = str(tmp_path / f"{doc}.parquet")
        write_parquet(_token_table(n, i), paths[doc])
        records[doc] = {"doc_id": doc, "period": period, "year": year}
    order = [d for d, *_ in documents]

    def cut(name, docs, **kwargs):
        out = str(tmp_path / f"{name}.parquet")
        segments_step(
            [paths[d] for d in docs],
            documents=[records[d] for d in docs],
            target_tokens=4,
            name=name,
            out=out,
            **kwargs,
        )
        return out

    every = cut("every", order)
    parts = [cut(p, [d for d in order if records[d]["period"] == p]) for p in ("a", "b")]
    joined = cut("joined", [d for d in order if not records[d]["period"]], parts=parts, order=order)
    table = pd.read_parquet(joined)
    assert table.equals(pd.read_parquet(every))
    # d4 has no segment
    assert set(table["doc_id"]) == {"d0", "d1", "d2", "d3", "d5"} & set(order)
    assert open(joined, "rb").read() == open(every, "rb").read()


def test_a_period_table_with_a_document_not_in_the_manifest_is_refused(tmp_path):
    part = str(tmp_path / "a.parquet")
    tokens = str(tmp_path / "d1.parquet")
    write_parquet(_token_table(12, 0), tokens)
    segments_step(
        [tokens],
        documents=[{"doc_id": "d1", "period": "a", "year": "1991"}],
        target_tokens=4,
        name="a",
        out=part,
    )
    with pytest.raises(ValueError, match="not in the manifest \\(d1\\)"):
        segments_step(
            [], documents=[], target_tokens=4, name="all", out=str(tmp_path / "all.parquet"),
            parts=[part], order=["d2"],
        )  # fmt: skip


def test_split_by_document_gives_each_documents_rows_in_order():
    table = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "n": [1, 2, 3, 4, 5]})
    pieces = split_by_document(table)
    assert list(pieces) == ["a", "b", "c"]
    assert [pieces[d]["n"].tolist() for d in pieces] == [[1, 2], [3], [4, 5]]
    assert split_by_document(table.iloc[:0]) == {}


def test_split_by_document_refuses_a_table_not_ordered_by_document():
    with pytest.raises(ValueError, match="not ordered by doc_id"):
        split_by_document(pd.DataFrame({"doc_id": ["a", "b", "a"]}))


def test_a_document_in_two_segment_tables_is_refused(tmp_path):
    tokens = str(tmp_path / "d1.parquet")
    write_parquet(_token_table(12, 0), tokens)
    record = {"doc_id": "d1", "period": "a", "year": "1991"}
    part = str(tmp_path / "a.parquet")
    segments_step([tokens], documents=[record], target_tokens=4, name="a", out=part)
    with pytest.raises(ValueError, match="also cuts \\(d1\\)"):
        segments_step(
            [tokens], documents=[record], target_tokens=4, name="all",
            out=str(tmp_path / "all.parquet"), parts=[part], order=["d1"],
        )  # fmt: skip
    with pytest.raises(ValueError, match="also cuts \\(d1\\)"):
        segments_step(
            [], documents=[], target_tokens=4, name="all", out=str(tmp_path / "all.parquet"),
            parts=[part, part], order=["d1"],
        )  # fmt: skip
