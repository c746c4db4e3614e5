"""config.yaml and its schema document every key once and agree with each other.

config.yaml is the user's manual (a comment for every key), workflow/schemas/config.schema.yaml
checks it (a ``description:`` for every property) and fills in what a config leaves out (its
``default:``). The two must give the same run: a key left out of config.yaml behaves as if it
had the value config.yaml ships.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG_TEXT = (ROOT / "config.yaml").read_text(encoding="utf-8")
CONFIG = yaml.safe_load(CONFIG_TEXT)
SCHEMAS = ROOT / "workflow" / "schemas"
SCHEMA = yaml.safe_load((SCHEMAS / "config.schema.yaml").read_text(encoding="utf-8"))


def _defaults_differing(value, schema: dict, path: str) -> list[str]:
    """Where ``value`` (a config.yaml entry) differs from the schema's defaults, recursively:
    an object with ``properties`` is compared key by key, anything else with its ``default``.
    No default is left out or different on purpose: the shipped values are corpus-specific
    (periods, concepts, actors, genre pairs) but harmless elsewhere, and a key left out of a
    config should behave as the shipped one."""
    if isinstance(value, dict) and "properties" in schema:
        out = []
        for key, sub in value.items():
            out += _defaults_differing(sub, schema["properties"][key], f"{path}.{key}")
        missing = set(schema["properties"]) - set(value)
        out += [f"{path}.{key}: not in config.yaml" for key in sorted(missing)]
        return out
    if "default" not in schema:
        return [f"{path}: the schema has no default"]
    if schema["default"] != value:
        return [f"{path}: config.yaml {value!r}, schema default {schema['default']!r}"]
    return []


def test_config_yaml_is_valid():
    jsonschema.validate(CONFIG, SCHEMA)


def test_every_config_value_is_the_schema_default():
    problems = []
    for key, value in CONFIG.items():
        problems += _defaults_differing(value, SCHEMA["properties"][key], key)
    assert not problems, problems


def test_config_yaml_has_every_schema_key():
    assert set(CONFIG) == set(SCHEMA["properties"])


def test_an_empty_config_validated_as_the_workflow_does_is_config_yaml():
    """The workflow's own check (snakemake.utils.validate, which fills in the defaults) turns an
    empty config into config.yaml."""
    from snakemake.utils import validate

    filled: dict = {}
    validate(filled, str(SCHEMAS / "config.schema.yaml"))
    assert filled == CONFIG


def _properties(schema: dict, path: str):
    """(path, subschema) of every property of ``schema``, recursively, through items,
    oneOf alternatives and definitions."""
    for key, sub in schema.get("properties", {}).items():
        yield f"{path}.{key}".lstrip("."), sub
        yield from _properties(sub, f"{path}.{key}")
    for name, sub in {**schema.get("definitions", {}), **schema.get("$defs", {})}.items():
        yield from _properties(sub, f"{path}#{name}")
    if isinstance(schema.get("items"), dict):
        yield from _properties(schema["items"], f"{path}[]")
    for alternative in schema.get("oneOf", []) + schema.get("anyOf", []):
        yield from _properties(alternative, path)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _properties(schema["additionalProperties"], f"{path}.*")


@pytest.mark.parametrize("name", ["config.schema.yaml", "actors.schema.yaml"])
def test_every_schema_property_has_a_description(name):
    schema = yaml.safe_load((SCHEMAS / name).read_text(encoding="utf-8"))
    undocumented = [path for path, sub in _properties(schema, "") if not sub.get("description")]
    assert not undocumented, f"{name}: properties without a description: {undocumented}"


def test_every_top_level_key_has_a_comment_in_config_yaml():
    """A comment line right above the key, or a comment on the key's own line."""
    lines = CONFIG_TEXT.splitlines()
    uncommented = []
    for key in SCHEMA["properties"]:
        at = [i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}:", line)]
        assert len(at) == 1, f"{key} is not once at the start of a line of config.yaml"
        i = at[0]
        if not (" #" in lines[i] or (i > 0 and lines[i - 1].startswith("#"))):
            uncommented.append(key)
    assert not uncommented, f"keys of config.yaml without a comment: {uncommented}"


def test_the_shipped_actor_dictionary_is_valid():
    actors = yaml.safe_load((ROOT / CONFIG["actors"]).read_text(encoding="utf-8"))
    schema = yaml.safe_load((SCHEMAS / "actors.schema.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(actors, schema)
    assert len(actors["actors"]) >= 20
