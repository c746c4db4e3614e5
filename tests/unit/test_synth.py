"""Unit tests for tests.synthetic: the planted corpus is deterministic, its parameters are
distributions, its text is what the tokenizer turns back into the planted words, and its
manifest passes the pipeline's checks."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from ordskifte.ingest.manifest import MANIFEST_COLUMNS, read_manifest, validate_manifest
from ordskifte.text.tokenize import (
    Normaliser,
    ParagraphIn,
    read_stopwords,
    tokenize_document,
    tokens_frame,
)
from ordskifte.topics.segments import make_segments, segment_terms
from tests.synthetic import write_corpus
from tests.synthetic.planted import (
    DEFAULT_BACKGROUND,
    DEFAULT_PERIOD_TOPICS,
    DEFAULT_TOPICS,
    planted_corpus,
    zipf_weights,
)

ROOT = Path(__file__).resolve().parents[2]
PERIODS = {"frivillig": (1986, 1995), "psykisk_helse": (1996, 2001), "folkehelse": (2002, 2030)}


@pytest.fixture(scope="module")
def corpus():
    return planted_corpus(n_docs=12, seed=5)


def test_same_seed_same_corpus_other_seed_differs(corpus):
    again = planted_corpus(n_docs=12, seed=5)
    assert again.documents == corpus.documents and again.tokens == corpus.tokens
    pd.testing.assert_frame_equal(again.manifest, corpus.manifest)
    pd.testing.assert_frame_equal(again.doc_topics, corpus.doc_topics)
    pd.testing.assert_frame_equal(again.topic_term, corpus.topic_term)
    assert planted_corpus(n_docs=12, seed=6).documents != corpus.documents


def test_default_words_are_distinct_base_forms_and_not_stopwords():
    import simplemma

    assert len(DEFAULT_TOPICS) == 8 and all(len(t) == 25 for t in DEFAULT_TOPICS)
    assert len(DEFAULT_BACKGROUND) == 50
    words = [w for topic in DEFAULT_TOPICS for w in topic] + list(DEFAULT_BACKGROUND)
    assert len(set(words)) == len(words)
    stopwords = read_stopwords(ROOT / "resources/stopwords/nb.txt")
    assert not set(words) & stopwords
    # the tokenizer lemmatizes with ("nb", "nn"): every planted word must come back unchanged
    changed = {w: simplemma.lemmatize(w, lang=("nb", "nn")) for w in words}
    assert {w: lemma for w, lemma in changed.items() if lemma != w} == {}


def test_topic_term_is_zipf_over_own_words_plus_background(corpus):
    phi = corpus.topic_term
    assert phi.shape == (8, 250)
    assert list(phi.columns[:25]) == list(DEFAULT_TOPICS[0])
    np.testing.assert_allclose(phi.sum(axis=1), 1.0)
    # 20 % background in every topic, the rest Zipf over the topic's own words
    np.testing.assert_allclose(phi[list(DEFAULT_BACKGROUND)].sum(axis=1), 0.2)
    np.testing.assert_allclose(
        phi.loc[3, list(DEFAULT_TOPICS[3])], 0.8 * zipf_weights(25), rtol=1e-12
    )
    assert (phi.loc[3, list(DEFAULT_TOPICS[4])] == 0).all()
    np.testing.assert_allclose(zipf_weights(3), np.array([1, 1 / 2, 1 / 3]) / (11 / 6))


def test_documents_follow_their_period(corpus):
    manifest = corpus.manifest
    assert list(manifest.columns) == list(MANIFEST_COLUMNS)
    assert manifest["doc_id"].tolist() == [f"synth-{i:04d}" for i in range(12)]
    assert manifest["file"].tolist() == [f"synthetic/synth-{i:04d}.txt" for i in range(12)]
    assert manifest["period"].tolist() == ["frivillig", "psykisk_helse", "folkehelse"] * 4
    for row in manifest.itertuples():
        first, last = PERIODS[row.period]
        assert first <= int(row.year) <= last
        theta = corpus.doc_topics.loc[row.doc_id]
        assert theta.sum() == pytest.approx(1.0)
        outside = [t for t in range(8) if t not in DEFAULT_PERIOD_TOPICS[row.period]]
        assert (theta[outside] == 0).all()
        assert 150 <= len(corpus.tokens[row.doc_id]) <= 400


def test_text_is_sentences_and_paragraphs_of_the_drawn_words(corpus):
    text = corpus.documents["synth-0000"]
    assert text.endswith(".\n") and "\n\n\n" not in text
    paragraphs = text.rstrip("\n").split("\n\n")
    assert len(paragraphs) > 1
    sentences = [s for p in paragraphs for s in re.split(r"(?<=\.) ", p)]
    assert all(
        s[0].isupper() and s.endswith(".") and 6 <= len(s.split()) <= 18 for s in sentences[:-1]
    )
    assert text.lower().replace(".", " ").split() == corpus.tokens["synth-0000"]


def test_tokenizer_gives_back_the_planted_words_and_segments_them(corpus):
    # through the pipeline's own tokenizer, with the default config's variants and stopwords
    text = corpus.documents["synth-0001"]
    paragraphs = [
        ParagraphIn(index=i, text=p, page=None, language="nb")
        for i, p in enumerate(text.rstrip("\n").split("\n\n"))
    ]
    table = tokens_frame(
        tokenize_document(
            paragraphs,
            normaliser=Normaliser(
                "lemma", variants={"sjølhjelp": "selvhjelp", "likemannsarbeid": "likepersonsarbeid"}
            ),
            stopwords={"nb": read_stopwords(ROOT / "resources/stopwords/nb.txt")},
        )
    )
    content = table.loc[~table["is_stopword"], "lemma"].tolist()
    assert content == corpus.tokens["synth-0001"]
    segments = make_segments(table, doc_id="synth-0001", period="psykisk_helse", year="1999")
    assert sum(segment_terms(segments), []) == content
    assert (segments["n_terms"].iloc[:-1] >= 150).all()


def test_write_corpus_writes_a_valid_manifest_and_the_files(corpus, tmp_path):
    path = write_corpus(corpus, tmp_path / "synthetic-corpus")
    assert path == tmp_path / "synthetic-corpus" / "documents.tsv"
    manifest = read_manifest(path)
    pd.testing.assert_frame_equal(manifest, corpus.manifest.astype(object), check_dtype=False)
    schema = yaml.safe_load(
        (ROOT / "workflow/schemas/manifest.schema.yaml").read_text(encoding="utf-8")
    )
    validate_manifest(
        manifest,
        schema=schema,
        corpus_dir=path.parent,
        period_names=list(PERIODS),
        languages=["nb", "nn"],
    )
    first = (path.parent / "synthetic" / "synth-0000.txt").read_bytes()
    assert first == corpus.documents["synth-0000"].encode("utf-8")


def test_custom_topics_and_periods():
    custom = planted_corpus(
        n_docs=4,
        topics=[["alfa", "beta"], ["gamma", "delta"]],
        periods=[("tidlig", 1990, 1999), ("sent", 2000, 2009)],
        background=(),
        doc_length=(20, 20),
        seed=0,
    )
    assert list(custom.topic_term.columns) == ["alfa", "beta", "gamma", "delta"]
    assert all(len(words) == 20 for words in custom.tokens.values())
    assert custom.manifest["period"].tolist() == ["tidlig", "sent", "tidlig", "sent"]
    with pytest.raises(ValueError, match="topic indices"):
        planted_corpus(
            n_docs=2, topics=[["a"]], periods=[("p", 1, 2)], period_topics={"p": [3]}, seed=0
        )
    with pytest.raises(ValueError, match="n_docs"):
        planted_corpus(n_docs=0, seed=0)
