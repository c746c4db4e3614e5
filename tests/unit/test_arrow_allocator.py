"""Arrow's buffers come from the C library's malloc in every job (``ordskifte/__init__.py``):
Arrow's own allocator hands large freed buffers back to the system at once, and a job that
builds million-row columns then pays for every page again. The variable only works if it is
set before pyarrow is first imported, so the order of imports is tested too."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "workflow" / "scripts").glob("*.py"))


def _backend(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    out = subprocess.run(
        [sys.executable, "-c", code + "\nprint(pyarrow.default_memory_pool().backend_name)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**environ, **env},
    )
    return out.stdout.strip()


def test_importing_the_package_chooses_malloc_for_arrow():
    assert _backend("import ordskifte.text.columns\nimport pyarrow") == "system"


def test_without_the_package_arrow_keeps_its_own_allocator():
    # The check above could not fail if pyarrow used malloc anyway.
    assert _backend("import pyarrow") != "system"


@pytest.mark.parametrize("chosen", ["mimalloc", "jemalloc"])
def test_a_pool_the_user_chose_is_kept(chosen):
    assert _backend("import ordskifte\nimport pyarrow", ARROW_DEFAULT_MEMORY_POOL=chosen) == chosen


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_every_rule_script_imports_the_package_first(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    first = next(node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom))
    if isinstance(first, ast.ImportFrom):
        name = first.module or ""
    else:
        name = first.names[0].name
    assert name.split(".")[0] == "ordskifte", f"{script.name} imports {name} first"


def test_the_rule_script_preamble_does_not_import_pyarrow():
    # Snakemake runs a few lines of its own before the script (unpickling its `snakemake`
    # object); they must leave pyarrow unimported for the variable to take effect.
    code = "import sys\nfrom snakemake import script\nprint('pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
