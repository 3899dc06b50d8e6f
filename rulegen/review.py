"""The review queue: every rule a person must look at before `zhengce match` can use it, with why."""

from __future__ import annotations

from .logic import MATCHED_KINDS
from .match import review_reasons, rule_rows


def review_rows(rule_files: list[dict]) -> list[dict]:
    """One row per benefit or eligibility rule that needs review, with its reasons and quote."""
    return [
        lead | {"reasons": review_reasons(rule), "quote": rule["quote"]}
        for _, rule, lead in rule_rows(rule_files)
        if rule.get("needs_review") or rule.get("logic") is None
    ]


def compile_rate(rule_files: list[dict]) -> tuple[int, int]:
    """(benefit or eligibility rules with conditions that compile and need no review, all such rules):
    how much of the rule files `match` can use."""
    with_conditions = [
        rule for rf in rule_files for rule in rf["rules"] if rule["kind"] in MATCHED_KINDS and rule["conditions"]
    ]
    return sum(bool(r["logic"]) and not r.get("needs_review") for r in with_conditions), len(with_conditions)
