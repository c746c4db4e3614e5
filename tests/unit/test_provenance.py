"""The provenance card and `python -m ordskifte verify`: the lock file read, the card built
deterministically, and every changed document, config key and package version reported."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import shutil
from pathlib import Path

import pytest
import yaml

from ordskifte.cli import load_config, main
from ordskifte.ingest import provenance
from ordskifte.ingest.settings import effective_config
from ordskifte.ingest.steps import provenance_step, write_config_step

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / provenance.LOCK_NAME

LOCK_TEXT = """\
# a comment
numpy==2.4.6 ; python_full_version < '3.14' \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
    # via pandas
numpy==2.5.5 ; python_full_version >= '3.14' \\
    --hash=sha256:cccc
colorama==0.4.6 ; sys_platform == 'win32' \\
    --hash=sha256:dddd
Snakemake_Interface.Common==1.23.0 \\
    --hash=sha256:eeee
"""


def test_read_lock_keeps_pins_and_markers_and_skips_hashes(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK_TEXT, encoding="utf-8")
    pins = provenance.read_lock(lock)
    assert [(p.name, p.version) for p in pins] == [
        ("numpy", "2.4.6"),
        ("numpy", "2.5.5"),
        ("colorama", "0.4.6"),
        ("snakemake-interface-common", "1.23.0"),
    ]
    assert pins[0].marker == "python_full_version < '3.14'"


def test_locked_versions_apply_the_markers_of_the_environment(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(LOCK_TEXT, encoding="utf-8")
    pins = provenance.read_lock(lock)
    linux_311 = {"python_full_version": "3.11.7", "sys_platform": "linux"}
    windows_314 = {"python_full_version": "3.14.0", "sys_platform": "win32"}
    assert provenance.locked_versions(pins, linux_311) == {
        "numpy": "2.4.6",
        "snakemake-interface-common": "1.23.0",
    }
    assert provenance.locked_versions(pins, windows_314) == {
        "colorama": "0.4.6",
        "numpy": "2.5.5",
        "snakemake-interface-common": "1.23.0",
    }


def test_a_line_that_is_not_a_pin_is_refused_with_its_line(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==3.1.1\nnumpy>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 2: not a 'name==version' pin: 'numpy>=2'"):
        provenance.read_lock(lock)


def test_the_shipped_lock_pins_what_this_environment_has_installed():
    """The test environment is installed from the locks: every runtime pin is installed."""
    versions = provenance.package_versions(LOCK)
    assert {"gensim", "pandas", "scikit-learn", "snakemake", "nltk"} <= set(versions)
    for name, pair in versions.items():
        assert pair["installed"] == importlib.metadata.version(name), name


def _project(tmp_path: Path) -> Path:
    """A project folder: the shipped config with a manifest of two documents in corpus/."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Selvhjelp er frivillig arbeid.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Folkehelse og selvhjelp.\n", encoding="utf-8")
    (corpus / "manifest.tsv").write_text(
        "doc_id\tfile\ttitle\tyear\tgenre\tlanguage\tcitation\n"
        "a\ta.txt\tA\t1991\ttest\tnb\tA (1991)\n"
        "b\tb.txt\tB\t2005\ttest\tnb\tB (2005)\n",
        encoding="utf-8",
    )
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["manifest"] = "corpus/manifest.tsv"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path


def _run_card(project: Path) -> dict:
    """What rule provenance writes for the project (the snapshot first, as the workflow does)."""
    config = load_config(project / "config.yaml")
    actors = yaml.safe_load((ROOT / config["actors"]).read_text(encoding="utf-8"))["actors"]
    effective = effective_config(config, actors=actors)
    write_config_step(effective, out=str(project / "results/corpus/config.yaml"))
    resources = {f"stopwords.{k}": str(ROOT / v) for k, v in config["stopwords"].items()}
    resources["actors"] = str(ROOT / config["actors"])
    provenance_step(
        config_snapshot="results/corpus/config.yaml",
        manifest="corpus/manifest.tsv",
        documents={"a": "corpus/a.txt", "b": "corpus/b.txt"},
        resources=resources,
        seed=config["seed"],
        environment=provenance.environment(LOCK),
        card_out="results/provenance.json",
        page_out="results/provenance.html",
    )
    return provenance.read_card(project / "results/provenance.json")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(_project(tmp_path))
    return tmp_path


