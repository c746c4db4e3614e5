"""Split cleaned paragraphs into sentences and tokens, normalise them and flag stopwords.

The tokenizer is one Unicode regular expression (letters and digits of any script, so æøå
need no special case) that keeps word-internal hyphens, apostrophes and dots together:
"IT-løsninger", "1940-tallet", "St.meld", "bl.a". It runs at several million tokens per
second; lemmatization is the expensive step, so each distinct word form is lemmatized once
per language and mapped back (see :class:`Normaliser`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ordskifte.text.patterns import Pattern, find_matches, starting_words
from ordskifte.text.words import HAS_LETTER, LEMMA_LANGUAGES, TOKEN

if TYPE_CHECKING:
    import pandas as pd

# Abbreviations after which a full stop never ends a sentence (lowercase, no final dot):
# they are followed by what they abbreviate ("jf. St.meld. nr. 63", "bl.a. Mental Helse").
ABBREVIATIONS = frozenset(
    "bl.a f.eks st.meld meld st nr s kap jf jfr dvs mill mrd kr ca pkt "
    "tlf prop nou mht evt ev inkl ekskl iflg pga vs avd dr red hhv ref jan feb mar apr jun "
    "jul aug sep sept okt nov des".split()
)
# Abbreviations that may end a sentence: a full stop after them ends it only if the next
# word starts with a capital ("osv. Planen ...").
FINAL_ABBREVIATIONS = frozenset("osv mv m.m m.fl etc o.l al".split())
SENTENCE_END = re.compile(r"[.!?]+")
# Words with an apostrophe of these kinds go through simplemma's apostrophe handling first.
_APOSTROPHE = re.compile("['’ʼ]")

#: The token table, one row per token: its columns and their dtypes (the contract with every
#: stage that reads ``results/tokens/{doc}.parquet``).
TOKEN_DTYPES = {
    "paragraph": "int32",
    "sentence": "int32",
    "page": "Int32",
    "language": "string",
    "token": "string",
    "form": "string",
    "lemma": "string",
    "term": "string",
    "is_stopword": "bool",
    "concepts": "string",
    "targets": "string",
}
COLUMNS = tuple(TOKEN_DTYPES)


def tokenize_paragraph(text: str) -> list[list[str]]:
    """Split one paragraph into sentences of word tokens (original case, no punctuation).

    A run of ``.``, ``!`` or ``?`` ends a sentence unless it follows a known abbreviation
    (``ABBREVIATIONS``; ``FINAL_ABBREVIATIONS`` only before a lower-case word) or a single
    capital letter (an initial), or the next word starts in lower case.

    >>> tokenize_paragraph("Se St.meld. nr. 25 om IT-løsninger. Det gjaldt 1940-tallet!")
    [['Se', 'St.meld', 'nr', '25', 'om', 'IT-løsninger'], ['Det', 'gjaldt', '1940-tallet']]
    """
    return [[word for word, _ in sentence] for sentence in tokenize_spans(text)]


def tokenize_spans(text: str) -> list[list[tuple[str, int]]]:
    """Like :func:`tokenize_paragraph`, with each token's character offset in ``text``."""
    spans = [(m.group(), m.start()) for m in TOKEN.finditer(text)]
    _, lengths = _sentences([piece for piece, _ in spans])
    spans = [span for span in spans if span[0][0] not in _SENTENCE_MARKS]
    sentences, start = [], 0
    for length in lengths:
        sentences.append(spans[start : start + length])
        start += length
    return sentences


def read_stopwords(path: str | Path) -> frozenset[str]:
    """Read a stopword file: one word per line, ``#`` starts a comment line.

    A final dot is dropped ("bl.a." → "bl.a"), as the tokenizer never keeps one.
    """
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.lower().rstrip("."))
    return frozenset(words)


