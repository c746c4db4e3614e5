"""Rule `word_shift`: thin adapter calling ordskifte.drift_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.drift_steps import word_shift_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: word_shift_step(
        sm.input[0],
        period_order=sm.params.periods,
        top_terms=sm.params.top_terms,
        out=sm.output[0],
    ),
)
