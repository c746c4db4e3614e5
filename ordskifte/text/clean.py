"""Clean text extracted from PDFs into paragraphs and footnotes.

:func:`clean_document` turns the raw text of one document (pages separated by form feeds, as
:mod:`ordskifte.ingest.extract` writes it) into single-line paragraphs, footnotes and a record of
what was removed. Each paragraph knows the page where it starts and the offsets in its text
where it continues on a further page (:attr:`Paragraph.page_starts`). It is assembled from
small pure functions that can be used and tested on their own:

1. :func:`remove_running_lines`: lines repeated at the top or bottom of at least half of the
   pages (digits normalised, so "Side 12" and "Side 13" count as one) are running headers
   and footers (multi-page input only).
2. :func:`remove_page_furniture`: typesetting slugs ("Bok.indd   84 26-06-2019   21:41:40"),
   letter-spaced running headers (:func:`is_letter_spaced`) and page numbers alone on a line
   between blank lines.
3. :func:`split_footnotes`: a footnote starts with a line "number TAB text" and runs until a
   blank line, a line starting with a space (the extraction's mark of a page top, where the
   running text resumes), the next footnote or the end of the page.
4. Lines holding nothing but a URL are dropped (``drop_urls``).
5. :func:`rejoin_paragraphs`: blank lines separate blocks; blocks are merged back into
   paragraphs when the break was not a paragraph break (see its docstring for the rules:
   sentence continuations, sentences interrupted by a footnote or page break, block quotes
   printed with a blank line after every line) and short title lines are split off as
   paragraphs of their own. Text with (almost) no blank lines, as pypdf extracts it, is also
   split after short lines that end a sentence.
6. :func:`join_hyphenated` on each paragraph (also across the blank line of a block quote),
   :func:`remove_urls`, :func:`remove_footnote_refs` with the numbers of the footnotes found
   in step 3, and :func:`normalize_whitespace`.

Nothing is dropped silently: every removed line, URL, footnote reference and hyphen is counted
in :attr:`CleanResult.record`, and footnotes are returned, not discarded. Only whitespace
(line breaks, blank lines, repeated and exotic spaces) is collapsed without being counted.

Known limits of the heuristics (each one is a trade-off, tested in
``tests/unit/test_clean.py``):

- A word that really is hyphenated and breaks at its own hyphen ("policy-|documents") is
  joined without the hyphen, unless the hyphenated form occurs unbroken elsewhere in the same
  document and the closed form does not (the document is its own lexicon).
- Bare domain names ("erfaringskompetanse.no") are kept as words; only ``http(s)://`` and
  ``www.`` URLs are removed from the running text. Footnotes keep their URLs verbatim.
- A footnote reference is only recognised glued to a word of at least three letters
  ("Innledning1") or after punctuation that follows a letter or a closing bracket
  ("helse.2", "1998).4"), and only if its number is one of the footnotes extracted from the
  same input: a section cut away from its footnotes keeps its reference numbers.
- A page break with no blank line is not a paragraph break; a paragraph that really ends at
  the bottom of a page and a new one at the top of the next are kept together.
- In text without blank lines, a paragraph whose last line is nearly full width (at least
  ``SHORT_LINE_RATIO`` of the wrap width) is not split from the next one, and block quotes
  run into the paragraph after them.
- A footnote that is not followed by a blank line, a space-indented line or a page end
  swallows the running text after it.
- Cleaning its own output again (paragraphs separated by blank lines) changes nothing,
  except (``tests/unit/test_fuzz.py``): a paragraph that alone on a line looks like page
  furniture (a number kept because a footnote line stood next to it) is removed; a URL that
  only appeared when a footnote reference was removed ("www1.nav.no" with a footnote 1) is
  removed, as URLs are removed before references; and a paragraph that started with a
  capitalised URL ("WWW.NAV.NO er ...") has lost the capital that kept it apart from a title.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "CleanResult",
    "Footnote",
    "Paragraph",
    "clean_document",
    "ends_sentence",
    "is_letter_spaced",
    "is_slug",
    "join_hyphenated",
    "normalize_whitespace",
    "rejoin_paragraphs",
    "remove_footnote_refs",
    "remove_page_furniture",
    "remove_running_lines",
    "remove_urls",
    "split_footnotes",
]

# ------------------------------------------------------------------ resources (compiled once)
#: Conjunctions after which a line-end hyphen is a suspended compound ("Helse- og omsorgs-").
SUSPENDED_CONJUNCTIONS = frozenset({"og", "eller", "samt", "og/eller", "and", "or", "nor"})
#: Headings have at most this many words.
HEADING_MAX_WORDS = 12
#: A heading is at most this share of the wrap width (see ``_wrap_width``).
HEADING_WIDTH_RATIO = 0.75
#: A block-quote line that runs on is this share of the wrap width or more ...
FULL_LINE_RATIO = 0.8
#: ... and not more than this share (quotes are often set smaller, so their lines are longer).
MAX_LINE_RATIO = 1.5
#: Wrapped lines needed to measure the wrap width; with fewer, block quotes are not rejoined.
MIN_WRAPPED_LINES = 3
#: Number of examples of removed text kept in the record per step.
RECORD_EXAMPLES = 3
#: Text with at most one blank-line gap (inside a page) per this many lines has "no blank lines"
#: (typical of pypdf output): paragraphs are then also split at short sentence-final lines.
SPARSE_LINES_PER_GAP = 40
#: In such text, a sentence-final line shorter than this share of the wrap width ends a paragraph.
SHORT_LINE_RATIO = 0.8
#: Noncharacters (U+FDD0-U+FDEF, reserved for internal use): :func:`clean_document` marks with
#: one of them, absent from the input, where a paragraph's text continues on a new page. The
#: regexes below let a mark sit inside a word that is hyphenated across a page break.
PAGE_MARKS = "".join(map(chr, range(0xFDD0, 0xFDF0)))
PAGE_MARK = r"[\ufdd0-\ufdef]"

# "word-" at a line end, optionally followed by one blank line (block quotes), then the next word.
# The next word is only looked at (lookahead) so that a one-word line can be joined on both ends.
# A page mark before the next word is kept (group "mark").
# The head starts a run of non-space characters (or follows a page mark): the leftmost match
# in a run starts there anyway, and the lookbehind spares the engine trying every later start.
HYPHEN_BREAK = re.compile(
    rf"(?<![^\s{PAGE_MARK[1:-1]}])"
    r"(?P<head>\S*?[^\W_])[-\u00ad\u2010][ \t]*\n(?:[ \t]*\n)?[ \t]*"
    rf"(?P<mark>{PAGE_MARK}?)(?=(?P<tail>\S+))"
)
# What HYPHEN_BREAK needs at least: a hyphen at the end of a line.
LINE_END_HYPHEN = re.compile(r"[-\u00ad\u2010][ \t]*\n")
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# Sentence end: . ! ? : … possibly followed by closing quotes/brackets and a footnote number,
# or a parenthesised citation after a sentence end ("... mulig. (Hjemdal, 1996)").
SENTENCE_END = re.compile(r"(?:[.!?:…][\"'»”’)\]]*(?:\d{1,3})?|[.!?…][\"'»”’]*\s*\([^()]*\))\s*$")
SLUG = re.compile(r"\.(?:indd|qxd|qxp)\s+\d+", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"\d{1,4}")
INTERNAL_GAP = re.compile(r"\S\s{2,}\S")
SENTENCE_PUNCTUATION = re.compile(r"[.,;:!?]")
FOOTNOTE_START = re.compile(r"(?P<number>\d{1,3})\t[ \t]*(?P<text>.*)")
URL = re.compile(r"[ \t]*(?P<url>(?:https?://|www\.)[^\s<>\"«»]+)", re.IGNORECASE)
URL_TRAILING = ".,;:!?)]}'\"’”"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# The leading lookahead (a digit comes next) only makes the engine skip non-digit positions
# before trying the six lookbehinds.
FOOTNOTE_REF = re.compile(
    rf"(?=[0-9{SUPERSCRIPT_DIGITS}])"
    r"(?:(?<=[^\W\d_]{3})|(?<=[^\W\d_][.,;!?])|(?<=[)\]»”\"’'])|(?<=[)\]»”\"’'][.,;!?])"
    rf"|(?<=[^\W\d_]{PAGE_MARK}[^\W\d_]{{2}})|(?<=[^\W\d_]{{2}}{PAGE_MARK}[^\W\d_]))"
    rf"(?P<number>[0-9]{{1,3}}|[{SUPERSCRIPT_DIGITS}]{{1,3}})(?![\w{SUPERSCRIPT_DIGITS}])"
)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_NO_MARKS = dict.fromkeys(map(ord, PAGE_MARKS))
WHITESPACE = re.compile(r"\s+")
# A slug (SLUG) inside one line: a page without a match has no slug line.
SLUG_IN_LINE = re.compile(r"\.(?:indd|qxd|qxp)[^\S\n]+\d", re.IGNORECASE)
DIGITS = re.compile(r"\d+")


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text.

    Attributes
    ----------
    text : str
        The paragraph on one line, words separated by single spaces, NFC.
    page : int or None
        Label of the page where the paragraph starts (``page_numbers[i]``, by default the
        1-based page index); None for single-page input without ``page_numbers``.
    page_starts : tuple of (int, int)
        Where the text of each page begins: ``(offset in text, page label)`` pairs sorted by
        offset, the first ``(0, page)``, then one for each page the paragraph continues on,
        at its first character (which may be inside a word hyphenated across the page break:
        "selvhjelps-" + "gruppene" gives the offset of the "g"). Empty when the pages are
        unknown (``page`` None). See :meth:`page_at`.

    Examples
    --------
    >>> p = Paragraph("Tekst om selvhjelpsgruppene.", 84, ((0, 84), (19, 85)))
    >>> p.text[19:], p.page_at(9), p.page_at(19)
    ('gruppene.', 84, 85)
    """

    text: str
    page: int | None
    page_starts: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """Label of the page that the character at ``offset`` of ``text`` comes from.

        A word hyphenated across a page break belongs, by its first character, to the page
        where it starts. Returns ``page`` when ``page_starts`` is empty.
        """
        if not 0 <= offset < len(self.text):
            raise ValueError(f"offset must be in [0, {len(self.text)}), got {offset}")
        index = bisect.bisect_right(self.page_starts, offset, key=lambda start: start[0])
        return self.page_starts[index - 1][1] if index else self.page


