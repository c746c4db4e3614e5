"""Unit tests for ordskifte.topics.figures: literal tables in, figures checked by their artists."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, PathPatch

from ordskifte import style
from ordskifte.io import read_tsv, write_tsv
from ordskifte.topics import figures as tp

ORDER = ["frivillig", "psykisk_helse", "folkehelse"]
LABELS = {
    "frivillig": "Frivillig arbeid (1986–1995)",
    "psykisk_helse": "Psykisk helsearbeid (1996–2001)",
    "folkehelse": "Folkehelsearbeid (2002–2030)",
}
NAN = math.nan

COHERENCE = pd.DataFrame(
    [
        # period, k, u_mass, chosen
        ("frivillig", 2, -2.4, False),
        ("frivillig", 3, -2.1, True),
        ("frivillig", 4, -2.6, False),
        ("psykisk_helse", 2, -3.0, False),
        ("psykisk_helse", 3, -2.9, False),
        ("psykisk_helse", 4, -2.7, True),
        ("folkehelse", 2, -1.9, True),
        ("folkehelse", 3, -2.2, False),
    ],
    columns=["period", "k", "u_mass", "chosen"],
)

TOPIC_TERMS = pd.DataFrame(
    [
        # topic, rank, term, weight, exclusivity
        (0, 1, "selvhjelp", 0.30, 0.9),
        (0, 2, "gruppe", 0.20, 0.7),
        (0, 3, "frivillig", 0.05, 0.2),
        (1, 1, "frivillig", 0.25, 0.8),
        (1, 2, "organisasjon", 0.15, 0.9),
        (1, 3, "gruppe", 0.02, 0.1),
        (2, 1, "folkehelse", 0.40, 1.0),
        (2, 2, "plan", 0.10, 0.9),
        (2, 3, "selvhjelp", 0.01, 0.1),
    ],
    columns=["topic", "rank", "term", "weight", "exclusivity"],
)

PREVALENCE = pd.DataFrame(
    [
        # topic, period, mean, ci_low, ci_high, n_docs, n_segments
        (0, "frivillig", 0.40, 0.30, 0.50, 3, 30),
        (0, "psykisk_helse", 0.20, 0.10, 0.30, 2, 12),
        (0, "folkehelse", 0.05, NAN, NAN, 1, 4),
        (1, "frivillig", 0.10, 0.05, 0.15, 3, 30),
        (1, "psykisk_helse", 0.30, 0.20, 0.45, 2, 12),
        (1, "folkehelse", 0.60, 0.60, 0.60, 1, 4),
        (2, "frivillig", 0.50, 0.40, 0.60, 3, 30),
        (2, "folkehelse", 0.35, 0.35, 0.35, 1, 4),
    ],
    columns=["topic", "period", "mean", "ci_low", "ci_high", "n_docs", "n_segments"],
)

# The planted history of tests/unit/test_alignment.py: A persists, B splits into B1 and B2,
# C fades after the first period, D emerges in the last.
ALIGNMENT = pd.DataFrame(
    [
        # period_a, topic_a, period_b, topic_b, similarity, matched
        ("frivillig", 0, "psykisk_helse", 1, 0.991352, True),
        ("frivillig", 1, "psykisk_helse", 0, 0.692134, True),
        ("frivillig", 1, "psykisk_helse", 2, 0.645876, False),
        ("frivillig", 2, "psykisk_helse", 2, 0.131882, True),
        ("psykisk_helse", 0, "folkehelse", 3, 1.0, True),
        ("psykisk_helse", 1, "folkehelse", 1, 1.0, True),
        ("psykisk_helse", 2, "folkehelse", 2, 1.0, True),
        ("psykisk_helse", pd.NA, "folkehelse", 0, NAN, False),
    ],
    columns=["period_a", "topic_a", "period_b", "topic_b", "similarity", "matched"],
).astype({"topic_a": "Int64", "topic_b": "Int64"})
TOPIC_LABELS = {
    "frivillig": {0: "selvhjelp / gruppe", 1: "frivillig / lag", 2: "trygd / sosialkontor"},
    "psykisk_helse": {0: "frivillig / organisasjon", 1: "selvhjelp / gruppe", 2: "lag"},
    "folkehelse": {0: "folkehelse / plan", 1: "selvhjelp", 2: "lag", 3: "frivillig"},
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def visible_axes(fig: Figure) -> list:
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def tick_texts(labels) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in labels]


# --- coherence ---------------------------------------------------------------------------------


def test_coherence_by_k_one_line_per_period_and_chosen_k_marked():
    fig = tp.coherence_by_k(COHERENCE, period_order=ORDER, labels=LABELS)

    assert isinstance(fig, Figure)
    assert fig.get_suptitle() == "Topic coherence by number of topics (UMass)"
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Number of topics k"
    assert ax.get_ylabel() == tp.COHERENCE_LABEL
    lines = ax.get_lines()
    assert [line.get_xdata().tolist() for line in lines] == [[2, 3, 4], [2, 3, 4], [2, 3]]
    colours = style.period_colours(ORDER)
    assert [to_rgba(line.get_color()) for line in lines] == [to_rgba(colours[p]) for p in ORDER]
    assert [t.get_text() for t in ax.texts] == ["k = 3", "k = 4", "k = 2"]
    assert len(ax.collections) == 3  # one ring per chosen k
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [LABELS[p] for p in ORDER] + ["chosen k"]


def test_coherence_by_k_reads_chosen_from_tsv_strings():
    table = COHERENCE.assign(chosen=COHERENCE["chosen"].map({True: "True", False: "False"}))
    fig = tp.coherence_by_k(table, period_order=ORDER, labels=LABELS)
    assert [t.get_text() for t in fig.axes[0].texts] == ["k = 3", "k = 4", "k = 2"]


def test_coherence_by_k_rejects_two_chosen_k_and_unknown_period():
    two = COHERENCE.assign(chosen=True)
    with pytest.raises(ValueError, match="more than one chosen k"):
        tp.coherence_by_k(two, period_order=ORDER, labels=LABELS)
    with pytest.raises(ValueError, match="'global'"):
        tp.coherence_by_k(COHERENCE.assign(period="global"), period_order=ORDER, labels=LABELS)


# --- topic terms -------------------------------------------------------------------------------


def test_topic_term_heatmap_union_of_top_terms_in_blocks():
    fig = tp.topic_term_heatmap(TOPIC_TERMS, n=2, title="Topics: frivillig", unstable={1})

    assert fig.get_suptitle() == "Topics: frivillig"
    (ax,) = visible_axes(fig)
    # Union of the top 2 of each topic, grouped by the topic where each term weighs most.
    assert tick_texts(ax.get_yticklabels()) == [
        "selvhjelp",
        "gruppe",
        "frivillig",
        "organisasjon",
        "folkehelse",
        "plan",
    ]
    assert tick_texts(ax.get_xticklabels()) == ["0", f"1{tp.UNSTABLE_MARK}", "2"]
    matrix = np.ma.getdata(ax.collections[0].get_array()).reshape(6, 3)
    mask = np.ma.getmaskarray(ax.collections[0].get_array()).reshape(6, 3)
    assert matrix[0].tolist()[0] == pytest.approx(0.30)
    assert matrix[2, 0] == pytest.approx(0.05) and matrix[2, 1] == pytest.approx(0.25)
    assert mask.sum() == 18 - 9  # nine listed (topic, term) pairs in the union, the rest grey
    assert "top 2 terms" in ax.get_xlabel()
    assert f"{tp.UNSTABLE_MARK} unstable" in ax.get_xlabel()
    assert "grey" in ax.get_xlabel()
    assert fig.axes[1].get_ylabel() == tp.WEIGHT_LABEL


def test_topic_term_heatmap_labels_topics():
    df = TOPIC_TERMS.assign(label=TOPIC_TERMS["topic"].map({0: "selvhjelp", 1: "frivillig"}))
    fig = tp.topic_term_heatmap(df, n=1, title="t")
    ax = visible_axes(fig)[0]
    assert tick_texts(ax.get_xticklabels()) == ["0: selvhjelp", "1: frivillig", "2"]
    assert tick_texts(ax.get_yticklabels()) == ["selvhjelp", "frivillig", "folkehelse"]
    assert ax.get_xlabel().startswith("Topic (top term of each)")
    assert "unstable" not in ax.get_xlabel()


def test_topic_term_heatmap_rejects_bad_arguments():
    with pytest.raises(ValueError, match="n must be at least 1"):
        tp.topic_term_heatmap(TOPIC_TERMS, n=0, title="t")
    with pytest.raises(ValueError, match=r"unstable topic\(s\) \[7\]"):
        tp.topic_term_heatmap(TOPIC_TERMS, title="t", unstable={7})
    with pytest.raises(ValueError, match="more than one row"):
        tp.topic_term_heatmap(pd.concat([TOPIC_TERMS, TOPIC_TERMS.iloc[:1]]), title="t")


# --- prevalence --------------------------------------------------------------------------------


def test_prevalence_by_period_one_panel_per_topic():
    fig = tp.prevalence_by_period(
        PREVALENCE, period_order=ORDER, labels=LABELS, topic_labels={0: "selvhjelp / gruppe"}
    )

    assert fig.get_suptitle() == (
        "Topic prevalence by period (global model; 95 % bootstrap CI, resampling documents)"
    )
    axes = visible_axes(fig)
    assert len(axes) == 3
    assert [ax.get_title().replace("\n", " ") for ax in axes] == [
        "0: selvhjelp / gruppe",
        "Topic 1",
        "Topic 2",
    ]
    colours = style.period_colours(ORDER)
    first = axes[0].collections[-1]  # the points, drawn after the whiskers
    assert first.get_offsets()[:, 0].tolist() == [0, 1, 2]
    assert first.get_offsets()[:, 1].tolist() == [0.40, 0.20, 0.05]
    assert [tuple(c) for c in first.get_facecolors()] == [to_rgba(colours[p]) for p in ORDER]
    # Topic 2 has no psykisk_helse row: two points at x = 0 and 2.
    assert axes[2].collections[-1].get_offsets()[:, 0].tolist() == [0, 2]
    # Whiskers: folkehelse of topic 0 has a NaN interval, so two.
    whiskers = [c.lines[2][0].get_segments() for c in axes[0].containers]
    assert len(whiskers[0]) == 2
    assert fig.get_supylabel() == f"{tp.PREVALENCE_LABEL} (%)"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [LABELS[p] for p in ORDER]


def test_prevalence_by_period_grid_of_four_columns():
    many = pd.DataFrame(
        [(t, p, 0.1, 0.05, 0.15) for t in range(6) for p in ORDER],
        columns=["topic", "period", "mean", "ci_low", "ci_high"],
    )
    fig = tp.prevalence_by_period(many, period_order=ORDER, labels=LABELS)
    assert len(fig.axes) == 8
    assert len(visible_axes(fig)) == 6


def test_prevalence_by_period_rejects_duplicates():
    with pytest.raises(ValueError, match="more than one row"):
        tp.prevalence_by_period(
            pd.concat([PREVALENCE, PREVALENCE.iloc[:1]]), period_order=ORDER, labels=LABELS
        )


# --- lineages ----------------------------------------------------------------------------------


def node_texts(ax) -> list[str]:
    return [
        t.get_text().replace("\n", " ")
        for t in ax.texts
        if t.get_text() not in {"emerges", "fades"}
    ]


def test_lineage_figure_boxes_links_and_markers():
    fig = tp.topic_lineages(ALIGNMENT, period_order=ORDER, labels=LABELS, topic_labels=TOPIC_LABELS)

    assert fig.get_suptitle() == "Topic lineages across periods (links: similarity ≥ 0.5)"
    (ax,) = fig.axes
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    links = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(boxes) == 10  # 3 + 3 + 4 topics
    assert len(links) == 6  # C's best match (0.13) is below the threshold: not drawn
    dashed = [p for p in links if p.get_linestyle() != "-"]
    assert len(dashed) == 1  # B -> B2, the split that is not in the one-to-one matching
    # Width and opacity grow with similarity; links are drawn weakest first.
    widths = [p.get_linewidth() for p in links]
    assert widths == sorted(widths)
    assert widths[0] == pytest.approx(tp._LINK_WIDTH * 0.645876)
    assert links[0].get_alpha() == pytest.approx(tp._LINK_ALPHA * 0.645876)
    words = [t.get_text() for t in ax.texts]
    assert words.count("fades") == 1 and words.count("emerges") == 1
    assert "2: trygd / sosialkontor" in node_texts(ax)
    assert tick_texts(ax.get_xticklabels()) == [LABELS[p] for p in ORDER]
    colours = style.period_colours(ORDER)
    assert [to_rgba(b.get_edgecolor()) for b in boxes[:3]] == [to_rgba(colours["frivillig"])] * 3
    assert len(fig.legends[0].get_texts()) == 5


def test_lineage_figure_orders_topics_next_to_their_ancestors():
    fig = tp.topic_lineages(ALIGNMENT, period_order=ORDER, labels=LABELS)
    ax = fig.axes[0]
    texts_by_column: dict[float, list[tuple[float, str]]] = {}
    for t in ax.texts:
        if t.get_text().startswith("Topic"):
            x, y = t.get_position()
            texts_by_column.setdefault(round(x), []).append((-y, t.get_text()))
    columns = [[name for _, name in sorted(texts_by_column[i])] for i in range(3)]
    assert columns == [
        ["Topic 0", "Topic 1", "Topic 2"],  # A, B, C
        ["Topic 1", "Topic 0", "Topic 2"],  # A, B1, B2: next to A and B
        ["Topic 1", "Topic 3", "Topic 2", "Topic 0"],  # A, B1, B2, then D which emerges
    ]


def test_lineage_figure_from_tsv(tmp_path):
    write_tsv(ALIGNMENT, tmp_path / "alignment.tsv")
    fig = tp.topic_lineages(read_tsv(tmp_path / "alignment.tsv"), period_order=ORDER, labels=LABELS)
    assert len([p for p in fig.axes[0].patches if isinstance(p, PathPatch)]) == 6


def test_lineage_figure_threshold_changes_links():
    fig = tp.topic_lineages(ALIGNMENT, period_order=ORDER, labels=LABELS, threshold=0.95)
    ax = fig.axes[0]
    assert len([p for p in ax.patches if isinstance(p, PathPatch)]) == 4
    words = [t.get_text() for t in ax.texts]
    assert words.count("fades") == 2  # B and C
    assert words.count("emerges") == 3  # B1, B2, D


# --- all figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: tp.coherence_by_k(COHERENCE.iloc[:0], period_order=ORDER, labels=LABELS),
        lambda: tp.topic_term_heatmap(TOPIC_TERMS.iloc[:0], title="Topics"),
        lambda: tp.prevalence_by_period(PREVALENCE.iloc[:0], period_order=ORDER, labels=LABELS),
        lambda: tp.topic_lineages(ALIGNMENT.iloc[:0], period_order=ORDER, labels=LABELS),
        lambda: tp.topic_lineages(pd.DataFrame(), period_order=ORDER, labels=LABELS),
    ],
    ids=["coherence", "heatmap", "prevalence", "lineage", "lineage_no_columns"],
)
def test_empty_input_gives_no_data_figure(make):
    fig = make()
    assert isinstance(fig, Figure)
    assert fig.get_suptitle()
    assert texts(fig) == [tp.NO_DATA]
    fig.canvas.draw()


def test_save_figure_writes_png_and_svg(tmp_path):
    outputs = []
    for run in ("a", "b"):
        fig = tp.topic_lineages(
            ALIGNMENT, period_order=ORDER, labels=LABELS, topic_labels=TOPIC_LABELS
        )
        png, svg = tmp_path / run / "lineage.png", tmp_path / run / "lineage.svg"
        style.save_figure(fig, png, svg)
        assert not plt.fignum_exists(fig.number)
        outputs.append((png.read_bytes(), svg.read_bytes()))
    assert outputs[0][0].startswith(b"\x89PNG") and outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "make",
    [
        lambda: tp.coherence_by_k(COHERENCE, period_order=ORDER, labels=LABELS),
        lambda: tp.topic_term_heatmap(TOPIC_TERMS, title="Topics", unstable={0}),
        lambda: tp.prevalence_by_period(PREVALENCE, period_order=ORDER, labels=LABELS),
    ],
    ids=["coherence", "heatmap", "prevalence"],
)
def test_figures_are_a4_wide_and_save(make, tmp_path):
    fig = make()
    assert fig.get_size_inches()[0] == style.FIGURE_WIDTH
    style.save_figure(fig, tmp_path / "figure.png")
    assert (tmp_path / "figure.png").read_bytes().startswith(b"\x89PNG")
