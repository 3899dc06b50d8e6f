"""A company profile against rule files: which rules apply, which do not, which need more data.

The evaluator is our own three-valued reading of the compiled JsonLogic: a comparison on a
variable the profile lacks is unknown (not false), so the answer can name what to ask for, and
a rule that does not apply names the comparisons that failed (`营业收入.上一年度 5000万元 < 6000万元`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .logic import MATCHED_KINDS, compile_rule, unit_of
from .profile import read_profile, tested

_COMPARE: dict[str, Callable[[object, object], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "≠"}
STATUSES = ("applies", "does_not_apply", "unknown", "needs_review")


@dataclass
class Verdict:
    result: bool | None  # None: unknown
    missing: set[str] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)  # the false comparisons that settle a False


def evaluate(logic: dict, data: dict) -> Verdict:
    """True, False or None (unknown), with the variables found missing and the failed comparisons."""
    ((op, args),) = logic.items()
    if op in ("and", "or"):
        parts = [evaluate(a, data) for a in args]
        values = [p.result for p in parts]
        decisive = op == "or"  # the value that settles the whole: True for or, False for and
        missing = set().union(*(p.missing for p in parts))
        failed = [f for p in parts if p.result is False for f in p.failed]
        if decisive in values:
            return Verdict(decisive, missing, [] if decisive else failed)
        if None in values:
            return Verdict(None, missing)
        return Verdict(not decisive, missing, failed)
    name, bound = args[0]["var"], args[1]
    value = data.get(name)
    if value is None:
        return Verdict(None, {name})
    if _COMPARE[op](value, bound):
        return Verdict(True)
    unit = unit_of(name)
    return Verdict(False, failed=[f"{name} {amount_text(value, unit)} {_NEGATED[op]} {amount_text(bound, unit)}"])


def amount_text(value: object, unit: str | None) -> str:
    """How a person writes a value: `6000万元`, `12%`, `15万元/亩`, 是/否."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if not isinstance(value, int | float):
        return str(value)
    money, _, per = (unit or "").partition("/")
    if money == "CNY":
        size, word = next(((s, w) for s, w in _SCALES if abs(value) >= s), (1, "元"))
        return _number(value / size) + word + (f"/{per}" if per else "")
    return _number(value) + (unit or "")


_SCALES = ((10**8, "亿元"), (10**4, "万元"))


def _number(x: float) -> str:
    """All the digits a value has, none it has not (`1.23456789`, `6000`)."""
    return f"{x:.8f}".rstrip("0").rstrip(".")


def _most(rule: dict) -> dict | None:
    """The largest amount a rule can pay: a range's top, a cap, or the fixed sum."""
    benefits = [b for b in rule["benefits"] if "value" in b or "max" in b]
    amounts = [b["max"] | {"per": b.get("per")} if "max" in b else b for b in benefits]
    if not amounts:
        return None
    best = max(amounts, key=lambda b: b["value"])
    return {"value": best["value"], "unit": best["unit"], "text": best.get("text"), "per": best.get("per")}


def review_reasons(rule: dict) -> list[str]:
    """Why a rule needs review: its own reasons, or those of compiling it now (older rule files)."""
    return list(rule.get("review") or compile_rule(rule).problems or ["needs review"])


def _status(rule: dict, data: dict) -> tuple[str, list[str], list[str]]:
    """(status, missing variables, reasons)."""
    if rule.get("needs_review") or rule.get("logic") is None:
        return "needs_review", [], review_reasons(rule)
    verdict = evaluate(rule["logic"], data)
    if verdict.result is None:
        missing = sorted(verdict.missing)
        return "unknown", missing, [f"supply {name}" for name in missing]
    return ("applies", [], []) if verdict.result else ("does_not_apply", [], verdict.failed)


def measure(rule: dict, cited: dict[str, str]) -> str:
    """The clause as a reader cites it (`三、（四）`, `第八条`) from the rule file's clause list, or
    its own label where the list is missing (older rule files), with its title
    (`三、（三）提高企业创新能力`)."""
    label = cited.get(rule["clause"]) or rule.get("clause_label") or rule["clause"]
    return label + (rule.get("clause_title") or "")


def valid_on(document: dict, day: date) -> bool:
    start, until = document.get("valid_from"), document.get("valid_until")
    return (not start or start <= day.isoformat()) and (not until or day.isoformat() <= until)


def rule_rows(rule_files: list[dict]) -> Iterator[tuple[dict, dict, dict]]:
    """(document, rule, the row's leading fields) for every benefit or eligibility rule."""
    for rf in rule_files:
        doc = rf["document"]
        cited = {c["id"]: c["cited_as"] for c in rf.get("clauses", ())}
        for rule in rf["rules"]:
            if rule["kind"] in MATCHED_KINDS:
                yield doc, rule, {
                    "document": doc.get("policy_title") or doc.get("title"),
                    "doc_number": doc.get("doc_number"),
                    "rule": rule["id"],
                    "measure": measure(rule, cited),
                }


def match(profile: dict, rule_files: list[dict], today: date) -> list[dict]:
    """One row per benefit or eligibility rule of every rule file. `profile` is nested or flat, its
    values as a person writes them (`8000万元`, 是); a value of the wrong kind raises ProfileError,
    a key that is no variable is left out (profile.read_profile says which)."""
    values = read_profile(profile, set(tested(rule_files))).values
    rows = []
    for doc, rule, lead in rule_rows(rule_files):
        status, missing, reasons = _status(rule, values)
        until = doc.get("valid_until")
        rows.append(
            lead
            | {
                "kind": rule["kind"],
                "status": status,
                "reasons": reasons,
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
