"""The actor steps chained on two small documents, as the rules run them: files in, files
out; and the same with an empty actor list (every table written, with its header)."""

from pathlib import Path

import pandas as pd
import pytest

from ordskifte.actors.figures import (
    actor_figures,
    actor_mentions_figure,
    actor_networks_figure,
    actor_types_figure,
)
from ordskifte.actors.steps import actor_mentions_step, actor_network_step, actor_rates_step
from ordskifte.io import write_parquet
from ordskifte.text.steps import count_step
from ordskifte.text.tokenize import Normaliser, ParagraphIn, tokenize_document, tokens_frame

PERIODS = [
    {"name": "frivillig", "label": "Frivillig", "first_year": 1986, "last_year": 1995},
    {"name": "folkehelse", "label": "Folkehelse", "first_year": 2002, "last_year": 2030},
]
ACTORS = [
    {"name": "Angstringen", "type": "civil_society", "aliases": ["Angstringen"]},
    {"name": "Helsedirektoratet", "type": "state", "aliases": ["Helsedirektoratet"]},
    {"name": "Mental Helse", "type": "user_organisation", "aliases": ["Mental Helse"]},
]
TEXTS = {
    # doc -> paragraphs (sentences from the bundled corpus, shortened)
    "a": [
        "Angstringen og Studiesenteret arbeider sammen med Helsedirektoratet.",
        "Angstringens erfaringer ble spredt.",
    ],
    "b": ["Helsedirektoratet delegerer oppdraget.", "Mental Helse og Helsedirektoratet møttes."],
}
DOCS = pd.DataFrame(
    {"doc_id": ["a", "b"], "period_used": ["frivillig", "folkehelse"], "year": ["1993", "2014"]}
)


@pytest.fixture
def inputs(tmp_path: Path) -> dict:
    normaliser = Normaliser("lemma")
    tokens, counts = [], []
    for doc, paragraphs in TEXTS.items():
        table = tokenize_document(
            [
                ParagraphIn(index=i, text=t, page=None, language="nb")
                for i, t in enumerate(paragraphs)
            ],
            normaliser=normaliser,
            stopwords={"nb": frozenset()},
        )
        path = tmp_path / f"{doc}.parquet"
        write_parquet(tokens_frame(table), path)
        count_path = tmp_path / f"{doc}.counts.parquet"
        count_step(str(path), counts_out=str(count_path), concept_names=[], target_names=[])
        tokens.append(str(path))
        counts.append(str(count_path))
    documents = tmp_path / "documents.tsv"
    DOCS.to_csv(documents, sep="\t", index=False)
    return {"documents": str(documents), "tokens": tokens, "counts": counts, "dir": tmp_path}


