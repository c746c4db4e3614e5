"""Rule `frequencies`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import frequencies_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: frequencies_step(
        sm.input.documents,
        sm.input.counts,
        doc_ids=sm.params.doc_ids,
        period_order=sm.params.periods,
        top_n=sm.params.top_n,
        by_period_out=sm.output.by_period,
        by_document_out=sm.output.by_document,
        top_terms_out=sm.output.top_terms,
        totals_out=sm.output.totals,
        corpus_out=sm.output.corpus,
    ),
)
