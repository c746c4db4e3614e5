"""Rule `topic_prevalence`: thin adapter calling ordskifte.topics.steps."""

from ordskifte.runner import run_logged
from ordskifte.topics.steps import prevalence_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: prevalence_step(
        sm.input[0],
        period_order=sm.params.periods,
        iterations=sm.params.iterations,
        seed=sm.params.seed,
        confidence=sm.params.confidence,
        by_period_out=sm.output.by_period,
        by_year_out=sm.output.by_year,
    ),
)
