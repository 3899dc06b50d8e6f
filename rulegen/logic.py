"""A rule's conditions to JsonLogic over the variables of `normalize/data/vocabulary.json`.

Only what the extractor structured compiles: a condition without a variable, with a variable
outside the vocabulary, in another unit or without an operator makes the rule `needs_review`,
so a rule is never true by default. A recognition (`新认定的国家高新技术企业`) compiles to a
boolean `认定.*` variable when the beneficiary text names exactly one vocabulary recognition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_SPAN_PERIODS = {"近两年": re.compile(r"近(?:两|2)年"), "近三年": re.compile(r"近(?:三|3)年")}
_COMPARISONS = (">=", ">", "<=", "<", "==")


@cache
def vocabulary() -> dict[str, dict]:
    """Variable name -> {description, unit, aliases}."""
    data = resources.files("zhengce.normalize") / "data" / "vocabulary.json"
    return json.loads(data.read_text(encoding="utf-8"))


@dataclass
class Compiled:
    logic: dict | None
    problems: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.problems)


def variable_of(condition: dict, previous: dict | None) -> str | None:
    """The vocabulary name of a condition's variable, with two readings the extractor leaves open:
    `近两年每年…增长不低于10%` is a 近两年 condition (each year, so the lower year counts), and
    `当年营业收入…且同比增长幅度…` gives the growth the period of the figure it is joined to."""
    name = condition.get("variable")
    if not name:
        return None
    metric, _, period = name.partition(".")
    quote = condition.get("quote", "")
    if period in ("", "每年"):
        span = next((p for p, pattern in _SPAN_PERIODS.items() if pattern.search(quote)), None)
        if span:
            period = span
    if not period and previous and previous.get("quote") == quote:
        period = (variable_of(previous, None) or "").partition(".")[2]
    return f"{metric}.{period}" if period else metric


@cache
def _recognitions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, aliases) of every `认定.*` variable."""
    return tuple((name, tuple(entry["aliases"])) for name, entry in vocabulary().items() if name.startswith("认定."))


def recognition_of(text: str) -> str | None:
    """The one `认定.*` variable whose alias `text` names; None when none or several do."""
    found: dict[str, str] = {}
    for name, aliases in _recognitions():
        hits = [a for a in aliases if a in text]
        if hits:
            found[name] = max(hits, key=len)
    # `中国质量奖提名奖` also contains `中国质量奖`: keep only the longest readings
    kept = {n for n, a in found.items() if not any(a != b and a in b for b in found.values())}
    return kept.pop() if len(kept) == 1 else None


def _compile_condition(conditions: list[dict], i: int) -> tuple[dict | None, str | None]:
    """(JsonLogic, None) or (None, the reason it cannot run)."""
    c = conditions[i]
    if c.get("kind") == "qualification":
        name = recognition_of(c.get("text", ""))
        if name is None:
            return None, f"qualification not in vocabulary: {c['text']}"
        return {"==": [{"var": name}, True]}, None
    name = variable_of(c, conditions[i - 1] if i else None)
    if name is None:
        return None, f"no variable for {c.get('text') or c.get('quote')}"
    entry = vocabulary().get(name)
    if entry is None:
        return None, f"variable not in vocabulary: {name}"
    if c.get("kind") != "sign" and c.get("unit") != entry["unit"]:
        return None, f"{name}: unit {c.get('unit')} is not {entry['unit']}"
    if c.get("op") not in _COMPARISONS:
        return None, f"{name}: no comparison for {c.get('text')}"
    if c.get("kind") == "sign":  # 利润为正数: compared with zero, in whatever unit the variable has
        return {c["op"]: [{"var": name}, c["bound"]]}, None
    return {c["op"]: [{"var": name}, c["value"]]}, None


def _combine(node: int | dict, parts: list[dict | None]) -> dict | None:
    if isinstance(node, int):
        return parts[node]
    word, items = ("and", node["all"]) if "all" in node else ("or", node["any"])
    operands = [_combine(item, parts) for item in items]
    if any(o is None for o in operands):
        return None
    return operands[0] if len(operands) == 1 else {word: operands}


def compile_rule(rule: dict) -> Compiled:
    """The JsonLogic of an eligibility or benefit rule; targets and bare measures have none."""
    if rule["kind"] not in ("benefit", "eligibility"):
        return Compiled(None)
    conditions = rule["conditions"]
    if not conditions:
        name = recognition_of(rule.get("quote") or "")
        if name:
            return Compiled({"==": [{"var": name}, True]})
        return Compiled(None, ["no condition structured"])
    compiled = [_compile_condition(conditions, i) for i in range(len(conditions))]
    problems = [reason for _, reason in compiled if reason]
    if problems:
        return Compiled(None, problems)
    tree = rule.get("condition_logic") or {"all": list(range(len(conditions)))}
    return Compiled(_combine(tree, [logic for logic, _ in compiled]))
