"""Rule `extract`: thin adapter calling ordskifte.ingest.steps."""

from ordskifte.ingest.steps import extract_step
from ordskifte.runner import run_logged

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
