"""One side of a comparison, loaded from a document or a rule file (JSON or YAML, told by content).

A document is compared through the rule file the pipeline makes of it, so a pair gives the
same report whichever way each side is handed in: the clause units come from the rule
file's `clauses` list (rules attached by clause id), or, for rule files written before that
list existed, from the rules alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from zhengce.extract.words import words
from zhengce.normalize.mapped import Mapped
from zhengce.normalize.text import house_style

from zhengce.errors import ZhengceError

from .align import Unit

_BINARY = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # PDF, DOCX (zip), old Office
_YAML_RULE_FILE = re.compile(r"^rules:", re.MULTILINE)
_SPACE = re.compile(r"\s+")


@dataclass
class Version:
    """One side of a comparison: document fields and clause units (each carrying its rules)."""

    path: str
    document: dict
    units: list[Unit]


def house(text: str) -> str:
    """The text in the pipeline's punctuation style, so `,` and `，` are the same character."""
    return house_style(Mapped.of(text)).text


def key(text: str) -> str:
    """What decides whether two texts say the same: house style, no whitespace at all."""
    return _SPACE.sub("", house(text))


def _unit(clause: str, label: str | None, cited: str | None, text: str, rules: list[dict]) -> Unit:
    parent = clause.rsplit(".", 1)[0] if "." in clause else None
    body = key(text[len(label) :] if label and text.startswith(label) else text) or key(text)
    tokens = [t for t in words(body) if t.strip()]
    return Unit(clause, cited or label or clause, parent, text, body, rules, tokens)


def units_of(data: dict) -> list[Unit]:
    """Clause units of a rule file: its clause list with the rules of each clause, then any rule left over."""
    by_clause: dict[str, list[dict]] = {}
    for rule in data.get("rules") or []:
        by_clause.setdefault(str(rule.get("clause")), []).append(rule)
    units = [_unit(c["id"], c.get("label"), c.get("cited_as"), c["text"], by_clause.pop(c["id"], []))
             for c in data.get("clauses") or []]
    for clause, members in by_clause.items():  # no clause list (older files), or rules outside it
        text = "\n".join(dict.fromkeys(str(r.get("text") or "") for r in members))
        units.append(_unit(clause, members[0].get("clause_label"), None, text, members))
    return units


def _rule_file_data(path: Path) -> dict | None:
    """The rule file in `path` if it is one (JSON or YAML, whatever its name), else None."""
    raw = path.read_bytes()
    if raw.startswith(_BINARY):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    head = text.lstrip()
    try:
        if head.startswith("{"):
            data = json.loads(text)
        elif _YAML_RULE_FILE.search(text) and re.search(r"^document:", text, re.MULTILINE):
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        else:
            return None
    except (ValueError, yaml.YAMLError) as e:
        raise ZhengceError(str(path), f"looks like a rule file but cannot be read: {str(e).splitlines()[0]}") from None
    if not (isinstance(data, dict) and isinstance(data.get("rules"), list) and isinstance(data.get("document"), dict)):
        raise ZhengceError(str(path), "not a rule file (a mapping with `document` and `rules`)")
    return data


def load(path: str | Path) -> Version:
    """A document (any format the pipeline reads) or a rule file, as clause units with their rules."""
    path = Path(path)
    if not path.is_file():
        raise ZhengceError(str(path), "no such file")
    data = _rule_file_data(path)
    if data is None:
        from zhengce.pipeline import extract

        data = extract(path)
    return Version(str(path), data["document"], units_of(data))
