"""Rule `group_tables`: thin adapter calling ordskifte.groups."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parents[1]))  # noqa: F821

from ordskifte.groups import group_tables_step  # noqa: E402
from ordskifte.runner import run_logged  # noqa: E402

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: group_tables_step(
        sm.input.documents,
        sm.input.counts,
        doc_ids=sm.params.doc_ids,
        column=sm.wildcards.group,
        pairs=sm.params.pairs,
        min_count=sm.params.min_count,
        iterations=sm.params.iterations,
        confidence=sm.params.confidence,
        seed=sm.params.seed,
        frequencies_out=sm.output.frequencies,
        totals_out=sm.output.totals,
        keyness_out=sm.output.keyness,
        concepts_out=sm.output.concepts,
    ),
)
