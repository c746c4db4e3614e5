# Actors: who is named, how often per period, and with whom (config `actors`).


rule actor_mentions:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        mentions="results/actors/mentions.tsv",
        kwic=report(
            "results/actors/kwic.tsv",
            caption="../report/actor_kwic.rst",
            category="Actors",
        ),
    log:
        "logs/actors/mentions.log",
    benchmark:
        "benchmarks/actors/mentions.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        actors=config["actors"],
        window=config["kwic"]["window"],
    script:
        "../scripts/actor_mentions.py"


rule actor_rates:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
        mentions="results/actors/mentions.tsv",
    output:
        by_period=report(
            "results/actors/mentions_by_period.tsv",
            caption="../report/actor_rates.rst",
            category="Actors",
        ),
        by_year="results/actors/mentions_by_year.tsv",
        types="results/actors/type_shares.tsv",
        by_document=report(
            "results/actors/mentions_by_document.tsv",
            caption="../report/actor_documents.rst",
            category="Actors",
        ),
    log:
        "logs/actors/rates.log",
    benchmark:
        "benchmarks/actors/rates.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        actors=config["actors"],
        periods=PERIOD_NAMES,
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/actor_rates.py"


rule actor_network:
    input:
        "results/actors/mentions.tsv",
    output:
        edges=[f"results/actors/network_{p}.tsv" for p in PERIOD_NAMES],
        centrality=report(
            "results/actors/centrality.tsv",
            caption="../report/actor_centrality.rst",
            category="Actors",
        ),
    log:
        "logs/actors/network.log",
    benchmark:
        "benchmarks/actors/network.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        actors=config["actors"],
        periods=PERIOD_NAMES,
    script:
        "../scripts/actor_network.py"


rule figure_actor_mentions:
    input:
        rates="results/actors/mentions_by_period.tsv",
        evidence="results/actors/mentions_by_document.tsv",
    output:
        png=report(
            "results/figures/actor_mentions.png",
            caption="../report/actor_mentions.rst",
            category="Actors",
        ),
        svg="results/figures/actor_mentions.svg",
    log:
        "logs/figures/actor_mentions.log",
    benchmark:
        "benchmarks/figures/actor_mentions.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_actor_mentions.py"


rule figure_actor_types:
    input:
        types="results/actors/type_shares.tsv",
        evidence="results/actors/mentions_by_document.tsv",
    output:
        png=report(
            "results/figures/actor_types.png",
            caption="../report/actor_types.rst",
            category="Actors",
        ),
        svg="results/figures/actor_types.svg",
    log:
        "logs/figures/actor_types.log",
    benchmark:
        "benchmarks/figures/actor_types.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
    script:
        "../scripts/figure_actor_types.py"


rule figure_actor_networks:
    input:
        edges=[f"results/actors/network_{p}.tsv" for p in PERIOD_NAMES],
        centrality="results/actors/centrality.tsv",
        evidence="results/actors/mentions_by_document.tsv",
    output:
        png=report(
            "results/figures/actor_networks.png",
            caption="../report/actor_networks.rst",
            category="Actors",
        ),
        svg="results/figures/actor_networks.svg",
    log:
        "logs/figures/actor_networks.log",
    benchmark:
        "benchmarks/figures/actor_networks.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        actors=config["actors"],
    script:
        "../scripts/figure_actor_networks.py"
