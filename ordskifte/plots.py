"""Figures for the ordskifte report.

Every public function except :func:`save_figure` is pure: it takes the tidy tables written by
the aggregate steps and returns a :class:`matplotlib.figure.Figure`, without reading or writing
files and without changing global matplotlib settings (sizes and colours are passed to each
artist, not set through ``rcParams``). :func:`save_figure` writes a figure deterministically and
closes it.

Conventions shared by all figures, so they read as one set:

* width :data:`FIGURE_WIDTH` (7 in, the text width of an A4 page), no font below 8 pt;
* the colour-blind-safe palette of Okabe & Ito (2008); a period always has the colour of its
  position in ``period_order`` (:func:`period_colours`), and periods always appear in that
  order, named by their human labels;
* the figure title is the figure's suptitle (``fig.get_suptitle()``), panel titles are axes
  titles;
* empty input gives a figure with a centred "no data" note instead of an error.

Plain matplotlib is used, not seaborn: the intervals arrive precomputed (nothing to bootstrap
or aggregate), and importing seaborn would add about 1.3 s to every figure job.

References
----------
Okabe, M., & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, StrMethodFormatter

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (pyplot must come after the backend is chosen)

FIGURE_WIDTH = 7.0
"""Figure width in inches: the text width of an A4 page with ordinary margins."""

RATE_LABEL = "Occurrences per 10,000 tokens"
G2_LABEL = "log-likelihood G²"
JSD_LABEL = "Jensen–Shannon divergence (bits)"
NO_DATA = "no data"

# Font sizes in points; nothing is drawn below 8 pt.
_TITLE_PT = 11
_PANEL_PT = 9.5
_LABEL_PT = 9
_TICK_PT = 8
_LEGEND_PT = 8
_ANNOT_PT = 9

# Okabe & Ito (2008). Periods take the first colours, concepts start elsewhere in the palette so
# that a concept line is not mistaken for a period; yellow is last (weak contrast on white).
PERIOD_COLOURS = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow
)
CONCEPT_COLOURS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
)
CONCEPT_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DIRECTION_COLOURS = {"target": "#0072B2", "reference": "#D55E00"}
_HEATMAP_CMAP = "viridis"  # perceptually uniform, readable with colour-vision deficiency
_SVG_HASHSALT = "ordskifte"  # fixes the ids matplotlib writes into SVG files

_SAVE_OPTIONS: dict[str, dict] = {
    ".png": {"dpi": 200, "metadata": {"Software": None}},
    ".svg": {"metadata": {"Date": None}},
}

# Columns each figure reads; the tables may carry more (see each function's docstring).
CONCEPT_PERIOD_COLUMNS = ("concept", "period", "per_10k", "ci_low", "ci_high")
CONCEPT_YEAR_COLUMNS = ("concept", "year", "per_10k", "ci_low", "ci_high")
TERM_COLUMNS = ("period", "term", "per_10k")
KEYNESS_PLOT_COLUMNS = ("term", "g2", "direction")
JSD_COLUMNS = ("period_a", "period_b", "jsd")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def period_colours(period_order: Sequence[str]) -> dict[str, str]:
    """Colour of each period, by its position in ``period_order``.

    Parameters
    ----------
    period_order : sequence of str
        Period ids in time order (as in the ``periods`` list of ``config.yaml``).

    Returns
    -------
    dict
        Period id -> hex colour from :data:`PERIOD_COLOURS` (cycling after eight periods).

    Examples
    --------
    >>> period_colours(["frivillig", "psykisk_helse"])
    {'frivillig': '#E69F00', 'psykisk_helse': '#56B4E9'}
    """
    return {p: PERIOD_COLOURS[i % len(PERIOD_COLOURS)] for i, p in enumerate(period_order)}


def _check_order(order: Sequence[str], *, name: str) -> list[str]:
    order = list(order)
    if not order:
        raise ValueError(f"{name} must list at least one value")
    dupes = sorted({v for v in order if order.count(v) > 1})
    if dupes:
        raise ValueError(f"{name} lists {dupes} more than once")
    return order


def _require_columns(df: pd.DataFrame, columns: Iterable[str], *, what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; have {list(df.columns)}")


def _check_known(values: pd.Series, order: Sequence[str], *, column: str, name: str) -> None:
    unknown = sorted(set(values.astype(str)) - set(order))
    if unknown:
        raise ValueError(f"column {column!r} has value(s) {unknown} that are not in {name} {order}")


def _check_unique(df: pd.DataFrame, keys: list[str], *, what: str) -> None:
    dup = df.duplicated(subset=keys)
    if dup.any():
        first = df.loc[dup, keys].iloc[0].tolist()
        raise ValueError(f"{what}: more than one row for {dict(zip(keys, first, strict=True))}")


def _resolve_order(values: pd.Series, order: Sequence[str] | None, *, name: str) -> list[str]:
    """``order`` checked against the values, or the values in order of first appearance."""
    present = list(dict.fromkeys(values.astype(str)))
    if order is None:
        return present
    order = _check_order(order, name=name)
    _check_known(values, order, column=name.removesuffix("_order"), name=name)
    return order


def _ci_text(confidence: float) -> str:
    """``"95 % bootstrap CI, resampling documents"`` for ``confidence=0.95``."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    return f"{confidence * 100:g} % bootstrap CI, resampling documents"


