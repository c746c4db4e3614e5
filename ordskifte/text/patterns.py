"""Match concept and target patterns on token sequences.

A pattern is one or more words separated by spaces; a word ending in ``*`` matches by prefix
(so ``folkehelse*`` also matches the compounds ``folkehelsearbeid``, ``folkehelsemeldingen``:
Norwegian writes compounds as one word, so prefix matching is how the concept families catch
them). A word matches a token if it matches the token's lowercase surface form or its
normalised form (lemma or stem), so ``psykisk helse*`` catches "psykiske helse" through the
lemma ``psykisk``.

A family is a list of patterns (prefix matching as above) or ``{"patterns": [...], "match":
mode}`` with mode

* ``prefix``: the same as the list form;
* ``exact``: whole words only, a ``*`` is ignored;
* ``compound``: the word itself, or a compound with the word as its modifier or head
  (:mod:`ordskifte.text.compounds`: ``selvhjelp`` matches *selvhjelpsgruppene* and
  *brukerselvhjelp* but not *selvhjelpsak* written without the linking *s*), which prefix
  matching cannot do for heads and overdoes for look-alike prefixes.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_ITEM = re.compile(r"^[^\s*]+\*?$")
MATCH_MODES = ("prefix", "compound", "exact")


@dataclass(frozen=True)
class Item:
    text: str
    prefix: bool
    mode: str = field(default="prefix", repr=False)
    splitter: Any = field(default=None, repr=False, compare=False)  # a Decompounder

    def matches(self, word: str) -> bool:
        if self.mode == "exact":
            return word == self.text
        if self.mode == "compound":
            from ordskifte.text.compounds import compound_role

            if word == self.text:
                return True
            return compound_role(word, self.text, self._splitter()) in ("modifier", "head")
        return word.startswith(self.text) if self.prefix else word == self.text

    def _splitter(self):
        if self.splitter is not None:
            return self.splitter
        from ordskifte.text.compounds import simplemma_decompounder

        return simplemma_decompounder()  # loaded once per process, when first needed


Pattern = tuple[Item, ...]


def compile_pattern(pattern: str) -> Pattern:
    """Parse ``"psykisk helse*"`` into items; raise ``ValueError`` on a malformed pattern, or
    one that can never match a token (:func:`why_unmatchable`).

    Patterns are lowercased and composed to Unicode NFC, as the text is.

    >>> compile_pattern("psykisk helse*")
    (Item(text='psykisk', prefix=False), Item(text='helse', prefix=True))
    """
    words = unicodedata.normalize("NFC", pattern.strip().lower()).split(" ")
    if not pattern.strip() or any(not _ITEM.match(w) for w in words):
        raise ValueError(
            f"invalid pattern {pattern!r}: use words separated by single spaces, each "
            "optionally ending in * for a prefix match (e.g. 'psykisk helse*')"
        )
    items = tuple(Item(w.rstrip("*"), w.endswith("*")) for w in words)
    _check_matchable(pattern, items)
    return items


# Characters that join the parts of one token ("IT-løsning", "St.meld", "o'", "o’").
_JOINERS = "-.'’"


def _is_token_start(text: str) -> bool:
    """Whether ``text`` is a token or the beginning of one, by the tokenizer's own regex
    (:data:`ordskifte.text.words.TOKEN`, with ``re``'s idea of a letter or digit): a
    beginning of a token is a whole token, or a whole token and a joiner that a letter
    would continue."""
    from ordskifte.text.words import TOKEN

    if not text or TOKEN.fullmatch(text):
        return True
    return text[-1] in _JOINERS and TOKEN.fullmatch(text + "a") is not None


def why_unmatchable(word: str, *, whole: bool) -> str | None:
    """Why no token can match ``word``, or None if one can.

    A word of a pattern is compared with whole tokens (``whole``: an exact word, or the word
    of a compound match) or with their beginnings (a prefix, ``word*``), so it can only match
    if it is a token, or the beginning of one, by the tokenizer's own regex
    (:data:`ordskifte.text.words.TOKEN`: runs of letters and digits joined by ``-``, ``.``,
    ``'`` or ``’``, or a run of ``.!?``). Punctuation such as ``(`` or ``+`` splits the text
    into several tokens, so a word holding it never matches.

    The check and the tokenizer share one regex, so they agree on every character: "co₂-kvote"
    is one token to both (``re`` counts the subscript two as a digit).

    >>> why_unmatchable("(helse", whole=False)
    "no token starts with '('"
    >>> why_unmatchable("it-", whole=True)
    "no token ends with '-': write 'it-*' to match words that begin with it"
    >>> why_unmatchable("it-", whole=False) is None
    True
    """
    from ordskifte.text.words import TOKEN

    if TOKEN.fullmatch(word) or (not whole and _is_token_start(word)):
        return None
    for end in range(1, len(word) + 1):
        if not _is_token_start(word[:end]):
            char = word[end - 1]
            if end == 1:
                return f"no token starts with {char!r}"
            return f"no token has {char!r} after {word[: end - 1]!r}"
    return (
        f"no token ends with {word[-1]!r}: write {word + '*'!r} to match words that begin with it"
    )


def _check_matchable(pattern: str, items: Sequence[Item], mode: str = "prefix") -> None:
    """Raise ``ValueError`` naming the pattern and why if a word of it can never match."""
    for item in items:
        whole = mode != "prefix" or not item.prefix
        why = why_unmatchable(item.text, whole=whole)
        if why:
            raise ValueError(
                f"pattern {pattern!r} can never match: in {item.text!r}, {why} (a token is "
                "letters and digits, joined inside a word by - . ' or ’; other punctuation "
                "splits the text into separate tokens)"
            )


def family(spec: Iterable[str] | Mapping[str, Any]) -> tuple[list[str], str]:
    """The patterns and match mode of a family: a list (prefix matching) or ``{"patterns":
    [...], "match": mode}``; raise ``ValueError`` on anything else."""
    if isinstance(spec, Mapping):
        unknown = sorted(set(spec) - {"patterns", "match"})
        mode = spec.get("match", "prefix")
        if unknown or "patterns" not in spec or mode not in MATCH_MODES:
            raise ValueError(
                f"invalid family {dict(spec)!r}: give a list of patterns, or "
                f"{{patterns: [...], match: {' | '.join(MATCH_MODES)}}}"
            )
        return list(spec["patterns"]), mode
    if isinstance(spec, str):
        raise ValueError(f"invalid family {spec!r}: give a list of patterns, e.g. [{spec!r}]")
    return list(spec), "prefix"


def compile_patterns(
    named: Mapping[str, Iterable[str] | Mapping[str, Any]], *, splitter: Any = None
) -> dict[str, list[Pattern]]:
    """Compile ``{name: family}`` (see :func:`family`); longest patterns first so they win at
    a position. A pattern that can never match a token raises ``ValueError`` (in ``exact``
    and ``compound`` families every word is compared whole, a ``*`` notwithstanding).
    ``compound`` families use ``splitter`` (a :class:`ordskifte.text.compounds.Decompounder`;
    by default simplemma's, loaded when a word is first matched, so compiling stays cheap)."""
    out = {}
    for name, spec in named.items():
        patterns, mode = family(spec)
        compiled = []
        for pattern in patterns:
            items = compile_pattern(pattern)
            _check_matchable(pattern, items, mode)
            compiled.append(
                tuple(
                    Item(i.text, i.prefix, mode, splitter if mode == "compound" else None)
                    for i in items
                )
            )
        out[name] = sorted(compiled, key=len, reverse=True)
    return out


def starting_words(patterns: Sequence[Pattern], vocabulary: Sequence[str]) -> set[str]:
    """The words of ``vocabulary`` (distinct and sorted) that can start one of ``patterns``
    (match its first item).

    Prefix and exact items are looked up by bisection (a prefix's words are one run of the
    sorted words), so the cost hardly grows with the vocabulary; only ``compound`` items
    test word by word.

    >>> sorted(starting_words([compile_pattern("helse*")], ["helsa", "helse", "helsefag"]))
    ['helse', 'helsefag']
    """
    hits: set[str] = set()
    for item in {p[0] for p in patterns}:
        if item.mode == "compound":
            hits.update(w for w in vocabulary if item.matches(w))
            continue
        i = bisect.bisect_left(vocabulary, item.text)
        if item.mode == "exact" or not item.prefix:
            if i < len(vocabulary) and vocabulary[i] == item.text:
                hits.add(item.text)
            continue
        while i < len(vocabulary) and vocabulary[i].startswith(item.text):
            hits.add(vocabulary[i])
            i += 1
    return hits


def find_matches(
    tokens: Sequence[str],
    lemmas: Sequence[str],
    patterns: Sequence[Pattern],
    *,
    sentences: Sequence[int] | None = None,
    candidates: Iterable[int] | None = None,
) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans (end exclusive) where any pattern matches.

    Scans left to right; at each position the longest matching pattern wins. A multi-word
    match never crosses a sentence boundary when ``sentences`` is given. Candidate starts
    are found by testing each distinct word once (:func:`starting_words`), so the cost is
    linear in the tokens; a caller that knows them already (the tokenizer, which works on
    distinct words) passes them, ascending, as ``candidates``.

    >>> find_matches(["den", "psykiske", "helse"], ["den", "psykisk", "helse"],
    ...              [compile_pattern("psykisk helse*")])
    [(1, 3)]
    """
    if not patterns or not tokens:
        return []
    patterns = sorted(patterns, key=len, reverse=True)  # stable: equal lengths keep their order
    if candidates is None:
        starters = starting_words(patterns, sorted(set(tokens) | set(lemmas)))
        candidates = [
            i
            for i, (token, lemma) in enumerate(zip(tokens, lemmas, strict=True))
            if token in starters or lemma in starters
        ]
    spans = []
    free = 0  # first position not inside an earlier match
    for i in candidates:
        if i < free:
            continue
        end = _match_at(i, tokens, lemmas, patterns, sentences)
        if end:
            spans.append((i, end))
            free = end
    return spans


def _match_at(i, tokens, lemmas, patterns, sentences) -> int:
    n = len(tokens)
    for pattern in patterns:
        end = i + len(pattern)
        if end > n:
            continue
        if sentences is not None and sentences[i] != sentences[end - 1]:
            continue
        if all(
            item.matches(tokens[i + k]) or item.matches(lemmas[i + k])
            for k, item in enumerate(pattern)
        ):
            return end
    return 0
