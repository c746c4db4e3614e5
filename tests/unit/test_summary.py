"""Unit tests for ordskifte.tables.summary: one literal summary row per kind of document."""

import pytest

from ordskifte.tables.summary import (
    SUMMARY_COLUMNS,
    document_status,
    paragraph_languages,
    summary_row,
    summary_table,
)

LANGUAGES = ["nb", "nn"]


def _doc(doc_id, *, period_used, period_source, year="2003", language="nb"):
    return {
        "doc_id": doc_id,
        "file": f"excerpts/{doc_id}.txt",
        "title": "Resept for et sunnere Norge",
        "year": year,
        "period": "",
        "genre": "stortingsmelding",
        "language": language,
        "citation": "HOD (2003)",
        "period_used": period_used,
        "period_source": period_source,
    }


def _paragraphs(*languages, analysed=LANGUAGES):
    return [
        {
            "index": i,
            "page": None,
            "language": lang,
            "analysed": lang in analysed,
            "characters": 100,
        }
        for i, lang in enumerate(languages)
    ]


EXTRACT = {"format": "txt", "encoding": "utf-8", "pages": None, "characters": 655, "warnings": []}


# --- document_status --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "period", "analysed", "found", "expected"),
    [
        (98, "folkehelse", 1, "nb:1", "analysed"),
        (
            98,
            "",
            1,
            "nb:1",
            "analysed (corpus-wide only: no period and no year in a period)",
        ),
        (
            0,
            "folkehelse",
            1,
            "nb:1",
            "excluded: no word tokens after cleaning",
        ),
        (
            0,
            "",
            0,
            "en:1",
            "excluded: no paragraph in nb, nn (found en:1); add the language to config "
            "`languages` to analyse it",
        ),
        (
            0,
            "folkehelse",
            0,
            "",
            "excluded: no paragraph in nb, nn (found no text); add the language to config "
            "`languages` to analyse it",
        ),
    ],
)
def test_document_status(tokens, period, analysed, found, expected):
    status = document_status(
        tokens=tokens, period=period, analysed_paragraphs=analysed, languages=LANGUAGES, found=found
    )
    assert status == expected


def test_document_status_no_period_on_purpose():
    status = document_status(
        tokens=10,
        period="",
        period_source="manifest (none)",
        analysed_paragraphs=1,
        languages=LANGUAGES,
        found="nb:1",
    )
    assert status == "analysed (corpus-wide only: the manifest gives it no period)"


# --- paragraph_languages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (("nb", "en", "nb", "nn"), {"en": 1, "nb": 2, "nn": 1}),
        (("en",), {"en": 1}),
        ((), {}),
    ],
)
def test_paragraph_languages(languages, expected):
    found = paragraph_languages(_paragraphs(*languages))
    assert (found, list(found)) == (expected, sorted(expected))


# --- summary_row ------------------------------------------------------------------------------


def test_summary_row_analysed():
    row = summary_row(
        _doc("stmeld-2003-folkehelse", period_used="folkehelse", period_source="manifest"),
        extract=EXTRACT,
        clean={
            "paragraphs": _paragraphs("nb", "nb"),
            "characters_clean": 640,
            "footnotes": 1,
            "warnings": ["1 footnote split off"],
        },
        tokens=98,
        content_tokens=61,
        languages=LANGUAGES,
    )
    assert row == {
        "doc_id": "stmeld-2003-folkehelse",
        "status": "analysed",
        "period": "folkehelse",
        "period_source": "manifest",
        "year": "2003",
        "genre": "stortingsmelding",
        "language": "nb",
        "languages_found": "nb:2",
        "format": "txt",
        "encoding": "utf-8",
        "pages": "",
        "characters_raw": 655,
        "characters_clean": 640,
        "characters_removed": 15,
        "footnotes": 1,
        "paragraphs": 2,
        "paragraphs_analysed": 2,
        "paragraphs_dropped": 0,
        "dropped_why": "",
        "tokens": 98,
        "content_tokens": 61,
        "warnings": "1 footnote split off",
        "file": "excerpts/stmeld-2003-folkehelse.txt",
        "title": "Resept for et sunnere Norge",
    }
    assert list(row) == SUMMARY_COLUMNS


def test_summary_row_no_period():
    row = summary_row(
        _doc("intervju-nsf", period_used="", period_source="none", year=""),
        extract={
            "format": "pdf",
            "encoding": None,
            "pages": 3,
            "characters": 2000,
            "warnings": ["page 2 has no text layer"],
        },
        clean={
            "paragraphs": _paragraphs("nb", "en", "nb"),
            "characters_clean": 1800,
            "footnotes": 0,
            "warnings": ["hyphenation joined 4 times"],
        },
        tokens=250,
        content_tokens=140,
        languages=LANGUAGES,
    )
    assert {k: row[k] for k in SUMMARY_COLUMNS[:12]} == {
        "doc_id": "intervju-nsf",
        "status": "analysed (corpus-wide only: no period and no year in a period)",
        "period": "",
        "period_source": "none",
        "year": "",
        "genre": "stortingsmelding",
        "language": "nb",
        "languages_found": "en:1, nb:2",
        "format": "pdf",
        "encoding": "",
        "pages": 3,
        "characters_raw": 2000,
    }
    assert (
        row["characters_removed"],
        row["paragraphs"],
        row["paragraphs_analysed"],
        row["paragraphs_dropped"],
        row["dropped_why"],
        row["warnings"],
    ) == (
        200,
        3,
        2,
        1,
        "1 paragraph(s) in en, not in nb, nn",
        "page 2 has no text layer | hyphenation joined 4 times",
    )


def test_summary_row_english_only_is_excluded():
    row = summary_row(
        _doc("hedlund-landstad-2012", period_used="", period_source="none", year="2012")
        | {"language": "en"},
        extract={"format": "txt", "encoding": "utf-8", "pages": None, "characters": 488},
        clean={"paragraphs": _paragraphs("en"), "characters_clean": 487, "footnotes": 0},
        tokens=0,
        content_tokens=0,
        languages=LANGUAGES,
    )
    assert row["status"] == (
        "excluded: no paragraph in nb, nn (found en:1); add the language to config "
        "`languages` to analyse it"
    )
    assert (
        row["languages_found"],
        row["paragraphs_analysed"],
        row["paragraphs_dropped"],
        row["warnings"],
    ) == ("en:1", 0, 1, "")


def test_summary_table_fixed_columns():
    table = summary_table([{"doc_id": "b", "status": "analysed"}, {"doc_id": "a", "tokens": 3}])
    assert list(table.columns) == SUMMARY_COLUMNS
    assert table["doc_id"].tolist() == ["b", "a"]  # manifest order, not sorted
