"""A run killed during the per-document steps completes on rerun, with the same results.

One working folder goes through what a user may do to a run (all with ``--cores 1``, so exactly
one job runs at a time and "mid-job" is well defined):

1. Ctrl-C: SIGINT to the whole process group while a ``document`` job is running. Snakemake
   prints "Terminating processes on user request, this might take some time.", then "Error in
   rule document:" for the stopped job and "WorkflowError: At least one job did not complete
   successfully.", exits with status 1 and releases its lock.
2. The same command again, killed with SIGKILL (``kill -9``, a power cut) while another
   ``document`` job is running. Nothing is cleaned up: the folder stays locked.
3. Recovery, as a user would do it: the same command stops with "LockException: Error:
   Directory cannot be locked. ... It can be removed with the --unlock argument.";
   ``snakemake --unlock`` ("Unlocked working directory."); then the same command again, which
   redoes the interrupted jobs.

The reruns need no ``--rerun-incomplete``: the workflow's default profile
(profiles/default/config.yaml, read also with ``--directory`` elsewhere) sets
``rerun-incomplete: true``. Without it, and only if the killed job had already written some of
its output, Snakemake refuses with "IncompleteFilesException: The files below seem to be
incomplete. ... To re-generate the files rerun your command with the --rerun-incomplete flag."
Whether a job has written its output when the signal lands cannot be timed reliably, so that
case is not tested here. Nor can the signal be timed to land inside a job for certain: a job
seen running may finish in the instant before it, and then the step is tried again.

The finished results must match the uninterrupted session run ``bundled_run`` byte for byte,
and per-document outputs that were finished before the Ctrl-C must be kept as they were, not
redone. Costs two partial runs of ~10 s and one completion (~1 minute on 2 cores).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from integration_helpers import (
    FULL_RUN_TIMEOUT,
    copy_bundled_corpus,
    file_hashes,
    file_states,
    run_snakemake,
    snakemake_command,
)

pytestmark = pytest.mark.integration

# per-document outputs checked for being kept (rule -> output), with their benchmark files
# (written only when a job succeeds) telling which jobs had finished
PARQUET_OUTPUTS = {"document": ("tokens/{doc}.parquet", "counts/{doc}.parquet")}

JOB_START = re.compile(r"^(?:local)?rule (\w+):$")
JOB_ID = re.compile(r"^\s+jobid: (\d+)$")
JOB_DOC = re.compile(r"^\s+wildcards: doc=([\w-]+)$")
JOB_FINISHED = re.compile(r"^Finished jobid: (\d+) \(Rule: (\w+)\)$")


class Started:
    """A ``snakemake`` started in its own process group, its output going to a file."""

    def __init__(self, proc: subprocess.Popen, log: Path) -> None:
        self.proc = proc
        self.log = log

    @property
    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def jobs(self, rule: str) -> tuple[list[str], list[str]]:
        """Documents whose ``rule`` job this run has (started but not finished, finished),
        read from Snakemake's own job messages."""
        started: dict[str, str] = {}  # jobid -> doc
        finished: set[str] = set()
        current, jobid = None, None
        for line in self.output.splitlines():
            if m := JOB_START.match(line):
                current, jobid = m.group(1), None
            elif current == rule and (m := JOB_ID.match(line)):
                jobid = m.group(1)
            elif current == rule and jobid and (m := JOB_DOC.match(line)):
                started[jobid] = m.group(1)
            elif (m := JOB_FINISHED.match(line)) and m.group(2) == rule:
                finished.add(m.group(1))
        running = [doc for job, doc in started.items() if job not in finished]
        return running, [doc for job, doc in started.items() if job in finished]

    def wait_until(self, condition: Callable[[], object], timeout: float = 300) -> object:
        """Poll ``condition()`` until it returns something true; fail if the run ends first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if value := condition():
                return value
            if self.proc.poll() is not None:
                code = self.proc.returncode
                pytest.fail(f"the run ended (exit {code}) too early:\n{self.tail()}")
            time.sleep(0.02)
        pytest.fail(f"timed out after {timeout} s waiting for the run:\n{self.tail()}")

    def signal_group(self, sig: signal.Signals, timeout: float = 120) -> int:
        """Send ``sig`` to Snakemake and its jobs (as Ctrl-C does), wait for Snakemake to end."""
        os.killpg(self.proc.pid, sig)
        return self.proc.wait(timeout=timeout)

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.output.splitlines()[-lines:])


def default_sigint() -> None:
    """In the child before exec: let SIGINT stop it. A shell without job control starts
    background commands (``pytest ... &``) with SIGINT ignored, and that would be inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def started_snakemake(workdir: Path, name: str) -> Iterator[Started]:
    """Start the workflow (``--cores 1``) in the background; SIGKILL what is left at the end."""
    log = workdir / f"{name}.out"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            snakemake_command(workdir, cores=1),
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=default_sigint,
        )
    try:
        yield Started(proc, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        else:
            try:  # jobs of a Snakemake that ended must not outlive it either
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def mid_document(run: Started, *, after: int) -> str | None:
    """The document of a running ``document`` job once ``after`` of them have finished."""
    running, finished = run.jobs("document")
    return running[0] if running and len(finished) >= after else None


def finished_outputs(workdir: Path) -> list[str]:
    """Per-document parquet files (relative to results/) of jobs that have finished."""
    paths = []
    for rule, patterns in PARQUET_OUTPUTS.items():
        for benchmark in sorted((workdir / "benchmarks" / rule).glob("*.tsv")):
            paths += [pattern.format(doc=benchmark.stem) for pattern in patterns]
    return paths


def interrupt_mid_document(
    workdir: Path, name: str, sig: signal.Signals, *, after: int, attempts: int = 3
) -> tuple[str, str, list[str]]:
    """Start the workflow and send ``sig`` while a ``document`` job runs, once ``after`` of
    them have finished in that run.

    A job seen running may still finish in the instant before the signal lands (its
    benchmark file, written only on success, then exists). That interruption did not hit a
    job, so it is tried again with the next document, unlocking first after a SIGKILL.
    Returns the interrupted document, the output of every attempt, and the per-document
    outputs that had finished before the signal.
    """
    outputs = []
    for attempt in range(1, attempts + 1):
        with started_snakemake(workdir, f"{name}-{attempt}") as run:
            doc = run.wait_until(lambda: mid_document(run, after=after))
            kept = finished_outputs(workdir)  # before the signal: these jobs had finished
            returncode = run.signal_group(sig)
        outputs.append(run.output)
        assert returncode != 0, run.tail()
        if sig == signal.SIGKILL:
            assert returncode == -signal.SIGKILL
        assert "LockException" not in run.output, run.tail()
        if not (workdir / "benchmarks" / "document" / f"{doc}.tsv").exists():
            return doc, "\n".join(outputs), kept
        if sig == signal.SIGKILL:
            unlock = run_snakemake(workdir, "--unlock", cores=1, timeout=120)
            assert unlock.returncode == 0, unlock.describe()
    pytest.fail(f"in {attempts} attempts every document job finished before the {sig.name}")


def test_killed_runs_complete_on_rerun_with_identical_results(tmp_path, bundled_run):
    workdir = tmp_path
    copy_bundled_corpus(workdir)
    results = workdir / "results"

    # 1. Ctrl-C while a document job runs
    doc_int, _, kept = interrupt_mid_document(workdir, "sigint", signal.SIGINT, after=1)
    assert any(p.startswith("tokens/") for p in kept), kept
    for rel in kept:
        assert len(pd.read_parquet(results / rel).columns) > 0, rel
    kept_states = {rel: state for rel, state in file_states(results).items() if rel in kept}
    assert sorted(kept_states) == sorted(kept)

    # 2. the same command again (no lock left after Ctrl-C), killed hard mid-job
    doc_kill, rerun_after_sigint, _ = interrupt_mid_document(
        workdir, "sigkill", signal.SIGKILL, after=3
    )

    # 3. recovery: the lock left by SIGKILL must be removed with --unlock first
    locked = run_snakemake(workdir, cores=1, timeout=120)
    assert locked.returncode != 0, locked.describe()
    assert "Directory cannot be locked" in locked.output, locked.describe()
    assert "--unlock" in locked.output, locked.describe()
    unlock = run_snakemake(workdir, "--unlock", cores=1, timeout=120)
    assert unlock.returncode == 0, unlock.describe()
    assert "Unlocked working directory." in unlock.output, unlock.describe()
    final = run_snakemake(workdir, timeout=FULL_RUN_TIMEOUT)
    assert final.returncode == 0, final.describe()

    # the interrupted jobs were redone ...
    redone = rerun_after_sigint + final.output
    for doc in (doc_int, doc_kill):
        assert re.search(rf"^\s+output: .*results/tokens/{doc}\.parquet\b", redone, re.M), doc
    # ... the ones finished before the Ctrl-C were kept as they were ...
    now = file_states(results)
    changed = sorted(rel for rel, state in kept_states.items() if now.get(rel) != state)
    assert not changed, f"finished outputs were rewritten after the interruption: {changed}"
    # ... and the results are those of an uninterrupted run
    expected = file_hashes(bundled_run.results, exclude=["report.html"])
    got = file_hashes(results)
    assert sorted(got) == sorted(expected), set(got) ^ set(expected)
    differ = sorted(p for p in got if got[p] != expected[p])
    assert not differ, f"results differ from an uninterrupted run: {differ}"
