"""Figures for the topic models: choice of k, topic terms, prevalence by period, lineages.

The same conventions as the other figures, with the helpers, colours and label constants of
:mod:`ordskifte.style`: every function is pure and returns a
:class:`matplotlib.figure.Figure` (A4 text width, no font below 8 pt, the Okabe & Ito palette
with each period in the colour of its position in ``period_order``, the title as suptitle, a
centred "no data" note for empty input); write it with :func:`ordskifte.style.save_figure`.

Topics marked unstable (see :mod:`ordskifte.topics.model`) carry :data:`UNSTABLE_MARK` after their
number, and each figure that shows the mark explains it.

References
----------
Sugiyama, K., Tagawa, S., & Toda, M. (1981). Methods for visual understanding of hierarchical
system structures. *IEEE Transactions on Systems, Man, and Cybernetics*, 11(2), 109-125.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Mapping, Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, PathPatch
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ordskifte.corpus import period_labels
from ordskifte.io import as_bool, read_tsv
from ordskifte.style import (
    ANNOT_PT,
    CONCEPT_MARKERS,
    HEATMAP_CMAP,
    LABEL_PT,
    NO_DATA,
    PANEL_PT,
    TICK_PT,
    as_floats,
    check_known,
    check_order,
    check_unique,
    ci_text,
    draw_intervals,
    empty_figure,
    is_empty,
    legend_below,
    new_figure,
    panel_title_width,
    period_colours,
    period_handles,
    period_label,
    require_columns,
    save_figure,
    style_axes,
    wrap_text,
)
from ordskifte.topics.alignment import (
    _links,
    _period_chain,
    _topics_by_period,
    classify_links,
    normalise_alignment,
)

__all__ = [
    "BOUND_LABEL",
    "COHERENCE_LABEL",
    "DEGENERATE_MARK",
    "K_MEASURES",
    "NO_DATA",
    "PREVALENCE_LABEL",
    "SIMILARITY_LABEL",
    "UNSTABLE_MARK",
    "coherence_by_k",
    "topic_lineages",
    "prevalence_by_period",
    "topic_term_heatmap",
]

UNSTABLE_MARK = "†"
COHERENCE_LABEL = "UMass coherence (higher = more coherent)"
PREVALENCE_LABEL = "Mean topic proportion"
WEIGHT_LABEL = "Term probability in topic, P(term | topic)"
SIMILARITY_LABEL = "similarity = 1 − Jensen–Shannon distance"

COHERENCE_COLUMNS = ("period", "k", "u_mass", "chosen")
BOUND_LABEL = "Evidence lower bound per token (nats; higher = better)"
#: Title and y label of :func:`coherence_by_k` per measure.
K_MEASURES = {
    "u_mass": ("Topic coherence by number of topics (UMass)", COHERENCE_LABEL),
    "bound": ("Choice of k: evidence lower bound by number of topics", BOUND_LABEL),
}
DEGENERATE_MARK = "∅"
TOPIC_TERM_COLUMNS = ("topic", "rank", "term", "weight")
PREVALENCE_COLUMNS = ("topic", "period", "mean", "ci_low", "ci_high")

_LINK_COLOUR = "0.25"
_LINK_WIDTH = 6.0  # line width in points at similarity 1 (width = _LINK_WIDTH * similarity)
_LINK_ALPHA = 0.85  # opacity at similarity 1 (opacity = _LINK_ALPHA * similarity)
_NODE_WIDTH = 0.62  # in column widths
_NODE_HEIGHT = 0.72  # in row heights


def _topic_ids(values: pd.Series, *, what: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.isna().any() or not (numbers == np.floor(numbers)).all():
        raise ValueError(f"{what}: column 'topic' must hold integer topic ids")
    return numbers.astype("int64")


def _topic_name(topic: int, label: str | None, *, unstable: bool = False) -> str:
    mark = UNSTABLE_MARK if unstable else ""
    return f"{topic}{mark}: {label}" if label else f"Topic {topic}{mark}"


# --------------------------------------------------------------------------------------------
# Choice of k
# --------------------------------------------------------------------------------------------


def coherence_by_k(
    table: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    measure: str = "u_mass",
) -> Figure:
    """UMass coherence (or another ``measure``) of each candidate number of topics, one line
    per period.

    Parameters
    ----------
    table : DataFrame
        Columns ``period, k, chosen`` and the ``measure``: one row per (period, k) tried;
        ``chosen`` is True for the k used (at most one per period; bools or
        ``"True"``/``"False"``).
    period_order : sequence of str
        Period ids in time order: line colours and legend order. A model over all periods can
        be added as an extra "period" at the end (e.g. ``"global"``), so that the periods keep
        their colours.
    labels : mapping of str to str
        Period id -> human label for the legend.
    measure : {"u_mass", "bound"}, default "u_mass"
        The column drawn: u_mass coherence, or the evidence lower bound per token that
        chooses k (:data:`K_MEASURES` gives the title and axis label).

    Returns
    -------
    Figure
        One axes: x = number of topics k (integer ticks), y = the measure, a line with
        markers per period in its colour (and its own marker shape), the chosen k ringed and
        annotated ``k = …``. Empty ``table`` gives a "no data" figure.

    Raises
    ------
    ValueError
        If a column is missing, a period is not in ``period_order``, a (period, k) occurs
        twice, a period has more than one chosen k, or ``chosen`` is not boolean.
    """
    if measure not in K_MEASURES:
        raise ValueError(f"measure must be one of {sorted(K_MEASURES)}, got {measure!r}")
    title, ylabel = K_MEASURES[measure]
    xlabel = "Number of topics k"
    period_order = check_order(period_order, name="period_order")
    if is_empty(table):
        return empty_figure(title, xlabel=xlabel, ylabel=ylabel)
    require_columns(table, ("period", "k", measure, "chosen"), what="coherence table")
    check_known(table["period"], period_order, column="period", name="period_order")
    data = table.assign(
        period=table["period"].astype(str),
        k=as_floats(table["k"]),
        u_mass=as_floats(table[measure]),
        chosen=as_bool(table["chosen"], what="coherence table: column 'chosen'").to_numpy(),
    )
    check_unique(data, ["period", "k"], what="coherence table")
    several = data[data["chosen"]].groupby("period").size()
    if (several > 1).any():
        periods = sorted(several[several > 1].index)
        raise ValueError(f"coherence table: more than one chosen k for period(s) {periods}")

    fig, axes = new_figure(title, height=3.8)
    ax = axes[0, 0]
    colours = period_colours(period_order)
    handles = []
    for i, period in enumerate(period_order):
        rows = data[data["period"] == period].sort_values("k", kind="mergesort")
        marker = CONCEPT_MARKERS[i % len(CONCEPT_MARKERS)]
        handle = Line2D(
            [],
            [],
            color=colours[period],
            marker=marker,
            markersize=5,
            label=period_label(labels, period),
        )
        handles.append(handle)
        if rows.empty:
            continue
        ax.plot(
            rows["k"],
            rows["u_mass"],
            color=colours[period],
            marker=marker,
            markersize=5,
            linewidth=1.5,
            zorder=3,
        )
        for k, value in zip(
            rows.loc[rows["chosen"], "k"], rows.loc[rows["chosen"], "u_mass"], strict=True
        ):
            ax.scatter(
                [k],
                [value],
                s=170,
                facecolors="none",
                edgecolors=colours[period],
                linewidths=2.0,
                zorder=4,
            )
            ax.annotate(
                f"k = {k:g}",
                (k, value),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=ANNOT_PT,
                color="0.15",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.85, "lw": 0},
                zorder=5,
            )
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=10,
            markerfacecolor="none",
            markeredgecolor="0.3",
            markeredgewidth=1.5,
            label="chosen k",
        )
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.15)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.yaxis.grid(True, color="0.9", zorder=0)
    ax.set_axisbelow(True)
    style_axes(ax)
    legend_below(fig, handles, ncol=2)
    return fig


# --------------------------------------------------------------------------------------------
# Topic terms
# --------------------------------------------------------------------------------------------


def topic_term_heatmap(
    topic_terms: pd.DataFrame,
    *,
    n: int = 10,
    title: str,
    unstable: Collection[int] = (),
    degenerate: Collection[int] = (),
) -> Figure:
    """Heatmap of term probabilities: the union of each topic's top ``n`` terms × the topics.

    Parameters
    ----------
    topic_terms : DataFrame
        Columns ``topic, rank, term, weight, exclusivity`` and optionally ``label`` (a topic's
        short label, the same on all its rows); only ``topic, rank, term, weight`` are
        required. One row per (topic, term); it may list more than ``n`` terms per topic.
    n : int, default 10
        Terms taken from each topic (>= 1): the ``n`` of lowest ``rank`` (ties: higher weight,
        then term A-Z).
    title : str
        Figure title (e.g. which model: a period or the global model).
    unstable : collection of int, optional
        Topics to mark with :data:`UNSTABLE_MARK`; a note under the axes explains the mark.
    degenerate : collection of int, optional
        Degenerate topics (flat, or leading no segment), marked with
        :data:`DEGENERATE_MARK`; a note explains the mark.

    Returns
    -------
    Figure
        One axes (seaborn heatmap) with a colour bar in probability from 0: columns are the
        topics in id order (``3†: label``), rows the terms, grouped by the topic in which they
        weigh most and, within a group, by that weight, so the top terms form a diagonal of
        blocks. A cell whose term is not listed for that topic in ``topic_terms`` is grey; a
        note says so. The height grows with the number of terms. Empty ``topic_terms`` gives a
        "no data" figure.

    Raises
    ------
    ValueError
        If ``n < 1``, a column is missing, a (topic, term) occurs twice, a topic id is not an
        integer, or ``unstable`` names a topic that is not in the table.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if is_empty(topic_terms):
        return empty_figure(title, xlabel="Topic", ylabel="Term")
    require_columns(topic_terms, TOPIC_TERM_COLUMNS, what="topic terms")
    data = topic_terms.assign(
        topic=_topic_ids(topic_terms["topic"], what="topic terms"),
        term=topic_terms["term"].astype(str),
        rank=as_floats(topic_terms["rank"]),
        weight=as_floats(topic_terms["weight"]),
    )
    check_unique(data, ["topic", "term"], what="topic terms")
    topics = sorted(data["topic"].unique().tolist())
    unstable = {int(t) for t in unstable}
    unknown = sorted(unstable - set(topics))
    if unknown:
        raise ValueError(f"unstable topic(s) {unknown} are not in the topic terms {topics}")
    degenerate = {int(t) for t in degenerate}
    unknown = sorted(degenerate - set(topics))
    if unknown:
        raise ValueError(f"degenerate topic(s) {unknown} are not in the topic terms {topics}")

    top = (
        data.sort_values(
            ["topic", "rank", "weight", "term"],
            ascending=[True, True, False, True],
            kind="mergesort",
        )
        .groupby("topic", sort=True)
        .head(n)
    )
    matrix = data.pivot(index="term", columns="topic", values="weight").reindex(
        index=sorted(top["term"].unique()), columns=topics
    )
    # Blocks: each term goes with the topic where it weighs most (ties: lowest topic id).
    filled = matrix.fillna(-np.inf).to_numpy()
    owner = np.array(topics)[filled.argmax(axis=1)]
    weight_in_owner = filled.max(axis=1)
    order = sorted(
        range(len(matrix)),
        key=lambda i: (topics.index(owner[i]), -weight_in_owner[i], matrix.index[i]),
    )
    matrix = matrix.iloc[order]

    labels = {}
    if "label" in data.columns:
        first = data.drop_duplicates("topic").set_index("topic")["label"]
        labels = {t: str(v) for t, v in first.items() if pd.notna(v) and str(v)}
    column_names = [
        _topic_name(t, labels[t], unstable=t in unstable)
        if t in labels
        else f"{t}{UNSTABLE_MARK if t in unstable else ''}"
        for t in topics
    ]
    column_names = [
        f"{DEGENERATE_MARK} {name}" if t in degenerate else name
        for t, name in zip(topics, column_names, strict=True)
    ]

    n_terms = len(matrix)
    label_room = 1.2 if labels else 0.4
    fig, axes = new_figure(title, height=max(3.6, 0.17 * n_terms + 1.6 + label_room))
    ax = axes[0, 0]
    import seaborn as sns  # imported here: only this figure needs it (~1 s import)

    values = matrix.to_numpy(dtype=float)
    vmax = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    cmap = matplotlib.colormaps[HEATMAP_CMAP].with_extremes(bad="0.88")
    sns.heatmap(
        np.ma.masked_invalid(values),
        ax=ax,
        cmap=cmap,
        vmin=0.0,
        vmax=vmax or 1.0,
        linewidths=0.4,
        linecolor="white",
        cbar_kws={"label": WEIGHT_LABEL, "shrink": 0.8 if n_terms > 12 else 1.0},
    )
    colourbar = ax.collections[0].colorbar
    colourbar.ax.yaxis.label.set_fontsize(LABEL_PT)
    colourbar.ax.tick_params(labelsize=TICK_PT)

    rotate = bool(labels) or len(topics) > 12
    ax.set_xticks(
        np.arange(len(topics)) + 0.5,
        [wrap_text(name, 28) if labels else name for name in column_names],
        rotation=40 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )
    ax.set_yticks(np.arange(n_terms) + 0.5, matrix.index.tolist(), rotation=0)
    notes = [f"Topic (top {n} terms of each)" if n > 1 else "Topic (top term of each)"]
    if np.isnan(values).any():
        notes.append("grey: term not listed for that topic")
    if unstable:
        notes.append(f"{UNSTABLE_MARK} unstable: recurs poorly when refitted with other seeds")
    if degenerate:
        notes.append(f"{DEGENERATE_MARK} degenerate: flat, or the main topic of no segment")
    ax.set_xlabel("\n".join(notes))
    ax.set_ylabel("Term")
    ax.tick_params(length=0)
    style_axes(ax)
    ax.spines[:].set_visible(False)
    return fig


