# Load and check the configuration and the document manifest before any job runs,
# derive wildcard constraints from them, and define the input functions the rules use.
import importlib.metadata
import re
from pathlib import Path

import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from ordskifte.ingest import provenance, settings
from ordskifte.ingest.checksums import ChecksumError, lock_path, verify_checksums
from ordskifte.actors.mentions import parse_actors
from ordskifte.text.patterns import compile_patterns
from ordskifte.text.words import LEMMA_LANGUAGES
from ordskifte.ingest.manifest import (
    assign_periods,
    check_groups,
    check_periods,
    parse_periods,
    read_manifest,
    validate_manifest,
)

validate(config, workflow.source_path("../schemas/config.schema.yaml"))


def shipped(path):
    """A file named in config: in the working directory, else the one next to the Snakefile
    (the stopword lists and the actor dictionary ship with ordskifte)."""
    return settings.shipped(path, workflow.basedir)


# The stopword lists as the config names them (the config snapshot records these) and as found.
STOPWORDS_GIVEN = dict(config["stopwords"])
config["stopwords"] = {
    lang: shipped(path) for lang, path in config["stopwords"].items()
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

# Semantic change is computed between consecutive periods that have documents, one job per
# pair (rule semantic_change_pair), named "<earlier>_to_<later>".
_PERIODS_WITH_DOCS = [p for p in PERIOD_NAMES if (DOCS["period_used"] == p).any()]
CHANGE_PAIRS = {
    f"{a}_to_{b}": (a, b) for a, b in zip(_PERIODS_WITH_DOCS, _PERIODS_WITH_DOCS[1:])
}

# simplemma's tables the lemmatizer reads (it tries Bokmål and Nynorsk for every word),
# unpacked once by rule `lexicon`; none when the words are stemmed or left as they are.
LEXICON_LANGUAGES = list(LEMMA_LANGUAGES) if config["normalise"] == "lemma" else []
SIMPLEMMA_VERSION = importlib.metadata.version("simplemma")

# The actor dictionary (config `actors`): a YAML file, or the list itself as the config
# snapshot records it. The file is an input of the rules that read it (ACTORS_FILE), so
# editing it reruns them; they get the list (ACTORS) as a parameter.
if isinstance(config["actors"], str):
    ACTORS_FILE = [shipped(config["actors"])]
    _actors_source = ACTORS_FILE[0]
    if not Path(_actors_source).is_file():
        raise FileNotFoundError(
            f"config `actors`: {config['actors']} does not exist (give the actor dictionary's path)"
        )
    with open(_actors_source, encoding="utf-8") as _file:
        _actors = yaml.safe_load(_file) or {}
else:
    ACTORS_FILE = []
    _actors_source = "config `actors`"
    _actors = {"actors": config["actors"]}
try:
    validate(_actors, workflow.source_path("../schemas/actors.schema.yaml"))
except WorkflowError as err:
    raise WorkflowError(
        f"{_actors_source} is not a valid actor dictionary", err
    ) from None
ACTORS = _actors["actors"]
try:
    parse_actors(ACTORS)
except ValueError as err:
    raise ValueError(f"{_actors_source}: {err}") from None

# For the provenance card: the lock file the environment was installed from, the files the
# config names, and this environment (the one running Snakemake), a parameter of the card's
# rule so that another package version, Python or commit reruns the card (and nothing else).
LOCK_FILE = [p for p in [Path(workflow.basedir) / provenance.LOCK_NAME] if p.is_file()]
RESOURCE_FILES = settings.resource_files(
    {**config, "stopwords": STOPWORDS_GIVEN}, workflow.basedir
)
ENVIRONMENT = provenance.environment(LOCK_FILE[0] if LOCK_FILE else None)

# Document groups (config `groups`)
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
    pair="|".join(CHANGE_PAIRS) or "(?!)",
    group="|".join(GROUP_COLUMNS) or "(?!)",
    lang="|".join(LEMMA_LANGUAGES),


# ------------------------------------------------------------------ input functions
def source_of(doc):
    """The file of document ``doc`` in the corpus folder."""
    return str(CORPUS_DIR / DOCS.loc[doc, "file"])


def get_source(wildcards):
    """The document's file in the corpus folder."""
    return source_of(wildcards.doc)


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
    """Documents a segment table cuts from their token tables: a period's; for "all", only
    those in no configured period (get_segment_parts brings the others)."""
    if name == "all":
        return [d for d in DOC_IDS if DOCS.loc[d, "period_used"] not in PERIOD_NAMES]
    return [d for d in DOC_IDS if DOCS.loc[d, "period_used"] == name]


def get_segment_tokens(wildcards):
    return [f"results/tokens/{d}.parquet" for d in _segment_doc_ids(wildcards.segments)]


def get_segment_parts(wildcards):
    """The periods' segment tables that "all" joins, so that a document is cut into
    segments once, by its period's job; none for a period's table."""
    if wildcards.segments == "all":
        return [f"results/segments/{p}.parquet" for p in PERIOD_NAMES]
    return []


def get_segment_order(wildcards):
    """Every document of a segment table, in manifest order."""
    if wildcards.segments == "all":
        return DOC_IDS
    return _segment_doc_ids(wildcards.segments)


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


def _change_pair_doc_ids(pair):
    """Documents of the two periods of a semantic-change pair, in manifest order."""
    periods = CHANGE_PAIRS[pair]
    return [d for d in DOC_IDS if DOCS.loc[d, "period_used"] in periods]


def get_change_pair_tokens(wildcards):
    return [f"results/tokens/{d}.parquet" for d in _change_pair_doc_ids(wildcards.pair)]


def get_change_pair_doc_ids(wildcards):
    return _change_pair_doc_ids(wildcards.pair)


def get_change_pair_periods(wildcards):
    """The period of each document of a semantic-change pair (as get_change_pair_doc_ids)."""
    return [DOCS.loc[d, "period_used"] for d in _change_pair_doc_ids(wildcards.pair)]


def get_change_pair(wildcards):
    """The two periods of a semantic-change pair, earlier first."""
    return list(CHANGE_PAIRS[wildcards.pair])


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
        "chunksize": t["chunksize"],
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
