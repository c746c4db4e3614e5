"""The benchmark harness (benchmarks/run.py): its --quick mode runs, and its log parsers.

``--quick`` runs the preprocessing comparison on a small text, the document jobs on a
40k-token text and a 20-page PDF, and the workflow (without its topic stage) on a 0.2 M-token
synthetic corpus (a few minutes on two cores), writing its results to a temporary file.
Deselect it with ``-m "not benchmark"``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("ordskifte_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# A Snakemake 9 log as the rerun after adding a document writes it (shortened).
RERUN_LOG = """\
Building DAG of jobs...
Provided cores: 2
Job stats:
job                          count
-------------------------  -------
documents                        1
extract                          1
topic_model                      4
all                              1
total                            7

Select jobs to execute...

[Thu Nov 26 09:19:17 2026]
localrule extract:
    input: corpus/scale/added-0000.txt
    output: results/text/added-0000.raw.txt, results/text/added-0000.extract.json
    jobid: 6
    reason: Missing output files: results/text/added-0000.extract.json
    wildcards: doc=added-0000
    resources: tmpdir=/tmp

[Thu Nov 26 09:19:17 2026]
localrule documents:
    input: corpus/documents.tsv
    output: results/corpus/documents.tsv
    jobid: 2
    resources: tmpdir=/tmp

[Thu Nov 26 09:19:19 2026]
rule topic_model:
    output: results/topics/frivillig/model.json
    jobid: 20
    wildcards: model=frivillig
    resources: tmpdir=/tmp
Finished jobid: 20 (Rule: topic_model)
"""


def test_parse_job_stats(bench):
    assert bench.parse_job_stats(RERUN_LOG) == {
        "documents": 1,
        "extract": 1,
        "topic_model": 4,
        "all": 1,
    }
    assert bench.parse_job_stats("Nothing to be done.") == {}


def test_parse_jobs(bench):
    assert bench.parse_jobs(RERUN_LOG) == [
        {"rule": "extract", "wildcards": {"doc": "added-0000"}},
        {"rule": "documents", "wildcards": {}},
        {"rule": "topic_model", "wildcards": {"model": "frivillig"}},
    ]


def test_targets_pass_fail_and_missing(bench):
    results = {
        "preprocessing": {
            "routes": {"ordskifte": {"tokens_per_second": 2e6}},
            "ratios": {"ordskifte_vs_spacy": 3.0, "ordskifte_vs_regex": None},
        },
        "documents": {
            "figures": {
                "ordskifte": {
                    "text_tokens_per_second": 1e6,
                    "text_vs_spacy": 2.5,
                    "pdf_vs_pypdf": None,
                }
            }
        },
        "end_to_end": [
            {"name": "1M", "returncode": 1, "seconds": 50.0, "peak_rss_bytes": 1e9},
            {"name": "4M", "returncode": 0, "seconds": 170.0, "peak_rss_bytes": 1e9},
            {"name": "10M", "returncode": 0, "seconds": 600.0, "peak_rss_bytes": 2e9},
        ],
        "rerun": {
            "base": "4M",
            "returncode": 0,
            "share_of_full_run": 0.1,
            "only_new_document_and_aggregates": True,
        },
        "bundled": {"skipped": "--quick"},
    }
    rows = {row["name"]: row["pass"] for row in bench.targets(results)}
    assert rows == {
        "preprocessing tokens/s (one core)": True,
        "preprocessing vs spaCy route": True,
        "preprocessing vs regex limit": None,
        "text document, all its jobs, tokens/s": False,
        "text document jobs vs spaCy route": True,
        "PDF, all its jobs, vs pypdf extract_text": None,
        "1M end to end wall time": None,
        "4M end to end wall time": True,
        "4M end to end peak RSS": True,
        "10M time / 4M time": False,
        "add-one-document rerun / full 4M run": True,
        "rerun touches only the new document + aggregates": True,
        "bundled corpus end to end": None,
    }


@pytest.mark.benchmark
@pytest.mark.integration
@pytest.mark.slow
def test_quick_benchmark_writes_every_result(bench, tmp_path):
    default = ROOT / "benchmarks" / "results.json"
    before = default.read_bytes() if default.exists() else None
    output = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--quick",
            "--output",
            str(output),
            "--workdir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "PASS" in proc.stdout or "FAIL" in proc.stdout  # the targets table
    results = json.loads(output.read_text(encoding="utf-8"))
    assert list(results) == list(bench.RESULT_KEYS)
    assert results["mode"] == "quick" and results["errors"] == []

    machine = results["machine"]
    for key in ("cpu_model", "cpu_count", "ram_bytes", "python", "packages", "git"):
        assert machine[key], key
    assert machine["packages"]["snakemake"] and machine["packages"]["simplemma"]

    pre = results["preprocessing"]
    assert pre["word_tokens"] == 40_000
    for route in ("ordskifte", "regex", "spacy"):
        entry = pre["routes"][route]
        assert entry.get("tokens_per_second", 0) > 0 or "skipped" in entry, (route, entry)
    assert pre["routes"]["ordskifte"]["route_word_tokens"] == 40_000
    stages = set(pre["routes"]["ordskifte"]["stages_seconds"])
    assert stages == {"document"}
    assert set(pre["ratios"]) == {"ordskifte_vs_spacy", "ordskifte_vs_regex"}
    assert pre["ratios"]["ordskifte_vs_regex"] > 0

    (run,) = results["end_to_end"]
    assert run["name"] == "0.2M" and run["returncode"] == 0
    assert run["corpus"]["tokens"] == 200_000 and run["corpus"]["documents"] >= 2
    # the pipeline's own count also has the numbers (references, section numbers)
    assert 200_000 <= run["corpus"]["tokens_counted_by_pipeline"] < 202_000
    assert run["seconds"] > 0 and run["peak_rss_bytes"] > 50e6
    assert run["seconds_per_million_tokens"] == pytest.approx(run["seconds"] / 0.2, rel=1e-3)
    assert run["job_stats"]["document"] == run["corpus"]["documents"]
    assert run["jobs_run"] == sum(run["job_stats"].values())
    assert run["rules"]["stages"]["document"]["jobs"] == run["corpus"]["documents"]

    documents = results["documents"]
    assert documents["text_tokens"] == 40_000 and documents["pdf_pages"] == 20
    for doc in ("text", "pdf", "pdf-text"):
        assert documents["runs"]["ordskifte"][doc]["best_seconds"] > 0, doc
    figures = documents["figures"]["ordskifte"]
    assert figures["text_tokens_per_second"] > 0 and figures["pdf_pages_per_second"] > 0
    # the PDF's text layer gives the words of its text version
    words = documents["pdf_words_vs_text"]
    assert words["pdf_words"] == words["pdf-text_words"] > 5_000
    assert words["only_in_pdf"] == words["only_in_pdf-text"] == 0

    assert "skipped" in results["rerun"] and "skipped" in results["bundled"]
    names = [row["name"] for row in results["targets"]]
    assert len(names) == 13 and len(set(names)) == 13
    for row in results["targets"]:
        assert set(row) == {"name", "value", "op", "target", "unit", "pass"}
    first = results["targets"][0]
    assert first["value"] == pre["routes"]["ordskifte"]["tokens_per_second"]
    assert first["pass"] == (first["value"] >= 1.5e6)
    # quick results never replace the committed full results
    after = default.read_bytes() if default.exists() else None
    assert after == before
