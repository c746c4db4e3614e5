"""Tables by document group: any manifest column (genre, issuer, ...) in place of the period.

The same measures as the period tables (term frequencies, keyness, concept rates), with the
group column named after the manifest column, so that e.g. white papers can be set against
interviews whatever their period. :func:`group_keyness` compares each group with the rest
and the configured pairs with each other.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

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
        :func:`ordskifte.tables.frequencies.frequency_table`).
    sizes
        Group sizes (``<column>, tokens``, from :func:`ordskifte.tables.frequencies.group_totals`).
    pairs
        ``[target, reference]`` values compared with each other.

    Returns
    -------
    DataFrame
        ``<column>, reference`` (``rest`` or the compared value) followed by the columns of
        :func:`ordskifte.tables.keyness.keyness_table` (G², Log Ratio, ...). A comparison with an
        empty side is left out with a warning.
    """
    from ordskifte.tables.keyness import KEYNESS_COLUMNS, keyness_table

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