@dataclass
class Normaliser:
    """Map lowercase word forms to lemmas (simplemma), stems (Snowball) or themselves.

    Results are cached per ``(language, word)``: a corpus has far fewer distinct words than
    tokens, and simplemma's own cache is limited to 65,536 entries.

    Parameters
    ----------
    mode
        ``"lemma"``, ``"stem"`` or ``"none"``.
    variants
        Prefix map applied after normalisation (``{"sjølhjelp": "selvhjelp"}`` turns
        ``sjølhjelpsgruppe`` into ``selvhjelpsgruppe``); longest prefix wins.
    lexicons
        ``{language: path}`` of simplemma's tables unpacked by the ``lexicon`` rule
        (:mod:`ordskifte.text.lexicon`), quicker to load than simplemma's own; same lemmas.
    """

    mode: str = "lemma"
    variants: Mapping[str, str] = field(default_factory=dict)
    lexicons: Mapping[str, str] = field(default_factory=dict)
    _cache: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in ("lemma", "stem", "none"):
            raise ValueError(f"normalise must be 'lemma', 'stem' or 'none', not {self.mode!r}")
        self._variants = sorted(
            ((k.lower(), v.lower()) for k, v in self.variants.items()),
            key=lambda kv: len(kv[0]),
            reverse=True,
        )
        if self.mode == "lemma":
            from ordskifte.text.lexicon import lemmatizer

            self._lemmatize, self._lexicon = lemmatizer(self.lexicons)
        elif self.mode == "stem":
            from nltk.stem.snowball import SnowballStemmer

            self._stemmer = SnowballStemmer("norwegian")

    def __call__(self, word: str, language: str) -> str:
        key = (language, word)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._apply_variants(self._normalise(word, language))
        return hit

    def _normalise(self, word: str, language: str) -> str:
        if self.mode == "none" or not HAS_LETTER.search(word):
            return word
        if self.mode == "stem":
            return self._stemmer.stem(word)
        langs = LEMMA_LANGUAGES[::-1] if language == LEMMA_LANGUAGES[1] else LEMMA_LANGUAGES
        if (
            not word.isnumeric()
            and not _APOSTROPHE.search(word)
            and unicodedata.is_normalized("NFC", word)
        ):
            # What simplemma does first for such a word (no apostrophe, not a number):
            # look it up in its first language's table. Most words are there, and this
            # skips its lookup chain (about 5 µs a word).
            lemma = self._lexicon(langs[0]).get(word)
            if lemma is not None:
                return lemma.lower()
        return self._lemmatize(word, lang=langs).lower()

    def _apply_variants(self, word: str) -> str:
        for old, new in self._variants:
            if word.startswith(old):
                return new + word[len(old) :]
        return word


@dataclass(frozen=True)
class ParagraphIn:
    """A cleaned paragraph as the tokenizer gets it."""

    index: int
    text: str
    page: int | None
    language: str
    page_starts: tuple[tuple[int, int], ...] = ()
    """``(offset, page)`` pairs where the text continues on a new page (PDFs)."""
    pieces: Sequence[str] | None = field(default=None, compare=False, repr=False)
    """``TOKEN.findall(text)`` if already found (language identification found them)."""

    def page_of(self, offset: int) -> int | None:
        """The page of the character at ``offset`` (the paragraph's page if unknown)."""
        if not self.page_starts:
            return self.page
        i = bisect.bisect_right([o for o, _ in self.page_starts], offset) - 1
        return self.page_starts[max(i, 0)][1]


