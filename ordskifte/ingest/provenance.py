"""The provenance card: what made a results folder, and what differs now.

Every run writes ``results/provenance.json`` (rule ``provenance``; a page of the report shows
it) with:

- ``ordskifte``: its version, the git commit of the checkout it ran from and whether tracked
  files differed from that commit (``dirty``); ``null`` when it is not a git checkout;
- ``python`` and ``platform``: the interpreter's version and implementation, the operating
  system and the machine type;
- ``packages``: for every package the lock file (``requirements.lock``) pins for this
  platform, the version it pins and the version installed (``null`` when missing);
- ``config``, ``manifest``, ``documents`` and ``resources``: the sha256 of the effective
  configuration (``results/corpus/config.yaml``), of the manifest, of every input document and
  of the word lists and dictionaries the config names;
- ``seed`` and ``created`` (UTC).

Everything but ``created`` is a function of the inputs and the environment, and is written
with sorted keys, so that reruns give the same bytes apart from that one line.

:func:`verify` compares a card with the current inputs and environment, document by document
and package by package: ``python -m ordskifte verify``.
"""

from __future__ import annotations

import datetime as _dt
import importlib.metadata
import platform
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ordskifte.ingest.checksums import sha256_file

CARD_FORMAT = "ordskifte provenance card 1"
LOCK_NAME = "requirements.lock"
SOURCE_ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")


def normalise_name(name: str) -> str:
    """A distribution name as PEP 503 compares them: lowercase, runs of ``-_.`` as ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Pin:
    """One ``name==version [; marker]`` line of a requirements lock file."""

    name: str
    version: str
    marker: str | None = None

    def applies(self, environment: Mapping[str, str] | None = None) -> bool:
        """Whether the pin's environment marker holds here (or in ``environment``)."""
        if not self.marker:
            return True
        from packaging.markers import Marker

        return Marker(self.marker).evaluate(dict(environment) if environment else None)


def read_lock(path: str | Path) -> list[Pin]:
    """The pins of a requirements lock file (pip-tools / ``uv pip compile`` format).

    Hash, comment and option lines are skipped; a package may be pinned twice with
    different markers (one version for older Pythons, one for newer).
    """
    pins = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "-", "--")):
            continue
        match = _PIN.match(stripped)
        if not match:
            raise ValueError(
                f"{path}, line {number}: not a 'name==version' pin: {stripped!r}; "
                "make the lock file again with the command in docs/reproducibility.md"
            )
        name, version, marker = match.groups()
        pins.append(Pin(normalise_name(name), version, marker))
    return pins


