"""Rule `word_shift`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import word_shift_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: word_shift_step(
        sm.input[0],
        period_order=sm.params.periods,
        top_terms=sm.params.top_terms,
        out=sm.output[0],
    ),
)
