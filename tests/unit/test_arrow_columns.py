"""The document job's Parquet files written with pyarrow (ordskifte.text.columns) against
pandas' (tokens_frame / document_counts through DataFrame.to_parquet): the same bytes."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordskifte.io import write_parquet
from ordskifte.text.columns import count_table, token_table, write_table
from ordskifte.text.counts import document_counts
from ordskifte.text.tokenize import (
    Normaliser,
    ParagraphIn,
    token_codes,
    tokenize_document,
    tokens_frame,
)
from tests.config_defaults import CONFIG_CONCEPTS, CONFIG_TARGETS

ROOT = Path(__file__).resolve().parents[2]
NONE = Normaliser("none")
STOPWORDS = {"nb": frozenset({"og", "i", "på"})}
WORDS = "psykisk helse og frivillige i på selvhjelp folkehelse 25 Året æøå St.meld".split()
TEXTS = st.lists(st.sampled_from([*WORDS, ".", "!"]), max_size=30).map(" ".join)
PARAGRAPHS = st.lists(
    st.tuples(
        TEXTS,
        st.one_of(st.none(), st.integers(0, 500)),
        st.sampled_from(["nb", "nn"]),
        st.sampled_from([(), ((0, 4),), ((0, 4), (9, 5))]),
    ),
    max_size=5,
)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CONCEPT_NAMES, TARGET_NAMES = sorted(CONFIG_CONCEPTS), sorted(CONFIG_TARGETS)


def written_both_ways(specs, folder: Path, *, empty: bool = False) -> dict[str, bytes]:
    paragraphs = [
        ParagraphIn(i, text, page, language, page_starts=starts)
        for i, (text, page, language, starts) in enumerate(specs)
    ]
    options = {
        "normaliser": NONE,
        "stopwords": STOPWORDS,
        "concepts": CONFIG_CONCEPTS,
        "targets": CONFIG_TARGETS,
    }
    df = tokens_frame(tokenize_document(paragraphs, **options))
    codes = token_codes(paragraphs, **options)
    if empty:
        df, codes = df.iloc[0:0], codes.emptied()
    names = {"concept_names": CONCEPT_NAMES, "target_names": TARGET_NAMES}
    write_parquet(df, folder / "pandas.parquet")
    write_parquet(document_counts(df, **names), folder / "pandas.counts.parquet")
    write_table(token_table(codes), folder / "arrow.parquet")
    write_table(count_table(codes, **names), folder / "arrow.counts.parquet")
    return {path.name: path.read_bytes() for path in folder.glob("*.parquet")}


@FUZZ
@given(PARAGRAPHS, st.booleans())
def test_arrow_files_are_the_bytes_pandas_writes(tmp_path, specs, empty):
    files = written_both_ways(specs, tmp_path, empty=empty)
    assert files["arrow.parquet"] == files["pandas.parquet"]
    assert files["arrow.counts.parquet"] == files["pandas.counts.parquet"]


@pytest.mark.parametrize("page", [None, 7])
def test_arrow_files_literal(tmp_path, page):
    specs = [("Psykisk helse og selvhjelp. Folkehelse! 25 frivillige.", page, "nb", ())]
    files = written_both_ways(specs, tmp_path)
    assert files["arrow.parquet"] == files["pandas.parquet"]
    assert files["arrow.counts.parquet"] == files["pandas.counts.parquet"]


def test_document_job_does_not_import_pandas(tmp_path):
    """The whole document step (text file to counts) in a fresh process, without pandas."""
    source = tmp_path / "doc.txt"
    source.write_text("Psykisk helse og selvhjelp.\n\nFolkehelse og frivillige.\n", "utf-8")
    outputs = {
        name: str(tmp_path / name)
        for name in (
            "raw_out",
            "extract_record_out",
            "text_out",
            "footnotes_out",
            "clean_record_out",
            "tokens_out",
            "tokens_record_out",
            "counts_out",
        )
    }
    stopwords = str(ROOT / "resources/stopwords/nb.txt")
    code = f"""
import sys
from ordskifte.text.steps import document_step
document_step(
    {str(source)!r}, doc_id="doc", default_language="nb", languages=["nb", "nn"],
    normalise="none", variants={{}}, stopword_files={{"nb": {stopwords!r}}},
    extra_stopwords=[], min_token_length=2, min_tokens=0,
    concepts={{"folkehelse": ["folkehelse*"]}}, targets={{"selvhjelp": ["selvhjelp*"]}},
    **{outputs!r},
)
print("pandas" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "False"
    assert Path(outputs["counts_out"]).stat().st_size > 0
