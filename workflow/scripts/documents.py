"""Rule `documents`: thin adapter calling ordskifte.ingest.steps."""

from ordskifte.ingest.steps import documents_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: documents_step(
        sm.input[0],
        periods=sm.params.periods,
        out=sm.output[0],
    ),
)
