"""Unit tests for ordskifte.text.lexicon: the unpacked word tables give simplemma's own lemmas."""

import pytest
import simplemma

from ordskifte.text.lexicon import LexiconDictionaryFactory, lemmatizer, read_lexicon, write_lexicon
from ordskifte.text.tokenize import Normaliser

# Words from the bundled corpus, with the cases simplemma treats apart: apostrophes,
# numbers, Nynorsk-only forms, compounds not in the table, capitals.
WORDS = [
    "selvhjelpsgruppene",
    "frivillighetssentralene",
    "helsedirektoratets",
    "ikkje",
    "sjølvhjelp",
    "kommunane",
    "brukerorganisasjonene",
    "folkehelsearbeidet",
    "psykiske",
    "o'neill",
    "nsf’s",
    "1990-tallet",
    "1990",
    "½",
    "Mental",
    "xqzv",
]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicon")
    paths = {lang: folder / f"simplemma_{lang}.tsv" for lang in ("nb", "nn")}
    counts = {lang: write_lexicon(lang, path) for lang, path in paths.items()}
    return paths, counts


def test_tables_hold_simplemmas_word_forms(tables):
    paths, counts = tables
    assert counts["nb"] > 100_000 and counts["nn"] > 100_000
    nb = read_lexicon(paths["nb"])
    assert len(nb) == counts["nb"]
    assert nb[b"selvhjelpsgruppene"] == b"selvhjelpsgruppe"
    text = paths["nb"].read_text(encoding="utf-8")
    assert text.startswith("form\tlemma\n")
    assert "\nselvhjelpsgruppene\tselvhjelpsgruppe\n" in text


def test_writing_twice_gives_the_same_bytes(tables, tmp_path):
    paths, _ = tables
    again = tmp_path / "nb.tsv"
    write_lexicon("nb", again)
    assert again.read_bytes() == paths["nb"].read_bytes()


@pytest.mark.parametrize("langs", [("nb", "nn"), ("nn", "nb")])
def test_lemmas_are_simplemmas(tables, langs):
    paths, _ = tables
    lemmatize, table = lemmatizer(paths)
    for word in WORDS:
        assert lemmatize(word, lang=langs) == simplemma.lemmatize(word, lang=langs), word
    assert table("nb").get("huset") == "hus"


def test_normaliser_over_the_tables_agrees_with_the_default(tables):
    paths, _ = tables
    fast, default = Normaliser("lemma", lexicons=paths), Normaliser("lemma")
    for language in ("nb", "nn"):
        for word in WORDS:
            assert fast(word.lower(), language) == default(word.lower(), language), word


def test_other_languages_come_from_simplemma(tables):
    paths, _ = tables
    factory = LexiconDictionaryFactory(paths)
    assert factory.get_dictionary("sv").get("husen") == "hus"


def test_a_file_that_is_not_a_table_is_named(tmp_path):
    bad = tmp_path / "simplemma_nb.tsv"
    bad.write_text("form\tlemma\nhuset\thus\nhusa\n", encoding="utf-8")
    with pytest.raises(ValueError, match="simplemma_nb.tsv is not a word table"):
        LexiconDictionaryFactory({"nb": bad}).get_dictionary("nb")
