"""Rule `topic_model`: thin adapter calling ordskifte.topics.steps."""

from ordskifte.runner import run_logged
from ordskifte.topics.steps import topic_model_step

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: topic_model_step(
        sm.input[0],
        name=sm.wildcards.model,
        engine=sm.params.engine,
        grid=sm.params.grid,
        seed=sm.params.seed,
        n_seeds=sm.params.n_seeds,
        fit=sm.params.fit,
        min_df=sm.params.min_df,
        max_share=sm.params.max_share,
        phrases=sm.params.phrases,
        coherence_measure=sm.params.coherence,
        min_segments_per_topic=sm.params.min_segments_per_topic,
        top_terms=sm.params.top_terms,
        stability_threshold=sm.params.stability_threshold,
        max_fit_segments=sm.params.max_fit_segments,
        k_criterion=sm.params.k_criterion,
        k_tolerance=sm.params.k_tolerance,
        k_search=sm.params.k_search,
        merge_passes=sm.params.merge_passes,
        outputs=dict(sm.output.items()),
    ),
)
