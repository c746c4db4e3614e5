"""Word shifts between consecutive periods, and the semantic-drift figures."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from ordskifte.semantic import figures as drift_plots
from ordskifte.semantic.vectors import CHANGE_COLUMNS
from ordskifte.style import period_colours
from ordskifte.tables.concepts import WORD_SHIFT_COLUMNS, word_shifts

ORDER = ["p1", "p2", "p3"]
LABELS = {"p1": "One", "p2": "Two", "p3": "Three"}


def counts(**kw) -> pd.Series:
    return pd.Series(kw, dtype="int64")


def test_word_shifts_sign_by_period_and_sum_to_the_divergence():
    table = word_shifts(
        {"p1": counts(a=3, b=1), "p2": counts(b=1, c=3), "p3": counts(b=1, c=3)},
        order=ORDER,
        top_terms=10,
    )
    assert list(table.columns) == list(WORD_SHIFT_COLUMNS)
    first = table[table["period_a"] == "p1"].set_index("term")
    # p = (3/4, 1/4, 0), q = (0, 1/4, 3/4): a and c each contribute ½·¾·log2 2 = 3/8 bit
    assert first.loc["a", "signed_contribution"] == pytest.approx(-0.375)
    assert first.loc["c", "signed_contribution"] == pytest.approx(0.375)
    assert first.loc["b", "contribution"] == pytest.approx(0.0)
    assert first["share"].sum() == pytest.approx(1.0)
    assert first["rank"].tolist() == [1, 2, 3]
    # identical periods: every contribution is 0
    second = table[table["period_a"] == "p2"]
    assert second["period_b"].unique().tolist() == ["p3"]
    assert second["contribution"].abs().max() == pytest.approx(0.0)


def test_word_shifts_keep_the_top_terms_and_skip_missing_periods():
    table = word_shifts({"p1": counts(a=5, b=3, c=1), "p3": counts(d=1)}, order=ORDER, top_terms=2)
    assert table[["period_a", "period_b"]].drop_duplicates().values.tolist() == [["p1", "p3"]]
    # d: ½·1·log2(1/½) = ½ bit; a: ½·(5/9)·log2 2 = 5/18; b: 3/18
    assert table["term"].tolist() == ["d", "a"]
    with pytest.raises(ValueError, match="top_terms"):
        word_shifts({}, order=ORDER, top_terms=0)


COLLOCATES = pd.DataFrame(
    [
        ("p1", 1, "arbeid", 5, 30, 6, 1.0, 12.0, 2.0, False),
        ("p1", 2, "gruppe", 3, 30, 4, 1.0, 6.0, 1.5, False),
        ("p2", 1, "gruppe", 4, 8, 9, 1.0, 5.0, 1.0, True),
        ("p2", 2, "bruker", 2, 8, 2, 1.0, 4.0, 2.2, True),
    ],
    columns=drift_plots.COLLOCATE_PLOT_COLUMNS[:1]
    + ("rank", "collocate", "co_freq", "target_freq", "collocate_freq", "expected", "g2")
    + ("pmi", "thin"),
)


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_collocate_panels_highlight_shared_collocates_and_mark_thin_periods():
    fig = drift_plots.collocate_panels(
        COLLOCATES, name="selvhjelp", period_order=ORDER, labels=LABELS, n=15
    )
    try:
        axes = fig.axes
        assert "selvhjelp" in fig.get_suptitle()
        first = _bars(axes[0])
        assert [t.get_text() for t in axes[0].get_yticklabels()] == ["arbeid", "gruppe"]
        assert first[0].get_facecolor() == to_rgba(drift_plots.OWN_COLOUR)
        assert first[1].get_facecolor() == to_rgba(drift_plots.SHARED_COLOUR)
        assert (
            "thin data" in axes[1].get_title().replace("\n", " ")
            and "thin" not in axes[0].get_title()
        )
        assert "no data" in [t.get_text() for t in axes[2].texts]
    finally:
        plt.close(fig)


OVERLAP = pd.DataFrame(
    [
        ("selvhjelp", "p1", "p2", 0.2, 0.05, 0.3, False),
        ("selvhjelp", "p2", "p3", 0.5, 0.2, 0.6, False),
        ("folkehelse", "p2", "p3", math.nan, math.nan, math.nan, True),
    ],
    columns=drift_plots.OVERLAP_PLOT_COLUMNS,
)


def test_overlap_chain_one_line_per_name_and_hollow_thin_points():
    fig = drift_plots.overlap_chain(OVERLAP, period_order=ORDER, labels=LABELS, confidence=0.95)
    try:
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["One → Two", "Two → Three"]
        assert len(ax.lines) >= 2  # one line per name (plus interval whiskers)
        assert "95 %" in ax.get_ylabel()
        labels = [t.get_text() for t in fig.legends[0].get_texts()]
        assert labels == ["folkehelse", "selvhjelp", "thin data"]
    finally:
        plt.close(fig)


def test_word_shift_bars_colour_each_side_by_its_period():
    table = word_shifts({"p1": counts(a=3, b=1), "p2": counts(b=1, c=3)}, order=ORDER, top_terms=10)
    fig = drift_plots.word_shift_bars(table, period_order=ORDER, labels=LABELS, n=2)
    try:
        ax = fig.axes[0]
        colours = period_colours(ORDER)
        by_term = dict(
            zip(
                [t.get_text() for t in ax.get_yticklabels()],
                [(b.get_width(), b.get_facecolor()) for b in _bars(ax)],
                strict=True,
            )
        )
        assert set(by_term) == {"a", "c"}
        assert by_term["a"][0] < 0 and by_term["a"][1] == to_rgba(colours["p1"])
        assert by_term["c"][0] > 0 and by_term["c"][1] == to_rgba(colours["p2"])
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: drift_plots.collocate_panels(
            COLLOCATES.iloc[0:0], name="x", period_order=ORDER, labels=LABELS, n=5
        ),
        lambda: drift_plots.overlap_chain(
            OVERLAP.iloc[0:0], period_order=ORDER, labels=LABELS, confidence=0.9
        ),
        lambda: drift_plots.word_shift_bars(
            pd.DataFrame(columns=WORD_SHIFT_COLUMNS), period_order=ORDER, labels=LABELS, n=5
        ),
    ],
)
def test_empty_tables_give_a_no_data_figure(draw):
    fig = draw()
    try:
        assert "no data" in [t.get_text() for t in fig.axes[0].texts]
    finally:
        plt.close(fig)


CHANGES = pd.DataFrame(
    [
        ("p1", "p2", 1, "selvhjelp", 0.7, 0.3, 0.8, 0.9, 20, 90, "ranked"),
        ("p1", "p2", 2, "sosial", 0.5, 0.0, 1.0, 0.6, 8, 15, "ranked"),
        ("p1", "p2", None, "sjelden", math.nan, math.nan, math.nan, math.nan, 1, 3, "too rare"),
    ],
    columns=CHANGE_COLUMNS,
)


def test_change_ranking_leaves_out_rare_words_and_greys_unstable_ones():
    fig = drift_plots.change_ranking(
        CHANGES, period_order=ORDER, labels=LABELS, n=20, confidence=0.95
    )
    try:
        ax = fig.axes[0]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert ticks == ["selvhjelp (0.90)", "sosial (0.60)"]
        colours = ax.collections[-1].get_facecolors()
        assert tuple(colours[0]) == to_rgba(drift_plots.STABLE_COLOUR)
        assert tuple(colours[1]) == to_rgba(drift_plots.UNSTABLE_COLOUR)
        assert "95 %" in ax.get_xlabel().replace("\n", " ")
    finally:
        plt.close(fig)
