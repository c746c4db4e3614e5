"""Rule `term_evidence`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import term_evidence_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: term_evidence_step(
        sm.input.documents,
        sm.input.word_shift,
        sm.input.semantic_change,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        shift_terms=sm.params.shift_terms,
        change_terms=sm.params.change_terms,
        window=sm.params.window,
        per_term=sm.params.per_term,
        out=sm.output[0],
    ),
)
