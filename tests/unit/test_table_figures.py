"""Unit tests for ordskifte.tables.figures and ordskifte.style: small literal tables in,
figures checked by their artists."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ordskifte import style
from ordskifte.tables import figures

ORDER = ["frivillig", "psykisk_helse", "folkehelse"]
LABELS = {
    "frivillig": "Frivillig arbeid (1986–1995)",
    "psykisk_helse": "Psykisk helsearbeid (1996–2001)",
    "folkehelse": "Folkehelsearbeid (2002–2030)",
}
NAN = math.nan

RATES_BY_PERIOD = pd.DataFrame(
    [
        # concept, period, count, n_tokens, per_10k, ci_low, ci_high, n_docs
        ("frivillig", "frivillig", 12, 2000, 60.0, 40.0, 85.0, 3),
        ("frivillig", "psykisk_helse", 3, 1500, 20.0, 5.0, 30.0, 2),
        ("frivillig", "folkehelse", 1, 2500, 4.0, 4.0, 4.0, 1),
        ("folkehelse", "frivillig", 0, 2000, 0.0, 0.0, 0.0, 3),
        ("folkehelse", "psykisk_helse", 2, 1500, 13.3, NAN, NAN, 2),
        ("folkehelse", "folkehelse", 20, 2500, 80.0, 55.0, 110.0, 1),
    ],
    columns=["concept", "period", "count", "n_tokens", "per_10k", "ci_low", "ci_high", "n_docs"],
)

RATES_BY_YEAR = pd.DataFrame(
    [
        # concept, year, count, n_tokens, per_10k, ci_low, ci_high, n_docs
        ("frivillig", 1993, 10, 1000, 100.0, 80.0, 120.0, 2),
        ("frivillig", 1998, 2, 1000, 20.0, NAN, NAN, 1),
        ("frivillig", 2003, 1, 1000, 10.0, 5.0, 15.0, 2),
        ("folkehelse", 1993, 0, 1000, 0.0, 0.0, 0.0, 2),
        ("folkehelse", 1998, 1, 1000, 10.0, NAN, NAN, 1),
        ("folkehelse", 2003, 9, 1000, 90.0, 70.0, 110.0, 2),
    ],
    columns=["concept", "year", "count", "n_tokens", "per_10k", "ci_low", "ci_high", "n_docs"],
)

TERMS = pd.DataFrame(
    [
        # period, term, count, per_10k, doc_freq, tfidf
        ("frivillig", "frivillig", 9, 45.0, 2, 50.0),
        ("frivillig", "arbeid", 6, 30.0, 2, 31.0),
        ("frivillig", "gruppe", 6, 30.0, 1, 35.0),  # ties with "arbeid": broken by term
        ("frivillig", "sak", 1, 5.0, 1, 6.0),
        ("folkehelse", "folkehelse", 12, 48.0, 1, 60.0),
        ("folkehelse", "plan", 5, 20.0, 1, 25.0),
        ("folkehelse", "tiltak", 4, 16.0, 1, 20.0),
        ("folkehelse", "arbeid", 2, 8.0, 1, 8.0),
    ],
    columns=["period", "term", "count", "per_10k", "doc_freq", "tfidf"],
)


def keyness_table(rows: list[tuple[str, float, str]]) -> pd.DataFrame:
    """A keyness table from (term, g2, direction); the other columns are filler."""
    return pd.DataFrame(
        {
            "term": [r[0] for r in rows],
            "count_target": 1,
            "count_reference": 1,
            "per_10k_target": 1.0,
            "per_10k_reference": 1.0,
            "g2": [r[1] for r in rows],
            "p_value": 0.5,
            "log_ratio": 0.0,
            "direction": [r[2] for r in rows],
        }
    )


KEYNESS = {
    "frivillig_vs_rest": keyness_table(
        [
            ("frivillig", 30.0, "target"),
            ("sivilsamfunn", 12.0, "target"),
            ("organisasjon", 5.0, "target"),
            ("folkehelse", 25.0, "reference"),
            ("psykisk", 8.0, "reference"),
        ]
    ),
    "folkehelse_vs_rest": keyness_table(
        [
            ("folkehelse", 40.0, "target"),
            ("frivillig", 9.0, "reference"),
        ]
    ),
}

JSD = pd.DataFrame(
    [
        ("frivillig", "psykisk_helse", 0.25),
        ("frivillig", "folkehelse", 0.4),
        ("psykisk_helse", "folkehelse", 0.123456),
    ],
    columns=["period_a", "period_b", "jsd"],
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def visible_axes(fig: Figure) -> list:
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


# --------------------------------------------------------------------------------------------


def test_concept_rates_by_period_draws_one_bar_per_concept_and_period():
    fig = figures.concept_rates_by_period(RATES_BY_PERIOD, period_order=ORDER, labels=LABELS)

    assert isinstance(fig, Figure)
    assert fig.get_suptitle().startswith("Concept rates by period (95 % bootstrap CI")
    (ax,) = fig.axes
    assert "per 10,000 tokens" in ax.get_ylabel()
    assert ax.get_xlabel() == "Concept"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["frivillig", "folkehelse"]
    assert len(bars(ax)) == 6
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [LABELS[p] for p in ORDER]
    assert [t.get_text() for t in ax.texts] == ["0"]  # the zero rate is labelled


def test_concept_rates_by_period_colours_follow_period_order():
    fig = figures.concept_rates_by_period(
        RATES_BY_PERIOD,
        period_order=ORDER,
        labels=LABELS,
        concept_order=["folkehelse", "frivillig"],
    )
    ax = fig.axes[0]
    expected = style.period_colours(ORDER)
    # Bars are drawn period by period, each period once per concept.
    colours = [bar.get_facecolor() for bar in bars(ax)]
    assert colours == [to_rgba(expected[p]) for p in ORDER for _ in range(2)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["folkehelse", "frivillig"]


def test_concept_rates_by_period_skips_nan_intervals():
    fig = figures.concept_rates_by_period(RATES_BY_PERIOD, period_order=ORDER, labels=LABELS)
    ax = fig.axes[0]
    # One errorbar container per period; psykisk_helse has one NaN interval, so one whisker.
    whiskers = [len(c.lines[2][0].get_segments()) for c in ax.containers if hasattr(c, "lines")]
    assert whiskers == [2, 1, 2]


def test_concept_rates_by_period_rejects_unknown_period():
    df = RATES_BY_PERIOD.assign(period=["frivillig", "x", "folkehelse"] * 2)
    with pytest.raises(ValueError, match="'x'"):
        figures.concept_rates_by_period(df, period_order=ORDER, labels=LABELS)


def test_concept_rates_by_year_lines_and_integer_years():
    spans = [
        (LABELS["frivillig"], 1986, 1995),
        (LABELS["psykisk_helse"], 1996, 2001),
        (LABELS["folkehelse"], 2002, 2030),
    ]
    fig = figures.concept_rates_by_year(RATES_BY_YEAR, period_spans=spans)

    assert fig.get_suptitle().startswith("Concept rates by year")
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Year"
    assert "per 10,000 tokens" in ax.get_ylabel()
    assert len(ax.get_lines()) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["frivillig", "folkehelse"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [LABELS[p] for p in ORDER]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(t.isdigit() and len(t) == 4 for t in ticks)
    assert ax.get_xlim() == (1992.5, 2003.5)


def test_rate_titles_follow_confidence():
    fig = figures.concept_rates_by_year(RATES_BY_YEAR, confidence=0.9)
    assert "(90 % bootstrap CI, resampling documents)" in fig.get_suptitle()
    with pytest.raises(ValueError, match="confidence"):
        figures.concept_rates_by_period(
            RATES_BY_PERIOD, period_order=ORDER, labels=LABELS, confidence=95
        )


def test_concept_rates_by_year_rejects_backward_span():
    with pytest.raises(ValueError, match="last year before first"):
        figures.concept_rates_by_year(RATES_BY_YEAR, period_spans=[("x", 2000, 1990)])


def test_top_terms_one_panel_per_period_and_n_bars_each():
    order = ["frivillig", "folkehelse"]
    fig = figures.top_terms(TERMS, n=3, period_order=order, labels=LABELS)

    assert fig.get_suptitle() == "Most frequent terms by period (top 3)"
    assert len(fig.axes) == 2
    assert sum(len(bars(ax)) for ax in fig.axes) == 6
    assert [ax.get_title().replace("\n", " ") for ax in fig.axes] == [LABELS[p] for p in order]
    assert all(ax.get_xlabel() == "per 10,000 tokens" for ax in fig.axes)
    first = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert first == ["frivillig", "arbeid", "gruppe"]


def test_top_terms_period_without_terms_gets_no_data_panel():
    fig = figures.top_terms(TERMS, n=2, period_order=ORDER, labels=LABELS)
    assert len(fig.axes) == 3
    assert [len(bars(ax)) for ax in fig.axes] == [2, 0, 2]
    assert [t.get_text() for t in fig.axes[1].texts] == [style.NO_DATA]


def test_top_terms_rejects_bad_n():
    with pytest.raises(ValueError, match="n must be at least 1"):
        figures.top_terms(TERMS, n=0, period_order=ORDER, labels=LABELS)


def test_keyness_diverging_bars_per_comparison():
    fig = figures.keyness(KEYNESS, n=2, titles={"frivillig_vs_rest": "Frivillig vs. rest"})

    assert "log-likelihood G²" in fig.get_suptitle()
    axes = visible_axes(fig)
    assert len(axes) == 2
    assert [ax.get_title(loc="right") for ax in axes] == [
        "Frivillig vs. rest",
        "folkehelse_vs_rest",
    ]
    assert all("log-likelihood G²" in ax.get_xlabel() for ax in axes)
    first = axes[0]
    assert [t.get_text() for t in first.get_yticklabels()] == [
        "frivillig",
        "sivilsamfunn",
        "psykisk",
        "folkehelse",
    ]
    assert [bar.get_width() for bar in bars(first)] == [30.0, 12.0, -8.0, -25.0]
    assert len(bars(axes[1])) == 2
    assert len(fig.legends[0].get_texts()) == 2


def test_jsd_heatmap_symmetric_with_zero_diagonal():
    fig = figures.jsd_heatmap(JSD, period_order=ORDER, labels=LABELS)

    assert fig.get_suptitle() == "Jensen–Shannon divergence between periods"
    ax = fig.axes[0]
    mesh = ax.collections[0]  # seaborn's heatmap draws a QuadMesh
    matrix = np.asarray(mesh.get_array()).reshape(len(ORDER), len(ORDER))
    assert np.allclose(matrix, matrix.T)
    assert np.allclose(np.diag(matrix), 0.0)
    assert matrix[0, 2] == pytest.approx(0.4)
    assert texts(fig).count("0.000") == 3
    assert mesh.get_clim() == (0.0, 1.0)
    assert "0.123" in texts(fig)
    assert fig.axes[1].get_ylabel() == "Jensen–Shannon divergence (bits)"
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == [
        LABELS[p] for p in ORDER
    ]


def test_jsd_heatmap_missing_pair_is_marked():
    fig = figures.jsd_heatmap(JSD.iloc[:2], period_order=ORDER, labels=LABELS)
    assert texts(fig).count("n/a") == 2


def test_jsd_heatmap_rejects_self_pair():
    df = pd.DataFrame({"period_a": ["frivillig"], "period_b": ["frivillig"], "jsd": [0.0]})
    with pytest.raises(ValueError, match="with itself"):
        figures.jsd_heatmap(df, period_order=ORDER, labels=LABELS)


@pytest.mark.parametrize(
    "make",
    [
        lambda: figures.concept_rates_by_period(
            RATES_BY_PERIOD.iloc[:0], period_order=ORDER, labels=LABELS
        ),
        lambda: figures.concept_rates_by_year(pd.DataFrame()),
        lambda: figures.top_terms(TERMS.iloc[:0], n=3, period_order=ORDER, labels=LABELS),
        lambda: figures.keyness({}, n=3),
        lambda: figures.jsd_heatmap(JSD.iloc[:0], period_order=ORDER, labels=LABELS),
    ],
    ids=["by_period", "by_year", "top_terms", "keyness", "jsd"],
)
def test_empty_input_gives_no_data_figure(make):
    fig = make()
    assert isinstance(fig, Figure)
    assert fig.get_suptitle()
    assert texts(fig) == [style.NO_DATA]
    fig.canvas.draw()  # renders without error


def test_keyness_empty_table_gets_no_data_panel():
    fig = figures.keyness({"a_vs_rest": KEYNESS["frivillig_vs_rest"].iloc[:0]}, n=3)
    assert len(visible_axes(fig)) == 1
    assert texts(fig) == [style.NO_DATA]


def test_save_figure_is_byte_identical(tmp_path):
    outputs = []
    for run in ("a", "b"):
        fig = figures.concept_rates_by_period(RATES_BY_PERIOD, period_order=ORDER, labels=LABELS)
        png, svg = tmp_path / run / "fig.png", tmp_path / run / "fig.svg"
        style.save_figure(fig, png, svg)
        assert not plt.fignum_exists(fig.number)
        outputs.append((png.read_bytes(), svg.read_bytes()))

    (png_a, svg_a), (png_b, svg_b) = outputs
    assert png_a.startswith(b"\x89PNG") and png_a == png_b
    assert svg_a.startswith(b"<?xml") and svg_a == svg_b
    assert b"<dc:date>" not in svg_a


def test_save_figure_rejects_unknown_format(tmp_path):
    fig = figures.jsd_heatmap(JSD, period_order=ORDER, labels=LABELS)
    with pytest.raises(ValueError, match="unsupported figure format"):
        style.save_figure(fig, tmp_path / "fig.png", tmp_path / "fig.jpg")
    assert not (tmp_path / "fig.png").exists()
    assert not plt.fignum_exists(fig.number)
