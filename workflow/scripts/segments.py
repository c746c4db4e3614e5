"""Rule `segments`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import segments_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: segments_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        periods=sm.params.periods,
        target_tokens=sm.params.target_tokens,
        outputs=dict(zip(sm.params.names, sm.output, strict=True)),
    ),
)
