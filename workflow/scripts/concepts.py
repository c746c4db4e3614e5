"""Rule `concepts`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import concepts_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: concepts_step(
        sm.input.documents,
        sm.input.counts,
        doc_ids=sm.params.doc_ids,
        period_order=sm.params.periods,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        by_period_out=sm.output.by_period,
        by_year_out=sm.output.by_year,
        by_document_out=sm.output.by_document,
        corpus_out=sm.output.corpus,
    ),
)
