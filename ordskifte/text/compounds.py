"""Split Norwegian compounds into modifier and head with simplemma's word lists.

Norwegian writes compounds as one word, and the concepts live in them
("selvhjelpsgruppene", "folkehelsearbeidet", "frivillighetssentralene"). A word is split
once, at the longest modifier that works: ``modifier + [link] + head`` where

* the modifier is a lemma of the lexicon (a base form: "menn" + "eske" is not a split,
  because "menn" is an inflected form),
* the linking morpheme is nothing, ``s`` or ``e`` (selvhjelp-s-gruppe, folk-e-helse),
* the head is any word form of the lexicon, reported as its lemma (grupper → gruppe),
* the modifier has at least ``min_part`` letters and the head at least ``min_part``, or
  ``min_head`` after a linking morpheme (defaults 4 and 3: "selvhjelp-s-sak" splits, but an
  inflectional ending such as "-ene" never becomes a head); a head of ``min_part`` letters
  is preferred to a short one ("hjemme + side", not "hjemme-s-ide").

A word form the lexicon knows is first replaced by its lemma, so the inflected
"frivillighetssentralene" is split as "frivillighetssentral".

The lexicon is simplemma's own form → lemma table for Bokmål and Nynorsk, shipped inside
the package, so nothing is downloaded. The split is dictionary-based and greedy, as the
longest-match decompounders of Koehn & Knight (2003, section 3) without their frequency
scores: it splits known compounds well and leaves unknown parts alone, and it also splits
lexicalised compounds ("selvhjelp" → selv + hjelp), which is what matching by head or
modifier needs.

References
----------
Koehn, P., & Knight, K. (2003). Empirical methods for compound splitting. *Proceedings of
EACL 2003*, 187-193.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

LINKS = ("s", "e", "")  # a linking morpheme first: definisjon-s-makt, not definisjon + smakt


@dataclass(frozen=True)
class Split:
    """``modifier + link + head`` (``head`` as its lemma)."""

    modifier: str
    link: str
    head: str


@dataclass(frozen=True)
class Decompounder:
    """Greedy dictionary decompounder over form → lemma tables.

    Parameters
    ----------
    tables : tuple of mappings of str to str
        Lowercase word form -> lemma, looked up in order (e.g. Bokmål, then Nynorsk).
    lemmas : frozenset of str
        The lemmas of the tables (what a modifier must be).
    min_part, min_head : int
        Fewest letters of a modifier and of a head.
    """

    tables: tuple[Mapping[str, str], ...]
    lemmas: frozenset[str]
    min_part: int = 4
    min_head: int = 3

    @classmethod
    def from_table(
        cls, forms: Mapping[str, str], *, min_part: int = 4, min_head: int = 3
    ) -> Decompounder:
        """A decompounder over one form → lemma table (lemmas are its values)."""
        return cls(
            tables=(dict(forms),),
            lemmas=frozenset(forms.values()),
            min_part=min_part,
            min_head=min_head,
        )

    def lemma(self, form: str) -> str | None:
        """The lemma of a known word form, else None."""
        for table in self.tables:
            lemma = table.get(form)
            if lemma is not None:
                return lemma.lower()
        return None

    def split(self, word: str) -> Split | None:
        """The split of ``word`` with the longest modifier, or None if it does not split.

        >>> d = Decompounder.from_table({"gruppe": "gruppe", "grupper": "gruppe",
        ...                              "selvhjelp": "selvhjelp"})
        >>> d.split("selvhjelpsgrupper")
        Split(modifier='selvhjelp', link='s', head='gruppe')
        >>> d.split("gruppe") is None
        True
        """
        word = word.lower()
        word = self.lemma(word) or word
        for end in range(len(word) - self.min_head, self.min_part - 1, -1):
            modifier = word[:end]
            if modifier not in self.lemmas:
                continue
            rest = word[end:]
            # A head of min_part letters first (with a link before without: definisjon-s-makt,
            # not definisjon + smakt), then a short head after a link (selvhjelp-s-sak):
            # hjemme + side, not hjemme-s-ide.
            for link, shortest in self._options:
                head = rest[len(link) :]
                if rest.startswith(link) and len(head) >= shortest:
                    lemma = self.lemma(head)
                    if lemma is not None:
                        return Split(modifier, link, lemma)
        return None

    @property
    def _options(self) -> list[tuple[str, int]]:
        long = [(link, self.min_part) for link in LINKS]
        return long + [(link, self.min_head) for link in LINKS if link]

    def parts(self, word: str) -> tuple[str, ...]:
        """``(modifier, head)`` of a compound, or ``(word,)``."""
        s = self.split(word)
        return (s.modifier, s.head) if s else (word.lower(),)


@lru_cache(maxsize=4)
def simplemma_decompounder(languages: tuple[str, ...] = ("nb", "nn")) -> Decompounder:
    """A :class:`Decompounder` over simplemma's lexicons of ``languages``, as shipped in the
    package (a few seconds to load; loaded once per process)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    tables = tuple(factory.get_dictionary(lang) for lang in languages)
    lemmas: set[str] = set()
    for table in tables:
        lemmas.update(v.lower() for v in set(table.values()))
    return Decompounder(tables=tables, lemmas=frozenset(lemmas))


def compound_role(word: str, pattern: str, decompounder: Decompounder) -> str:
    """How ``word`` contains ``pattern`` (a lemma without ``*``): ``exact`` (the word
    itself), ``modifier`` or ``head`` of its compound split, ``prefix`` (it only starts with
    it), or ``""``.

    >>> d = Decompounder.from_table({"arbeid": "arbeid", "folkehelse": "folkehelse"})
    >>> compound_role("folkehelsearbeid", "arbeid", d)
    'head'
    """
    word, pattern = word.lower(), pattern.lower()
    if word == pattern:
        return "exact"
    split = decompounder.split(word)
    if split and split.head == pattern:
        return "head"
    # the modifier may itself be a compound: selvhjelp in (selvhjelpsgruppe)arbeid
    modifier = split.modifier if split else ""
    while modifier:
        if modifier == pattern:
            return "modifier"
        inner = decompounder.split(modifier)
        modifier = inner.modifier if inner and inner.head != pattern else ""
        if inner and inner.head == pattern:
            return "modifier"
    return "prefix" if word.startswith(pattern) else ""
