"""Load and check the document manifest and the period definitions.

The manifest is the pipeline's sample sheet: one tab-separated row per document. All
problems are collected and reported together, each naming the manifest row (the line
number in the file, header = line 1) and the column, so a user can fix everything in one go.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".pdf")
REQUIRED_COLUMNS = (
    "doc_id",
    "file",
    "title",
    "year",
    "period",
    "genre",
    "language",
    "citation",
)


# Every column a manifest written by ordskifte has: the required ones plus issuer and url.
MANIFEST_COLUMNS = (*REQUIRED_COLUMNS[:3], "issuer", *REQUIRED_COLUMNS[3:], "url")


class ManifestError(ValueError):
    """The manifest has one or more bad rows; the message lists every problem."""


class PeriodError(ValueError):
    """The configured periods are inconsistent (e.g. overlapping year ranges)."""


NO_PERIOD = "none"
"""Manifest ``period`` of a document that belongs to no period (e.g. a text that discusses
all of them): it counts in the corpus-wide tables only, whatever its year."""
NO_PERIOD_SOURCE = "manifest (none)"
"""``period_source`` of such a document."""


@dataclass(frozen=True)
class Period:
    name: str
    label: str
    first_year: int
    last_year: int


def parse_periods(periods: Iterable[Mapping]) -> list[Period]:
    """Turn the ``periods`` config entries into :class:`Period` objects (label defaults to name)."""
    return [
        Period(
            name=p["name"],
            label=p.get("label") or p["name"],
            first_year=int(p["first_year"]),
            last_year=int(p["last_year"]),
        )
        for p in periods
    ]


def check_periods(periods: Sequence[Period], *, allow_overlaps: bool = False) -> list[str]:
    """Check period definitions; raise on errors, return warnings.

    Errors: duplicate names, a first year after the last year, overlapping ranges or periods
    not in time order (a warning instead with ``allow_overlaps``: a document dated in an
    overlap then goes to the first period listed, unless its manifest row names one). Warnings:
    gaps between consecutive periods (documents dated in a gap get no period from their year).
    """
    problems = []
    names = [p.name for p in periods]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"period name {name!r} is used more than once")
    if NO_PERIOD in names:
        problems.append(
            f"period name {NO_PERIOD!r} is reserved: a manifest row says `{NO_PERIOD}` for a "
            "document that belongs to no period; rename the period"
        )
    for p in periods:
        if p.first_year > p.last_year:
            problems.append(
                f"period {p.name!r}: first_year {p.first_year} > last_year {p.last_year}"
            )
    warnings = []
    for a, b in zip(periods, periods[1:], strict=False):
        if allow_overlaps and a.first_year <= b.first_year <= a.last_year:
            warnings.append(
                f"periods {a.name!r} ({a.first_year}-{a.last_year}) and {b.name!r} "
                f"({b.first_year}-{b.last_year}) overlap: documents dated "
                f"{b.first_year}-{min(a.last_year, b.last_year)} go to {a.name!r} unless their "
                "manifest row names a period"
            )
        elif b.first_year <= a.last_year:
            problems.append(
                f"periods {a.name!r} ({a.first_year}-{a.last_year}) and {b.name!r} "
                f"({b.first_year}-{b.last_year}) overlap or are out of time order: "
                "make each period start after the previous one ends, or set "
                "`allow_overlapping_periods: true`"
            )
        elif b.first_year > a.last_year + 1:
            warnings.append(
                f"years {a.last_year + 1}-{b.first_year - 1} between periods {a.name!r} and "
                f"{b.name!r} belong to no period; documents dated there need a `period` "
                "in the manifest"
            )
    if problems:
        raise PeriodError("config `periods` is invalid:\n  - " + "\n  - ".join(problems))
    return warnings


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest TSV with every cell as a string (empty cells as ``""``), stripped of
    nothing: stray whitespace is reported by :func:`validate_manifest`, not hidden."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"manifest {path} does not exist: check the `manifest` key in config")
    try:
        df = pd.read_csv(
            path,
            sep="\t",
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_NONE,
            encoding="utf-8",
        )
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise ManifestError(f"manifest {path} is not a readable UTF-8 TSV file: {err}") from err
    df.columns = [str(c) for c in df.columns]
    return df


def validate_manifest(
    df: pd.DataFrame,
    *,
    schema: Mapping,
    corpus_dir: str | Path,
    period_names: Sequence[str],
    languages: Sequence[str],
    manifest_name: str = "manifest",
) -> None:
    """Check every row; raise :class:`ManifestError` listing all problems at once.

    Checks: required columns present; each row against the JSON schema (id pattern, year
    range, etc.); doc_id unique; ``file`` relative, inside ``corpus_dir`` after resolving
    ``..`` and symbolic links, of a supported type and existing; ``period`` empty or
    one of ``period_names``; ``language`` in ``languages``.
    """
    import jsonschema

    problems: list[str] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise ManifestError(
            f"{manifest_name}: missing required column(s) {', '.join(missing)}; "
            f"the header must name at least: {', '.join(REQUIRED_COLUMNS)}"
        )
    if df.empty:
        raise ManifestError(
            f"{manifest_name} has no documents: add one row per document under the header"
        )
    validator = jsonschema.Draft202012Validator(schema)
    corpus_root = Path(corpus_dir).resolve()
    seen: dict[str, int] = {}
    for i, row in enumerate(df.to_dict(orient="records")):
        line = i + 2  # header is line 1
        where = f"{manifest_name} line {line} (doc_id {row.get('doc_id', '')!r})"
        for err in sorted(validator.iter_errors(row), key=lambda e: list(e.path)):
            column = err.path[0] if err.path else "row"
            problems.append(f"{where}, column {column}: {_describe(err, row)}")
        doc_id = row["doc_id"]
        if doc_id in seen:
            problems.append(
                f"{where}, column doc_id: duplicate of line {seen[doc_id]}; give each document "
                "its own id"
            )
        else:
            seen[doc_id] = line
        problems.extend(_check_file(row, where=where, corpus_root=corpus_root))
        if row["period"] and row["period"] not in [*period_names, NO_PERIOD]:
            problems.append(
                f"{where}, column period: {row['period']!r} is not a configured period "
                f"({', '.join(period_names)}); leave it empty to date the document by its "
                f"year, or write {NO_PERIOD} to count it in the corpus-wide tables only"
            )
        if row["language"] and row["language"] not in languages:
            problems.append(
                f"{where}, column language: {row['language']!r} is not one of "
                f"{', '.join(languages)} (config `manifest_languages`)"
            )
    if problems:
        raise ManifestError(
            f"{manifest_name} has {len(problems)} problem(s):\n  - " + "\n  - ".join(problems)
        )


def _describe(err, row: Mapping) -> str:
    column = err.path[0] if err.path else None
    value = row.get(column) if column else None
    if err.validator == "pattern" and column == "year":
        return f"{value!r} is not a year between 1800 and 2100 (or empty)"
    if err.validator == "pattern" and column == "doc_id":
        return f"{value!r} may only contain letters, digits, _ and - (no spaces, dots or slashes)"
    if err.validator == "pattern" and column == "file":
        return f"{value!r} is an absolute path; give it relative to the manifest's folder"
    return err.message


def _check_file(row: Mapping, *, where: str, corpus_root: Path) -> list[str]:
    rel = row["file"]
    if not rel:
        return []  # reported by the schema
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts:
        return [
            f"{where}, column file: {rel!r} points outside the corpus folder; give a path "
            f"inside {corpus_root.name}/ without '..'"
        ]
    full = corpus_root / path
    try:
        resolved = full.resolve()
    except OSError as err:  # pragma: no cover - symlink loops
        return [f"{where}, column file: {rel!r} cannot be resolved ({err})"]
    if not resolved.is_relative_to(corpus_root):
        return [
            f"{where}, column file: {rel!r} resolves to {resolved}, outside the corpus folder "
            "(a symbolic link pointing out?); copy the file into the corpus folder instead"
        ]
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return [
            f"{where}, column file: {rel!r} has an unsupported type; supported are "
            f"{', '.join(SUPPORTED_SUFFIXES)} (convert it, e.g. save a .docx as PDF)"
        ]
    if not full.is_file() and row.get("url"):
        return []  # downloaded by the workflow (rule fetch)
    if not full.is_file():
        return [
            f"{where}, column file: {rel!r} does not exist in {corpus_root.name}/; copy the "
            "file there, fix the path, or give a `url` to download it from"
        ]
    return []


def period_of(*, period: str, year: str, periods: Sequence[Period]) -> tuple[str, str]:
    """The period a document is analysed in, and where it came from.

    Returns ``(period, source)`` where source is ``"manifest"`` (the row's own period wins),
    ``"manifest (none)"`` (the row says :data:`NO_PERIOD`: no period whatever the year; period
    is ``""``), ``"year"`` (the year falls in a configured range) or ``"none"`` (no period
    from either; period is ``""``).
    """
    if period == NO_PERIOD:
        return "", NO_PERIOD_SOURCE
    if period:
        return period, "manifest"
    if year:
        y = int(year)
        for p in periods:
            if p.first_year <= y <= p.last_year:
                return p.name, "year"
    return "", "none"


def assign_periods(df: pd.DataFrame, periods: Sequence[Period]) -> pd.DataFrame:
    """Return a copy of the manifest with columns ``period_used`` and ``period_source``."""
    out = df.copy()
    pairs = [
        period_of(period=p, year=y, periods=periods)
        for p, y in zip(out["period"], out["year"], strict=True)
    ]
    out["period_used"] = [p for p, _ in pairs]
    out["period_source"] = [s for _, s in pairs]
    return out


# Columns that identify or locate a document rather than group documents.
UNGROUPABLE_COLUMNS = ("doc_id", "file", "title", "citation", "url", "period")


def check_groups(
    groups: Sequence[Mapping], manifest: pd.DataFrame
) -> tuple[dict[str, list[list[str]]], list[str]]:
    """Check config ``groups`` against the manifest: column -> keyness pairs, and warnings.

    A pair naming a value no document has is left out with a warning (the shipped pairs name
    genres of the bundled corpus; another corpus may have none of them).

    Raises
    ------
    ValueError
        If a column is not in the manifest, identifies documents rather than grouping them
        (:data:`UNGROUPABLE_COLUMNS`; periods have their own tables), is listed twice, or a
        pair compares a value with itself.
    """
    out: dict[str, list[list[str]]] = {}
    warnings: list[str] = []
    for i, group in enumerate(groups):
        column = group["column"]
        where = f"config `groups` entry {i + 1} (column {column!r})"
        if column in UNGROUPABLE_COLUMNS:
            raise ValueError(
                f"{where}: {column} identifies documents; group by a column such as genre, "
                "issuer or language (periods have their own tables)"
            )
        if column not in manifest.columns:
            raise ValueError(
                f"{where}: the manifest has no such column; it has "
                f"{', '.join(c for c in manifest.columns if c not in UNGROUPABLE_COLUMNS)}"
            )
        if column in out:
            raise ValueError(f"{where}: the column is listed twice; merge the entries")
        values = set(manifest[column].astype(str))
        out[column] = []
        for pair in (list(map(str, pair)) for pair in group.get("pairs", [])):
            if pair[0] == pair[1]:
                raise ValueError(f"{where}: pair {pair} compares a value with itself")
            unknown = [v for v in pair if v not in values]
            if unknown:
                warnings.append(
                    f"{where}: pair {pair} left out: no document has {column} "
                    f"{' or '.join(map(repr, unknown))} (the values are "
                    f"{', '.join(sorted(v for v in values if v))})"
                )
                continue
            out[column].append(pair)
    return out, warnings
