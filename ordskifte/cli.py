"""Command line: ``python -m ordskifte add ...``.

``add FILE``
    Copy a document into the corpus folder and append its manifest row (see
    :mod:`ordskifte.add`).
``add --url URL --doc-id ID``
    Append a row for a document the workflow downloads (rule ``fetch``).

``verify [--results DIR]``
    Compare the results folder's provenance card (``results/provenance.json``) with the
    current inputs and environment and list what differs (see
    :mod:`ordskifte.ingest.provenance`). Exit status 0 when nothing differs, 1 when something
    does, 2 when there is no card.

All read the project's ``config.yaml`` (``--configfile``) for the manifest path, the periods
and the languages, check the new row exactly as the workflow will, and print the row with the
source of every guessed value. Exit status 2 and one message on stderr when the document is
refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "workflow" / "schemas"
VALUE_OPTIONS = ("doc_id", "title", "year", "period", "genre", "language", "issuer", "citation")


def load_config(path: str | Path) -> dict:
    """The workflow's configuration: ``path`` read with a safe loader, checked against the
    config schema and completed with its defaults."""
    from snakemake.utils import validate

    path = Path(path)
    if not path.is_file():
        raise SystemExit(
            f"ordskifte: {path} not found; run from the project folder or give --configfile"
        )
    with open(path, encoding="utf-8") as fh:
        config = yaml.safe_load(fh) or {}
    validate(config, str(SCHEMAS / "config.schema.yaml"), set_default=True)
    return config


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ordskifte", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser(
        "add",
        help="add a document (file or URL) to the corpus",
        description="Copy FILE into the corpus folder (or register --url for download) and "
        "append a checked manifest row. Values not given are guessed and reported.",
    )
    add.add_argument(
        "file",
        nargs="?",
        help="the document: text in any encoding, PDF, web page (.html), .docx or .odt",
    )
    add.add_argument("--url", help="http(s) address: the workflow downloads it (no FILE needed)")
    for name in VALUE_OPTIONS:
        add.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar=name.upper())
    add.add_argument(
        "--folder",
        default="added",
        help="sub-folder of the corpus folder for the file (default: added)",
    )
    add.add_argument("--configfile", default="config.yaml", help="default: config.yaml")
    add.add_argument("--manifest", help="default: the config's `manifest`")
    add.add_argument("--dry-run", action="store_true", help="check and guess, write nothing")
    verify = commands.add_parser(
        "verify",
        help="compare a results folder's provenance with the current inputs and environment",
        description="Read RESULTS/provenance.json and say, document by document and package "
        "by package, what differs now: the first thing to run when a figure does not match. "
        "Run it from the folder the workflow ran in.",
    )
    verify.add_argument("--results", default="results", help="default: results")
    verify.add_argument("--configfile", default="config.yaml", help="default: config.yaml")
    return parser


def _checks(config: dict) -> dict:
    from ordskifte.ingest.manifest import check_periods, parse_periods

    periods = parse_periods(config["periods"])
    check_periods(periods, allow_overlaps=config.get("allow_overlapping_periods", False))
    with open(SCHEMAS / "manifest.schema.yaml", encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    return {
        "schema": schema,
        "period_names": [p.name for p in periods],
        "languages": config["manifest_languages"],
    }


def run_add(args: argparse.Namespace) -> int:
    from ordskifte.add import AddError, add_document, add_url

    config = load_config(args.configfile)
    manifest = Path(args.manifest or config["manifest"])
    values = {name: getattr(args, name) for name in VALUE_OPTIONS}
    values["url"] = args.url
    try:
        if args.file:
            added = add_document(
                args.file,
                manifest=manifest,
                folder=args.folder,
                values=values,
                dry_run=args.dry_run,
                **_checks(config),
            )
        elif args.url:
            added = add_url(
                manifest=manifest,
                folder=args.folder,
                values=values,
                dry_run=args.dry_run,
                **_checks(config),
            )
        else:
            print("ordskifte add: give a FILE or --url", file=sys.stderr)
            return 2
    except AddError as err:
        print(f"ordskifte add: {err}", file=sys.stderr)
        return 2
    verb = "would add" if args.dry_run else "added"
    print(f"{verb} {added.row['doc_id']} as {added.file}")
    if added.sha256:
        print(f"  sha256    {added.sha256}")
    for column, value in added.row.items():
        print(f"  {column:<9} {value}  [{added.guesses.get(column, 'given')}]")
    if not args.dry_run:
        print(
            f"Check the row in {manifest} (correct any guess there), then run "
            "`snakemake --cores 4 -n` to see the jobs: the new document's own jobs and the "
            "corpus-wide tables."
        )
    return 0


def _actor_list(config: dict) -> list:
    """The actor dictionary's list, from its file (found as the workflow finds it) or the
    config itself."""
    from ordskifte.ingest.settings import shipped

    if not isinstance(config["actors"], str):
        return config["actors"]
    with open(shipped(config["actors"], ROOT), encoding="utf-8") as fh:
        return (yaml.safe_load(fh) or {}).get("actors", [])


def run_verify(args: argparse.Namespace) -> int:
    from ordskifte.ingest import provenance
    from ordskifte.ingest.manifest import read_manifest
    from ordskifte.ingest.settings import config_text, effective_config, resource_files

    card_path = Path(args.results) / "provenance.json"
    if not card_path.is_file():
        print(
            f"ordskifte verify: {card_path} not found; run the workflow first, or give the "
            "results folder with --results",
            file=sys.stderr,
        )
        return 2
    card = provenance.read_card(card_path)
    config = load_config(args.configfile)
    effective = effective_config(config, actors=_actor_list(config))
    manifest = Path(config["manifest"])
    rows = read_manifest(manifest) if manifest.is_file() else None
    documents = (
        {}
        if rows is None
        else {
            doc: manifest.parent / file
            for doc, file in zip(rows["doc_id"], rows["file"], strict=True)
        }
    )
    current = provenance.current_card(
        config_text=config_text(effective),
        manifest=manifest,
        documents=documents,
        resources=resource_files(config, ROOT),
        seed=config["seed"],
        lock=ROOT / provenance.LOCK_NAME,
    )
    diffs = provenance.compare(card, current)
    snapshot = Path(args.results) / "corpus" / "config.yaml"
    if any(d.part == "config" for d in diffs) and snapshot.is_file():
        with open(snapshot, encoding="utf-8") as fh:
            diffs += provenance.config_differences(yaml.safe_load(fh) or {}, effective)
    print(provenance.report(card, diffs, card_path=card_path))
    return 1 if diffs else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "add":
        return run_add(args)
    if args.command == "verify":
        return run_verify(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