# --------------------------------------------------------------------------------------------
# Prevalence
# --------------------------------------------------------------------------------------------


def prevalence_by_period(
    df: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    topic_labels: Mapping[int, str] | None = None,
    confidence: float = 0.95,
) -> Figure:
    """Mean proportion of each topic of the global model per period, with bootstrap intervals.

    Parameters
    ----------
    df : DataFrame
        Columns ``topic, period, mean, ci_low, ci_high, n_docs, n_segments``, one row per
        (topic, period); only ``topic, period, mean, ci_low, ci_high`` are required. Proportions
        are in [0, 1]; NaN interval bounds are allowed (no whisker is drawn).
    period_order : sequence of str
        Period ids in time order: left to right in each panel, in the period's colour.
    labels : mapping of str to str
        Period id -> human label for the legend.
    topic_labels : mapping of int to str, optional
        Topic id -> short label for the panel titles (e.g. its top terms, with
        :data:`UNSTABLE_MARK` for unstable topics).
    confidence : float, default 0.95
        Coverage of the intervals in ``df``, for the title only.

    Returns
    -------
    Figure
        Small multiples, one panel per topic (four per row, sharing the y axis in percent so
        panels can be compared): one point per period in its colour with a whisker from
        ``ci_low`` to ``ci_high``; the legend below names the periods. Empty ``df`` gives a
        "no data" figure.

    Raises
    ------
    ValueError
        If a column is missing, a period is not in ``period_order``, a (topic, period) occurs
        twice, a topic id is not an integer, or ``confidence`` is not in (0, 1).
    """
    title = f"Topic prevalence by period (global model; {ci_text(confidence)})"
    period_order = check_order(period_order, name="period_order")
    topic_labels = topic_labels or {}
    if is_empty(df):
        return empty_figure(title, xlabel="Period", ylabel=PREVALENCE_LABEL)
    require_columns(df, PREVALENCE_COLUMNS, what="topic prevalence")
    check_known(df["period"], period_order, column="period", name="period_order")
    data = df.assign(
        topic=_topic_ids(df["topic"], what="topic prevalence"), period=df["period"].astype(str)
    )
    check_unique(data, ["topic", "period"], what="topic prevalence")
    topics = sorted(data["topic"].unique().tolist())

    ncols = min(len(topics), 4)
    nrows = math.ceil(len(topics) / ncols)
    fig, axes = new_figure(
        title, height=1.9 * nrows + 1.2, nrows=nrows, ncols=ncols, sharey=True, sharex=True
    )
    for ax in axes.flat[len(topics) :]:
        ax.set_visible(False)
    colours = period_colours(period_order)
    x_of = {p: i for i, p in enumerate(period_order)}
    title_width = panel_title_width(ncols)
    top = 0.0
    for ax, topic in zip(axes.flat, topics, strict=False):
        rows = data[data["topic"] == topic].copy()
        rows["x"] = rows["period"].map(x_of).astype(float)
        rows = rows.sort_values("x", kind="mergesort")
        x = rows["x"].to_numpy()
        mean = as_floats(rows["mean"])
        high = as_floats(rows["ci_high"])
        ax.set_title(
            wrap_text(_topic_name(topic, topic_labels.get(topic)), title_width), fontsize=PANEL_PT
        )
        draw_intervals(ax, x, as_floats(rows["ci_low"]), high)
        drawn = np.isfinite(mean)
        ax.scatter(
            x[drawn],
            mean[drawn],
            c=[colours[p] for p in rows["period"][drawn]],
            s=36,
            edgecolors="0.15",
            linewidths=0.6,
            zorder=4,
        )
        top = max(top, np.nanmax(np.concatenate([mean, high, [0.0]])))
        ax.set_xticks(range(len(period_order)), [""] * len(period_order))
        ax.yaxis.grid(True, color="0.9", zorder=0)
        ax.set_axisbelow(True)
        style_axes(ax)
    first = axes[0, 0]
    first.set_xlim(-0.6, len(period_order) - 0.4)
    first.set_ylim(0, top * 1.08 if top > 0 else 1.0)
    first.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    first.yaxis.set_major_locator(MaxNLocator(nbins=4))
    fig.supylabel(f"{PREVALENCE_LABEL} (%)", fontsize=LABEL_PT)
    legend_below(fig, period_handles(period_order, labels), ncol=min(len(period_order), 3))
    return fig


