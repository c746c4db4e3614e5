"""Rule `actor_rates`: thin adapter calling ordskifte.actors.steps."""

from ordskifte.actors.steps import actor_rates_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: actor_rates_step(
        sm.input.documents,
        sm.input.counts,
        sm.input.mentions,
        doc_ids=sm.params.doc_ids,
        actors=sm.params.actors,
        period_order=sm.params.periods,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        by_period_out=sm.output.by_period,
        by_year_out=sm.output.by_year,
        types_out=sm.output.types,
        by_document_out=sm.output.by_document,
    ),
)
