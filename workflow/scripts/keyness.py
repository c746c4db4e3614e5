"""Rule `keyness`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import keyness_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: keyness_step(
        sm.input.by_period,
        sm.input.totals,
        target=sm.wildcards.period,
        reference=sm.params.reference,
        min_count=sm.params.min_count,
        out=sm.output[0],
    ),
)
