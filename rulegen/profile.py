"""Enterprise profiles: reading what a person writes (`8000万元`, `12%`, 是/否) into the values the
rule files compare with, and the template that lists every variable some rule files test.

A profile is nested (`营业收入: {上一年度: 8000万元}`) or flat (`营业收入.上一年度: 8000万元`);
a variable's unit comes from normalize/data/vocabulary.json (`bool` for recognitions named from
a notice's text), so a value of the wrong kind is an error naming its key, never a silent miss.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import regex
import yaml
from rapidfuzz import process
from zhengce.normalize.numbers import find_amounts

from .logic import BOOL, MATCHED_KINDS, unit_of, variables, vocabulary


class ProfileError(ValueError):
    """A profile value that cannot be read for its variable."""


@cache
def _booleans() -> dict[str, bool]:
    data = json.loads((resources.files("zhengce.normalize") / "data" / "booleans.json").read_text(encoding="utf-8"))
    return {w.lower(): truth for truth in (True, False) for w in data[str(truth).lower()]}


def flatten(profile: dict, prefix: str = "") -> dict:
    """`{"营业收入": {"上一年度": 8e7}}` and `{"营业收入.上一年度": 8e7}` are the same profile."""
    out: dict = {}
    for key, value in profile.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= flatten(value, f"{name}.")
        else:
            out[name] = value
    return out


def value_for(name: str, value: object, unit: str) -> object:
    """A written value as the rule files count it: yuan for `8000万元`, 12 for `12%`, a bool for
    是/否; ProfileError naming `name` when it is not of the variable's kind."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if unit == BOOL:
        if isinstance(value, bool):
            return value
        truth = _booleans().get(str(value).strip().lower())
        if truth is None:
            raise ProfileError(f"{name}: {value!r} is not yes or no (true/false, 是/否, 有/无)")
        return truth
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ProfileError(f"{name}: {value!r} is not an amount in {unit}")
    if isinstance(value, str):
        return _written_amount(name, value, unit)
    return value


def _written_amount(name: str, value: str, unit: str) -> int | float:
    """`8000万元` (or `8000万` for money), `-3%`, `1,000`, `8e7` as a number in `unit`."""
    written = value.strip().replace(",", "")
    sign, written = (-1, written[1:]) if written[:1] in ("-", "−", "负") else (1, written)
    for number in (int, float):
        try:
            return sign * number(written)
        except ValueError:
            pass
    if unit.startswith("CNY") and written.endswith(("万", "亿")):
        written += "元"
    amounts = find_amounts(written)
    if len(amounts) != 1 or amounts[0].written != written:
        raise ProfileError(f"{name}: {value!r} is not an amount in {unit}")
    a = amounts[0]
    found = f"{a.unit}/{a.per}" if a.per else a.unit
    if found != unit and found not in vocabulary().get(name, {}).get("same_units", ()):
        raise ProfileError(f"{name}: {value!r} is in {found}, where {name} is in {unit}")
    return sign * a.value


def load_profile(path: Path) -> dict:
    """The mapping a profile file (YAML or JSON) holds; ProfileError saying what is wrong with it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML reads JSON too
    except OSError as e:
        raise ProfileError(e.strerror or str(e)) from None
    except (UnicodeDecodeError, yaml.YAMLError) as e:
        raise ProfileError(f"not YAML or JSON ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ProfileError("a profile is a mapping of variables to values")
    return data


@dataclass
class Profile:
    values: dict[str, object]  # variable -> value as the rule files count it
    warnings: list[str]


def read_profile(profile: dict, known: set[str]) -> Profile:
    """The profile's values by variable; a key that is no variable of the vocabulary or of `known`
    (those the rule files test, see `tested`) is a warning naming the closest known variable."""
    values, warnings = {}, []
    names = set(vocabulary()) | known
    for key, value in flatten(profile).items():
        if key not in names:
            close = process.extractOne(key, sorted(names))
            hint = f" (did you mean {close[0]}?)" if close else ""
            warnings.append(f"{key}: not a variable of the vocabulary or the rule files{hint}")
            continue
        values[key] = value_for(key, value, unit_of(key) or BOOL)
    return Profile(values, warnings)


def tested(rule_files: list[dict]) -> dict[str, str]:
    """Every variable the benefit and eligibility rules test -> the quote of the first that does; a quantity
    named from a notice's text (no unit known: its rule needs review and is never evaluated) is left out."""
    found: dict[str, str] = {}
    for rf in rule_files:
        for rule in rf["rules"]:
            if rule["kind"] in MATCHED_KINDS and rule.get("logic"):
                for name in variables(rule["logic"]):
                    if unit_of(name):
                        found.setdefault(name, rule["quote"])
    return found


def template_rows(rule_files: list[dict]) -> list[dict]:
    """Every variable the rule files test, in name order, with its unit, description and one quote."""
    return [
        {
            "name": name,
            "quote": quote,
            "unit": unit_of(name),
            "description": vocabulary().get(name, {}).get("description") or "认定（称号、奖项），按通知原文",
        }
        for name, quote in sorted(tested(rule_files).items())
    ]


def nested(flat: dict) -> dict:
    """`{"a.b": 1}` -> `{"a": {"b": 1}}`: how JsonLogic and a person's profile read dotted names."""
    out: dict = {}
    for name, value in flat.items():
        *heads, last = name.split(".")
        node = out
        for head in heads:
            node = node.setdefault(head, {})
        node[last] = value
    return out


_HEADER = """\
# zhengce profile: every variable the rule files test. Fill in what you know, leave the rest null.
# Money: yuan or "8000万元"; percentages: 12 or "12%"; yes/no: true/false, 是/否, 有/无.
# Then: zhengce match THIS_FILE RULES…
"""
_PLAIN_KEY = regex.compile(r"[\p{Han}\w“”《》（）·-]+")


def render_template(rows: list[dict], fmt: str) -> str:
    """The profile template as JSON (nested, every value null) or YAML with a comment per variable:
    what it is, its unit and one quote where it is tested."""
    empty = nested(dict.fromkeys(row["name"] for row in rows))
    if fmt == "json":
        return json.dumps(empty, ensure_ascii=False, indent=2) + "\n"
    about = {row["name"]: row for row in rows}
    lines = [_HEADER]

    def walk(node: dict, path: str, depth: int) -> None:
        for key, value in node.items():
            name, indent = f"{path}{key}", "  " * depth
            shown = key if _PLAIN_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
            if isinstance(value, dict):
                lines.append(f"{indent}{shown}:")
                walk(value, f"{name}.", depth + 1)
                continue
            row = about[name]
            quote = " ".join(row["quote"].split())
            quote = quote if len(quote) <= 60 else quote[:60] + "…"
            lines.append(f"{indent}# {row['description']}; {row['unit']}; 「{quote}」")
            lines.append(f"{indent}{shown}: null")

    walk(empty, "", 0)
    return "\n".join(lines) + "\n"
