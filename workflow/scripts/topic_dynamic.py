"""Rule `topic_dynamic`: thin adapter calling ordskifte.topics.steps."""

from ordskifte.runner import run_logged
from ordskifte.topics.steps import dynamic_step

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
