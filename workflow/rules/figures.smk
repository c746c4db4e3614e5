# Figures (PNG for the report, SVG for print), each with a caption in workflow/report/.
# Related figures are drawn by one job: a figure job spends about 1.3 s importing pandas and
# matplotlib before it draws, more than most figures take to draw.


rule figure_concepts:
    input:
        by_period="results/drift/concepts_by_period.tsv",
        by_year="results/drift/concepts_by_year.tsv",
    output:
        by_period_png=report(
            "results/figures/concepts_by_period.png",
            caption="../report/concepts_by_period.rst",
            category="Figures",
        ),
        by_period_svg="results/figures/concepts_by_period.svg",
        by_year_png=report(
            "results/figures/concepts_by_year.png",
            caption="../report/concepts_by_year.rst",
            category="Figures",
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
            category="Figures",
        ),
        top_terms_svg="results/figures/top_terms.svg",
        keyness_png=report(
            "results/figures/keyness.png",
            caption="../report/keyness.rst",
            category="Figures",
        ),
        keyness_svg="results/figures/keyness.svg",
        jsd_png=report(
            "results/figures/jsd_periods.png",
            caption="../report/jsd_periods.rst",
            category="Figures",
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
