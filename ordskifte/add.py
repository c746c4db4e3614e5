"""Add a document to the corpus: copy it, guess its metadata, append a checked manifest row.

:func:`add_document` is what ``python -m ordskifte add FILE`` runs. It never asks anything:
what is not given on the command line is guessed, and each guess is reported with where it
came from, so the user can correct the row afterwards.

Guesses, strongest first:

- **year and genre from a Norwegian document reference** in the title or file name
  (:func:`guess_from_reference`): "St.meld. nr. 25 (1996–97)" and "Meld. St. 19 (2014–2015)"
  are white papers (``stortingsmelding``) dated by the later year of the parliamentary session,
  when most are laid before the Storting; "NOU 1998:18" is an official report (``nou``);
  "Prop. 1 S (2014–2015)", "St.prp. nr. 1", "Ot.prp. nr. 1" are bills (``proposisjon``);
  "Innst. S. nr. 123 (2001–2002)" are committee recommendations (``innstilling``);
- **title** from the metadata of a PDF, Word or OpenDocument file, else the first line of
  the text (of a web page: of its main text);
- **year** from a stand-alone year in the file name ("stmeld-1993-frivillig.pdf"), else the
  creation date in the metadata;
- **language** (nb, nn or en) from the text's function words (:mod:`ordskifte.text.language`).

The file is refused, with nothing written, when its doc_id is taken, when an identical file
(same sha256) is already in the manifest, when the pipeline cannot read it, or when the new
row would not pass the manifest check the workflow runs.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ordskifte.ingest.checksums import lock_path, record_checksum, sha256_file

_DASH = r"\s*[-–—/]\s*"
_SESSION = rf"\(\s*(?P<first>\d{{4}}){_DASH}(?P<second>\d{{2}}|\d{{4}})\s*\)"
REFERENCES: tuple[tuple[str, re.Pattern], ...] = (
    ("stortingsmelding", re.compile(rf"\bSt\.?\s*meld\.?\s*(?:nr\.?\s*)?\d+\s*{_SESSION}", re.I)),
    ("stortingsmelding", re.compile(rf"\bMeld\.?\s*St\.?\s*\d+\s*{_SESSION}", re.I)),
    ("nou", re.compile(r"\bNOU\s*(?P<year>\d{4})\s*:\s*\d+", re.I)),
    (
        "proposisjon",
        re.compile(
            rf"\b(?:Prop\.?|St\.?\s*prp\.?|Ot\.?\s*prp\.?)\s*(?:nr\.?\s*)?\d+\s*[A-Z]*\.?\s*"
            rf"{_SESSION}",
            re.I,
        ),
    ),
    (
        "innstilling",
        re.compile(rf"\bInnst\.?\s*(?:[SO]\.?\s*)?(?:nr\.?\s*)?\d+\s*[A-Z]*\.?\s*{_SESSION}", re.I),
    ),
)
# File names use - or _ instead of the punctuation: "stmeld-25-1996-97", "nou-1998-18".
FILE_REFERENCES: tuple[tuple[str, re.Pattern], ...] = (
    ("stortingsmelding", re.compile(r"(?:^|[\W_])(?:st-?meld|meld-?st)(?=[\W_\d])", re.I)),
    ("nou", re.compile(r"(?:^|[\W_])nou(?=[\W_\d])", re.I)),
    ("proposisjon", re.compile(r"(?:^|[\W_])(?:prop|st-?prp|ot-?prp)(?=[\W_\d])", re.I)),
    ("innstilling", re.compile(r"(?:^|[\W_])innst(?=[\W_\d])", re.I)),
)
STANDALONE_YEAR = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")
DOC_ID_UNSAFE = re.compile(r"[^a-z0-9]+")
FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


class AddError(ValueError):
    """The document cannot be added; the message says why and what to do."""


@dataclass
class Added:
    """What :func:`add_document` did (or would do, with ``dry_run``)."""

    row: dict[str, str]
    file: Path
    sha256: str
    guesses: dict[str, str] = field(default_factory=dict)  # column -> where the value came from


def session_year(first: str, second: str) -> int:
    """The later year of a parliamentary session: ("1996", "97") -> 1997, ("1999", "00") ->
    2000, ("2014", "2015") -> 2015."""
    if len(second) == 4:
        return int(second)
    century = int(first) // 100 * 100
    year = century + int(second)
    return year + 100 if year < int(first) else year


def guess_from_reference(text: str) -> tuple[str, int | None] | None:
    """(genre, year) from a Norwegian document reference in ``text``, or None.

    >>> guess_from_reference("St.meld. nr. 25 (1996–97) Åpenhet og helhet")
    ('stortingsmelding', 1997)
    >>> guess_from_reference("NOU 1998:18 Det er bruk for alle")
    ('nou', 1998)
    """
    for genre, pattern in REFERENCES:
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            if groups.get("year"):
                return genre, int(groups["year"])
            return genre, session_year(groups["first"], groups["second"])
    return None


def guess_genre_from_name(name: str) -> str | None:
    """Genre from a file name written without punctuation ("meld-st-19-2014-2015.pdf")."""
    for genre, pattern in FILE_REFERENCES:
        if pattern.search(name):
            return genre
    return None


def guess_year_from_name(name: str) -> int | None:
    """The single stand-alone year (1800-2099) in a file name, or None if none or several
    different ones (a session "1996-1997" gives the later)."""
    years = sorted({int(y) for y in STANDALONE_YEAR.findall(name)})
    if len(years) == 1:
        return years[0]
    if len(years) == 2 and years[1] == years[0] + 1:
        return years[1]
    return None


def make_doc_id(name: str) -> str:
    """A doc_id from a file name: lower case, æøå folded, other characters to ``-``.

    >>> make_doc_id("St.meld. nr. 25 (1996-97) Åpenhet og helhet.pdf")
    'st-meld-nr-25-1996-97-apenhet-og-helhet'
    """
    from ordskifte.ingest.manifest import SUPPORTED_SUFFIXES

    stem = Path(name).stem if Path(name).suffix.lower() in SUPPORTED_SUFFIXES else name
    folded = unicodedata.normalize("NFKD", stem.translate(FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    return DOC_ID_UNSAFE.sub("-", ascii_only).strip("-")[:80].strip("-")


def pdf_metadata(path: str | Path) -> dict[str, str]:
    """``title`` and ``year`` (from the creation date) of a PDF's document information, where
    present and plausible."""
    import pypdf

    out: dict[str, str] = {}
    try:
        info = pypdf.PdfReader(str(path)).metadata
    except Exception:  # noqa: BLE001 - metadata is a guess; extraction reports real problems
        return out
    if not info:
        return out
    title = (info.title or "").strip()
    if title and not re.fullmatch(r"(?i)(untitled|microsoft word.*|.*\.(docx?|indd|pdf))", title):
        out["title"] = title
    created = str(info.get("/CreationDate") or "")
    match = re.match(r"(?:D:)?((?:19|20)\d{2})", created)
    if match:
        out["year"] = match.group(1)
    return out


def office_metadata(path: str | Path) -> dict[str, str]:
    """``title`` and ``year`` (from the creation date) of a Word or OpenDocument file's
    document properties, where present."""
    out: dict[str, str] = {}
    try:
        if Path(path).suffix.lower() == ".docx":
            import docx

            props = docx.Document(str(path)).core_properties
            title, created = props.title or "", str(props.created or "")
        else:
            from odf.namespaces import DCNS, METANS
            from odf.opendocument import load
            from odf.teletype import extractText

            meta = {n.qname: extractText(n) for n in load(str(path)).meta.childNodes}
            title, created = meta.get((DCNS, "title"), ""), meta.get((METANS, "creation-date"), "")
    except Exception:  # noqa: BLE001 - metadata is a guess; extraction reports real problems
        return out
    if title.strip():
        out["title"] = " ".join(title.split())
    match = re.match(r"((?:19|20)\d{2})", created)
    if match:
        out["year"] = match.group(1)
    return out


def _first_line(text: str, limit: int = 150) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return ""


def _duplicate_by_hash(
    digest: str, manifest_rows: Sequence[Mapping[str, str]], corpus_dir: Path
) -> Mapping[str, str] | None:
    for row in manifest_rows:
        path = corpus_dir / row["file"]
        if path.is_file() and path.stat().st_size and sha256_file(path) == digest:
            return row
    return None


def _given_values(
    values: Mapping[str, str | None] | None, *, folder: str, corpus_dir: Path
) -> dict[str, str]:
    """The non-empty values the user gave, stripped; refuse tabs and line breaks (they would
    break the TSV) and a ``folder`` outside the corpus folder."""
    given = {k: v.strip() for k, v in (values or {}).items() if v is not None and v.strip()}
    for column, value in given.items():
        if "\t" in value or "\n" in value or "\r" in value:
            raise AddError(f"--{column.replace('_', '-')} must not contain tabs or line breaks")
    if Path(folder).is_absolute() or ".." in Path(folder).parts:
        raise AddError(f"--folder {folder!r} must be a sub-folder of {corpus_dir} (no '..')")
    return given


def _corpus_file(folder: str, doc_id: str, suffix: str) -> str:
    """The new document's path relative to the corpus folder."""
    folder = folder.strip("/")
    return f"{folder}/{doc_id}{suffix}" if folder else f"{doc_id}{suffix}"


