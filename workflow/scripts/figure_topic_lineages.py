"""Rule `figure_topic_lineages`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import lineage_figure  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: lineage_figure(
        sm.input.alignment,
        sm.input.terms,
        names=sm.params.names,
        periods=sm.params.periods,
        threshold=sm.params.threshold,
        png=sm.output.png,
        svg=sm.output.svg,
    ),
)
