"""Rule `jsd`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import jsd_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: jsd_step(
        sm.input[0],
        period_order=sm.params.periods,
        top_terms=sm.params.top_terms,
        pairs_out=sm.output.pairs,
        terms_out=sm.output.terms,
    ),
)
