"""Unit tests for ordskifte.text.patterns: pattern parsing and matching on literal token lists."""

import re
import unicodedata

import pytest

from ordskifte.text.patterns import (
    Item,
    compile_pattern,
    compile_patterns,
    find_matches,
    why_unmatchable,
)
from ordskifte.text.words import TOKEN

# --- compile_pattern --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("folkehelse*", (Item("folkehelse", True),)),
        ("frivillig", (Item("frivillig", False),)),
        ("psykisk helse*", (Item("psykisk", False), Item("helse", True))),
        ("Psykisk Helse*", (Item("psykisk", False), Item("helse", True))),  # lowercased
        ("  frivillig*  ", (Item("frivillig", True),)),  # outer spaces stripped
        ("IT-løsning*", (Item("it-løsning", True),)),
        ("st.meld", (Item("st.meld", False),)),
        (
            "hjelp til selvhjelp",
            (Item("hjelp", False), Item("til", False), Item("selvhjelp", False)),
        ),
    ],
)
def test_compile_pattern_valid(pattern, expected):
    assert compile_pattern(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "   ",
        "a**",
        "*x",
        "*",
        "helse* *",
        "psykisk  helse",  # double space
        "psykisk\thelse",  # tab
        "folke*helse",
    ],
)
def test_compile_pattern_invalid(pattern):
    with pytest.raises(ValueError) as info:
        compile_pattern(pattern)
    assert str(info.value).startswith(f"invalid pattern {pattern!r}: use words separated by")


def test_compile_patterns_longest_first():
    assert compile_patterns(
        {"psykisk_helse": ["psykisk*", "psykisk helse*", "den psykiske helse"]}
    ) == {
        "psykisk_helse": [
            (Item("den", False), Item("psykiske", False), Item("helse", False)),
            (Item("psykisk", False), Item("helse", True)),
            (Item("psykisk", True),),
        ]
    }


def test_compile_patterns_invalid_names_the_pattern():
    with pytest.raises(ValueError, match=r"^invalid pattern 'folke\*\*'"):
        compile_patterns({"folkehelse": ["folkehelse*", "folke**"]})


# --- find_matches -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "lemmas", "patterns", "sentences", "expected"),
    [
        pytest.param(
            ["folkehelsemeldingen", "og", "folkehelse"],
            ["folkehelsemelding", "og", "folkehelse"],
            ["folkehelse*"],
            None,
            [(0, 1), (2, 3)],
            id="prefix-matches-compound-and-word",
        ),
        pytest.param(
            ["folkehelsemeldingen", "og", "folkehelse"],
            ["folkehelsemelding", "og", "folkehelse"],
            ["folkehelse"],
            None,
            [(2, 3)],
            id="exact-does-not-match-compound",
        ),
        pytest.param(
            ["frivillige", "organisasjoner"],
            ["frivillig", "organisasjon"],
            ["frivillig"],
            None,
            [(0, 1)],
            id="exact-through-lemma-only",
        ),
        pytest.param(
            ["den", "psykiske", "helsen"],
            ["den", "psykisk", "helse"],
            ["psykisk helse"],
            None,
            [(1, 3)],
            id="multi-word-through-lemmas",
        ),
        pytest.param(
            ["psykisk", "helsearbeid", "og", "psykisk", "helse"],
            ["psykisk", "helsearbeid", "og", "psykisk", "helse"],
            ["psykisk", "psykisk helse*"],
            None,
            [(0, 2), (3, 5)],
            id="longest-pattern-wins",
        ),
        pytest.param(
            ["psykisk", "og", "psykisk", "helse"],
            ["psykisk", "og", "psykisk", "helse"],
            ["psykisk", "psykisk helse*"],
            None,
            [(0, 1), (2, 4)],
            id="shorter-pattern-where-longer-fails",
        ),
        pytest.param(
            ["hjelp", "til", "hjelp", "til", "selvhjelp"],
            ["hjelp", "til", "hjelp", "til", "selvhjelp"],
            ["hjelp til", "til hjelp"],
            None,
            [(0, 2), (2, 4)],
            id="non-overlapping-left-to-right",
        ),
        pytest.param(
            ["selvhjelp", "selvhjelp", "selvhjelp"],
            ["selvhjelp", "selvhjelp", "selvhjelp"],
            ["selvhjelp selvhjelp"],
            None,
            [(0, 2)],
            id="no-overlap-with-itself",
        ),
        pytest.param(
            ["arbeid", "psykisk", "helse", "tiltak"],
            ["arbeid", "psykisk", "helse", "tiltak"],
            ["psykisk helse*"],
            [0, 0, 1, 1],
            [],
            id="not-across-sentence-boundary",
        ),
        pytest.param(
            ["arbeid", "psykisk", "helse", "tiltak"],
            ["arbeid", "psykisk", "helse", "tiltak"],
            ["psykisk helse*"],
            [0, 1, 1, 1],
            [(1, 3)],
            id="within-one-sentence",
        ),
        pytest.param(
            ["psykisk"],
            ["psykisk"],
            ["psykisk helse*"],
            None,
            [],
            id="pattern-longer-than-text",
        ),
        pytest.param([], [], ["folkehelse*"], None, [], id="no-tokens"),
        pytest.param(["folkehelse"], ["folkehelse"], [], None, [], id="no-patterns"),
    ],
)
def test_find_matches(tokens, lemmas, patterns, sentences, expected):
    compiled = compile_patterns({"name": patterns})["name"]
    assert find_matches(tokens, lemmas, compiled, sentences=sentences) == expected