def run_all(inputs: dict, actors: list[dict]) -> Path:
    out = inputs["dir"] / "out"
    order = [p["name"] for p in PERIODS]
    actor_mentions_step(
        inputs["documents"],
        inputs["tokens"],
        doc_ids=["a", "b"],
        actors=actors,
        window=3,
        mentions_out=str(out / "mentions.tsv"),
        kwic_out=str(out / "kwic.tsv"),
    )
    actor_rates_step(
        inputs["documents"],
        inputs["counts"],
        str(out / "mentions.tsv"),
        doc_ids=["a", "b"],
        actors=actors,
        period_order=order,
        iterations=100,
        confidence=0.95,
        seed=7,
        by_period_out=str(out / "by_period.tsv"),
        by_year_out=str(out / "by_year.tsv"),
        types_out=str(out / "types.tsv"),
        by_document_out=str(out / "by_document.tsv"),
    )
    actor_network_step(
        str(out / "mentions.tsv"),
        actors=actors,
        period_order=order,
        edges_out={p: str(out / f"network_{p}.tsv") for p in order},
        centrality_out=str(out / "centrality.tsv"),
    )
    figures = {name: (str(out / f"{name}.png"), str(out / f"{name}.svg")) for name in "mtn"}
    actor_mentions_figure(
        str(out / "by_period.tsv"),
        str(out / "by_document.tsv"),
        periods=PERIODS,
        confidence=0.95,
        png=figures["m"][0],
        svg=figures["m"][1],
    )
    actor_types_figure(
        str(out / "types.tsv"),
        str(out / "by_document.tsv"),
        periods=PERIODS,
        png=figures["t"][0],
        svg=figures["t"][1],
    )
    actor_networks_figure(
        [str(out / f"network_{p}.tsv") for p in order],
        str(out / "centrality.tsv"),
        str(out / "by_document.tsv"),
        periods=PERIODS,
        actors=actors,
        png=figures["n"][0],
        svg=figures["n"][1],
    )
    return out


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def test_actor_steps_from_tokens_to_figures(inputs):
    out = run_all(inputs, ACTORS)
    mentions = read(out / "mentions.tsv")
    assert mentions[["doc_id", "actor", "paragraph", "match"]].values.tolist() == [
        ["a", "Angstringen", "0", "Angstringen"],
        ["a", "Helsedirektoratet", "0", "Helsedirektoratet"],
        ["a", "Angstringen", "1", "Angstringens"],
        ["b", "Helsedirektoratet", "0", "Helsedirektoratet"],
        ["b", "Mental Helse", "1", "Mental Helse"],
        ["b", "Helsedirektoratet", "1", "Helsedirektoratet"],
    ]
    kwic = read(out / "kwic.tsv")
    assert kwic["actor"].tolist() == ["Angstringen"] * 2 + ["Helsedirektoratet"] * 3 + [
        "Mental Helse"
    ]
    assert kwic.loc[0, ["left", "match", "right"]].tolist() == [
        "",
        "Angstringen",
        "og Studiesenteret arbeider",
    ]
    rates = read(out / "by_period.tsv")
    assert rates[["actor", "period", "count", "n_docs"]].values.tolist() == [
        ["Angstringen", "frivillig", "2", "1"],
        ["Angstringen", "folkehelse", "0", "0"],
        ["Helsedirektoratet", "frivillig", "1", "1"],
        ["Helsedirektoratet", "folkehelse", "2", "1"],
        ["Mental Helse", "frivillig", "0", "0"],
        ["Mental Helse", "folkehelse", "1", "1"],
    ]
    assert read(out / "network_frivillig.tsv").values.tolist() == [
        ["frivillig", "Angstringen", "Helsedirektoratet", "1"]
    ]
    assert read(out / "network_folkehelse.tsv").values.tolist() == [
        ["folkehelse", "Helsedirektoratet", "Mental Helse", "1"]
    ]
    for name in "mtn":
        assert (out / f"{name}.png").stat().st_size > 5_000


def test_actor_steps_with_no_actors_write_every_table(inputs):
    out = run_all(inputs, [])
    assert list(read(out / "mentions.tsv").columns)[:4] == ["doc_id", "period", "year", "actor"]
    for name in ("mentions", "kwic", "by_period", "by_year", "by_document", "centrality"):
        table = read(out / f"{name}.tsv")
        assert table.empty and len(table.columns) > 3, name
    assert read(out / "types.tsv")["count"].astype(int).sum() == 0
    assert read(out / "network_frivillig.tsv").empty
    for name in "mtn":
        assert (out / f"{name}.png").is_file()


def test_actor_figures_in_one_call_are_the_single_figures(inputs):
    """Rule `figure_actors` draws the three figures in one process: same bytes as one each."""
    out = run_all(inputs, ACTORS)
    grouped = {name: (str(out / f"g{name}.png"), str(out / f"g{name}.svg")) for name in "mtn"}
    actor_figures(
        str(out / "by_period.tsv"),
        str(out / "types.tsv"),
        [str(out / f"network_{p['name']}.tsv") for p in PERIODS],
        str(out / "centrality.tsv"),
        str(out / "by_document.tsv"),
        periods=PERIODS,
        actors=ACTORS,
        confidence=0.95,
        mentions_out=grouped["m"],
        types_out=grouped["t"],
        networks_out=grouped["n"],
    )
    for paths in grouped.values():
        for path in paths:
            single = out / Path(path).name[1:]
            assert Path(path).read_bytes() == single.read_bytes(), single.name
