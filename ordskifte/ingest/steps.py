"""Steps of the ingest stage: the documents table, the config snapshot, and each document's
text extracted to UTF-8.

Functions of file paths and plain parameters that the rule scripts call, so every step can
also be run and tested without Snakemake.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from ordskifte.io import write_tsv


# ---------------------------------------------------------------- per document
def extract_step(source: str, *, raw_out: str, record_out: str, doc_id: str) -> None:
    """Extract the text of a document (text, PDF, web page, .docx or .odt) to UTF-8, PDF
    pages separated by form feeds."""
    from ordskifte.ingest.extract import extract_file, save_extracted

    save_extracted(
        extract_file(source), raw_out=raw_out, record_out=record_out, doc_id=doc_id, source=source
    )


log = logging.getLogger("ordskifte")


def documents_step(manifest: str, *, periods: Sequence[Mapping], out: str) -> None:
    """Write the manifest with the period each document is analysed in and its source."""
    from ordskifte.ingest.manifest import assign_periods, parse_periods, read_manifest

    docs = assign_periods(read_manifest(manifest), parse_periods(periods))
    write_tsv(docs, out)
    for source, n in docs["period_source"].value_counts().sort_index().items():
        log.info("%d document(s) with period from %s", n, source)


def write_config_step(config: Mapping, *, out: str) -> None:
    """Write the run's effective configuration (after schema defaults) as YAML."""
    from ordskifte.ingest.settings import config_text

    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(config_text(config), encoding="utf-8")


def provenance_step(
    *,
    config_snapshot: str,
    manifest: str,
    documents: Mapping[str, str],
    resources: Mapping[str, str],
    seed: int,
    environment: Mapping,
    card_out: str,
    page_out: str,
) -> None:
    """Write the provenance card (JSON) and its report page (HTML); ``environment`` is
    :func:`ordskifte.ingest.provenance.environment` of the process that runs the workflow."""
    from ordskifte.ingest.provenance import build_card, card_html
    from ordskifte.io import write_json

    card = build_card(
        config_snapshot=config_snapshot,
        manifest=manifest,
        documents=documents,
        resources=resources,
        seed=seed,
        environment=environment,
    )
    write_json(card, card_out)
    Path(page_out).write_text(card_html(card), encoding="utf-8")
    made = card["ordskifte"]
    log.info(
        "ordskifte %s, commit %s%s, Python %s; %d documents, %d packages",
        made["version"],
        made["commit"] or "(not a git checkout)",
        " with uncommitted changes" if made["dirty"] else "",
        card["python"]["version"],
        len(card["documents"]),
        len(card["packages"]),
    )
    for name, versions in card["packages"].items():
        if versions["locked"] != versions["installed"]:
            log.warning(
                "package %s: %s installed, the lock pins %s",
                name,
                versions["installed"],
                versions["locked"],
            )
