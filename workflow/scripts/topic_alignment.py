"""Rule `topic_alignment`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import alignment_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: alignment_step(
        sm.input.matrices,
        sm.input.stability,
        names=sm.params.names,
        period_order=sm.params.periods,
        threshold=sm.params.threshold,
        alignment_out=sm.output.alignment,
        lineages_out=sm.output.lineages,
        links_out=sm.output.links,
        stability_out=sm.output.stability,
    ),
)
