"""Rule `fetch`: thin adapter calling ordskifte.ingest.fetch."""

from ordskifte.ingest.fetch import fetch_document
from ordskifte.runner import run_logged

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
