# Text of each document: clean PDF artefacts and identify paragraph languages, then
# tokenize, normalise (lemma/stem), flag stopwords and tag concept matches, then count.
# (lexicon: simplemma's word tables, unpacked once for every tokenize job.)


# simplemma's word tables, unpacked once for all tokenize jobs (ordskifte/text/lexicon.py);
# the simplemma version is a parameter, so upgrading it redoes them and the tokens.
rule lexicon:
    output:
        "results/lexicon/simplemma_{lang}.tsv",
    log:
        "logs/lexicon/{lang}.log",
    benchmark:
        "benchmarks/lexicon/{lang}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_aggregate_mem_mb,
        runtime=get_aggregate_runtime,
    params:
        simplemma=SIMPLEMMA_VERSION,
    script:
        "../scripts/lexicon.py"


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
        lexicons=expand("results/lexicon/simplemma_{lang}.tsv", lang=LEXICON_LANGUAGES),
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
        lexicon_languages=LEXICON_LANGUAGES,
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
