"""Figures for semantic drift: collocate panels, the neighbour-overlap chain, word shifts.

The same conventions as :mod:`ordskifte.tables.figures`, whose helpers and colours are reused: every
function is pure and returns a :class:`matplotlib.figure.Figure` (A4 text width, no font
below 8 pt, the Okabe & Ito palette with each period in the colour of its position in
``period_order``, the title as suptitle, a "no data" note for empty input); write it with
:func:`ordskifte.style.save_figure`. Results resting on thin data (fewer hits than the
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

from ordskifte.corpus import period_labels
from ordskifte.io import as_bool, read_tsv
from ordskifte.style import (
    CONCEPT_COLOURS,
    CONCEPT_MARKERS,
    G2_LABEL,
    PANEL_PT,
    as_floats,
    ci_text,
    diverging_axes,
    draw_intervals,
    empty_figure,
    is_empty,
    legend_below,
    new_figure,
    no_data,
    panel_title_width,
    period_colours,
    period_label,
    require_columns,
    save_figure,
    style_axes,
    top_rows,
    wrap_text,
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
    fig, axes = new_figure(title, height=nrows * row_height, nrows=nrows, ncols=ncols)
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
    distinct = data[["period_a", "period_b"]].drop_duplicates()
    pairs = set(zip(distinct["period_a"], distinct["period_b"], strict=True))
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
        A collocate table (:func:`ordskifte.semantic.collocates.collocate_table`); columns
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
    if is_empty(table):
        return empty_figure(title, xlabel=G2_LABEL)
    require_columns(table, COLLOCATE_PLOT_COLUMNS, what="collocate table")
    data = table.assign(
        period=table["period"].astype(str),
        collocate=table["collocate"].astype(str),
        g2=as_floats(table["g2"]),
        thin=as_bool(table["thin"], what="column thin"),
    )
    tops = {
        p: g.sort_values(["g2", "collocate"], ascending=[False, True], kind="mergesort").head(n)
        for p, g in data.groupby("period", sort=False)
    }
    fig, axes = _panels(title, len(period_order), row_height=max(3.0, 0.17 * n + 1.4))
    width = panel_title_width(len(axes))
    for ax, period in zip(axes, period_order, strict=True):
        style_axes(ax)
        ax.set_xlabel(G2_LABEL)
        top = tops.get(period)
        if top is None or not len(top):
            ax.set_title(wrap_text(period_label(labels, period), width), fontsize=PANEL_PT)
            no_data(ax)
            continue
        hits = int(top["target_freq"].iloc[0])
        note = f"{hits} hits" + (f", {THIN_NOTE}" if bool(top["thin"].iloc[0]) else "")
        ax.set_title(
            wrap_text(f"{period_label(labels, period)} ({note})", width), fontsize=PANEL_PT
        )
        others = set().union(*(set(t["collocate"]) for p, t in tops.items() if p != period))
        colours = [SHARED_COLOUR if c in others else OWN_COLOUR for c in top["collocate"]]
        y = np.arange(len(top))
        ax.barh(y, top["g2"].to_numpy(float), height=0.72, color=colours, zorder=2)
        ax.set_yticks(y, top["collocate"].tolist())
        ax.set_ylim(len(top) - 0.5, -0.5)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.xaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
    legend_below(
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
        :func:`ordskifte.semantic.collocates.neighbour_overlap` rows of every name; columns
        :data:`OVERLAP_PLOT_COLUMNS` are drawn.

    Returns
    -------
    Figure
        The consecutive pairs along x (``a → b``), overlap 0–1 on y with bootstrap
        intervals; points of pairs on thin data are hollow.
    """
    title = "Neighbour overlap: shared top collocates between consecutive periods"
    ylabel = "Jaccard overlap of top-k collocates"
    if is_empty(table):
        return empty_figure(title, ylabel=ylabel)
    require_columns(table, OVERLAP_PLOT_COLUMNS, what="neighbour overlap table")
    data, pairs = _pair_rows(table, period_order)
    data = data.assign(
        name=data["name"].astype(str), thin=as_bool(data["thin"], what="column thin")
    )
    x_of = {pair: i for i, pair in enumerate(pairs)}
    names = sorted(set(data["name"]))
    fig, axes = new_figure(title, height=3.8)
    ax = axes[0, 0]
    style_axes(ax)
    offsets = np.linspace(-0.12, 0.12, len(names)) if len(names) > 1 else [0.0]
    handles = []
    for i, (name, offset) in enumerate(zip(names, offsets, strict=True)):
        g = data[data["name"] == name]
        x = np.array([x_of[(a, b)] for a, b in zip(g["period_a"], g["period_b"], strict=True)])
        x = x + offset
        y = as_floats(g["jaccard"])
        colour = CONCEPT_COLOURS[i % len(CONCEPT_COLOURS)]
        marker = CONCEPT_MARKERS[i % len(CONCEPT_MARKERS)]
        ax.plot(x, y, color=colour, linewidth=1.2, zorder=2)
        draw_intervals(ax, x, as_floats(g["ci_low"]), as_floats(g["ci_high"]))
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
        [wrap_text(f"{period_label(labels, a)} → {period_label(labels, b)}", 30) for a, b in pairs],
    )
    ax.set_xlim(-0.5, len(pairs) - 0.5)
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel(f"{ylabel}\n({ci_text(confidence)})")
    ax.yaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    legend_below(fig, handles, ncol=min(len(handles), 5))
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
        :func:`ordskifte.tables.concepts.word_shifts` rows; columns
        :data:`SHIFT_PLOT_COLUMNS` drawn.

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
    if is_empty(table):
        return empty_figure(title, xlabel=xlabel)
    require_columns(table, SHIFT_PLOT_COLUMNS, what="word shift table")
    data, pairs = _pair_rows(table, period_order)
    data = data.assign(term=data["term"].astype(str), signed=as_floats(data["signed_contribution"]))
    colours = period_colours(period_order)
    fig, axes = _panels(title, len(pairs), row_height=max(3.2, 0.15 * n + 1.6))
    width = panel_title_width(len(axes))
    for ax, (a, b) in zip(axes, pairs, strict=True):
        style_axes(ax)
        ax.set_xlabel(wrap_text(xlabel, 34), fontsize=8)
        ax.set_title(
            wrap_text(f"{period_label(labels, a)} → {period_label(labels, b)}", width),
            fontsize=PANEL_PT,
        )
        g = data[(data["period_a"] == a) & (data["period_b"] == b)]
        g = g.assign(size=g["signed"].abs())
        g = g.sort_values(["size", "term"], ascending=[False, True], kind="mergesort").head(n)
        if not len(g):
            no_data(ax)
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
        diverging_axes(ax, values, g["term"].tolist(), nbins=4)
    legend_below(
        fig,
        [Patch(facecolor=colours[p], label=period_label(labels, p)) for p in period_order],
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
        :func:`ordskifte.semantic.vectors.semantic_change` rows; columns :data:`CHANGE_PLOT_COLUMNS`
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
    xlabel = f"cosine change (1 − cos), {ci_text(confidence)}"
    if is_empty(table):
        return empty_figure(title, xlabel=xlabel)
    require_columns(table, CHANGE_PLOT_COLUMNS, what="semantic change table")
    data, pairs = _pair_rows(table, period_order)
    data = data[data["status"].astype(str) == "ranked"].assign(term=lambda d: d["term"].astype(str))
    if not pairs:
        return empty_figure(title, xlabel=xlabel)
    fig, axes = _panels(title, len(pairs), row_height=max(3.2, 0.16 * n + 1.6))
    width = panel_title_width(len(axes))
    for ax, (a, b) in zip(axes, pairs, strict=True):
        style_axes(ax)
        ax.set_xlabel(wrap_text(xlabel, 34), fontsize=8)
        ax.set_title(
            wrap_text(f"{period_label(labels, a)} → {period_label(labels, b)}", width),
            fontsize=PANEL_PT,
        )
        g = data[(data["period_a"] == a) & (data["period_b"] == b)]
        g = g.assign(change=as_floats(g["cosine_change"]), stab=as_floats(g["stability"]))
        g = top_rows(g, n, value="change", key="term")
        if not len(g):
            no_data(ax)
            continue
        y = np.arange(len(g))
        stable = ~(g["stab"].to_numpy() < STABLE)  # NaN (no resamples) counts as stable
        colour = np.where(stable, STABLE_COLOUR, UNSTABLE_COLOUR)
        low, high = as_floats(g["ci_low"]), as_floats(g["ci_high"])
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
    legend_below(
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


# ------------------------------------------------------------------ figure steps
# Functions of file paths that the figure rules' scripts call: read the tables, draw, save.
# ------------------------------------------------------------------ semantic drift
def _figure(
    draw: str,
    table: str,
    *,
    text_columns: Sequence[str],
    periods: Sequence[Mapping],
    png: str,
    svg: str,
    **options,
) -> None:
    """Read ``table`` (``text_columns`` as strings), draw it with ``<draw>``
    with the periods' order and labels, and save the figure as PNG and SVG."""

    order, labels = period_labels(periods)
    df = read_tsv(table)
    for col in text_columns:
        if col in df.columns:
            df[col] = df[col].astype(str)
    fig = globals()[draw](df, period_order=order, labels=labels, **options)
    save_figure(fig, png, svg)


def collocates_figure(
    table: str, *, name: str, periods: Sequence[Mapping], n: int, png: str, svg: str
) -> None:
    """Collocate panels of one target or concept."""
    _figure(
        "collocate_panels",
        table,
        text_columns=["period", "collocate"],
        periods=periods,
        png=png,
        svg=svg,
        name=name,
        n=n,
    )


def overlap_figure(
    table: str, *, periods: Sequence[Mapping], confidence: float, png: str, svg: str
) -> None:
    """The neighbour-overlap chain of every target and concept."""
    _figure(
        "overlap_chain",
        table,
        text_columns=["name", "period_a", "period_b"],
        periods=periods,
        png=png,
        svg=svg,
        confidence=confidence,
    )


def word_shift_figure(
    table: str, *, periods: Sequence[Mapping], n: int, png: str, svg: str
) -> None:
    """Word-shift bars of consecutive periods."""
    _figure(
        "word_shift_bars",
        table,
        text_columns=["period_a", "period_b", "term"],
        periods=periods,
        png=png,
        svg=svg,
        n=n,
    )


def semantic_change_figure(
    table: str, *, periods: Sequence[Mapping], n: int, confidence: float, png: str, svg: str
) -> None:
    """Ranking of the most changed frequent words of consecutive periods."""
    _figure(
        "change_ranking",
        table,
        text_columns=["period_a", "period_b", "term", "status"],
        periods=periods,
        png=png,
        svg=svg,
        n=n,
        confidence=confidence,
    )


def semantic_drift_figures(
    collocates: Sequence[str],
    overlap: str,
    word_shift: str,
    semantic_change: str,
    *,
    names: Sequence[str],
    periods: Sequence[Mapping],
    collocate_terms: int,
    shift_terms: int,
    change_terms: int,
    confidence: float,
    collocates_out: Sequence[tuple[str, str]],
    overlap_out: tuple[str, str],
    word_shift_out: tuple[str, str],
    semantic_change_out: tuple[str, str],
) -> None:
    """Every semantic-drift figure in one process: the collocate panels of each name (tables,
    names and ``(png, svg)`` pairs in the same order), the neighbour-overlap chain, the word
    shifts and the semantic-change ranking."""
    for table, name, (png, svg) in zip(collocates, names, collocates_out, strict=True):
        collocates_figure(table, name=name, periods=periods, n=collocate_terms, png=png, svg=svg)
    overlap_figure(
        overlap, periods=periods, confidence=confidence, png=overlap_out[0], svg=overlap_out[1]
    )
    word_shift_figure(
        word_shift, periods=periods, n=shift_terms, png=word_shift_out[0], svg=word_shift_out[1]
    )
    semantic_change_figure(
        semantic_change,
        periods=periods,
        n=change_terms,
        confidence=confidence,
        png=semantic_change_out[0],
        svg=semantic_change_out[1],
    )