def tokenize_document(
    paragraphs: Iterable[ParagraphIn],
    *,
    normaliser: Normaliser,
    stopwords: Mapping[str, frozenset[str]],
    extra_stopwords: Iterable[str] = (),
    min_token_length: int = 2,
    concepts: Mapping[str, Sequence[Pattern]] | None = None,
    targets: Mapping[str, Sequence[Pattern]] | None = None,
) -> dict[str, list]:
    """Tokenize a document into a column table (dict of equal-length lists, see ``COLUMNS``).

    ``token`` is the lowercase surface form, ``form`` the original, ``lemma`` the normalised
    form after variants. ``is_stopword`` is true for words in the paragraph language's list
    (by surface form or lemma) or ``extra_stopwords``, tokens shorter than
    ``min_token_length`` and tokens without letters (numbers). ``concepts`` / ``targets``
    hold the ``|``-joined names of the concepts / targets whose match starts at the token.

    ``term`` is what frequency tables count: the lemma, except that a multi-word concept or
    target expression becomes one term on its first token, its lemmas joined by ``_``
    ("psykisk helsearbeid" → ``psykisk_helsearbeid``), and ``""`` on the tokens it consumed;
    the first token of an expression is never a stopword.

    The work per token is a regex scan and a few list operations in C: every word form is
    numbered once per language (``codes``), and lowercasing, lemmas, stopword flags and
    concept starts are computed once per numbered form and mapped back.
    """
    extra = frozenset(w.lower() for w in extra_stopwords)
    table: dict[str, list] = {c: [] for c in COLUMNS}
    codes: list[int] = []
    distinct: list[tuple[str, str]] = []  # (language, form) of each code
    numbering: dict[str, dict[str, int]] = {}  # language -> form -> code
    sentence_id = 0
    for para in paragraphs:
        language = para.language
        if len(para.page_starts) > 1:
            spans = [(m.group(), m.start()) for m in TOKEN.finditer(para.text)]
            pieces = [piece for piece, _ in spans]
        else:
            spans, pieces = None, TOKEN.findall(para.text)
        words, lengths = _sentences(pieces)
        if not words:
            continue
        n = len(words)
        if spans is not None:
            starts = [o for o, _ in para.page_starts]
            offsets = [o for piece, o in spans if piece[0] not in _SENTENCE_MARKS]
            table["page"] += [
                para.page_starts[max(bisect.bisect_right(starts, o) - 1, 0)][1] for o in offsets
            ]
        else:  # one page: page_of gives the same page for every offset
            table["page"] += [para.page_starts[0][1] if para.page_starts else para.page] * n
        for length in lengths:
            table["sentence"] += [sentence_id] * length
            sentence_id += 1
        table["paragraph"] += [para.index] * n
        table["language"] += [language] * n
        table["form"] += words
        number = numbering.setdefault(language, {})
        for form in set(words).difference(number):
            number[form] = len(distinct)
            distinct.append((language, form))
        codes += map(number.__getitem__, words)

    stop_lists = {lang: stopwords.get(lang, frozenset()) | extra for lang in numbering}
    tokens, lemmas, flags = [], [], []
    for language, form in distinct:
        token = form.lower()
        lemma = normaliser(token, language)
        tokens.append(token)
        lemmas.append(lemma)
        flags.append(
            token in stop_lists[language]
            or lemma in stop_lists[language]
            or len(token) < min_token_length
            or not HAS_LETTER.search(token)
        )
    table["token"] = list(map(tokens.__getitem__, codes))
    table["lemma"] = list(map(lemmas.__getitem__, codes))
    table["is_stopword"] = list(map(flags.__getitem__, codes))
    table["term"] = list(table["lemma"])
    code_array = np.asarray(codes, dtype=np.int64)
    table["concepts"] = _tag(table, concepts or {}, code_array, tokens, lemmas)
    table["targets"] = _tag(table, targets or {}, code_array, tokens, lemmas)
    return table


_SENTENCE_MARKS = frozenset(".!?")
_MARK_RUN = re.compile(r"[.!?]+")


def _mark_runs(text: str) -> set[str]:
    """The distinct runs of ``.!?`` in ``text`` (``set(_MARK_RUN.findall(text))``). Text
    without "!", "?" and ".." can only have the run "." (three substring searches instead
    of a regex scan)."""
    if "!" in text or "?" in text or ".." in text:
        return set(_MARK_RUN.findall(text))
    return {"."} if "." in text else set()


