"""Rule `figure_topic_periods`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import period_figures  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: period_figures(
        sm.input.prevalence,
        sm.input.global_terms,
        sm.input.alignment,
        list(sm.input.period_terms),
        names=sm.params.names,
        periods=sm.params.periods,
        confidence=sm.params.confidence,
        threshold=sm.params.threshold,
        prevalence_out=(sm.output.prevalence_png, sm.output.prevalence_svg),
        lineages_out=(sm.output.lineages_png, sm.output.lineages_svg),
    ),
)
