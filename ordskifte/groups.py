"""Tables by document group: any manifest column (genre, issuer, ...) in place of the period.

The same measures as the period tables (term frequencies, keyness, concept rates), with the
group column named after the manifest column, so that e.g. white papers can be set against
interviews whatever their period.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from ordskifte.aggregates import load_counts, read_documents
from ordskifte.io import write_tsv

log = logging.getLogger("ordskifte")


def group_keyness(
    freq: pd.DataFrame,
    sizes: pd.DataFrame,
    *,
    column: str,
    pairs: Sequence[Sequence[str]] = (),
    min_count: int,
) -> pd.DataFrame:
    """Keyness of each group against the rest of the corpus, and of each listed pair.

    Parameters
    ----------
    freq
        Term frequencies by group (``<column>, term, count``, from
        :func:`ordskifte.frequencies.frequency_table`).
    sizes
        Group sizes (``<column>, tokens``, from :func:`ordskifte.frequencies.group_totals`).
    pairs
        ``[target, reference]`` values compared with each other.

    Returns
    -------
    DataFrame
        ``<column>, reference`` (``rest`` or the compared value) followed by the columns of
        :func:`ordskifte.keyness.keyness_table` (G², Log Ratio, ...). A comparison with an
        empty side is left out with a warning.
    """
    from ordskifte.keyness import KEYNESS_COLUMNS, keyness_table

    tokens = sizes.set_index(column)["tokens"]
    values = [v for v in sizes[column] if tokens[v] > 0]
    counts = {v: g.set_index("term")["count"] for v, g in freq.groupby(column, sort=True)}
    comparisons = [(v, [w for w in values if w != v], "rest") for v in values]
    comparisons += [(a, [b], b) for a, b in pairs]
    frames = []
    for target, reference, label in comparisons:
        n_tgt = int(tokens.get(target, 0))
        n_ref = int(tokens.reindex(reference).fillna(0).sum())
        if n_tgt == 0 or n_ref == 0:
            log.warning(
                "%s %s (%d tokens) vs %s (%d tokens): one side is empty, comparison left out",
                column,
                target,
                n_tgt,
                label,
                n_ref,
            )
            continue
        ref = pd.concat([counts[r] for r in reference if r in counts])
        table = keyness_table(
            counts.get(target, pd.Series(dtype="int64")),
            ref.groupby(level=0).sum(),
            target_total=n_tgt,
            reference_total=n_ref,
            min_count=min_count,
        )
        table.insert(0, "reference", label)
        table.insert(0, column, target)
        frames.append(table)
    if not frames:
        return pd.DataFrame(columns=[column, "reference", *KEYNESS_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def group_tables_step(
    documents: str,
    counts: Sequence[str],
    *,
    doc_ids: Sequence[str],
    column: str,
    pairs: Sequence[Sequence[str]],
    min_count: int,
    iterations: int,
    confidence: float,
    seed: int,
    frequencies_out: str,
    totals_out: str,
    keyness_out: str,
    concepts_out: str,
) -> None:
    """Frequencies, sizes, keyness and concept rates by the manifest column ``column``.

    Documents with an empty value in the column are left out (and logged), as documents
    without a period are left out of the period tables.
    """
    from ordskifte.drift import concept_document_table, concept_rates
    from ordskifte.frequencies import frequency_table, group_totals

    docs = read_documents(documents)
    groups = docs[column].fillna("").astype(str)
    table = load_counts(doc_ids, counts)
    unlabelled = sorted(groups[groups == ""].index)
    if unlabelled:
        log.info("no %s (left out): %s", column, ", ".join(unlabelled))
    freq = frequency_table(table, groups, group_name=column)
    write_tsv(freq, frequencies_out)
    sizes = group_totals(table, groups, group_name=column)
    sizes = sizes[sizes["tokens"] > 0].reset_index(drop=True)
    write_tsv(sizes, totals_out)
    write_tsv(
        group_keyness(freq, sizes, column=column, pairs=pairs, min_count=min_count), keyness_out
    )
    concept_docs = concept_document_table(table, docs)
    concept_docs[column] = concept_docs["doc_id"].map(groups)
    rates = concept_rates(
        concept_docs,
        by=column,
        order=list(sizes[column]),
        iterations=iterations,
        seed=seed,
        confidence=confidence,
    )
    write_tsv(rates, concepts_out)
    log.info("documents and tokens by %s:\n%s", column, sizes.to_string(index=False))
