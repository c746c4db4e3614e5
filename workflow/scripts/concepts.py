"""Rule `concepts`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import concepts_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
