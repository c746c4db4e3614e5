"""Rule `summary`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import summary_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: summary_step(
        sm.input.documents,
        sm.input.extract,
        sm.input.clean,
        sm.input.counts,
        tokenize_records=sm.input.tokenize,
        doc_ids=sm.params.doc_ids,
        languages=sm.params.languages,
        out=sm.output.summary,
        concepts=sm.params.concepts,
        targets=sm.params.targets,
        unmatched_out=sm.output.unmatched,
    ),
)