@dataclass(frozen=True)
class Footnote:
    """One footnote, moved out of the running text.

    Attributes
    ----------
    number : int
        The footnote's number as printed.
    text : str
        Its lines joined into one (hyphenation joined as in the running text), NFC.
    page : int or None
        Label of the page where it starts, as for :class:`Paragraph`.
    """

    number: int
    text: str
    page: int | None


@dataclass
class CleanResult:
    """What :func:`clean_document` returns.

    Attributes
    ----------
    paragraphs : list of Paragraph
        The running text, in order.
    footnotes : list of Footnote
        The footnotes, in order of appearance.
    record : dict
        JSON-serialisable account of what each step removed or joined (see
        :func:`clean_document`).
    """

    paragraphs: list[Paragraph]
    footnotes: list[Footnote]
    record: dict = field(default_factory=dict)


class _Line(NamedTuple):
    text: str
    page: int | None
    #: 0-based index of the page the line is on (``page`` is its label).
    sheet: int = 0


@dataclass
class _Block:
    lines: list[_Line]
    heading: bool = False


# ------------------------------------------------------------------------ small functions
def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (line breaks, tabs, Unicode spaces) to one space.

    >>> normalize_whitespace(" Abstract:\\u2002 This\\nchapter ")
    'Abstract: This chapter'
    """
    return " ".join(text.split())  # str.split and regex \s agree on what is whitespace


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence (or introduces a quote with a colon).

    Closing quotes and brackets after the punctuation, a glued footnote number ("helse.2")
    and a parenthesised citation after a full stop ("... tider. (Hjemdal, 1996)") still count
    as a sentence end.

    >>> ends_sentence("psykisk helse.2"), ends_sentence("sammen med ")
    (True, False)
    """
    return SENTENCE_END.search(line) is not None


def _word_core(token: str) -> str:
    """``token`` without leading and trailing punctuation, lowercased."""
    if token[:1].isalnum() and token[-1:].isalnum():  # the common case, without the regex
        return token.lower()
    return EDGE_PUNCTUATION.sub("", token).lower()


