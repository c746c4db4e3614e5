"""Load and check the document manifest and the period definitions.

The manifest is the pipeline's sample sheet: one tab-separated row per document, read as a
spreadsheet writes it (:func:`read_manifest`: UTF-8 or UTF-16, quoted cells, blank rows). All
problems are collected and reported together, each naming the manifest row (the physical line
in the file, header = line 1) and the column, so a user can fix everything in one go. A
document listed twice (the same file, identical bytes or the same url in two rows) is refused
with both rows named (:func:`find_duplicates`): it would be counted twice.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: The suffixes the extraction reads (ordskifte.ingest.extract.SUFFIXES), in the order shown.
SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".pdf", ".html", ".htm", ".xhtml", ".docx", ".odt")
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


RESERVED_PERIOD_NAMES = {
    "all": "the segments of every document (results/segments/all.parquet)",
    "global": "the topic model of every document (results/topics/global/)",
}
"""Names that the outputs of every period's documents together use."""


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
    for name, use in RESERVED_PERIOD_NAMES.items():
        if name in names:
            problems.append(f"period name {name!r} is reserved for {use}; rename the period")
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


#: Byte-order marks a spreadsheet writes, with the codec that reads the file and the codec
#: that appends to it (no second mark).
_MANIFEST_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_SAVE_AS_UTF8 = (
    "save it as UTF-8 text with tabs between the cells (LibreOffice: Text CSV, character set "
    "Unicode (UTF-8), field delimiter {Tab}; Excel: Unicode Text, or CSV UTF-8 with tabs)"
)


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest TSV as a spreadsheet writes it, every cell a string (empty cells ``""``).

    The file may be UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order
    mark (Excel's "Unicode Text"), with LF, CRLF or CR line ends. Cells are read by the CSV
    rules of a tab-separated spreadsheet export: a cell that starts with ``"`` is quoted and
    ``""`` inside it is one ``"`` (``"Resept for et ""sunnere"" Norge"`` is
    ``Resept for et "sunnere" Norge``); a ``"`` elsewhere in a cell is kept as it is. Blank
    lines and rows whose cells are all empty are skipped; short rows are padded with empty
    cells. Cells are stripped of nothing: stray whitespace is reported by
    :func:`validate_manifest`, not hidden. Header names are stripped.

    The table's ``attrs`` say where each row is in the file and how to append to it:
    ``lines`` (the physical line each row starts on, header = line 1), ``extra_cells``
    (row position -> the non-empty cells beyond the header's columns), ``encoding`` and
    ``newline`` (what :func:`append_manifest_row` writes).
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"manifest {path} does not exist: check the `manifest` key in config")
    text, append_encoding = _decode_manifest(path.read_bytes(), path=path)
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel-tab")
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    extra: dict[int, list[str]] = {}
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:  # pragma: no cover - the excel-tab dialect is lenient
            raise ManifestError(f"manifest {path} line {start} cannot be read: {err}") from err
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or a row of empty cells
        if header is None:
            header = [cell.strip() for cell in cells]
            while header and not header[-1]:
                header.pop()  # empty columns at the right of a spreadsheet
            continue
        beyond = [cell for cell in cells[len(header) :] if cell.strip()]
        if beyond:
            extra[len(rows)] = beyond
        rows.append((cells + [""] * len(header))[: len(header)])
        lines.append(start)
    if header is None:
        raise ManifestError(
            f"manifest {path} is empty: its first line must be the header "
            f"({chr(9).join(REQUIRED_COLUMNS)}, tab-separated)"
        )
    df = pd.DataFrame(rows, columns=header, dtype=str) if rows else pd.DataFrame(columns=header)
    df = df.astype(str)
    df.attrs.update(
        lines=lines,
        extra_cells=extra,
        encoding=append_encoding,
        newline=_newline(text),
    )
    return df


