"""Rule `segments`: thin adapter calling ordskifte.topics.steps."""

from ordskifte.runner import run_logged
from ordskifte.topics.steps import segments_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: segments_step(
        sm.input.tokens,
        documents=sm.params.documents,
        parts=sm.input.parts,
        order=sm.params.order,
        target_tokens=sm.params.target_tokens,
        name=sm.wildcards.segments,
        out=sm.output[0],
    ),
)
