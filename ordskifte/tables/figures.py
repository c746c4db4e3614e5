"""Figures of the corpus tables: concept rates by period and by year, top terms, keyness,
and the Jensen–Shannon divergence between periods.

Pure functions in the shared style (:mod:`ordskifte.style`): tidy tables in, a
:class:`matplotlib.figure.Figure` out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from ordskifte.corpus import period_labels
from ordskifte.io import read_tsv
from ordskifte.style import (
    ANNOT_PT,
    CONCEPT_COLOURS,
    CONCEPT_MARKERS,
    DIRECTION_COLOURS,
    G2_LABEL,
    HEATMAP_CMAP,
    JSD_LABEL,
    LABEL_PT,
    LEGEND_PT,
    PANEL_PT,
    PERIOD_COLOURS,
    RATE_LABEL,
    TICK_PT,
    as_floats,
    check_known,
    check_order,
    check_unique,
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
    period_handles,
    period_label,
    require_columns,
    resolve_order,
    save_figure,
    style_axes,
    top_rows,
    wrap_text,
)

matplotlib.use("Agg")


# Columns each figure reads; the tables may carry more (see each function's docstring).
CONCEPT_PERIOD_COLUMNS = ("concept", "period", "per_10k", "ci_low", "ci_high")


CONCEPT_YEAR_COLUMNS = ("concept", "year", "per_10k", "ci_low", "ci_high")


TERM_COLUMNS = ("period", "term", "per_10k")


KEYNESS_PLOT_COLUMNS = ("term", "g2", "direction")


JSD_COLUMNS = ("period_a", "period_b", "jsd")


# --------------------------------------------------------------------------------------------
# Small helpers
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
    title = f"Concept rates by period ({ci_text(confidence)})"
    period_order = check_order(period_order, name="period_order")
    if is_empty(df):
        return empty_figure(title, xlabel="Concept", ylabel=RATE_LABEL)
    require_columns(df, CONCEPT_PERIOD_COLUMNS, what="concept rates by period")
    check_known(df["period"], period_order, column="period", name="period_order")
    check_unique(df, ["concept", "period"], what="concept rates by period")
    concepts = resolve_order(df["concept"], concept_order, name="concept_order")

    fig, axes = new_figure(title, height=4.4)
    ax = axes[0, 0]
    colours = period_colours(period_order)
    centres = np.arange(len(concepts), dtype=float)
    slot = 0.8 / len(period_order)
    data = df.assign(concept=df["concept"].astype(str), period=df["period"].astype(str))
    for i, period in enumerate(period_order):
        rows = data[data["period"] == period].set_index("concept").reindex(concepts)
        x = centres - 0.4 + slot * (i + 0.5)
        height = as_floats(rows["per_10k"])
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
        draw_intervals(ax, x, as_floats(rows["ci_low"]), as_floats(rows["ci_high"]))
        for xi in x[drawn & (height == 0)]:  # a zero is a result: show it, unlike missing data
            ax.text(xi, 0, "0", ha="center", va="bottom", fontsize=TICK_PT, color="0.35")

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
    style_axes(ax)
    legend_below(fig, period_handles(period_order, labels), ncol=min(len(period_order), 3))
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
    title = f"Concept rates by year ({ci_text(confidence)})"
    spans = [(str(label), int(first), int(last)) for label, first, last in period_spans or []]
    bad = [s for s in spans if s[2] < s[1]]
    if bad:
        raise ValueError(f"period_spans: last year before first year in {bad}")
    if is_empty(df):
        return empty_figure(title, xlabel="Year", ylabel=RATE_LABEL)
    require_columns(df, CONCEPT_YEAR_COLUMNS, what="concept rates by year")
    years = as_floats(df["year"])
    if not np.isfinite(years).all() or not (years == np.floor(years)).all():
        raise ValueError("concept rates by year: column 'year' must hold whole numbers")
    check_unique(df, ["concept", "year"], what="concept rates by year")
    concepts = resolve_order(df["concept"], concept_order, name="concept_order")

    fig, axes = new_figure(title, height=4.4)
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
            as_floats(rows["ci_low"]),
            as_floats(rows["ci_high"]),
            color=colour,
            alpha=0.18,
            linewidth=0,
            zorder=2,
        )
        ax.plot(
            x,
            as_floats(rows["per_10k"]),
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
    style_axes(ax)
    # Concept names are short and few: a legend inside the axes. Period labels are long: below.
    ax.legend(
        handles=concept_handles,
        loc="best",
        fontsize=LEGEND_PT,
        title="Concept",
        title_fontsize=LEGEND_PT,
        framealpha=0.9,
    )
    if period_handles:
        legend_below(fig, period_handles, ncol=min(len(period_handles), 3))
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
    period_order = check_order(period_order, name="period_order")
    if is_empty(df):
        return empty_figure(title, xlabel=RATE_LABEL)
    require_columns(df, TERM_COLUMNS, what="top terms")
    check_known(df["period"], period_order, column="period", name="period_order")

    data = df.assign(
        period=df["period"].astype(str),
        term=df["term"].astype(str),
        per_10k=as_floats(df["per_10k"]),
    )
    data = data[np.isfinite(data["per_10k"])]
    fig, axes = new_figure(
        title, height=max(2.8, 0.24 * n + 1.6), ncols=len(period_order), sharex=True
    )
    colours = period_colours(period_order)
    title_width = panel_title_width(len(period_order))
    for ax, period in zip(axes[0], period_order, strict=True):
        ax.set_title(wrap_text(period_label(labels, period), title_width), fontsize=PANEL_PT)
        ax.set_xlabel("per 10,000 tokens")
        rows = (
            data[data["period"] == period]
            .sort_values(["per_10k", "term"], ascending=[False, True], kind="mergesort")
            .head(n)
        )
        if rows.empty:
            # Only the y ticks are cleared: the x axis is shared with the other panels.
            no_data(ax, clear_ticks=False)
            ax.set_yticks([])
        else:
            y = np.arange(len(rows))
            ax.barh(y, rows["per_10k"], height=0.72, color=colours[period], zorder=2)
            ax.set_yticks(y, rows["term"].tolist())
        ax.set_ylim(n - 0.5, -0.5)
        ax.xaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
        style_axes(ax)
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
        return empty_figure(title, xlabel=xlabel)

    ncols = min(len(tables), 3)
    nrows = -(-len(tables) // ncols)
    fig, axes = new_figure(
        title, height=nrows * max(2.8, 0.14 * 2 * n + 1.4), nrows=nrows, ncols=ncols
    )
    for ax in axes.flat[len(tables) :]:
        ax.set_visible(False)
    title_width = panel_title_width(ncols)
    for ax, (key, table) in zip(axes.flat, tables.items(), strict=False):
        # Right-aligned: a long title then runs over the term labels, not off the figure.
        ax.set_title(wrap_text(titles.get(key, key), title_width), fontsize=PANEL_PT, loc="right")
        ax.set_xlabel(xlabel)
        style_axes(ax)
        if is_empty(table):
            no_data(ax)
            continue
        require_columns(table, KEYNESS_PLOT_COLUMNS, what=f"keyness table {key!r}")
        data = table.assign(term=table["term"].astype(str), g2=as_floats(table["g2"]))
        data = data[np.isfinite(data["g2"])]
        side = {
            direction: top_rows(data[data["direction"] == direction], n, value="g2", key="term")
            for direction in ("target", "reference")
        }
        reference = side["reference"].iloc[::-1]  # largest at the bottom
        terms = side["target"]["term"].tolist() + reference["term"].tolist()
        if not terms:
            no_data(ax)
            continue
        values = np.concatenate(
            [side["target"]["g2"].to_numpy(float), -reference["g2"].to_numpy(float)]
        )
        colours = [DIRECTION_COLOURS["target"]] * len(side["target"]) + [
            DIRECTION_COLOURS["reference"]
        ] * len(reference)
        y = np.arange(len(terms))
        ax.barh(y, values, height=0.72, color=colours, zorder=2)
        diverging_axes(ax, values, terms, nbins=5)

    legend_below(
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
    period_order = check_order(period_order, name="period_order")
    if is_empty(df):
        return empty_figure(title, xlabel="Period", ylabel="Period")
    require_columns(df, JSD_COLUMNS, what="JSD table")
    for column in ("period_a", "period_b"):
        check_known(df[column], period_order, column=column, name="period_order")

    index = {p: i for i, p in enumerate(period_order)}
    k = len(period_order)
    matrix = np.full((k, k), np.nan)
    np.fill_diagonal(matrix, 0.0)
    for a, b, value in zip(
        df["period_a"].astype(str), df["period_b"].astype(str), as_floats(df["jsd"]), strict=True
    ):
        if a == b:
            raise ValueError(f"JSD table: row compares period {a!r} with itself")
        i, j = index[a], index[b]
        if np.isfinite(matrix[i, j]) and not np.isclose(matrix[i, j], value):
            raise ValueError(f"JSD table: pair ({a!r}, {b!r}) occurs twice with different values")
        matrix[i, j] = matrix[j, i] = value

    fig, axes = new_figure(title, height=max(4.0, 0.9 * k + 2.2))
    ax = axes[0, 0]
    # JSD in bits lies in [0, 1]: a fixed scale keeps colours comparable between runs.
    vmax = max(1.0, float(np.nanmax(matrix)))
    import seaborn as sns  # imported here: only this figure needs it (~1 s import)

    cmap = matplotlib.colormaps[HEATMAP_CMAP].with_extremes(bad="0.9")
    annotations = np.char.mod("%.3f", np.nan_to_num(matrix))
    sns.heatmap(
        np.ma.masked_invalid(matrix),
        ax=ax,
        cmap=cmap,
        vmin=0.0,
        vmax=vmax,
        annot=annotations,
        fmt="",
        annot_kws={"fontsize": ANNOT_PT},
        square=True,
        linewidths=0.5,
        cbar_kws={"label": JSD_LABEL, "shrink": 0.85},
    )
    for i, j in zip(*np.nonzero(~np.isfinite(matrix)), strict=True):  # seaborn skips masked cells
        ax.text(j + 0.5, i + 0.5, "n/a", ha="center", va="center", fontsize=ANNOT_PT, color="0.3")
    colourbar = ax.collections[0].colorbar
    colourbar.ax.yaxis.label.set_fontsize(LABEL_PT)
    colourbar.ax.tick_params(labelsize=TICK_PT)

    tick_labels = [wrap_text(period_label(labels, p), 18) for p in period_order]
    ax.set_xticks(np.arange(k) + 0.5, tick_labels, rotation=0)
    ax.set_yticks(np.arange(k) + 0.5, tick_labels, rotation=0)
    ax.set_xlabel("Period")
    ax.set_ylabel("Period")
    ax.tick_params(length=0)
    style_axes(ax)
    ax.spines[:].set_visible(False)
    return fig


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


# ------------------------------------------------------------------ figure steps
# Functions of file paths that the figure rules' scripts call: read the tables, draw, save.
def concepts_by_period_figure(
    table: str,
    *,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    confidence: float,
    png: str,
    svg: str,
):
    order, labels = period_labels(periods)
    df = read_tsv(table)
    df["period"] = df["period"].astype(str)
    fig = concept_rates_by_period(
        df, period_order=order, labels=labels, concept_order=concepts, confidence=confidence
    )
    save_figure(fig, png, svg)


def concepts_by_year_figure(
    table: str,
    *,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    confidence: float,
    png: str,
    svg: str,
):
    spans = [(p.get("label") or p["name"], p["first_year"], p["last_year"]) for p in periods]
    fig = concept_rates_by_year(
        read_tsv(table), period_spans=spans, concept_order=concepts, confidence=confidence
    )
    save_figure(fig, png, svg)


def top_terms_figure(table: str, *, periods: Sequence[Mapping], n: int, png: str, svg: str):

    order, labels = period_labels(periods)
    df = read_tsv(table)
    df["period"] = df["period"].astype(str)
    df["term"] = df["term"].astype(str)
    save_figure(top_terms(df, n=n, period_order=order, labels=labels), png, svg)


def keyness_figure(
    tables: Sequence[str],
    *,
    names: Sequence[str],
    titles: Mapping[str, str],
    n: int,
    png: str,
    svg: str,
):
    frames = {}
    for name, path in zip(names, tables, strict=True):
        df = read_tsv(path)
        df["term"] = df["term"].astype(str)
        frames[name] = df
    save_figure(keyness(frames, n=n, titles=dict(titles)), png, svg)


def jsd_figure(table: str, *, periods: Sequence[Mapping], png: str, svg: str):
    order, labels = period_labels(periods)
    df = read_tsv(table)
    for col in ("period_a", "period_b"):
        df[col] = df[col].astype(str)
    save_figure(jsd_heatmap(df, period_order=order, labels=labels), png, svg)


def concept_figures(
    by_period: str,
    by_year: str,
    *,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    confidence: float,
    by_period_out: tuple[str, str],
    by_year_out: tuple[str, str],
) -> None:
    """Both concept-rate figures in one process (pandas and matplotlib are imported once):
    rates per period and per year, each saved to its ``(png, svg)`` pair."""
    options = {"periods": periods, "concepts": concepts, "confidence": confidence}
    concepts_by_period_figure(by_period, **options, png=by_period_out[0], svg=by_period_out[1])
    concepts_by_year_figure(by_year, **options, png=by_year_out[0], svg=by_year_out[1])


def frequency_figures(
    top_terms: str,
    keyness: Sequence[str],
    jsd: str,
    *,
    periods: Sequence[Mapping],
    top_n: int,
    keyness_names: Sequence[str],
    keyness_titles: Mapping[str, str],
    keyness_n: int,
    top_terms_out: tuple[str, str],
    keyness_out: tuple[str, str],
    jsd_out: tuple[str, str],
) -> None:
    """The top-terms, keyness and JSD figures in one process, each saved to its
    ``(png, svg)`` pair."""
    top_terms_figure(
        top_terms, periods=periods, n=top_n, png=top_terms_out[0], svg=top_terms_out[1]
    )
    keyness_figure(
        keyness,
        names=keyness_names,
        titles=keyness_titles,
        n=keyness_n,
        png=keyness_out[0],
        svg=keyness_out[1],
    )
    jsd_figure(jsd, periods=periods, png=jsd_out[0], svg=jsd_out[1])
