"""Steps of the text stage, one document at a time: clean, tokenize and count (and unpack the
lemmatizer's tables once for all documents).

Each Snakemake rule script is a thin adapter that calls one function here, so every step
can also be run and tested without Snakemake (the benchmarks call them too). Heavy
libraries are imported inside the steps that use them: each rule job is a new Python
process and pays its imports.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

log = logging.getLogger("ordskifte")


def clean_step(
    raw: str,
    extract_record: str,
    *,
    text_out: str,
    footnotes_out: str,
    record_out: str,
    default_language: str,
    languages: Sequence[str],
) -> None:
    """Remove PDF artefacts, split footnotes off, identify each paragraph's language."""
    from ordskifte.io import read_json, write_json
    from ordskifte.text.clean import clean_document
    from ordskifte.text.language import identify_language

    text = Path(raw).read_text(encoding="utf-8")
    extracted = read_json(extract_record)
    result = clean_document(text, page_numbers=extracted.get("page_numbers"))
    paragraphs = []
    # The detector tells nb, nn and en apart; a document declared in another language
    # (sv, da, ...) keeps its declared language for every paragraph.
    detect = default_language in ("nb", "nn", "en")
    for i, para in enumerate(result.paragraphs):
        lang = (
            identify_language(para.text, default=default_language) if detect else default_language
        )
        paragraphs.append(
            {
                "index": i,
                "page": para.page,
                "page_starts": [list(pair) for pair in para.page_starts],
                "language": lang,
                "analysed": lang in languages,
                "characters": len(para.text),
            }
        )
    dropped = [p for p in paragraphs if not p["analysed"]]
    for p in dropped:
        log.info(
            "paragraph %d (%d characters) is in %s, not in %s: left out of the analysis",
            p["index"],
            p["characters"],
            p["language"],
            ", ".join(languages),
        )
    Path(text_out).write_text("\n\n".join(p.text for p in result.paragraphs) + "\n", "utf-8")
    Path(footnotes_out).write_text(
        "number\tpage\ttext\n"
        + "".join(
            f"{f.number}\t{'' if f.page is None else f.page}\t{f.text}\n" for f in result.footnotes
        ),
        encoding="utf-8",
    )
    characters_clean = sum(len(p.text) for p in result.paragraphs)
    write_json(
        {
            "paragraphs": paragraphs,
            "characters_clean": characters_clean,
            "characters_dropped_language": sum(p["characters"] for p in dropped),
            "footnotes": len(result.footnotes),
            "cleaning": result.record,
            "warnings": [],
        },
        record_out,
    )
    log.info(
        "%d paragraphs (%d left out by language), %d footnotes, %d -> %d characters",
        len(paragraphs),
        len(dropped),
        len(result.footnotes),
        len(text),
        characters_clean,
    )


def lexicon_step(language: str, *, lexicon_out: str) -> None:
    """Unpack simplemma's word table for ``language`` once, for every tokenize job."""
    import simplemma

    from ordskifte.text.lexicon import write_lexicon

    entries = write_lexicon(language, lexicon_out)
    log.info("simplemma %s, %s: %d word forms", simplemma.__version__, language, entries)


def tokenize_step(
    text: str,
    clean_record: str,
    *,
    tokens_out: str,
    normalise: str,
    variants: Mapping[str, str],
    stopword_files: Mapping[str, str],
    extra_stopwords: Sequence[str],
    min_token_length: int,
    concepts: Mapping[str, Sequence[str]],
    targets: Mapping[str, Sequence[str]],
    min_tokens: int = 0,
    record_out: str | None = None,
    lexicons: Mapping[str, str] | None = None,
) -> None:
    """Tokenize the analysed paragraphs of a cleaned document into a token table.

    ``lexicons`` (``{language: path}``, from :func:`lexicon_step`) makes the lemmatizer read
    simplemma's tables from there instead of unpacking its own; the lemmas are the same.

    A document with fewer than ``min_tokens`` word tokens (tokens with a letter) is too short
    to analyse: its token table is written empty, so no table counts it, and ``record_out``
    (``word_tokens``, ``min_tokens``, ``too_short``) tells the corpus summary why.
    """
    from ordskifte.io import read_json, write_json, write_parquet
    from ordskifte.text.counts import word_tokens
    from ordskifte.text.patterns import compile_patterns
    from ordskifte.text.tokenize import (
        Normaliser,
        ParagraphIn,
        read_stopwords,
        tokenize_document,
        tokens_frame,
    )

    texts = Path(text).read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    meta = read_json(clean_record)["paragraphs"]
    if len(meta) != len(texts) and meta:
        raise ValueError(f"{text}: {len(texts)} paragraphs but {len(meta)} in {clean_record}")
    paragraphs = [
        ParagraphIn(
            index=m["index"],
            text=t,
            page=m["page"],
            language=m["language"],
            page_starts=tuple(tuple(pair) for pair in m.get("page_starts", [])),
        )
        for m, t in zip(meta, texts, strict=False)
        if m["analysed"]
    ]
    table = tokenize_document(
        paragraphs,
        normaliser=Normaliser(normalise, variants=variants, lexicons=lexicons or {}),
        stopwords={lang: read_stopwords(path) for lang, path in stopword_files.items()},
        extra_stopwords=extra_stopwords,
        min_token_length=min_token_length,
        concepts=compile_patterns(concepts),
        targets=compile_patterns(targets),
    )
    df = tokens_frame(table)
    words = word_tokens(df)
    too_short = 0 < words < min_tokens
    if too_short:
        log.warning(
            "%s: too short to analyse (%d word tokens, fewer than config `min_tokens` = %d); "
            "left out of every table, listed as excluded in results/corpus/summary.tsv",
            text,
            words,
            min_tokens,
        )
        df = df.iloc[0:0]
    write_parquet(df, tokens_out)
    if record_out:
        write_json(
            {"word_tokens": words, "min_tokens": min_tokens, "too_short": too_short}, record_out
        )
    log.info(
        "%d paragraphs, %d sentences, %d tokens (%d distinct lemmas)",
        len(paragraphs),
        df["sentence"].nunique(),
        len(df),
        df["lemma"].nunique(),
    )


def count_step(
    tokens: str, *, counts_out: str, concept_names: Sequence[str], target_names: Sequence[str]
) -> None:
    """Count a document's terms, concept and target matches and token totals."""
    from ordskifte.io import read_parquet, write_parquet
    from ordskifte.text.counts import document_counts

    counts = document_counts(
        read_parquet(tokens), concept_names=concept_names, target_names=target_names
    )
    write_parquet(counts, counts_out)
    log.info("%d rows", len(counts))
