"""Rule `count`: thin adapter calling ordskifte.text.steps."""

from ordskifte.runner import run_logged
from ordskifte.text.steps import count_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: count_step(
        sm.input[0],
        counts_out=sm.output[0],
        concept_names=sm.params.concepts,
        target_names=sm.params.targets,
    ),
)
