"""Rule `provenance`: thin adapter calling ordskifte.ingest.steps."""

from ordskifte.ingest.steps import provenance_step
from ordskifte.runner import run_logged

sm = snakemake  # noqa: F821
run_logged(
    sm.log[0],
    lambda: provenance_step(
        config_snapshot=sm.input.config_snapshot,
        manifest=sm.input.manifest,
        documents=sm.params.documents,
        resources=sm.params.resources,
        seed=sm.params.seed,
        environment=sm.params.environment,
        card_out=sm.output.card,
        page_out=sm.output.page,
    ),
)
