"""Fixtures for the integration tests: the real workflow, run in temporary folders.

Every run goes into a pytest temporary directory, never into the checkout's own results/.
The bundled corpus is run once per session (``bundled_run``) and shared by the tests that
only read its results; a test that changes anything works on a copy of it.
"""

from __future__ import annotations

import pytest
from integration_helpers import Run, copy_bundled_corpus, run_snakemake


def _full_run(workdir, cores: int) -> Run:
    copy_bundled_corpus(workdir)
    run = run_snakemake(workdir, cores=cores)
    if run.returncode != 0:
        pytest.fail(f"the workflow failed on the bundled corpus:\n{run.describe()}")
    return run


@pytest.fixture(scope="session")
def bundled_run(tmp_path_factory) -> Run:
    """The whole workflow on a copy of the bundled corpus, ``--cores 4``, once per session.

    Tests treat it as read-only, except for the report that the report test adds.
    ``--cores 4`` (more than the 2 cores the test machine has: Snakemake just runs up to 4
    jobs at once) so that this run and ``bundled_run_one_core`` together are both "two full
    runs" and "``--cores 1`` vs ``--cores 4``" for the determinism test.
    """
    return _full_run(tmp_path_factory.mktemp("bundled"), cores=4)


@pytest.fixture(scope="session")
def bundled_run_one_core(tmp_path_factory) -> Run:
    """A second, independent full run of the bundled corpus, with ``--cores 1``."""
    return _full_run(tmp_path_factory.mktemp("bundled-one-core"), cores=1)
