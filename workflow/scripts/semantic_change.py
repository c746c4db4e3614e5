"""Rule `semantic_change`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import semantic_change_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: semantic_change_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        period_order=sm.params.periods,
        window=sm.params.window,
        min_freq=sm.params.min_freq,
        dimensions=sm.params.dimensions,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        max_words=sm.params.max_words,
        out=sm.output[0],
    ),
)
