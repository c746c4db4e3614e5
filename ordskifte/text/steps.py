"""Steps of the text stage, one document at a time: the whole way from a document's file to its
term counts in one process (:func:`document_step`), and each part of it on its own (clean,
tokenize and count), plus simplemma's tables unpacked once for all documents.

The workflow runs :func:`document_step`, one job per document: the text goes from extraction
to counts in memory, and every intermediate file (raw text, cleaned text, footnotes, token
table, the records) is still written for the stages and users that read them. The part steps
(:func:`clean_step`, :func:`tokenize_step`, :func:`count_step`) read and write the same files
and give the same bytes; tests and benchmarks call them. Heavy libraries are imported inside
the steps that use them: each rule job is a new Python process and pays its imports.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ordskifte.text.tokenize import TokenCodes

log = logging.getLogger("ordskifte")


def document_step(
    source: str,
    *,
    doc_id: str,
    raw_out: str,
    extract_record_out: str,
    text_out: str,
    footnotes_out: str,
    clean_record_out: str,
    tokens_out: str,
    tokens_record_out: str,
    counts_out: str,
    default_language: str,
    languages: Sequence[str],
    normalise: str,
    variants: Mapping[str, str],
    stopword_files: Mapping[str, str],
    extra_stopwords: Sequence[str],
    min_token_length: int,
    min_tokens: int,
    concepts: Mapping[str, Sequence[str]],
    targets: Mapping[str, Sequence[str]],
    lexicons: Mapping[str, str] | None = None,
) -> None:
    """Extract, clean, tokenize and count one document in one process, writing every file
    the part steps write (the same bytes): one Python start-up per document instead of four,
    and no token table read back from disk to count it."""
    from ordskifte.ingest.extract import extract_file, save_extracted

    extracted = extract_file(source)
    record = save_extracted(
        extracted, raw_out=raw_out, record_out=extract_record_out, doc_id=doc_id, source=source
    )
    text, clean_record, pieces = _clean(
        extracted.text,
        record,
        text_out=text_out,
        footnotes_out=footnotes_out,
        record_out=clean_record_out,
        default_language=default_language,
        languages=languages,
    )
    tokens = _tokenize(
        text,
        clean_record["paragraphs"],
        pieces=pieces,
        where=text_out,
        tokens_out=tokens_out,
        record_out=tokens_record_out,
        normalise=normalise,
        variants=variants,
        stopword_files=stopword_files,
        extra_stopwords=extra_stopwords,
        min_token_length=min_token_length,
        min_tokens=min_tokens,
        concepts=concepts,
        targets=targets,
        lexicons=lexicons,
    )
    from ordskifte.text.columns import count_table, write_table

    counts = count_table(tokens, concept_names=sorted(concepts), target_names=sorted(targets))
    write_table(counts, counts_out)
    log.info("%d rows", len(counts))


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
    from ordskifte.io import read_json

    _clean(
        Path(raw).read_text(encoding="utf-8"),
        read_json(extract_record),
        text_out=text_out,
        footnotes_out=footnotes_out,
        record_out=record_out,
        default_language=default_language,
        languages=languages,
    )


def _clean(
    text: str,
    extracted: Mapping[str, Any],
    *,
    text_out: str,
    footnotes_out: str,
    record_out: str,
    default_language: str,
    languages: Sequence[str],
) -> tuple[str, dict, list[list[str]] | None]:
    """:func:`clean_step` on the raw text and extraction record in memory; returns the
    cleaned text as written to ``text_out``, the record written to ``record_out`` and, when
    the paragraphs' languages were identified, each paragraph's tokenizer pieces
    (``TOKEN.findall``), which the tokenizer can use instead of finding them again."""
    from ordskifte.io import write_json
    from ordskifte.text.clean import clean_document
    from ordskifte.text.language import identify_languages
    from ordskifte.text.words import TOKEN

    result = clean_document(text, page_numbers=extracted.get("page_numbers"))
    paragraphs = []
    # The detector tells nb, nn and en apart; a document declared in another language
    # (sv, da, ...) keeps its declared language for every paragraph.
    detect = default_language in ("nb", "nn", "en")
    texts = [para.text for para in result.paragraphs]
    pieces = [TOKEN.findall(text) for text in texts] if detect else None
    found = (
        identify_languages(texts, pieces, default=default_language)
        if pieces is not None
        else [default_language] * len(texts)
    )
    for i, (para, lang) in enumerate(zip(result.paragraphs, found, strict=True)):
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
    cleaned = "\n\n".join(p.text for p in result.paragraphs) + "\n"
    Path(text_out).parent.mkdir(parents=True, exist_ok=True)
    Path(text_out).write_text(cleaned, "utf-8")
    Path(footnotes_out).write_text(
        "number\tpage\ttext\n"
        + "".join(
            f"{f.number}\t{'' if f.page is None else f.page}\t{f.text}\n" for f in result.footnotes
        ),
        encoding="utf-8",
    )
    characters_clean = sum(len(p.text) for p in result.paragraphs)
    record = {
        "paragraphs": paragraphs,
        "characters_clean": characters_clean,
        "characters_dropped_language": sum(p["characters"] for p in dropped),
        "footnotes": len(result.footnotes),
        "cleaning": result.record,
        "warnings": [],
    }
    write_json(record, record_out)
    log.info(
        "%d paragraphs (%d left out by language), %d footnotes, %d -> %d characters",
        len(paragraphs),
        len(dropped),
        len(result.footnotes),
        len(text),
        characters_clean,
    )
    return cleaned, record, pieces


def lexicon_step(language: str, *, lexicon_out: str) -> None:
    """Unpack simplemma's word table for ``language`` and its index once, for every document
    job."""
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
    from ordskifte.io import read_json

    _tokenize(
        Path(text).read_text(encoding="utf-8"),
        read_json(clean_record)["paragraphs"],
        where=text,
        meta_file=clean_record,
        tokens_out=tokens_out,
        record_out=record_out,
        normalise=normalise,
        variants=variants,
        stopword_files=stopword_files,
        extra_stopwords=extra_stopwords,
        min_token_length=min_token_length,
        min_tokens=min_tokens,
        concepts=concepts,
        targets=targets,
        lexicons=lexicons,
    )


def _tokenize(
    text: str,
    meta: Sequence[Mapping[str, Any]],
    *,
    where: str,
    tokens_out: str,
    record_out: str | None,
    normalise: str,
    variants: Mapping[str, str],
    stopword_files: Mapping[str, str],
    extra_stopwords: Sequence[str],
    min_token_length: int,
    min_tokens: int,
    concepts: Mapping[str, Sequence[str]],
    targets: Mapping[str, Sequence[str]],
    lexicons: Mapping[str, str] | None,
    meta_file: str = "its clean record",
    pieces: Sequence[list[str]] | None = None,
) -> TokenCodes:
    """:func:`tokenize_step` on the cleaned text (as written to ``where``) and its paragraph
    records in memory; returns the token table written to ``tokens_out``, as codes.
    ``pieces`` (from :func:`_clean`, one list per paragraph) spares finding the tokens of
    each paragraph again."""
    import numpy as np

    from ordskifte.io import write_json
    from ordskifte.text.columns import token_table, write_table
    from ordskifte.text.patterns import compile_patterns
    from ordskifte.text.tokenize import Normaliser, ParagraphIn, read_stopwords, token_codes

    texts = text.rstrip("\n").split("\n\n")
    if len(meta) != len(texts) and meta:
        raise ValueError(f"{where}: {len(texts)} paragraphs but {len(meta)} in {meta_file}")
    if pieces is not None and len(pieces) != len(meta):
        raise ValueError(f"{where}: {len(pieces)} paragraphs' pieces for {len(meta)} paragraphs")
    paragraphs = [
        ParagraphIn(
            index=m["index"],
            text=t,
            page=m["page"],
            language=m["language"],
            page_starts=tuple(tuple(pair) for pair in m.get("page_starts", [])),
            pieces=None if pieces is None else pieces[k],
        )
        for k, (m, t) in enumerate(zip(meta, texts, strict=False))
        if m["analysed"]
    ]
    # The table as codes, its columns taken from per-form values in Arrow, written without
    # pandas: the bytes tokens_frame(tokenize_document(...)).to_parquet() gives.
    codes = token_codes(
        paragraphs,
        normaliser=Normaliser(normalise, variants=variants, lexicons=lexicons or {}),
        stopwords={lang: read_stopwords(path) for lang, path in stopword_files.items()},
        extra_stopwords=extra_stopwords,
        min_token_length=min_token_length,
        concepts=compile_patterns(concepts),
        targets=compile_patterns(targets),
    )
    words = codes.word_tokens()
    too_short = 0 < words < min_tokens
    if too_short:
        log.warning(
            "%s: too short to analyse (%d word tokens, fewer than config `min_tokens` = %d); "
            "left out of every table, listed as excluded in results/corpus/summary.tsv",
            where,
            words,
            min_tokens,
        )
        codes = codes.emptied()
    write_table(token_table(codes), tokens_out)
    if record_out:
        write_json(
            {"word_tokens": words, "min_tokens": min_tokens, "too_short": too_short}, record_out
        )
    # Distinct sentences and forms counted by bincount (the ids are small non-negative
    # integers): the numbers np.unique gives, without sorting a million ids.
    used = np.flatnonzero(np.bincount(codes.codes)).tolist() if len(codes) else []
    log.info(
        "%d paragraphs, %d sentences, %d tokens (%d distinct lemmas)",
        len(paragraphs),
        np.count_nonzero(np.bincount(codes.sentence)) if len(codes) else 0,
        len(codes),
        len({codes.lemmas[c] for c in used}),
    )
    return codes


def count_step(
    tokens: str, *, counts_out: str, concept_names: Sequence[str], target_names: Sequence[str]
) -> None:
    """Count a document's terms, concept and target matches and token totals."""
    from ordskifte.io import read_parquet

    _count(
        read_parquet(tokens),
        counts_out=counts_out,
        concept_names=concept_names,
        target_names=target_names,
    )


def _count(
    tokens: pd.DataFrame,
    *,
    counts_out: str,
    concept_names: Sequence[str],
    target_names: Sequence[str],
) -> None:
    """:func:`count_step` on a token table in memory."""
    from ordskifte.io import write_parquet
    from ordskifte.text.counts import document_counts

    counts = document_counts(tokens, concept_names=concept_names, target_names=target_names)
    write_parquet(counts, counts_out)
    log.info("%d rows", len(counts))
