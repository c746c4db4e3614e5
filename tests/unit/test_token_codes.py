"""The codes-based token table (ordskifte.text.tokenize.token_codes) against the list-based
one (tokenize_document), which stays as the reference: any paragraphs, the same table."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordskifte.text.patterns import compile_patterns
from ordskifte.text.tokenize import (
    TOKEN,
    Normaliser,
    ParagraphIn,
    _sentences,
    token_codes,
    tokenize_document,
)
from tests.config_defaults import CONFIG_CONCEPTS, CONFIG_TARGETS, CONFIG_VARIANTS

STOPWORDS = {"nb": frozenset({"og", "i", "på", "det"}), "nn": frozenset({"og", "i", "dei"})}
NORMALISERS = {mode: Normaliser(mode, variants=CONFIG_VARIANTS) for mode in ("lemma", "none")}
# Multi-word expressions that overlap, share a first word and cross families, so that terms
# are joined, consumed, and joined again.
OVERLAPPING = compile_patterns(
    {"a": ["psykisk helse*", "psykiske helse* og"], "b": ["helse*", "og frivillig*"]}
)
WORDS = (
    "psykisk psykiske Psykisk helse helsearbeid og Og frivillige frivillighet selvhjelp "
    "sjølhjelpsgruppe folkehelse i på det dei St.meld nr 25 1940-tallet IT-løsninger "
    "bl.a osv O E ikkje kva the and of"
).split()
PIECES = st.sampled_from([*WORDS, ".", "!", "?", ",", "...", "(", ")"])
TEXTS = st.lists(PIECES, max_size=40).map(" ".join)
PAGE_STARTS = st.one_of(
    st.just(()),
    st.tuples(st.just((0, 7))),
    st.tuples(st.just((0, 7)), st.tuples(st.integers(1, 60), st.just(8))),
)
PARAGRAPHS = st.lists(
    st.builds(
        lambda text, page, language, starts: (text, page, language, starts),
        TEXTS,
        st.one_of(st.none(), st.integers(-3, 900)),
        st.sampled_from(["nb", "nn", "en"]),
        PAGE_STARTS,
    ),
    max_size=6,
)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)


def paragraphs_in(specs):
    return [
        ParagraphIn(index, text, page, language, page_starts=starts)
        for index, (text, page, language, starts) in enumerate(specs)
    ]


def both(paragraphs, *, mode="none", concepts=CONFIG_CONCEPTS, targets=CONFIG_TARGETS):
    options = {
        "normaliser": NORMALISERS[mode],
        "stopwords": STOPWORDS,
        "extra_stopwords": ["nr", "s"],
        "min_token_length": 2,
        "concepts": concepts,
        "targets": targets,
    }
    return token_codes(paragraphs, **options), tokenize_document(paragraphs, **options)


@FUZZ
@given(PARAGRAPHS, st.sampled_from(["none", "lemma"]))
def test_token_codes_give_the_table_of_tokenize_document(specs, mode):
    codes, table = both(paragraphs_in(specs), mode=mode)
    assert codes.table() == table
    assert len(codes) == len(table["token"])


@FUZZ
@given(PARAGRAPHS)
def test_token_codes_with_overlapping_expressions(specs):
    codes, table = both(paragraphs_in(specs), concepts=OVERLAPPING, targets=OVERLAPPING)
    assert codes.table() == table


@pytest.mark.parametrize(
    "text",
    [
        "Psykisk helse og frivillige i psykiske helsearbeid og frivillighet.",
        "psykiske helse og frivillig. Psykisk helse! psykisk",
        "",
    ],
)
def test_token_codes_literal(text):
    paragraphs = [ParagraphIn(0, text, None, "nb"), ParagraphIn(3, text, 12, "nn")]
    codes, table = both(paragraphs, mode="lemma", concepts=OVERLAPPING, targets=CONFIG_TARGETS)
    assert codes.table() == table


def test_emptied_keeps_the_columns_and_drops_the_rows():
    codes, _ = both(paragraphs_in([("Psykisk helse og selvhjelp.", 4, "nb", ())]))
    empty = codes.emptied()
    assert len(codes) == 4
    assert len(empty) == 0 and empty.word_tokens() == 0
    assert empty.table() == {name: [] for name in codes.table()}


def test_word_tokens_counts_tokens_with_a_letter():
    codes, _ = both(paragraphs_in([("I 2003 kom 25 meldinger, 1940-tallet.", None, "nb", ())]))
    assert codes.word_tokens() == 4  # i, kom, meldinger, 1940-tallet


@FUZZ
@given(st.text(alphabet=st.sampled_from("aBæ1.!?-' \u2019_,"), max_size=60))
def test_sentences_from_the_text_are_those_from_the_pieces(text):
    pieces = TOKEN.findall(text)
    assert _sentences(pieces, text) == _sentences(pieces)


@settings(derandomize=True, database=None, deadline=None, max_examples=300)
@given(st.text(alphabet="a.!? \u2026", max_size=30))
def test_mark_runs_are_the_regex_runs(text):
    from ordskifte.text.tokenize import _MARK_RUN, _mark_runs

    assert _mark_runs(text) == set(_MARK_RUN.findall(text))
