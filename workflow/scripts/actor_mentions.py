"""Rule `actor_mentions`: thin adapter calling ordskifte.actors.steps."""

from ordskifte.actors.steps import actor_mentions_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: actor_mentions_step(
        sm.input.documents,
        sm.input.tokens,
        doc_ids=sm.params.doc_ids,
        actors=sm.params.actors,
        window=sm.params.window,
        mentions_out=sm.output.mentions,
        kwic_out=sm.output.kwic,
    ),
)
