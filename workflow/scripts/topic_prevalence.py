"""Rule `topic_prevalence`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import prevalence_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: prevalence_step(
        sm.input[0],
        period_order=sm.params.periods,
        iterations=sm.params.iterations,
        seed=sm.params.seed,
        confidence=sm.params.confidence,
        by_period_out=sm.output.by_period,
        by_year_out=sm.output.by_year,
    ),
)