def _label(labels: Mapping[str, str], period: str) -> str:
    return labels.get(period, period)


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, break_long_words=False)


def _panel_title_width(ncols: int) -> int:
    """Characters per line of a panel title that fit above one of ``ncols`` panels.

    Matplotlib's layout does not keep titles inside the figure horizontally, so a long title
    over the rightmost panel would be cut off; wrapping by the panel width prevents it.
    """
    return max(16, int(100 / (ncols + 0.5)) - 10)


def _style_axes(ax: Axes) -> None:
    ax.tick_params(labelsize=_TICK_PT)
    ax.xaxis.label.set_fontsize(_LABEL_PT)
    ax.yaxis.label.set_fontsize(_LABEL_PT)
    ax.spines[["top", "right"]].set_visible(False)


def _new_figure(
    title: str, *, height: float, nrows: int = 1, ncols: int = 1, **subplot_kw
) -> tuple[Figure, np.ndarray]:
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(FIGURE_WIDTH, height),
        layout="constrained",
        squeeze=False,
        **subplot_kw,
    )
    fig.suptitle(title, fontsize=_TITLE_PT)
    return fig, axes


def _no_data(ax: Axes, *, clear_ticks: bool = True) -> None:
    ax.text(
        0.5,
        0.5,
        NO_DATA,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=_ANNOT_PT,
        color="0.35",
    )
    if clear_ticks:
        ax.set_xticks([])
        ax.set_yticks([])


def _empty_figure(title: str, *, xlabel: str = "", ylabel: str = "") -> Figure:
    fig, axes = _new_figure(title, height=3.0)
    ax = axes[0, 0]
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _style_axes(ax)
    _no_data(ax)
    return fig


def _is_empty(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0


def _floats(values: pd.Series | Sequence[float]) -> np.ndarray:
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)


