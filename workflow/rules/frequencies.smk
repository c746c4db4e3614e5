# Corpus-level term frequencies per period and keyness between periods.


rule documents:
    input:
        config["manifest"],
    output:
        "results/corpus/documents.tsv",
    log:
        "logs/corpus/documents.log",
    benchmark:
        "benchmarks/corpus/documents.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        periods=config["periods"],
    script:
        "../scripts/documents.py"


rule frequencies:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        by_period=report(
            "results/frequencies/by_period.tsv",
            caption="../report/by_period.rst",
            category="Tables",
        ),
        by_document="results/frequencies/by_document.tsv",
        top_terms="results/frequencies/top_terms.tsv",
        totals="results/frequencies/period_totals.tsv",
        corpus="results/frequencies/corpus.tsv",
    log:
        "logs/frequencies/frequencies.log",
    benchmark:
        "benchmarks/frequencies/frequencies.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        periods=PERIOD_NAMES,
        top_n=config["frequencies"]["top_n"],
    script:
        "../scripts/frequencies.py"


rule keyness_vs_rest:
    input:
        by_period="results/frequencies/by_period.tsv",
        totals="results/frequencies/period_totals.tsv",
    output:
        report(
            "results/keyness/{period}_vs_rest.tsv",
            caption="../report/keyness_table.rst",
            category="Keyness",
        ),
    log:
        "logs/keyness/{period}_vs_rest.log",
    benchmark:
        "benchmarks/keyness/{period}_vs_rest.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        reference=get_keyness_reference,
        min_count=config["keyness"]["min_count"],
    script:
        "../scripts/keyness.py"


rule keyness_vs_previous:
    input:
        by_period="results/frequencies/by_period.tsv",
        totals="results/frequencies/period_totals.tsv",
    output:
        report(
            "results/keyness/{period}_vs_{previous}.tsv",
            caption="../report/keyness_table.rst",
            category="Keyness",
        ),
    log:
        "logs/keyness/{period}_vs_{previous}.log",
    benchmark:
        "benchmarks/keyness/{period}_vs_{previous}.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        reference=get_keyness_reference,
        min_count=config["keyness"]["min_count"],
    script:
        "../scripts/keyness.py"
