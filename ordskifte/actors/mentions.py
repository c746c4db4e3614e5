"""Find the actors a text names: organisations, agencies and bodies from a dictionary.

Each actor has a name, a type and aliases. An alias is matched on the token table (original
spelling ``form``, lowercase ``token`` and ``lemma``) word by word, within one sentence:

- a word in capitals (``NSF``, ``FFO``, ``NEKS``) is an abbreviation and matches only in
  capitals, also with a genitive ``s`` ("FFOs") or as the first part of a hyphenated
  compound ("NSF-styret");
- the first word of an alias written with a capital ("Mental Helse", "Angstringen") matches
  only a capitalised word: a proper name. "Mental Helse" is the organisation, "mental helse"
  the field; the later words match in any case, since sources write "Mental helse" too;
- every other comparison is case-insensitive and tolerant of Norwegian inflection: the word
  itself, its lemma, or the word plus one of the endings in :data:`INFLECTIONS`
  ("Helsedirektoratets", "Angstringens", "Studiesenteret");
- a word ending in ``*`` matches by prefix, which also takes compounds
  ("brukerorganisasjon*" matches "brukerorganisasjonene");
- alias words are split like the text ("Sosial- og helsedepartementet" is three words,
  "frivillig(hets)sentral*" matches "frivillig(hets)sentralene").

Matches never overlap: scanning left to right, the longest alias at a position wins, and
between aliases of equal length the actor listed first. Two matches of the same actor side
by side are one mention: "Nasjonalt egenkraftsenter (NEKS)" names the centre once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ordskifte.actors.types import ACTOR_TYPES
from ordskifte.tables.kwic import SPAN_COLUMNS, is_in, positions_near, values_at
from ordskifte.text.words import TOKEN

# Endings a name takes in running Norwegian text: genitive -s, definite -en/-et/-a, plural
# -er/-ene (Bokmål) and -ar/-ane (Nynorsk), adjectival -e, each also with the genitive -s.
INFLECTIONS = frozenset(
    ["", "s", "e", "es", "en", "ens", "et", "ets", "a", "as"]
    + ["er", "ers", "ene", "enes", "ar", "ars", "ane", "anes"]
)
_ABBREVIATION_SUFFIXES = ("s", "'s", "’s")

MENTION_COLUMNS = ["actor", "type", "paragraph", "sentence", "page", "start", "end", "match"]


@dataclass(frozen=True)
class Word:
    """One word of an alias."""

    text: str  # lowercase, or as written for an abbreviation
    prefix: bool = False
    capital: bool = False
    abbreviation: bool = False

    def matches(self, form: str, token: str, lemma: str) -> bool:
        if self.abbreviation:
            return (
                form == self.text
                or any(form == self.text + s for s in _ABBREVIATION_SUFFIXES)
                or form.startswith(self.text + "-")
            )
        if self.capital and not form[:1].isupper():
            return False
        w = self.text
        if self.prefix:
            return token.startswith(w) or lemma.startswith(w)
        return lemma == w or (token.startswith(w) and token[len(w) :] in INFLECTIONS)


Alias = tuple[Word, ...]


class FirstWords:
    """The alias words a text word can start, found by look-up instead of by testing every
    word: ``matching(form, token, lemma)`` equals ``{w for w in words if w.matches(form,
    token, lemma)}``. The keys a text word can match under :meth:`Word.matches` are few: its
    lemma and its token less an ending of :data:`INFLECTIONS` (whole words), its token's and
    lemma's prefixes of the lengths the ``*`` words have, and, if it starts with a capital,
    its form less a genitive ending or cut at a hyphen (abbreviations). Each candidate is
    then checked with :meth:`Word.matches`, and each distinct word is looked up once."""

    def __init__(self, words: Iterable[Word]) -> None:
        self.whole: dict[str, list[Word]] = {}
        self.prefix: dict[str, list[Word]] = {}
        self.abbreviation: dict[str, list[Word]] = {}
        for word in sorted(set(words), key=repr):
            if word.abbreviation:
                kind = self.abbreviation
            else:
                kind = self.prefix if word.prefix else self.whole
            kind.setdefault(word.text, []).append(word)
        self._prefix_lengths = sorted({len(text) for text in self.prefix})
        self._ending_lengths = sorted({len(end) for end in INFLECTIONS if end})
        self._memo: dict[tuple[str, str, str], frozenset[Word]] = {}

    def matching(self, form: str, token: str, lemma: str) -> frozenset[Word]:
        key = (form, token, lemma)
        hits = self._memo.get(key)
        if hits is None:
            hits = self._memo[key] = frozenset(
                word for word in self._candidates(form, token, lemma) if word.matches(*key)
            )
        return hits

    def _candidates(self, form: str, token: str, lemma: str) -> list[Word]:
        found: list[Word] = []
        if self.whole:
            found += self.whole.get(lemma, ())
            found += self.whole.get(token, ())
            for n in self._ending_lengths:
                if n < len(token) and token[-n:] in INFLECTIONS:
                    found += self.whole.get(token[:-n], ())
        for n in self._prefix_lengths:
            for text in (token, lemma):
                if n <= len(text):
                    found += self.prefix.get(text[:n], ())
        if self.abbreviation and form[:1].isupper():
            found += self.abbreviation.get(form, ())
            for end in _ABBREVIATION_SUFFIXES:
                if form.endswith(end):
                    found += self.abbreviation.get(form[: -len(end)], ())
            for k, char in enumerate(form):
                if char == "-":
                    found += self.abbreviation.get(form[:k], ())
        return found


@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    aliases: tuple[Alias, ...]


def compile_alias(alias: str) -> Alias:
    """Split an alias into words as the tokenizer splits text, and read each word's rules.

    >>> compile_alias("Mental Helse")
    (Word(text='mental', prefix=False, capital=True, abbreviation=False), \
Word(text='helse', prefix=False, capital=False, abbreviation=False))
    >>> compile_alias("NSF")
    (Word(text='NSF', prefix=False, capital=False, abbreviation=True),)
    """
    words: list[Word] = []
    for chunk in alias.split():
        prefix = chunk.endswith("*")
        pieces = TOKEN.findall(chunk.rstrip("*"))
        if not pieces or "*" in chunk.rstrip("*") or any(not p[0].isalnum() for p in pieces):
            raise ValueError(
                f"invalid alias {alias!r}: use words separated by spaces, each optionally "
                "ending in * for a prefix match (e.g. 'brukerorganisasjon*', 'Mental Helse')"
            )
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            abbreviation = len(piece) >= 2 and piece.isupper() and piece.isalpha()
            words.append(
                Word(
                    text=piece if abbreviation else piece.lower(),
                    prefix=prefix and last,
                    capital=not words and not abbreviation and piece[0].isupper(),
                    abbreviation=abbreviation,
                )
            )
    if not words:
        raise ValueError(f"invalid alias {alias!r}: it has no words")
    return tuple(words)


def parse_actors(entries: Sequence[Mapping]) -> list[Actor]:
    """Check and compile the config's ``actors`` list.

    Raises
    ------
    ValueError
        Naming the actor, if a name is empty or repeated, a type is not one of
        :data:`ACTOR_TYPES`, an actor has no aliases or an alias is malformed.
    """
    actors: list[Actor] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        name = str(entry.get("name", "")).strip()
        where = f"config `actors` entry {i + 1} ({name or 'no name'})"
        if not name:
            raise ValueError(f"{where}: give the actor a `name`")
        if name in seen:
            raise ValueError(f"{where}: the name {name!r} is used twice; merge the two entries")
        seen.add(name)
        kind = entry.get("type")
        if kind not in ACTOR_TYPES:
            raise ValueError(f"{where}: type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
        aliases = entry.get("aliases") or []
        if not aliases:
            raise ValueError(f"{where}: list at least one alias (the name as written in texts)")
        try:
            compiled = tuple(compile_alias(str(a)) for a in aliases)
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        actors.append(Actor(name=name, type=kind, aliases=compiled))
    return actors


MENTION_READ_COLUMNS = tuple(dict.fromkeys(("form", "token", "lemma", "sentence", *SPAN_COLUMNS)))
"""The token-table columns :func:`find_mentions` and the mentions' KWIC lines read."""


