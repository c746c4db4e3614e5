"""Helpers for the integration tests: run the checkout's workflow in a temporary folder.

Command line used for every run (``--config`` last, as Snakemake needs)::

    snakemake [targets] -s <checkout>/Snakefile --directory TMP --cores N [options]
              --configfile <checkout>/config.yaml [more config files]
              --config manifest=corpus/documents.tsv

``--configfile`` names the checkout's config.yaml explicitly so that extra config files can
follow it; without it the Snakefile reads the config.yaml next to itself (see
``test_runs_in_another_folder_without_configfile`` in test_workflow.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ordskifte.ingest.manifest import MANIFEST_COLUMNS
from ordskifte.ingest.provenance import without_created

ROOT = Path(__file__).resolve().parents[2]
SNAKEFILE = ROOT / "Snakefile"
CONFIGFILE = ROOT / "config.yaml"
BUNDLED_CORPUS = ROOT / "resources" / "corpus"
SNAKEMAKE = Path(sys.executable).parent / "snakemake"
MANIFEST = "manifest=corpus/documents.tsv"
FULL_RUN_TIMEOUT = 600
# Rules with one job per document (one, from the file to its counts); every other rule is an
# aggregate (or rule all).
PER_DOCUMENT_RULES = {"document"}


@dataclass
class Run:
    """One finished ``snakemake`` call."""

    workdir: Path
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + "\n" + self.stderr

    @property
    def results(self) -> Path:
        return self.workdir / "results"

    def describe(self, lines: int = 80) -> str:
        """The command, its exit status and the last lines of its output (for assert messages)."""
        tail = "\n".join(self.output.splitlines()[-lines:])
        return f"$ {' '.join(self.command)}\nexit {self.returncode}\n{tail}"


def snakemake_command(
    workdir: Path,
    *options: str,
    targets: Sequence[str] = (),
    cores: int = 2,
    configfiles: Sequence[Path] = (),
    config: Sequence[str] = (MANIFEST,),
) -> list[str]:
    """The command line that runs the checkout's workflow in ``workdir`` (``--config`` last)."""
    command = [
        str(SNAKEMAKE),
        *targets,
        "-s",
        str(SNAKEFILE),
        "--directory",
        str(workdir),
        "--cores",
        str(cores),
        *options,
        "--configfile",
        str(CONFIGFILE),
        *(str(p) for p in configfiles),
    ]
    if config:
        command += ["--config", *config]
    return command


def run_snakemake(
    workdir: Path,
    *options: str,
    targets: Sequence[str] = (),
    cores: int = 2,
    configfiles: Sequence[Path] = (),
    config: Sequence[str] = (MANIFEST,),
    timeout: float = FULL_RUN_TIMEOUT,
) -> Run:
    """Run the checkout's workflow in ``workdir`` and wait for it (see ``snakemake_command``)."""
    command = snakemake_command(
        workdir, *options, targets=targets, cores=cores, configfiles=configfiles, config=config
    )
    start = time.monotonic()
    proc = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=timeout, check=False
    )
    return Run(
        workdir=workdir,
        command=command,
        returncode=proc.returncode,
        stdout=proc.stdout,
        stderr=proc.stderr,
        seconds=time.monotonic() - start,
    )


def write_corpus(
    workdir: Path,
    documents: Iterable[Mapping[str, str]],
    *,
    files: Mapping[str, str | bytes] | None = None,
    manifest: str = "documents.tsv",
    columns: Sequence[str] = MANIFEST_COLUMNS,
) -> Path:
    """Write ``workdir/corpus/``: the files (text as UTF-8, bytes as they are) and a manifest.

    ``documents`` are manifest rows (missing columns are empty); returns the manifest path.
    """
    corpus = workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, content in (files or {}).items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    lines = ["\t".join(columns)]
    lines += ["\t".join(row.get(c, "") for c in columns) for row in documents]
    path = corpus / manifest
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def document(doc_id: str, file: str, **fields: str) -> dict[str, str]:
    """A manifest row with harmless defaults for the required columns."""
    row = {
        "doc_id": doc_id,
        "file": file,
        "title": f"Test document {doc_id}",
        "year": "2007",
        "genre": "test",
        "language": "nb",
        "citation": f"Test ({doc_id})",
    }
    row.update(fields)
    return row


def _content(path: Path) -> bytes:
    """A file's bytes; for the provenance card and its page, the bytes less its date (the one
    part of the results that differs between two runs of the same inputs)."""
    data = path.read_bytes()
    if path.name == "provenance.json":
        data = json.dumps(without_created(json.loads(data))).encode()
    elif path.name == "provenance.html":
        data = re.sub(rb"<td>created</td><td>[^<]*</td>", b"", data)
    return data


def file_hashes(folder: Path, *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """sha256 of every file under ``folder``, by path relative to it (``provenance.json``
    without its date)."""
    skip = set(exclude)
    return {
        str(p.relative_to(folder)): hashlib.sha256(_content(p)).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and str(p.relative_to(folder)) not in skip
    }


def file_states(folder: Path) -> dict[str, tuple[int, str]]:
    """(mtime in ns, sha256) of every file under ``folder``."""
    hashes = file_hashes(folder)
    return {rel: ((folder / rel).stat().st_mtime_ns, digest) for rel, digest in hashes.items()}


def copy_bundled_corpus(workdir: Path) -> None:
    shutil.copytree(BUNDLED_CORPUS, workdir / "corpus")


def dry_run_jobs(output: str) -> list[tuple[str, dict[str, str]]]:
    """(rule, wildcards) of every job a ``snakemake -n`` output lists."""
    jobs = []
    for block in re.split(r"\n\s*\n", output):
        rule = re.search(r"^(?:local)?rule (\w+):$", block, flags=re.M)
        if not rule:
            continue
        wildcards = {}
        found = re.search(r"^\s+wildcards: (.*)$", block, flags=re.M)
        if found:
            wildcards = dict(item.split("=", 1) for item in found.group(1).split(", "))
        jobs.append((rule.group(1), wildcards))
    return jobs
