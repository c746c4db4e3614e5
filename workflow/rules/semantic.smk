# Semantic drift of the targets and concepts: their collocates per period, how far the top
# collocates overlap between consecutive periods, word shifts between the periods, the
# cosine change of frequent words in aligned count-based vectors, the compounds each
# concept matched, and term births and deaths with their KWIC evidence.


rule collocates:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        tables=[
            report(
                f"results/semantic/collocates_{name}.tsv",
                caption="../report/collocates_table.rst",
                category="semantic",
            )
            for name in KWIC_NAMES
        ],
        overlap=report(
            "results/semantic/neighbour_overlap.tsv",
            caption="../report/neighbour_overlap_table.rst",
            category="semantic",
        ),
        evidence=report(
            "results/semantic/collocates_kwic.tsv",
            caption="../report/collocates_kwic.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/collocates.log",
    benchmark:
        "benchmarks/semantic/collocates.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        names=KWIC_NAMES,
        patterns={**config["concepts"], **config["targets"]},
        periods=PERIOD_NAMES,
        window=config["collocates"]["window"],
        min_freq=config["collocates"]["min_freq"],
        min_target_freq=config["collocates"]["min_target_freq"],
        top_k=config["collocates"]["top_k"],
        context=config["kwic"]["window"],
        evidence_lines=config["collocates"]["kwic_lines"],
        iterations=config["bootstrap"]["iterations"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/collocates.py"


rule word_shift:
    input:
        "results/frequencies/by_period.tsv",
    output:
        report(
            "results/semantic/word_shift.tsv",
            caption="../report/word_shift_table.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/word_shift.log",
    benchmark:
        "benchmarks/semantic/word_shift.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        periods=PERIOD_NAMES,
        top_terms=config["word_shift"]["top_terms"],
    script:
        "../scripts/word_shift.py"


rule semantic_change_pair:
    input:
        tokens=get_change_pair_tokens,
    output:
        "results/semantic/semantic_change/{pair}.tsv",
    log:
        "logs/semantic/semantic_change/{pair}.log",
    benchmark:
        "benchmarks/semantic/semantic_change/{pair}.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=get_change_pair_doc_ids,
        periods=get_change_pair_periods,
        pair=get_change_pair,
        window=config["vectors"]["window"],
        min_freq=config["vectors"]["min_freq"],
        dimensions=config["vectors"]["dimensions"],
        iterations=config["vectors"]["iterations"],
        max_words=config["vectors"]["max_words"],
        confidence=config["bootstrap"]["confidence"],
        seed=config["seed"],
    script:
        "../scripts/semantic_change_pair.py"


rule semantic_change:
    input:
        pairs=expand("results/semantic/semantic_change/{pair}.tsv", pair=CHANGE_PAIRS),
    output:
        report(
            "results/semantic/semantic_change.tsv",
            caption="../report/semantic_change_table.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/semantic_change.log",
    benchmark:
        "benchmarks/semantic/semantic_change.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    script:
        "../scripts/semantic_change.py"


rule compounds:
    input:
        documents="results/corpus/documents.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        report(
            "results/semantic/compounds.tsv",
            caption="../report/compounds.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/compounds.log",
    benchmark:
        "benchmarks/semantic/compounds.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        patterns={**config["concepts"], **config["targets"]},
        periods=PERIOD_NAMES,
    script:
        "../scripts/compounds.py"


rule births:
    input:
        documents="results/corpus/documents.tsv",
        by_period="results/frequencies/by_period.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        events=report(
            "results/semantic/births_deaths.tsv",
            caption="../report/births_deaths.rst",
            category="semantic",
        ),
        evidence=report(
            "results/semantic/births_deaths_kwic.tsv",
            caption="../report/births_deaths_kwic.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/births.log",
    benchmark:
        "benchmarks/semantic/births.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        periods=PERIOD_NAMES,
        min_freq=config["births"]["min_freq"],
        window=config["kwic"]["window"],
        per_term=config["births"]["kwic_lines"],
    script:
        "../scripts/births.py"


rule figure_semantic_drift:
    input:
        collocates=[f"results/semantic/collocates_{name}.tsv" for name in KWIC_NAMES],
        overlap="results/semantic/neighbour_overlap.tsv",
        word_shift="results/semantic/word_shift.tsv",
        semantic_change="results/semantic/semantic_change.tsv",
    output:
        collocates_png=[
            report(
                f"results/figures/collocates_{name}.png",
                caption="../report/collocates.rst",
                category="semantic",
            )
            for name in KWIC_NAMES
        ],
        collocates_svg=[f"results/figures/collocates_{name}.svg" for name in KWIC_NAMES],
        overlap_png=report(
            "results/figures/neighbour_overlap.png",
            caption="../report/neighbour_overlap.rst",
            category="semantic",
        ),
        overlap_svg="results/figures/neighbour_overlap.svg",
        word_shift_png=report(
            "results/figures/word_shift.png",
            caption="../report/word_shift.rst",
            category="semantic",
        ),
        word_shift_svg="results/figures/word_shift.svg",
        semantic_change_png=report(
            "results/figures/semantic_change.png",
            caption="../report/semantic_change.rst",
            category="semantic",
        ),
        semantic_change_svg="results/figures/semantic_change.svg",
    log:
        "logs/figures/semantic_drift.log",
    benchmark:
        "benchmarks/figures/semantic_drift.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        names=KWIC_NAMES,
        periods=config["periods"],
        collocate_terms=config["collocates"]["figure_terms"],
        shift_terms=config["word_shift"]["top_terms"],
        change_terms=config["vectors"]["figure_terms"],
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_semantic_drift.py"


rule term_evidence:
    input:
        documents="results/corpus/documents.tsv",
        word_shift="results/semantic/word_shift.tsv",
        semantic_change="results/semantic/semantic_change.tsv",
        tokens=per_document("results/tokens/{doc}.parquet"),
    output:
        report(
            "results/semantic/term_evidence.tsv",
            caption="../report/term_evidence.rst",
            category="semantic",
        ),
    log:
        "logs/semantic/term_evidence.log",
    benchmark:
        "benchmarks/semantic/term_evidence.tsv"
    conda:
        "../../envs/topics.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        doc_ids=DOC_IDS,
        shift_terms=config["word_shift"]["top_terms"],
        change_terms=config["vectors"]["figure_terms"],
        window=config["kwic"]["window"],
        per_term=config["term_evidence"]["kwic_lines"],
    script:
        "../scripts/term_evidence.py"
