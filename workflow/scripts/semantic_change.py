"""Rule `semantic_change`: thin adapter calling ordskifte.drift_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.drift_steps import semantic_change_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