def _lexicon(text: str) -> frozenset[str]:
    """Lowercased word forms of ``text`` that are not cut by a line-end hyphen."""
    return frozenset(
        _word_core(token) for token in set(text.split()) if not token.endswith(("-", "\u00ad", "‐"))
    )


class _LazyLexicon(Collection):
    """:func:`_lexicon` of ``text``, worked out the first time a word is looked up.

    Only a hyphen at a line end before a lowercase word asks the lexicon
    (:func:`_hyphen_joiner`), and many documents have none; splitting a million-token
    text into its distinct words costs about 0.2 s. The answers are those of the set.
    """

    __slots__ = ("_text", "_words")

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._words: frozenset[str] | None = None

    def _get(self) -> frozenset[str]:
        if self._words is None:
            self._words = _lexicon(self._text or "")
            self._text = None
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._get()

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _hyphen_joiner(head: str, tail: str, lexicon: Collection[str]) -> tuple[str, str]:
    """What replaces a line-end hyphen between ``head`` and ``tail``, and the kind of join."""
    tail_word = _word_core(tail)
    if tail_word in SUSPENDED_CONJUNCTIONS:
        return "- ", "kept_suspended"
    first = tail[0]
    if head[-1].isdigit() or first.isupper() or first.isdigit():
        return "-", "kept_hyphen"
    if first.islower():
        head_word = _word_core(head)
        if f"{head_word}-{tail_word}" in lexicon and f"{head_word}{tail_word}" not in lexicon:
            return "-", "kept_hyphen"
        return "", "joins"
    return "- ", "kept_hyphen"


def _join_hyphenated(text: str, lexicon: Collection[str]) -> tuple[str, Counter]:
    """:func:`join_hyphenated` that also counts the joins by kind."""
    counts: Counter = Counter()
    if not LINE_END_HYPHEN.search(text):
        return text, counts  # the common case, checked with a cheaper regex

    def replace(match: re.Match) -> str:
        joiner, kind = _hyphen_joiner(match["head"], match["tail"], lexicon)
        counts[kind] += 1
        return match["head"] + joiner + match["mark"]

    return HYPHEN_BREAK.sub(replace, text), counts


def join_hyphenated(text: str, *, lexicon: Collection[str] | None = None) -> str:
    """Join words hyphenated across a line end, keeping the hyphens that belong to the text.

    A hyphen at the end of a line (trailing spaces allowed, and one blank line allowed after
    it, as in block quotes printed with blank lines between their lines) joins the word with
    the first word of the next line:

    - next word "og"/"eller"/"samt"/"and"/"or" (see ``SUSPENDED_CONJUNCTIONS``): a suspended
      compound, the hyphen stays and a space follows ("Helse-" + "og" -> "Helse- og");
    - a digit before the hyphen, or a capital or digit after it: the hyphen stays, no space
      ("1980-" + "tallet" -> "1980-tallet", "Nord-" + "Norge" -> "Nord-Norge");
    - a lowercase letter after it: the hyphen goes ("selvhjelps-" + "saken" ->
      "selvhjelpssaken"; an earlier hyphen in the word stays: "1940-tal-" + "let" ->
      "1940-tallet"), unless ``lexicon`` holds the hyphenated form and not the closed one;
    - anything else: the hyphen stays, followed by a space.

    The two lines become one line at that point; other line breaks are left alone.

    Parameters
    ----------
    text : str
        Text with ``\\n`` line ends.
    lexicon : collection of str, optional
        Lowercased word forms known to be written as such (e.g. every unbroken word of the
        document): a hyphen is kept when "head-tail" is in it and "headtail" is not.

    Returns
    -------
    str

    Examples
    --------
    >>> join_hyphenated("sakene i selvhjelps-\\nsaken og Helse-\\nog omsorgs-\\ndepartementet")
    'sakene i selvhjelpssaken og Helse- og omsorgsdepartementet'
    """
    return _join_hyphenated(text, lexicon or frozenset())[0]


def _remove_urls(text: str) -> tuple[str, list[str]]:
    """:func:`remove_urls` that also returns the removed URLs."""
    if "://" not in text and "www." not in text.lower():
        return text, []  # the common case, checked without the regex
    removed: list[str] = []

    def replace(match: re.Match) -> str:
        url = match["url"]
        core = url.rstrip(URL_TRAILING)
        marks = "".join(char for char in core if char in PAGE_MARKS)  # kept, see clean_document
        removed.append(core.translate(_NO_MARKS) if marks else core)
        return marks + url[len(core) :]

    return URL.sub(replace, text), removed


def _url_line_candidates(page: str) -> list[int]:
    """Indices, in order, of the lines of ``page`` (``page.split("\\n")``) that hold "://"
    or, lowercased, "www.": the only lines :func:`_remove_urls` changes. Found by searching
    the page, not each line. ``page.lower()`` has the same lines lowercased one by one:
    lowercasing neither makes nor removes a line break, and no case rule looks across one."""
    found: set[int] = set()
    for text, needle in ((page, "://"), (page.lower(), "www.")):
        line, counted = 0, 0
        start = text.find(needle)
        while start != -1:
            line += text.count("\n", counted, start)
            counted = start
            found.add(line)
            start = text.find(needle, start + 1)
    return sorted(found)


def remove_urls(text: str) -> str:
    """Remove ``http://``, ``https://`` and ``www.`` URLs and the spaces before them.

    Punctuation after a URL stays ("se www.nav.no." -> "se."). Bare domain names such as
    "erfaringskompetanse.no" are kept: in running text they are usually the name of a site
    ("med en egen nettside, erfaringskompetanse.no.") and read as a word.

    >>> remove_urls("lastet ned fra http://www.selvhjelp.no/Om_oss/, i 2011")
    'lastet ned fra, i 2011'
    """
    return _remove_urls(text)[0]


def _remove_footnote_refs(text: str, numbers: Collection[int]) -> tuple[str, list[int]]:
    """:func:`remove_footnote_refs` that also returns the removed numbers."""
    removed: list[int] = []
    if not numbers:
        return text, removed  # no footnotes: every reference found would be put back as it was

    def replace(match: re.Match) -> str:
        number = int(match["number"].translate(FROM_SUPERSCRIPT))
        if number not in numbers:
            return match[0]
        removed.append(number)
        return ""

    # Removing a reference can glue the next one of a run to the word ("helse1,2" ->
    # "helse,2"): repeat until nothing more is removed.
    count = -1
    while count != len(removed):
        count = len(removed)
        text = FOOTNOTE_REF.sub(replace, text)
    return text, removed


