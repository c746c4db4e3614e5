"""The corpus summary: one row per manifest document, saying what happened to it.

No document is dropped silently: a row is written for every manifest row, with its status
(``analysed``, ``analysed (corpus-wide only)`` or ``excluded: <why>``) and the numbers that
explain it (characters extracted and cleaned away, paragraphs left out by language, tokens).
No zero is silent either: :func:`unmatched_families` lists every concept and target that
matched nothing in the whole corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.ingest.manifest import NO_PERIOD_SOURCE

SUMMARY_COLUMNS = [
    "doc_id",
    "status",
    "period",
    "period_source",
    "year",
    "genre",
    "language",
    "languages_found",
    "format",
    "encoding",
    "pages",
    "characters_raw",
    "characters_clean",
    "characters_removed",
    "footnotes",
    "paragraphs",
    "paragraphs_analysed",
    "paragraphs_dropped",
    "dropped_why",
    "tokens",
    "content_tokens",
    "warnings",
    "file",
    "title",
]


UNMATCHED_COLUMNS = ["kind", "name", "match", "patterns", "documents", "tokens"]


def unmatched_families(
    counts: pd.DataFrame,
    *,
    concepts: Mapping[str, object],
    targets: Mapping[str, object],
) -> pd.DataFrame:
    """The concepts and targets that matched nothing in any document.

    Parameters
    ----------
    counts
        Every document's counts stacked (``doc_id, kind, term, count``, as
        :func:`ordskifte.corpus.load_counts` gives them).
    concepts, targets
        The config's families (name -> patterns, or ``{patterns, match}``).

    Returns
    -------
    DataFrame
        One row per family without a match: ``kind`` (concept or target), ``name``,
        ``match`` (its match mode), ``patterns`` (joined by ``" | "``), and the ``documents``
        and word ``tokens`` that were searched (documents with at least one token). Sorted
        by kind, then name; empty when every family matched.
    """
    from ordskifte.text.patterns import family

    totals = counts[counts["kind"] == "total"]
    tokens = totals[totals["term"] == "tokens"]
    searched = tokens[tokens["count"] > 0]
    matched = counts[counts["kind"].isin(["concept", "target"]) & (counts["count"] > 0)]
    found = set(zip(matched["kind"], matched["term"], strict=True))
    rows = []
    for kind, families in (("concept", concepts), ("target", targets)):
        for name in sorted(families):
            if (kind, name) in found:
                continue
            patterns, mode = family(families[name])
            rows.append(
                {
                    "kind": kind,
                    "name": name,
                    "match": mode,
                    "patterns": " | ".join(patterns),
                    "documents": int(searched["doc_id"].nunique()),
                    "tokens": int(searched["count"].sum()),
                }
            )
    return pd.DataFrame(rows, columns=UNMATCHED_COLUMNS)


def paragraph_languages(paragraphs: Sequence[Mapping]) -> dict[str, int]:
    """Count paragraphs per identified language."""
    out: dict[str, int] = {}
    for p in paragraphs:
        out[p["language"]] = out.get(p["language"], 0) + 1
    return dict(sorted(out.items()))


def document_status(
    *,
    tokens: int,
    period: str,
    period_source: str = "",
    analysed_paragraphs: int,
    languages: Sequence[str],
    found: str,
    tokenize: Mapping | None = None,
) -> str:
    """Status of one document (see module docstring)."""
    if tokenize and tokenize.get("too_short"):
        return (
            f"excluded: too short to analyse ({tokenize['word_tokens']} word tokens, fewer "
            f"than config `min_tokens` = {tokenize['min_tokens']})"
        )
    if analysed_paragraphs == 0:
        return (
            f"excluded: no paragraph in {', '.join(languages)} (found {found or 'no text'}); "
            + _language_advice(found)
        )
    if tokens == 0:
        return "excluded: no word tokens after cleaning"
    if not period and period_source == NO_PERIOD_SOURCE:
        return "analysed (corpus-wide only: the manifest gives it no period)"
    if not period:
        return "analysed (corpus-wide only: no period and no year in a period)"
    return "analysed"


def _language_advice(found: str) -> str:
    """What to do about a document with no paragraph in the analysed languages, given the
    languages ``found`` (``"en:3, nn:1"``): add one that ordskifte can analyse (config
    ``languages`` allows only :data:`ordskifte.text.words.LEMMA_LANGUAGES`), or know
    that the document stays out of the tables."""
    from ordskifte.text.words import LEMMA_LANGUAGES

    found_languages = [item.split(":")[0] for item in found.split(", ") if item]
    addable = [lang for lang in found_languages if lang in LEMMA_LANGUAGES]
    if addable:
        return f"add {', '.join(addable)} to config `languages` to analyse it"
    if not found_languages:
        return "check that the file has text (a scanned PDF needs OCR first)"
    return (
        f"ordskifte analyses only {' and '.join(LEMMA_LANGUAGES)} (Bokmål, Nynorsk), so it "
        "stays out of the tables; if it should be Norwegian, check its text in results/text/"
    )


def summary_row(
    doc: Mapping[str, str],
    *,
    extract: Mapping,
    clean: Mapping,
    tokens: int,
    content_tokens: int,
    languages: Sequence[str],
    tokenize: Mapping | None = None,
) -> dict:
    """Build one summary row from the manifest row (with ``period_used``/``period_source``),
    the extraction record, the cleaning record and the document's token totals."""
    paragraphs = clean.get("paragraphs", [])
    found = paragraph_languages(paragraphs)
    found_text = ", ".join(f"{k}:{v}" for k, v in found.items())
    analysed = sum(1 for p in paragraphs if p["analysed"])
    dropped = paragraph_languages([p for p in paragraphs if not p["analysed"]])
    dropped_why = "; ".join(
        f"{n} paragraph(s) in {lang}, not in {', '.join(languages)}" for lang, n in dropped.items()
    )
    warnings = list(extract.get("warnings", [])) + list(clean.get("warnings", []))
    return {
        "doc_id": doc["doc_id"],
        "status": document_status(
            tokens=tokens,
            period=doc["period_used"],
            period_source=doc["period_source"],
            analysed_paragraphs=analysed,
            languages=languages,
            found=found_text,
            tokenize=tokenize,
        ),
        "period": doc["period_used"],
        "period_source": doc["period_source"],
        "year": doc["year"],
        "genre": doc.get("genre", ""),
        "language": doc["language"],
        "languages_found": found_text,
        "format": extract.get("format", ""),
        "encoding": extract.get("encoding") or "",
        "pages": "" if extract.get("pages") is None else extract["pages"],
        "characters_raw": extract.get("characters", 0),
        "characters_clean": clean.get("characters_clean", 0),
        "characters_removed": extract.get("characters", 0) - clean.get("characters_clean", 0),
        "footnotes": clean.get("footnotes", 0),
        "paragraphs": len(paragraphs),
        "paragraphs_analysed": analysed,
        "paragraphs_dropped": len(paragraphs) - analysed,
        "dropped_why": dropped_why,
        # a document too short to analyse has no counts; show the word tokens it had
        "tokens": tokens or (tokenize or {}).get("word_tokens", 0),
        "content_tokens": content_tokens,
        "warnings": " | ".join(warnings),
        "file": doc["file"],
        "title": doc.get("title", ""),
    }


def summary_table(rows: Sequence[dict]) -> pd.DataFrame:
    """Rows in manifest order, fixed columns."""
    return pd.DataFrame(list(rows), columns=SUMMARY_COLUMNS)
