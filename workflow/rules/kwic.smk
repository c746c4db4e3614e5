# Keyword in context for every concept and target, in one pass over the token tables.


rule kwic:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        [
            report(
                f"results/kwic/{name}.tsv",
                caption="../report/kwic.rst",
                category="Keyword in context",
            )
            for name in KWIC_NAMES
        ],
    log:
        "logs/kwic/kwic.log",
    benchmark:
        "benchmarks/kwic/kwic.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        names=KWIC_NAMES,
        patterns={**config["concepts"], **config["targets"]},
        window=config["kwic"]["window"],
    script:
        "../scripts/kwic.py"
