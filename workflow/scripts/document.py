"""Rule `document`: thin adapter calling ordskifte.text.steps."""

from ordskifte.runner import run_logged
from ordskifte.text.steps import document_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: document_step(
        sm.input.source,
        doc_id=sm.wildcards.doc,
        raw_out=sm.output.raw,
        extract_record_out=sm.output.extract_record,
        text_out=sm.output.text,
        footnotes_out=sm.output.footnotes,
        clean_record_out=sm.output.clean_record,
        tokens_out=sm.output.tokens,
        tokens_record_out=sm.output.tokens_record,
        counts_out=sm.output.counts,
        default_language=sm.params.default_language,
        languages=sm.params.languages,
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
