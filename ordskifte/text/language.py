"""Identify the language of a paragraph: Bokmål (nb), Nynorsk (nn) or English (en).

No statistical model can be downloaded here, and the three languages are told apart well by
their function words, which are frequent even in short paragraphs. Each language gets a list
of marker words that are common in it and rare or absent in the other two (e.g. nb "ikke",
"hva", "fra"; nn "ikkje", "kva", "frå"; en "the", "and", "of"). English words that are also
Norwegian words ("for", "at", "to", "be", "by") are not markers: they made the Norwegian
"Nasjonal plan for selvhjelp (2004) stadfester at ..." look English. The paragraph's language
is the one with the most marker hits; with too few hits the document's language is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain, repeat

MARKERS: dict[str, frozenset[str]] = {
    "nb": frozenset(
        "ikke hva hvordan hvorfor hvem hvor fra jeg noe noen mye også bare dette disse deres "
        "hun ble blir blitt være vært etter hadde skal kunne enn men hele mange av på som et en "
        "seg er har det den de til med om og i å".split()
    ),
    "nn": frozenset(
        "ikkje kva korleis kvifor kven kvar frå eg noko nokon mykje òg berre desse deira ho "
        "vart blir blitt vere vore etter hadde skal kunne enn men heile mange av på som eit "
        "ein seg er har det den dei til med om og i å".split()
    ),
    "en": frozenset(
        "the and of in is are was were been that this these those which who with from as on "
        "it its an not have has had their they we our can will would should than or but also "
        "self".split()
    ),
}
# Words whose presence decides between nb and nn (shared words above only separate them
# from English).
DISTINCTIVE: dict[str, frozenset[str]] = {
    "nb": frozenset(
        "ikke hva hvordan hvorfor hvem hvor fra jeg noe noen mye også bare hun ble være vært "
        "hele et en dette de".split()
    ),
    "nn": frozenset(
        "ikkje kva korleis kvifor kven kvar frå eg noko nokon mykje òg berre ho vart vere vore "
        "heile eit ein dette dei".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
MIN_HITS = 3
_ALL_MARKERS = frozenset().union(*MARKERS.values())
_LANGS = ("nb", "nn", "en")
#: The word lists whose hits :func:`_choose` weighs, in its order.
_LISTS = (*(MARKERS[lang] for lang in _LANGS), DISTINCTIVE["nb"], DISTINCTIVE["nn"])


def identify_language(text: str, *, default: str) -> str:
    """Return ``"nb"``, ``"nn"`` or ``"en"`` for a paragraph, or ``default`` if undecided.

    Norwegian vs English is decided by marker hits over the whole marker lists; Bokmål vs
    Nynorsk by the distinctive words only (``et``/``eit``, ``ikke``/``ikkje``, ...). Fewer than
    ``MIN_HITS`` marker words in total (very short paragraphs, headings) keep ``default``.

    >>> identify_language("Selvhjelp er ikke noe nytt, men det har blitt viktig.", default="nb")
    'nb'
    >>> identify_language("Sjølvhjelp er ikkje noko nytt, men det har vorte viktig.", default="nb")
    'nn'
    >>> identify_language("This chapter analyzes the politicisation of self-help.", default="nb")
    'en'
    """
    if "\u0130" in text:  # İ lowercases to two characters, the second not a letter
        counts = Counter(w.lower() for w in _WORD.findall(text))
    else:  # lowercase once, not word by word
        counts = Counter(_WORD.findall(text.lower()))
    return _decide(counts, default=default)


def _decide(counts: Mapping[str, int], *, default: str) -> str:
    """:func:`identify_language` from the paragraph's lowercased words and their counts
    (only the counts of marker words matter)."""
    return _choose(
        [_count(counts, MARKERS[lang]) for lang in _LANGS],
        [_count(counts, DISTINCTIVE[lang]) for lang in ("nb", "nn")],
        default=default,
    )


def _choose(hits: Sequence[int], distinctive: Sequence[int], *, default: str) -> str:
    """The language from the marker hits of nb, nn and en and the distinctive hits of nb
    and nn (see :func:`identify_language`)."""
    nb_hits, nn_hits, en_hits = hits
    norwegian = max(nb_hits, nn_hits)
    if max(norwegian, en_hits) < MIN_HITS:
        return default
    if en_hits > norwegian:
        return "en"
    nb, nn = distinctive
    if nn > nb:
        return "nn"
    if nb > nn:
        return "nb"
    return default if default in ("nb", "nn") else "nb"


def _count(counts: Mapping[str, int], words: frozenset[str]) -> int:
    """How many of the counted words are in ``words`` (a set intersection, in C)."""
    return sum(map(counts.__getitem__, counts.keys() & words))


def identify_languages(
    texts: Sequence[str], pieces: Sequence[Sequence[str]], *, default: str
) -> list[str]:
    """:func:`identify_language` of each of a document's paragraphs, from the pieces the
    tokenizer finds in them (``pieces[i]`` is ``TOKEN.findall(texts[i])``,
    :mod:`ordskifte.text.words`): the same answers, with one regex scan of the text instead
    of two, and the marker words counted for all paragraphs at once.

    The words :func:`identify_language` counts (runs of letters in the lowercased text)
    are the runs of letters of the lowercased pieces: every letter is inside a piece, a run
    never crosses from one piece to the next (a piece ends before a letter only where the
    token regex could not go on), and lowercasing maps each character to one character, a
    letter to a letter (İ excepted: such a paragraph goes through
    :func:`identify_language`; ``tests/unit/test_language.py`` checks the rest over all of
    Unicode). So each distinct piece's hits on the word lists are counted once, and each
    paragraph's hits are sums over its pieces.
    """
    import numpy as np

    if len(texts) != len(pieces):
        raise ValueError(f"{len(texts)} paragraphs but {len(pieces)} lists of pieces")
    flat = list(chain.from_iterable(pieces))
    paragraph = np.repeat(np.arange(len(pieces)), [len(p) for p in pieces])
    # Row 0: pieces without marker words; row k: the k-th piece with some.
    number: dict[str, int] = {}
    weights = [(0,) * len(_LISTS)]
    for piece in set(flat):
        words = [w for w in _WORD.findall(piece.lower()) if w in _ALL_MARKERS]
        if words:
            number[piece] = len(weights)
            weights.append(tuple(sum(w in words_ for w in words) for words_ in _LISTS))
    rows = np.fromiter(map(number.get, flat, repeat(0)), dtype=np.int64, count=len(flat))
    hits = np.flatnonzero(rows)  # the pieces with marker words
    table = np.asarray(weights, dtype=np.float64)[rows[hits]]
    sums = [
        np.bincount(paragraph[hits], weights=table[:, j], minlength=len(texts)).astype(np.int64)
        for j in range(len(_LISTS))
    ]
    per_paragraph = np.stack(sums, axis=1).tolist()
    languages = []
    for text, (nb, nn, en, nb_d, nn_d) in zip(texts, per_paragraph, strict=True):
        if "\u0130" in text:
            languages.append(identify_language(text, default=default))
        else:
            languages.append(_choose((nb, nn, en), (nb_d, nn_d), default=default))
    return languages
