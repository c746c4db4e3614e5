# Load and check the configuration and the document manifest before any job runs,
# derive wildcard constraints from them, and define the input functions the rules use.
import importlib.metadata
import re
import sys
from pathlib import Path

from snakemake.utils import validate

sys.path.insert(0, workflow.basedir)  # the ordskifte package next to the Snakefile

from ordskifte.ingest.checksums import ChecksumError, lock_path, verify_checksums
from ordskifte.actors.mentions import parse_actors
from ordskifte.text.patterns import compile_patterns
from ordskifte.text.tokenize import LEMMA_LANGUAGES
from ordskifte.ingest.manifest import (
    assign_periods,
    check_groups,
    check_periods,
    parse_periods,
    read_manifest,
    validate_manifest,
)

validate(config, workflow.source_path("../schemas/config.schema.yaml"))

# Shipped files named in config (stopword lists) are found next to the Snakefile when the
# working directory (--directory) does not have them.
config["stopwords"] = {
    lang: path if Path(path).exists() else str(Path(workflow.basedir) / path)
    for lang, path in config["stopwords"].items()
}

PERIODS = parse_periods(config["periods"])
for _warning in check_periods(
    PERIODS, allow_overlaps=config["allow_overlapping_periods"]
):
    logger.warning(f"config: {_warning}")
PERIOD_NAMES = [p.name for p in PERIODS]
PREVIOUS = dict(zip(PERIOD_NAMES[1:], PERIOD_NAMES[:-1]))

# Every pattern must be able to match a token: all problems are reported at once.
_pattern_problems = []
for _kind in ("concepts", "targets"):
    for _name, _patterns in config[_kind].items():
        try:
            compile_patterns({_name: _patterns})
        except ValueError as err:
            _pattern_problems.append(f"config `{_kind}.{_name}`: {err}")
if _pattern_problems:
    raise ValueError(
        "\n  - ".join(["invalid concept or target patterns:", *_pattern_problems])
    )
KWIC_NAMES = sorted(set(config["concepts"]) | set(config["targets"]))
if len(KWIC_NAMES) != len(config["concepts"]) + len(config["targets"]):
    raise ValueError("config: a concept and a target share a name; rename one of them")

MANIFEST = Path(config["manifest"])
CORPUS_DIR = MANIFEST.parent
_manifest = read_manifest(MANIFEST)
validate_manifest(
    _manifest,
    schema=__import__("yaml").safe_load(
        open(workflow.source_path("../schemas/manifest.schema.yaml"), encoding="utf-8")
    ),
    corpus_dir=CORPUS_DIR,
    period_names=PERIOD_NAMES,
    languages=config["manifest_languages"],
    manifest_name=str(MANIFEST),
)
DOCS = assign_periods(_manifest, PERIODS).set_index("doc_id", drop=False)
DOC_IDS = list(DOCS.index)

# Downloaded and added documents must still be the files first recorded in the lock file.
CHECKSUMS = lock_path(MANIFEST)
_changed = verify_checksums(
    dict(zip(DOCS["doc_id"], DOCS["file"])), corpus_dir=CORPUS_DIR, lock=CHECKSUMS
)
if _changed:
    raise ChecksumError("\n  - ".join(["checksum check failed:", *_changed]))

# Rows with a url are downloaded by rule fetch when their file is missing.
_urls = DOCS.get("url", [""] * len(DOCS))  # url is an optional column
FETCHED = {f: d for d, f, u in zip(DOCS["doc_id"], DOCS["file"], _urls) if u}


TOPIC_MODELS = [*PERIOD_NAMES, "global"]

# simplemma's tables the lemmatizer reads (it tries Bokmål and Nynorsk for every word),
# unpacked once by rule `lexicon`; none when the words are stemmed or left as they are.
LEXICON_LANGUAGES = list(LEMMA_LANGUAGES) if config["normalise"] == "lemma" else []
SIMPLEMMA_VERSION = importlib.metadata.version("simplemma")

# Actors and document groups (config `actors`, `groups`)
parse_actors(config["actors"])
GROUP_COLUMNS, _group_warnings = check_groups(config["groups"], DOCS)
for _warning in _group_warnings:
    logger.warning(_warning)


