# The explorer: one self-contained HTML page to look up any counted term, concept, target or
# actor across the periods, down to its keyword-in-context lines (config `explorer`).


rule explorer:
    input:
        documents="results/corpus/documents.tsv",
        summary="results/corpus/summary.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
        by_period="results/frequencies/by_period.tsv",
        by_document="results/frequencies/by_document.tsv",
        corpus="results/frequencies/corpus.tsv",
        period_totals="results/frequencies/period_totals.tsv",
        keyness=[f"results/keyness/{p}_vs_rest.tsv" for p in PERIOD_NAMES],
        concepts_by_period="results/drift/concepts_by_period.tsv",
        concepts_by_year="results/drift/concepts_by_year.tsv",
        concepts_corpus="results/drift/concepts_corpus.tsv",
        collocates=[f"results/semantic/collocates_{n}.tsv" for n in KWIC_NAMES],
        kwic=[f"results/kwic/{n}.tsv" for n in KWIC_NAMES],
        actors_by_period="results/actors/mentions_by_period.tsv",
        actors_by_year="results/actors/mentions_by_year.tsv",
        actors_kwic="results/actors/kwic.tsv",
    output:
        report(
            "results/explorer.html",
            caption="../report/explorer.rst",
            category="explorer",
        ),
    log:
        "logs/explorer/explorer.log",
    benchmark:
        "benchmarks/explorer/explorer.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        periods=config["periods"],
        period_names=PERIOD_NAMES,
        kwic_names=KWIC_NAMES,
        concepts=sorted(config["concepts"]),
        targets=sorted(config["targets"]),
        min_count=config["explorer"]["min_count"],
        kwic_lines=config["explorer"]["kwic_lines"],
        collocates=config["explorer"]["collocates"],
        max_mb=config["explorer"]["max_mb"],
        window=config["kwic"]["window"],
    script:
        "../scripts/explorer.py"
