"""Rule `group_tables`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import group_tables_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: group_tables_step(
        sm.input.documents,
        sm.input.counts,
        doc_ids=sm.params.doc_ids,
        column=sm.wildcards.group,
        pairs=sm.params.pairs,
        min_count=sm.params.min_count,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        frequencies_out=sm.output.frequencies,
        totals_out=sm.output.totals,
        keyness_out=sm.output.keyness,
        concepts_out=sm.output.concepts,
    ),
)
