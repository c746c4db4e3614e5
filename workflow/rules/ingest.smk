# Ingest: extract each document's text (any encoding, or a PDF's text layer) to UTF-8.


rule extract:
    input:
        get_source,
    output:
        raw="results/text/{doc}.raw.txt",
        record="results/text/{doc}.extract.json",
    log:
        "logs/extract/{doc}.log",
    benchmark:
        "benchmarks/extract/{doc}.tsv"
    conda:
        "../../envs/ordskifte.yaml"
    script:
        "../scripts/extract.py"
