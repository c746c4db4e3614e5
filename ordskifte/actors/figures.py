"""Figures of the actor stage: mention rates, type shares and co-mention networks.

Pure functions of the actor tables returning a :class:`~matplotlib.figure.Figure`, drawn in
the conventions of :mod:`ordskifte.tables.figures` (width, fonts, Okabe & Ito colours, period order
and labels, "no data" panels). Each figure names under it the documents that carry its
counts, so a reader can go from a number to the texts (and from there to
``results/actors/kwic.tsv``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from ordskifte.actors.types import ACTOR_TYPES, TYPE_LABELS
from ordskifte.corpus import period_labels
from ordskifte.io import read_actor_table
from ordskifte.style import (
    PANEL_PT,
    TICK_PT,
    check_order,
    ci_text,
    empty_figure,
    is_empty,
    legend_below,
    new_figure,
    no_data,
    period_colours,
    period_handles,
    period_label,
    require_columns,
    save_figure,
    style_axes,
)

TYPE_COLOURS = {
    "civil_society": "#009E73",  # bluish green
    "user_organisation": "#CC79A7",  # reddish purple
    "state": "#0072B2",  # blue
    "research": "#E69F00",  # orange
    "parliament": "#D55E00",  # vermillion
}
MENTION_RATE_LABEL = "Mentions per 10,000 tokens"
RATE_COLUMNS = ("actor", "type", "period", "count", "per_10k", "ci_low", "ci_high")
EVIDENCE_COLUMNS = ("actor", "doc_id", "period", "count")


def evidence_note(evidence: pd.DataFrame, *, period_order: Sequence[str], width: int = 125) -> str:
    """ "Counts from: <period>: doc (n), ..." lines for the footer of a figure.

    ``evidence`` has one row per (actor, document) with mentions (``mentions_by_document``);
    each period lists its documents by mentions, most first.
    """
    if is_empty(evidence):
        return "No document names any actor."
    require_columns(evidence, EVIDENCE_COLUMNS, what="actor evidence")
    lines = []
    for period in period_order:
        docs = evidence[evidence["period"] == period].groupby("doc_id")["count"].sum()
        if docs.empty:
            continue
        docs = docs.sort_index().sort_values(ascending=False, kind="stable")
        text = f"{period}: " + ", ".join(f"{d} ({n})" for d, n in docs.items())
        lines += textwrap.wrap(text, width=width, subsequent_indent="    ")
    return "Mentions counted in: " + ("\n".join(lines) if lines else "no dated document")


def _type_handles(types: Sequence[str]) -> list[Patch]:
    return [Patch(facecolor=TYPE_COLOURS[t], label=TYPE_LABELS[t]) for t in types]


def actor_mentions(
    rates: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    confidence: float = 0.95,
) -> Figure:
    """Dot plot of each actor's mentions per 10,000 tokens in each period, with intervals.

    Parameters
    ----------
    rates : DataFrame
        ``mentions_by_period.tsv``: columns :data:`RATE_COLUMNS`. Actors never named are
        left out; the others are grouped by type (in :data:`ACTOR_TYPES` order), in the
        table's order within a type.
    evidence : DataFrame
        ``mentions_by_document.tsv``, for the footer naming the documents counted.
    period_order, labels
        Period ids in time order and their labels (legend).
    confidence
        Coverage of the intervals, for the title.
    """
    title = f"Actor mentions by period ({ci_text(confidence)})"
    period_order = check_order(period_order, name="period_order")
    if is_empty(rates) or not (rates["count"] > 0).any():
        return empty_figure(title, xlabel=MENTION_RATE_LABEL)
    require_columns(rates, RATE_COLUMNS, what="actor rates")
    named = rates.groupby("actor", sort=False)["count"].sum()
    named = [a for a in named.index if named[a] > 0]
    kinds = rates.drop_duplicates("actor").set_index("actor")["type"]
    rows: list[tuple[str, str]] = []  # (kind, actor); actor "" = heading
    for kind in ACTOR_TYPES:
        members = [a for a in named if kinds[a] == kind]
        if members:
            rows += [(kind, "")] + [(kind, a) for a in members]
    note = evidence_note(evidence, period_order=period_order)
    fig, (ax,) = _figure_with_note(title, note, panel_heights=[0.6 + 0.24 * len(rows)])
    colours = period_colours(period_order)
    slot = 0.7 / len(period_order)
    y_of = {actor: len(rows) - 1 - i for i, (_, actor) in enumerate(rows) if actor}
    for k, period in enumerate(period_order):
        sel = rates[(rates["period"] == period) & rates["actor"].isin(named)]
        y = np.array([y_of[a] for a in sel["actor"]], dtype=float) + 0.35 - slot * (k + 0.5)
        ax.hlines(y, sel["ci_low"], sel["ci_high"], color=colours[period], linewidth=1.2)
        ax.plot(
            sel["per_10k"],
            y,
            "o",
            color=colours[period],
            markersize=4,
            markeredgecolor="white",
            markeredgewidth=0.5,
            zorder=3,
        )
    ticks, tick_labels = [], []
    for i, (kind, actor) in enumerate(rows):
        y = len(rows) - 1 - i
        if actor:
            ticks.append(y)
            tick_labels.append(actor)
        else:
            ax.text(
                0,
                y,
                TYPE_LABELS[kind],
                transform=ax.get_yaxis_transform(),
                ha="left",
                va="center",
                fontsize=PANEL_PT,
                fontweight="bold",
                color=TYPE_COLOURS[kind],
            )
            ax.axhline(y + 0.5, color="0.85", linewidth=0.6)
    ax.set_yticks(ticks, tick_labels)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(left=0)
    ax.set_xlabel(MENTION_RATE_LABEL)
    ax.xaxis.grid(True, color="0.92", zorder=0)
    style_axes(ax)
    legend_below(fig, period_handles(period_order, labels), ncol=min(len(period_order), 3))
    return fig


def actor_type_shares(
    shares: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
) -> Figure:
    """Stacked bars: the share of each period's actor mentions by actor type.

    ``shares`` is ``type_shares.tsv`` (``period, type, count, share``); each bar is labelled
    with the period's total number of mentions, each segment of 8 % or more with its share.
    """
    title = "Who is named: actor mentions by type and period"
    period_order = check_order(period_order, name="period_order")
    if is_empty(shares) or shares["count"].sum() == 0:
        return empty_figure(title, xlabel="Share of actor mentions")
    require_columns(shares, ("period", "type", "count", "share"), what="actor type shares")
    note = evidence_note(evidence, period_order=period_order)
    fig, (ax,) = _figure_with_note(title, note, panel_heights=[0.6 + 0.5 * len(period_order)])
    y = np.arange(len(period_order))[::-1].astype(float)
    left = np.zeros(len(period_order))
    for kind in ACTOR_TYPES:
        rows = shares[shares["type"] == kind].set_index("period").reindex(period_order)
        width = rows["share"].fillna(0).to_numpy(dtype=float)
        ax.barh(y, width, left=left, color=TYPE_COLOURS[kind], edgecolor="white", height=0.6)
        for yi, li, wi in zip(y, left, width, strict=True):
            if wi >= 0.08:
                ax.text(
                    li + wi / 2,
                    yi,
                    f"{wi:.0%}",
                    ha="center",
                    va="center",
                    fontsize=TICK_PT,
                    color="white",
                )
        left += width
    totals = shares.groupby("period")["count"].sum().reindex(period_order).fillna(0)
    for yi, period in zip(y, period_order, strict=True):
        n = int(totals[period])
        ax.text(1.01, yi, f"n = {n}", va="center", fontsize=TICK_PT)
        if n == 0:
            ax.text(0.5, yi, "no mentions", ha="center", va="center", fontsize=TICK_PT)
    ax.set_yticks(y, [textwrap.fill(period_label(labels, p), 24) for p in period_order])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel("Share of actor mentions")
    style_axes(ax)
    legend_below(fig, _type_handles(ACTOR_TYPES), ncol=3)
    return fig


def network_positions(actors: Sequence[str], types: Mapping[str, str]) -> dict[str, tuple]:
    """Fixed positions on a circle, actors grouped by type (in :data:`ACTOR_TYPES` order),
    so that an actor sits in the same place in every period's panel."""
    rank = {t: i for i, t in enumerate(ACTOR_TYPES)}
    ordered = sorted(actors, key=lambda a: (rank.get(types.get(a, ""), len(rank)), a))
    n = max(len(ordered), 1)
    return {
        a: (
            math.cos(math.pi / 2 - 2 * math.pi * i / n),
            math.sin(math.pi / 2 - 2 * math.pi * i / n),
        )
        for i, a in enumerate(ordered)
    }


