"""benchmarks/topics.py --quick: it runs, prints a row per shape and method, and the
configured choice of k finds the planted k of the quick shapes (u_mass misses one of them).
Deselect it with ``-m "not benchmark"``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.benchmark
@pytest.mark.slow
def test_topics_benchmark_quick(tmp_path):
    out = tmp_path / "topics.json"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.topics", "--quick", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[:4] == ["shape", "method", "planted_k", "chosen_k"]
    result = json.loads(out.read_text(encoding="utf-8"))
    rows = result["rows"]
    assert {(r["shape"], r["method"]) for r in rows} == {
        (shape, method)
        for shape in ("quick_k3", "quick_k4", "quick_k5")
        for method in ("bound", "u_mass")
    }
    bound = [r for r in rows if r["method"] == "bound"]
    assert all(r["chosen_k"] == r["planted_k"] for r in bound), bound
    assert all(r["recovered"] == r["planted"] for r in bound), bound
    u_mass = [r for r in rows if r["method"] == "u_mass"]
    assert any(r["chosen_k"] != r["planted_k"] for r in u_mass), u_mass
    totals = {s["method"]: s for s in result["summary"] if s["shape"] == "ALL"}
    assert totals["bound"]["k_right"] == 1.0


def test_topic_settings_leave_out_keys_an_older_config_lacks(tmp_path):
    """--stage-time --against runs an older checkout with its own config.yaml: keys it does
    not have are not passed to its step."""
    import yaml

    from benchmarks.topics import topic_settings

    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert topic_settings()["k_search"] == config["topics"]["k_search"]
    for key in ("k_search", "merge_passes", "k_criterion", "k_tolerance"):
        del config["topics"][key]
    old = tmp_path / "config.yaml"
    old.write_text(yaml.safe_dump(config), encoding="utf-8")
    settings = topic_settings(old)
    assert not {"k_search", "merge_passes", "k_criterion", "k_tolerance"} & set(settings)
    assert settings["n_seeds"] == config["topics"]["seeds"]
