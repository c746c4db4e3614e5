"""Rule `collocates`: thin adapter calling ordskifte.semantic.steps."""

from ordskifte.runner import run_logged
from ordskifte.semantic.steps import collocates_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: collocates_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        patterns={name: sm.params.patterns[name] for name in sm.params.names},
        period_order=sm.params.periods,
        window=sm.params.window,
        min_freq=sm.params.min_freq,
        min_target_freq=sm.params.min_target_freq,
        top_k=sm.params.top_k,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        outputs=dict(zip(sm.params.names, sm.output.tables, strict=True)),
        overlap_out=sm.output.overlap,
        evidence_out=sm.output.evidence,
        context=sm.params.context,
        evidence_lines=sm.params.evidence_lines,
    ),
)