def _decode_manifest(data: bytes, *, path: Path) -> tuple[str, str]:
    """The manifest's text and the codec to append to it with."""
    for bom, codec, append in _MANIFEST_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), append
            except UnicodeDecodeError as err:
                raise ManifestError(
                    f"manifest {path} starts with a {append} byte-order mark but is not valid "
                    f"{append} ({err.reason} at byte {err.start}): {_SAVE_AS_UTF8}"
                ) from err
    if b"\x00" in data:
        raise ManifestError(
            f"manifest {path} has NUL bytes: UTF-16 without a byte-order mark, or not a text "
            f"file; {_SAVE_AS_UTF8}"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ManifestError(
            f"manifest {path} is not UTF-8: byte {data[err.start : err.start + 1]!r} on line "
            f"{line} is not (a spreadsheet's plain 'Text (Tab delimited)' is often cp1252); "
            f"{_SAVE_AS_UTF8}"
        ) from err


def read_manifest_text(path: str | Path) -> str:
    """The manifest's text, decoded as :func:`read_manifest` decodes it."""
    return _decode_manifest(Path(path).read_bytes(), path=Path(path))[0]


def _newline(text: str) -> str:
    """The line end the file uses (its first one; LF when it has none)."""
    for newline in ("\r\n", "\r", "\n"):
        at = text.find(newline)
        if at >= 0 and (newline != "\r" or not text.startswith("\n", at + 1)):
            return newline
    return "\n"


def append_manifest_row(
    path: str | Path, row: Mapping[str, str], *, columns: Sequence[str], table: pd.DataFrame
) -> None:
    """Append ``row`` to the manifest ``path`` in the encoding and line ends it has (from
    ``table.attrs``, as :func:`read_manifest` sets them), its cells quoted by the CSV rules
    where they need it (a cell starting with ``"``, or holding a tab), so that
    :func:`read_manifest` reads back exactly ``row``."""
    path = Path(path)
    encoding = table.attrs.get("encoding", "utf-8")
    newline = table.attrs.get("newline", "\n")
    out = io.StringIO()
    csv.writer(out, dialect="excel-tab", lineterminator=newline).writerow(
        [row.get(c, "") for c in columns]
    )
    text = read_manifest_text(path)
    prefix = "" if not text or text.endswith(("\n", "\r")) else newline
    with open(path, "ab") as fh:
        fh.write((prefix + out.getvalue()).encode(encoding))


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

    Checks: required columns present; no cells beyond the header's columns and no line
    breaks in cells (the marks of a tab or a quote gone astray); each row against the JSON
    schema (id pattern, year range, etc.); doc_id unique, also ignoring letter case; ``file``
    relative, inside ``corpus_dir`` after resolving ``..`` and symbolic links, of a supported
    type and existing; ``period`` empty or one of ``period_names``; ``language`` in
    ``languages``; and no document listed twice (:func:`find_duplicates`: the same file, or
    identical content, in two rows, or the same url). Rows are named by the physical line
    they start on when ``df`` comes from :func:`read_manifest` (``attrs["lines"]``).
    """
    import jsonschema

    problems: list[tuple[int, str]] = []  # (line, message): listed in file order
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
    lines = manifest_lines(df)
    extra_cells = df.attrs.get("extra_cells", {})
    seen: dict[str, tuple[int, str]] = {}
    for i, row in enumerate(df.to_dict(orient="records")):
        line = lines[i]
        where = f"{manifest_name} line {line} (doc_id {row.get('doc_id', '')!r})"
        found: list[str] = []
        if i in extra_cells:
            cells = extra_cells[i]
            found.append(
                f"{where}: {len(cells)} cell(s) beyond the header's {len(df.columns)} columns "
                f"({', '.join(map(repr, cells[:3]))}): a tab typed inside a cell, or a column "
                "without a name in the header; remove the cell or name its column"
            )
        for column, value in row.items():
            if "\n" in value or "\r" in value:
                found.append(
                    f"{where}, column {column}: the cell has a line break ({value[:40]!r}): a "
                    '" that opens a cell and is never closed swallows the lines after it; '
                    "close the quote, or remove the line break"
                )
        described: set[str] = set()
        for err in sorted(validator.iter_errors(row), key=lambda e: list(e.path)):
            column = err.path[0] if err.path else "row"
            if column not in described:  # one message per cell (an empty file fails two rules)
                described.add(column)
                found.append(f"{where}, column {column}: {_describe(err, row)}")
        found.extend(_check_doc_id(row["doc_id"], line=line, where=where, seen=seen))
        found.extend(_check_file(row, where=where, corpus_root=corpus_root))
        if row["period"] and row["period"] not in [*period_names, NO_PERIOD]:
            found.append(
                f"{where}, column period: {row['period']!r} is not a configured period "
                f"({', '.join(period_names)}); leave it empty to date the document by its "
                f"year, or write {NO_PERIOD} to count it in the corpus-wide tables only"
            )
        if row["language"] and row["language"] not in languages:
            found.append(
                f"{where}, column language: {row['language']!r} is not one of "
                f"{', '.join(languages)} (config `manifest_languages`)"
            )
        problems += [(line, message) for message in found]
    problems += [
        (twin.line, twin.message(manifest_name))
        for twin in find_duplicates(df, corpus_dir=corpus_root, lines=lines)
    ]
    if problems:
        messages = [message for _, message in sorted(problems, key=lambda p: p[0])]
        raise ManifestError(
            f"{manifest_name} has {len(messages)} problem(s):\n  - " + "\n  - ".join(messages)
        )


def _check_doc_id(
    doc_id: str, *, line: int, where: str, seen: dict[str, tuple[int, str]]
) -> list[str]:
    """A doc_id must differ from every earlier one in more than letter case: on file systems
    that ignore case (macOS, Windows) ``NOU-1998-18`` and ``nou-1998-18`` name one file."""
    key = doc_id.casefold()
    if key not in seen:
        seen[key] = (line, doc_id)
        return []
    first_line, first = seen[key]
    if first == doc_id:
        return [
            f"{where}, column doc_id: duplicate of line {first_line}; give each document its own id"
        ]
    return [
        f"{where}, column doc_id: {doc_id!r} differs from {first!r} on line {first_line} only in "
        "letter case; on macOS and Windows their result files would be one file: give each "
        "document an id that differs in more than case"
    ]


def manifest_lines(df: pd.DataFrame) -> list[int]:
    """The physical line each row of ``df`` starts on (header = line 1): from ``attrs``
    when :func:`read_manifest` read it, else counted as if there were no blank lines."""
    lines = df.attrs.get("lines")
    if lines is None or len(lines) != len(df):
        return list(range(2, len(df) + 2))
    return list(lines)


@dataclass(frozen=True)
class Duplicate:
    """A manifest row that lists a document an earlier row lists already.

    ``why`` completes the sentence "<value> ...": it names the earlier row and how the two
    are the same document.
    """

    line: int
    doc_id: str
    column: str
    value: str
    first_line: int
    first_doc_id: str
    why: str

    def message(self, manifest_name: str) -> str:
        other = "address" if self.column == "url" else "file"
        return (
            f"{manifest_name} line {self.line} (doc_id {self.doc_id!r}), column {self.column}: "
            f"{self.value!r} {self.why}; a document listed twice is counted twice: remove one "
            f"of the two rows (or, if they are different documents, point this one at its own "
            f"{other})"
        )


def find_duplicates(
    df: pd.DataFrame, *, corpus_dir: str | Path, lines: Sequence[int] | None = None
) -> list[Duplicate]:
    """Rows that list a document an earlier row lists already, each with the earlier row.

    Two rows list the same document when their ``file`` is the same path (also written
    another way, such as ``./a.txt`` for ``a.txt``), the same file (the same device and
    inode: through a symbolic or hard link, or in other letter case on a file system that
    ignores case), a file with identical bytes (sha256; only files of equal size are read),
    or when they give the same ``url``. A file that is missing or outside ``corpus_dir`` is
    compared by its path only (its own problem is reported by :func:`validate_manifest`).
    """
    from ordskifte.ingest.checksums import sha256_file

    corpus_root = Path(corpus_dir).resolve()
    lines = list(lines) if lines is not None else manifest_lines(df)
    rows = df.to_dict(orient="records")
    twins: dict[int, Duplicate] = {}

    def note(i: int, j: int, column: str, why: str) -> None:
        if i not in twins:  # one message per row, naming its first twin
            first = f"line {lines[j]} (doc_id {rows[j]['doc_id']!r})"
            twins[i] = Duplicate(
                line=lines[i],
                doc_id=rows[i]["doc_id"],
                column=column,
                value=rows[i][column],
                first_line=lines[j],
                first_doc_id=rows[j]["doc_id"],
                why=why.format(first=first, value=repr(rows[j][column])),
            )

    by_path: dict[str, int] = {}
    by_inode: dict[tuple[int, int], int] = {}
    by_size: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        rel = row.get("file", "")
        if not rel:
            continue
        path = os.path.normpath(rel)
        if path in by_path:
            j = by_path[path]
            if rel == rows[j]["file"]:
                note(i, j, "file", "is also the file of {first}")
            else:
                note(i, j, "file", "is the same path as {value} on {first}")
            continue
        by_path[path] = i
        full = corpus_root / path
        try:
            if not full.resolve().is_relative_to(corpus_root) or not full.is_file():
                continue
            stat = full.stat()
        except OSError:
            continue
        inode = (stat.st_dev, stat.st_ino)
        if inode in by_inode:
            j = by_inode[inode]
            linked = full.is_symlink() or (corpus_root / rows[j]["file"]).is_symlink()
            how = "a symbolic link" if linked else "a hard link, or a name in other letter case"
            note(i, j, "file", f"is the same file as {{value}} on {{first}} ({how})")
            continue
        by_inode[inode] = i
        by_size.setdefault(stat.st_size, []).append(i)
    for same_size in by_size.values():
        by_digest: dict[str, int] = {}
        for i in same_size if len(same_size) > 1 else []:
            digest = sha256_file(corpus_root / os.path.normpath(rows[i]["file"]))
            if digest in by_digest:
                why = f"has the same bytes as {{value}} on {{first}} (sha256 {digest[:12]}…)"
                note(i, by_digest[digest], "file", why)
            else:
                by_digest[digest] = i
    by_url: dict[str, int] = {}
    for i, row in enumerate(rows):
        url = row.get("url") or ""
        if url in by_url:
            note(i, by_url[url], "url", "is also the url of {first}")
        elif url:
            by_url[url] = i
    return [twins[i] for i in sorted(twins)]


def _describe(err, row: Mapping) -> str:
    column = err.path[0] if err.path else None
    value = row.get(column) if column else None
    if column == "doc_id" and value == "":
        return "is empty: give each document an id (letters, digits, _ and -)"
    if column == "file" and value == "":
        return "is empty: give the document's file, relative to the manifest's folder"
    if column == "language" and value == "":
        return "is empty: give the document's main language, a code such as nb or nn"
    if err.validator == "pattern" and column == "language":
        return f"{value!r} is not a language code (two or three lower-case letters, e.g. nb)"
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
            f"{', '.join(SUPPORTED_SUFFIXES)}; save it as one of them (an .rtf or .doc as "
            ".docx or PDF, a spreadsheet's text as PDF) and update the row"
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