def _draw_intervals(ax: Axes, x: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Vertical interval whiskers from ``low`` to ``high``; NaN or reversed bounds are skipped.

    The whisker is anchored at ``low`` with zero lower error, so it spans exactly
    ``[low, high]`` even where a percentile bootstrap interval does not contain the point
    estimate (an asymmetric interval around the estimate in the usual case).
    """
    ok = np.isfinite(low) & np.isfinite(high) & (high >= low)
    if not ok.any():
        return
    ax.errorbar(
        x[ok],
        low[ok],
        yerr=np.vstack([np.zeros(int(ok.sum())), high[ok] - low[ok]]),
        fmt="none",
        ecolor="0.15",
        elinewidth=1.0,
        capsize=2.5,
        capthick=1.0,
        zorder=3,
    )


def _legend_below(fig: Figure, handles: list, *, ncol: int, title: str | None = None) -> None:
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncol=max(1, ncol),
        frameon=False,
        fontsize=_LEGEND_PT,
        title=title,
        title_fontsize=_LEGEND_PT,
    )


def _period_handles(period_order: Sequence[str], labels: Mapping[str, str]) -> list[Patch]:
    colours = period_colours(period_order)
    return [Patch(facecolor=colours[p], label=_label(labels, p)) for p in period_order]


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def concept_rates_by_period(
    df: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    concept_order: Sequence[str] | None = None,
    confidence: float = 0.95,
) -> Figure:
    """Grouped bars of concept rates per period with their bootstrap intervals.

    Parameters
    ----------
    df : DataFrame
        Columns ``concept, period, count, n_tokens, per_10k, ci_low, ci_high, n_docs``, one
        row per (concept, period); only ``concept, period, per_10k, ci_low, ci_high`` are
        required. NaN interval bounds are allowed (no whisker is drawn).
    period_order : sequence of str
        Period ids in time order; sets the order and colour of the bars within each concept.
    labels : mapping of str to str
        Period id -> human label for the legend (a period without a label shows its id).
    concept_order : sequence of str, optional
        Order of the concepts on the x axis. Default: order of first appearance in ``df``.
    confidence : float, default 0.95
        Coverage of the intervals in ``df`` (``bootstrap.confidence`` in the config), for the
        title only.

    Returns
    -------
    Figure
        One axes: x = concept, one bar per period (hue), whiskers from ``ci_low`` to
        ``ci_high`` drawn with :meth:`~matplotlib.axes.Axes.errorbar`, a small "0" over bars
        of rate 0 (no bar at all means no row or a NaN rate); the legend lists every period of
        ``period_order``. Empty ``df`` gives a "no data" figure.

    Raises
    ------
    ValueError
        If a column is missing, ``df`` has a period or concept not in the given order, an
        order is empty or repeats a value, a (concept, period) pair occurs twice, or
        ``confidence`` is not strictly between 0 and 1.
    """
    title = f"Concept rates by period ({_ci_text(confidence)})"
    period_order = _check_order(period_order, name="period_order")
    if _is_empty(df):
        return _empty_figure(title, xlabel="Concept", ylabel=RATE_LABEL)
    _require_columns(df, CONCEPT_PERIOD_COLUMNS, what="concept rates by period")
    _check_known(df["period"], period_order, column="period", name="period_order")
    _check_unique(df, ["concept", "period"], what="concept rates by period")
    concepts = _resolve_order(df["concept"], concept_order, name="concept_order")

    fig, axes = _new_figure(title, height=4.4)
    ax = axes[0, 0]
    colours = period_colours(period_order)
    centres = np.arange(len(concepts), dtype=float)
    slot = 0.8 / len(period_order)
    data = df.assign(concept=df["concept"].astype(str), period=df["period"].astype(str))
    for i, period in enumerate(period_order):
        rows = data[data["period"] == period].set_index("concept").reindex(concepts)
        x = centres - 0.4 + slot * (i + 0.5)
        height = _floats(rows["per_10k"])
        drawn = np.isfinite(height)
        ax.bar(
            x[drawn],
            height[drawn],
            width=slot * 0.92,
            color=colours[period],
            edgecolor="white",
            linewidth=0.5,
            zorder=2,
        )
        _draw_intervals(ax, x, _floats(rows["ci_low"]), _floats(rows["ci_high"]))
        for xi in x[drawn & (height == 0)]:  # a zero is a result: show it, unlike missing data
            ax.text(xi, 0, "0", ha="center", va="bottom", fontsize=_TICK_PT, color="0.35")

    long_labels = sum(len(c) for c in concepts) > 60
    ax.set_xticks(
        centres,
        concepts,
        rotation=30 if long_labels else 0,
        ha="right" if long_labels else "center",
    )
    ax.set_xlim(-0.6, len(concepts) - 0.4)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Concept")
    ax.set_ylabel(RATE_LABEL)
    ax.yaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    _style_axes(ax)
    _legend_below(fig, _period_handles(period_order, labels), ncol=min(len(period_order), 3))
    return fig


def concept_rates_by_year(
    df: pd.DataFrame,
    *,
    concept_order: Sequence[str] | None = None,
    period_spans: Sequence[tuple[str, int, int]] | None = None,
    confidence: float = 0.95,
) -> Figure:
    """Concept rates per year: a line with markers per concept and a shaded interval band.

    Parameters
    ----------
    df : DataFrame
        Columns ``concept, year, count, n_tokens, per_10k, ci_low, ci_high, n_docs``, one row
        per (concept, year); only ``concept, year, per_10k, ci_low, ci_high`` are required.
        NaN interval bounds leave gaps in the band.
    concept_order : sequence of str, optional
        Order (and so colour and marker) of the concepts. Default: first appearance in ``df``.
    period_spans : sequence of (label, first_year, last_year), optional
        Periods to shade lightly behind the lines, in period order so that each span gets the
        same colour as its period in the other figures. Spans are clipped to the years in
        ``df`` and listed in the legend.
    confidence : float, default 0.95
        Coverage of the intervals in ``df``, for the title only.

    Returns
    -------
    Figure
        One axes, x = year (integer ticks), y = rate per 10,000 tokens. Empty ``df`` gives a
        "no data" figure.

    Raises
    ------
    ValueError
        If a column is missing, a year is missing or not a whole number, a (concept, year)
        pair occurs twice, ``concept_order`` does not cover the concepts, a span ends
        before it starts, or ``confidence`` is not strictly between 0 and 1.
    """
    title = f"Concept rates by year ({_ci_text(confidence)})"
    spans = [(str(label), int(first), int(last)) for label, first, last in period_spans or []]
    bad = [s for s in spans if s[2] < s[1]]
    if bad:
        raise ValueError(f"period_spans: last year before first year in {bad}")
    if _is_empty(df):
        return _empty_figure(title, xlabel="Year", ylabel=RATE_LABEL)
    _require_columns(df, CONCEPT_YEAR_COLUMNS, what="concept rates by year")
    years = _floats(df["year"])
    if not np.isfinite(years).all() or not (years == np.floor(years)).all():
        raise ValueError("concept rates by year: column 'year' must hold whole numbers")
    _check_unique(df, ["concept", "year"], what="concept rates by year")
    concepts = _resolve_order(df["concept"], concept_order, name="concept_order")

    fig, axes = _new_figure(title, height=4.4)
    ax = axes[0, 0]
    data = df.assign(concept=df["concept"].astype(str), year=years.astype(int))
    concept_handles: list[Line2D] = []
    period_handles: list[Patch] = []
    for i, concept in enumerate(concepts):
        rows = data[data["concept"] == concept].sort_values("year", kind="mergesort")
        colour = CONCEPT_COLOURS[i % len(CONCEPT_COLOURS)]
        marker = CONCEPT_MARKERS[i % len(CONCEPT_MARKERS)]
        x = rows["year"].to_numpy(dtype=float)
        ax.fill_between(
            x,
            _floats(rows["ci_low"]),
            _floats(rows["ci_high"]),
            color=colour,
            alpha=0.18,
            linewidth=0,
            zorder=2,
        )
        ax.plot(
            x,
            _floats(rows["per_10k"]),
            color=colour,
            marker=marker,
            markersize=4.5,
            linewidth=1.5,
            zorder=3,
        )
        concept_handles.append(
            Line2D([], [], color=colour, marker=marker, markersize=4.5, label=concept)
        )

    lo, hi = int(years.min()) - 0.5, int(years.max()) + 0.5
    for i, (label, first, last) in enumerate(spans):
        if last + 0.5 <= lo or first - 0.5 >= hi:
            continue  # the period has no year in the data
        colour = PERIOD_COLOURS[i % len(PERIOD_COLOURS)]
        ax.axvspan(max(first - 0.5, lo), min(last + 0.5, hi), color=colour, alpha=0.12, lw=0)
        period_handles.append(Patch(facecolor=colour, alpha=0.3, label=label))

    ax.set_xlim(lo, hi)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))
    ax.set_xlabel("Year")
    ax.set_ylabel(RATE_LABEL)
    ax.yaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    _style_axes(ax)
    # Concept names are short and few: a legend inside the axes. Period labels are long: below.
    ax.legend(
        handles=concept_handles,
        loc="best",
        fontsize=_LEGEND_PT,
        title="Concept",
        title_fontsize=_LEGEND_PT,
        framealpha=0.9,
    )
    if period_handles:
        _legend_below(fig, period_handles, ncol=min(len(period_handles), 3))
    return fig


def top_terms(
    df: pd.DataFrame,
    *,
    n: int,
    period_order: Sequence[str],
    labels: Mapping[str, str],
) -> Figure:
    """The ``n`` most frequent terms of each period as horizontal bars, one panel per period.

    Parameters
    ----------
    df : DataFrame
        Columns ``period, term, count, per_10k, doc_freq, tfidf`` (the frequency table by
        period; it may hold more than ``n`` terms per period); only ``period, term, per_10k``
        are required.
    n : int
        Terms per panel (>= 1): the highest ``per_10k``, ties broken by term (A-Z).
    period_order : sequence of str
        Period ids in time order: one panel each, left to right, in the period's colour.
    labels : mapping of str to str
        Period id -> human label used as panel title.

    Returns
    -------
    Figure
        ``len(period_order)`` panels side by side sharing the x axis (per 10,000 tokens),
        highest rate at the top; a period without terms gets a "no data" panel. Empty ``df``
        gives a one-axes "no data" figure.

    Raises
    ------
    ValueError
        If ``n < 1``, a column is missing, or ``df`` has a period not in ``period_order``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    title = f"Most frequent terms by period (top {n})"
    period_order = _check_order(period_order, name="period_order")
    if _is_empty(df):
        return _empty_figure(title, xlabel=RATE_LABEL)
    _require_columns(df, TERM_COLUMNS, what="top terms")
    _check_known(df["period"], period_order, column="period", name="period_order")

    data = df.assign(
        period=df["period"].astype(str), term=df["term"].astype(str), per_10k=_floats(df["per_10k"])
    )
    data = data[np.isfinite(data["per_10k"])]
    fig, axes = _new_figure(
        title, height=max(2.8, 0.24 * n + 1.6), ncols=len(period_order), sharex=True
    )
    colours = period_colours(period_order)
    title_width = _panel_title_width(len(period_order))
    for ax, period in zip(axes[0], period_order, strict=True):
        ax.set_title(_wrap(_label(labels, period), title_width), fontsize=_PANEL_PT)
        ax.set_xlabel("per 10,000 tokens")
        rows = (
            data[data["period"] == period]
            .sort_values(["per_10k", "term"], ascending=[False, True], kind="mergesort")
            .head(n)
        )
        if rows.empty:
            # Only the y ticks are cleared: the x axis is shared with the other panels.
            _no_data(ax, clear_ticks=False)
            ax.set_yticks([])
        else:
            y = np.arange(len(rows))
            ax.barh(y, rows["per_10k"], height=0.72, color=colours[period], zorder=2)
            ax.set_yticks(y, rows["term"].tolist())
        ax.set_ylim(n - 0.5, -0.5)
        ax.xaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
        _style_axes(ax)
    return fig


def keyness(
    tables: Mapping[str, pd.DataFrame],
    *,
    n: int,
    titles: Mapping[str, str] | None = None,
) -> Figure:
    """Diverging bars of key terms, one panel per comparison.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Comparison key (e.g. ``"frivillig_vs_rest"``) -> keyness table with columns ``term,
        count_target, count_reference, per_10k_target, per_10k_reference, g2, p_value,
        log_ratio, direction`` (only ``term``, ``g2`` and ``direction`` are drawn). Panels
        follow the mapping's order, up to three per row.
    n : int
        Terms per side (>= 1): the ``n`` highest G² with direction ``"target"`` are drawn to
        the right (+G²), the ``n`` highest with direction ``"reference"`` to the left (−G²);
        ties broken by term. Rows with another direction or a NaN G² are ignored.
    titles : mapping of str to str, optional
        Comparison key -> panel title (default: the key).

    Returns
    -------
    Figure
        One panel per comparison: target terms at the top (largest first), reference terms
        below (largest last), coloured by direction, with a legend for the two sides. The x
        tick labels show G² (without sign) on both sides of zero. An empty table gives a
        "no data" panel; no tables at all give a one-axes "no data" figure.

    Raises
    ------
    ValueError
        If ``n < 1`` or a non-empty table lacks a column.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    titles = titles or {}
    title = f"Keyness: top {n} key terms on each side (log-likelihood G²)"
    xlabel = G2_LABEL  # the legend says which side is which
    if not tables:
        return _empty_figure(title, xlabel=xlabel)

    ncols = min(len(tables), 3)
    nrows = -(-len(tables) // ncols)
    fig, axes = _new_figure(
        title, height=nrows * max(2.8, 0.14 * 2 * n + 1.4), nrows=nrows, ncols=ncols
    )
    for ax in axes.flat[len(tables) :]:
        ax.set_visible(False)
    title_width = _panel_title_width(ncols)
    for ax, (key, table) in zip(axes.flat, tables.items(), strict=False):
        # Right-aligned: a long title then runs over the term labels, not off the figure.
        ax.set_title(_wrap(titles.get(key, key), title_width), fontsize=_PANEL_PT, loc="right")
        ax.set_xlabel(xlabel)
        _style_axes(ax)
        if _is_empty(table):
            _no_data(ax)
            continue
        _require_columns(table, KEYNESS_PLOT_COLUMNS, what=f"keyness table {key!r}")
        data = table.assign(term=table["term"].astype(str), g2=_floats(table["g2"]))
        data = data[np.isfinite(data["g2"])]
        side = {
            direction: data[data["direction"] == direction]
            .sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
            .head(n)
            for direction in ("target", "reference")
        }
        reference = side["reference"].iloc[::-1]  # largest at the bottom
        terms = side["target"]["term"].tolist() + reference["term"].tolist()
        if not terms:
            _no_data(ax)
            continue
        values = np.concatenate(
            [side["target"]["g2"].to_numpy(float), -reference["g2"].to_numpy(float)]
        )
        colours = [DIRECTION_COLOURS["target"]] * len(side["target"]) + [
            DIRECTION_COLOURS["reference"]
        ] * len(reference)
        y = np.arange(len(terms))
        ax.barh(y, values, height=0.72, color=colours, zorder=2)
        _diverging_axes(ax, values, terms, nbins=5)

    _legend_below(
        fig,
        [
            Patch(
                facecolor=DIRECTION_COLOURS["target"],
                label="more frequent in the target (right, +G²)",
            ),
            Patch(
                facecolor=DIRECTION_COLOURS["reference"],
                label="more frequent in the reference (left, −G²)",
            ),
        ],
        ncol=2,
    )
    return fig


def _diverging_axes(
    ax: Axes, values: Sequence[float] | np.ndarray, terms: Sequence[str], *, nbins: int
) -> None:
    """Axes of horizontal bars that lean left or right of zero: a zero line, the terms top
    down, an x range symmetric around 0 and ticks without sign (the side says the sign)."""
    ax.axvline(0, color="0.3", linewidth=0.8, zorder=3)
    ax.set_yticks(np.arange(len(terms)), list(terms))
    ax.set_ylim(len(terms) - 0.5, -0.5)
    limit = float(np.max(np.abs(values))) * 1.08 or 1.0
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, symmetric=True))
    ax.xaxis.set_major_formatter(FuncFormatter(_unsigned_tick))
    ax.xaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)


def _unsigned_tick(value: float, _pos: int | None = None) -> str:
    return f"{abs(value):g}"


def jsd_heatmap(
    df: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
) -> Figure:
    """Symmetric matrix of Jensen–Shannon divergences between periods, annotated.

    Parameters
    ----------
    df : DataFrame
        Columns ``period_a, period_b, jsd`` (in bits), each unordered pair of distinct periods
        at most once (a pair given both ways must carry the same value).
    period_order : sequence of str
        Period ids in time order: rows top to bottom and columns left to right.
    labels : mapping of str to str
        Period id -> human label for the tick labels.

    Returns
    -------
    Figure
        One axes: the full matrix with zeros on the diagonal, each cell annotated with three
        decimals (``n/a`` for a pair missing from ``df``), a colour bar in bits from 0 to 1 (the
        range of the divergence in bits; further if a value exceeds 1).
        Empty ``df`` gives a "no data" figure.

    Raises
    ------
    ValueError
        If a column is missing, a period is not in ``period_order``, a row compares a period
        with itself, or a pair occurs twice with different values.
    """
    title = "Jensen–Shannon divergence between periods"
    period_order = _check_order(period_order, name="period_order")
    if _is_empty(df):
        return _empty_figure(title, xlabel="Period", ylabel="Period")
    _require_columns(df, JSD_COLUMNS, what="JSD table")
    for column in ("period_a", "period_b"):
        _check_known(df[column], period_order, column=column, name="period_order")

    index = {p: i for i, p in enumerate(period_order)}
    k = len(period_order)
    matrix = np.full((k, k), np.nan)
    np.fill_diagonal(matrix, 0.0)
    for a, b, value in zip(
        df["period_a"].astype(str), df["period_b"].astype(str), _floats(df["jsd"]), strict=True
    ):
        if a == b:
            raise ValueError(f"JSD table: row compares period {a!r} with itself")
        i, j = index[a], index[b]
        if np.isfinite(matrix[i, j]) and not np.isclose(matrix[i, j], value):
            raise ValueError(f"JSD table: pair ({a!r}, {b!r}) occurs twice with different values")
        matrix[i, j] = matrix[j, i] = value

    fig, axes = _new_figure(title, height=max(4.0, 0.9 * k + 2.2))
    ax = axes[0, 0]
    # JSD in bits lies in [0, 1]: a fixed scale keeps colours comparable between runs.
    vmax = max(1.0, float(np.nanmax(matrix)))
    import seaborn as sns  # imported here: only this figure needs it (~1 s import)

    cmap = matplotlib.colormaps[_HEATMAP_CMAP].with_extremes(bad="0.9")
    annotations = np.char.mod("%.3f", np.nan_to_num(matrix))
    sns.heatmap(
        np.ma.masked_invalid(matrix),
        ax=ax,
        cmap=cmap,
        vmin=0.0,
        vmax=vmax,
        annot=annotations,
        fmt="",
        annot_kws={"fontsize": _ANNOT_PT},
        square=True,
        linewidths=0.5,
        cbar_kws={"label": JSD_LABEL, "shrink": 0.85},
    )
    for i, j in zip(*np.nonzero(~np.isfinite(matrix)), strict=True):  # seaborn skips masked cells
        ax.text(j + 0.5, i + 0.5, "n/a", ha="center", va="center", fontsize=_ANNOT_PT, color="0.3")
    colourbar = ax.collections[0].colorbar
    colourbar.ax.yaxis.label.set_fontsize(_LABEL_PT)
    colourbar.ax.tick_params(labelsize=_TICK_PT)

    tick_labels = [_wrap(_label(labels, p), 18) for p in period_order]
    ax.set_xticks(np.arange(k) + 0.5, tick_labels, rotation=0)
    ax.set_yticks(np.arange(k) + 0.5, tick_labels, rotation=0)
    ax.set_xlabel("Period")
    ax.set_ylabel("Period")
    ax.tick_params(length=0)
    _style_axes(ax)
    ax.spines[:].set_visible(False)
    return fig


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def save_figure(fig: Figure, *paths: str | os.PathLike[str]) -> None:
    """Write ``fig`` to each path, byte-identically on every run, then close it.

    The format follows the suffix: ``.png`` at 200 dpi without the ``Software`` tag, ``.svg``
    without the ``Date`` tag and with a fixed ``svg.hashsalt`` so the ids inside the file do not
    change between runs. Missing parent folders are created. The figure is closed even when
    saving fails.

    Parameters
    ----------
    fig : Figure
        The figure to write.
    *paths : str or path-like
        One or more output files ending in ``.png`` or ``.svg``.

    Raises
    ------
    ValueError
        If no path is given or a path has another suffix (checked before anything is
        written).
    """
    try:
        if not paths:
            raise ValueError("save_figure needs at least one output path")
        targets = [Path(p) for p in paths]
        unsupported = [str(p) for p in targets if p.suffix.lower() not in _SAVE_OPTIONS]
        if unsupported:
            raise ValueError(
                f"unsupported figure format for {unsupported}; use one of {sorted(_SAVE_OPTIONS)}"
            )
        with matplotlib.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
            for path in targets:
                suffix = path.suffix.lower()
                path.parent.mkdir(parents=True, exist_ok=True)
                fig.savefig(path, format=suffix[1:], **_SAVE_OPTIONS[suffix])
    finally:
        plt.close(fig)
