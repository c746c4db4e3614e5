"""Rule `semantic_change`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import semantic_change_step

sm = snakemake  # noqa: F821
run_logged(sm.log[0], lambda: semantic_change_step(sm.input.pairs, out=sm.output[0]))
