"""Rule `lexicon`: thin adapter calling ordskifte.text.steps."""

from ordskifte.runner import run_logged
from ordskifte.text.steps import lexicon_step

sm = snakemake  # noqa: F821
run_logged(sm.log[0], lambda: lexicon_step(sm.wildcards.lang, lexicon_out=sm.output.table))