@functools.lru_cache(maxsize=4)
def _first_words(actors: tuple[Actor, ...]) -> FirstWords:
    """One :class:`FirstWords` per actor list, so that its look-ups carry over from one
    document to the next."""
    return FirstWords(alias[0] for actor in actors for alias in actor.aliases)


def find_mentions(tokens: pd.DataFrame, actors: Sequence[Actor]) -> pd.DataFrame:
    """Every actor mention in one document's token table.

    Returns
    -------
    DataFrame
        Columns :data:`MENTION_COLUMNS`, one row per mention in text order: ``start`` and
        ``end`` are token positions (end exclusive), ``match`` the words as written.
    """
    if not len(tokens) or not actors:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    entries = [
        (order, actor, alias)
        for order, actor in enumerate(actors)
        for alias in sorted(actor.aliases, key=len, reverse=True)
    ]
    firsts = _first_words(tuple(actors))
    # test each distinct word once for the alias starts, then visit only the tokens whose
    # form starts an alias somewhere, with only their next words taken out of Arrow
    starting = {}
    for triple in _distinct_words(tokens):
        hits = firsts.matching(*triple)
        if hits:
            starting[triple] = hits
    positions, (forms, toks, lemmas, sentences) = _windows(
        tokens,
        {form for form, _, _ in starting},
        length=max(len(alias) for _, _, alias in entries),
        columns=("form", "token", "lemma", "sentence"),
    )
    n = len(tokens)
    rows = []
    free = 0
    for i in positions:
        triple = (forms[i], toks[i], lemmas[i])
        if i < free or triple not in starting:
            continue
        best = None  # (length, -order, actor)
        for order, actor, alias in entries:
            end = i + len(alias)
            if alias[0] not in starting[triple] or end > n or sentences[end - 1] != sentences[i]:
                continue
            if all(
                w.matches(forms[i + k], toks[i + k], lemmas[i + k]) for k, w in enumerate(alias)
            ):
                key = (len(alias), -order)
                if best is None or key > best[0]:
                    best = (key, actor)
        if best is None:
            continue
        (length, _), actor = best
        free = i + length
        if rows and rows[-1]["actor"] == actor.name and rows[-1]["end"] == i:
            # "Funksjonshemmedes Fellesorganisasjon (FFO)": a name and its abbreviation
            # side by side are one mention
            rows[-1]["end"] = free
            rows[-1]["match"] = " ".join(forms[k] for k in range(rows[-1]["start"], free))
            continue
        page = tokens["page"].iloc[i]
        rows.append(
            {
                "actor": actor.name,
                "type": actor.type,
                "paragraph": int(tokens["paragraph"].iloc[i]),
                "sentence": int(sentences[i]),
                "page": "" if page is None or pd.isna(page) else str(int(page)),
                "start": i,
                "end": free,
                "match": " ".join(forms[k] for k in range(i, free)),
            }
        )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _distinct_words(tokens: pd.DataFrame) -> Iterable[tuple[str, str, str]]:
    """The distinct ``(form, token, lemma)`` triples of a token table (in no set order), as
    ``drop_duplicates`` would give them, found by Arrow's ``group_by``."""
    import pyarrow as pa

    names = ["form", "token", "lemma"]
    table = pa.table({c: pa.array(tokens[c], from_pandas=True) for c in names})
    distinct = table.group_by(names, use_threads=False).aggregate([])
    return zip(*(distinct[c].to_pylist() for c in names), strict=True)


