"""The published JSON Schema of rule files, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def schema() -> dict:
    return json.loads((resources.files("zhengce.rulegen") / "rules.schema.json").read_text(encoding="utf-8"))


def validate(rule_file: dict) -> None:
    """Raise jsonschema.ValidationError when a rule file breaks the schema."""
    import jsonschema

    jsonschema.Draft202012Validator(schema()).validate(rule_file)