# --------------------------------------------------------------------------------------------
# Lineages
# --------------------------------------------------------------------------------------------


def _order_by_neighbours(
    topics: Sequence[int],
    neighbours: pd.DataFrame,
    *,
    own: str,
    other: str,
    other_rows: Mapping[int, float],
    previous_rows: Mapping[int, float],
) -> list[int]:
    """``topics`` by the mean row of their linked topics in the neighbouring column (weighted
    by similarity); topics without a link go to the bottom, in their previous order."""
    keys = []
    for topic in topics:
        parts = neighbours[neighbours[own] == topic]
        if parts.empty:
            keys.append((1, previous_rows.get(topic, topic), topic))
            continue
        where = np.array([other_rows[int(t)] for t in parts[other]])
        weight = parts["similarity"].to_numpy(dtype=float)
        keys.append((0, float(np.average(where, weights=weight)), topic))
    return [key[2] for key in sorted(keys)]


def _node_positions(
    chain: Sequence[str], topics: Mapping[str, list[int]], links: pd.DataFrame
) -> dict[tuple[str, int], float]:
    """Row of each node, so that links cross little: the barycentre heuristic of Sugiyama,
    Tagawa & Toda (1981) in three sweeps (forward, backward, forward). The first forward sweep
    starts from the first period in topic order; topics that emerge (forward) or fade
    (backward) go to the bottom of their column."""
    rows: dict[str, dict[int, float]] = {p: {} for p in chain}

    def place(period: str, ordered: list[int]) -> None:
        rows[period] = {topic: float(row) for row, topic in enumerate(ordered)}

    if not chain:
        return {}
    place(chain[0], list(topics[chain[0]]))
    sweeps = [
        (range(1, len(chain)), -1, "topic_b", "topic_a", "period_b"),
        (range(len(chain) - 2, -1, -1), 1, "topic_a", "topic_b", "period_a"),
        (range(1, len(chain)), -1, "topic_b", "topic_a", "period_b"),
    ]
    for columns, step, own, other, own_period in sweeps:
        for i in columns:
            period = chain[i]
            place(
                period,
                _order_by_neighbours(
                    topics[period],
                    links[links[own_period] == period],
                    own=own,
                    other=other,
                    other_rows=rows[chain[i + step]],
                    previous_rows=rows[period],
                ),
            )
    return {(p, t): row for p in chain for t, row in rows[p].items()}


