"""What the runtime needs is declared as a runtime dependency, never left to an extra.

``pip install -e .`` alone must run the README's first command: the Snakefile and its rule
scripts, the package they call (also ``python -m ordskifte add``) and ``snakemake --report``.
The test extra brings pytest, which pulls in pygments, so a test environment hides a missing
runtime dependency; these checks read the declarations instead, and CI also runs the first
command in a new environment with nothing else installed (``.ci/fresh-run``).
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# What the runtime uses without importing it, and what uses it.
USED_WITHOUT_IMPORT = {
    "pygments": "snakemake --report (Snakemake's reports extra)",
    "pyarrow": "pandas reading and writing Parquet",
}

RUNTIME_CODE = sorted(
    [
        *ROOT.glob("ordskifte/**/*.py"),
        *ROOT.glob("workflow/scripts/*.py"),
        *ROOT.glob("workflow/rules/*.smk"),
        ROOT / "Snakefile",
    ]
)


def _imports(path: Path) -> set[str]:
    """Top-level names of the modules ``path`` imports (also inside functions)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":  # Snakefile and .smk: Python import lines
        return set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", text, flags=re.M))
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _third_party(names: set[str]) -> set[str]:
    return {n for n in names if n not in sys.stdlib_module_names and n != "ordskifte"}


def _declared(requirements: list[str]) -> dict[str, Requirement]:
    reqs = (Requirement(r) for r in requirements)
    return {canonicalize_name(r.name): r for r in reqs}


def _closure(requirements: list[str]) -> set[str]:
    """Every distribution ``pip install`` of these requirements brings, read from the metadata
    of the installed distributions (markers evaluated here, extras followed)."""
    seen: set[str] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker and not req.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(req.name)
        key = f"{name}[{','.join(sorted(req.extras))}]"
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = md.distribution(name).requires or []
        except md.PackageNotFoundError:
            continue
        for extra_name in ["", *sorted(req.extras)]:
            todo += [(Requirement(r), extra_name) for r in requires]
    return {key.split("[")[0] for key in seen}


@functools.cache
def _packages_distributions() -> dict[str, list[str]]:
    return md.packages_distributions()


def _distributions(module: str) -> list[str]:
    return [canonicalize_name(d) for d in _packages_distributions().get(module, [module])]


@pytest.mark.parametrize("path", RUNTIME_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_runtime_imports_are_runtime_dependencies(path):
    """Each third-party import of runtime code is a direct runtime dependency (not an extra's,
    and not merely something another package happens to bring)."""
    runtime = _declared(PROJECT["dependencies"])
    missing = {
        module: _distributions(module)
        for module in _third_party(_imports(path))
        if not any(d in runtime for d in _distributions(module))
    }
    assert not missing, f"{path.relative_to(ROOT)} imports {missing}, not in [project.dependencies]"


@pytest.mark.parametrize("package, user", sorted(USED_WITHOUT_IMPORT.items()))
def test_what_runs_without_an_import_comes_with_the_runtime(package, user):
    assert package in _closure(PROJECT["dependencies"]), (
        f"{package} (needed by {user}) is not brought by [project.dependencies]"
    )


def test_pygments_comes_from_snakemakes_reports_extra():
    snakemake = _declared(PROJECT["dependencies"])["snakemake"]
    assert "reports" in snakemake.extras, str(snakemake)


def test_closure_sees_what_an_extra_brings():
    """The checks above can fail: pytest brings pygments, snakemake without an extra does not."""
    assert "pygments" in _closure(["pytest"])
    assert "pygments" not in _closure(["snakemake"])


def test_slurm_profile_runs_with_the_slurm_extra_alone():
    profile = yaml.safe_load((ROOT / "profiles/slurm/config.yaml").read_text(encoding="utf-8"))
    plugin = f"snakemake-executor-plugin-{profile['executor']}"
    assert plugin in _declared(PROJECT["optional-dependencies"]["slurm"])
