"""Rule `figure_topic_periods`: thin adapter calling ordskifte.topics.figures."""

from ordskifte.runner import run_logged
from ordskifte.topics.figures import period_figures

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: period_figures(
        sm.input.prevalence,
        sm.input.global_terms,
        sm.input.alignment,
        list(sm.input.period_terms),
        names=sm.params.names,
        periods=sm.params.periods,
        confidence=sm.params.confidence,
        threshold=sm.params.threshold,
        prevalence_out=(sm.output.prevalence_png, sm.output.prevalence_svg),
        lineages_out=(sm.output.lineages_png, sm.output.lineages_svg),
    ),
)
