# Topic models: segments, one model per period plus a global one, prevalence of the global
# model's topics per period and year, alignment of topics between consecutive periods.


rule segments:
    input:
        tokens=get_segment_tokens,
        parts=get_segment_parts,
    output:
        "results/segments/{segments}.parquet",
    log:
        "logs/topics/segments_{segments}.log",
    benchmark:
        "benchmarks/topics/segments_{segments}.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        documents=get_segment_documents,
        order=get_segment_order,
        target_tokens=config["topics"]["segment_tokens"],
    script:
        "../scripts/segments.py"


rule topic_model:
    input:
        get_model_segments,
    output:
        model_selection=report(
            "results/topics/{model}/model_selection.tsv",
            caption="../report/topic_tables.rst",
            category="topics",
        ),
        topic_terms=report(
            "results/topics/{model}/topic_terms.tsv",
            caption="../report/topic_tables.rst",
            category="topics",
        ),
        stability="results/topics/{model}/stability.tsv",
        representative="results/topics/{model}/representative_segments.tsv",
        segment_topics="results/topics/{model}/segment_topics.parquet",
        topic_term="results/topics/{model}/topic_term.parquet",
    log:
        "logs/topics/{model}.log",
    benchmark:
        "benchmarks/topics/{model}.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_topic_mem_mb,
        runtime=get_topic_runtime,
    params:
        engine=config["topics"]["engine"],
        grid=list(range(config["topics"]["k_min"], config["topics"]["k_max"] + 1)),
        seed=config["seed"],
        n_seeds=config["topics"]["seeds"],
        fit=get_topic_fit_options(),
        min_df=config["topics"]["min_df"],
        max_share=config["topics"]["max_share"],
        phrases=config["topics"]["phrases"],
        coherence=config["topics"]["coherence"],
        min_segments_per_topic=config["topics"]["min_segments_per_topic"],
        top_terms=config["topics"]["top_terms"],
        stability_threshold=config["topics"]["stability_threshold"],
        max_fit_segments=config["topics"]["max_fit_segments"],
        k_criterion=config["topics"]["k_criterion"],
        k_tolerance=config["topics"]["k_tolerance"],
        k_search=config["topics"]["k_search"],
        merge_passes=config["topics"]["merge_passes"],
    script:
        "../scripts/topic_model.py"


rule topic_prevalence:
    input:
        "results/topics/global/segment_topics.parquet",
    output:
        by_period=report(
            "results/topics/global/prevalence_by_period.tsv",
            caption="../report/topic_prevalence.rst",
            category="topics",
        ),
        by_year="results/topics/global/prevalence_by_year.tsv",
    log:
        "logs/topics/prevalence.log",
    benchmark:
        "benchmarks/topics/prevalence.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        periods=PERIOD_NAMES,
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/topic_prevalence.py"


rule topic_alignment:
    input:
        matrices=[f"results/topics/{m}/topic_term.parquet" for m in TOPIC_MODELS],
        stability=[f"results/topics/{m}/stability.tsv" for m in TOPIC_MODELS],
    output:
        alignment=report(
            "results/topics/alignment.tsv",
            caption="../report/topic_alignment.rst",
            category="topics",
        ),
        lineages="results/topics/lineages.tsv",
        links="results/topics/links.tsv",
        stability="results/topics/stability.tsv",
    log:
        "logs/topics/alignment.log",
    benchmark:
        "benchmarks/topics/alignment.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        names=TOPIC_MODELS,
        periods=PERIOD_NAMES,
        threshold=config["topics"]["alignment_threshold"],
    script:
        "../scripts/topic_alignment.py"


rule figure_topic_models:
    input:
        selections=[f"results/topics/{m}/model_selection.tsv" for m in TOPIC_MODELS],
        topic_terms=[f"results/topics/{m}/topic_terms.tsv" for m in TOPIC_MODELS],
    output:
        coherence_png=report(
            "results/figures/topic_coherence.png",
            caption="../report/topic_coherence.rst",
            category="topics",
        ),
        coherence_svg="results/figures/topic_coherence.svg",
        k_choice_png=report(
            "results/figures/topic_k_choice.png",
            caption="../report/topic_k_choice.rst",
            category="topics",
        ),
        k_choice_svg="results/figures/topic_k_choice.svg",
        topic_terms_png=[
            report(
                f"results/figures/topic_terms_{m}.png",
                caption="../report/topic_terms.rst",
                category="topics",
            )
            for m in TOPIC_MODELS
        ],
        topic_terms_svg=[f"results/figures/topic_terms_{m}.svg" for m in TOPIC_MODELS],
    log:
        "logs/figures/topic_models.log",
    benchmark:
        "benchmarks/figures/topic_models.tsv"
    conda:
        "../../envs/topics.yaml"
    params:
        periods=config["periods"],
        titles=topic_titles(),
        n=config["topics"]["figure_terms"],
    script:
        "../scripts/figure_topic_models.py"


rule figure_topic_periods:
    input:
        prevalence="results/topics/global/prevalence_by_period.tsv",
        global_terms="results/topics/global/topic_terms.tsv",
        alignment="results/topics/alignment.tsv",
        period_terms=[f"results/topics/{p}/topic_terms.tsv" for p in PERIOD_NAMES],
    output:
        prevalence_png=report(
            "results/figures/topic_prevalence.png",
            caption="../report/topic_prevalence.rst",
            category="topics",
        ),
        prevalence_svg="results/figures/topic_prevalence.svg",
        lineages_png=report(
            "results/figures/topic_lineages.png",
            caption="../report/topic_alignment.rst",
            category="topics",
        ),
        lineages_svg="results/figures/topic_lineages.svg",
    log:
        "logs/figures/topic_periods.log",
    benchmark:
        "benchmarks/figures/topic_periods.tsv"
    conda:
        "../../envs/topics.yaml"
    params:
        names=PERIOD_NAMES,
        periods=config["periods"],
        confidence=config["bootstrap"]["confidence"],
        threshold=config["topics"]["alignment_threshold"],
    script:
        "../scripts/figure_topic_periods.py"


rule topic_dynamic:
    input:
        segments="results/segments/all.parquet",
        selection="results/topics/global/model_selection.tsv",
    output:
        report(
            "results/topics/dynamic/topic_terms.tsv",
            caption="../report/topic_dynamic.rst",
            category="topics",
        ),
    log:
        "logs/topics/dynamic.log",
    benchmark:
        "benchmarks/topics/dynamic.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_topic_mem_mb,
        runtime=get_topic_runtime,
    params:
        periods=PERIOD_NAMES,
        seed=config["seed"],
        min_df=config["topics"]["min_df"],
        max_share=config["topics"]["max_share"],
        top_terms=config["topics"]["top_terms"],
        em_max_iter=config["topics"]["dynamic_em_iterations"],
    script:
        "../scripts/topic_dynamic.py"
