"""Topic-model steps: segments, one model per period and a global one, prevalence,
alignment across periods, and their figures.

Like :mod:`ordskifte.text.steps`, each function takes file paths and plain parameters; the rule
scripts are thin adapters. gensim and scikit-learn are imported inside the steps that fit.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from ordskifte.io import read_parquet, read_tsv, write_parquet, write_tsv

log = logging.getLogger("ordskifte")


def segments_step(
    tokens: Sequence[str],
    *,
    documents: Sequence[Mapping[str, str]],
    target_tokens: int,
    name: str,
    out: str,
    parts: Sequence[str] = (),
    order: Sequence[str] | None = None,
) -> None:
    """Cut documents into segments and write them as one table (a period's, or ``all``).

    ``documents`` are ``{"doc_id", "period", "year"}`` records, one per path in ``tokens``;
    ``parts`` are segment tables already cut, whose documents are taken as they are. The
    rule passes a period's documents; for the global model's ``all``, the periods' tables as
    ``parts`` and only the documents in no period as ``tokens``, so that a document is cut
    once and adding one re-cuts only its period. ``order`` lists the table's documents (the
    manifest's order; default: ``documents``'): the per-document pieces are joined in that
    order, as when every document was cut here, so that the file has the same bytes (Arrow
    keeps the pieces as chunks, and Parquet's pages follow them).
    """
    from ordskifte.topics.segments import (
        SEGMENT_COLUMNS,
        concat_segments,
        make_segments,
        split_by_document,
    )

    pieces: dict[str, pd.DataFrame] = {}
    cut_here = [doc["doc_id"] for doc in documents]
    for path in parts:
        part = split_by_document(read_parquet(path))
        twice = sorted((set(part) & set(pieces)) | (set(part) & set(cut_here)))
        if twice:
            raise ValueError(
                f"{name}: {path} holds documents that another segment table or this job "
                f"also cuts ({', '.join(twice[:5])}): delete results/segments/ and rerun"
            )
        pieces.update(part)
    for doc, path in zip(documents, tokens, strict=True):
        pieces[doc["doc_id"]] = make_segments(
            read_parquet(path),
            doc_id=doc["doc_id"],
            period=doc["period"],
            year=doc["year"],
            target_tokens=target_tokens,
        )
    order = [d["doc_id"] for d in documents] if order is None else list(order)
    stray = sorted(set(pieces) - set(order))
    if stray:
        raise ValueError(
            f"{name}: the segment tables {list(parts)} hold documents that are not in the "
            f"manifest ({', '.join(stray[:5])}): delete results/segments/ and rerun"
        )
    frames = [pieces[d] for d in order if d in pieces and len(pieces[d])]
    segments = concat_segments(frames) if frames else pd.DataFrame(columns=list(SEGMENT_COLUMNS))
    write_parquet(segments.reset_index(drop=True), out)
    log.info(
        "%s: %d segments from %d documents (%d cut here, %d from %d period tables), %d terms",
        name,
        len(segments),
        segments["doc_id"].nunique(),
        len(documents),
        len(pieces) - len(documents),
        len(parts),
        int(segments["n_terms"].sum()) if len(segments) else 0,
    )


def topic_model_step(
    segments: str,
    *,
    name: str,
    engine: str,
    grid: Sequence[int],
    seed: int,
    n_seeds: int,
    fit: Mapping,
    min_df: int,
    max_share: float,
    phrases: bool,
    coherence_measure: str,
    min_segments_per_topic: int,
    top_terms: int,
    stability_threshold: float,
    outputs: Mapping[str, str],
    max_fit_segments: int = 0,
    k_criterion: str = "bound",
    k_tolerance: float = 0.002,
    k_search: str = "merge",
    merge_passes: int = 3,
) -> None:
    """Fit one topic model (a period's, or the global one) and write its tables.

    ``k`` comes from ``grid`` by ``k_criterion`` (:func:`ordskifte.topics.model.select_k`: the
    evidence lower bound of the best of ``n_seeds`` models per k, with ``k_tolerance``, the
    models found by ``k_search``: ``merge``, one fit per seed at the largest k merged down to
    the smallest with ``merge_passes`` passes after each merge, or ``independent`` fits of
    every k; or u_mass coherence of one fit per k). The model kept is the best of the chosen
    k's models, its stability measured against the other seeds' models (reused, fitted only
    where missing), and ``coherence_measure`` (c_v or c_npmi) is reported for it. A period
    too small for the
    grid gets the largest k its data supports and a note in ``model_selection.tsv`` and the
    log, never an error; ``k_cap`` and ``k_cap_reason`` say what bounds k. Degenerate topics
    (:func:`ordskifte.topics.model.topic_quality`) are marked and get no label from their
    terms.

    With more than ``max_fit_segments`` segments (0: no limit), the choice of k, the
    stability refits and the coherence use a seeded random sample of that many segments, and
    the chosen model is then applied to every segment
    (:func:`ordskifte.topics.model.infer_doc_topic`): the cost of fitting stops growing with the
    corpus, only the (cheap) inference does.
    """
    from ordskifte.topics.model import (
        DEGENERATE_LABEL,
        SELECT_K_COLUMNS,
        best_fit,
        build_vocabulary,
        coherence,
        detect_phrases,
        infer_doc_topic,
        k_cap,
        representative_segments,
        sample_segments,
        select_k,
        topic_labels,
        topic_quality,
        topic_stability,
        topic_terms_table,
    )
    from ordskifte.topics.segments import segment_terms

    logging.getLogger("gensim").setLevel(logging.WARNING)
    table = read_parquet(segments)
    docs = segment_terms(table)
    if phrases and docs:
        docs = detect_phrases(docs, min_count=3, threshold=10.0)
    vocabulary = build_vocabulary(docs, min_df=min_df, max_share=max_share) if docs else []
    log.info("%s: %d segments, vocabulary of %d terms", name, len(docs), len(vocabulary))
    kwargs = dict(engine=engine, vocabulary=vocabulary, **fit)
    fit_docs = [docs[i] for i in sample_segments(len(docs), max_fit_segments, seed=seed)]
    sampled = len(fit_docs) < len(docs)
    if sampled:
        log.info(
            "%s: k, stability and coherence from a random sample of %d of %d segments "
            "(topics.max_fit_segments); the model is applied to all",
            name,
            len(fit_docs),
            len(docs),
        )
    k, selection, notes = (1, pd.DataFrame(columns=list(SELECT_K_COLUMNS)), [])
    fitted: dict = {}  # the grid's models by k, by seed: reused for the stability
    cap, _, _, cap_reason = k_cap(
        fit_docs, vocabulary, min_segments_per_topic=min_segments_per_topic
    )
    if vocabulary and len(docs) >= 1:
        k, selection, notes = select_k(
            fit_docs,
            grid=list(grid),
            seed=seed,
            criterion=k_criterion,
            seeds=n_seeds,
            tolerance=k_tolerance,
            search=k_search,
            merge_passes=merge_passes,
            min_segments_per_topic=min_segments_per_topic,
            fitted=fitted,
            **kwargs,
        )
    usable = bool(vocabulary) and any(set(d) & set(vocabulary) for d in fit_docs)
    if not usable:
        notes = notes + [
            f"{name}: no segment has a term in the vocabulary (min_df={min_df}, "
            f"max_share={max_share}); no model fitted"
        ]
    for note in notes:
        log.warning("%s", note)
    if sampled and usable:  # in the table, not a warning: sampling is the configured method
        notes = notes + [
            f"{name}: k, stability and coherence from a random sample of {len(fit_docs)} of "
            f"{len(docs)} segments (topics.max_fit_segments); the model is applied to all"
        ]
    selection = selection.copy()
    selection.insert(0, "model", name)
    selection["k_cap"] = cap
    selection["k_cap_reason"] = cap_reason
    selection["note"] = ""
    if len(selection) and notes:
        selection.loc[selection["chosen"].astype(bool), "note"] = "; ".join(notes)
    elif notes:
        selection = pd.DataFrame(
            [
                {
                    "model": name,
                    "k": k,
                    "bound": float("nan"),
                    "u_mass": float("nan"),
                    "fits": 0,
                    "chosen": True,
                    "k_cap": cap,
                    "k_cap_reason": cap_reason,
                    "note": "; ".join(notes),
                }
            ]
        )
    if not usable:
        _write_empty_model(outputs, selection, coherence_measure)
        return

    seeds = [seed + i for i in range(n_seeds)]
    fits = fitted.get(k, [])
    model, stability = topic_stability(
        fit_docs,
        k=k,
        seeds=seeds,
        threshold=stability_threshold,
        reference=best_fit(fits) if fits else None,
        refits=fits,
        **kwargs,
    )
    mean_coherence, _ = coherence(model, fit_docs, measure=coherence_measure)
    if sampled:
        model = dataclasses.replace(model, doc_topic=infer_doc_topic(model, docs))
    selection[coherence_measure] = [
        mean_coherence if chosen else float("nan") for chosen in selection["chosen"].astype(bool)
    ]
    log.info("%s: k=%d, %s coherence %.4f", name, k, coherence_measure, mean_coherence)

    quality = topic_quality(model)
    degenerate = set(quality.loc[quality["degenerate"], "topic"])
    labels = {
        t: DEGENERATE_LABEL if t in degenerate else label
        for t, label in topic_labels(model).items()
    }
    terms = topic_terms_table(model, n=top_terms)
    terms["label"] = terms["topic"].map(labels)
    unstable = set(stability.loc[stability["unstable"].astype(bool), "topic"])
    terms["unstable"] = terms["topic"].isin(unstable)
    terms = terms.merge(quality, on="topic", how="left", validate="many_to_one")
    if degenerate:
        log.warning(
            "%s: %d degenerate topic(s) %s (flat, or leading no segment): k may be too large",
            name,
            len(degenerate),
            sorted(degenerate),
        )
    stability = stability.assign(model=name, label=stability["topic"].map(labels))
    stability = stability[["model", "topic", "label", "stability", "unstable"]]
    segment_topics = table[["segment_id", "doc_id", "period", "year"]].reset_index(drop=True)
    weights = model.doc_topic.reset_index(drop=True)
    weights.columns = [f"topic_{t}" for t in weights.columns]
    segment_topics = pd.concat([segment_topics, weights], axis=1)
    representative = representative_segments(model, table, n=3)
    representative.insert(1, "label", representative["topic"].map(labels))

    write_tsv(selection, outputs["model_selection"])
    write_tsv(terms, outputs["topic_terms"])
    write_tsv(stability, outputs["stability"])
    write_tsv(representative, outputs["representative"])
    write_parquet(segment_topics, outputs["segment_topics"])
    write_topic_term(model.topic_term, outputs["topic_term"])
    for topic, label in labels.items():
        flag = " (unstable)" if topic in unstable else ""
        flag += " (degenerate)" if topic in degenerate else ""
        log.info("%s topic %d: %s%s", name, topic, label, flag)


def _write_empty_model(outputs: Mapping[str, str], selection: pd.DataFrame, measure: str):
    selection = selection.assign(**{measure: float("nan")})
    write_tsv(selection, outputs["model_selection"])
    write_tsv(
        pd.DataFrame(
            columns=[
                "topic",
                "rank",
                "term",
                "weight",
                "exclusivity",
                "frex",
                "label",
                "unstable",
                "peak",
                "segments_led",
                "degenerate",
            ]
        ),
        outputs["topic_terms"],
    )
    write_tsv(
        pd.DataFrame(columns=["model", "topic", "label", "stability", "unstable"]),
        outputs["stability"],
    )
    write_tsv(
        pd.DataFrame(columns=["topic", "label", "rank", "segment_id"]), outputs["representative"]
    )
    write_parquet(pd.DataFrame({"segment_id": pd.Series(dtype="str")}), outputs["segment_topics"])
    write_parquet(pd.DataFrame({"term": pd.Series(dtype="str")}), outputs["topic_term"])


def write_topic_term(topic_term: pd.DataFrame, path: str) -> None:
    """Write a ``k x V`` topic-term matrix as a tall table: one row per term, one column per
    topic (``term, 0, 1, ...``). Parquet handles a few columns of many rows well, and tens of
    thousands of columns badly (gigabytes of memory to read a global model's matrix)."""
    tall = topic_term.T
    tall.columns = [str(c) for c in tall.columns]
    write_parquet(tall.rename_axis("term").reset_index(), path)


def read_topic_term(path: str) -> pd.DataFrame:
    """A model's ``k x V`` topic-term matrix (index ``topic``, columns the terms) as written by
    :func:`write_topic_term`; empty for a model that could not be fitted."""
    table = read_parquet(path)
    if "topic" in table.columns:
        # the wide layout of earlier versions: a "topic" column, one column per term (which
        # may include a term spelt "term"); the tall layout has "term" and topic numbers only
        return table.set_index("topic")
    matrix = table.set_index("term").T
    matrix.index = pd.Index([int(t) for t in matrix.index], name="topic")
    matrix.columns.name = "term"
    return matrix


def prevalence_step(
    segment_topics: str,
    *,
    period_order: Sequence[str],
    iterations: int,
    seed: int,
    confidence: float,
    by_period_out: str,
    by_year_out: str,
) -> None:
    """Global-model topic prevalence per period and per year, bootstrap over documents."""
    from ordskifte.topics.model import prevalence

    table = read_parquet(segment_topics)
    columns = [c for c in table.columns if c.startswith("topic_")]
    doc_topic = table[columns].copy()
    doc_topic.columns = [int(c.removeprefix("topic_")) for c in columns]
    meta = table.drop(columns=columns)
    for by, out in (("period", by_period_out), ("year", by_year_out)):
        if not columns:
            write_tsv(pd.DataFrame(columns=["topic", by, "mean", "ci_low", "ci_high"]), out)
            continue
        order = list(period_order) if by == "period" else None
        write_tsv(
            prevalence(
                doc_topic,
                meta,
                by=by,
                iterations=iterations,
                seed=seed,
                confidence=confidence,
                order=order,
            ),
            out,
        )


def alignment_step(
    matrices: Sequence[str],
    stability: Sequence[str],
    *,
    names: Sequence[str],
    period_order: Sequence[str],
    threshold: float,
    alignment_out: str,
    lineages_out: str,
    links_out: str,
    stability_out: str,
) -> None:
    """Align each period's topics with the next period's; collect every model's stability."""
    from ordskifte.topics.alignment import align_periods, classify_links, lineages

    models = {
        n: read_topic_term(p) for n, p in zip(names, matrices, strict=True) if n in period_order
    }
    models = {n: m for n, m in models.items() if len(m)}
    order = [p for p in period_order if p in models]
    if len(order) >= 2:
        alignment = align_periods(models, order=order, threshold=threshold)
        chains = lineages(alignment, order=order, threshold=threshold)
        links = classify_links(alignment, threshold=threshold, order=order)
    else:
        log.warning("fewer than two periods have a topic model: nothing to align")
        alignment = pd.DataFrame(
            columns=["period_a", "topic_a", "period_b", "topic_b", "similarity", "matched"]
        )
        chains = pd.DataFrame(columns=["lineage", "period", "topic", "similarity_to_previous"])
        links = pd.DataFrame(columns=["period", "topic"])
    write_tsv(alignment, alignment_out)
    write_tsv(chains, lineages_out)
    write_tsv(links, links_out)
    frames = [read_tsv(p) for p in stability]
    frames = [f for f in frames if len(f)]
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    write_tsv(combined, stability_out)
    log.info("%d alignment rows, %d lineages", len(alignment), chains["lineage"].nunique())


def dynamic_step(
    segments: str,
    model_selection: str,
    *,
    period_order: Sequence[str],
    seed: int,
    min_df: int,
    max_share: float,
    top_terms: int,
    em_max_iter: int,
    out: str,
) -> None:
    """Dynamic topic model over the periods with the global model's k (slow)."""
    from ordskifte.topics.dynamic import fit_dynamic
    from ordskifte.topics.model import build_vocabulary
    from ordskifte.topics.segments import segment_terms

    logging.getLogger("gensim").setLevel(logging.WARNING)
    table = read_parquet(segments)
    selection = read_tsv(model_selection)
    chosen = selection[selection["chosen"].astype(str) == "True"]
    k = int(chosen["k"].iloc[0]) if len(chosen) else 0
    docs = segment_terms(table)
    vocabulary = build_vocabulary(docs, min_df=min_df, max_share=max_share) if docs else []
    by_period = [segment_terms(table[table["period"] == p]) for p in period_order]
    log.info("dynamic model: k=%d, %d segments, %d terms", k, len(docs), len(vocabulary))
    result = fit_dynamic(
        by_period,
        periods=period_order,
        vocabulary=vocabulary,
        k=k,
        seed=seed,
        top_terms=top_terms,
        em_max_iter=em_max_iter,
    )
    if result.empty:
        log.warning("dynamic model: fewer than two periods with segments, table left empty")
    write_tsv(result, out)
