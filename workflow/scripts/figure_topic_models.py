"""Rule `figure_topic_models`: thin adapter calling ordskifte.topics.figures."""

from ordskifte.runner import run_logged
from ordskifte.topics.figures import model_figures

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: model_figures(
        list(sm.input.selections),
        list(sm.input.topic_terms),
        periods=sm.params.periods,
        titles=sm.params.titles,
        n=sm.params.n,
        coherence_out=(sm.output.coherence_png, sm.output.coherence_svg),
        k_choice_out=(sm.output.k_choice_png, sm.output.k_choice_svg),
        topic_terms_out=list(
            zip(sm.output.topic_terms_png, sm.output.topic_terms_svg, strict=True)
        ),
    ),
)
