"""Rule `documents`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import documents_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: documents_step(
        sm.input[0],
        periods=sm.params.periods,
        out=sm.output[0],
    ),
)