def remove_footnote_refs(text: str, numbers: Iterable[int]) -> str:
    """Remove footnote reference numbers glued to words, for the given footnote numbers only.

    A reference is a number (ASCII or superscript digits) directly after a word of at least
    three letters ("Innledning1"), after punctuation that follows a letter ("helse.2") or
    after a closing bracket or quote ("1998).4", "«Bare angst»2"), and not followed by a
    letter or digit. A run of references is removed whole, the punctuation between them kept
    ("helse1,2" -> "helse,"). Numbers that are not in ``numbers`` stay, and so do numbers that
    are not glued ("i 2007", "1940-tallet", "NOU 1992:1", "kap 3.6").

    Parameters
    ----------
    text : str
    numbers : iterable of int
        The numbers of the footnotes extracted from the same document.

    Returns
    -------
    str

    Examples
    --------
    >>> remove_footnote_refs("Innledning1 i 2007: psykisk helse.2 (NOU, 1992:1)", [1, 2])
    'Innledning i 2007: psykisk helse. (NOU, 1992:1)'
    """
    return _remove_footnote_refs(text, frozenset(numbers))[0]


def is_slug(line: str) -> bool:
    """Whether ``line`` is a typesetting slug ("Samarbeid om selvhjelp.indd   84 26-06-2019")."""
    return SLUG.search(line) is not None


def is_letter_spaced(line: str) -> bool:
    """Whether ``line`` is letter-spaced display text, such as a running header.

    Extraction of letter-spaced type breaks words into fragments: "fra fr iv ill ig  arbeid t
    il  folkehelsearbeid". A line counts as letter-spaced when it has no sentence punctuation
    and either consists of at least four single characters, or has at least three fragments,
    a gap of two or more spaces between fragments, and at least half of its fragments one or
    two characters long. Running text rarely has an inner double space, and almost never
    together with that many one- and two-letter words.

    >>> is_letter_spaced("fra fr iv ill ig  arbeid t il  folkehelsearbeid")
    True
    >>> is_letter_spaced("i det offentlige bildet, og dette er første stadium hos Latour")
    False
    """
    stripped = line.strip()
    if not stripped or SENTENCE_PUNCTUATION.search(stripped):
        return False
    fragments = stripped.split()
    if len(fragments) >= 4 and all(len(fragment) == 1 for fragment in fragments):
        return True
    if len(fragments) < 3 or not INTERNAL_GAP.search(stripped):
        return False
    short = sum(1 for fragment in fragments if len(fragment) <= 2)
    return 2 * short >= len(fragments)


def _blank_or_missing(lines: Sequence[str], index: int) -> bool:
    return index < 0 or index >= len(lines) or not lines[index].strip()


def _furniture_kind(lines: Sequence[str], index: int, *, slugs: bool = True) -> str | None:
    """The kind of page furniture ``lines[index]`` is, or None for a line to keep
    (``slugs=False``: the caller knows that the line holds no slug)."""
    line = lines[index]
    if not line.strip():
        return None
    if slugs and is_slug(line):
        return "slug"
    if is_letter_spaced(line):
        return "letter_spaced"
    if (
        PAGE_NUMBER.fullmatch(line.strip())
        and _blank_or_missing(lines, index - 1)
        and _blank_or_missing(lines, index + 1)
    ):
        return "page_number"
    return None


def _furniture_kinds(page: str, lines: Sequence[str]) -> dict[int, str]:
    """``{index: kind}`` of the lines of ``page`` (``lines`` is ``page.split("\\n")``) that
    :func:`_furniture_kind` removes. A page without a slug inside a line
    (:data:`SLUG_IN_LINE`, one scan of the page for a literal ".indd", ".qxd" or ".qxp")
    skips the slug test of every line; blank lines are never furniture."""
    slugs = SLUG_IN_LINE.search(page) is not None
    kinds = {}
    for index, line in enumerate(lines):
        if line and (kind := _furniture_kind(lines, index, slugs=slugs)):
            kinds[index] = kind
    return kinds


