"""Rule `figure_semantic_change`: thin adapter calling ordskifte.figure_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.figure_steps import semantic_change_figure  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: semantic_change_figure(
        sm.input[0],
        periods=sm.params.periods,
        n=sm.params.n,
        confidence=sm.params.confidence,
        png=sm.output.png,
        svg=sm.output.svg,
    ),
)
