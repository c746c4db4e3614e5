"""Rule `tokenize`: thin adapter calling ordskifte.text.steps."""

from ordskifte.runner import run_logged
from ordskifte.text.steps import tokenize_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: tokenize_step(
        sm.input.text,
        sm.input.record,
        tokens_out=sm.output.tokens,
        record_out=sm.output.record,
        normalise=sm.params.normalise,
        variants=sm.params.variants,
        stopword_files=sm.params.stopwords,
        extra_stopwords=sm.params.extra_stopwords,
        min_token_length=sm.params.min_token_length,
        min_tokens=sm.params.min_tokens,
        concepts=sm.params.concepts,
        targets=sm.params.targets,
        lexicons=dict(zip(sm.params.lexicon_languages, sm.input.lexicons, strict=True)),
    ),
)
