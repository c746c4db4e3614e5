"""Rule `term_evidence`: thin adapter calling ordskifte.drift_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.drift_steps import term_evidence_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