def _link_path(x0: float, y0: float, x1: float, y1: float) -> Path:
    middle = (x0 + x1) / 2
    return Path(
        [(x0, y0), (middle, y0), (middle, y1), (x1, y1)],
        [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4],
    )


def _clip_lines(text: str, *, width: int, lines: int) -> str:
    wrapped = wrap_text(text, width).split("\n")
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(wrapped)


def topic_lineages(
    alignment: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    topic_labels: Mapping[str, Mapping[int, str]] | None = None,
    threshold: float = 0.5,
) -> Figure:
    """Topic lineages: periods as columns, topics as boxes, links between aligned topics.

    Parameters
    ----------
    alignment : DataFrame
        A table from :func:`ordskifte.topics.alignment.align_periods` (or read back from its TSV):
        columns ``period_a, topic_a, period_b, topic_b, similarity, matched``. Its topic
        inventory decides which boxes are drawn.
    period_order : sequence of str
        Period ids in time order: the columns, left to right. The table's period pairs must be
        consecutive in it.
    labels : mapping of str to str
        Period id -> human label for the column headings.
    topic_labels : mapping of str to mapping of int to str, optional
        Period id -> topic id -> short label written in the box (e.g. the top terms);
        otherwise the box says "Topic 3".
    threshold : float, default 0.5
        Smallest similarity of a link; use the value given to ``align_periods``.

    Returns
    -------
    Figure
        One axes. Boxes are filled in the period's colour; links with similarity >=
        ``threshold`` are drawn as curves whose width and opacity are proportional to the
        similarity, solid for pairs of the optimal one-to-one matching and dashed for further
        links (splits and merges). Matched pairs below the threshold are not drawn (they are
        in the table). A topic with no link to the next period is marked "fades", one with no
        link from the previous period "emerges". Within a column, topics are ordered near the
        topics they come from, emerging topics last. Empty ``alignment`` gives a "no data"
        figure.

    Raises
    ------
    ValueError
        If a column is missing, a period is not in ``period_order``, the pairs are not
        consecutive in it, or ``threshold`` is outside [0, 1].
    """
    period_order = check_order(period_order, name="period_order")
    title = f"Topic lineages across periods (links: similarity ≥ {threshold:g})"
    if is_empty(alignment):
        return empty_figure(title, xlabel="Period")
    table = normalise_alignment(alignment)
    chain = _period_chain(table, period_order)
    topics = _topics_by_period(table, chain)
    status = classify_links(table, threshold=threshold, order=period_order)
    links = _links(table, threshold)
    topic_labels = topic_labels or {}
    rows = _node_positions(chain, topics, links)
    column = {p: i for i, p in enumerate(chain)}
    n_rows = max([len(t) for t in topics.values()] + [1])

    fig, axes = new_figure(title, height=max(3.4, 0.72 * n_rows + 2.0))
    ax = axes[0, 0]
    colours = period_colours(period_order)
    n_columns = len(chain)
    # Characters per line in a box: box width in inches over the width of an 8 pt character.
    chars = max(10, int(_NODE_WIDTH * 6.4 / n_columns / 0.066))

    links = links.sort_values("similarity", kind="mergesort")  # strongest drawn last, on top
    for link in links.itertuples(index=False):
        x0 = column[link.period_a] + _NODE_WIDTH / 2
        x1 = column[link.period_b] - _NODE_WIDTH / 2
        y0 = -rows[(link.period_a, link.topic_a)]
        y1 = -rows[(link.period_b, link.topic_b)]
        similarity = float(link.similarity)
        ax.add_patch(
            PathPatch(
                _link_path(x0, y0, x1, y1),
                facecolor="none",
                edgecolor=_LINK_COLOUR,
                linewidth=_LINK_WIDTH * similarity,
                alpha=_LINK_ALPHA * similarity,
                linestyle="-" if link.matched else (0, (3, 1.5)),
                capstyle="butt",
                zorder=2,
            )
        )

    for record in status.itertuples(index=False):
        period, topic = record.period, int(record.topic)
        x, y = column[period], -rows[(period, topic)]
        ax.add_patch(
            FancyBboxPatch(
                (x - _NODE_WIDTH / 2, y - _NODE_HEIGHT / 2),
                _NODE_WIDTH,
                _NODE_HEIGHT,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor=matplotlib.colors.to_rgba(colours[period], 0.28),
                edgecolor=colours[period],
                linewidth=1.2,
                zorder=3,
            )
        )
        label = topic_labels.get(period, {}).get(topic)
        ax.text(
            x,
            y,
            _clip_lines(_topic_name(topic, label), width=chars, lines=3),
            ha="center",
            va="center",
            fontsize=TICK_PT,
            zorder=4,
        )
        note = {"fades": record.to_next, "emerges": record.from_previous}
        if note["emerges"] == "emerges":
            ax.text(
                x - _NODE_WIDTH / 2 - 0.02,
                y - 0.04,  # below the middle, "fades" above: both fit in one gap
                "emerges",
                ha="right",
                va="top",
                fontsize=TICK_PT,
                style="italic",
                color="0.3",
                zorder=4,
            )
        if note["fades"] == "fades":
            ax.text(
                x + _NODE_WIDTH / 2 + 0.02,
                y + 0.04,
                "fades",
                ha="left",
                va="bottom",
                fontsize=TICK_PT,
                style="italic",
                color="0.3",
                zorder=4,
            )

    ax.set_xlim(-0.5, n_columns - 0.5)
    ax.set_ylim(-(n_rows - 1) - 0.6, 0.6)
    ax.set_xticks(range(n_columns), [wrap_text(period_label(labels, p), 24) for p in chain])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    style_axes(ax)
    ax.tick_params(axis="x", length=0, labelsize=LABEL_PT)
    ax.spines[:].set_visible(False)
    ax.set_xlabel(f"Link width and opacity ∝ {SIMILARITY_LABEL}", fontsize=LABEL_PT)
    for empty_period in [p for p in chain if not topics[p]]:
        ax.text(column[empty_period], 0, NO_DATA, ha="center", fontsize=ANNOT_PT, color="0.35")

    def sample(similarity: float, *, matched: bool, text: str) -> Line2D:
        return Line2D(
            [],
            [],
            color=_LINK_COLOUR,
            linewidth=_LINK_WIDTH * similarity,
            alpha=_LINK_ALPHA * similarity,
            linestyle="-" if matched else (0, (3, 1.5)),
            label=text,
        )

    # The two kinds are shown at a middle width, where the dashes stay visible in the legend.
    handles = [
        sample(0.5, matched=True, text="optimal one-to-one match"),
        sample(0.5, matched=False, text="further link (split or merge)"),
    ] + [
        sample(s, matched=True, text=f"similarity {s:g}")
        for s in sorted({threshold, (threshold + 1) / 2, 1.0})
        if s > 0
    ]
    legend_below(fig, handles, ncol=min(len(handles), 3))
    return fig


