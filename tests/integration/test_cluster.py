"""The workflow on a real single-node SLURM cluster, through profiles/slurm, and the cluster
rules every run keeps (each job writes only its declared outputs).

The SLURM test needs root and apt-get: ``tests/cluster/slurm.sh start`` installs Debian's
Slurm packages and starts munge, MariaDB, slurmdbd, slurmctld and slurmd on localhost. It runs
when ``CI=true`` or ``ORDSKIFTE_SLURM_TEST=1``, and is skipped otherwise, with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from integration_helpers import (
    BUNDLED_CORPUS,
    ROOT,
    Run,
    copy_bundled_corpus,
    file_hashes,
    run_snakemake,
    snakemake_command,
)

SLURM_SH = ROOT / "tests" / "cluster" / "slurm.sh"
PROFILE = ROOT / "profiles" / "slurm"
# The run is wrapped in `timeout -s INT`: when the executor cannot read job states it retries
# for ever and ignores SIGTERM, but stops on SIGINT (Ctrl-C).
CLUSTER_RUN_TIMEOUT = 900
SUBMITTED = re.compile(r"has been submitted with SLURM jobid (\d+)")
# The cluster run leaves out the topic models and the figures: every SLURM job costs about 6 s
# of start-up on a 2-core CI machine (Snakemake starts twice per job), and those ~40 jobs
# would add about 4 minutes. Every other rule runs (each document's steps, every table).
NOT_ON_CLUSTER = ("figures/", "topics/", "segments/")
TOPIC_RULES = {"segments", "topic_model", "topic_prevalence", "topic_alignment", "topic_dynamic"}


def cluster_targets(local: Run) -> list[str]:
    """The local run's result files but those of the topic models and the figures."""
    files = file_hashes(local.results, exclude=["report.html"])
    return sorted(f"results/{p}" for p in files if not p.startswith(NOT_ON_CLUSTER))


def _why_no_cluster() -> str | None:
    """Why the SLURM test cannot run here, or None when it can."""
    if os.environ.get("CI") != "true" and os.environ.get("ORDSKIFTE_SLURM_TEST") != "1":
        return "set CI=true or ORDSKIFTE_SLURM_TEST=1 to start a SLURM cluster on this machine"
    if os.geteuid() != 0:
        return "starting a SLURM cluster needs root (apt-get install, daemons)"
    if not shutil.which("apt-get") and not shutil.which("slurmctld"):
        return "no apt-get to install Slurm (Debian packages) and no slurmctld installed"
    return None


@pytest.fixture(scope="session")
def slurm_cluster():
    """A single-node SLURM cluster for the session; every daemon started is stopped after."""
    reason = _why_no_cluster()
    if reason:
        pytest.skip(reason)
    start = time.monotonic()
    started = subprocess.run(
        ["bash", str(SLURM_SH), "start"], capture_output=True, text=True, timeout=600
    )
    try:
        if started.returncode != 0:
            pytest.fail(f"slurm.sh start failed:\n{started.stdout}\n{started.stderr}")
        yield time.monotonic() - start
    finally:
        subprocess.run(["bash", str(SLURM_SH), "stop"], capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def slurm_run(slurm_cluster, bundled_run, tmp_path_factory) -> Run:
    """The bundled corpus through ``--workflow-profile profiles/slurm``, as a user would run it
    (the profile unchanged), for every result but the topic models and figures
    (:data:`NOT_ON_CLUSTER`). ``--cores 2`` caps the cores asked for at once at what the node
    has; the first status check comes after 5 s instead of 40, the next ones every 2 s
    instead of 10, so a finished job frees its slot sooner."""
    workdir = tmp_path_factory.mktemp("slurm")
    copy_bundled_corpus(workdir)
    command = snakemake_command(
        workdir,
        "--workflow-profile",
        str(PROFILE),
        "--slurm-init-seconds-before-status-checks",
        "5",
        "--seconds-between-status-checks",
        "2",
        targets=cluster_targets(bundled_run),
        cores=2,
    )
    command = ["timeout", "-s", "INT", "-k", "60", str(CLUSTER_RUN_TIMEOUT), *command]
    start = time.monotonic()
    proc = subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)
    run = Run(workdir, command, proc.returncode, proc.stdout, proc.stderr, 0.0)
    run.seconds = time.monotonic() - start
    print(f"SLURM setup {slurm_cluster:.0f} s, workflow through SLURM {run.seconds:.0f} s")
    return run