def _refuse_taken_id(table, doc_id: str, manifest: Path) -> None:
    """Refuse a doc_id that is taken, also in other letter case: on macOS and Windows
    ``NOU-1998-18`` and ``nou-1998-18`` would share their result files."""
    taken = {d.casefold(): d for d in table["doc_id"]}
    if doc_id.casefold() not in taken:
        return
    other = taken[doc_id.casefold()]
    case = "" if other == doc_id else f" as {other!r}, which differs only in letter case"
    raise AddError(
        f"not added: doc_id {doc_id!r} is already in {manifest}{case}; give another one with "
        "--doc-id"
    )


def _check_new_row(table, row: Mapping[str, str], *, manifest: Path, checks: Mapping) -> None:
    """Run the workflow's manifest check on the manifest with ``row`` appended."""
    import pandas as pd

    from ordskifte.ingest.manifest import ManifestError, manifest_lines, validate_manifest

    lines = manifest_lines(table)
    new = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
    new.attrs = {**table.attrs, "lines": [*lines, _line_count(manifest) + 1]}
    try:
        validate_manifest(
            new,
            corpus_dir=manifest.parent,
            manifest_name=f"{manifest} with the new row",
            **checks,
        )
    except ManifestError as err:
        raise AddError(f"not added: {err}") from None