def locked_versions(
    pins: Iterable[Pin], environment: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Package -> the version the lock pins for this platform and Python, sorted by name."""
    chosen: dict[str, str] = {}
    for pin in pins:
        if pin.applies(environment):
            chosen[pin.name] = pin.version
    return dict(sorted(chosen.items()))


def installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def package_versions(lock: str | Path | None) -> dict[str, dict[str, str | None]]:
    """``{package: {"locked": ..., "installed": ...}}`` for every package the lock pins here."""
    if lock is None or not Path(lock).is_file():
        return {}
    return {
        name: {"locked": version, "installed": installed_version(name)}
        for name, version in locked_versions(read_lock(lock)).items()
    }


def git_state(folder: str | Path = SOURCE_ROOT) -> dict[str, str | bool | None]:
    """The commit checked out in ``folder`` and whether tracked files differ from it.

    Untracked files (results, added documents, virtual environments) do not count. Both are
    ``None`` when ``folder`` is not in a git checkout or git is not installed. The command
    line is fixed: nothing from the config or the manifest reaches it.
    """

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(folder), *args],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except OSError:
            return None
        return done.stdout if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit.strip(), "dirty": None if status is None else bool(status.strip())}


def environment(lock: str | Path | None) -> dict:
    """The card's environment part: ordskifte, Python, the platform and the packages."""
    return {
        "ordskifte": {"version": installed_version("ordskifte"), **git_state()},
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "platform": {"system": platform.system(), "machine": platform.machine()},
        "packages": package_versions(lock),
    }


def display_path(path: str | Path, root: str | Path = SOURCE_ROOT) -> str:
    """``path`` as the card records it: relative to the working directory or, for a file that
    ships with ordskifte, to ``root`` (the Snakefile's folder), so that cards of the same
    inputs made in different folders agree."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    for base in (Path.cwd(), Path(root)):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _digest(path: str | Path, root: str | Path) -> dict[str, str | int | None]:
    """Path (:func:`display_path`), sha256 and size of a file; both ``None`` when it is
    missing (a document ``verify`` cannot find any more)."""
    if not Path(path).is_file():
        return {"path": display_path(path, root), "sha256": None, "bytes": None}
    return {
        "path": display_path(path, root),
        "sha256": sha256_file(path),
        "bytes": Path(path).stat().st_size,
    }


def _inputs(
    *,
    config: Mapping,
    manifest: str | Path,
    documents: Mapping[str, str | Path],
    resources: Mapping[str, str | Path],
    seed: int,
    environment: Mapping,
    root: str | Path,
) -> dict:
    """The card less its format and date: the environment, the seed and the digests."""
    return {
        **environment,
        "seed": seed,
        "config": dict(config),
        "manifest": _digest(manifest, root),
        "documents": {doc_id: _digest(path, root) for doc_id, path in sorted(documents.items())},
        "resources": {name: _digest(path, root) for name, path in sorted(resources.items())},
    }


def build_card(
    *,
    config_snapshot: str | Path,
    manifest: str | Path,
    documents: Mapping[str, str | Path],
    resources: Mapping[str, str | Path],
    seed: int,
    environment: Mapping,
    root: str | Path = SOURCE_ROOT,
    created: _dt.datetime | None = None,
) -> dict:
    """The provenance card of a run (see the module docstring for its parts).

    ``documents`` maps doc_id to the document's file; ``resources`` maps a name (the config
    key, e.g. ``stopwords.nb``) to a file the config names. Paths are recorded by
    :func:`display_path`. ``environment`` is :func:`environment` of the process that runs
    the workflow (with ``--sdm conda`` the jobs run in the conda envs of ``envs/``, which pin
    the same versions).
    """
    created = created or _dt.datetime.now(_dt.UTC)
    return {
        "card": CARD_FORMAT,
        "created": created.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **_inputs(
            config=_digest(config_snapshot, root),
            manifest=manifest,
            documents=documents,
            resources=resources,
            seed=seed,
            environment=environment,
            root=root,
        ),
    }


def current_card(
    *,
    config_text: str,
    manifest: str | Path,
    documents: Mapping[str, str | Path],
    resources: Mapping[str, str | Path],
    seed: int,
    lock: str | Path | None,
    root: str | Path = SOURCE_ROOT,
) -> dict:
    """A card of the current inputs and environment, as :func:`build_card` would write it for a
    run now: the config's sha256 is that of its snapshot text (``config_text``), and a file that
    does not exist has ``sha256`` ``None`` instead of stopping the check."""
    import hashlib

    data = config_text.encode("utf-8")
    config = {
        "path": "results/corpus/config.yaml",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    return {
        "card": CARD_FORMAT,
        **_inputs(
            config=config,
            manifest=manifest,
            documents=documents,
            resources=resources,
            seed=seed,
            environment=environment(lock),
            root=root,
        ),
    }


def without_created(card: Mapping) -> dict:
    """The card less its date: what two runs of the same inputs share byte for byte."""
    return {key: value for key, value in card.items() if key != "created"}


def read_card(path: str | Path) -> dict:
    """A card written by rule ``provenance``."""
    import json

    card = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(card, dict) or card.get("card") != CARD_FORMAT:
        raise ValueError(f"{path}: not an ordskifte provenance card ({CARD_FORMAT!r})")
    return card


# ------------------------------------------------------------------ verify
@dataclass(frozen=True)
class Difference:
    """One way the current inputs or environment differ from a card."""

    part: str  # documents, packages, config, ...
    item: str  # doc_id, package, ...
    recorded: str
    now: str


def _short(digest: str | None) -> str:
    return "missing" if digest is None else f"sha256 {digest[:12]}…"


def _file_differences(part: str, recorded: Mapping, now: Mapping) -> list[Difference]:
    out = []
    for name in sorted(set(recorded) | set(now)):
        old, new = recorded.get(name), now.get(name)
        if old is None:
            out.append(Difference(part, name, "not in the run", f"{new['path']} (added)"))
        elif new is None:
            out.append(Difference(part, name, f"{old['path']}", "not in the inputs any more"))
        elif old.get("sha256") != new.get("sha256"):
            where = old["path"] if old["path"] == new["path"] else f"{old['path']} → {new['path']}"
            out.append(
                Difference(
                    part, name, f"{_short(old.get('sha256'))} ({where})", _short(new.get("sha256"))
                )
            )
    return out


def _value(value) -> str:
    return "missing" if value is None else str(value)


def compare(card: Mapping, current: Mapping) -> list[Difference]:
    """Every difference between a recorded card and one of the current state, in card order.

    ``current`` has the card's shape (:func:`build_card`); ``created`` is never compared.
    Documents and resources are compared by sha256, packages by installed version; the seed
    is part of the config.
    """
    diffs: list[Difference] = []
    for part, keys in (
        ("ordskifte", ("version", "commit", "dirty")),
        ("python", ("version", "implementation")),
        ("platform", ("system", "machine")),
    ):
        for key in keys:
            old, new = card.get(part, {}).get(key), current.get(part, {}).get(key)
            if old != new:
                diffs.append(Difference(part, key, _value(old), _value(new)))
    old_packages, new_packages = card.get("packages", {}), current.get("packages", {})
    for name in sorted(set(old_packages) | set(new_packages)):
        old = (old_packages.get(name) or {}).get("installed")
        new = (new_packages.get(name) or {}).get("installed")
        if old != new:
            diffs.append(Difference("packages", name, _value(old), _value(new)))
    for part in ("config", "manifest"):
        old, new = card.get(part, {}), current.get(part, {})
        if old.get("sha256") != new.get("sha256"):
            diffs.append(
                Difference(
                    part,
                    old.get("path", part),
                    _short(old.get("sha256")),
                    _short(new.get("sha256")),
                )
            )
    diffs += _file_differences("documents", card.get("documents", {}), current.get("documents", {}))
    diffs += _file_differences("resources", card.get("resources", {}), current.get("resources", {}))
    return diffs


def config_differences(recorded: Mapping, now: Mapping, prefix: str = "") -> list[Difference]:
    """The config keys (dotted, nested) whose values differ between two effective configs."""
    diffs = []
    for key in sorted(set(recorded) | set(now), key=str):
        old, new = recorded.get(key), now.get(key)
        name = f"{prefix}{key}"
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            diffs += config_differences(old, new, prefix=f"{name}.")
        elif old != new:
            diffs.append(Difference("config", name, _value(old), _value(new)))
    return diffs


def report(card: Mapping, diffs: list[Difference], *, card_path: str | Path) -> str:
    """What ``verify`` prints: the card, then the differences part by part."""
    counts = {
        "documents": len(card.get("documents", {})),
        "packages": len(card.get("packages", {})),
    }
    lines = [
        f"{card_path}: made {card.get('created', '?')} by ordskifte "
        f"{_value(card.get('ordskifte', {}).get('version'))} "
        f"(commit {_value(card.get('ordskifte', {}).get('commit'))[:12]}) on Python "
        f"{_value(card.get('python', {}).get('version'))}; {counts['documents']} documents, "
        f"{counts['packages']} packages recorded"
    ]
    if not diffs:
        lines.append("no differences: the current inputs and environment are the ones recorded")
        return "\n".join(lines)
    for part in dict.fromkeys(d.part for d in diffs):
        items = [d for d in diffs if d.part == part]
        lines.append(f"{part} ({len(items)} differ):")
        lines += [f"  {d.item}: was {d.recorded}, now {d.now}" for d in items]
    lines.append(
        f"{len(diffs)} difference(s): results made now may differ from the recorded ones "
        "(docs/reproducibility.md says how to install the recorded versions)"
    )
    return "\n".join(lines)


# ------------------------------------------------------------------ the report page
def card_html(card: Mapping) -> str:
    """The card as a self-contained HTML page for the report: who made the results, from
    which inputs, with which packages (a package whose installed version is not the locked one
    is flagged)."""
    from html import escape

    def table(header: Sequence[str], rows: Iterable[Sequence]) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(_value(c))}</td>" for c in row) + "</tr>" for row in rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    made = card.get("ordskifte", {})
    dirty = {True: "yes: tracked files differ from the commit", False: "no", None: "unknown"}
    summary = [
        ("ordskifte", made.get("version")),
        ("git commit", made.get("commit") or "not a git checkout"),
        ("uncommitted changes", dirty[made.get("dirty")]),
        ("Python", f"{card['python']['version']} ({card['python']['implementation']})"),
        ("platform", f"{card['platform']['system']} {card['platform']['machine']}"),
        ("seed", card.get("seed")),
        ("created", card.get("created")),
    ]
    files = [
        (
            "config (effective)",
            card["config"]["path"],
            card["config"]["bytes"],
            card["config"]["sha256"],
        ),
        (
            "manifest",
            card["manifest"]["path"],
            card["manifest"]["bytes"],
            card["manifest"]["sha256"],
        ),
        *[(name, f["path"], f["bytes"], f["sha256"]) for name, f in card["resources"].items()],
    ]
    documents = [(d, f["path"], f["bytes"], f["sha256"]) for d, f in card["documents"].items()]
    packages = [
        (
            name,
            v["locked"],
            v["installed"],
            "" if v["locked"] == v["installed"] else "differs from the lock",
        )
        for name, v in card["packages"].items()
    ]
    off = sum(1 for row in packages if row[3])
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:1em auto;}"
        "table{border-collapse:collapse;margin-bottom:1.5em;}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;font-size:90%;}"
        "td:last-child{font-family:monospace;}"
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8"><title>Provenance</title>',
            f"<style>{style}</style></head><body>",
            "<h1>Provenance of these results</h1>",
            "<p>What made this results folder (<code>results/provenance.json</code>). "
            "<code>python -m ordskifte verify</code> compares it with the current inputs "
            "and environment.</p>",
            table(("", "value"), summary),
            "<h2>Configuration, manifest and word lists</h2>",
            table(("input", "path", "bytes", "sha256"), files),
            f"<h2>Documents ({len(documents)})</h2>",
            table(("doc_id", "file", "bytes", "sha256"), documents),
            f"<h2>Packages ({len(packages)}; {off} differ from the lock)</h2>",
            table(("package", "locked", "installed", "note"), packages),
            "</body></html>",
            "",
        ]
    )
