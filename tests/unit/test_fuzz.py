"""Property tests (hypothesis) of ordskifte.text.clean and ordskifte.text.tokenize on any text.

The unit tests next to this file pin behaviour with literal tables; these check properties
that must hold for *any* input, as bad input reaches the pipeline: no exception, cleaning
that only removes and is idempotent, tokens taken from the input at their offsets, a
lemmatizer that answers for every token.

Inputs come from two kinds of strategy:

- ``st.text()`` with an alphabet biased towards the characters the cleaner treats specially
  (line breaks, form feeds, CR, tabs, hyphens, soft hyphens, digits, «», control and
  exotic space characters). Surrogates are left out (hypothesis' default): a lone surrogate
  cannot be encoded in UTF-8, so it cannot reach the pipeline, which reads UTF-8 files.
- :data:`DOCUMENTS`: Norwegian-looking extracted text, pages of lines separated by form feeds,
  built from words with æøå, compounds broken at a line end ("selvhjelps-" + newline),
  suspended compounds ("Helse-" + "og"), footnote lines ("3<TAB>Tekst"), footnote
  references ("helse.2"), URLs, page numbers, slugs, letter-spaced headers, titles, blank
  lines, CR/CRLF line ends and junk characters.

Every test is deterministic (``derandomize=True``, no example database) and the file runs in
about 20 s on two cores: see the ``ordskifte-fuzz`` profile below.
"""

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ordskifte.text.clean import (
    URL,
    clean_document,
    ends_sentence,
    is_letter_spaced,
    is_slug,
    join_hyphenated,
    normalize_whitespace,
    rejoin_paragraphs,
    remove_footnote_refs,
    remove_page_furniture,
    remove_running_lines,
    remove_urls,
    split_footnotes,
)
from ordskifte.text.patterns import compile_patterns, starting_words
from ordskifte.text.tokenize import (
    COLUMNS,
    TOKEN,
    Normaliser,
    ParagraphIn,
    _sentences,
    tokenize_document,
    tokenize_paragraph,
    tokenize_spans,
)
from tests.config_defaults import CONFIG_CONCEPTS, CONFIG_TARGETS, CONFIG_VARIANTS

