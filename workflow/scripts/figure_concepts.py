"""Rule `figure_concepts`: thin adapter calling ordskifte.figure_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.figure_steps import concept_figures  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: concept_figures(
        sm.input.by_period,
        sm.input.by_year,
        periods=sm.params.periods,
        concepts=sm.params.concepts,
        confidence=sm.params.confidence,
        by_period_out=(sm.output.by_period_png, sm.output.by_period_svg),
        by_year_out=(sm.output.by_year_png, sm.output.by_year_svg),
    ),
)
