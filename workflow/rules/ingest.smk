# Ingest: check the manifest into the documents table (the period of each document and where it
# came from), record the effective config and the provenance card, and download `url` rows.
# Each document's text is extracted (any encoding, a PDF's text layer, a web page's main text,
# a .docx or .odt) to UTF-8 by its `document` job (text.smk), which goes on to its counts.


rule documents:
    input:
        config["manifest"],
    output:
        "results/corpus/documents.tsv",
    log:
        "logs/corpus/documents.log",
    benchmark:
        "benchmarks/corpus/documents.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        periods=config["periods"],
    script:
        "../scripts/documents.py"


rule config_snapshot:
    input:
        actors=ACTORS_FILE,
    output:
        report(
            "results/corpus/config.yaml",
            caption="../report/config.rst",
            category="ingest",
        ),
    log:
        "logs/corpus/config.log",
    benchmark:
        "benchmarks/corpus/config.tsv"
    conda:
        "../../envs/preprocess.yaml"
    params:
        # the actor list read from the file, so that the snapshot alone reruns the same
        config=settings.effective_config(
            {**config, "stopwords": STOPWORDS_GIVEN}, actors=ACTORS
        ),
    script:
        "../scripts/config_snapshot.py"


# What made the results (the environment, the commit, the sha256 of every input), for
# `python -m ordskifte verify`. The environment is Snakemake's own, read when the workflow
# starts (ENVIRONMENT in common.smk); the job hashes the files and writes the card.
rule provenance:
    input:
        config_snapshot="results/corpus/config.yaml",
        manifest=config["manifest"],
        documents=[source_of(doc) for doc in DOC_IDS],
        resources=list(RESOURCE_FILES.values()),
        lock=LOCK_FILE,
    output:
        card="results/provenance.json",
        page=report(
            "results/provenance.html",
            caption="../report/provenance.rst",
            category="ingest",
        ),
    log:
        "logs/corpus/provenance.log",
    benchmark:
        "benchmarks/corpus/provenance.tsv"
    conda:
        "../../envs/preprocess.yaml"
    params:
        documents={doc: source_of(doc) for doc in DOC_IDS},
        resources=RESOURCE_FILES,
        seed=config["seed"],
        environment=ENVIRONMENT,
    script:
        "../scripts/provenance.py"


rule fetch:
    output:
        f"{CORPUS_DIR}/{{fetched}}",
    log:
        "logs/fetch/{fetched}.log",
    benchmark:
        "benchmarks/fetch/{fetched}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    params:
        row=get_fetch_row,
        lock=str(CHECKSUMS),
        max_bytes=config["fetch"]["max_bytes"],
        timeout=config["fetch"]["timeout"],
    script:
        "../scripts/fetch.py"


# Download manifest rows that have a url and no file yet. A local rule: cluster compute nodes
# often have no internet access, and downloads are light.
localrules:
    fetch,