def _mark_positions(pieces: list[str], text: str) -> list[int]:
    """The positions of the punctuation pieces among ``pieces`` (``TOKEN.findall(text)``),
    found by C-level list searches rather than a test of every piece: a punctuation piece is
    a whole run of ``.!?`` in ``text`` (a dot inside a word is a run of one between letters,
    never a piece of its own), so the distinct runs (:data:`_MARK_RUN`) are what to look for,
    and no word piece equals one of them."""
    positions = []
    for mark in _mark_runs(text):
        k = -1
        try:
            while True:
                k = pieces.index(mark, k + 1)
                positions.append(k)
        except ValueError:
            pass
    positions.sort()
    return positions


def _sentences(pieces: list[str], text: str | None = None) -> tuple[list[str], list[int]]:
    """The words among a paragraph's ``TOKEN`` pieces and the length of each sentence: a
    run of ``.``, ``!`` or ``?`` ends a sentence unless it follows a known abbreviation
    (``ABBREVIATIONS``; ``FINAL_ABBREVIATIONS`` only before a lower-case word) or a single
    capital letter (an initial), or the next word starts in lower case. Decided only at the
    punctuation pieces, so the cost per word is two list operations. With ``text`` (the
    paragraph the pieces come from), the punctuation pieces are found by
    :func:`_mark_positions` and the words copied between them in slices."""
    if text is None:
        marks = [k for k, piece in enumerate(pieces) if piece[0] in _SENTENCE_MARKS]
    else:
        marks = _mark_positions(pieces, text)
    if not marks:
        return pieces, [len(pieces)] if pieces else []
    if text is None:
        words = [piece for piece in pieces if piece[0] not in _SENTENCE_MARKS]
    else:
        words, start = [], 0
        for k in marks:
            words += pieces[start:k]
            start = k + 1
        words += pieces[start:]
    lengths = []
    last = 0  # words before the current sentence
    for j, k in enumerate(marks):
        before = k - j  # words before this punctuation piece
        if before == last:
            continue  # nothing to end
        if pieces[k] == ".":
            prev = words[before - 1]
            nxt = pieces[k + 1] if k + 1 < len(pieces) else ""
            low = prev.lower()
            if low in ABBREVIATIONS:
                continue
            if low in FINAL_ABBREVIATIONS and not nxt[:1].isupper():
                continue
            if len(prev) == 1 and prev.isupper():
                continue  # initial: "O. E. Dørum"
            if nxt[:1].islower():
                continue
        lengths.append(before - last)
        last = before
    if len(words) > last:
        lengths.append(len(words) - last)
    return words, lengths


def _tag(
    table: dict[str, list],
    named: Mapping[str, Sequence[Pattern]],
    codes: np.ndarray,
    tokens: Sequence[str],
    lemmas: Sequence[str],
) -> list[str]:
    """Tag match starts with the pattern family's name; join multi-word matches in ``term``.

    ``codes`` numbers each token's distinct form, ``tokens`` and ``lemmas`` give each number's
    token and lemma: candidate starts are found per distinct form."""
    tags: dict[int, list[str]] = {}
    vocabulary = sorted(set(tokens) | set(lemmas))
    for name in sorted(named):
        hits = starting_words(named[name], vocabulary)
        starts = np.fromiter(
            (t in hits or lemma in hits for t, lemma in zip(tokens, lemmas, strict=True)),
            dtype=bool,
            count=len(tokens),
        )
        spans = find_matches(
            table["token"],
            table["lemma"],
            named[name],
            sentences=table["sentence"],
            candidates=np.flatnonzero(starts[codes]).tolist() if len(codes) else [],
        )
        for start, end in spans:
            tags.setdefault(start, []).append(name)
            if end - start > 1 and table["term"][start]:
                table["term"][start] = "_".join(table["lemma"][start:end])
                table["is_stopword"][start] = False
                for k in range(start + 1, end):
                    table["term"][k] = ""
    out = [""] * len(table["token"])
    for start, names in tags.items():
        out[start] = "|".join(names)
    return out


