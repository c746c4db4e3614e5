"""Rule `figure_frequencies`: thin adapter calling ordskifte.tables.figures."""

from ordskifte.runner import run_logged
from ordskifte.tables.figures import frequency_figures

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: frequency_figures(
        sm.input.top_terms,
        list(sm.input.keyness),
        sm.input.jsd,
        periods=sm.params.periods,
        top_n=sm.params.top_n,
        keyness_names=sm.params.keyness_names,
        keyness_titles=sm.params.keyness_titles,
        keyness_n=sm.params.keyness_n,
        top_terms_out=(sm.output.top_terms_png, sm.output.top_terms_svg),
        keyness_out=(sm.output.keyness_png, sm.output.keyness_svg),
        jsd_out=(sm.output.jsd_png, sm.output.jsd_svg),
    ),
)
