"""A company profile against rule files: which rules apply, which do not, which need more data.

The evaluator is our own three-valued reading of the compiled JsonLogic: a comparison on a
variable the profile lacks is unknown (not false), so the answer can name what to ask for.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date

from zhengce.normalize.numbers import find_amounts

_COMPARE: dict[str, Callable[[object, object], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
MATCHED_KINDS = ("benefit", "eligibility")


def flatten(profile: dict, prefix: str = "") -> dict:
    """`{"营业收入": {"上一年度": 8e7}}` and `{"营业收入.上一年度": 8e7}` are the same profile."""
    out: dict = {}
    for key, value in profile.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= flatten(value, f"{name}.")
        else:
            out[name] = _amount(value)
    return out


def _amount(value: object) -> object:
    """`"8000万元"` -> 80000000 and `"12%"` -> 12, as the rule files count money and percentages."""
    if isinstance(value, str):
        amounts = find_amounts(value.strip())
        if len(amounts) == 1 and amounts[0].written == value.strip():
            return amounts[0].value
    return value


def evaluate(logic: dict, data: dict, missing: set[str]) -> bool | None:
    """True, False or None (unknown); the variables found missing are added to `missing`."""
    ((op, args),) = logic.items()
    if op in ("and", "or"):
        values = [evaluate(a, data, missing) for a in args]
        decisive = op == "or"  # the value that settles the whole: True for or, False for and
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    left, right = (_value(a, data, missing) for a in args)
    if left is None or right is None:
        return None
    return _COMPARE[op](left, right)


def _value(arg: object, data: dict, missing: set[str]) -> object:
    if isinstance(arg, dict) and "var" in arg:
        name = arg["var"]
        if data.get(name) is None:
            missing.add(name)
            return None
        return data[name]
    return arg


def _most(rule: dict) -> dict | None:
    """The largest amount a rule can pay: a range's top, a cap, or the fixed sum."""
    benefits = [b for b in rule["benefits"] if "value" in b or "max" in b]
    amounts = [b["max"] | {"per": b.get("per")} if "max" in b else b for b in benefits]
    if not amounts:
        return None
    best = max(amounts, key=lambda b: b["value"])
    return {"value": best["value"], "unit": best["unit"], "text": best.get("text"), "per": best.get("per")}


def _status(rule: dict, data: dict) -> tuple[str, list[str]]:
    if rule.get("needs_review") or rule.get("logic") is None:
        return "needs_review", []
    missing: set[str] = set()
    result = evaluate(rule["logic"], data, missing)
    if result is None:
        return "unknown", sorted(missing)
    return ("applies" if result else "does_not_apply"), []


def match(profile: dict, rule_files: list[dict], today: date) -> list[dict]:
    """One row per benefit or eligibility rule of every rule file."""
    data = flatten(profile)
    rows = []
    for rf in rule_files:
        doc = rf["document"]
        until = doc.get("valid_until")
        for rule in rf["rules"]:
            if rule["kind"] not in MATCHED_KINDS:
                continue
            status, missing = _status(rule, data)
            rows.append(
                {
                    "document": doc.get("policy_title") or doc.get("title"),
                    "doc_number": doc.get("doc_number"),
                    "rule": rule["id"],
                    "kind": rule["kind"],
                    "status": status,
                    "missing": missing,
                    "benefit": _most(rule),
                    "benefit_kind": next((b["kind"] for b in rule["benefits"] if b.get("kind")), None),
                    "responsible_units": rule["responsible_units"],
                    "valid_from": doc.get("valid_from"),
                    "valid_until": until,
                    "expired": bool(until) and until < today.isoformat(),
                    "quote": rule["quote"],
                }
            )
    return rows