def tokens_frame(table: dict[str, list]) -> pd.DataFrame:
    """Column table from :func:`tokenize_document` as a typed DataFrame
    (a table without ``term`` gets the lemmas as terms)."""
    import pandas as pd

    if "term" not in table and "lemma" in table:
        table = {**table, "term": list(table["lemma"])}
    # Each column made in its dtype at once: through an object column and .astype, the
    # strings are converted twice (about 0.4 s more per million tokens); the same frame.
    rows = len(next(iter(table.values()), []))
    columns = {}
    for name, dtype in TOKEN_DTYPES.items():
        values = table.get(name, [None] * rows)  # a column left out is missing values
        if dtype in ("int32", "bool"):
            columns[name] = np.asarray(values, dtype=dtype)
        else:
            columns[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(columns)


class _ByCode(Sequence):
    """A per-token view (``values[codes[i]]``) of per-form values, read lazily: the
    pattern matcher looks at a few positions only."""

    __slots__ = ("_codes", "_values")

    def __init__(self, values: Sequence, codes: Sequence[int]) -> None:
        self._values, self._codes = values, codes

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._values[c] for c in self._codes[i]]
        return self._values[self._codes[i]]


@dataclass
class TokenCodes:
    """A document's token table held as codes: :func:`tokenize_document`'s table without a
    Python list per column (see :func:`token_codes`).

    Each token has a ``code`` numbering its distinct ``(language, form)``; ``forms``,
    ``tokens``, ``lemmas`` and ``stopword`` hold each code's form, lowercase token, lemma and
    stopword flag. ``terms`` numbers the distinct terms (``term_ids`` per token) and
    ``tags`` the distinct concept / target tag strings (``concept_ids``, ``target_ids`` per
    token, 0 for ``""``). The positional columns are NumPy arrays, one value per token;
    ``page_missing`` marks tokens of a paragraph without a page.
    """

    paragraph: np.ndarray
    sentence: np.ndarray
    page: np.ndarray
    page_missing: np.ndarray
    language_ids: np.ndarray
    languages: list[str]
    codes: np.ndarray
    forms: list[str]
    tokens: list[str]
    lemmas: list[str]
    is_stopword: np.ndarray
    """Per token, after multi-word expressions have unset it on their first token."""
    terms: list[str]
    term_ids: np.ndarray
    tags: list[str]
    concept_ids: np.ndarray
    target_ids: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)

    def emptied(self) -> TokenCodes:
        """The same table with no rows (a document too short to analyse)."""
        rows = ("paragraph", "sentence", "page", "page_missing", "language_ids", "codes")
        rows += ("is_stopword", "term_ids", "concept_ids", "target_ids")
        return replace(self, **{name: getattr(self, name)[:0] for name in rows})

    def word_tokens(self) -> int:
        """Tokens with at least one letter (:func:`ordskifte.text.counts.word_tokens`)."""
        if not len(self.codes):
            return 0
        is_word = np.fromiter(
            (bool(HAS_LETTER.search(t)) for t in self.tokens), dtype=bool, count=len(self.tokens)
        )
        return int(np.count_nonzero(is_word[self.codes]))

    def table(self) -> dict[str, list]:
        """The column lists :func:`tokenize_document` returns (slow; for tests)."""
        return {
            "paragraph": self.paragraph.tolist(),
            "sentence": self.sentence.tolist(),
            "page": [
                None if missing else page
                for page, missing in zip(
                    self.page.tolist(), self.page_missing.tolist(), strict=True
                )
            ],
            "language": [self.languages[i] for i in self.language_ids.tolist()],
            "token": [self.tokens[c] for c in self.codes.tolist()],
            "form": [self.forms[c] for c in self.codes.tolist()],
            "lemma": [self.lemmas[c] for c in self.codes.tolist()],
            "term": [self.terms[i] for i in self.term_ids.tolist()],
            "is_stopword": self.is_stopword.tolist(),
            "concepts": [self.tags[i] for i in self.concept_ids.tolist()],
            "targets": [self.tags[i] for i in self.target_ids.tolist()],
        }