@pytest.mark.cluster
@pytest.mark.integration
def test_slurm_run_matches_the_local_run(slurm_run, bundled_run):
    """Every job went through sbatch and SLURM's accounting saw it complete; results/ is
    byte-identical to the local ``--cores 4`` run (less the topic models and figures, left out
    of the cluster run, and the report another test adds)."""
    assert slurm_run.returncode == 0, slurm_run.describe()

    job_ids = sorted(set(SUBMITTED.findall(slurm_run.output)), key=int)
    assert job_ids, f"no SLURM job ids in the Snakemake log:\n{slurm_run.describe()}"
    # Only rule `all` (no work) runs in the Snakemake process itself.
    local = set(re.findall(r"^localrule (\w+):", slurm_run.output, flags=re.M))
    assert local <= {"all"}, local

    sacct = subprocess.run(
        ["sacct", "-X", "-n", "-P", "-o", "JobID,State,Comment", "-j", ",".join(job_ids)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sacct.returncode == 0, sacct.stderr
    rows = [line.split("|") for line in sacct.stdout.splitlines()]
    states = {job: state for job, state, _ in rows}
    assert sorted(states, key=int) == job_ids
    assert set(states.values()) == {"COMPLETED"}, states
    # The executor puts the rule (and wildcards) in the job's comment: every rule of the local
    # run has its jobs (a document's steps are one job, rule `document`).
    in_sacct = {re.sub(r"^rule_|_wildcards_.*$", "", comment) for _, _, comment in rows}
    ran_locally = set(re.findall(r"^(?:local)?rule (\w+):", bundled_run.output, flags=re.M))
    left_out = TOPIC_RULES | {r for r in ran_locally if r.startswith("figure_")}
    expected = ran_locally - left_out - {"all"}
    assert in_sacct == expected, in_sacct ^ expected

    targets = set(cluster_targets(bundled_run))
    local_hashes = {
        p: h
        for p, h in file_hashes(bundled_run.results, exclude=["report.html"]).items()
        if f"results/{p}" in targets
    }
    slurm_hashes = file_hashes(slurm_run.results)
    assert len(local_hashes) > 150, len(local_hashes)
    assert sorted(slurm_hashes) == sorted(local_hashes), set(slurm_hashes) ^ set(local_hashes)
    differ = sorted(p for p in local_hashes if local_hashes[p] != slurm_hashes[p])
    assert not differ, f"results differ between SLURM and the local run: {differ}"


def _declared_outputs(workdir: Path) -> set[str]:
    """Output files of every job of the workflow, from ``snakemake --summary``."""
    run = run_snakemake(workdir, "--summary", timeout=300)
    assert run.returncode == 0, run.describe()
    rows = [line.split("\t") for line in run.stdout.splitlines()]
    header = rows.index(["output_file", "date", "rule", "log-file(s)", "status", "plan"])
    return {row[0] for row in rows[header + 1 :] if row and row[0]}


def test_jobs_write_only_their_declared_outputs(bundled_run):
    """A job on a cluster node may only write what the workflow knows of (its outputs, log and
    benchmark): every file under results/ is a declared output, nothing else appears in the
    working folder, and the corpus is left as it was."""
    declared = _declared_outputs(bundled_run.workdir)
    written = {f"results/{p}" for p in file_hashes(bundled_run.results, exclude=["report.html"])}
    assert written == declared, sorted(written ^ declared)
    top = {p.name for p in bundled_run.workdir.iterdir()}
    assert top <= {"corpus", "results", "logs", "benchmarks", ".snakemake"}, top
    assert file_hashes(bundled_run.workdir / "corpus") == file_hashes(BUNDLED_CORPUS)
