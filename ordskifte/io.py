"""Reading and writing the pipeline's files deterministically.

Every TSV is tab-separated, UTF-8, with a header, ``\\n`` line ends and floats written with
a fixed precision, so a rerun on the same inputs gives byte-identical files.

pandas is imported inside the functions that need it: the extract and clean jobs only write
text and JSON, and each job is a new process that pays its imports (~0.4 s for pandas).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FLOAT_FORMAT = "%.6g"


def write_tsv(df: pd.DataFrame, path: str | Path, *, float_format: str = FLOAT_FORMAT) -> None:
    """Write ``df`` as a TSV (no index) with a fixed float format."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, sep="\t", index=False, lineterminator="\n", float_format=float_format)


def read_tsv(path: str | Path) -> pd.DataFrame:
    """Read a TSV written by :func:`write_tsv` (empty cells stay empty strings)."""
    import pandas as pd

    return pd.read_csv(path, sep="\t", keep_default_na=False)


def read_actor_table(path: str | Path) -> pd.DataFrame:
    """Read an actor table (:mod:`ordskifte.actors.steps`) with its name columns as strings,
    so an empty period stays "" and an actor called "NA" stays "NA"."""
    import pandas as pd

    text = ("doc_id", "period", "actor", "actor_a", "actor_b", "type", "match")
    df = pd.read_csv(path, sep="\t", keep_default_na=False, dtype={c: str for c in text})
    return df


def write_json(obj, path: str | Path) -> None:
    """Write JSON with sorted keys and a final newline."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(
        json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def read_json(path: str | Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    df.to_parquet(path, index=False, compression="zstd")


def read_parquet(path: str | Path, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a Parquet table, only ``columns`` if given (the others are not decoded)."""
    import pandas as pd

    return pd.read_parquet(path, columns=None if columns is None else list(columns))


def as_bool(values: pd.Series, *, what: str) -> pd.Series:
    """Booleans from a bool column or one read from TSV (``True``/``False``, ``1``/``0``)."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(values):
        return values.astype(bool)
    mapping = {"true": True, "false": False, "1": True, "0": False}
    text = values.astype(str).str.strip().str.lower()
    unknown = sorted(set(text) - set(mapping))
    if unknown:
        raise ValueError(f"{what} must be True or False, got {unknown[:5]}")
    return text.map(mapping).astype(bool)
