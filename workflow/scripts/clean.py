"""Rule `clean`: thin adapter calling ordskifte.text.steps."""

from ordskifte.runner import run_logged
from ordskifte.text.steps import clean_step

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