def add_document(
    source: str | Path,
    *,
    manifest: str | Path,
    schema: Mapping,
    period_names: Sequence[str],
    languages: Sequence[str],
    folder: str = "added",
    values: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> Added:
    """Copy ``source`` into the corpus folder and append its manifest row.

    Parameters
    ----------
    source
        The document (any format the pipeline reads: text in any encoding, PDF, web page,
        Word or OpenDocument text).
    manifest
        The manifest TSV; the corpus folder is its folder.
    schema, period_names, languages
        What the workflow checks the manifest against (manifest schema, configured period
        names, config ``manifest_languages``).
    folder
        Sub-folder of the corpus folder the file is copied to, as ``<doc_id><suffix>``.
    values
        Manifest values given by the user (``doc_id``, ``title``, ``year``, ``period``,
        ``genre``, ``language``, ``issuer``, ``citation``, ``url``); the rest is guessed.
    dry_run
        Check and guess, but write nothing.

    Raises
    ------
    AddError
        If the file is missing or unreadable, the doc_id is taken, an identical file is
        already listed, or the row would not pass the manifest check.
    """
    from ordskifte.ingest.extract import ExtractionError, extract_file
    from ordskifte.ingest.manifest import append_manifest_row, read_manifest
    from ordskifte.text.language import identify_language

    source = Path(source)
    manifest = Path(manifest)
    corpus_dir = manifest.parent
    checks = {"schema": schema, "period_names": period_names, "languages": languages}
    given = _given_values(values, folder=folder, corpus_dir=corpus_dir)
    if not source.is_file():
        raise AddError(f"{source} does not exist or is not a file")
    table = read_manifest(manifest)
    rows = table.to_dict(orient="records")
    unknown = sorted(set(given) - set(table.columns))
    if unknown:
        raise AddError(
            f"{manifest} has no column(s) {', '.join(unknown)}; add them to its header first"
        )

    try:
        extracted = extract_file(source)
    except ExtractionError as err:
        raise AddError(f"not added: the pipeline cannot read this file: {err}") from None

    digest = sha256_file(source)
    twin = _duplicate_by_hash(digest, rows, corpus_dir)
    if twin is not None:
        raise AddError(
            f"not added: {source} is identical (sha256 {digest[:12]}…) to {twin['file']}, "
            f"already in {manifest} as doc_id {twin['doc_id']!r}"
        )

    guesses: dict[str, str] = {}
    suffix = source.suffix.lower()
    kind = {".pdf": "PDF", ".docx": "document", ".odt": "document"}.get(suffix)
    if suffix == ".pdf":
        meta = pdf_metadata(source)
    elif kind:
        meta = office_metadata(source)
    else:
        meta = {}

    def choose(
        column: str,
        candidates: Sequence[tuple[str | None, str]],
        empty: str = "unknown (left empty)",
    ) -> str:
        if column in given:
            guesses[column] = "given"
            return given[column]
        for value, why in candidates:
            if value:
                guesses[column] = why
                return str(value)
        guesses[column] = empty
        return ""

    title = choose(
        "title",
        [
            (meta.get("title"), f"{kind} metadata"),
            (_first_line(extracted.text), "first line of the text"),
            (source.stem, "file name"),
        ],
    )
    from_title = guess_from_reference(title) or guess_from_reference(source.name)
    reference_why = "document reference in the title or file name"
    if from_title and from_title[0] == "stortingsmelding":
        reference_why += " (later year of the session)"
    year = choose(
        "year",
        [
            (str(from_title[1]) if from_title and from_title[1] else None, reference_why),
            (guess_year_from_name(source.name), "year in the file name"),
            (meta.get("year"), f"{kind} creation date"),
        ],
    )
    genre = choose(
        "genre",
        [
            (from_title[0] if from_title else None, "document reference"),
            (guess_genre_from_name(source.name), "file name"),
        ],
    )
    sample = extracted.text[:200_000]
    language = choose("language", [(identify_language(sample, default="nb"), "text")])
    doc_id = choose("doc_id", [(make_doc_id(source.name), "file name")])
    issuer = choose("issuer", [])
    citation = choose("citation", [(f"{issuer or title} ({year})" if year else title, "title")])
    row = {
        "doc_id": doc_id,
        "file": _corpus_file(folder, doc_id, source.suffix.lower()),
        "title": title,
        "issuer": issuer,
        "year": year,
        "period": choose("period", [], empty="empty: the year decides the period"),
        "genre": genre,
        "language": language,
        "citation": citation,
        "url": choose("url", [], empty="empty"),
    }
    row = {c: row.get(c, "") for c in table.columns}
    guesses["file"] = "copied there"

    _refuse_taken_id(table, doc_id, manifest)
    dest = corpus_dir / row["file"]
    if dest.exists():
        raise AddError(f"not added: {dest} exists already; give another --doc-id or --folder")
    # copied first: the manifest check wants the file in place; removed again on any failure
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    try:
        _check_new_row(table, row, manifest=manifest, checks=checks)
        if not dry_run:
            append_manifest_row(manifest, row, columns=list(table.columns), table=table)
            record_checksum(
                lock_path(manifest),
                doc_id=doc_id,
                file=row["file"],
                sha256=digest,
                url=row.get("url", ""),
            )
    except BaseException:
        dest.unlink()
        raise
    if dry_run:
        dest.unlink()
    return Added(row=row, file=dest, sha256=digest, guesses=guesses)


def _line_count(manifest: Path) -> int:
    """Physical lines of the manifest (the row appended next starts on the line after)."""
    from ordskifte.ingest.manifest import read_manifest_text

    return len(read_manifest_text(manifest).splitlines())


def add_url(
    *,
    manifest: str | Path,
    schema: Mapping,
    period_names: Sequence[str],
    languages: Sequence[str],
    values: Mapping[str, str | None],
    folder: str = "added",
    dry_run: bool = False,
) -> Added:
    """Append a manifest row for a document the workflow downloads (rule ``fetch``).

    ``values["url"]`` is required. The file name is ``<folder>/<doc_id><suffix>``, the suffix
    taken from the URL's path (``.pdf`` when it has none the pipeline reads); doc_id, year and
    genre are guessed from the title and the URL as :func:`add_document` does.
    """
    import urllib.parse

    from ordskifte.ingest.manifest import (
        SUPPORTED_SUFFIXES,
        append_manifest_row,
        read_manifest,
    )

    manifest = Path(manifest)
    given = _given_values(values, folder=folder, corpus_dir=manifest.parent)
    url = given.get("url", "")
    name = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).name
    suffix = Path(name).suffix.lower()
    guesses: dict[str, str] = {c: "given" for c in given}
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = ".pdf"
        guesses["file"] = "the URL has no known suffix: .pdf assumed"
    else:
        guesses["file"] = "suffix of the URL"
    title = given.get("title", "")
    reference = guess_from_reference(title) or guess_from_reference(name)
    row = {
        "doc_id": given.get("doc_id") or make_doc_id(name),
        "title": title,
        "issuer": given.get("issuer", ""),
        "year": given.get("year")
        or str((reference or ("", None))[1] or guess_year_from_name(name) or ""),
        "period": given.get("period", ""),
        "genre": given.get("genre")
        or (reference[0] if reference else "")
        or guess_genre_from_name(name)
        or "",
        "language": given.get("language", "nb"),
        "url": url,
    }
    row["citation"] = given.get("citation") or f"{row['issuer'] or title or url} ({row['year']})"
    row["file"] = _corpus_file(folder, row["doc_id"], suffix)
    for column in ("doc_id", "year", "genre", "language", "citation"):
        guesses.setdefault(column, "guessed from the title and URL" if row[column] else "empty")
    table = read_manifest(manifest)
    if "url" not in table.columns:
        raise AddError(f"{manifest} has no `url` column; add it to the header first")
    row = {c: row.get(c, "") for c in table.columns}
    _refuse_taken_id(table, row["doc_id"], manifest)
    twin = table[table["url"] == url]
    if len(twin):
        raise AddError(
            f"not added: {url} is already in {manifest} as doc_id {twin.iloc[0]['doc_id']!r}"
        )
    checks = {"schema": schema, "period_names": period_names, "languages": languages}
    _check_new_row(table, row, manifest=manifest, checks=checks)
    if not dry_run:
        append_manifest_row(manifest, row, columns=list(table.columns), table=table)
    return Added(row=row, file=manifest.parent / row["file"], sha256="", guesses=guesses)