def token_codes(
    paragraphs: Iterable[ParagraphIn],
    *,
    normaliser: Normaliser,
    stopwords: Mapping[str, frozenset[str]],
    extra_stopwords: Iterable[str] = (),
    min_token_length: int = 2,
    concepts: Mapping[str, Sequence[Pattern]] | None = None,
    targets: Mapping[str, Sequence[Pattern]] | None = None,
) -> TokenCodes:
    """:func:`tokenize_document` as codes (:class:`TokenCodes`): the same table, but no
    per-token Python list is built for the string columns. Each distinct form is numbered
    once; its token, lemma and stopword flag are computed once; the columns are taken from
    the per-form values by code (``pyarrow.compute.take`` in
    :func:`ordskifte.text.columns.token_table`). ``tests/unit/test_token_codes.py`` holds it
    to :func:`tokenize_document`."""
    extra = frozenset(w.lower() for w in extra_stopwords)
    codes: list[int] = []
    distinct: list[tuple[str, str]] = []  # (language, form) of each code
    numbering: dict[str, dict[str, int]] = {}  # language -> form -> code
    language_number: dict[str, int] = {}
    para_index, para_count, para_language = [], [], []
    page_chunks: list[np.ndarray] = []
    page_missing: list[bool] = []
    lengths_all: list[int] = []
    for para in paragraphs:
        language = para.language
        if len(para.page_starts) > 1:
            spans = [(m.group(), m.start()) for m in TOKEN.finditer(para.text)]
            pieces = [piece for piece, _ in spans]
        else:
            spans = None
            pieces = TOKEN.findall(para.text) if para.pieces is None else para.pieces
        words, lengths = _sentences(pieces, para.text)
        if not words:
            continue
        n = len(words)
        if spans is not None:
            starts = [o for o, _ in para.page_starts]
            offsets = [o for piece, o in spans if piece[0] not in _SENTENCE_MARKS]
            page_chunks.append(
                np.asarray(
                    [
                        para.page_starts[max(bisect.bisect_right(starts, o) - 1, 0)][1]
                        for o in offsets
                    ],
                    dtype=np.int64,
                )
            )
            page_missing.append(False)
        else:
            page = para.page_starts[0][1] if para.page_starts else para.page
            page_chunks.append(np.full(n, 0 if page is None else page, dtype=np.int64))
            page_missing.append(page is None)
        lengths_all += lengths
        para_index.append(para.index)
        para_count.append(n)
        para_language.append(language_number.setdefault(language, len(language_number)))
        number = numbering.setdefault(language, {})
        for form in set(words).difference(number):
            number[form] = len(distinct)
            distinct.append((language, form))
        codes += map(number.__getitem__, words)

    stop_lists = {lang: stopwords.get(lang, frozenset()) | extra for lang in numbering}
    forms, tokens, lemmas, flags = [], [], [], []
    for language, form in distinct:
        token = form.lower()
        lemma = normaliser(token, language)
        forms.append(form)
        tokens.append(token)
        lemmas.append(lemma)
        flags.append(
            token in stop_lists[language]
            or lemma in stop_lists[language]
            or len(token) < min_token_length
            or not HAS_LETTER.search(token)
        )
    counts = np.asarray(para_count, dtype=np.int64)
    code_array = np.asarray(codes, dtype=np.int64)
    # Terms: the lemmas, numbered as distinct strings; multi-word expressions add theirs.
    term_number: dict[str, int] = {}
    term_of_code = np.fromiter(
        (term_number.setdefault(lemma, len(term_number)) for lemma in lemmas),
        dtype=np.int64,
        count=len(lemmas),
    )
    terms = list(term_number)
    term_ids = term_of_code[code_array]
    is_stopword = np.asarray(flags, dtype=bool)[code_array]
    sentence = np.repeat(np.arange(len(lengths_all), dtype=np.int32), lengths_all)
    tags = [""]
    tag_number = {"": 0}
    tag_ids = []
    vocabulary = sorted(set(tokens) | set(lemmas)) if concepts or targets else []
    for named in (concepts or {}, targets or {}):
        tag_ids.append(
            _tag_codes(
                named,
                vocabulary=vocabulary,
                codes=codes,
                code_array=code_array,
                tokens=tokens,
                lemmas=lemmas,
                sentence=sentence,
                terms=terms,
                term_number=term_number,
                term_ids=term_ids,
                is_stopword=is_stopword,
                tags=tags,
                tag_number=tag_number,
            )
        )
    return TokenCodes(
        paragraph=np.repeat(np.asarray(para_index, dtype=np.int32), counts),
        sentence=sentence,
        page=(np.concatenate(page_chunks) if page_chunks else np.zeros(0, np.int64)),
        page_missing=np.repeat(np.asarray(page_missing, dtype=bool), counts),
        language_ids=np.repeat(np.asarray(para_language, dtype=np.int32), counts),
        languages=list(language_number),
        codes=code_array,
        forms=forms,
        tokens=tokens,
        lemmas=lemmas,
        is_stopword=is_stopword,
        terms=terms,
        term_ids=term_ids,
        tags=tags,
        concept_ids=tag_ids[0],
        target_ids=tag_ids[1],
    )


