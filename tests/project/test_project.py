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
    assert test_command in ci.replace("pip install -q ", "pip install ")


def test_readme_commands_install_from_the_locks():
    first, second = _quick_start_commands()
    # --no-deps: the locks are complete, and pip must not resolve past them (an older pip
    # resolves a dependency with extras, lxml[html_clean], against the newest lxml and fails).
    assert "pip install --no-deps -r requirements.lock && " in first
    assert "pip install --no-deps -r requirements-test.lock && " in second
    for command in (first, second):
        assert "pip install --no-deps -e ." in command


def test_the_environment_installed_from_the_lock_is_complete():
    """With ``--no-deps`` pip brings only what the lock lists; ``pip check`` finds any package
    whose requirements the lock left out (CI runs it on the fresh run's environment too)."""
    result = _run(sys.executable, "-m", "pip", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_first_command_on_a_fresh_clone_before_the_tests():
    """.ci/fresh-run reads the README's first command from a fresh clone (not a copy of it)."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    fresh = (ROOT / ".ci" / "fresh-run").read_text(encoding="utf-8")
    assert ci.index(".ci/fresh-run") < ci.index("python -m pytest")
    assert "git clone" in fresh and "README.md" in fresh and "pip check" in fresh
    assert _quick_start_commands()[0] not in fresh
    lines = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert "set -e" in "\n".join(lines), "CI must stop when the fresh run fails"


def _requirements(requirements) -> dict[str, str]:
    """Package name (lowercase, ``-`` for ``_``) -> its requirement without spaces."""
    out = {}
    for req in requirements:
        name = re.split(r"[<>=!~\[ ]", req, maxsplit=1)[0].strip().lower()
        out[name.replace("_", "-")] = req.replace(" ", "")
    return out


ENVS = sorted((ROOT / "envs").glob("*.yaml"))
# Import names that differ from the package name, and packages used without an import
# (pandas reads and writes Parquet through pyarrow).
DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "yaml": "pyyaml",
    "docx": "python-docx",
    "odf": "odfpy",
}
IMPLIED = {"pandas": {"pyarrow"}}
# The workflow engine runs the jobs; the jobs' environments do not need it. packaging reads
# the lock file's markers when the workflow starts (the provenance card's environment).
NOT_IN_JOB_ENVS = {"snakemake", "packaging"}


def _env_requirements(env: Path) -> dict[str, str]:
    deps = yaml.safe_load(env.read_text(encoding="utf-8"))["dependencies"]
    return {
        name: req
        for name, req in _requirements(d for d in deps if isinstance(d, str)).items()
        if name not in {"python", "pip"}
    }


def _project_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return _requirements(project["dependencies"])


def _lock(name: str) -> dict[str, str]:
    """Package -> version a lock file pins for Python 3.11 to 3.13 on Linux."""
    from ordskifte.ingest.provenance import locked_versions, read_lock

    return locked_versions(
        read_lock(ROOT / name),
        {
            "python_full_version": "3.11.7",
            "python_version": "3.11",
            "sys_platform": "linux",
            "platform_machine": "x86_64",
            "platform_system": "Linux",
            "os_name": "posix",
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
        },
    )


@pytest.mark.parametrize("env", ENVS, ids=lambda p: p.name)
def test_conda_env_pins_the_versions_of_the_lock(env):
    """Every package of an env is pinned (==) to the version requirements.lock pins."""
    lock = _lock("requirements.lock")
    for name, req in _env_requirements(env).items():
        assert req == f"{name}=={lock.get(name)}", (
            f"{env.name}: {req} vs the lock's {lock.get(name)}"
        )


def test_lock_pins_every_dependency_within_pyproject():
    """requirements.lock pins each [project.dependencies] entry to a version the entry admits,
    and requirements-test.lock pins every package of the runtime lock to the same version
    and adds the test extra."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock, test_lock = _lock("requirements.lock"), _lock("requirements-test.lock")
    for declared, pins in (
        (project["dependencies"], lock),
        (project["optional-dependencies"]["test"], test_lock),
    ):
        for text in declared:
            req = Requirement(text)
            name = req.name.lower().replace("_", "-")
            assert name in pins, f"{name} is not in the lock: make the locks again"
            assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} vs {text}"
    differ = {n: (v, test_lock.get(n)) for n, v in lock.items() if test_lock.get(n) != v}
    assert not differ, f"the test lock pins other versions: {differ}"


def test_conda_envs_together_list_the_project_dependencies():
    listed = set().union(*(_env_requirements(env) for env in ENVS))
    assert listed == set(_project_requirements()) - NOT_IN_JOB_ENVS


def _third_party_imports(path: Path, seen: set[Path]) -> set[str]:
    """Top-level names of the non-stdlib modules ``path`` imports, following the imports of
    ordskifte modules (at any depth, also those inside functions)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
            if node.module == "ordskifte":  # from ordskifte import plots
                names += [f"ordskifte.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] != "ordskifte":
                found.add(name.split(".")[0])
                continue
            module = ROOT / (name.replace(".", "/") + ".py")
            if module.exists() and module not in seen:
                seen.add(module)
                found |= _third_party_imports(module, seen)
    return found - set(sys.stdlib_module_names)


def _rules() -> list[tuple[str, Path, Path]]:
    """(rule, conda env, script) of every rule."""
    rules = []
    for smk in sorted((ROOT / "workflow" / "rules").glob("*.smk")):
        text = smk.read_text(encoding="utf-8")
        for block in re.split(r"^(?=rule \w+:)", text, flags=re.M)[1:]:
            name = re.match(r"rule (\w+):", block).group(1)
            env = re.search(r'conda:\n\s+"([^"]+)"', block)
            script = re.search(r'script:\n\s+"([^"]+)"', block)
            assert env and script, f"rule {name} has no conda: or script:"
            rules.append((name, smk.parent / env.group(1), smk.parent / script.group(1)))
    return rules


@pytest.mark.parametrize("rule, env, script", _rules(), ids=lambda v: getattr(v, "name", v))
def test_each_rule_env_has_what_its_script_imports(rule, env, script):
    assert env.resolve().parent == ROOT / "envs", f"rule {rule}: {env}"
    needed = {
        DISTRIBUTIONS.get(m, m.replace("_", "-")) for m in _third_party_imports(script, set())
    }
    needed |= set().union(*(IMPLIED.get(p, set()) for p in needed))
    missing = needed - NOT_IN_JOB_ENVS - set(_env_requirements(env.resolve()))
    assert not missing, f"rule {rule}: {env.name} lacks {sorted(missing)}"


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
        *ROOT.glob("ordskifte/**/*.py"),
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


# The provenance card asks git for the commit, with a fixed command line.
ALLOWED_CALLS = {"ordskifte/ingest/provenance.py": {"subprocess.run"}}


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_unsafe_calls_on_config_or_manifest_text(path):
    """Config and manifest are read with safe loaders only; nothing is evaluated or run."""
    import ast

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        calls = {_dotted(n.func) for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call)}
        unsafe = calls & UNSAFE_CALLS - ALLOWED_CALLS.get(str(path.relative_to(ROOT)), set())
        assert not unsafe, sorted(unsafe)
    else:  # Snakemake files are not plain Python: look for the names themselves
        for name in UNSAFE_CALLS - {"__import__"}:
            assert not re.search(rf"(?<![\w.]){re.escape(name)}\(", text), name
        assert "shell:" not in text and "run:" not in text
