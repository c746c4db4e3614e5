"""Figures for semantic drift: collocate panels, the neighbour-overlap chain, word shifts.

The same conventions as :mod:`ordskifte.plots`, whose helpers and colours are reused: every
function is pure and returns a :class:`matplotlib.figure.Figure` (A4 text width, no font
below 8 pt, the Okabe & Ito palette with each period in the colour of its position in
``period_order``, the title as suptitle, a "no data" note for empty input); write it with
:func:`ordskifte.plots.save_figure`. Results resting on thin data (fewer hits than the
configured floor) are marked in every figure that shows them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ordskifte.alignment import _as_bool
from ordskifte.plots import (
    _PANEL_PT,
    CONCEPT_COLOURS,
    CONCEPT_MARKERS,
    G2_LABEL,
    _ci_text,
    _diverging_axes,
    _draw_intervals,
    _empty_figure,
    _floats,
    _is_empty,
    _label,
    _legend_below,
    _new_figure,
    _no_data,
    _panel_title_width,
    _require_columns,
    _style_axes,
    _wrap,
    period_colours,
)

COLLOCATE_PLOT_COLUMNS = ("period", "collocate", "g2", "target_freq", "thin")
OVERLAP_PLOT_COLUMNS = ("name", "period_a", "period_b", "jaccard", "ci_low", "ci_high", "thin")
SHIFT_PLOT_COLUMNS = ("period_a", "period_b", "term", "signed_contribution")
SHARED_COLOUR = "#0072B2"
OWN_COLOUR = "0.72"
THIN_NOTE = "thin data"


def _panels(title: str, n_panels: int, *, row_height: float) -> tuple[Figure, list]:
    ncols = min(max(n_panels, 1), 3)
    nrows = -(-max(n_panels, 1) // ncols)
    fig, axes = _new_figure(title, height=nrows * row_height, nrows=nrows, ncols=ncols)
    for ax in axes.flat[n_panels:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n_panels])


def _pair_rows(
    table: pd.DataFrame, period_order: Sequence[str]
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The table with period columns as strings, and its (period_a, period_b) pairs in
    time order."""
    rank = {p: i for i, p in enumerate(period_order)}
    data = table.assign(
        period_a=table["period_a"].astype(str), period_b=table["period_b"].astype(str)
    )
    pairs = set(zip(data["period_a"], data["period_b"], strict=True))
    return data, sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]]))


