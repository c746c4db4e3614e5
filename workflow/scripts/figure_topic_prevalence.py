"""Rule `figure_topic_prevalence`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import prevalence_figure  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: prevalence_figure(
        sm.input.table,
        sm.input.terms,
        periods=sm.params.periods,
        confidence=sm.params.confidence,
        png=sm.output.png,
        svg=sm.output.svg,
    ),
)
