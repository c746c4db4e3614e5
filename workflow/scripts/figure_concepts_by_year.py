"""Rule `figure_concepts_by_year`: thin adapter calling ordskifte.figure_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.figure_steps import concepts_by_year_figure  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: concepts_by_year_figure(
        sm.input[0],
        periods=sm.params.periods,
        concepts=sm.params.concepts,
        confidence=sm.params.confidence,
        png=sm.output.png,
        svg=sm.output.svg,
    ),
)
