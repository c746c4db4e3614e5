"""Unit tests for ordskifte.text.lexicon: the unpacked word tables give simplemma's own lemmas."""

from zlib import crc32

import pytest
import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import MappingStrToByteString

from ordskifte.text.lexicon import (
    LexiconDictionaryFactory,
    LexiconTable,
    index_path,
    lemmatizer,
    read_lexicon,
    write_index,
    write_lexicon,
)
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
    assert index_path(again) == tmp_path / "nb.index"
    assert index_path(again).read_bytes() == index_path(paths["nb"]).read_bytes()


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_indexed_table_answers_as_the_dictionary(tables, lang):
    """Every form of the table, and forms one letter longer or shorter (mostly absent, in
    the same hash neighbourhoods), give what simplemma's own mapping over the dictionary
    :func:`read_lexicon` builds gives."""
    paths, counts = tables
    table = LexiconTable(paths[lang])
    oracle = MappingStrToByteString(read_lexicon(paths[lang]))
    forms = list(oracle)
    assert len(table) == counts[lang] and list(table) == forms
    assert [table.get(form) for form in forms] == [oracle.get(form) for form in forms]
    near = [form + "e" for form in forms[::7]] + [form[:-1] for form in forms[::7]]
    near += ["", "a", "ø" * 40, "\t", "huset\thus"]
    assert [table.get(form) for form in near] == [oracle.get(form) for form in near]
    assert any(oracle.get(form) is None for form in near)
    assert table["huset"] == "hus" if lang == "nb" else True
    with pytest.raises(KeyError):
        table["xqzvxqzv"]


def test_an_index_of_a_small_table_probes_past_collisions(tmp_path):
    """A table whose forms share home slots: each is still found past the others, and
    absent forms whose probe sequence crosses occupied slots are not."""
    path = tmp_path / "simplemma_nb.tsv"
    forms = [f"ord{i}" for i in range(300)]
    path.write_bytes(b"form\tlemma\n" + b"".join(f"{f}\t{f[:3]}\n".encode() for f in forms))
    write_index(path)
    slots = 1 << (2 * len(forms)).bit_length()  # write_index's slot count for 300 forms
    homes = [crc32(f.encode()) & (slots - 1) for f in forms]
    assert len(set(homes)) < len(forms)  # some forms are found only by probing
    table = LexiconTable(path)
    assert len(table) == 300 and all(table.get(f) == "ord" for f in forms)
    assert all(table.get(f"ord{i}") is None for i in range(300, 3000))


def test_a_key_with_a_tab_or_line_break_is_not_in_the_table(tables):
    """Such a key could match across lines of the file; no form holds either."""
    paths, _ = tables
    table, oracle = LexiconTable(paths["nb"]), read_lexicon(paths["nb"])
    forms = [form.decode() for form in list(oracle)[1000:1005]]
    for key in (f"{forms[0]}\t{oracle[forms[0].encode()].decode()}\n{forms[1]}", "\t", "\n"):
        assert table.get(key) is None and oracle.get(key.encode()) is None


def test_an_empty_table_finds_nothing(tmp_path):
    path = tmp_path / "simplemma_nb.tsv"
    path.write_bytes(b"form\tlemma\n")
    write_index(path)
    table = LexiconTable(path)
    assert len(table) == 0 and list(table) == [] and table.get("hus") is None


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
        write_index(bad)
    bad.write_text("huset\thus\n", encoding="utf-8")  # no header
    with pytest.raises(ValueError, match="simplemma_nb.tsv is not a word table"):
        LexiconDictionaryFactory({"nb": bad}).get_dictionary("nb")


def test_a_form_twice_is_refused(tmp_path):
    bad = tmp_path / "simplemma_nb.tsv"
    bad.write_text("form\tlemma\nhuset\thus\nhuset\thuse\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a word table"):
        write_index(bad)


def test_a_table_that_does_not_match_its_index_is_named(tables, tmp_path):
    """A missing index, a table changed after its index was written (even to the same
    size), a damaged index: the error names the index and its table and says what to do."""
    paths, _ = tables
    table = tmp_path / "simplemma_nb.tsv"
    table.write_bytes(paths["nb"].read_bytes())
    stale = r"simplemma_nb.index is missing or is not the index of .*simplemma_nb.tsv"
    with pytest.raises(ValueError, match=stale):
        LexiconTable(table)
    write_index(table)
    assert LexiconTable(table).get("huset") == "hus"
    original = table.read_bytes()
    table.write_bytes(original.replace(b"\nhuset\thus\n", b"\nhusex\thus\n", 1))
    with pytest.raises(ValueError, match="delete both and rerun"):
        LexiconTable(table)
    table.write_bytes(original + b"husene\thus\n")
    with pytest.raises(ValueError, match=stale):
        LexiconTable(table)
    table.write_bytes(original)
    index = index_path(table).read_bytes()
    index_path(table).write_bytes(index[:-4] + b"\xff\xff\xff\xff")  # a damaged slot
    with pytest.raises(ValueError, match=stale):
        LexiconTable(table)
    index_path(table).write_bytes(b"not an index")
    with pytest.raises(ValueError, match=stale):
        LexiconTable(table)
