"""What every corpus-wide step reads: the documents table and the per-document counts.

Shared below the stages, so that no stage borrows another stage's steps to read its inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.io import read_parquet


def read_documents(path: str) -> pd.DataFrame:
    """Read ``results/corpus/documents.tsv`` as strings, indexed by doc_id."""
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    return df.set_index("doc_id", drop=False)


def combine_counts(per_document: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack per-document count tables into one with a leading ``doc_id`` column."""
    frames = [df.assign(doc_id=doc_id) for doc_id, df in sorted(per_document.items())]
    if not frames:
        return pd.DataFrame(columns=["doc_id", "kind", "term", "count"])
    out = pd.concat(frames, ignore_index=True)
    return out[["doc_id", "kind", "term", "count"]]


def load_counts(doc_ids: Sequence[str], paths: Sequence[str]) -> pd.DataFrame:
    return combine_counts({d: read_parquet(p) for d, p in zip(doc_ids, paths, strict=True)})


def period_labels(periods: Sequence[Mapping]) -> tuple[list[str], dict[str, str]]:
    """Period order and labels from the config's ``periods`` entries."""
    order = [p["name"] for p in periods]
    return order, {p["name"]: p.get("label") or p["name"] for p in periods}
