# Document groups: frequency, keyness and concept tables by a manifest column (config `groups`).


rule group_tables:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        frequencies=report(
            "results/groups/{group}/frequencies.tsv",
            caption="../report/group_tables.rst",
            category="Document groups",
            subcategory="{group}",
        ),
        totals="results/groups/{group}/totals.tsv",
        keyness=report(
            "results/groups/{group}/keyness.tsv",
            caption="../report/group_tables.rst",
            category="Document groups",
            subcategory="{group}",
        ),
        concepts=report(
            "results/groups/{group}/concepts.tsv",
            caption="../report/group_tables.rst",
            category="Document groups",
            subcategory="{group}",
        ),
    log:
        "logs/groups/{group}.log",
    benchmark:
        "benchmarks/groups/{group}.tsv"
    conda:
        "../../envs/tables.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        pairs=get_group_pairs,
        min_count=config["keyness"]["min_count"],
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/group_tables.py"
