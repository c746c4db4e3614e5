"""The code's layout: one sub-package per stage, imports running one way.

A stage has one name across its rule file (``workflow/rules/<stage>.smk``), its sub-package
(``ordskifte/<stage>/``) and its report category. Imports run rule scripts → a stage's
``steps`` → that stage's logic → lower stages' logic → the shared modules; no cycles.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ordskifte"

#: The stages in the order data flows through them; a stage may use the logic of the stages
#: before it (never their steps or figures), never of those after it or beside it.
STAGES = {
    "ingest": 0,
    "text": 1,
    "tables": 2,
    "semantic": 3,
    "topics": 3,
    "actors": 3,
    "explorer": 4,
}
#: Shared modules below every stage: they import no stage.
SHARED = {"io", "runner", "stats", "corpus", "style"}
#: The command line above every stage (``python -m ordskifte add``).
COMMAND_LINE = {"__init__", "__main__", "cli", "add"}
#: Rule files that belong to no stage.
WORKFLOW_ONLY = {"common", "resources", "targets"}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The ordskifte modules ``path`` imports, at any depth (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ordskifte")}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if not node.module.startswith("ordskifte"):
                continue
            for alias in node.names:  # `from ordskifte.tables import figures` names a module
                candidate = f"{node.module}.{alias.name}"
                is_module = (ROOT / (candidate.replace(".", "/") + ".py")).exists()
                found.add(candidate if is_module else node.module)
    return found


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else None


def test_every_module_belongs_to_a_stage_or_is_shared():
    loose = {
        m
        for m in MODULES
        if _stage(m) is None
        and m != "ordskifte"
        and m.split(".")[-1] not in SHARED | COMMAND_LINE | set(STAGES)
    }
    assert not loose, f"modules outside the stage packages and not shared: {sorted(loose)}"


def test_each_stage_package_has_its_steps():
    for stage in STAGES:
        assert (PACKAGE / stage / "steps.py").exists(), stage


def test_no_import_cycle():
    visiting, done = [], set()

    def visit(module):
        if module in done:
            return
        if module in visiting:
            cycle = visiting[visiting.index(module) :] + [module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        visiting.append(module)
        for other in sorted(GRAPH[module]):
            visit(other)
        visiting.pop()
        done.add(module)

    for module in sorted(GRAPH):
        visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    here = _stage(module)
    leaf = module.split(".")[-1]
    for other in sorted(GRAPH[module]):
        there = _stage(other)
        if leaf in SHARED and len(module.split(".")) == 2:
            assert there is None and other.split(".")[-1] in SHARED, (
                f"shared module {module} imports {other}"
            )
        if here and there and there != here:
            assert STAGES[there] < STAGES[here], (
                f"{module} imports {other}: stage {there} is not before stage {here}"
            )
            assert other.split(".")[-1] not in ("steps", "figures"), (
                f"{module} imports another stage's {other}"
            )
        if there is None and here:
            assert other.split(".")[-1] in SHARED, f"{module} imports {other} (command line)"


SCRIPTS = sorted((ROOT / "workflow" / "scripts").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_rule_scripts_are_thin_adapters_of_the_installed_package(script):
    text = script.read_text(encoding="utf-8")
    assert "sys.path" not in text, f"{script.name} edits sys.path; import the installed package"
    imported = _imports(script) - {"ordskifte.runner"}
    stages = {_stage(m) for m in imported}
    assert len(stages) == 1 and None not in stages, f"{script.name} imports {sorted(imported)}"


def _rule_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted((ROOT / "workflow" / "rules").glob("*.smk"))}


def test_one_rule_file_per_stage():
    assert set(_rule_files()) - WORKFLOW_ONLY == set(STAGES)


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_stage_has_one_name_in_rules_scripts_and_report(stage):
    text = _rule_files()[stage].read_text(encoding="utf-8")
    categories = set(re.findall(r'\bcategory="([^"]+)"', text))
    assert categories <= {stage}, f"{stage}.smk reports under {categories}"
    for script in re.findall(r'script:\s*\n\s*"\.\./scripts/(\w+)\.py"', text):
        imported = _imports(ROOT / "workflow" / "scripts" / f"{script}.py")
        assert {_stage(m) for m in imported if m != "ordskifte.runner"} == {stage}, script


def test_rule_scripts_find_the_package_where_it_is_not_installed():
    """Under ``--sdm conda`` the job's environment has the packages but not ordskifte; Snakemake
    appends a local script's folder to ``sys.path``, where ``workflow/scripts/ordskifte``
    links to the package (after any installed copy, so an install wins)."""
    import subprocess
    import sys

    link = ROOT / "workflow" / "scripts" / "ordskifte"
    assert link.is_symlink() and link.resolve() == PACKAGE
    code = (
        "import sys; sys.path.append(sys.argv[1]); import ordskifte.runner, ordskifte; "
        "print(ordskifte.__file__)"
    )
    # -I -S: no site-packages, no PYTHONPATH, no current folder: only the scripts' folder
    found = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(link.parent)],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.strip()
    assert Path(found).resolve() == PACKAGE / "__init__.py"


def test_test_module_names_are_unique_across_tests():
    """pytest imports test modules by their base name (rootdir-relative, no packages), so a
    name used twice in tests/ stops the whole collection."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
