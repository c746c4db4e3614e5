"""Rule `semantic_change_pair`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import semantic_change_pair_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: semantic_change_pair_step(
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        periods=sm.params.periods,
        pair=sm.params.pair,
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
