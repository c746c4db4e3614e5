"""Rule `keyness`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import keyness_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: keyness_step(
        sm.input.by_period,
        sm.input.totals,
        target=sm.wildcards.period,
        reference=sm.params.reference,
        min_count=sm.params.min_count,
        out=sm.output[0],
    ),
)
