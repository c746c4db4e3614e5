# Actors: who is named, how often per period, and with whom (config `actors`: the actor
# dictionary, an input of every rule here so that editing it reruns them).


rule actor_mentions:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
        actors=ACTORS_FILE,
    output:
        mentions="results/actors/mentions.tsv",
        kwic=report(
            "results/actors/kwic.tsv",
            caption="../report/actor_kwic.rst",
            category="actors",
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
        actors=ACTORS,
        window=config["kwic"]["window"],
    script:
        "../scripts/actor_mentions.py"


rule actor_rates:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
        mentions="results/actors/mentions.tsv",
        actors=ACTORS_FILE,
    output:
        by_period=report(
            "results/actors/mentions_by_period.tsv",
            caption="../report/actor_rates.rst",
            category="actors",
        ),
        by_year="results/actors/mentions_by_year.tsv",
        types="results/actors/type_shares.tsv",
        by_document=report(
            "results/actors/mentions_by_document.tsv",
            caption="../report/actor_documents.rst",
            category="actors",
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
        actors=ACTORS,
        periods=PERIOD_NAMES,
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/actor_rates.py"


rule actor_network:
    input:
        "results/actors/mentions.tsv",
        actors=ACTORS_FILE,
    output:
        edges=[f"results/actors/network_{p}.tsv" for p in PERIOD_NAMES],
        centrality=report(
            "results/actors/centrality.tsv",
            caption="../report/actor_centrality.rst",
            category="actors",
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
        actors=ACTORS,
        periods=PERIOD_NAMES,
    script:
        "../scripts/actor_network.py"


rule figure_actors:
    input:
        rates="results/actors/mentions_by_period.tsv",
        types="results/actors/type_shares.tsv",
        edges=[f"results/actors/network_{p}.tsv" for p in PERIOD_NAMES],
        centrality="results/actors/centrality.tsv",
        evidence="results/actors/mentions_by_document.tsv",
        actors=ACTORS_FILE,
    output:
        mentions_png=report(
            "results/figures/actor_mentions.png",
            caption="../report/actor_mentions.rst",
            category="actors",
        ),
        mentions_svg="results/figures/actor_mentions.svg",
        types_png=report(
            "results/figures/actor_types.png",
            caption="../report/actor_types.rst",
            category="actors",
        ),
        types_svg="results/figures/actor_types.svg",
        networks_png=report(
            "results/figures/actor_networks.png",
            caption="../report/actor_networks.rst",
            category="actors",
        ),
        networks_svg="results/figures/actor_networks.svg",
    log:
        "logs/figures/actors.log",
    benchmark:
        "benchmarks/figures/actors.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        actors=ACTORS,
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_actors.py"