def _windows(
    tokens: pd.DataFrame, forms: set[str], *, length: int, columns: Sequence[str]
) -> tuple[list[int], list[dict[int, object]]]:
    """The positions whose ``form`` is in ``forms`` (ascending), and for each of
    ``columns`` a ``{position: value}`` of those positions and the ``length - 1`` after each
    (what matching an alias of at most ``length`` words there reads)."""
    starts = np.flatnonzero(is_in(tokens["form"], forms)).tolist()
    near = positions_near(
        ((i, i + 1) for i in starts), before=0, after=max(length, 1) - 1, n=len(tokens)
    )
    return starts, values_at(tokens, near, columns)


def actor_types(actors: Iterable[Actor]) -> dict[str, str]:
    """Actor name -> type."""
    return {a.name: a.type for a in actors}


def mention_grid(
    mentions: pd.DataFrame, doc_tokens: pd.Series, docs: pd.DataFrame, actors: Sequence[Actor]
) -> pd.DataFrame:
    """One row per (analysed document, actor), zeros included, for rates and bootstraps.

    Parameters
    ----------
    mentions
        All mentions, with a ``doc_id`` column.
    doc_tokens
        doc_id -> word tokens; documents with 0 tokens are left out.
    docs
        ``results/corpus/documents.tsv`` indexed by doc_id (``period_used``, ``year``).

    Returns
    -------
    DataFrame with columns ``actor, type, doc_id, period, year, count, n_tokens``.
    """
    analysed = sorted(d for d, n in doc_tokens.items() if n > 0)
    counts = mentions.groupby(["actor", "doc_id"]).size() if len(mentions) else pd.Series()
    rows = [
        {
            "actor": a.name,
            "type": a.type,
            "doc_id": d,
            "period": docs.at[d, "period_used"],
            "year": docs.at[d, "year"],
            "count": int(counts.get((a.name, d), 0)),
            "n_tokens": int(doc_tokens[d]),
        }
        for a in actors
        for d in analysed
    ]
    columns = ["actor", "type", "doc_id", "period", "year", "count", "n_tokens"]
    return pd.DataFrame(rows, columns=columns).astype({"count": "int64", "n_tokens": "int64"})


