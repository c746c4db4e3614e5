"""Rule `births`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import births_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: births_step(
        sm.input.documents,
        sm.input.by_period,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        period_order=sm.params.periods,
        min_freq=sm.params.min_freq,
        window=sm.params.window,
        per_term=sm.params.per_term,
        events_out=sm.output.events,
        evidence_out=sm.output.evidence,
    ),
)
