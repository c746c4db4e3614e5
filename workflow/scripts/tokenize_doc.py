"""Rule `tokenize`: thin adapter calling ordskifte.steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.steps import tokenize_step  # noqa: E402

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
