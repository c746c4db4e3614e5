# Tables of the corpus: term frequencies per period, keyness between periods, concept rates
# with bootstrap intervals and the Jensen–Shannon divergence between periods, KWIC lines of
# every concept and target, the same tables by document group, the corpus summary (with the
# concepts and targets that matched nothing), and the figures of these tables.


rule frequencies:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        by_period=report(
            "results/frequencies/by_period.tsv",
            caption="../report/by_period.rst",
            category="tables",
            subcategory="frequencies",
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
            category="tables",
            subcategory="keyness",
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
            category="tables",
            subcategory="keyness",
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


rule concepts:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        by_period=report(
            "results/drift/concepts_by_period.tsv",
            caption="../report/concepts_table.rst",
            category="tables",
            subcategory="concepts",
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


rule kwic:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        [
            report(
                f"results/kwic/{name}.tsv",
                caption="../report/kwic.rst",
                category="tables",
                subcategory="kwic",
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


rule group_tables:
    input:
        documents="results/corpus/documents.tsv",
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        frequencies=report(
            "results/groups/{group}/frequencies.tsv",
            caption="../report/group_tables.rst",
            category="tables",
            subcategory="group {group}",
        ),
        totals="results/groups/{group}/totals.tsv",
        keyness=report(
            "results/groups/{group}/keyness.tsv",
            caption="../report/group_tables.rst",
            category="tables",
            subcategory="group {group}",
        ),
        concepts=report(
            "results/groups/{group}/concepts.tsv",
            caption="../report/group_tables.rst",
            category="tables",
            subcategory="group {group}",
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


rule summary:
    input:
        documents="results/corpus/documents.tsv",
        extract=per_document("results/text/{doc}.extract.json"),
        clean=per_document("results/text/{doc}.clean.json"),
        tokenize=per_document("results/tokens/{doc}.json"),
        counts=per_document("results/counts/{doc}.parquet"),
    output:
        summary=report(
            "results/corpus/summary.tsv",
            caption="../report/summary.rst",
            category="tables",
            subcategory="corpus summary",
        ),
        unmatched=report(
            "results/corpus/unmatched.tsv",
            caption="../report/unmatched.rst",
            category="tables",
            subcategory="corpus summary",
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
        concepts=config["concepts"],
        targets=config["targets"],
    script:
        "../scripts/summary.py"


rule figure_concepts:
    input:
        by_period="results/drift/concepts_by_period.tsv",
        by_year="results/drift/concepts_by_year.tsv",
    output:
        by_period_png=report(
            "results/figures/concepts_by_period.png",
            caption="../report/concepts_by_period.rst",
            category="tables",
            subcategory="concepts",
        ),
        by_period_svg="results/figures/concepts_by_period.svg",
        by_year_png=report(
            "results/figures/concepts_by_year.png",
            caption="../report/concepts_by_year.rst",
            category="tables",
            subcategory="concepts",
        ),
        by_year_svg="results/figures/concepts_by_year.svg",
    log:
        "logs/figures/concepts.log",
    benchmark:
        "benchmarks/figures/concepts.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        concepts=list(config["concepts"]),
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_concepts.py"


rule figure_frequencies:
    input:
        top_terms="results/frequencies/top_terms.tsv",
        keyness=keyness_outputs(),
        jsd="results/drift/jsd_periods.tsv",
    output:
        top_terms_png=report(
            "results/figures/top_terms.png",
            caption="../report/top_terms.rst",
            category="tables",
            subcategory="frequencies",
        ),
        top_terms_svg="results/figures/top_terms.svg",
        keyness_png=report(
            "results/figures/keyness.png",
            caption="../report/keyness.rst",
            category="tables",
            subcategory="frequencies",
        ),
        keyness_svg="results/figures/keyness.svg",
        jsd_png=report(
            "results/figures/jsd_periods.png",
            caption="../report/jsd_periods.rst",
            category="tables",
            subcategory="frequencies",
        ),
        jsd_svg="results/figures/jsd_periods.svg",
    log:
        "logs/figures/frequencies.log",
    benchmark:
        "benchmarks/figures/frequencies.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        top_n=config["frequencies"]["top_n"],
        keyness_names=[Path(p).stem for p in keyness_outputs()],
        keyness_titles=keyness_titles(),
        keyness_n=config["keyness"]["top_n"],
    script:
        "../scripts/figure_frequencies.py"
