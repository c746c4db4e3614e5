"""The corpus lock file: the sha256 of each downloaded or added document.

``checksums.tsv`` sits next to the manifest (``resources/corpus/checksums.tsv``) with columns
``doc_id``, ``file``, ``sha256`` and ``url``, one row per document, sorted by doc_id. A row is
written when a document is first downloaded (:mod:`ordskifte.ingest.fetch`) or added
(:mod:`ordskifte.add`); from then on every run checks the file against it
(:func:`verify_checksums`), so a document that changed on the server or was edited by hand
stops the run instead of silently changing the results. Commit the lock file with the manifest.

Writers take an exclusive lock on ``checksums.tsv.lock`` (``fcntl.flock``) and replace the file
atomically, so parallel fetch jobs cannot lose each other's rows.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

CHECKSUM_COLUMNS = ("doc_id", "file", "sha256", "url")
LOCK_FILE_NAME = "checksums.tsv"
_CHUNK = 1 << 20


class ChecksumError(ValueError):
    """A document does not match the sha256 recorded for it, or the lock file is malformed."""


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def lock_path(manifest: str | Path) -> Path:
    """The lock file that belongs to a manifest (same folder)."""
    return Path(manifest).parent / LOCK_FILE_NAME


def read_checksums(path: str | Path) -> dict[str, dict[str, str]]:
    """Rows of a lock file by doc_id (``{}`` when the file does not exist yet)."""
    path = Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in CHECKSUM_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ChecksumError(
                f"{path}: missing column(s) {', '.join(missing)}; the header must be "
                f"{' '.join(CHECKSUM_COLUMNS)} (tab-separated)"
            )
        rows = {}
        for line, row in enumerate(reader, start=2):
            if row["doc_id"] in rows:
                raise ChecksumError(
                    f"{path} line {line}: doc_id {row['doc_id']!r} is listed twice; keep one row"
                )
            if len(row["sha256"] or "") != 64:
                raise ChecksumError(
                    f"{path} line {line}: {row['sha256']!r} is not a sha256 (64 hex digits)"
                )
            rows[row["doc_id"]] = {c: row[c] or "" for c in CHECKSUM_COLUMNS}
    return rows


def _write_checksums(path: Path, rows: Mapping[str, Mapping[str, str]]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".checksums-", suffix=".tsv", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(CHECKSUM_COLUMNS) + "\n")
        for doc_id in sorted(rows):
            fh.write("\t".join(rows[doc_id][c] for c in CHECKSUM_COLUMNS) + "\n")
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record_checksum(path: str | Path, *, doc_id: str, file: str, sha256: str, url: str = "") -> str:
    """Record a document's sha256 unless one is recorded already; return the recorded one.

    The caller compares the return value with ``sha256``: a different value means the
    document changed since it was first recorded.
    """
    path = Path(path)
    with _locked(path):
        rows = read_checksums(path)
        if doc_id in rows:
            return rows[doc_id]["sha256"]
        rows[doc_id] = {"doc_id": doc_id, "file": file, "sha256": sha256, "url": url}
        _write_checksums(path, rows)
        return sha256


def mismatch_message(
    *,
    doc_id: str,
    file: str,
    expected: str,
    found: str,
    lock: str,
    what_changed: str = "the file",
) -> str:
    """The message for a document that no longer matches its recorded sha256."""
    return (
        f"document {doc_id!r} ({file}) has sha256 {found[:12]}…, but {lock} recorded "
        f"{expected[:12]}… when it was first downloaded or added: {what_changed} changed. "
        f"If the new version is intended, delete the {doc_id!r} row of {lock} (a download "
        "records the new sha256 on the next run); otherwise restore the original file"
    )


def verify_checksums(
    manifest_rows: Mapping[str, str], *, corpus_dir: str | Path, lock: str | Path
) -> list[str]:
    """Check every existing file that has a row in the lock file; return the problems.

    ``manifest_rows`` maps doc_id to the manifest's ``file`` column. Rows of documents that are
    no longer in the manifest are ignored, as are files not downloaded yet.
    """
    problems = []
    for doc_id, row in read_checksums(lock).items():
        if doc_id not in manifest_rows:
            continue
        full = Path(corpus_dir) / manifest_rows[doc_id]
        if not full.is_file():
            continue
        found = sha256_file(full)
        if found != row["sha256"]:
            problems.append(
                mismatch_message(
                    doc_id=doc_id,
                    file=manifest_rows[doc_id],
                    expected=row["sha256"],
                    found=found,
                    lock=str(lock),
                )
            )
    return problems
