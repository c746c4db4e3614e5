"""Rule `count`: thin adapter calling ordskifte.steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.steps import count_step  # noqa: E402

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