def actor_networks(
    edges: Mapping[str, pd.DataFrame],
    centrality: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    period_order: Sequence[str],
    labels: Mapping[str, str],
    types: Mapping[str, str],
    short_names: Mapping[str, str] | None = None,
) -> Figure:
    """One co-mention network panel per period, actors in the same place in every panel.

    Nodes are coloured by type and sized by the period's mentions (area proportional);
    edges are drawn with width growing with the number of shared paragraphs and labelled
    with it when 2 or more. Actors named in some period but not this one are shown as
    small grey rings, so absence is visible. ``short_names`` gives the labels drawn
    (default: the actor's name).
    """
    title = "Co-mention networks: actors named in the same paragraph"
    period_order = check_order(period_order, name="period_order")
    if is_empty(centrality):
        return empty_figure(title)
    require_columns(centrality, ("period", "actor", "mentions"), what="actor centrality")
    short_names = short_names or {}
    everyone = sorted(set(centrality["actor"]))
    pos = network_positions(everyone, types)
    note = evidence_note(evidence, period_order=period_order)
    fig, axes = _figure_with_note(title, note, panel_heights=[4.6] * len(period_order))
    biggest = max(int(centrality["mentions"].max()), 1)
    for ax, period in zip(axes, period_order, strict=True):
        ax.set_title(period_label(labels, period), fontsize=PANEL_PT)
        ax.set_aspect("equal")
        ax.set_xlim(-2.4, 2.4)
        ax.set_ylim(-2.3, 2.3)
        ax.axis("off")
        nodes = centrality[centrality["period"] == period].set_index("actor")
        if nodes.empty:
            no_data(ax)
            continue
        for row in edges.get(period, pd.DataFrame()).itertuples(index=False):
            (x0, y0), (x1, y1) = pos[row.actor_a], pos[row.actor_b]
            ax.plot([x0, x1], [y0, y1], color="0.6", linewidth=0.5 + 0.8 * row.weight, zorder=1)
            if row.weight >= 2:
                ax.text(
                    (x0 + x1) / 2,
                    (y0 + y1) / 2,
                    str(row.weight),
                    fontsize=TICK_PT - 1,
                    ha="center",
                    va="center",
                    color="0.3",
                    zorder=2,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                )
        for actor, (x, y) in pos.items():
            named = actor in nodes.index
            if named:
                ax.scatter(
                    x,
                    y,
                    s=30 + 370 * nodes.at[actor, "mentions"] / biggest,
                    color=TYPE_COLOURS.get(types.get(actor, ""), "0.5"),
                    edgecolor="white",
                    linewidth=0.8,
                    zorder=3,
                )
            else:
                ax.scatter(x, y, s=14, facecolor="white", edgecolor="0.7", linewidth=0.8, zorder=3)
            _radial_label(ax, x, y, short_names.get(actor, actor), colour="0.1" if named else "0.6")
    present = [t for t in ACTOR_TYPES if t in {types.get(a) for a in everyone}]
    ring = Line2D(
        [],
        [],
        marker="o",
        linestyle="",
        markerfacecolor="white",
        markeredgecolor="0.7",
        label="not named in this period (node area = mentions)",
    )
    legend_below(
        fig,
        [*_type_handles(present), ring],
        ncol=3,
    )
    return fig


