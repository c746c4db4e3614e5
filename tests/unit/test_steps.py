"""The per-document steps chained on a real PDF: pages reach the tokens and the KWIC lines;
and the one-process document step writes the same bytes as the steps one by one."""

from pathlib import Path

import pandas as pd
import pytest

from ordskifte.ingest.steps import extract_step
from ordskifte.io import read_json
from ordskifte.tables.kwic import kwic_lines
from ordskifte.text.patterns import compile_patterns
from ordskifte.text.steps import clean_step, count_step, document_step, tokenize_step
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


SETTINGS = {
    "normalise": "lemma",
    "variants": {"sjølhjelp": "selvhjelp"},
    "stopword_files": {
        "nb": str(ROOT / "resources/stopwords/nb.txt"),
        "nn": str(ROOT / "resources/stopwords/nn.txt"),
    },
    "extra_stopwords": ["sier"],
    "min_token_length": 2,
    "concepts": {"psykisk_helse": ["psykisk helse*"], "frivillig": ["frivillig*"]},
    "targets": {"selvhjelp": ["selvhjelp*"]},
}
OUTPUTS = ("raw", "ext", "txt", "fn", "cln", "tok", "tokrec", "cnt")


def _one_by_one(source: Path, out: dict[str, str], *, min_tokens: int) -> None:
    """The four part steps, each reading what the one before wrote (the former four jobs)."""
    extract_step(str(source), raw_out=out["raw"], record_out=out["ext"], doc_id="doc")
    clean_step(
        out["raw"],
        out["ext"],
        text_out=out["txt"],
        footnotes_out=out["fn"],
        record_out=out["cln"],
        default_language="nb",
        languages=["nb", "nn"],
    )
    tokenize_step(
        out["txt"],
        out["cln"],
        tokens_out=out["tok"],
        record_out=out["tokrec"],
        min_tokens=min_tokens,
        **SETTINGS,
    )
    count_step(
        out["tok"],
        counts_out=out["cnt"],
        concept_names=sorted(SETTINGS["concepts"]),
        target_names=sorted(SETTINGS["targets"]),
    )


@pytest.mark.parametrize(
    ("source", "min_tokens"),
    [
        ("corpus/sections/feiring-2019-3-psykisk-helse.txt", 0),
        ("corpus/excerpts/stortinget-2007-dorum.txt", 0),
        ("pdf", 0),
        ("corpus/excerpts/hedlund-landstad-2012.txt", 0),  # English: no paragraph analysed
        ("corpus/excerpts/stortinget-2007-brustad.txt", 10**6),  # too short: empty table
    ],
)
def test_document_step_writes_the_bytes_of_the_steps_one_by_one(tmp_path, source, min_tokens):
    if source == "pdf":
        path = tmp_path / "doc.pdf"
        path.write_bytes(minimal_pdf([PAGE_1, PAGE_2]))
    else:
        path = ROOT / "resources" / source
    apart = {name: str(tmp_path / "apart" / name) for name in OUTPUTS}
    (tmp_path / "apart").mkdir()
    _one_by_one(path, apart, min_tokens=min_tokens)
    together = {name: str(tmp_path / "together" / name) for name in OUTPUTS}
    document_step(
        str(path),
        doc_id="doc",
        raw_out=together["raw"],
        extract_record_out=together["ext"],
        text_out=together["txt"],
        footnotes_out=together["fn"],
        clean_record_out=together["cln"],
        tokens_out=together["tok"],
        tokens_record_out=together["tokrec"],
        counts_out=together["cnt"],
        default_language="nb",
        languages=["nb", "nn"],
        min_tokens=min_tokens,
        **SETTINGS,
    )
    for name in OUTPUTS:
        assert Path(together[name]).read_bytes() == Path(apart[name]).read_bytes(), name
    assert read_json(together["tokrec"])["too_short"] == bool(min_tokens)
