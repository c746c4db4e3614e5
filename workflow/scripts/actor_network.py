"""Rule `actor_network`: thin adapter calling ordskifte.actor_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.actor_steps import actor_network_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
