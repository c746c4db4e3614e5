"""The cleaner's whole-page pre-checks against its line-by-line tests: the same lines removed."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordskifte.text.clean import _furniture_kind, _furniture_kinds, clean_document

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