def mention_rates(
    grid: pd.DataFrame,
    *,
    by: str,
    order: Sequence[str] | None = None,
    iterations: int,
    seed: int,
    confidence: float = 0.95,
) -> pd.DataFrame:
    r"""Mentions of each actor per ``by`` (``period`` or ``year``) with bootstrap intervals.

    ``per_10k`` is the pooled rate :math:`10^4 \sum_i x_i / \sum_i t_i` over the group's
    documents (mentions *x*, word tokens *t*), with a percentile bootstrap interval that
    resamples documents (:func:`ordskifte.tables.concepts.concept_rates`, which uses
    :func:`ordskifte.stats.rate_table`; Efron & Tibshirani 1993), as for the concepts.
    ``n_docs`` counts the documents that name the actor, ``group_docs`` all documents of the
    group. Documents with an empty ``by`` are left out.

    Returns
    -------
    DataFrame with columns ``actor, type, <by>, count, per_10k, n_docs, ci_low, ci_high,
    n_tokens, group_docs``; sorted by actor order in ``grid``, then ``by`` (years in time
    order, periods in ``order``, by default sorted).
    """
    from ordskifte.tables.concepts import concept_rates

    sel = grid[grid[by] != ""]
    columns = ["actor", "type", by, "count", "per_10k", "n_docs", "ci_low", "ci_high"]
    if sel.empty:
        return pd.DataFrame(columns=[*columns, "n_tokens", "group_docs"])
    rates = concept_rates(
        sel.rename(columns={"actor": "concept"}),
        by=by,
        order=order,
        iterations=iterations,
        seed=seed,
        confidence=confidence,
    ).rename(columns={"concept": "actor", "n_docs": "group_docs"})
    naming = sel[sel["count"] > 0].groupby(["actor", by]).size().rename("n_docs")
    if by == "year":  # concept_rates makes years numbers
        naming.index = naming.index.set_levels(naming.index.levels[1].astype(int), level=1)
    rates = rates.join(naming, on=["actor", by])
    rates["n_docs"] = rates["n_docs"].fillna(0).astype("int64")
    rates["type"] = rates["actor"].map(sel.groupby("actor")["type"].first())
    actor_rank = {a: i for i, a in enumerate(dict.fromkeys(grid["actor"]))}
    rates = rates.sort_values("actor", key=lambda s: s.map(actor_rank), kind="stable")
    return rates[[*columns, "n_tokens", "group_docs"]].reset_index(drop=True)


def type_shares(grid: pd.DataFrame, *, order: Sequence[str]) -> pd.DataFrame:
    """Share of each period's actor mentions by actor type.

    Returns
    -------
    DataFrame with columns ``period, type, count, share`` (share of the period's mentions,
    0 when a period names no actor), every type listed for every period in ``order``.
    """
    sel = grid[grid["period"] != ""]
    counts = sel.groupby(["period", "type"])["count"].sum()
    rows = []
    for period in order:
        total = int(sum(counts.get((period, t), 0) for t in ACTOR_TYPES))
        for kind in ACTOR_TYPES:
            n = int(counts.get((period, kind), 0))
            rows.append(
                {"period": period, "type": kind, "count": n, "share": n / total if total else 0.0}
            )
    return pd.DataFrame(rows, columns=["period", "type", "count", "share"])
