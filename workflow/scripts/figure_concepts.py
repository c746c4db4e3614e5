"""Rule `figure_concepts`: thin adapter calling ordskifte.tables.figures."""

from ordskifte.runner import run_logged
from ordskifte.tables.figures import concept_figures

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: concept_figures(
        sm.input.by_period,
        sm.input.by_year,
        periods=sm.params.periods,
        concepts=sm.params.concepts,
        confidence=sm.params.confidence,
        by_period_out=(sm.output.by_period_png, sm.output.by_period_svg),
        by_year_out=(sm.output.by_year_png, sm.output.by_year_svg),
    ),
)