def test_find_matches_longest_wins_in_any_order():
    patterns = [compile_pattern("psykisk"), compile_pattern("psykisk helse*")]
    assert find_matches(["psykisk", "helse"], ["psykisk", "helse"], patterns) == [(0, 2)]


# --- patterns that can never match ------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("psykisk (helse", "in '(helse', no token starts with '('"),
        ("a+b", "in 'a+b', no token has '+' after 'a'"),
        ("selvhjelp!", "in 'selvhjelp!', no token has '!' after 'selvhjelp'"),
        ("it--løsning*", "in 'it--løsning', no token has '-' after 'it-'"),
        ("«selvhjelp»", "in '«selvhjelp»', no token starts with '«'"),
        ("st.", "in 'st.', no token ends with '.': write 'st.*' to match words that begin"),
        ("folke/helse*", "in 'folke/helse', no token has '/' after 'folke'"),
    ],
)
def test_a_pattern_that_can_never_match_is_refused(pattern, why):
    with pytest.raises(ValueError) as info:
        compile_patterns({"c": [pattern]})
    assert str(info.value).startswith(f"pattern {pattern!r} can never match: {why}")
    assert "a token is letters and digits, joined inside a word by - . ' or ’" in str(info.value)


@pytest.mark.parametrize(
    "pattern",
    ["it-*", "st.*", "st.meld", "1940-tallet", "o'*", "IT-løsning*", "bl.a", "...", "?"],
)
def test_what_a_token_can_be_or_begin_with_is_accepted(pattern):
    assert compile_patterns({"c": [pattern]})


@pytest.mark.parametrize(
    ("family", "words"),
    [
        ({"patterns": ["it-*"], "match": "exact"}, "in 'it-', no token ends with '-'"),
        ({"patterns": ["st.*"], "match": "compound"}, "in 'st.', no token ends with '.'"),
    ],
)
def test_exact_and_compound_words_must_be_whole_tokens(family, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        compile_patterns({"c": family})
    assert compile_patterns({"c": {**family, "match": "prefix"}})


def test_the_check_follows_the_tokenizer():
    """Every word the tokenizer makes is accepted whole, and every beginning of it by prefix;
    the words of text with punctuation are refused as one pattern word."""
    text = "IT-løsninger i 1940-tallet, jf. St.meld. nr. 25 og «selvhjelp»(!) a+b."
    for token in TOKEN.findall(text.lower()):
        assert why_unmatchable(token, whole=True) is None, token
        for end in range(1, len(token)):
            assert why_unmatchable(token[:end], whole=False) is None, token[:end]
    for glued in ["«selvhjelp»", "a+b", "tallet,", "(!)"]:
        assert why_unmatchable(glued, whole=False) is not None, glued


def test_the_check_agrees_with_the_tokenizer_on_every_character():
    """A word with any one character of the Basic Multilingual Plane inside is accepted
    exactly when the tokenizer makes it one token ("co₂-kvote": the subscript two is a digit
    to the tokenizer, so a dictionary word with it must compile)."""
    assert compile_patterns({"c": ["co₂-kvote", "h₂o*", "½-time"]})
    for code in range(0x20, 0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        word = f"a{char}b"
        accepted = why_unmatchable(word, whole=True) is None
        assert accepted == bool(TOKEN.fullmatch(word)), (hex(code), word)
        begins = why_unmatchable(f"a{char}", whole=False) is None
        assert begins == (bool(TOKEN.fullmatch(f"a{char}")) or char in "-.'’"), hex(code)


def test_patterns_are_composed_like_the_text():
    decomposed = unicodedata.normalize("NFD", "sjølhjelp*")
    assert compile_pattern(decomposed) == (Item("sjølhjelp", True),)
