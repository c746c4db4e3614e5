# Preprocess each document: clean PDF artefacts and identify paragraph languages, then
# tokenize, normalise (lemma/stem), flag stopwords and tag concept matches, then count.


rule clean:
    input:
        raw="results/text/{doc}.raw.txt",
        record="results/text/{doc}.extract.json",
    output:
        text="results/text/{doc}.txt",
        footnotes="results/text/{doc}.footnotes.tsv",
        record="results/text/{doc}.clean.json",
    log:
        "logs/clean/{doc}.log",
    benchmark:
        "benchmarks/clean/{doc}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_document_mem_mb,
        runtime=get_document_runtime,
    params:
        default_language=get_default_language,
        languages=config["languages"],
    script:
        "../scripts/clean.py"


rule tokenize:
    input:
        text="results/text/{doc}.txt",
        record="results/text/{doc}.clean.json",
        stopwords=list(config["stopwords"].values()),
    output:
        tokens="results/tokens/{doc}.parquet",
        record="results/tokens/{doc}.json",
    log:
        "logs/tokenize/{doc}.log",
    benchmark:
        "benchmarks/tokenize/{doc}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_document_mem_mb,
        runtime=get_document_runtime,
    params:
        normalise=config["normalise"],
        variants=config["variants"],
        stopwords=config["stopwords"],
        extra_stopwords=config["extra_stopwords"],
        min_token_length=config["min_token_length"],
        min_tokens=config["min_tokens"],
        concepts=config["concepts"],
        targets=config["targets"],
    script:
        "../scripts/tokenize_doc.py"


rule count:
    input:
        "results/tokens/{doc}.parquet",
    output:
        "results/counts/{doc}.parquet",
    log:
        "logs/count/{doc}.log",
    benchmark:
        "benchmarks/count/{doc}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_document_mem_mb,
        runtime=get_document_runtime,
    params:
        concepts=sorted(config["concepts"]),
        targets=sorted(config["targets"]),
    script:
        "../scripts/count.py"
