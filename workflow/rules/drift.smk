# Concept drift: concept rates per period and per year with bootstrap intervals, and the
# Jensen–Shannon divergence between the periods' vocabularies.


rule concepts:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        by_period=report(
            "results/drift/concepts_by_period.tsv",
            caption="../report/concepts_table.rst",
            category="Tables",
        ),
        by_year="results/drift/concepts_by_year.tsv",
        by_document="results/drift/concepts_by_document.tsv",
        corpus="results/drift/concepts_corpus.tsv",
    log:
        "logs/drift/concepts.log",
    benchmark:
        "benchmarks/drift/concepts.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        periods=PERIOD_NAMES,
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/concepts.py"


rule jsd:
    input:
        "results/frequencies/by_period.tsv",
    output:
        pairs="results/drift/jsd_periods.tsv",
        terms="results/drift/jsd_terms.tsv",
    log:
        "logs/drift/jsd.log",
    benchmark:
        "benchmarks/drift/jsd.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        periods=PERIOD_NAMES,
        top_terms=config["jsd"]["top_terms"],
    script:
        "../scripts/jsd.py"