def test_the_card_records_inputs_environment_and_seed(project):
    card = _run_card(project)
    assert card["documents"]["a"] == {
        "path": "corpus/a.txt",
        "bytes": 31,
        "sha256": provenance.sha256_file(project / "corpus/a.txt"),
    }
    assert card["manifest"]["path"] == "corpus/manifest.tsv"
    assert card["config"]["path"] == "results/corpus/config.yaml"
    # shipped word lists are recorded relative to the Snakefile's folder, not this machine's
    assert card["resources"]["stopwords.nb"]["path"] == "resources/stopwords/nb.txt"
    assert card["resources"]["actors"]["path"] == "resources/actors.yaml"
    assert card["seed"] == 20190626
    assert card["python"]["version"].count(".") == 2
    assert card["packages"]["gensim"]["installed"] == importlib.metadata.version("gensim")
    assert card["ordskifte"]["version"] == importlib.metadata.version("ordskifte")
    page = (project / "results/provenance.html").read_text(encoding="utf-8")
    assert "corpus/a.txt" in page and card["documents"]["a"]["sha256"] in page


def test_two_cards_of_the_same_inputs_differ_in_their_date_only(project):
    first = _run_card(project)
    (project / "results/provenance.json").unlink()
    second = _run_card(project)
    assert provenance.without_created(first) == provenance.without_created(second)
    assert dt.datetime.strptime(second["created"], "%Y-%m-%dT%H:%M:%SZ")
    text = (project / "results/provenance.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and '"created": ' in text


def test_a_package_that_is_not_the_locked_version_is_flagged_on_the_page():
    card = {
        "ordskifte": {"version": "0.1.0", "commit": None, "dirty": None},
        "python": {"version": "3.11.7", "implementation": "CPython"},
        "platform": {"system": "Linux", "machine": "x86_64"},
        "seed": 1,
        "created": "2026-01-01T00:00:00Z",
        "config": {"path": "c", "bytes": 1, "sha256": "0"},
        "manifest": {"path": "m", "bytes": 1, "sha256": "0"},
        "documents": {},
        "resources": {},
        "packages": {
            "gensim": {"locked": "4.4.0", "installed": "4.3.3"},
            "pandas": {"locked": "3.1.1", "installed": "3.1.1"},
        },
    }
    page = provenance.card_html(card)
    assert "Packages (2; 1 differ from the lock)" in page
    assert page.count("differs from the lock") == 1
    assert "not a git checkout" in page


def _verify(capsys, *args: str) -> tuple[int, str]:
    code = main(["verify", *args])
    return code, capsys.readouterr().out


def test_verify_finds_nothing_when_nothing_changed(project, capsys):
    _run_card(project)
    code, out = _verify(capsys)
    assert code == 0, out
    assert "no differences" in out and "2 documents" in out


def test_verify_names_a_changed_document(project, capsys):
    _run_card(project)
    (project / "corpus/b.txt").write_text("Folkehelse og selvhjelp!\n", encoding="utf-8")
    code, out = _verify(capsys)
    assert code == 1
    assert "documents (1 differ):" in out
    assert "  b: was sha256 " in out and "(corpus/b.txt), now sha256 " in out
    assert "  a:" not in out


def test_verify_names_added_and_removed_documents(project, capsys):
    _run_card(project)
    shutil.copy(project / "corpus/a.txt", project / "corpus/c.txt")
    manifest = project / "corpus/manifest.tsv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    lines = [lines[0], lines[1], "c\tc.txt\tC\t2006\ttest\tnb\tC (2006)"]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _verify(capsys)
    assert code == 1
    assert "  b: was corpus/b.txt, now not in the inputs any more" in out
    assert "  c: was not in the run, now corpus/c.txt (added)" in out
    assert "manifest (1 differ)" in out


def test_verify_names_the_changed_config_key(project, capsys):
    _run_card(project)
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    config["seed"] = 7
    config["topics"]["k_max"] = 6
    (project / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    code, out = _verify(capsys)
    assert code == 1
    assert "  seed: was 20190626, now 7" in out
    assert "  topics.k_max: was 12, now 6" in out


def test_verify_names_a_package_whose_version_changed(project, capsys):
    card = _run_card(project)
    card["packages"]["gensim"]["installed"] = "4.3.3"
    (project / "results/provenance.json").write_text(json.dumps(card), encoding="utf-8")
    code, out = _verify(capsys)
    assert code == 1
    now = importlib.metadata.version("gensim")
    assert f"packages (1 differ):\n  gensim: was 4.3.3, now {now}" in out


def test_verify_without_a_card_says_what_to_do(project, capsys):
    code = main(["verify", "--results", "elsewhere"])
    err = capsys.readouterr().err
    assert code == 2
    assert "elsewhere/provenance.json not found; run the workflow first" in err


def test_a_file_that_is_not_a_card_is_refused(tmp_path):
    path = tmp_path / "provenance.json"
    path.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(ValueError, match="not an ordskifte provenance card"):
        provenance.read_card(path)
