"""Rule `topic_dynamic`: thin adapter calling ordskifte.topic_steps."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.runner import run_logged  # noqa: E402
from ordskifte.topic_steps import dynamic_step  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: dynamic_step(
        sm.input.segments,
        sm.input.selection,
        period_order=sm.params.periods,
        seed=sm.params.seed,
        min_df=sm.params.min_df,
        max_share=sm.params.max_share,
        top_terms=sm.params.top_terms,
        em_max_iter=sm.params.em_max_iter,
        out=sm.output[0],
    ),
)