def _tag_codes(
    named: Mapping[str, Sequence[Pattern]],
    *,
    vocabulary: list[str],
    codes: list[int],
    code_array: np.ndarray,
    tokens: list[str],
    lemmas: list[str],
    sentence: np.ndarray,
    terms: list[str],
    term_number: dict[str, int],
    term_ids: np.ndarray,
    is_stopword: np.ndarray,
    tags: list[str],
    tag_number: dict[str, int],
) -> np.ndarray:
    """:func:`_tag` on codes (``vocabulary``: the tokens and lemmas, distinct and sorted):
    tag ids per token (into ``tags``, extended here); joins
    multi-word matches into ``term_ids`` (new terms appended to ``terms``) and unsets
    ``is_stopword`` on their first token, in place."""
    out = np.zeros(len(codes), dtype=np.int64)
    if not named or not codes:
        return out
    token_view, lemma_view = _ByCode(tokens, codes), _ByCode(lemmas, codes)
    found: dict[int, list[str]] = {}
    for name in sorted(named):
        hits = starting_words(named[name], vocabulary)
        starts = np.fromiter(
            (t in hits or lemma in hits for t, lemma in zip(tokens, lemmas, strict=True)),
            dtype=bool,
            count=len(tokens),
        )
        spans = find_matches(
            token_view,
            lemma_view,
            named[name],
            sentences=sentence,
            candidates=np.flatnonzero(starts[code_array]).tolist(),
        )
        for start, end in spans:
            found.setdefault(start, []).append(name)
            if end - start > 1 and terms[term_ids[start]]:
                joined = "_".join(lemma_view[start:end])
                term_ids[start] = term_number.setdefault(joined, len(term_number))
                if term_ids[start] == len(terms):
                    terms.append(joined)
                is_stopword[start] = False
                empty = term_number.setdefault("", len(term_number))
                if empty == len(terms):
                    terms.append("")
                term_ids[start + 1 : end] = empty
    for start, names in found.items():
        tag = "|".join(names)
        out[start] = tag_number.setdefault(tag, len(tag_number))
        if out[start] == len(tags):
            tags.append(tag)
    return out
