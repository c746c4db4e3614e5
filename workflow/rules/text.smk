# Text of each document, one job per document (rule document): extract it, clean PDF
# artefacts and identify paragraph languages, tokenize, normalise (lemma/stem), flag stopwords
# and tag concept matches, then count. (lexicon: simplemma's word tables, unpacked once for
# every document job.)


# simplemma's word tables, unpacked once for all document jobs (ordskifte/text/lexicon.py),
# each with the index the jobs look words up through; the simplemma version is a parameter,
# so upgrading it redoes them and the tokens.
rule lexicon:
    output:
        table="results/lexicon/simplemma_{lang}.tsv",
        index="results/lexicon/simplemma_{lang}.index",
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


# One job per document, from its file to its counts: extract (ordskifte/ingest/extract.py),
# clean PDF artefacts and identify paragraph languages, tokenize, normalise, flag stopwords,
# tag concept matches, count. One Python process instead of four, the text handed on in
# memory; every intermediate file is still written (results/text, results/tokens) for the
# stages and users that read them, byte for byte as separate steps would write them.
rule document:
    input:
        source=get_source,
        stopwords=list(config["stopwords"].values()),
        lexicons=expand("results/lexicon/simplemma_{lang}.tsv", lang=LEXICON_LANGUAGES),
        lexicon_indexes=expand(
            "results/lexicon/simplemma_{lang}.index", lang=LEXICON_LANGUAGES
        ),
    output:
        raw="results/text/{doc}.raw.txt",
        extract_record="results/text/{doc}.extract.json",
        text="results/text/{doc}.txt",
        footnotes="results/text/{doc}.footnotes.tsv",
        clean_record="results/text/{doc}.clean.json",
        tokens="results/tokens/{doc}.parquet",
        tokens_record="results/tokens/{doc}.json",
        counts="results/counts/{doc}.parquet",
    log:
        "logs/document/{doc}.log",
    benchmark:
        "benchmarks/document/{doc}.tsv"
    conda:
        "../../envs/preprocess.yaml"
    threads: 1
    resources:
        mem_mb=get_document_mem_mb,
        runtime=get_document_runtime,
    params:
        default_language=get_default_language,
        languages=config["languages"],
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
        "../scripts/document.py"