def _radial_label(ax, x: float, y: float, text: str, *, colour: str) -> None:
    """A label pointing away from the circle's centre, upright on both sides."""
    angle = math.degrees(math.atan2(y, x))
    right = x >= -1e-9
    ax.text(
        1.1 * x,
        1.1 * y,
        text,
        rotation=angle if right else angle - 180,
        rotation_mode="anchor",
        ha="left" if right else "right",
        va="center",
        fontsize=TICK_PT - 0.5,
        color=colour,
    )


def _figure_with_note(title: str, note: str, *, panel_heights: Sequence[float]):
    """Panels stacked in one column and, under them, a row holding the evidence ``note``."""
    note_height = 0.16 * (note.count("\n") + 1) + 0.1
    fig, grid = new_figure(
        title,
        height=sum(panel_heights) + note_height + 0.9,
        nrows=len(panel_heights) + 1,
        gridspec_kw={"height_ratios": [*panel_heights, note_height]},
    )
    note_ax = grid[-1, 0]
    note_ax.axis("off")
    # from the figure's left edge, not the panel's: the note is as wide as the figure
    anchor = blended_transform_factory(fig.transFigure, note_ax.transAxes)
    note_ax.text(0.01, 1, note, transform=anchor, ha="left", va="top", fontsize=7, color="0.3")
    return fig, list(grid[:-1, 0])


