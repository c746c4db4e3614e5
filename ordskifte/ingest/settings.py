"""The effective configuration of a run, as ``results/corpus/config.yaml`` records it.

The workflow (``workflow/rules/common.smk``, rule ``config_snapshot``) and
``python -m ordskifte verify`` build it the same way, so that verify can tell whether the
current ``config.yaml`` is the one a results folder was made with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

CONFIG_HEADER = "# Effective configuration of this run (config.yaml + --config + schema defaults)\n"


def shipped(path: str, root: str | Path) -> str:
    """A file named in the config: in the working directory, else the one under ``root`` (the
    folder of the Snakefile: the stopword lists and the actor dictionary ship with ordskifte)."""
    return path if Path(path).exists() else str(Path(root) / path)


def resource_files(config: Mapping, root: str | Path) -> dict[str, str]:
    """The files the config names besides the manifest, by config key (``stopwords.nb``,
    ``actors``), found by :func:`shipped`: what the provenance card hashes."""
    files = {f"stopwords.{lang}": shipped(path, root) for lang, path in config["stopwords"].items()}
    if isinstance(config["actors"], str):
        files["actors"] = shipped(config["actors"], root)
    return files


def effective_config(config: Mapping, *, actors: Sequence[Mapping]) -> dict:
    """The config with the actor dictionary's list in place of its path, so that the snapshot
    alone reruns the same. File paths (the manifest, the stopword lists) stay as the config
    gives them, so that the snapshot does not depend on the folder it was made in; the
    provenance card records the sha256 of the files they name."""
    return {**config, "actors": list(actors)}


def config_text(config: Mapping) -> str:
    """The snapshot's text: a header line, then the config as YAML with sorted keys."""
    import yaml

    return CONFIG_HEADER + yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=True)
