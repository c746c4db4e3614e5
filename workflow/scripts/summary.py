"""Rule `summary`: thin adapter calling ordskifte.aggregates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.aggregates import summary_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: summary_step(
        sm.input.documents,
        sm.input.extract,
        sm.input.clean,
        sm.input.counts,
        tokenize_records=sm.input.tokenize,
        doc_ids=sm.params.doc_ids,
        languages=sm.params.languages,
        out=sm.output[0],
    ),
)
