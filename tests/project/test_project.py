"""Project-level checks: lint, formatting, the README's commands and the conda envs."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_snakemake_lint_is_clean():
    result = _run(str(BIN / "snakemake"), "--lint")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_snakefmt_is_clean():
    result = _run(str(BIN / "snakefmt"), "--check", "Snakefile", "workflow/rules")
    assert result.returncode == 0, result.stdout + result.stderr


def _quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)^## ", text, flags=re.M | re.S)
    assert section, "README has no '## Quick start' section"
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", section.group(1), flags=re.S)
    assert block, "Quick start has no fenced code block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_quick_start_has_two_commands_run_first():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "snakemake" in commands[0] and "--report" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start_commands()[1]
    # CI may add -q to pip; everything else must be the README's command.
    assert test_command.replace("pip install -e", "pip install -q -e") in ci


def _names(requirements) -> set[str]:
    out = set()
    for req in requirements:
        name = re.split(r"[<>=!~\[ ]", req, maxsplit=1)[0].strip().lower()
        out.add(name.replace("_", "-"))
    return out


@pytest.mark.parametrize("env", sorted((ROOT / "envs").glob("*.yaml")), ids=lambda p: p.name)
def test_conda_env_lists_the_project_dependencies(env):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"])
    deps = yaml.safe_load(env.read_text(encoding="utf-8"))["dependencies"]
    listed = _names(d for d in deps if isinstance(d, str)) - {"python", "pip"}
    assert listed == wanted


# ------------------------------------------------------------------ safe reading of user input
UNSAFE_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "os.system",
    "yaml.load",
    "yaml.unsafe_load",
    "yaml.full_load",
    "pickle.load",
    "pickle.loads",
    "pd.read_pickle",
    "subprocess.Popen",
    "subprocess.run",
    "subprocess.call",
}
CODE = sorted(
    [
        *ROOT.glob("ordskifte/*.py"),
        *ROOT.glob("workflow/scripts/*.py"),
        *ROOT.glob("workflow/rules/*.smk"),
        ROOT / "Snakefile",
    ]
)


def _dotted(node) -> str:
    import ast

    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_unsafe_calls_on_config_or_manifest_text(path):
    """Config and manifest are read with safe loaders only; nothing is evaluated or run."""
    import ast

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        calls = {_dotted(n.func) for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call)}
        assert not calls & UNSAFE_CALLS, sorted(calls & UNSAFE_CALLS)
    else:  # Snakemake files are not plain Python: look for the names themselves
        for name in UNSAFE_CALLS - {"__import__"}:
            assert not re.search(rf"(?<![\w.]){re.escape(name)}\(", text), name
        assert "shell:" not in text and "run:" not in text