# ------------------------------------------------------------------ figure steps
# Functions of file paths that the figure rules' scripts call: read the tables, draw, save.
# ------------------------------------------------------------------ figures
def coherence_figure(
    tables: Sequence[str],
    *,
    periods: Sequence[Mapping],
    png: str,
    svg: str,
    measure: str = "u_mass",
):
    order, labels = period_labels(periods)
    frames = [read_tsv(p) for p in tables]
    df = pd.concat([f for f in frames if len(f)], ignore_index=True) if frames else pd.DataFrame()
    if len(df) and measure in df.columns:
        df = df.rename(columns={"model": "period"})
        df["period"] = df["period"].astype(str)
        df = df[df[measure].notna() & (df[measure].astype(str) != "")]
        df = df[["period", "k", measure, "chosen"]]
    elif len(df):
        df = pd.DataFrame()
    labels = {**labels, "global": "Global model (all periods)"}
    fig = coherence_by_k(df, period_order=[*order, "global"], labels=labels, measure=measure)
    save_figure(fig, png, svg)


def topic_terms_figure(topic_terms: str, *, title: str, n: int, png: str, svg: str):
    df = read_tsv(topic_terms)
    unstable, degenerate = set(), set()
    if len(df):
        df["term"] = df["term"].astype(str)
        unstable = set(df.loc[df["unstable"].astype(str) == "True", "topic"])
        if "degenerate" in df.columns:
            degenerate = set(df.loc[df["degenerate"].astype(str) == "True", "topic"])
    fig = topic_term_heatmap(df, n=n, title=title, unstable=unstable, degenerate=degenerate)
    save_figure(fig, png, svg)