# ------------------------------------------------------------------ figure steps
# Functions of file paths that the figure rules' scripts call: read the tables, draw, save.
def actor_mentions_figure(
    rates: str,
    evidence: str,
    *,
    periods: Sequence[Mapping],
    confidence: float,
    png: str,
    svg: str,
) -> None:
    order, labels = period_labels(periods)
    fig = actor_mentions(
        read_actor_table(rates),
        read_actor_table(evidence),
        period_order=order,
        labels=labels,
        confidence=confidence,
    )
    save_figure(fig, png, svg)


def actor_types_figure(
    shares: str, evidence: str, *, periods: Sequence[Mapping], png: str, svg: str
) -> None:
    order, labels = period_labels(periods)
    table = read_actor_table(shares)
    fig = actor_type_shares(table, read_actor_table(evidence), period_order=order, labels=labels)
    save_figure(fig, png, svg)


def actor_networks_figure(
    edges: Sequence[str],
    centrality: str,
    evidence: str,
    *,
    periods: Sequence[Mapping],
    actors: Sequence[Mapping],
    png: str,
    svg: str,
) -> None:
    order, labels = period_labels(periods)
    fig = actor_networks(
        {p: read_actor_table(path) for p, path in zip(order, edges, strict=True)},
        read_actor_table(centrality),
        read_actor_table(evidence),
        period_order=order,
        labels=labels,
        types={a["name"]: a["type"] for a in actors},
        short_names={a["name"]: a.get("label") or a["name"] for a in actors},
    )
    save_figure(fig, png, svg)


def actor_figures(
    rates: str,
    types: str,
    edges: Sequence[str],
    centrality: str,
    evidence: str,
    *,
    periods: Sequence[Mapping],
    actors: Sequence[Mapping],
    confidence: float,
    mentions_out: tuple[str, str],
    types_out: tuple[str, str],
    networks_out: tuple[str, str],
) -> None:
    """The three actor figures (mentions, type shares, networks) in one process, each saved
    to its ``(png, svg)`` pair."""
    actor_mentions_figure(
        rates,
        evidence,
        periods=periods,
        confidence=confidence,
        png=mentions_out[0],
        svg=mentions_out[1],
    )
    actor_types_figure(types, evidence, periods=periods, png=types_out[0], svg=types_out[1])
    actor_networks_figure(
        edges,
        centrality,
        evidence,
        periods=periods,
        actors=actors,
        png=networks_out[0],
        svg=networks_out[1],
    )
