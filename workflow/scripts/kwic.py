"""Rule `kwic`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import kwic_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