def prevalence_figure(
    table: str,
    topic_terms: str,
    *,
    periods: Sequence[Mapping],
    confidence: float,
    png: str,
    svg: str,
):
    order, labels = period_labels(periods)
    df = read_tsv(table)
    if len(df):
        df["period"] = df["period"].astype(str)
    terms = read_tsv(topic_terms)
    topic_labels = dict(zip(terms["topic"], terms["label"], strict=True)) if len(terms) else None
    fig = prevalence_by_period(
        df, period_order=order, labels=labels, topic_labels=topic_labels, confidence=confidence
    )
    save_figure(fig, png, svg)


def lineage_figure(
    alignment: str,
    topic_terms: Sequence[str],
    *,
    names: Sequence[str],
    periods: Sequence[Mapping],
    threshold: float,
    png: str,
    svg: str,
):
    from ordskifte.topics.alignment import normalise_alignment

    order, labels = period_labels(periods)
    df = normalise_alignment(read_tsv(alignment)) if os.path.getsize(alignment) else None
    topic_labels = {}
    for name, path in zip(names, topic_terms, strict=True):
        terms = read_tsv(path)
        if len(terms):
            topic_labels[name] = dict(zip(terms["topic"], terms["label"], strict=False))
    present = [p for p in order if p in topic_labels]
    fig = topic_lineages(
        df if df is not None else pd.DataFrame(),
        period_order=present or order,
        labels=labels,
        topic_labels=topic_labels,
        threshold=threshold,
    )
    save_figure(fig, png, svg)


