"""Rule `fetch`: thin adapter calling ordskifte.fetch."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.fetch import fetch_document  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: fetch_document(
        **sm.params.row,
        out=sm.output[0],
        lock=sm.params.lock,
        max_bytes=sm.params.max_bytes,
        timeout=sm.params.timeout,
    ),
)