wildcard_constraints:
    model="|".join(TOPIC_MODELS),
    doc="|".join(re.escape(d) for d in DOC_IDS),
    period="|".join(PERIOD_NAMES),
    previous="|".join(PERIOD_NAMES),
    name="|".join(KWIC_NAMES),
    fetched="|".join(re.escape(f) for f in FETCHED) or "(?!)",
    segments="|".join([*PERIOD_NAMES, "all"]),
    group="|".join(GROUP_COLUMNS) or "(?!)",
    lang="|".join(LEMMA_LANGUAGES),


# ------------------------------------------------------------------ input functions
def get_source(wildcards):
    """The document's file in the corpus folder."""
    return str(CORPUS_DIR / DOCS.loc[wildcards.doc, "file"])


def get_fetch_row(wildcards):
    """The manifest row (doc_id, url, file) of a document to download."""
    row = DOCS.loc[FETCHED[wildcards.fetched]]
    return {"doc_id": row["doc_id"], "url": row["url"], "file": row["file"]}


def get_default_language(wildcards):
    """The manifest's language for a document (used where a paragraph is undecided)."""
    return DOCS.loc[wildcards.doc, "language"] or "nb"


def get_group_pairs(wildcards):
    """Pairs of values of a group column compared by keyness (config `groups`)."""
    return GROUP_COLUMNS[wildcards.group]


def get_keyness_reference(wildcards):
    """Reference periods of a keyness table: the one named, or all others ("rest")."""
    if "previous" in wildcards.keys():
        return [wildcards.previous]
    return [p for p in PERIOD_NAMES if p != wildcards.period]


def per_document(pattern):
    """One path per manifest document, in manifest order."""
    return [pattern.format(doc=d) for d in DOC_IDS]


def keyness_outputs():
    vs_rest = [f"results/keyness/{p}_vs_rest.tsv" for p in PERIOD_NAMES]
    vs_prev = [f"results/keyness/{p}_vs_{q}.tsv" for p, q in PREVIOUS.items()]
    return vs_rest + vs_prev


def keyness_titles():
    labels = {p.name: p.label for p in PERIODS}
    titles = {f"{p}_vs_rest": f"{labels[p]} vs the other periods" for p in PERIOD_NAMES}
    titles.update(
        {f"{p}_vs_{q}": f"{labels[p]} vs {labels[q]}" for p, q in PREVIOUS.items()}
    )
    return titles


def _segment_doc_ids(name):
    """Documents of a segment table: a period's, or every document for "all"."""
    if name == "all":
        return DOC_IDS
    return [d for d in DOC_IDS if DOCS.loc[d, "period_used"] == name]


def get_segment_tokens(wildcards):
    return [f"results/tokens/{d}.parquet" for d in _segment_doc_ids(wildcards.segments)]


def get_segment_documents(wildcards):
    """doc_id, period and year of each document of a segment table (from the manifest)."""
    return [
        {
            "doc_id": d,
            "period": DOCS.loc[d, "period_used"],
            "year": DOCS.loc[d, "year"],
        }
        for d in _segment_doc_ids(wildcards.segments)
    ]


def get_model_segments(wildcards):
    """Segments a topic model is fitted on: its period's, or all of them for "global"."""
    name = "all" if wildcards.model == "global" else wildcards.model
    return f"results/segments/{name}.parquet"


def get_topic_fit_options():
    """The fitting options of config `topics` passed to every fit."""
    t = config["topics"]
    return {
        "passes": t["passes"],
        "iterations": t["iterations"],
        "eval_every": t["eval_every"],
        "restarts": t["restarts"],
    }


def topic_titles():
    """Title of each topic model's heatmap, in the order of TOPIC_MODELS."""
    labels = {p.name: p.label for p in PERIODS}
    return [
        (
            "Topics of the global model (all periods)"
            if m == "global"
            else f"Topics in {labels[m]}"
        )
        for m in TOPIC_MODELS
    ]


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
        *(TOPIC_OUTPUTS if config["topics"]["enabled"] else []),
        *(
            ["results/topics/dynamic/topic_terms.tsv"]
            if config["topics"]["enabled"] and config["topics"]["dynamic"]
            else []
        ),
    ]
