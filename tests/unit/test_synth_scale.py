"""Unit tests for tests.synthetic.scale.scale_corpus: large synthetic corpora for the benchmarks.

The generator must be deterministic, write a manifest the workflow accepts, hit the requested
size, draw words with a Zipf-like rank/frequency law, and plant the concept families with a
period pattern; and the pipeline's own cleaner and tokenizer must read its text as ordinary
prose (nothing removed, every paragraph Bokmål, every planted concept found).
"""

import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from ordskifte.ingest.manifest import MANIFEST_COLUMNS, read_manifest, validate_manifest
from ordskifte.text.clean import clean_document
from ordskifte.text.language import identify_language
from ordskifte.text.patterns import compile_patterns
from ordskifte.text.tokenize import Normaliser, ParagraphIn, read_stopwords, tokenize_document
from tests.synthetic import write_corpus
from tests.synthetic.planted import DEFAULT_PERIODS
from tests.synthetic.scale import (
    SCALE_CONCEPT_FORMS,
    SCALE_CONCEPT_RATES,
    scale_corpus,
    scale_vocabulary,
    two_regime_zipf,
    word_count,
)

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
PERIODS = {name: (first, last) for name, first, last in DEFAULT_PERIODS}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def corpus():
    return scale_corpus(60_000, seed=11, doc_tokens=(8_000, 15_000))


