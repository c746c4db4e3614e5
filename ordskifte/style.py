"""The shared figure style: what makes every stage's figures read as one set.

Every stage's ``figures`` module draws with these constants and helpers, all public:

* width :data:`FIGURE_WIDTH` (7 in, the text width of an A4 page), no font below 8 pt;
* the colour-blind-safe palette of Okabe & Ito (2008); a period always has the colour of its
  position in ``period_order`` (:func:`period_colours`), and periods always appear in that
  order, named by their human labels (:func:`period_label`);
* the figure title is the figure's suptitle (``fig.get_suptitle()``), panel titles are axes
  titles;
* empty input gives a figure with a centred "no data" note (:func:`empty_figure`,
  :func:`no_data`) instead of an error;
* :func:`save_figure` writes PNG and SVG deterministically (fixed SVG ids, no dates) and
  closes the figure.

Drawing functions take tidy tables and return a :class:`matplotlib.figure.Figure` without
reading or writing files and without changing global matplotlib settings (sizes and colours
are passed to each artist, not set through ``rcParams``). Plain matplotlib is used; seaborn
only for the two heatmaps, imported inside the functions that draw them (about 1 s of import
that the other figure jobs do not pay).

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
import matplotlib.pyplot as plt  # noqa: E402  (pyplot must come after the backend is chosen)
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

matplotlib.use("Agg")


FIGURE_WIDTH = 7.0


"""Figure width in inches: the text width of an A4 page with ordinary margins."""


RATE_LABEL = "Occurrences per 10,000 tokens"


G2_LABEL = "log-likelihood G²"


JSD_LABEL = "Jensen–Shannon divergence (bits)"


NO_DATA = "no data"


# Font sizes in points; nothing is drawn below 8 pt.
_TITLE_PT = 11


PANEL_PT = 9.5


LABEL_PT = 9


TICK_PT = 8


LEGEND_PT = 8


ANNOT_PT = 9


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


HEATMAP_CMAP = "viridis"  # perceptually uniform, readable with colour-vision deficiency


_SVG_HASHSALT = "ordskifte"  # fixes the ids matplotlib writes into SVG files


_SAVE_OPTIONS: dict[str, dict] = {
    ".png": {"dpi": 200, "metadata": {"Software": None}},
    ".svg": {"metadata": {"Date": None}},
}


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


def check_order(order: Sequence[str], *, name: str) -> list[str]:
    order = list(order)
    if not order:
        raise ValueError(f"{name} must list at least one value")
    dupes = sorted({v for v in order if order.count(v) > 1})
    if dupes:
        raise ValueError(f"{name} lists {dupes} more than once")
    return order


def require_columns(df: pd.DataFrame, columns: Iterable[str], *, what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; have {list(df.columns)}")


def check_known(values: pd.Series, order: Sequence[str], *, column: str, name: str) -> None:
    unknown = sorted(set(values.astype(str)) - set(order))
    if unknown:
        raise ValueError(f"column {column!r} has value(s) {unknown} that are not in {name} {order}")


def check_unique(df: pd.DataFrame, keys: list[str], *, what: str) -> None:
    dup = df.duplicated(subset=keys)
    if dup.any():
        first = df.loc[dup, keys].iloc[0].tolist()
        raise ValueError(f"{what}: more than one row for {dict(zip(keys, first, strict=True))}")


def resolve_order(values: pd.Series, order: Sequence[str] | None, *, name: str) -> list[str]:
    """``order`` checked against the values, or the values in order of first appearance."""
    present = list(dict.fromkeys(values.astype(str)))
    if order is None:
        return present
    order = check_order(order, name=name)
    check_known(values, order, column=name.removesuffix("_order"), name=name)
    return order


def ci_text(confidence: float) -> str:
    """``"95 % bootstrap CI, resampling documents"`` for ``confidence=0.95``."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    return f"{confidence * 100:g} % bootstrap CI, resampling documents"


def period_label(labels: Mapping[str, str], period: str) -> str:
    return labels.get(period, period)


def wrap_text(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, break_long_words=False)


def panel_title_width(ncols: int) -> int:
    """Characters per line of a panel title that fit above one of ``ncols`` panels.

    Matplotlib's layout does not keep titles inside the figure horizontally, so a long title
    over the rightmost panel would be cut off; wrapping by the panel width prevents it.
    """
    return max(16, int(100 / (ncols + 0.5)) - 10)


def top_rows(df: pd.DataFrame, n: int, *, value: str, key: str) -> pd.DataFrame:
    """The ``n`` rows of largest ``value``, ties by ``key`` ascending, in that order.

    The same rows, in the same order, as
    ``df.sort_values([value, key], ascending=[False, True], kind="mergesort").head(n)``,
    which it is, run on the rows whose ``value`` is at least the ``n``-th largest: a table of
    the whole vocabulary (keyness, semantic change) is not sorted by its string column to
    draw a few bars. When ``value`` is not all finite the whole table is sorted (NaN goes
    last in that sort, which a cut by value would not respect).

    Parameters
    ----------
    df : DataFrame
        The rows; ``value`` a float column, ``key`` the tie-breaker.
    n : int
        Rows wanted (>= 0).
    value, key : str
        Column names.

    Returns
    -------
    DataFrame
        At most ``n`` rows of ``df``, its index kept.

    Examples
    --------
    >>> df = pd.DataFrame({"g2": [1.0, 5.0, 5.0, 2.0], "term": ["a", "c", "b", "d"]})
    >>> top_rows(df, 2, value="g2", key="term")["term"].tolist()
    ['b', 'c']
    """
    values = df[value].to_numpy(dtype=float)
    if 0 < n < len(df) and np.isfinite(values).all():
        cut = np.partition(values, len(values) - n)[len(values) - n]  # the n-th largest
        df = df[values >= cut]
    return df.sort_values([value, key], ascending=[False, True], kind="mergesort").head(n)


def style_axes(ax: Axes) -> None:
    ax.tick_params(labelsize=TICK_PT)
    ax.xaxis.label.set_fontsize(LABEL_PT)
    ax.yaxis.label.set_fontsize(LABEL_PT)
    ax.spines[["top", "right"]].set_visible(False)


def new_figure(
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


def no_data(ax: Axes, *, clear_ticks: bool = True) -> None:
    ax.text(
        0.5,
        0.5,
        NO_DATA,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=ANNOT_PT,
        color="0.35",
    )
    if clear_ticks:
        ax.set_xticks([])
        ax.set_yticks([])


def empty_figure(title: str, *, xlabel: str = "", ylabel: str = "") -> Figure:
    fig, axes = new_figure(title, height=3.0)
    ax = axes[0, 0]
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    style_axes(ax)
    no_data(ax)
    return fig


def is_empty(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0


def as_floats(values: pd.Series | Sequence[float]) -> np.ndarray:
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)


def draw_intervals(ax: Axes, x: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
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


def legend_below(fig: Figure, handles: list, *, ncol: int, title: str | None = None) -> None:
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncol=max(1, ncol),
        frameon=False,
        fontsize=LEGEND_PT,
        title=title,
        title_fontsize=LEGEND_PT,
    )


def period_handles(period_order: Sequence[str], labels: Mapping[str, str]) -> list[Patch]:
    colours = period_colours(period_order)
    return [Patch(facecolor=colours[p], label=period_label(labels, p)) for p in period_order]


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def diverging_axes(
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
