"""Rule `frequencies`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import frequencies_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
