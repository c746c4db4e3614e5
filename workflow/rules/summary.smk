# The corpus summary (one row per manifest document, with its status) and the run's config.


rule summary:
    input:
        documents="results/corpus/documents.tsv",
        extract=per_document("results/text/{doc}.extract.json"),
        clean=per_document("results/text/{doc}.clean.json"),
        tokenize=per_document("results/tokens/{doc}.json"),
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        report(
            "results/corpus/summary.tsv",
            caption="../report/summary.rst",
            category="Corpus",
        ),
    log:
        "logs/corpus/summary.log",
    benchmark:
        "benchmarks/corpus/summary.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        languages=config["languages"],
    script:
        "../scripts/summary.py"


rule config_snapshot:
    input:
        actors=ACTORS_FILE,
    output:
        report(
            "results/corpus/config.yaml",
            caption="../report/config.rst",
            category="Corpus",
        ),
    log:
        "logs/corpus/config.log",
    benchmark:
        "benchmarks/corpus/config.tsv"
    conda:
        "../../envs/tables.yaml"
    params:
        # the actor list read from the file, so that the snapshot alone reruns the same
        config={**config, "actors": ACTORS},
    script:
        "../scripts/config_snapshot.py"