def collocate_panels(
    table: pd.DataFrame,
    *,
    name: str,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    n: int,
) -> Figure:
    """One panel per period: the top ``n`` collocates of ``name`` by G².

    Parameters
    ----------
    table : DataFrame
        A collocate table (:func:`ordskifte.collocates.collocate_table`); columns
        :data:`COLLOCATE_PLOT_COLUMNS` are drawn.
    name : str
        The target or concept, for the title.
    period_order, labels
        Periods in time order and their labels; a period without rows gets "no data".
    n : int
        Collocates per panel (>= 1).

    Returns
    -------
    Figure
        Horizontal G² bars, largest on top. A collocate that is also in the top ``n`` of
        another period is drawn in blue (shared company), the others in grey. A period whose
        hits are below the thin-data floor says so in its panel title.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    title = f"Collocates of «{name}» per period: top {n} by log-likelihood G²"
    if _is_empty(table):
        return _empty_figure(title, xlabel=G2_LABEL)
    _require_columns(table, COLLOCATE_PLOT_COLUMNS, what="collocate table")
    data = table.assign(
        period=table["period"].astype(str),
        collocate=table["collocate"].astype(str),
        g2=_floats(table["g2"]),
        thin=_as_bool(table["thin"], what="column thin"),
    )
    tops = {
        p: g.sort_values(["g2", "collocate"], ascending=[False, True], kind="mergesort").head(n)
        for p, g in data.groupby("period", sort=False)
    }
    fig, axes = _panels(title, len(period_order), row_height=max(3.0, 0.17 * n + 1.4))
    width = _panel_title_width(len(axes))
    for ax, period in zip(axes, period_order, strict=True):
        _style_axes(ax)
        ax.set_xlabel(G2_LABEL)
        top = tops.get(period)
        if top is None or not len(top):
            ax.set_title(_wrap(_label(labels, period), width), fontsize=_PANEL_PT)
            _no_data(ax)
            continue
        hits = int(top["target_freq"].iloc[0])
        note = f"{hits} hits" + (f", {THIN_NOTE}" if bool(top["thin"].iloc[0]) else "")
        ax.set_title(_wrap(f"{_label(labels, period)} ({note})", width), fontsize=_PANEL_PT)
        others = set().union(*(set(t["collocate"]) for p, t in tops.items() if p != period))
        colours = [SHARED_COLOUR if c in others else OWN_COLOUR for c in top["collocate"]]
        y = np.arange(len(top))
        ax.barh(y, top["g2"].to_numpy(float), height=0.72, color=colours, zorder=2)
        ax.set_yticks(y, top["collocate"].tolist())
        ax.set_ylim(len(top) - 0.5, -0.5)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.xaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
    _legend_below(
        fig,
        [
            Patch(facecolor=SHARED_COLOUR, label=f"also in another period's top {n}"),
            Patch(facecolor=OWN_COLOUR, label="only in this period's top list"),
        ],
        ncol=2,
    )
    return fig


def overlap_chain(
    table: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    confidence: float,
) -> Figure:
    """Jaccard overlap of top collocates between consecutive periods, one line per name.

    Parameters
    ----------
    table : DataFrame
        :func:`ordskifte.collocates.neighbour_overlap` rows of every name; columns
        :data:`OVERLAP_PLOT_COLUMNS` are drawn.

    Returns
    -------
    Figure
        The consecutive pairs along x (``a → b``), overlap 0–1 on y with bootstrap
        intervals; points of pairs on thin data are hollow.
    """
    title = "Neighbour overlap: shared top collocates between consecutive periods"
    ylabel = "Jaccard overlap of top-k collocates"
    if _is_empty(table):
        return _empty_figure(title, ylabel=ylabel)
    _require_columns(table, OVERLAP_PLOT_COLUMNS, what="neighbour overlap table")
    data, pairs = _pair_rows(table, period_order)
    data = data.assign(
        name=data["name"].astype(str), thin=_as_bool(data["thin"], what="column thin")
    )
    x_of = {pair: i for i, pair in enumerate(pairs)}
    names = sorted(set(data["name"]))
    fig, axes = _new_figure(title, height=3.8)
    ax = axes[0, 0]
    _style_axes(ax)
    offsets = np.linspace(-0.12, 0.12, len(names)) if len(names) > 1 else [0.0]
    handles = []
    for i, (name, offset) in enumerate(zip(names, offsets, strict=True)):
        g = data[data["name"] == name]
        x = np.array([x_of[(a, b)] for a, b in zip(g["period_a"], g["period_b"], strict=True)])
        x = x + offset
        y = _floats(g["jaccard"])
        colour = CONCEPT_COLOURS[i % len(CONCEPT_COLOURS)]
        marker = CONCEPT_MARKERS[i % len(CONCEPT_MARKERS)]
        ax.plot(x, y, color=colour, linewidth=1.2, zorder=2)
        _draw_intervals(ax, x, _floats(g["ci_low"]), _floats(g["ci_high"]))
        thin = g["thin"].to_numpy(bool)
        ax.scatter(x[~thin], y[~thin], color=colour, marker=marker, s=36, zorder=4)
        ax.scatter(
            x[thin], y[thin], facecolors="white", edgecolors=colour, marker=marker, s=36, zorder=4
        )
        handles.append(Line2D([], [], color=colour, marker=marker, label=name))
    handles.append(
        Line2D(
            [], [], color="0.3", marker="o", markerfacecolor="white", linestyle="", label=THIN_NOTE
        )
    )
    ax.set_xticks(
        range(len(pairs)),
        [_wrap(f"{_label(labels, a)} → {_label(labels, b)}", 30) for a, b in pairs],
    )
    ax.set_xlim(-0.5, len(pairs) - 0.5)
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel(f"{ylabel}\n({_ci_text(confidence)})")
    ax.yaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    _legend_below(fig, handles, ncol=min(len(handles), 5))
    return fig


def word_shift_bars(
    table: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    n: int,
) -> Figure:
    """Jensen–Shannon word shift of consecutive periods: the top ``n`` terms of each pair.

    Parameters
    ----------
    table : DataFrame
        :func:`ordskifte.drift.word_shifts` rows; columns :data:`SHIFT_PLOT_COLUMNS` drawn.

    Returns
    -------
    Figure
        One panel per pair; bars to the left lean to the earlier period (its colour), bars
        to the right to the later one; length = contribution in bits.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    title = f"Word shifts: the {n} largest contributions to the Jensen–Shannon divergence"
    xlabel = "contribution to JSD (bits); left: earlier period, right: later"
    if _is_empty(table):
        return _empty_figure(title, xlabel=xlabel)
    _require_columns(table, SHIFT_PLOT_COLUMNS, what="word shift table")
    data, pairs = _pair_rows(table, period_order)
    data = data.assign(term=data["term"].astype(str), signed=_floats(data["signed_contribution"]))
    colours = period_colours(period_order)
    fig, axes = _panels(title, len(pairs), row_height=max(3.2, 0.15 * n + 1.6))
    width = _panel_title_width(len(axes))
    for ax, (a, b) in zip(axes, pairs, strict=True):
        _style_axes(ax)
        ax.set_xlabel(_wrap(xlabel, 34), fontsize=8)
        ax.set_title(_wrap(f"{_label(labels, a)} → {_label(labels, b)}", width), fontsize=_PANEL_PT)
        g = data[(data["period_a"] == a) & (data["period_b"] == b)]
        g = g.assign(size=g["signed"].abs())
        g = g.sort_values(["size", "term"], ascending=[False, True], kind="mergesort").head(n)
        if not len(g):
            _no_data(ax)
            continue
        values = g["signed"].to_numpy(float)
        y = np.arange(len(g))
        ax.barh(
            y,
            values,
            height=0.72,
            color=[colours[b] if v > 0 else colours[a] for v in values],
            zorder=2,
        )
        _diverging_axes(ax, values, g["term"].tolist(), nbins=4)
    _legend_below(
        fig,
        [Patch(facecolor=colours[p], label=_label(labels, p)) for p in period_order],
        ncol=min(len(period_order), 3),
        title="more frequent in",
    )
    return fig


