"""Rule `explorer`: thin adapter calling ordskifte.explorer.steps."""

from ordskifte.explorer.steps import explorer_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: explorer_step(
        documents=sm.input.documents,
        summary=sm.input.summary,
        tokens=sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        by_period=sm.input.by_period,
        by_document=sm.input.by_document,
        corpus=sm.input.corpus,
        period_totals=sm.input.period_totals,
        keyness=dict(zip(sm.params.period_names, sm.input.keyness, strict=True)),
        concepts_by_period=sm.input.concepts_by_period,
        concepts_by_year=sm.input.concepts_by_year,
        concepts_corpus=sm.input.concepts_corpus,
        collocates=dict(zip(sm.params.kwic_names, sm.input.collocates, strict=True)),
        kwic=dict(zip(sm.params.kwic_names, sm.input.kwic, strict=True)),
        actors_by_period=sm.input.actors_by_period,
        actors_by_year=sm.input.actors_by_year,
        actors_kwic=sm.input.actors_kwic,
        periods=sm.params.periods,
        concepts=sm.params.concepts,
        targets=sm.params.targets,
        min_count=sm.params.min_count,
        kwic_lines=sm.params.kwic_lines,
        collocates_shown=sm.params.collocates,
        max_mb=sm.params.max_mb,
        window=sm.params.window,
        out=sm.output[0],
    ),
)