# Deterministic and fast: the same examples on every run and machine, no example database
# written, no per-example deadline (the first lemmatizer call loads simplemma's data). The
# too_slow health check times data generation, which depends on the machine: off, so that a
# slow CI runner does not fail a test that passes here.
settings.register_profile(
    "ordskifte-fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
FUZZ = settings.get_profile("ordskifte-fuzz")

STOPWORDS = {"nb": frozenset({"og", "i", "på", "det"}), "nn": frozenset({"og", "i", "på", "dei"})}
NORMALISE_MODES = ("lemma", "stem", "none")
NORMALISERS = {mode: Normaliser(mode, variants=CONFIG_VARIANTS) for mode in NORMALISE_MODES}
#: The word alternative of the tokenizer's regex: every token it returns matches it.
WORD_TOKEN = re.compile(TOKEN.pattern.split("|")[0])

# ------------------------------------------------------------------------------ strategies
SPECIAL_CHARACTERS = (
    "\n\n\n\f\r\t -\u00ad\u2010.,:!?()«»\"'’1234567890æøåÆØÅ"
    "\x00\x0b\x1c\x85\u2028\u2002\u00a0\ufeff\u200b\u0301\ufdd0"
)
#: Arbitrary Unicode (no surrogates), with the characters above made frequent.
UNICODE = st.text(st.one_of(st.characters(), st.sampled_from(SPECIAL_CHARACTERS)), max_size=200)

WORDS = [
    "selvhjelp", "Selvhjelp", "frivillighet", "og", "eller", "i", "på", "æøå", "Ærlig",
    "Østlandet", "år", "Å", "IT-løsninger", "1940-tallet", "St.meld.", "nr.", "bl.a.", "Helse-",
    "selvhjelps-", "Nord-", "Norge", "helse.", "Innledning1", "helse.2", "helse1,2", "1998).4",
    "(Hjemdal, 1996)", "«Bare angst»2", "osv.", "O.", "E.", "http://www.selvhjelp.no/Om_oss/",
    "www.nav.no", "erfaringskompetanse.no", "policy-documents", "¹", "²³", "…", ":", ".", ",",
    "!", "?", "»", "«", "(", ")", "-", "–", "\u00ad", "\u2010", "tider.", "Tittel",
]  # fmt: skip
#: Whole lines: page furniture, a URL line, blank and white lines.
LINES = [
    "Side 12", "Bok.indd   84 26-06-2019   21:41:40",
    "fra fr iv ill ig  arbeid t il  folkehelsearbeid", "85", "2019", "", "", " ", "\t",
    "www.nav.no",
]  # fmt: skip
#: Line ends: mostly plain, then blank lines, CR/CRLF, hyphen breaks, exotic breaks.
LINE_ENDS = ["\n"] * 6 + [
    "\n\n", "\n\n\n", "\r\n", "\r", "-\n", "\u00ad\n", "- \n", "-\n\n", " \n", "\n ", "\x0b",
    "\x85", "\u2028",
]  # fmt: skip
JUNK = ["\x00", "\x0b", "\x1c", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\ufdd0", "\u0301"]
JUNK += ["\u2002", "\u00a0", "\t"]
LETTERS = "abcdefghijklmnoprstuvyæøåéABCDEFGHIJKLMNOPRSTUVÆØÅ"

letters = st.text(LETTERS, min_size=1, max_size=12)
word = st.one_of(
    st.sampled_from(WORDS),
    letters,
    letters,
    st.integers(0, 2050).map(str),
    st.builds("{}{}".format, letters, st.integers(1, 40)),  # a glued footnote reference
    st.sampled_from(JUNK),
    st.text(min_size=1, max_size=3),
)
words_line = st.builds(
    lambda words, sep, lead: lead + sep.join(words),
    st.lists(word, min_size=1, max_size=10),
    st.sampled_from([" "] * 8 + ["  ", "\t", "\u2002", "\u00a0"]),
    st.sampled_from(["", "", "", " "]),  # a leading space marks a page top in extractions
)
prose_line = st.builds(
    lambda first, words, end: " ".join([first, *words]) + end,
    st.sampled_from(["Selvhjelp", "Det", "og", "eller", "tallet", "Helse-", "Analytisk", "Ærlig"]),
    st.lists(
        st.sampled_from(
            ["og", "eller", "selvhjelps-", "frivillig", "arbeid", "i", "på", "psykisk", "helse"]
        ),
        max_size=12,
    ),
    st.sampled_from(["", "", ".", ".", ":", "-", "?", " (Hjemdal, 1996)."]),
)
footnote_line = st.builds(
    "{}\t{}".format, st.integers(1, 40), st.lists(word, max_size=6).map(" ".join)
)
line = st.one_of(words_line, prose_line, prose_line, st.sampled_from(LINES), footnote_line)
page = st.lists(st.tuples(line, st.sampled_from(LINE_ENDS)), max_size=30).map(
    lambda lines: "".join(text + end for text, end in lines)
)
#: Norwegian-looking extracted text: pages separated by form feeds.
DOCUMENTS = st.lists(page, min_size=1, max_size=4).map("\f".join)
TEXTS = st.one_of(UNICODE, DOCUMENTS, DOCUMENTS)


@st.composite
def documents_with_pages(draw):
    """A raw text and page labels for it: None, or one integer per page."""
    raw = draw(TEXTS)
    pages = raw.count("\f") + 1
    labels = st.lists(st.integers(-5, 10_000), min_size=pages, max_size=pages)
    return raw, draw(st.one_of(st.none(), labels))


def texts_of(raw: str) -> list[str]:
    return [paragraph.text for paragraph in clean_document(raw).paragraphs]


def written(paragraphs: list[str]) -> str:
    """The paragraphs as the clean step writes them (ordskifte.text.steps.clean_step)."""
    return "\n\n".join(paragraphs) + "\n"


def nfd(text: str) -> set[str]:
    return set(unicodedata.normalize("NFD", text))


# --------------------------------------------------------------------------- clean_document
@settings(FUZZ, max_examples=200)
@given(documents_with_pages())
def test_clean_document_never_raises_and_keeps_its_contract(raw_pages):
    """Any text and page labels: paragraphs are non-empty single lines (NFC, whitespace
    collapsed), the record adds up, and each paragraph's page_starts are valid offsets that
    start at 0, increase, and carry labels of the input's pages."""
    raw, page_numbers = raw_pages
    result = clean_document(raw, page_numbers=page_numbers)
    pages = raw.count("\f") + 1
    labels = page_numbers if page_numbers is not None else list(range(1, pages + 1))
    if page_numbers is None and pages == 1:
        labels = []  # unknown: a single page without labels
    assert result.record["paragraphs"] == len(result.paragraphs)
    assert result.record["footnotes"] == len(result.footnotes)
    assert result.record["output_characters"] == sum(len(p.text) for p in result.paragraphs)
    previous_page = None
    for paragraph in result.paragraphs:
        text = paragraph.text
        assert text and text == normalize_whitespace(text)
        assert text == unicodedata.normalize("NFC", text)
        if not labels:
            assert paragraph.page is None and paragraph.page_starts == ()
            continue
        offsets = [offset for offset, _ in paragraph.page_starts]
        assert offsets[0] == 0 and offsets == sorted(set(offsets)) and offsets[-1] < len(text)
        assert paragraph.page == paragraph.page_starts[0][1]
        assert {label for _, label in paragraph.page_starts} <= set(labels)
        assert [paragraph.page_at(i) for i in offsets] == [p for _, p in paragraph.page_starts]
        if page_numbers is None:  # labels 1..n: pages only move forward
            pages = [label for _, label in paragraph.page_starts]
            assert pages == sorted(set(pages))
            assert previous_page is None or previous_page <= paragraph.page
            previous_page = pages[-1]
    for note in result.footnotes:
        assert note.text == normalize_whitespace(note.text)


@settings(FUZZ, max_examples=200)
@given(TEXTS, st.booleans())
def test_clean_document_only_removes(raw, drop_urls):
    """Cleaning never invents text: every character of a paragraph or footnote occurs in the
    input (compared decomposed, as NFC may compose characters brought together), except the
    space that replaces whitespace and the "-" kept for a soft hyphen or U+2010 at a line end
    ("Nord\\u00ad" + "Norge" -> "Nord-Norge"). In particular no page mark leaks out."""
    result = clean_document(raw, drop_urls=drop_urls)
    allowed = nfd(raw) | {" ", "-"}
    for text in [p.text for p in result.paragraphs] + [note.text for note in result.footnotes]:
        assert nfd(text) <= allowed


#: Plain prose: words of two or more letters, separated by spaces, line breaks and blank
#: lines. No digit, punctuation or single letter, so no line can look like a footnote, a page
#: number, a slug, a URL or a letter-spaced header: nothing may be removed.
PROSE = st.lists(
    st.tuples(
        st.text(st.characters(categories=["Lu", "Ll"]), min_size=2, max_size=10),
        st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n"]),
    ),
    max_size=60,
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


@FUZZ
@given(PROSE)
def test_clean_document_keeps_every_word_of_plain_prose(raw):
    """No lost text: on plain prose the paragraphs hold exactly the input's words, in order."""
    result = clean_document(raw)
    words = " ".join(p.text for p in result.paragraphs).split()
    assert words == unicodedata.normalize("NFC", raw).split()
    assert result.footnotes == []


@settings(FUZZ, max_examples=400)
@given(TEXTS)
def test_clean_document_is_idempotent(raw):
    """Cleaning the cleaned text again, written as the clean step writes it (one paragraph a
    line, blank lines between), gives the same paragraphs.

    Restricted, by design of the heuristics (see RECLEAN_EXCEPTIONS below for examples):
    the cleaner reads extracted *layout*, and its own output is not layout. A paragraph that
    on its own line looks like page furniture (a lone number kept because a footnote line
    stood next to it, short lines that join into "a b c d") is page furniture the second time;
    a URL that only appears when a footnote reference is removed ("www1.nav.no" with a
    footnote 1) is removed the second time, as URLs are removed before references; and a
    paragraph starting with a capitalised URL ("WWW.NAV.NO er ...") loses the capital that
    kept it apart from a title. Such inputs are skipped with ``assume``.
    """
    first = texts_of(raw)
    assume(not any(remove_page_furniture([text])[1] for text in first))
    assume(all(remove_urls(text) == text for text in first))
    assume(not any(match["url"][0].isupper() for match in URL.finditer(raw)))
    assert texts_of(written(first)) == first


RECLEAN_EXCEPTIONS = [
    pytest.param("0\n0\t", ["0"], [], id="a lone number kept beside a footnote line"),
    pytest.param(
        "Tittel her\n\nWWW.NAV.NO er bra.",
        ["Tittel her", "er bra."],
        ["Tittel her er bra."],
        id="a capitalised URL that kept a paragraph apart from a title",
    ),
    pytest.param(
        "Se www1.nav.no her.\n1\tNote.",
        ["Se www.nav.no her."],
        ["Se her."],
        id="a URL that only appears when a footnote reference is removed",
    ),
]


@pytest.mark.parametrize(("raw", "first", "second"), RECLEAN_EXCEPTIONS)
def test_clean_document_reclean_exceptions(raw, first, second):
    """The inputs on which cleaning twice differs by design (see the idempotence test)."""
    assert texts_of(raw) == first
    assert texts_of(written(first)) == second


# ------------------------------------------------------------------------- small functions
@FUZZ
@given(TEXTS)
def test_normalize_whitespace_is_split_and_join(text):
    """normalize_whitespace is " ".join(text.split()): same words, one space between, so it
    is idempotent."""
    assert normalize_whitespace(text) == " ".join(text.split())
    assert normalize_whitespace(normalize_whitespace(text)) == normalize_whitespace(text)


@FUZZ
@given(TEXTS, st.frozensets(st.sampled_from(["policy-documents", "selvhjelps-saken", "ab"])))
def test_join_hyphenated_is_idempotent(text, lexicon):
    """join_hyphenated leaves no line-end hyphen it would join, and removes only hyphens and
    line breaks: joining twice is joining once, and no other character is lost."""
    once = join_hyphenated(text, lexicon=lexicon)
    assert join_hyphenated(once, lexicon=lexicon) == once
    removable = "-\u00ad\u2010 \t\n"
    assert [c for c in once if c not in removable] == [c for c in text if c not in removable]


@FUZZ
@given(TEXTS)
def test_remove_urls_is_idempotent(text):
    """remove_urls leaves no URL: removing twice is removing once."""
    once = remove_urls(text)
    assert remove_urls(once) == once
    assert URL.search(once) is None


@FUZZ
@given(
    TEXTS,
    st.one_of(st.frozensets(st.integers(0, 40)), st.just(frozenset(range(1000)))),
)
def test_remove_footnote_refs_is_idempotent(text, numbers):
    """remove_footnote_refs leaves no reference it would remove, also in a run of references
    ("helse1,2"): removing twice is removing once (regression: one pass left "AAA.0" of
    "AAA0.0"). It removes only digits."""
    once = remove_footnote_refs(text, numbers)
    assert remove_footnote_refs(once, numbers) == once
    assert [c for c in once if not c.isdigit()] == [c for c in text if not c.isdigit()]


@FUZZ
@given(TEXTS)
def test_rejoin_paragraphs_is_idempotent(text):
    """rejoin_paragraphs gives non-empty single-line paragraphs, and rejoining them (blank
    lines between) gives them back."""
    paragraphs = rejoin_paragraphs(text)
    assert all(p and p == normalize_whitespace(p) for p in paragraphs)
    assert rejoin_paragraphs("\n\n".join(paragraphs)) == paragraphs


@FUZZ
@given(TEXTS)
def test_line_functions_never_raise_and_partition_the_lines(text):
    """The line-level steps take any page: each returns bools or splits the lines it was
    given into kept and removed lines, in order, losing none."""
    pages = [page.split("\n") for page in text.split("\f")]
    lines = pages[0]
    for one in lines:
        assert isinstance(ends_sentence(one), bool)
        assert isinstance(is_slug(one), bool)
        assert isinstance(is_letter_spaced(one), bool)
    kept, removed = remove_page_furniture(lines)
    assert len(kept) + len(removed) == len(lines)
    assert is_subsequence(kept, lines) and is_subsequence(removed, lines)
    body, notes = split_footnotes(lines)
    assert is_subsequence(body, lines)
    assert len(notes) == sum(1 for one in lines if re.match(r"\d{1,3}\t", one))
    kept_pages, removed = remove_running_lines(pages)
    assert sum(map(len, kept_pages)) + len(removed) == sum(map(len, pages))
    assert all(is_subsequence(k, p) for k, p in zip(kept_pages, pages, strict=True))


def is_subsequence(items: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(any(item == other for other in remaining) for item in items)


# -------------------------------------------------------------------------------- tokenize
@settings(FUZZ, max_examples=200)
@given(TEXTS)
def test_tokens_come_from_the_input_at_their_offsets(text):
    """Every token is the input's text at its reported offset: non-empty, a word of the
    tokenizer's regex (letters/digits, inner - . ' ’), in order without overlap; sentences are
    non-empty; tokenize_paragraph gives the same words."""
    spans = tokenize_spans(text)
    end = 0
    for sentence in spans:
        assert sentence
        for token, offset in sentence:
            assert token and text[offset : offset + len(token)] == token
            assert WORD_TOKEN.fullmatch(token)
            assert offset >= end
            end = offset + len(token)
    assert tokenize_paragraph(text) == [[token for token, _ in sentence] for sentence in spans]


@settings(FUZZ, max_examples=100)
@given(
    st.one_of(st.from_regex(WORD_TOKEN, fullmatch=True), TEXTS),
    st.sampled_from(["nb", "nn"]),
)
def test_normaliser_is_total(text, language):
    """For every token the tokenizer produces (original case and lowercased, as
    tokenize_document passes it), every normalise mode returns a non-empty str, and the same
    one when asked again (the cache)."""
    tokens = [token for sentence in tokenize_paragraph(text) for token in sentence]
    for token in tokens + [token.lower() for token in tokens]:
        for mode, normaliser in NORMALISERS.items():
            result = normaliser(token, language)
            assert isinstance(result, str) and result, (mode, token, result)
            assert normaliser(token, language) == result


@settings(FUZZ, max_examples=100)
@given(
    st.one_of(st.from_regex(WORD_TOKEN, fullmatch=True), TEXTS),
    st.sampled_from(["nb", "nn"]),
)
def test_lemma_shortcut_agrees_with_simplemma(text, language):
    """The Normaliser looks most words up in simplemma's table itself; for every token the
    answer is what simplemma.lemmatize gives (lowercased)."""
    import simplemma

    langs = ("nn", "nb") if language == "nn" else ("nb", "nn")
    normaliser = Normaliser("lemma")
    tokens = [token.lower() for sentence in tokenize_paragraph(text) for token in sentence]
    for token in tokens + ["huset", "l'aide", "o’neill", "1990", "½", "i\u0307"]:
        expected = simplemma.lemmatize(token, lang=langs).lower()
        assert normaliser._normalise(token, language) == expected, token


@FUZZ
@given(
    st.text(
        st.one_of(st.characters(), st.sampled_from("\ufb01\ufb06\u00ad\u00a0\u202f\x0b\x7f\x85æ"))
    )
)
def test_normalise_text_replaces_as_its_table_says(text):
    """normalise_text replaces characters by regex (fast when there are none); the result
    is str.translate with the same table."""
    from ordskifte.ingest.extract import _TO_TRANSLATE, _TRANSLATION

    replaced = _TO_TRANSLATE.sub(lambda m: _TRANSLATION[ord(m.group())] or "", text)
    assert replaced == text.translate(_TRANSLATION)


@FUZZ
@given(TEXTS)
def test_language_counts_words_as_lowercased_words(text):
    """identify_language lowercases the paragraph once; it counts the same words as
    lowercasing word by word would (İ is the exception, handled apart)."""
    from collections import Counter

    from ordskifte.text.language import _WORD, identify_language

    assert identify_language(text, default="nb") in ("nb", "nn", "en")
    if "\u0130" not in text:
        assert Counter(_WORD.findall(text.lower())) == Counter(
            w.lower() for w in _WORD.findall(text)
        )


def sentences_token_by_token(text: str) -> list[list[str]]:
    """The sentence rules applied token by token, as the tokenizer did before it decided only
    at punctuation: the reference the tokenizer must agree with."""
    from ordskifte.text.tokenize import ABBREVIATIONS, FINAL_ABBREVIATIONS

    sentences, current = [], []
    pieces = TOKEN.findall(text)
    for k, piece in enumerate(pieces):
        if piece[0] not in ".!?":
            current.append(piece)
            continue
        if not current:
            continue
        prev = current[-1]
        nxt = pieces[k + 1] if k + 1 < len(pieces) else ""
        if piece == "." and prev.lower() in ABBREVIATIONS:
            continue
        if piece == "." and prev.lower() in FINAL_ABBREVIATIONS and not nxt[:1].isupper():
            continue
        if len(prev) == 1 and prev.isupper() and piece == ".":
            continue
        if piece == "." and nxt[:1].islower():
            continue
        sentences.append(current)
        current = []
    if current:
        sentences.append(current)
    return sentences


@FUZZ
@given(TEXTS)
def test_sentence_split_by_marks_agrees_with_tokenize_spans(text):
    """tokenize_document and tokenize_spans split sentences at the punctuation pieces only
    (_sentences); the result is that of the rules applied token by token."""
    words, lengths = _sentences(TOKEN.findall(text))
    sentences, start = [], 0
    for length in lengths:
        sentences.append(words[start : start + length])
        start += length
    assert start == len(words)
    expected = sentences_token_by_token(text)
    assert sentences == expected
    assert [[w for w, _ in sentence] for sentence in tokenize_spans(text)] == expected


@FUZZ
@given(st.lists(st.from_regex(r"[a-zæøå]{0,8}", fullmatch=True), max_size=30))
def test_starting_words_is_a_filter_by_the_first_items(words):
    """starting_words finds what testing every word against every first item finds."""
    named = {
        **CONFIG_CONCEPTS,
        **CONFIG_TARGETS,
        **compile_patterns(
            {"exact": {"patterns": ["helse", "ab*"], "match": "exact"}, "plain": ["a", "ø"]}
        ),
    }
    for patterns in named.values():
        firsts = {p[0] for p in patterns}
        expected = {w for w in words if any(item.matches(w) for item in firsts)}
        assert starting_words(patterns, sorted(set(words))) == expected


@st.composite
def paragraphs_in(draw):
    """ParagraphIn objects with arbitrary text, language and (sorted) page starts."""
    count = draw(st.integers(0, 4))
    paragraphs = []
    for index in range(count):
        text = draw(TEXTS)
        offsets = draw(st.lists(st.integers(0, max(len(text) - 1, 0)), unique=True, max_size=3))
        starts = tuple((offset, 10 + k) for k, offset in enumerate(sorted({0, *offsets})))
        paragraphs.append(
            ParagraphIn(
                index=index,
                text=text,
                page=draw(st.one_of(st.none(), st.integers(1, 500))),
                language=draw(st.sampled_from(["nb", "nn", "en"])),
                page_starts=draw(st.sampled_from([(), starts])),
            )
        )
    return paragraphs


@FUZZ
@given(paragraphs_in(), st.sampled_from(NORMALISE_MODES), st.integers(0, 4))
def test_tokenize_document_columns_are_consistent(paragraphs, mode, min_token_length):
    """tokenize_document on arbitrary paragraphs: every column of COLUMNS, all as long as
    the tokenizer's token list, forms as the tokenizer gives them, token = form lowercased,
    a term for each token ("" only inside a multi-word expression)."""
    table = tokenize_document(
        paragraphs,
        normaliser=NORMALISERS[mode],
        stopwords=STOPWORDS,
        extra_stopwords=["al", "jf", "nr"],
        min_token_length=min_token_length,
        concepts=CONFIG_CONCEPTS,
        targets=CONFIG_TARGETS,
    )
    forms = [token for p in paragraphs for s in tokenize_paragraph(p.text) for token in s]
    assert set(table) == set(COLUMNS)
    assert {len(column) for column in table.values()} <= {len(forms)}
    assert table["form"] == forms
    assert table["token"] == [form.lower() for form in forms]
    assert all(isinstance(lemma, str) and lemma for lemma in table["lemma"])
    assert all(isinstance(term, str) for term in table["term"])
    assert table["sentence"] == sorted(table["sentence"])
