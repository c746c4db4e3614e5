"""The per-document steps chained on a real PDF: pages reach the tokens and the KWIC lines."""

from pathlib import Path

import pandas as pd

from ordskifte.ingest.steps import extract_step
from ordskifte.io import read_json
from ordskifte.tables.kwic import kwic_lines
from ordskifte.text.patterns import compile_patterns
from ordskifte.text.steps import clean_step, count_step, tokenize_step
from tests.pdfmaker import minimal_pdf

ROOT = Path(__file__).resolve().parents[2]
# Lines from sections/feiring-2019-2-sivilsamfunn.txt; the sentence runs over the page break.
PAGE_1 = [
    "Et offentlig initiativ, som ledet til en tydelig politisering av selvhjelps-",
    "saken, kan spores til opprettelsen av Studiesenteret for selvhjelp i 1992,",
]
PAGE_2 = [
    "under ledelse av Sosialhøgskolen i Oslo. I tre år finansierer statlige myn-",
    "dighetene Studiesenteret som i praksis var organisert som et selvhjelpsprosjekt.",
]


def test_pdf_pages_reach_tokens_and_kwic(tmp_path):
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(minimal_pdf([PAGE_1, PAGE_2]))
    out = {name: str(tmp_path / name) for name in ("raw", "ext", "txt", "fn", "cln", "tok", "cnt")}
    extract_step(str(pdf), raw_out=out["raw"], record_out=out["ext"], doc_id="doc")
    assert read_json(out["ext"])["page_numbers"] == [1, 2]
    clean_step(
        out["raw"],
        out["ext"],
        text_out=out["txt"],
        footnotes_out=out["fn"],
        record_out=out["cln"],
        default_language="nb",
        languages=["nb", "nn"],
    )
    targets = {"selvhjelp": ["selvhjelp*"]}
    tokenize_step(
        out["txt"],
        out["cln"],
        tokens_out=out["tok"],
        normalise="lemma",
        variants={},
        stopword_files={"nb": str(ROOT / "resources/stopwords/nb.txt")},
        extra_stopwords=[],
        min_token_length=2,
        concepts={},
        targets=targets,
    )
    tokens = pd.read_parquet(out["tok"])
    pages = dict(zip(tokens["token"], tokens["page"], strict=False))
    assert (pages["selvhjelpssaken"], pages["oslo"], pages["myndighetene"]) == (1, 2, 2)
    lines = kwic_lines(
        tokens,
        compile_patterns(targets)["selvhjelp"],
        window=3,
        meta={"doc_id": "doc", "period": "", "year": ""},
    )
    assert [(line["match"], line["page"]) for line in lines] == [
        ("selvhjelpssaken", "1"),
        ("selvhjelp", "1"),
        ("selvhjelpsprosjekt", "2"),
    ]
    count_step(out["tok"], counts_out=out["cnt"], concept_names=[], target_names=["selvhjelp"])
    counts = pd.read_parquet(out["cnt"])
    assert counts.query("kind == 'target'")["count"].tolist() == [3]
