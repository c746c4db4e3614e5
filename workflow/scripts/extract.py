"""Rule `extract`: thin adapter calling ordskifte.steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.steps import extract_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: extract_step(
        sm.input[0],
        raw_out=sm.output.raw,
        record_out=sm.output.record,
        doc_id=sm.wildcards.doc,
    ),
)
