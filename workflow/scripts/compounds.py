"""Rule `compounds`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import compounds_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: compounds_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        patterns=dict(sm.params.patterns),
        period_order=sm.params.periods,
        out=sm.output[0],
    ),
)
