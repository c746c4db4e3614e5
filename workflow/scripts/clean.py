"""Rule `clean`: thin adapter calling ordskifte.steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.steps import clean_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: clean_step(
        sm.input.raw,
        sm.input.record,
        text_out=sm.output.text,
        footnotes_out=sm.output.footnotes,
        record_out=sm.output.record,
        default_language=sm.params.default_language,
        languages=sm.params.languages,
    ),
)
