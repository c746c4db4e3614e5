# The targets of a whole run, which the Snakefile's default target asks for: every table,
# figure and report item of the stages, from the config and the manifest (common.smk).
TOPIC_OUTPUTS = [
    *[
        f"results/topics/{m}/{f}"
        for m in TOPIC_MODELS
        for f in ("model_selection.tsv", "topic_terms.tsv", "segment_topics.parquet")
    ],
    "results/topics/global/prevalence_by_period.tsv",
    "results/topics/alignment.tsv",
    "results/topics/stability.tsv",
    *[
        f"results/figures/{f}.{ext}"
        for f in [
            "topic_coherence",
            "topic_prevalence",
            "topic_lineages",
            *[f"topic_terms_{m}" for m in TOPIC_MODELS],
        ]
        for ext in ("png", "svg")
    ],
]


ACTOR_OUTPUTS = [
    *[
        f"results/actors/{f}.tsv"
        for f in (
            "mentions",
            "kwic",
            "mentions_by_period",
            "mentions_by_year",
            "mentions_by_document",
            "type_shares",
            "centrality",
        )
    ],
    *[f"results/actors/network_{p}.tsv" for p in PERIOD_NAMES],
    *[
        f"results/figures/{f}.{ext}"
        for f in ("actor_mentions", "actor_types", "actor_networks")
        for ext in ("png", "svg")
    ],
]


FIGURES = [
    "concepts_by_period",
    "concepts_by_year",
    "top_terms",
    "keyness",
    "jsd_periods",
]


def drift_outputs():
    """Semantic drift (workflow/rules/semantic.smk): tables and figures."""
    tables = [f"results/semantic/collocates_{n}.tsv" for n in KWIC_NAMES]
    figures = [f"collocates_{n}" for n in KWIC_NAMES] + [
        "neighbour_overlap",
        "word_shift",
        "semantic_change",
    ]
    return [
        *tables,
        "results/semantic/neighbour_overlap.tsv",
        "results/semantic/collocates_kwic.tsv",
        "results/semantic/word_shift.tsv",
        "results/semantic/semantic_change.tsv",
        "results/semantic/compounds.tsv",
        "results/semantic/births_deaths.tsv",
        "results/semantic/births_deaths_kwic.tsv",
        "results/semantic/term_evidence.tsv",
        *[f"results/figures/{f}.{ext}" for f in figures for ext in ("png", "svg")],
    ]


def all_outputs():
    return [
        "results/corpus/summary.tsv",
        "results/corpus/unmatched.tsv",
        "results/corpus/config.yaml",
        "results/provenance.json",
        "results/provenance.html",
        "results/frequencies/by_period.tsv",
        "results/frequencies/by_document.tsv",
        "results/frequencies/top_terms.tsv",
        "results/frequencies/corpus.tsv",
        "results/drift/concepts_corpus.tsv",
        "results/drift/concepts_by_period.tsv",
        "results/drift/concepts_by_year.tsv",
        "results/drift/jsd_periods.tsv",
        *keyness_outputs(),
        *[f"results/kwic/{n}.tsv" for n in KWIC_NAMES],
        *[f"results/figures/{f}.{ext}" for f in FIGURES for ext in ("png", "svg")],
        *ACTOR_OUTPUTS,
        *[
            f"results/groups/{g}/{f}.tsv"
            for g in GROUP_COLUMNS
            for f in ("frequencies", "totals", "keyness", "concepts")
        ],
        *drift_outputs(),
        "results/explorer.html",
        *(TOPIC_OUTPUTS if config["topics"]["enabled"] else []),
        *(
            ["results/topics/dynamic/topic_terms.tsv"]
            if config["topics"]["enabled"] and config["topics"]["dynamic"]
            else []
        ),
    ]
