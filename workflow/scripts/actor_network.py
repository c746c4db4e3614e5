"""Rule `actor_network`: thin adapter calling ordskifte.actors.steps."""

from ordskifte.actors.steps import actor_network_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: actor_network_step(
        sm.input[0],
        actors=sm.params.actors,
        period_order=sm.params.periods,
        edges_out=dict(zip(sm.params.periods, sm.output.edges, strict=True)),
        centrality_out=sm.output.centrality,
    ),
)
