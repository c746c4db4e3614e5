"""Figure steps: read result tables, draw with :mod:`ordskifte.plots`, save PNG and SVG."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ordskifte.io import read_actor_table, read_tsv


def period_labels(periods: Sequence[Mapping]) -> tuple[list[str], dict[str, str]]:
    """Period order and labels from the config's ``periods`` entries."""
    order = [p["name"] for p in periods]
    return order, {p["name"]: p.get("label") or p["name"] for p in periods}


def concepts_by_period_figure(
    table: str,
    *,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    confidence: float,
    png: str,
    svg: str,
):
    from ordskifte import plots

    order, labels = period_labels(periods)
    df = read_tsv(table)
    df["period"] = df["period"].astype(str)
    fig = plots.concept_rates_by_period(
        df, period_order=order, labels=labels, concept_order=concepts, confidence=confidence
    )
    plots.save_figure(fig, png, svg)


def concepts_by_year_figure(
    table: str,
    *,
    periods: Sequence[Mapping],
    concepts: Sequence[str],
    confidence: float,
    png: str,
    svg: str,
):
    from ordskifte import plots

    spans = [(p.get("label") or p["name"], p["first_year"], p["last_year"]) for p in periods]
    fig = plots.concept_rates_by_year(
        read_tsv(table), period_spans=spans, concept_order=concepts, confidence=confidence
    )
    plots.save_figure(fig, png, svg)


def top_terms_figure(table: str, *, periods: Sequence[Mapping], n: int, png: str, svg: str):
    from ordskifte import plots

    order, labels = period_labels(periods)
    df = read_tsv(table)
    df["period"] = df["period"].astype(str)
    df["term"] = df["term"].astype(str)
    plots.save_figure(plots.top_terms(df, n=n, period_order=order, labels=labels), png, svg)


def keyness_figure(
    tables: Sequence[str],
    *,
    names: Sequence[str],
    titles: Mapping[str, str],
    n: int,
    png: str,
    svg: str,
):
    from ordskifte import plots

    frames = {}
    for name, path in zip(names, tables, strict=True):
        df = read_tsv(path)
        df["term"] = df["term"].astype(str)
        frames[name] = df
    plots.save_figure(plots.keyness(frames, n=n, titles=dict(titles)), png, svg)


def jsd_figure(table: str, *, periods: Sequence[Mapping], png: str, svg: str):
    from ordskifte import plots

    order, labels = period_labels(periods)
    df = read_tsv(table)
    for col in ("period_a", "period_b"):
        df[col] = df[col].astype(str)
    plots.save_figure(plots.jsd_heatmap(df, period_order=order, labels=labels), png, svg)


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


def actor_mentions_figure(
    rates: str,
    evidence: str,
    *,
    periods: Sequence[Mapping],
    confidence: float,
    png: str,
    svg: str,
) -> None:
    from ordskifte import actor_plots, plots

    order, labels = period_labels(periods)
    fig = actor_plots.actor_mentions(
        read_actor_table(rates),
        read_actor_table(evidence),
        period_order=order,
        labels=labels,
        confidence=confidence,
    )
    plots.save_figure(fig, png, svg)


def actor_types_figure(
    shares: str, evidence: str, *, periods: Sequence[Mapping], png: str, svg: str
) -> None:
    from ordskifte import actor_plots, plots

    order, labels = period_labels(periods)
    table = read_actor_table(shares)
    fig = actor_plots.actor_type_shares(
        table, read_actor_table(evidence), period_order=order, labels=labels
    )
    plots.save_figure(fig, png, svg)


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
    from ordskifte import actor_plots, plots

    order, labels = period_labels(periods)
    fig = actor_plots.actor_networks(
        {p: read_actor_table(path) for p, path in zip(order, edges, strict=True)},
        read_actor_table(centrality),
        read_actor_table(evidence),
        period_order=order,
        labels=labels,
        types={a["name"]: a["type"] for a in actors},
        short_names={a["name"]: a.get("label") or a["name"] for a in actors},
    )
    plots.save_figure(fig, png, svg)


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
    """Read ``table`` (``text_columns`` as strings), draw it with ``drift_plots.<draw>``
    with the periods' order and labels, and save the figure as PNG and SVG."""
    from ordskifte import drift_plots, plots

    order, labels = period_labels(periods)
    df = read_tsv(table)
    for col in text_columns:
        if col in df.columns:
            df[col] = df[col].astype(str)
    fig = getattr(drift_plots, draw)(df, period_order=order, labels=labels, **options)
    plots.save_figure(fig, png, svg)


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
