"""Rule `kwic`: thin adapter calling ordskifte.tables.steps."""

from ordskifte.runner import run_logged
from ordskifte.tables.steps import kwic_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: kwic_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        patterns={name: sm.params.patterns[name] for name in sm.params.names},
        window=sm.params.window,
        outputs=dict(zip(sm.params.names, sm.output, strict=True)),
    ),
)
