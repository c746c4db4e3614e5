"""Rule `topic_alignment`: thin adapter calling ordskifte.topics.steps."""

from ordskifte.runner import run_logged
from ordskifte.topics.steps import alignment_step

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
