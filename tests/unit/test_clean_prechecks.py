"""The cleaner's whole-page pre-checks against its line-by-line tests: the same lines removed."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordskifte.text.clean import (
    _footnote_spans,
    _furniture_kind,
    _furniture_kinds,
    _LazyLexicon,
    _lexicon,
    _remove_footnote_refs,
    _url_line_candidates,
    clean_document,
)

PIECES = st.sampled_from(
    [
        "Samarbeid.indd",
        ".INDD",
        ".qxp",
        "84",
        "26-06-2019",
        "fra",
        "fr",
        "iv",
        "i",
        "t",
        "tekst,",
        "www.nav.no",
        "https://x.no/a",
        "1\t",
        ".",
    ]
)
SPACES = st.sampled_from([" ", "  ", "\t", "\u2002", "\u00a0 ", "\x0b"])
LINES = st.lists(
    st.lists(st.tuples(PIECES, SPACES), max_size=6).map(lambda p: "".join(a + b for a, b in p)),
    max_size=12,
)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(LINES)
def test_furniture_kinds_are_those_of_every_line(lines):
    page = "\n".join(lines)
    lines = page.split("\n")
    expected = {i: kind for i in range(len(lines)) if (kind := _furniture_kind(lines, i))}
    assert _furniture_kinds(page, lines) == expected


@FUZZ
@given(st.lists(LINES, min_size=1, max_size=3))
def test_clean_document_with_and_without_urls(pages):
    raw = "\f".join("\n".join(lines) for lines in pages)
    result = clean_document(raw)
    urls = result.record["steps"]["urls"]
    if "://" not in raw and "www." not in raw.lower():
        assert urls["removed"] == urls["lines_removed"] == 0
    for paragraph in result.paragraphs:
        assert "://" not in paragraph.text


TEXTS = st.lists(
    st.sampled_from(
        [
            "selvhjelps-",
            "gruppene",
            "«Helse»",
            "(NOU",
            "1992:1)",
            "-",
            "...",
            "_a_",
            "Σ",
            "ΑΣ.",
            "İ",
        ]
        + ["\u00ad", "ord\u00ad", "Nord-Norge", "nord-", "x‐", "2.", "\n", "\n\n", " ", "\t"]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(TEXTS, st.lists(st.sampled_from(["gruppene", "nord-norge", "", "helse", "σ"]), max_size=3))
def test_lazy_lexicon_answers_as_the_lexicon(text, words):
    lazy, eager = _LazyLexicon(text), _lexicon(text)
    assert all((word in lazy) == (word in eager) for word in [*words, *eager])
    assert set(lazy) == eager and len(lazy) == len(eager)


@FUZZ
@given(st.text(alphabet="abc1²3.,)»\u00a0 ", max_size=40))
def test_footnote_refs_without_footnotes_are_left_alone(text):
    # {-1}: no reference number is negative, so the regex runs and puts every match back.
    assert _remove_footnote_refs(text, frozenset()) == _remove_footnote_refs(text, frozenset({-1}))
    assert _remove_footnote_refs(text, frozenset()) == (text, [])


@FUZZ
@given(
    st.lists(
        st.sampled_from(["www.", "WwW.", "ww", "w.", "://", ":/", "/", "İ", "Σ", "a", " ", "\n"]),
        max_size=30,
    ).map("".join)
)
def test_url_line_candidates_are_the_lines_with_a_url_start(page):
    lines = page.split("\n")
    expected = [i for i, line in enumerate(lines) if "://" in line or "www." in line.lower()]
    assert _url_line_candidates(page) == expected


@FUZZ
@given(LINES)
def test_a_page_without_a_tab_has_no_footnotes(lines):
    lines = [line.replace("\t", " ") for line in lines]
    assert _footnote_spans(lines) == []
