"""Rule `compounds`: thin adapter calling ordskifte.drift_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.drift_steps import compounds_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
