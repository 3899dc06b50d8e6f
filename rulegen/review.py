"""The review queue: every rule a person must look at before `zhengce match` can use it, with why."""

from __future__ import annotations

from .match import review_reasons, rule_rows


def review_rows(rule_files: list[dict]) -> list[dict]:
    """One row per benefit or eligibility rule that needs review, with its reasons and quote."""
    return [
        lead | {"reasons": review_reasons(rule), "quote": rule["quote"]}
        for _, rule, lead in rule_rows(rule_files)
        if rule.get("needs_review") or rule.get("logic") is None
    ]
