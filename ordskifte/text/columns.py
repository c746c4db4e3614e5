"""A document's token table and term counts as Arrow tables, written without pandas.

The document job (rule ``document``) builds its two Parquet files here: the token table from
:class:`ordskifte.text.tokenize.TokenCodes` (each string column taken from the per-form
values by code with ``pyarrow.compute.take``, in C, instead of a Python list per column
converted by pandas), the counts by ``numpy.bincount`` over the term numbers. The files are
the bytes pandas writes for :func:`ordskifte.text.tokenize.tokens_frame` and
:func:`ordskifte.text.counts.document_counts` (``DataFrame.to_parquet``: the same Arrow
schema, the same ``pandas`` schema metadata, so ``pandas.read_parquet`` gives back the same
dtypes); ``tests/unit/test_arrow_columns.py`` compares them byte for byte. Not importing
pandas saves the job about 0.6 s.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ordskifte.text.counts import KINDS
from ordskifte.text.tokenize import TOKEN_DTYPES, TokenCodes

# pandas' names of each column's type in its Parquet metadata (``pandas_type``,
# ``numpy_type``), as ``DataFrame.to_parquet`` writes them for these dtypes.
_PANDAS_TYPES = {
    "int32": ("int32", "int32"),
    "Int32": ("int32", "Int32"),
    "string": ("object", "string"),
    "bool": ("bool", "bool"),
    "str": ("object", "str"),
    "int64": ("int64", "int64"),
}
#: The counts table's columns and their pandas dtypes.
COUNT_DTYPES = {"kind": "str", "term": "str", "count": "int64"}


def token_table(codes: TokenCodes) -> pa.Table:
    """The token table (:data:`ordskifte.text.tokenize.TOKEN_DTYPES`) as Arrow."""
    import pyarrow.compute as pc

    def take(values: Sequence[str], indices: np.ndarray) -> pa.Array:
        return pc.take(large_strings(values), numbers(indices, pa.int64()))

    columns = [
        numbers(codes.paragraph, pa.int32()),
        numbers(codes.sentence, pa.int32()),
        numbers(codes.page, pa.int32(), missing=codes.page_missing),
        take(codes.languages, codes.language_ids),
        take(codes.tokens, codes.codes),
        take(codes.forms, codes.codes),
        take(codes.lemmas, codes.codes),
        take(codes.terms, codes.term_ids),
        booleans(codes.is_stopword),
        take(codes.tags, codes.concept_ids),
        take(codes.tags, codes.target_ids),
    ]
    return pa.Table.from_arrays(columns, schema=_schema(TOKEN_DTYPES))


# Arrays built from their buffers: pa.array() asks pyarrow's pandas shim whether its input
# is a pandas object, and that imports pandas (~0.6 s) in a job that has no other use for it.
def numbers(values: np.ndarray, type: pa.DataType, *, missing: np.ndarray | None = None):
    """An Arrow integer array of ``values`` (cast to ``type``), null where ``missing``."""
    data = np.ascontiguousarray(values, dtype=type.to_pandas_dtype())
    validity, nulls = None, 0
    if missing is not None and missing.any():
        validity = pa.py_buffer(np.packbits(~missing, bitorder="little"))
        nulls = int(np.count_nonzero(missing))
    return pa.Array.from_buffers(type, len(data), [validity, pa.py_buffer(data)], nulls)


def booleans(values: np.ndarray) -> pa.Array:
    """An Arrow boolean array (bit-packed) of a NumPy bool array."""
    bits = np.packbits(np.asarray(values, dtype=bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)], 0)


def large_strings(values: Sequence[str]) -> pa.Array:
    """An Arrow ``large_string`` array of ``values`` (UTF-8, no nulls)."""
    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(value) for value in encoded], out=offsets[1:])
    return pa.Array.from_buffers(
        pa.large_string(),
        len(encoded),
        [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))],
        0,
    )


def count_table(
    codes: TokenCodes, *, concept_names: Iterable[str], target_names: Iterable[str]
) -> pa.Table:
    """:func:`ordskifte.text.counts.document_counts` of the token table ``codes`` holds."""
    n = len(codes)
    content = ~codes.is_stopword
    rows: list[tuple[str, str, int]] = [
        ("total", "tokens", codes.word_tokens()),
        ("total", "content", int(np.count_nonzero(content)) if n else 0),
    ]
    for kind, ids, names in (
        ("concept", codes.concept_ids, concept_names),
        ("target", codes.target_ids, target_names),
    ):
        per_tag = np.bincount(ids, minlength=len(codes.tags)) if n else []
        found: Counter = Counter()
        for tag, count in zip(codes.tags, per_tag, strict=False):
            if tag and count:
                for name in tag.split("|"):
                    found[name] += int(count)
        rows += [(kind, name, found[name]) for name in sorted(names)]
    if n:
        empty = -1
        for i, term in enumerate(codes.terms):
            if term == "":
                empty = i
        counted = content & (codes.term_ids != empty)
        per_term = np.bincount(codes.term_ids[counted], minlength=len(codes.terms))
        rows += [
            ("term", codes.terms[i], int(per_term[i])) for i in np.flatnonzero(per_term).tolist()
        ]
    order = {kind: i for i, kind in enumerate(KINDS)}
    rows.sort(key=lambda row: (order[row[0]], -row[2], row[1]))
    columns = [
        large_strings([row[0] for row in rows]),
        large_strings([row[1] for row in rows]),
        numbers(np.asarray([row[2] for row in rows], dtype=np.int64), pa.int64()),
    ]
    return pa.Table.from_arrays(columns, schema=_schema(COUNT_DTYPES))


def write_table(table: pa.Table, path: str | Path) -> None:
    """Write ``table`` as :func:`ordskifte.io.write_parquet` writes a DataFrame (zstd)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")


def _schema(dtypes: dict[str, str]) -> pa.Schema:
    arrow = {
        "int32": pa.int32(),
        "Int32": pa.int32(),
        "string": pa.large_string(),
        "str": pa.large_string(),
        "bool": pa.bool_(),
        "int64": pa.int64(),
    }
    fields = [pa.field(name, arrow[dtype]) for name, dtype in dtypes.items()]
    return pa.schema(fields, metadata={b"pandas": _pandas_metadata(tuple(dtypes.items()))})


@cache
def _pandas_metadata(dtypes: tuple[tuple[str, str], ...]) -> bytes:
    """The ``pandas`` schema metadata ``DataFrame.to_parquet(index=False)`` writes for a
    frame of these columns and dtypes (pyarrow's ``pandas_compat.construct_metadata``), with
    the installed pandas' version read from its package metadata, not by importing it."""
    columns = [
        {
            "name": name,
            "field_name": name,
            "pandas_type": _PANDAS_TYPES[dtype][0],
            "numpy_type": _PANDAS_TYPES[dtype][1],
            "metadata": None,
        }
        for name, dtype in dtypes
    ]
    return json.dumps(
        {
            "index_columns": [],
            "column_indexes": [],
            "columns": columns,
            "attributes": {},
            "creator": {"library": "pyarrow", "version": pa.__version__},
            "pandas_version": metadata.version("pandas"),
        }
    ).encode("utf-8")