@pytest.fixture(scope="module")
def texts(corpus):
    return dict(corpus.documents.items())


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_differs(corpus, tmp_path):
    write_corpus(corpus, tmp_path / "a")
    write_corpus(scale_corpus(60_000, seed=11, doc_tokens=(8_000, 15_000)), tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second and len(first) == len(corpus.manifest) + 1
    other = scale_corpus(60_000, seed=12, doc_tokens=(8_000, 15_000))
    assert other.text("scale-0000") != corpus.text("scale-0000")
    assert corpus.text("scale-0001") == corpus.text("scale-0001")


def test_written_manifest_passes_the_workflow_check(corpus, tmp_path):
    path = write_corpus(corpus, tmp_path / "corpus")
    manifest = read_manifest(path)
    assert list(manifest.columns) == list(MANIFEST_COLUMNS)
    schema = yaml.safe_load(
        (ROOT / "workflow/schemas/manifest.schema.yaml").read_text(encoding="utf-8")
    )
    validate_manifest(
        manifest,
        schema=schema,
        corpus_dir=path.parent,
        period_names=[p["name"] for p in CONFIG["periods"]],
        languages=CONFIG["manifest_languages"],
    )
    assert manifest["doc_id"].tolist() == [f"scale-{i:04d}" for i in range(len(manifest))]
    assert manifest["file"].tolist() == [f"scale/{d}.txt" for d in manifest["doc_id"]]
    for row in manifest.itertuples():
        first, last = PERIODS[row.period]
        assert first <= int(row.year) <= last
    # documents are spread evenly over the periods
    counts = Counter(manifest["period"])
    assert set(counts) == set(PERIODS) and max(counts.values()) - min(counts.values()) <= 1


def test_sizes_add_up_and_each_text_has_its_word_tokens(corpus, texts):
    assert corpus.n_tokens == 60_000
    sizes = list(corpus.word_tokens.values())
    assert all(8_000 <= s <= 15_000 for s in sizes[:-1])
    for doc_id, text in texts.items():
        assert word_count(text) == corpus.word_tokens[doc_id]


@pytest.mark.parametrize(
    ("n_tokens", "documents"), [(1_000_000, (10, 20)), (4_000_000, (40, 80)), (150, (1, 1))]
)
def test_white_paper_sized_documents(n_tokens, documents):
    plan = scale_corpus(n_tokens, seed=1)
    assert plan.n_tokens == n_tokens
    assert documents[0] <= len(plan.manifest) <= documents[1]
    if n_tokens > 150_000:
        assert all(20_000 <= s <= 150_000 for s in plan.word_tokens.values())


def test_text_is_prose_the_cleaner_keeps_and_the_tokenizer_counts(corpus, texts):
    doc_id = "scale-0002"
    text = texts[doc_id]
    assert text.endswith(".\n") and "\n\n\n" not in text and "  " not in text
    lines = text.splitlines()
    assert max(len(line) for line in lines) < 80 + 31  # wrapped at ~80 characters
    paragraphs = text.rstrip("\n").split("\n\n")
    assert sum(p[:1].isdigit() for p in paragraphs) >= 1  # numbered headings
    result = clean_document(text)
    steps = result.record["steps"]
    assert steps["page_furniture"]["lines_removed"] == 0
    assert steps["footnotes"]["extracted"] == 0
    assert steps["urls"]["removed"] == 0 and steps["hyphenation"]["joins"] == 0
    assert steps["block_quotes"]["quotes"] == 0
    assert len(result.paragraphs) == len(paragraphs)
    assert {identify_language(p.text, default="nb") for p in result.paragraphs} == {"nb"}
    table = tokenize_document(
        [
            ParagraphIn(index=i, text=p.text, page=p.page, language="nb")
            for i, p in enumerate(result.paragraphs)
        ],
        normaliser=Normaliser("lemma", variants=CONFIG["variants"]),
        stopwords={"nb": read_stopwords(ROOT / CONFIG["stopwords"]["nb"])},
        concepts=compile_patterns(CONFIG["concepts"]),
        targets=compile_patterns(CONFIG["targets"]),
    )
    words = sum(1 for t in table["token"] if re.search(r"[^\W\d_]", t))
    assert words == corpus.word_tokens[doc_id]
    found = Counter(
        n for tags in table["concepts"] + table["targets"] for n in tags.split("|") if n
    )
    planted = corpus.planted.loc[doc_id]
    assert {name: found[name] for name in planted.index} == planted.to_dict()
    assert planted.sum() > 0


def test_rank_frequency_is_zipf_like(texts):
    counts = Counter(w.lower() for text in texts.values() for w in WORD.findall(text))
    freq = np.array(sorted(counts.values(), reverse=True), dtype=float)
    ranks = np.arange(1, len(freq) + 1)
    window = slice(9, 1000)  # ranks 10-1000, clear of the few most frequent words
    slope = np.polyfit(np.log(ranks[window]), np.log(freq[window]), 1)[0]
    assert -1.3 < slope < -0.7
    # a long tail: many words, most of them rare, as in real text
    assert len(counts) > 10_000 and (freq == 1).mean() > 0.4
    top = [w for w, _ in counts.most_common(5)]
    assert "og" in top and "i" in top


def test_two_regime_zipf():
    w = two_regime_zipf(20_000, exponent=1.0, kernel=5000, tail_exponent=1.7)
    assert w.sum() == pytest.approx(1.0) and (np.diff(w) <= 0).all()
    assert w[0] / w[1] == pytest.approx(2.0)
    assert w[4999] / w[5000] == pytest.approx((5001 / 5000) ** 1.7)
    assert w[9999] / w[19999] == pytest.approx(2**1.7)
    with pytest.raises(ValueError, match="at least 1"):
        two_regime_zipf(0)


def test_concept_families_follow_their_periods():
    plan = scale_corpus(3_000_000, seed=5)
    periods = plan.manifest.set_index("doc_id")["period"]
    tokens = periods.index.map(plan.word_tokens)
    planted = plan.planted.groupby(periods.values).sum()
    rates = planted.div(tokens.to_series(index=periods.index).groupby(periods.values).sum(), axis=0)
    rates *= 10_000
    for family in ("frivillig", "psykisk_helse", "folkehelse"):
        assert rates[family].idxmax() == family
        for period in PERIODS:
            expected = SCALE_CONCEPT_RATES[family][period]
            assert rates.loc[period, family] == pytest.approx(expected, rel=0.25)
    assert set(plan.planted.columns) == set(SCALE_CONCEPT_FORMS)


def test_vocabulary_is_corpus_core_then_lexicon_and_compounds():
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    vocab = scale_vocabulary()
    words = vocab.words.tolist()
    assert len(words) == vocab.n_corpus + vocab.n_lexicon + vocab.n_compounds
    assert len(set(map(str.lower, words))) == len(words)
    assert vocab.n_corpus > 500 and vocab.n_lexicon > 100_000 and vocab.n_compounds > 10_000
    assert words[:3] == ["og", "i", "som"]  # the bundled corpus's most frequent words
    assert all(WORD.fullmatch(w) for w in words)
    assert not [w for w in words if w.lower().startswith(("frivillig", "folkehelse", "selvhjelp"))]
    assert "psykisk" not in words and "the" not in words and "ikkje" not in words
    lexicon = DefaultDictionaryFactory().get_dictionary("nb")
    tail = words[vocab.n_corpus :]
    made_up = [w for w in tail[:5000] if w not in lexicon]
    assert 0.05 < len(made_up) / 5000 < 0.3  # compounds simplemma must decompose
    lemmas = {w: simplemma.lemmatize(w, lang="nb") for w in tail[:2000]}
    assert sum(lemma != w for w, lemma in lemmas.items()) > 200  # inflected forms


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="n_tokens"):
        scale_corpus(50, seed=1)
    with pytest.raises(ValueError, match="doc_tokens"):
        scale_corpus(1000, seed=1, doc_tokens=(500, 200))
    with pytest.raises(ValueError, match="id_prefix"):
        scale_corpus(1000, seed=1, id_prefix="a b")
    with pytest.raises(ValueError, match="no rate for period"):
        scale_corpus(1000, seed=1, concept_rates={"frivillig": {"frivillig": 1.0}})
    with pytest.raises(ValueError, match="documents.tsv"):
        scale_vocabulary(corpus_dir=ROOT / "workflow")


def test_generation_is_fast():
    scale_vocabulary()  # built once per process (a few seconds), then cached
    plan = scale_corpus(1_000_000, seed=2)
    start = time.perf_counter()
    size = sum(len(text) for text in plan.documents.values())
    seconds = time.perf_counter() - start
    assert size > 5_000_000
    assert seconds < 20  # about 1.5 s on one core: 10 M tokens well under a minute
