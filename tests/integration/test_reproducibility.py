"""The provenance card of a real run, `verify` on it, and a second environment made from the
lock files giving the same result tables."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from integration_helpers import ROOT, file_hashes

from ordskifte.ingest.manifest import read_manifest

pytestmark = pytest.mark.integration


def test_the_card_lists_the_installed_versions_and_every_input(bundled_run):
    card = json.loads((bundled_run.results / "provenance.json").read_text(encoding="utf-8"))
    assert card["packages"], "no packages recorded"
    for name, versions in card["packages"].items():
        assert versions["installed"] == importlib.metadata.version(name), name
        assert versions["locked"] == versions["installed"], f"{name}: not the locked version"
    manifest = read_manifest(bundled_run.workdir / "corpus" / "documents.tsv")
    assert sorted(card["documents"]) == sorted(manifest["doc_id"])
    for doc_id, file in zip(manifest["doc_id"], manifest["file"], strict=True):
        data = (bundled_run.workdir / "corpus" / file).read_bytes()
        assert card["documents"][doc_id]["sha256"] == hashlib.sha256(data).hexdigest()
        assert card["documents"][doc_id]["path"] == f"corpus/{file}"
    snapshot = (bundled_run.results / "corpus" / "config.yaml").read_bytes()
    assert card["config"]["sha256"] == hashlib.sha256(snapshot).hexdigest()
    assert card["seed"] == yaml.safe_load(snapshot)["seed"]
    page = (bundled_run.results / "provenance.html").read_text(encoding="utf-8")
    assert card["ordskifte"]["commit"] in page or "not a git checkout" in page


def _verify(workdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ordskifte", "verify"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_verify_finds_nothing_after_a_run_and_then_the_changed_document(bundled_run, tmp_path):
    """The run's own inputs verify clean; one changed byte in one document is named."""
    shutil.copytree(bundled_run.workdir / "corpus", tmp_path / "corpus")
    (tmp_path / "results" / "corpus").mkdir(parents=True)
    for name in ("provenance.json", "corpus/config.yaml"):
        shutil.copy(bundled_run.results / name, tmp_path / "results" / name)
    # the run's config: the shipped one with the manifest the tests give by --config
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["manifest"] = "corpus/documents.tsv"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")

    clean = _verify(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no differences" in clean.stdout

    manifest = read_manifest(tmp_path / "corpus" / "documents.tsv")
    doc_id, file = manifest["doc_id"].iloc[3], manifest["file"].iloc[3]
    with open(tmp_path / "corpus" / file, "a", encoding="utf-8") as fh:
        fh.write("\n")
    changed = _verify(tmp_path)
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "documents (1 differ):" in changed.stdout
    assert f"  {doc_id}: was sha256 " in changed.stdout


FRESH = os.environ.get("ORDSKIFTE_FRESH_RESULTS")


@pytest.mark.skipif(
    not FRESH,
    reason="ORDSKIFTE_FRESH_RESULTS is not set (CI sets it to the results of .ci/fresh-run)",
)
def test_a_second_environment_from_the_lock_gives_identical_tables(bundled_run):
    """.ci/fresh-run installs the README's first command into a new virtual environment in a
    fresh clone and runs the bundled corpus; the tests run in another environment made from
    the locks. Every table, Parquet file and JSON record agrees byte for byte. Left out: the
    config snapshot and the card (the tests give the manifest another path), the input's path
    in the extraction records, and the figures and pages (drawn, not computed)."""
    fresh = Path(FRESH)
    assert (fresh / "provenance.json").is_file(), f"{fresh} holds no results of a fresh run"
    tables = (".tsv", ".parquet", ".json")
    skip = {"corpus/config.yaml", "provenance.json"}

    def kept(folder: Path) -> dict[str, str]:
        hashes = {p: h for p, h in file_hashes(folder).items() if p.endswith(tables)}
        for path in [p for p in hashes if p.endswith(".extract.json")]:
            # the extraction record names the input file by its path, and the tests keep the
            # corpus in corpus/ instead of resources/corpus/: compare the rest
            record = json.loads((folder / path).read_text(encoding="utf-8"))
            record.pop("file")
            hashes[path] = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        return {p: h for p, h in hashes.items() if p not in skip}

    ours, theirs = kept(bundled_run.results), kept(fresh)
    assert sorted(ours) == sorted(theirs), set(ours) ^ set(theirs)
    differ = sorted(p for p in ours if ours[p] != theirs[p])
    assert not differ, f"tables differ between the two environments: {differ}"
    card = json.loads((fresh / "provenance.json").read_text(encoding="utf-8"))
    assert all(v["locked"] == v["installed"] for v in card["packages"].values())
