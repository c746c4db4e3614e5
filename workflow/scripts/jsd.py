"""Rule `jsd`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import jsd_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: jsd_step(
        sm.input[0],
        period_order=sm.params.periods,
        top_terms=sm.params.top_terms,
        pairs_out=sm.output.pairs,
        terms_out=sm.output.terms,
    ),
)