def remove_page_furniture(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Remove typesetting slugs, letter-spaced headers and page numbers from one page's lines.

    A page number is a line of one to four digits with a blank line (or the start or end of
    ``lines``) on both sides, so a year that wraps onto a line of its own inside a paragraph
    stays.

    Parameters
    ----------
    lines : sequence of str
        The lines of one page (or of a whole text without page breaks).

    Returns
    -------
    kept : list of str
        The other lines, blank lines included, in order.
    removed : list of str
        The removed lines.

    Examples
    --------
    >>> remove_page_furniture(["organer og kan", "", "85", "", "dermed kalles"])
    (['organer og kan', '', '', 'dermed kalles'], ['85'])
    """
    kinds = [_furniture_kind(lines, index) for index in range(len(lines))]
    kept = [line for line, kind in zip(lines, kinds, strict=True) if kind is None]
    removed = [line for line, kind in zip(lines, kinds, strict=True) if kind is not None]
    return kept, removed


def _running_positions(
    pages: Sequence[Sequence[str]], *, edge_lines: int = 2, min_share: float = 0.5
) -> dict[tuple[int, int], str]:
    """(page index, line index) -> "running_header"/"running_footer" for repeated edge lines."""
    if len(pages) < 2:
        return {}
    needed = max(2, math.ceil(len(pages) * min_share))

    def key(line: str) -> str:
        return DIGITS.sub("#", normalize_whitespace(line).lower())

    edges: dict[str, list[list[int]]] = {"running_header": [], "running_footer": []}
    for lines in pages:
        filled = [index for index, line in enumerate(lines) if line.strip()]
        edges["running_header"].append(filled[:edge_lines])
        edges["running_footer"].append(filled[-edge_lines:] if filled else [])
    positions: dict[tuple[int, int], str] = {}
    for kind, per_page in edges.items():
        counts = Counter(
            k
            for page, indices in enumerate(per_page)
            for k in {key(pages[page][i]) for i in indices}
        )
        for page, indices in enumerate(per_page):
            for index in indices:
                if counts[key(pages[page][index])] >= needed:
                    positions.setdefault((page, index), kind)
    return positions


def remove_running_lines(
    pages: Sequence[Sequence[str]], *, edge_lines: int = 2, min_share: float = 0.5
) -> tuple[list[list[str]], list[str]]:
    """Remove running headers and footers: lines repeated at the top or bottom of many pages.

    Among the first and the last ``edge_lines`` non-blank lines of each page, a line is a
    running header (footer) when, compared with whitespace collapsed, case folded and every
    run of digits replaced by ``#``, it is among the top (bottom) lines of at least
    ``min_share`` of the pages, and of at least two pages.

    Parameters
    ----------
    pages : sequence of sequence of str
        The lines of each page.
    edge_lines : int, default 2
        How many non-blank lines at each end of a page are candidates.
    min_share : float, default 0.5
        Share of the pages a line must be repeated on.

    Returns
    -------
    pages : list of list of str
        The pages without the running lines.
    removed : list of str
        The removed lines, page by page.

    Examples
    --------
    >>> pages = [["Rapport 2019", "Tekst én."], ["Rapport 2019", "Tekst to."], ["Tre."]]
    >>> remove_running_lines(pages)
    ([['Tekst én.'], ['Tekst to.'], ['Tre.']], ['Rapport 2019', 'Rapport 2019'])
    """
    if edge_lines < 1:
        raise ValueError(f"edge_lines must be at least 1, got {edge_lines}")
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], got {min_share}")
    positions = _running_positions(pages, edge_lines=edge_lines, min_share=min_share)
    kept = [
        [line for index, line in enumerate(lines) if (page, index) not in positions]
        for page, lines in enumerate(pages)
    ]
    removed = [
        line
        for page, lines in enumerate(pages)
        for index, line in enumerate(lines)
        if (page, index) in positions
    ]
    return kept, removed


def _footnote_spans(
    lines: Sequence[str], skip: Collection[int] = ()
) -> list[tuple[int, list[int]]]:
    """(number, line indices) of each footnote in ``lines``, ignoring the indices in ``skip``."""
    spans: list[tuple[int, list[int]]] = []
    current: list[int] | None = None
    for index, line in enumerate(lines):
        if index in skip:
            continue
        match = FOOTNOTE_START.match(line)
        if match:
            current = [index]
            spans.append((int(match["number"]), current))
        elif current is not None and line.strip() and not line[:1].isspace():
            current.append(index)
        else:
            current = None
    return spans


def _footnote_text(lines: Sequence[str], lexicon: Collection[str]) -> tuple[str, Counter]:
    """The footnote's lines (the first still with its number) as one line."""
    first = FOOTNOTE_START.match(lines[0])
    head = first["text"] if first else lines[0]
    text, counts = _join_hyphenated("\n".join([head, *lines[1:]]), lexicon)
    return unicodedata.normalize("NFC", normalize_whitespace(text)), counts


def split_footnotes(lines: Sequence[str]) -> tuple[list[str], list[Footnote]]:
    """Move footnotes out of one page's lines.

    A footnote starts with a line "number TAB text" (e.g. ``"1\\t En tidligere utgave ..."``)
    and runs over the following lines until a blank line, a line starting with a space (in
    PDF extractions, the top of the next page, where the running text resumes), the next
    footnote or the end of ``lines``. Its lines are joined into one, hyphenation joined.

    Parameters
    ----------
    lines : sequence of str
        The lines of one page.

    Returns
    -------
    body : list of str
        The other lines, in order.
    footnotes : list of Footnote
        The footnotes (``page`` None), in order.

    Examples
    --------
    >>> body, notes = split_footnotes(["med", "1\\t Trykket i selvhjelps-", "feltet.", " andre"])
    >>> body
    ['med', ' andre']
    >>> notes
    [Footnote(number=1, text='Trykket i selvhjelpsfeltet.', page=None)]
    """
    spans = _footnote_spans(lines)
    taken = {index for _, indices in spans for index in indices}
    lexicon = _LazyLexicon("\n".join(lines))
    footnotes = [
        Footnote(number, _footnote_text([lines[i] for i in indices], lexicon)[0], None)
        for number, indices in spans
    ]
    return [line for index, line in enumerate(lines) if index not in taken], footnotes


# ------------------------------------------------------------------------------ paragraphs
def _wrap_width(blocks: Iterable[_Block]) -> float | None:
    """The line length the text was wrapped at, or None if it cannot be measured.

    The median length (stripped) of the lines that are followed by another line of the same
    block, i.e. of lines broken by the layout; None with fewer than ``MIN_WRAPPED_LINES``.
    Text with one paragraph per line (as in many .txt files) has no wrap width.
    """
    lengths = [len(line.text.strip()) for block in blocks for line in block.lines[:-1]]
    return statistics.median(lengths) if len(lengths) >= MIN_WRAPPED_LINES else None


def _to_blocks(lines: Iterable[_Line]) -> list[_Block]:
    """Runs of non-blank lines, separated by blank lines."""
    blocks: list[_Block] = []
    current: list[_Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(_Block(current))
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


def _has_no_blank_lines(lines: Iterable[_Line]) -> bool:
    """Whether the text has (almost) no blank lines between its paragraphs, as pypdf gives it.

    True when it has at most one gap (a run of blank lines with text of the same page on both
    sides; blank lines at the top or bottom of a page do not count) per
    ``SPARSE_LINES_PER_GAP`` non-blank lines.
    """
    gaps = filled = 0
    previous: _Line | None = None
    blank = False
    for line in lines:
        if not line.text.strip():
            blank = True
            continue
        filled += 1
        gaps += blank and previous is not None and previous.sheet == line.sheet
        previous, blank = line, False
    return gaps * SPARSE_LINES_PER_GAP <= filled


def _ends_paragraph(text: str, following: str, max_chars: float) -> bool:
    """Whether a line of text without blank lines ends its paragraph (see rejoin_paragraphs)."""
    stripped = text.strip()
    return (
        len(stripped) < max_chars
        and ends_sentence(stripped)
        and not following.lstrip()[:1].islower()
    )


def _split_at_short_lines(blocks: Iterable[_Block], *, max_chars: float) -> list[_Block]:
    """Split blocks after the lines that end a paragraph (:func:`_ends_paragraph`)."""
    out: list[_Block] = []
    for block in blocks:
        current: list[_Line] = []
        for line, following in zip(block.lines, block.lines[1:], strict=False):
            current.append(line)
            if _ends_paragraph(line.text, following.text, max_chars):
                out.append(_Block(current))
                current = []
        out.append(_Block([*current, block.lines[-1]]))
    return out


def _is_heading(text: str, previous: str | None, following: str | None, max_chars: float) -> bool:
    """Whether ``text`` is a title line (see :func:`rejoin_paragraphs`)."""
    stripped = text.strip()
    if not stripped or len(stripped) > max_chars or len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    if not stripped[0].isupper() or ends_sentence(stripped) or stripped[-1] in ",;-\u00ad‐–—":
        return False
    if previous is not None and not ends_sentence(previous):
        return False
    return following is not None and following.strip()[:1].isupper()


def _split_headings(blocks: list[_Block], *, max_chars: float) -> list[_Block]:
    """Split title lines off the blocks they are glued to, as blocks of their own."""
    out: list[_Block] = []
    previous: str | None = None
    for number, block in enumerate(blocks):
        current: list[_Line] = []
        for index, line in enumerate(block.lines):
            if index + 1 < len(block.lines):
                following: str | None = block.lines[index + 1].text
            elif number + 1 < len(blocks):
                following = blocks[number + 1].lines[0].text
            else:
                following = None
            if _is_heading(line.text, previous, following, max_chars):
                if current:
                    out.append(_Block(current))
                    current = []
                out.append(_Block([line], heading=True))
                previous = None  # a heading may follow a heading
            else:
                current.append(line)
                previous = line.text
        if current:
            out.append(_Block(current))
    return out


def _join_kind(before: _Block, after: _Block, *, width: float | None) -> str | None:
    """Why ``after`` continues the paragraph that ends with ``before``, or None."""
    if before.heading or after.heading:
        return None
    last, first = before.lines[-1].text, after.lines[0].text
    open_end = not ends_sentence(last)
    single = len(before.lines) == 1 and len(after.lines) == 1
    if open_end and first.lstrip()[:1].islower():
        kind = "continuations_joined"
    elif open_end and first[:1].isspace():
        kind = "joined_across_page_breaks"
    elif (
        single
        and width is not None
        and FULL_LINE_RATIO * width <= len(last.strip()) <= MAX_LINE_RATIO * width
    ):
        kind = "block_quote"
    else:
        return None
    return "block_quote" if single else kind


def _rejoin(
    lines: Sequence[_Line], *, heading_max_chars: int, stats: Counter
) -> list[list[_Block]]:
    """Group the lines into paragraphs (lists of blocks), counting joins in ``stats``."""
    blocks = _to_blocks(lines)
    width = _wrap_width(blocks)
    if width is not None and _has_no_blank_lines(lines):
        count = len(blocks)
        blocks = _split_at_short_lines(blocks, max_chars=SHORT_LINE_RATIO * width)
        stats["split_at_short_lines"] += len(blocks) - count
    max_chars = (
        heading_max_chars if width is None else min(heading_max_chars, HEADING_WIDTH_RATIO * width)
    )
    blocks = _split_headings(blocks, max_chars=max_chars)
    stats["headings"] += sum(block.heading for block in blocks)
    groups: list[list[_Block]] = []
    quoted = False
    for block in blocks:
        kind = _join_kind(groups[-1][-1], block, width=width) if groups else None
        if kind is None:
            groups.append([block])
            quoted = False
            continue
        groups[-1].append(block)
        if kind == "block_quote":
            stats["block_quote_lines"] += 1
            stats["block_quotes"] += not quoted
            quoted = True
        else:
            stats[kind] += 1
    return groups


def _group_text(group: Sequence[_Block], *, mark: str = "") -> tuple[str, list[int | None]]:
    """A paragraph's lines, blank lines kept between its blocks (for hyphen joins).

    With ``mark``, the first line from each further page gets ``mark`` before its first
    non-blank character. Also returns the labels of the first page and of the marked pages.
    """
    pages = [group[0].lines[0].page]
    sheet = group[0].lines[0].sheet
    texts: list[str] = []
    for block in group:
        lines: list[str] = []
        for line in block.lines:
            text = line.text
            if mark and line.sheet != sheet:
                indent = len(text) - len(text.lstrip())
                text = text[:indent] + mark + text[indent:]
                pages.append(line.page)
                sheet = line.sheet
            lines.append(text)
        texts.append("\n".join(lines))
    return "\n\n".join(texts), pages


def _page_mark(text: str) -> str:
    """A character of ``PAGE_MARKS`` that does not occur in ``text``."""
    for mark in PAGE_MARKS:
        if mark not in text:
            return mark
    raise ValueError("raw holds every noncharacter U+FDD0-U+FDEF: nothing left to mark pages")


def _settle_marks(text: str, mark: str) -> str:
    """Put whitespace next to page marks before them, and drop it at the ends of ``text``.

    A mark then stands right before the first character of its page, or at the very end when
    nothing of its page was left, and :func:`normalize_whitespace` keeps it there.
    """

    def replace(match: re.Match) -> str:
        marks = mark * match[0].count(mark)
        at_edge = match.start() == 0 or match.end() == len(text)
        return marks if at_edge or match[0] == marks else " " + marks

    escaped = re.escape(mark)
    return re.sub(rf"[\s{escaped}]*{escaped}[\s{escaped}]*", replace, text)


def _take_marks(
    text: str, mark: str, pages: Sequence[int]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` without its page marks, and the page starts (see :attr:`Paragraph.page_starts`).

    ``pages`` holds the label of the text before the first mark and after each mark. A page
    none of whose text is left (its mark at the end or next to another mark) gets no entry.
    """
    pieces = text.split(mark)
    starts: list[tuple[int, int]] = []
    offset = 0
    for piece, page in zip(pieces, pages, strict=True):
        if piece:
            starts.append((offset, page))
            offset += len(piece)
    return "".join(pieces), tuple(starts)


def rejoin_paragraphs(text: str, *, heading_max_chars: int = 60) -> list[str]:
    """Split text into paragraphs at blank lines, undoing the breaks that are not paragraphs.

    Blank lines separate blocks. A block continues the paragraph before it when:

    - the paragraph does not end a sentence (:func:`ends_sentence`) and the block starts in
      lowercase (a sentence broken by a stray blank line, a footnote, a page break);
    - the paragraph does not end a sentence and the block starts with a space (the top of a
      page in PDF extraction: "... retter Hughes" + " (1984) blikket ...");
    - both are single lines and the paragraph's last line is full width (between
      ``FULL_LINE_RATIO`` and ``MAX_LINE_RATIO`` times the wrap width, the median length of
      the lines that the layout broke inside the text's multi-line blocks): a block quote
      printed with a blank line between its lines. Its last, shorter line ends the run. Text
      with fewer than ``MIN_WRAPPED_LINES`` such lines (e.g. one paragraph per line) has no
      wrap width, and this rule is off.

    Text with (almost) no blank lines (at most one gap per ``SPARSE_LINES_PER_GAP`` lines,
    blank lines at the top or bottom of a page not counted), as pypdf extracts it, is also
    split after each line that ends a sentence (:func:`ends_sentence`), is shorter than
    ``SHORT_LINE_RATIO`` times the wrap width (measured before the split) and is followed by a
    line that does not start in lowercase: the last line of a paragraph. Text with blank lines
    between paragraphs is only split at them.

    A title line becomes a paragraph of its own and is never joined: a line of at most
    ``heading_max_chars`` characters (and at most ``HEADING_WIDTH_RATIO`` times the wrap
    width, and ``HEADING_MAX_WORDS`` words) that starts with a capital, does not end with
    punctuation, follows a sentence end (or the start of the text, or another title) and is
    followed by a line starting with a capital ("Analytisk og metodologisk tilnærming" glued
    to "Jeg betrakter ...").

    Each paragraph is returned on one line: hyphenation joined (:func:`join_hyphenated`, with
    the text's own words as lexicon) and whitespace collapsed.

    Parameters
    ----------
    text : str
        Lines separated by ``\\n``, paragraphs by blank lines.
    heading_max_chars : int, default 60
        Longest title line, in characters.

    Returns
    -------
    list of str

    Examples
    --------
    >>> rejoin_paragraphs("Sett i et lengre\\n\\nperspektiv.\\n\\nNy tekst.")
    ['Sett i et lengre perspektiv.', 'Ny tekst.']
    >>> rejoin_paragraphs("Én lang linje som går\\nhelt ut i margen,\\nog en kort.\\nNy tekst.")
    ['Én lang linje som går helt ut i margen, og en kort.', 'Ny tekst.']
    """
    if heading_max_chars < 1:
        raise ValueError(f"heading_max_chars must be at least 1, got {heading_max_chars}")
    lines = [_Line(line, None) for line in text.split("\n")]
    lexicon = _LazyLexicon(text)
    paragraphs = []
    for group in _rejoin(lines, heading_max_chars=heading_max_chars, stats=Counter()):
        joined = normalize_whitespace(join_hyphenated(_group_text(group)[0], lexicon=lexicon))
        if joined:
            paragraphs.append(joined)
    return paragraphs


# ------------------------------------------------------------------------------ document
def _page_labels(pages: int, page_numbers: Sequence[int] | None) -> list[int | None]:
    """The label of each page: ``page_numbers``, else 1..n, else None for one page."""
    if page_numbers is None:
        return [None] if pages == 1 else list(range(1, pages + 1))
    labels = list(page_numbers)
    if len(labels) != pages:
        raise ValueError(
            f"page_numbers has {len(labels)} entries but the text has {pages} page(s) "
            "(pages are separated by form feeds, \\f): give one label per page or None"
        )
    bad = [label for label in labels if isinstance(label, bool) or not isinstance(label, int)]
    if bad:
        raise ValueError(f"page_numbers must be integers, got {bad[0]!r}")
    return labels


def _examples(items: Iterable[str]) -> list[str]:
    return [item.strip() for item in items][:RECORD_EXAMPLES]


def clean_document(
    raw: str,
    *,
    page_numbers: Sequence[int] | None = None,
    drop_urls: bool = True,
    heading_max_chars: int = 60,
) -> CleanResult:
    """Clean the raw text of one document into paragraphs and footnotes.

    Parameters
    ----------
    raw : str
        Extracted text, ``\\n`` line ends (``\\r\\n`` is accepted), pages separated by form
        feeds ``\\f``. Text without ``\\f`` is one page.
    page_numbers : sequence of int, optional
        The label of each page (one per page). Default: 1..n for multi-page input, None
        (unknown) for a single page.
    drop_urls : bool, default True
        Remove ``http(s)://`` and ``www.`` URLs from the running text, and lines holding only
        a URL. Footnotes keep their URLs.
    heading_max_chars : int, default 60
        Longest title line that is split off as a paragraph of its own.

    Returns
    -------
    CleanResult
        Each paragraph's ``page`` is the label of the page where it starts, and its
        ``page_starts`` the offsets in its text where each page's text begins, hyphen joins,
        removed footnotes, page furniture and collapsed whitespace accounted for (empty for
        single-page input without ``page_numbers``).

        ``record`` holds ``input_characters`` (of ``raw``), ``output_characters`` (of the
        paragraph texts), ``footnote_characters``, ``pages``, ``paragraphs``, ``footnotes``
        and ``steps``, one entry per step:

        - ``page_furniture``: ``lines_removed``, ``characters_removed``, ``by_kind``
          (running_header, running_footer, slug, letter_spaced, page_number), ``examples``;
        - ``footnotes``: ``extracted``, ``numbers``, ``lines_removed``,
          ``characters_removed`` (the lines moved to ``footnotes``), ``hyphen_joins``;
        - ``urls``: ``removed``, ``lines_removed`` (lines holding only a URL),
          ``characters_removed``, ``examples``;
        - ``hyphenation``: ``joins`` (hyphens removed), ``kept_suspended``, ``kept_hyphen``;
        - ``block_quotes``: ``lines_rejoined``, ``quotes``;
        - ``paragraphs``: ``headings``, ``continuations_joined``,
          ``joined_across_page_breaks``, ``split_at_short_lines`` (text without blank lines,
          see :func:`rejoin_paragraphs`), ``empty_dropped``;
        - ``footnote_refs``: ``removed``, ``numbers``, ``characters_removed``.

        Character counts of removed lines are of the lines as given (without ``\\n``).

    Raises
    ------
    ValueError
        If ``page_numbers`` does not have one integer per page, or ``heading_max_chars`` < 1,
        or ``raw`` holds all 32 noncharacters U+FDD0-U+FDEF (one is needed to mark pages).

    Examples
    --------
    >>> result = clean_document("Innledning1\\n\\nTekst om selvhjelps-\\nsaken.\\n1\\t Note.")
    >>> [p.text for p in result.paragraphs], result.footnotes
    (['Innledning', 'Tekst om selvhjelpssaken.'], [Footnote(number=1, text='Note.', page=None)])
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw must be str, got {type(raw).__name__}")
    if heading_max_chars < 1:
        raise ValueError(f"heading_max_chars must be at least 1, got {heading_max_chars}")
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    page_texts = text.split("\f")
    pages = [page.split("\n") for page in page_texts]
    labels = _page_labels(len(pages), page_numbers)
    lexicon = _LazyLexicon(text)

    running = _running_positions(pages)
    furniture: list[tuple[str, str]] = []
    url_lines: list[str] = []
    footnotes: list[Footnote] = []
    footnote_lines: list[str] = []
    footnote_hyphens: Counter = Counter()
    body: list[_Line] = []
    running_by_page: dict[int, dict[int, str]] = {}
    for (p, i), kind in running.items():
        running_by_page.setdefault(p, {})[i] = kind
    for page, lines in enumerate(pages):
        removed: dict[int, str] = dict(running_by_page.get(page, {}))
        for index, kind in _furniture_kinds(page_texts[page], lines).items():
            removed.setdefault(index, kind)
        furniture += [(removed[i], lines[i]) for i in sorted(removed)]
        # A footnote starts with "number TAB": a page without a tab has none.
        spans = _footnote_spans(lines, skip=removed) if "\t" in page_texts[page] else []
        for number, indices in spans:
            note, counts = _footnote_text([lines[i] for i in indices], lexicon)
            footnotes.append(Footnote(number, note, labels[page]))
            footnote_hyphens += counts
            footnote_lines += [lines[i] for i in indices]
            removed.update(dict.fromkeys(indices, "footnote"))
        # A line is only a URL if it has "://" or "www." (see _remove_urls).
        if drop_urls:
            for index in _url_line_candidates(page_texts[page]):
                line = lines[index]
                if index not in removed and line.strip() and not remove_urls(line).strip():
                    removed[index] = "url"
                    url_lines.append(line)
        # After removed lines and at a page break, mark the next line as a page top (leading
        # space), so that a sentence interrupted there is joined (see rejoin_paragraphs).
        interrupted = page > 0
        for index, line in enumerate(lines):
            if index in removed:
                interrupted = True
                continue
            if line.strip():
                if interrupted and not line[:1].isspace():
                    line = " " + line
                interrupted = False
            body.append(_Line(line, labels[page], page))

    # Pages are tracked with a mark before the first character of each page a paragraph runs
    # onto: it goes through the steps below as part of the text and is taken out at the end.
    mark = "" if labels[0] is None else _page_mark(text)
    stats: Counter = Counter()
    groups = _rejoin(body, heading_max_chars=heading_max_chars, stats=stats)
    numbers = frozenset(note.number for note in footnotes)
    hyphens: Counter = Counter()
    urls: list[str] = [url for line in url_lines for url in _remove_urls(line)[1]]
    refs: list[int] = []
    paragraphs: list[Paragraph] = []
    for group in groups:
        joined, group_pages = _group_text(group, mark=mark)
        joined, counts = _join_hyphenated(joined, lexicon)
        hyphens += counts
        if drop_urls:
            joined, found = _remove_urls(joined)
            urls += found
        joined, found_refs = _remove_footnote_refs(joined, numbers)
        refs += found_refs
        if mark:
            joined = _settle_marks(joined, mark)
        joined = unicodedata.normalize("NFC", normalize_whitespace(joined))
        starts: tuple[tuple[int, int], ...] = ()
        if mark:
            joined, starts = _take_marks(joined, mark, group_pages)
        if joined:
            page = starts[0][1] if starts else group[0].lines[0].page
            paragraphs.append(Paragraph(joined, page, starts))
        else:
            stats["empty_dropped"] += 1

    record = {
        "input_characters": len(raw),
        "output_characters": sum(len(p.text) for p in paragraphs),
        "footnote_characters": sum(len(note.text) for note in footnotes),
        "pages": len(pages),
        "paragraphs": len(paragraphs),
        "footnotes": len(footnotes),
        "steps": {
            "page_furniture": {
                "lines_removed": len(furniture),
                "characters_removed": sum(len(line) for _, line in furniture),
                "by_kind": dict(Counter(kind for kind, _ in furniture)),
                "examples": _examples(line for _, line in furniture),
            },
            "footnotes": {
                "extracted": len(footnotes),
                "numbers": [note.number for note in footnotes],
                "lines_removed": len(footnote_lines),
                "characters_removed": sum(len(line) for line in footnote_lines),
                "hyphen_joins": footnote_hyphens["joins"],
            },
            "urls": {
                "removed": len(urls),
                "lines_removed": len(url_lines),
                "characters_removed": sum(len(url) for url in urls),
                "examples": _examples(urls),
            },
            "hyphenation": {
                "joins": hyphens["joins"],
                "kept_suspended": hyphens["kept_suspended"],
                "kept_hyphen": hyphens["kept_hyphen"],
            },
            "block_quotes": {
                "lines_rejoined": stats["block_quote_lines"],
                "quotes": stats["block_quotes"],
            },
            "paragraphs": {
                "headings": stats["headings"],
                "continuations_joined": stats["continuations_joined"],
                "joined_across_page_breaks": stats["joined_across_page_breaks"],
                "split_at_short_lines": stats["split_at_short_lines"],
                "empty_dropped": stats["empty_dropped"],
            },
            "footnote_refs": {
                "removed": len(refs),
                "numbers": refs,
                "characters_removed": sum(len(str(number)) for number in refs),
            },
        },
    }
    return CleanResult(paragraphs=paragraphs, footnotes=footnotes, record=record)
