"""Rule `figure_semantic_drift`: thin adapter calling ordskifte.semantic.figures."""

from ordskifte.runner import run_logged
from ordskifte.semantic.figures import semantic_drift_figures

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: semantic_drift_figures(
        list(sm.input.collocates),
        sm.input.overlap,
        sm.input.word_shift,
        sm.input.semantic_change,
        names=sm.params.names,
        periods=sm.params.periods,
        collocate_terms=sm.params.collocate_terms,
        shift_terms=sm.params.shift_terms,
        change_terms=sm.params.change_terms,
        confidence=sm.params.confidence,
        collocates_out=list(zip(sm.output.collocates_png, sm.output.collocates_svg, strict=True)),
        overlap_out=(sm.output.overlap_png, sm.output.overlap_svg),
        word_shift_out=(sm.output.word_shift_png, sm.output.word_shift_svg),
        semantic_change_out=(sm.output.semantic_change_png, sm.output.semantic_change_svg),
    ),
)
