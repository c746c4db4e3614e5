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
    hits = {lang: _count(counts, markers) for lang, markers in MARKERS.items()}
    norwegian = max(hits["nb"], hits["nn"])
    if max(norwegian, hits["en"]) < MIN_HITS:
        return default
    if hits["en"] > norwegian:
        return "en"
    nb = _count(counts, DISTINCTIVE["nb"])
    nn = _count(counts, DISTINCTIVE["nn"])
    if nn > nb:
        return "nn"
    if nb > nn:
        return "nb"
    return default if default in ("nb", "nn") else "nb"


def _count(counts: Counter, words: frozenset[str]) -> int:
    """How many of the counted words are in ``words`` (a set intersection, in C)."""
    return sum(map(counts.__getitem__, counts.keys() & words))
