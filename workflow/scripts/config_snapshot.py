"""Rule `config_snapshot`: thin adapter calling ordskifte.ingest.steps."""

from ordskifte.ingest.steps import write_config_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: write_config_step(
        sm.params.config,
        out=sm.output[0],
    ),
)