def model_figures(
    selections: Sequence[str],
    topic_terms: Sequence[str],
    *,
    periods: Sequence[Mapping],
    titles: Sequence[str],
    n: int,
    coherence_out: tuple[str, str],
    topic_terms_out: Sequence[tuple[str, str]],
    k_choice_out: tuple[str, str] | None = None,
) -> None:
    """The figures of the fitted models in one process (seaborn is imported once): coherence
    by k of every model, the evidence lower bound by k that chooses k (``k_choice_out``), and
    each model's topic-term heatmap (tables, titles and ``(png, svg)`` pairs in the same
    order)."""
    coherence_figure(selections, periods=periods, png=coherence_out[0], svg=coherence_out[1])
    if k_choice_out is not None:
        coherence_figure(
            selections, periods=periods, png=k_choice_out[0], svg=k_choice_out[1], measure="bound"
        )
    for table, title, (png, svg) in zip(topic_terms, titles, topic_terms_out, strict=True):
        topic_terms_figure(table, title=title, n=n, png=png, svg=svg)


def period_figures(
    prevalence: str,
    global_terms: str,
    alignment: str,
    period_terms: Sequence[str],
    *,
    names: Sequence[str],
    periods: Sequence[Mapping],
    confidence: float,
    threshold: float,
    prevalence_out: tuple[str, str],
    lineages_out: tuple[str, str],
) -> None:
    """The figures of topics across periods in one process: the global model's prevalence per
    period, and the lineages of the period models' topics."""
    prevalence_figure(
        prevalence,
        global_terms,
        periods=periods,
        confidence=confidence,
        png=prevalence_out[0],
        svg=prevalence_out[1],
    )
    lineage_figure(
        alignment,
        period_terms,
        names=names,
        periods=periods,
        threshold=threshold,
        png=lineages_out[0],
        svg=lineages_out[1],
    )
