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
        sm.input.tokens,
        documents=sm.params.documents,
        target_tokens=sm.params.target_tokens,
        name=sm.wildcards.segments,
        out=sm.output[0],
    ),
)
