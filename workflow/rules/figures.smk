# Figures (PNG for the report, SVG for print), each with a caption in workflow/report/.


rule figure_concepts_by_period:
    input:
        "results/drift/concepts_by_period.tsv",
    output:
        png=report(
            "results/figures/concepts_by_period.png",
            caption="../report/concepts_by_period.rst",
            category="Figures",
        ),
        svg="results/figures/concepts_by_period.svg",
    log:
        "logs/figures/concepts_by_period.log",
    benchmark:
        "benchmarks/figures/concepts_by_period.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        concepts=list(config["concepts"]),
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_concepts_by_period.py"


rule figure_concepts_by_year:
    input:
        "results/drift/concepts_by_year.tsv",
    output:
        png=report(
            "results/figures/concepts_by_year.png",
            caption="../report/concepts_by_year.rst",
            category="Figures",
        ),
        svg="results/figures/concepts_by_year.svg",
    log:
        "logs/figures/concepts_by_year.log",
    benchmark:
        "benchmarks/figures/concepts_by_year.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        concepts=list(config["concepts"]),
        confidence=config["bootstrap"]["confidence"],
    script:
        "../scripts/figure_concepts_by_year.py"


rule figure_top_terms:
    input:
        "results/frequencies/top_terms.tsv",
    output:
        png=report(
            "results/figures/top_terms.png",
            caption="../report/top_terms.rst",
            category="Figures",
        ),
        svg="results/figures/top_terms.svg",
    log:
        "logs/figures/top_terms.log",
    benchmark:
        "benchmarks/figures/top_terms.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
        n=config["frequencies"]["top_n"],
    script:
        "../scripts/figure_top_terms.py"


rule figure_keyness:
    input:
        keyness_outputs(),
    output:
        png=report(
            "results/figures/keyness.png",
            caption="../report/keyness.rst",
            category="Figures",
        ),
        svg="results/figures/keyness.svg",
    log:
        "logs/figures/keyness.log",
    benchmark:
        "benchmarks/figures/keyness.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        names=[Path(p).stem for p in keyness_outputs()],
        titles=keyness_titles(),
        n=config["keyness"]["top_n"],
    script:
        "../scripts/figure_keyness.py"


rule figure_jsd:
    input:
        "results/drift/jsd_periods.tsv",
    output:
        png=report(
            "results/figures/jsd_periods.png",
            caption="../report/jsd_periods.rst",
            category="Figures",
        ),
        svg="results/figures/jsd_periods.svg",
    log:
        "logs/figures/jsd_periods.log",
    benchmark:
        "benchmarks/figures/jsd_periods.tsv"
    conda:
        "../../envs/figures.yaml"
    params:
        periods=config["periods"],
    script:
        "../scripts/figure_jsd.py"
