"""Rule `actor_mentions`: thin adapter calling ordskifte.actor_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.actor_steps import actor_mentions_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

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
