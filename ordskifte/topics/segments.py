"""Cut documents into topic-model units (segments) at paragraph and sentence boundaries.

A topic model needs units of comparable length: whole documents range from a one-paragraph
speech to a 300-page white paper, and single paragraphs are often a heading or one line.
:func:`make_segments` merges consecutive paragraphs of one document until a segment holds at
least ``target_tokens`` terms, and splits only a paragraph longer than twice the target, at
sentence boundaries. The terms are the lemmas of the tokens that are not stopwords; they are
stored joined by single spaces, so :func:`segment_terms` gives the lists back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

SEGMENT_COLUMNS = (
    "segment_id",
    "doc_id",
    "period",
    "year",
    "page_first",
    "page_last",
    "paragraph_first",
    "paragraph_last",
    "n_terms",
    "terms",
)
SEGMENT_DTYPES = {
    "segment_id": "str",
    "doc_id": "str",
    "period": "str",
    "year": "str",
    "page_first": "Int32",
    "page_last": "Int32",
    "paragraph_first": "int32",
    "paragraph_last": "int32",
    "n_terms": "int64",
    "terms": "str",
}
_NEEDED = ("paragraph", "sentence", "page", "lemma", "is_stopword")
_WHITESPACE = re.compile(r"\s+")


def _empty_segments() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in SEGMENT_DTYPES.items()})


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    """``[start, stop)`` ranges of length ``size`` covering ``range(n)``."""
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def _blocks(content: pd.DataFrame, target: int) -> list[tuple[int, int]]:
    """Row ranges ``[start, stop)`` of ``content`` that may not be cut further.

    A block is a whole paragraph, or, inside a paragraph with more than ``2 * target`` terms,
    one sentence; a sentence with more than ``2 * target`` terms is cut into runs of
    ``target`` terms (the last run may be shorter: :func:`_pack` merges it).
    """
    blocks: list[tuple[int, int]] = []
    para = content["paragraph"].to_numpy()
    sent = content["sentence"].to_numpy()
    n = len(content)
    start = 0
    for stop in range(1, n + 1):
        if stop < n and para[stop] == para[start]:
            continue
        if stop - start <= 2 * target:
            blocks.append((start, stop))
        else:
            s0 = start
            for s1 in range(start + 1, stop + 1):
                if s1 < stop and sent[s1] == sent[s0]:
                    continue
                if s1 - s0 <= 2 * target:
                    blocks.append((s0, s1))
                else:
                    blocks.extend((s0 + a, s0 + b) for a, b in _chunks(s1 - s0, target))
                s0 = s1
        start = stop
    return blocks


def _pack(blocks: list[tuple[int, int]], target: int) -> list[tuple[int, int]]:
    """Greedily join consecutive blocks until each group has ``>= target`` terms.

    A final group with fewer than ``target / 2`` terms joins the group before it (if any); a
    final group with at least ``target / 2`` (but fewer than ``target``) terms stays on its own.
    """
    groups: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, stop in blocks:
        current = (start, stop) if current is None else (current[0], stop)
        if current[1] - current[0] >= target:
            groups.append(current)
            current = None
    if current is not None:
        if groups and (current[1] - current[0]) < target / 2:
            groups[-1] = (groups[-1][0], current[1])
        else:
            groups.append(current)
    return groups


def make_segments(
    tokens: pd.DataFrame,
    *,
    doc_id: str,
    period: str,
    year: str,
    target_tokens: int = 150,
) -> pd.DataFrame:
    """Cut one document's token table into segments of about ``target_tokens`` terms.

    Terms are the ``lemma`` of the tokens with ``is_stopword == False`` (missing or empty
    lemmas are skipped; whitespace inside a lemma becomes ``_`` so that ``terms`` can be split
    on spaces). Tokens are taken in ``(paragraph, sentence)`` order (stable, so the original
    order within a sentence is kept). The rules, applied in order:

    1. A paragraph with more than ``2 * target_tokens`` terms is split at its sentence
       boundaries (a single sentence longer than that is cut into runs of ``target_tokens``
       terms); every other paragraph is kept whole. Paragraphs without terms are skipped.
    2. These pieces are joined greedily, in document order, until a segment has
       ``>= target_tokens`` terms; the next segment starts with the next piece.
    3. A trailing remainder with fewer than ``target_tokens / 2`` terms is merged into the
       segment before it; a remainder of at least half the target is its own segment. A
       document with fewer than ``target_tokens`` terms gives one segment; a document without
       terms gives none.

    Parameters
    ----------
    tokens : DataFrame
        The document's token table (``results/tokens/{doc}.parquet``); needs the columns
        ``paragraph, sentence, page, lemma, is_stopword``.
    doc_id, period, year : str
        Copied into every row; ``year`` may be empty.
    target_tokens : int, default 150
        Minimum number of terms per segment (except a short document's only segment or a
        remainder of at least half the target).

    Returns
    -------
    DataFrame
        Columns ``segment_id, doc_id, period, year, page_first, page_last, paragraph_first,
        paragraph_last, n_terms, terms``; ``segment_id`` is ``f"{doc_id}:{i:04d}"`` with ``i``
        counting from 0; pages (``Int32``, missing when the tokens have no page) are the first
        and last page of the segment's terms; ``terms`` is the terms joined by single spaces.

    Raises
    ------
    ValueError
        If a column is missing or ``target_tokens`` is not a positive integer.
    """
    if isinstance(target_tokens, bool) or not isinstance(target_tokens, int) or target_tokens < 1:
        raise ValueError(f"target_tokens must be a positive integer, got {target_tokens!r}")
    missing = [c for c in _NEEDED if c not in tokens.columns]
    if missing:
        raise ValueError(f"make_segments: token table lacks column(s) {missing}")

    # ``term`` joins multi-word concept expressions ("psykisk_helsearbeid"); older token
    # tables without it fall back to the lemma.
    lemma = tokens["term" if "term" in tokens.columns else "lemma"].astype("string")
    # each distinct term stripped and its inner whitespace made "_" once, not once per token
    codes, distinct = pd.factorize(lemma)  # a missing term gets code -1
    cleaned = [_WHITESPACE.sub("_", term.strip()) for term in distinct.tolist()]
    usable = np.asarray([term != "" for term in cleaned] + [False], dtype=bool)
    keep = ~tokens["is_stopword"].astype(bool).to_numpy() & usable[codes]
    content = tokens.loc[keep, ["paragraph", "sentence", "page"]].copy()
    content["term"] = np.asarray(cleaned, dtype=object)[codes[keep]]
    content = content.sort_values(["paragraph", "sentence"], kind="mergesort").reset_index(
        drop=True
    )
    if content.empty:
        return _empty_segments()

    groups = _pack(_blocks(content, target_tokens), target_tokens)
    terms = content["term"].tolist()
    paragraphs = content["paragraph"].to_numpy()
    pages = content["page"].astype("Int32").to_numpy(dtype="float64", na_value=np.nan)
    rows = []
    for i, (start, stop) in enumerate(groups):
        seg_pages = pages[start:stop]
        seg_pages = seg_pages[~np.isnan(seg_pages)]
        rows.append(
            {
                "segment_id": f"{doc_id}:{i:04d}",
                "doc_id": doc_id,
                "period": period,
                "year": year,
                "page_first": int(seg_pages.min()) if len(seg_pages) else pd.NA,
                "page_last": int(seg_pages.max()) if len(seg_pages) else pd.NA,
                "paragraph_first": int(paragraphs[start]),
                "paragraph_last": int(paragraphs[stop - 1]),
                "n_terms": stop - start,
                "terms": " ".join(terms[start:stop]),
            }
        )
    return pd.DataFrame(rows, columns=list(SEGMENT_COLUMNS)).astype(SEGMENT_DTYPES)


def concat_segments(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate per-document segment tables into one, ordered by ``doc_id``.

    Rows of one document keep their order (stable sort); the result has the dtypes of
    :func:`make_segments` and a fresh index, also when there are no frames or all are empty.

    Raises
    ------
    ValueError
        If a frame lacks a segment column or a ``segment_id`` occurs twice.
    """
    parts = []
    for frame in frames:
        missing = [c for c in SEGMENT_COLUMNS if c not in frame.columns]
        if missing:
            raise ValueError(f"concat_segments: a frame lacks column(s) {missing}")
        if len(frame):
            parts.append(frame[list(SEGMENT_COLUMNS)].astype(SEGMENT_DTYPES))
    if not parts:
        return _empty_segments()
    out = pd.concat(parts, ignore_index=True)
    dup = out["segment_id"].duplicated()
    if dup.any():
        raise ValueError(
            f"concat_segments: duplicate segment_id(s) {out.loc[dup, 'segment_id'].tolist()[:5]}"
        )
    return out.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def split_by_document(segments: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``{doc_id: that document's rows}`` of a segment table ordered by ``doc_id`` (as
    :func:`concat_segments` orders it); each piece a slice of the table, in its order.

    Raises
    ------
    ValueError
        If a document's rows are not together (the table is not ordered by document).
    """
    if "doc_id" not in segments.columns:
        raise ValueError("split_by_document: the segment table lacks the column doc_id")
    ids = segments["doc_id"].to_numpy(dtype=object)
    if not len(ids):
        return {}
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    pieces = {ids[a]: segments.iloc[a:b] for a, b in zip(starts, ends, strict=True)}
    if len(pieces) != len(starts):
        raise ValueError("split_by_document: the segment table is not ordered by doc_id")
    return pieces


def segment_terms(segments: pd.DataFrame | Sequence[str]) -> list[list[str]]:
    """The term lists of a segment table (or of a sequence of ``terms`` strings)."""
    values = segments["terms"] if isinstance(segments, pd.DataFrame) else segments
    return [str(t).split() if isinstance(t, str) else [] for t in values]
