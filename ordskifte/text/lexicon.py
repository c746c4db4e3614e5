"""simplemma's word tables, unpacked once per run instead of once per document.

simplemma ships each language's form → lemma table lzma-compressed and front-coded; turning
the Bokmål table back into a dictionary takes about 0.6 s of Python, in every process that
lemmatizes. The pipeline tokenizes each document in a job (a process) of its own, so that
cost came once per document. The ``lexicon`` rule unpacks each table once into a plain
two-column file (``results/lexicon/simplemma_{lang}.tsv``: form, tab, lemma; ~16 MB) and an
index of it (``simplemma_{lang}.index``, :func:`write_index`): a hash table of the lines'
offsets. The document jobs look words up through the index in the memory-mapped file
(:class:`LexiconTable`) instead of building a dictionary of 640,000 entries each (0.3-0.4 s
and some 150 MB per job, measured 2026-12-03); the operating system's page cache shares the
two files between all jobs. They lemmatize with simplemma over those tables: the same tables
and the same lemmatizer, so the same lemmas.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from zlib import crc32

from simplemma.strategies.dictionaries.dictionary_factory import (
    DEFAULT_DICTIONARY_FACTORY,
    DecodedStrMapping,
    DictionaryFactory,
    _load_dictionary_from_disk,
)

HEADER = b"form\tlemma\n"
INDEX_MAGIC = b"ordskifte lexicon index 1\n"
"""The first bytes of an index file (:func:`write_index`); a new layout gets a new number."""
# magic, padding, the table's bytes, its entries, the slots, the table's and the slots' CRC-32
_INDEX_HEADER = struct.Struct("<26s6xQQQII")
_LIMIT = 2**32
"""Tables this large or larger cannot be indexed: the slots hold 32-bit offsets."""


def write_lexicon(language: str, path: str | Path) -> int:
    """Write simplemma's shipped table for ``language`` to ``path`` as ``form<TAB>lemma``
    lines under a ``form<TAB>lemma`` header (UTF-8, in simplemma's order), and its index
    beside it (:func:`write_index`); return the number of entries. The bytes of both depend
    only on the simplemma version."""
    table = _load_dictionary_from_disk(language)
    for form, lemma in table.items():
        if b"\t" in form + lemma or b"\n" in form + lemma:
            raise ValueError(
                f"simplemma's {language} table has an entry with a tab or line break "
                f"({form!r} -> {lemma!r}): it cannot be written as {path}"
            )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lines = (form + b"\t" + lemma + b"\n" for form, lemma in table.items())
    _replace(path, HEADER + b"".join(lines))
    write_index(path)
    return len(table)


def _replace(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it: a job that
    has the old file mapped keeps reading the old file instead of a truncated one."""
    partial = Path(path).with_name(Path(path).name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def index_path(path: str | Path) -> Path:
    """Where the index of the table at ``path`` is: ``simplemma_nb.index`` beside ``.tsv``."""
    return Path(path).with_suffix(".index")


def write_index(path: str | Path) -> Path:
    """Write the index of the table at ``path`` (:func:`write_lexicon`) to :func:`index_path`.

    An open-addressing hash table: a header (:data:`INDEX_MAGIC`, the table's size in
    bytes, its entries, the slots, the CRC-32 of the table and of the slots), then a power
    of two of at least twice the entries of
    little-endian 32-bit slots, each 0 or the byte offset of a line in the table. A form
    goes to slot ``crc32(form) mod slots``, or the next free one after it (linear probing,
    in the table's line order, so the bytes depend only on the table). Look-ups find a
    form in about 1.5 probes (Knuth 1998, section 6.4, algorithm L).
    """
    data = Path(path).read_bytes()
    if len(data) >= _LIMIT:
        raise ValueError(
            f"{path} is {len(data):,} bytes, too large to index (32-bit offsets, at most "
            f"{_LIMIT - 1:,}): set `normalise: stem` in the config, or use a smaller table"
        )
    if not data.startswith(HEADER) or not data.endswith(b"\n"):
        raise ValueError(_not_a_lexicon(path))
    lines = data[len(HEADER) : -1].split(b"\n") if len(data) > len(HEADER) else []
    slots_count = 1 << max(4, (2 * len(lines)).bit_length())
    mask = slots_count - 1
    slots = array("I", bytes(4 * slots_count))
    forms = set()
    offset = len(HEADER)
    for line in lines:
        form, tab, _ = line.partition(b"\t")
        if not tab or form in forms:
            raise ValueError(_not_a_lexicon(path))
        forms.add(form)
        h = crc32(form) & mask
        while slots[h]:
            h = (h + 1) & mask
        slots[h] = offset
        offset += len(line) + 1
    if sys.byteorder != "little":
        slots.byteswap()
    out = index_path(path)
    body = slots.tobytes()
    header = _INDEX_HEADER.pack(
        INDEX_MAGIC, len(data), len(lines), slots_count, crc32(data), crc32(body)
    )
    _replace(out, header + body)
    return out


def read_lexicon(path: str | Path) -> dict[bytes, bytes]:
    """The table :func:`write_lexicon` wrote, as simplemma holds it (bytes to bytes)."""
    data = Path(path).read_bytes()
    cells = data[len(HEADER) :].replace(b"\t", b"\n").split(b"\n")
    if not data.startswith(HEADER) or cells[-1] != b"" or len(cells) % 2 != 1:
        raise ValueError(_not_a_lexicon(path))
    return dict(zip(cells[0:-1:2], cells[1::2], strict=True))


class LexiconTable(DecodedStrMapping):
    """A table :func:`write_lexicon` wrote, as simplemma's str → str mapping, looked up
    through its index (:func:`write_index`) in the memory-mapped file: opening it checks
    that the index is the one :func:`write_index` wrote for this table (sizes, CRC-32s: a
    few milliseconds), and a look-up touches a slot and a line. Gives what
    ``MappingStrToByteString(read_lexicon(path))`` gives for every key."""

    __slots__ = ("_data", "_entries", "_mask", "_slots")

    def __init__(self, path: str | Path) -> None:
        try:
            data = _map(path)
        except (OSError, ValueError) as error:  # missing, or empty (mmap refuses those)
            raise ValueError(_not_a_lexicon(path)) from error
        if data[: len(HEADER)] != HEADER:
            raise ValueError(_not_a_lexicon(path))
        try:
            index = _map(index_path(path))
        except (OSError, ValueError) as error:
            raise ValueError(_stale_index(path)) from error
        size = _INDEX_HEADER.size
        if len(index) < size:
            raise ValueError(_stale_index(path))
        magic, table_bytes, entries, slots_count, table_crc, slots_crc = _INDEX_HEADER.unpack_from(
            index
        )
        if (
            magic != INDEX_MAGIC
            or table_bytes != len(data)
            or len(index) != size + 4 * slots_count
            or crc32(data) != table_crc
            or crc32(memoryview(index)[size:]) != slots_crc
        ):
            raise ValueError(_stale_index(path))
        if sys.byteorder == "little":
            slots = memoryview(index)[size:].cast("I")
        else:
            slots = array("I", index[size:])
            slots.byteswap()
        self._data, self._slots, self._mask, self._entries = data, slots, slots_count - 1, entries

    def _lookup(self, key: str) -> str | None:
        form = key.encode()
        n = len(form)
        data, slots, mask = self._data, self._slots, self._mask
        h = crc32(form) & mask
        while offset := slots[h]:
            if data[offset : offset + n] == form and data[offset + n] == 9:  # 9: the tab
                # no form of the table holds a tab or line break: such a key matched lines
                if b"\t" in form or b"\n" in form:
                    return None
                return data[offset + n + 1 : data.find(b"\n", offset + n + 1)].decode()
            h = (h + 1) & mask
        return None

    def __iter__(self) -> Iterator[str]:
        body = self._data[len(HEADER) : -1]
        for line in body.split(b"\n") if body else ():
            yield line.partition(b"\t")[0].decode()

    def __len__(self) -> int:
        return self._entries


def _map(path: str | Path) -> mmap.mmap:
    with open(path, "rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _not_a_lexicon(path: str | Path) -> str:
    return (
        f"{path} is not a word table written by the lexicon rule (form<TAB>lemma lines, "
        f"indexed in {index_path(path).name} beside it): delete both and rerun"
    )


def _stale_index(path: str | Path) -> str:
    return (
        f"{index_path(path)} is missing or is not the index of {path} (the table changed "
        f"after it was written, or the file is damaged): delete both and rerun "
        "(snakemake --forcerun lexicon)"
    )


class _Tables(dict):
    """``{language: table}``, each table opened when first asked for (:class:`LexiconTable`);
    a language without a path gets simplemma's own table, not kept here."""

    def __init__(self, paths: Mapping[str, Path]) -> None:
        super().__init__()
        self._paths = paths

    def __missing__(self, lang: str) -> Mapping[str, str]:
        if lang not in self._paths:
            return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        table = self[lang] = LexiconTable(self._paths[lang])
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
