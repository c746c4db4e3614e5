"""Unit tests for ordskifte.tables.summary: one literal summary row per kind of document."""

import logging

import pandas as pd
import pytest

from ordskifte.io import write_json, write_parquet
from ordskifte.tables.steps import summary_step
from ordskifte.tables.summary import (
    SUMMARY_COLUMNS,
    UNMATCHED_COLUMNS,
    document_status,
    paragraph_languages,
    summary_row,
    summary_table,
    unmatched_families,
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
            "excluded: no paragraph in nb, nn (found en:1); ordskifte analyses only nb and nn "
            "(Bokmål, Nynorsk), so it stays out of the tables; if it should be Norwegian, "
            "check its text in results/text/",
        ),
        (
            0,
            "folkehelse",
            0,
            "",
            "excluded: no paragraph in nb, nn (found no text); check that the file has text "
            "(a scanned PDF needs OCR first)",
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
        "excluded: no paragraph in nb, nn (found en:1); ordskifte analyses only nb and nn "
        "(Bokmål, Nynorsk), so it stays out of the tables; if it should be Norwegian, check "
        "its text in results/text/"
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


# --- concepts and targets that matched nothing ------------------------------------------------

COUNTS = pd.DataFrame(
    [
        ("a", "total", "tokens", 120),
        ("a", "concept", "frivillig", 3),
        ("a", "concept", "folkehelse", 0),
        ("a", "target", "selvhjelp", 0),
        ("b", "total", "tokens", 80),
        ("b", "concept", "frivillig", 0),
        ("b", "concept", "folkehelse", 0),
        ("b", "target", "selvhjelp", 2),
        ("c", "total", "tokens", 0),  # excluded: searched nothing
    ],
    columns=["doc_id", "kind", "term", "count"],
)


def test_unmatched_families_lists_each_zero_with_what_was_searched():
    table = unmatched_families(
        COUNTS,
        concepts={
            "frivillig": ["frivillig*"],
            "folkehelse": {"patterns": ["folkehelse", "folke helse"], "match": "exact"},
            "ny": ["nyord*"],  # configured after the counts were made: no row at all
        },
        targets={"selvhjelp": ["selvhjelp*"]},
    )
    assert table.to_dict(orient="records") == [
        {
            "kind": "concept",
            "name": "folkehelse",
            "match": "exact",
            "patterns": "folkehelse | folke helse",
            "documents": 2,
            "tokens": 200,
        },
        {
            "kind": "concept",
            "name": "ny",
            "match": "prefix",
            "patterns": "nyord*",
            "documents": 2,
            "tokens": 200,
        },
    ]


def test_unmatched_families_empty_when_all_matched():
    table = unmatched_families(
        COUNTS, concepts={"frivillig": ["frivillig*"]}, targets={"selvhjelp": ["selvhjelp*"]}
    )
    assert table.empty and list(table.columns) == UNMATCHED_COLUMNS


def test_summary_step_writes_the_unmatched_table_and_warns(tmp_path, caplog):
    docs = pd.DataFrame([_doc("a", period_used="folkehelse", period_source="year")], dtype=str)
    docs.to_csv(tmp_path / "documents.tsv", sep="\t", index=False)
    write_json({"format": "text", "characters": 10}, tmp_path / "a.extract.json")
    write_json({"paragraphs": [{"language": "nb", "analysed": True}]}, tmp_path / "a.clean.json")
    write_parquet(COUNTS[COUNTS["doc_id"] == "a"].drop(columns="doc_id"), tmp_path / "a.parquet")
    with caplog.at_level(logging.WARNING, logger="ordskifte"):
        summary_step(
            str(tmp_path / "documents.tsv"),
            [str(tmp_path / "a.extract.json")],
            [str(tmp_path / "a.clean.json")],
            [str(tmp_path / "a.parquet")],
            doc_ids=["a"],
            languages=LANGUAGES,
            out=str(tmp_path / "summary.tsv"),
            concepts={"frivillig": ["frivillig*"], "folkehelse": ["folkehelse*"]},
            targets={"selvhjelp": ["selvhjelp*"]},
            unmatched_out=str(tmp_path / "unmatched.tsv"),
        )
    assert (tmp_path / "unmatched.tsv").read_text(encoding="utf-8") == (
        "kind\tname\tmatch\tpatterns\tdocuments\ttokens\n"
        "concept\tfolkehelse\tprefix\tfolkehelse*\t1\t120\n"
        "target\tselvhjelp\tprefix\tselvhjelp*\t1\t120\n"
    )
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("concept 'folkehelse' matched nothing in the 1 analysed documents (120 word")
        for w in warnings
    ), warnings
    assert any("target 'selvhjelp' matched nothing" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("found", "advice"),
    [
        ("nn:3, en:1", "add nn to config `languages` to analyse it"),
        ("nn:2", "add nn to config `languages` to analyse it"),
        ("de:2", "ordskifte analyses only nb and nn"),
    ],
)
def test_excluded_status_names_a_language_config_can_take(found, advice):
    """The advice never suggests a language the config schema refuses (it allows nb, nn)."""
    status = document_status(
        tokens=0, period="", analysed_paragraphs=0, languages=["nb"], found=found
    )
    assert status.startswith(f"excluded: no paragraph in nb (found {found}); {advice}")
