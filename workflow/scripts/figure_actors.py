"""Rule `figure_actors`: thin adapter calling ordskifte.actors.figures."""

from ordskifte.actors.figures import actor_figures
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: actor_figures(
        sm.input.rates,
        sm.input.types,
        sm.input.edges,
        sm.input.centrality,
        sm.input.evidence,
        periods=sm.params.periods,
        actors=sm.params.actors,
        confidence=sm.params.confidence,
        mentions_out=(sm.output.mentions_png, sm.output.mentions_svg),
        types_out=(sm.output.types_png, sm.output.types_svg),
        networks_out=(sm.output.networks_png, sm.output.networks_svg),
    ),
)
