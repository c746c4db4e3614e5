"""simplemma's word tables, unpacked once per run instead of once per document.

simplemma ships each language's form → lemma table lzma-compressed and front-coded; turning
the Bokmål table back into a dictionary takes about 0.6 s of Python, in every process that
lemmatizes. The pipeline tokenizes each document in a job (a process) of its own, so that
cost came once per document. The ``lexicon`` rule unpacks each table once into a plain
two-column file (``results/lexicon/simplemma_{lang}.tsv``: form, tab, lemma; ~16 MB, read
back in ~0.25 s), and the tokenize jobs lemmatize with simplemma over those: the same tables
and the same lemmatizer, so the same lemmas.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import (
    DEFAULT_DICTIONARY_FACTORY,
    DictionaryFactory,
    MappingStrToByteString,
    _load_dictionary_from_disk,
)

HEADER = b"form\tlemma\n"


def write_lexicon(language: str, path: str | Path) -> int:
    """Write simplemma's shipped table for ``language`` to ``path`` as ``form<TAB>lemma``
    lines under a ``form<TAB>lemma`` header (UTF-8, in simplemma's order); return the number
    of entries. The bytes
    depend only on the simplemma version."""
    table = _load_dictionary_from_disk(language)
    for form, lemma in table.items():
        if b"\t" in form + lemma or b"\n" in form + lemma:
            raise ValueError(
                f"simplemma's {language} table has an entry with a tab or line break "
                f"({form!r} -> {lemma!r}): it cannot be written as {path}"
            )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lines = (form + b"\t" + lemma + b"\n" for form, lemma in table.items())
    Path(path).write_bytes(HEADER + b"".join(lines))
    return len(table)


def read_lexicon(path: str | Path) -> dict[bytes, bytes]:
    """The table :func:`write_lexicon` wrote, as simplemma holds it (bytes to bytes)."""
    data = Path(path).read_bytes()
    cells = data[len(HEADER) :].replace(b"\t", b"\n").split(b"\n")
    if not data.startswith(HEADER) or cells[-1] != b"" or len(cells) % 2 != 1:
        raise ValueError(_not_a_lexicon(path))
    return dict(zip(cells[0:-1:2], cells[1::2], strict=True))


def _not_a_lexicon(path: str | Path) -> str:
    return (
        f"{path} is not a word table written by the lexicon rule (form<TAB>lemma lines): "
        "delete it and rerun"
    )


class _Tables(dict):
    """``{language: table}``, each table read when first asked for (:func:`read_lexicon`);
    a language without a path gets simplemma's own table, not kept here."""

    def __init__(self, paths: Mapping[str, Path]) -> None:
        super().__init__()
        self._paths = paths

    def __missing__(self, lang: str) -> Mapping[str, str]:
        if lang not in self._paths:
            return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        # simplemma's own bytes-backed mapping. A plain str dictionary would spare an encode
        # and a decode per look-up, but building it takes longer (0.6-0.8 s a table against
        # 0.43 s, measured 2026-12-03) than the look-ups of a million-token document save.
        table = self[lang] = MappingStrToByteString(read_lexicon(self._paths[lang]))
        return table


class LexiconDictionaryFactory(DictionaryFactory):
    """A simplemma dictionary factory reading the tables :func:`write_lexicon` wrote
    (``{language: path}``); other languages come from simplemma's own files."""

    def __init__(self, paths: Mapping[str, str | Path]) -> None:
        self._tables = _Tables({lang: Path(p) for lang, p in paths.items()})
        # simplemma asks for the table at every look-up (some twenty per word it does not
        # find at once): answered by the dictionary's own __getitem__, in C.
        self.get_dictionary = self._tables.__getitem__

    def get_dictionary(self, lang: str) -> Mapping[str, str]:  # shadowed by the instance's
        return self._tables[lang]


def lemmatizer(paths: Mapping[str, str | Path] | None = None):
    """``(lemmatize, table)``: simplemma's ``lemmatize(token, lang=...)`` and its
    ``get_dictionary(lang)``, over the tables in ``paths`` (:func:`write_lexicon`) if given,
    otherwise over simplemma's own (what ``simplemma.lemmatize`` uses)."""
    import simplemma

    if not paths:
        return simplemma.lemmatize, DEFAULT_DICTIONARY_FACTORY.get_dictionary
    from simplemma.strategies import DefaultStrategy

    factory = LexiconDictionaryFactory(paths)
    # simplemma.lemmatize is this Lemmatizer over the default factory (greedy off).
    instance = simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(greedy=False, dictionary_factory=factory)
    )
    return instance.lemmatize, factory.get_dictionary