CHANGE_PLOT_COLUMNS = (
    "period_a",
    "period_b",
    "term",
    "cosine_change",
    "ci_low",
    "ci_high",
    "stability",
    "status",
)
STABLE = 0.75
"""Stability at or above which a word's ranking counts as reproducible in the figure."""
STABLE_COLOUR = "#0072B2"
UNSTABLE_COLOUR = "0.6"


def change_ranking(
    table: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    n: int,
    confidence: float,
) -> Figure:
    """The ``n`` most changed frequent words of each consecutive pair of periods.

    Parameters
    ----------
    table : DataFrame
        :func:`ordskifte.vectors.semantic_change` rows; columns :data:`CHANGE_PLOT_COLUMNS`
        are drawn, ``too rare`` rows are left out.

    Returns
    -------
    Figure
        One panel per pair: cosine change (dot) with its bootstrap interval, largest on top;
        each label carries the word's stability, and words below :data:`STABLE` are grey.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    title = f"Semantic change: the {n} most changed frequent words (aligned PPMI-SVD vectors)"
    xlabel = f"cosine change (1 − cos), {_ci_text(confidence)}"
    if _is_empty(table):
        return _empty_figure(title, xlabel=xlabel)
    _require_columns(table, CHANGE_PLOT_COLUMNS, what="semantic change table")
    data, pairs = _pair_rows(table, period_order)
    data = data[data["status"].astype(str) == "ranked"].assign(term=lambda d: d["term"].astype(str))
    if not pairs:
        return _empty_figure(title, xlabel=xlabel)
    fig, axes = _panels(title, len(pairs), row_height=max(3.2, 0.16 * n + 1.6))
    width = _panel_title_width(len(axes))
    for ax, (a, b) in zip(axes, pairs, strict=True):
        _style_axes(ax)
        ax.set_xlabel(_wrap(xlabel, 34), fontsize=8)
        ax.set_title(_wrap(f"{_label(labels, a)} → {_label(labels, b)}", width), fontsize=_PANEL_PT)
        g = data[(data["period_a"] == a) & (data["period_b"] == b)]
        g = g.assign(change=_floats(g["cosine_change"]), stab=_floats(g["stability"]))
        g = g.sort_values(["change", "term"], ascending=[False, True], kind="mergesort").head(n)
        if not len(g):
            _no_data(ax)
            continue
        y = np.arange(len(g))
        stable = ~(g["stab"].to_numpy() < STABLE)  # NaN (no resamples) counts as stable
        colour = np.where(stable, STABLE_COLOUR, UNSTABLE_COLOUR)
        low, high = _floats(g["ci_low"]), _floats(g["ci_high"])
        ok = np.isfinite(low) & np.isfinite(high)
        ax.hlines(y[ok], low[ok], high[ok], color="0.35", linewidth=1.0, zorder=2)
        ax.scatter(g["change"], y, color=colour, s=28, zorder=3)
        ticks = [
            t if not np.isfinite(s) else f"{t} ({s:.2f})"
            for t, s in zip(g["term"], g["stab"], strict=True)
        ]
        ax.set_yticks(y, ticks)
        ax.set_ylim(len(g) - 0.5, -0.5)
        ax.set_xlim(left=0)
        ax.xaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
    _legend_below(
        fig,
        [
            Line2D([], [], color=STABLE_COLOUR, marker="o", linestyle="", label="stability ≥ 0.75"),
            Line2D([], [], color=UNSTABLE_COLOUR, marker="o", linestyle="", label="less stable"),
        ],
        ncol=2,
        title="(stability) = share of resamples with the same verdict: changed more or less "
        "than the median word",
    )
    return fig
