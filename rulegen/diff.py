"""Compare two versions of a policy: what a reviewer needs, not a character diff.

`diff(old, new)` aligns clauses by content (see align.py), then says for each change what it
means in rule terms: which amounts, thresholds and targets moved (with their role), which
benefits and conditions appeared or went, which responsible units were added or removed,
plus a word-level redline. Inputs are documents or rule files (`*.rules.json`).
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from zhengce.extract.words import words

from .align import Pair, Unit, align

DOCUMENT_FIELDS = ("title", "policy_title", "doc_number", "issuer", "issued_on", "valid_from", "valid_until",
                   "supersedes")
KINDS = ("modified", "renumbered", "moved", "added", "removed", "split", "merged", "unchanged")


@dataclass
class Version:
    """One side of a comparison: document fields and clause units (each carrying its rules)."""

    path: str
    document: dict
    units: list[Unit]




def _tokens(text: str) -> list[str]:
    """Words without whitespace: what alignment compares."""
    return [t for t in words(text) if t.strip()]


def _unit(clause: str, label: str | None, text: str, rules: list[dict]) -> Unit:
    parent = clause.rsplit(".", 1)[0] if "." in clause else None
    body = text[len(label) :].strip() if label and text.startswith(label) else text
    unit = Unit(clause, label, parent, text, body or text, rules)
    unit.tokens = _tokens(unit.body)
    return unit


def load(path: str | Path) -> Version:
    """A document (any format the pipeline reads) or a rule file, as clause units with their rules."""
    path = str(path)
    if path.endswith(".rules.json"):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Version(path, data["document"], _units_of_rules(data["rules"]))
    from zhengce.rulegen.build import rule_file

    from zhengce.pipeline import parse

    doc = parse(path)
    rules = rule_file(doc)
    by_clause: dict[str, list[dict]] = {}
    for rule in rules["rules"]:
        by_clause.setdefault(rule["clause"], []).append(rule)
    units = []
    if doc.preamble:
        text = "\n".join(doc.span_text(p) for p in doc.preamble)
        units.append(_unit("preamble", None, text, by_clause.get("preamble", [])))
    for clause in doc.walk():
        text = doc.clause_text(clause)
        if text.strip():
            units.append(_unit(clause.id, clause.label, text, by_clause.get(clause.id, [])))
    return Version(path, rules["document"], units)


def _units_of_rules(rules: list[dict]) -> list[Unit]:
    """A rule file keeps only clauses with facts; their text is the union of the rules' blocks."""
    grouped: dict[str, list[dict]] = {}
    for rule in rules:
        grouped.setdefault(rule["clause"], []).append(rule)
    units = []
    for clause, members in grouped.items():
        text = "\n".join(dict.fromkeys(r["text"] for r in members))
        units.append(_unit(clause, members[0].get("clause_label"), text, members))
    return units


def _quantities(rules: list[dict]) -> list[dict]:
    """Every figure of the rules with its role: benefit, threshold or target."""
    out = []
    for rule in rules:
        for role, key in (("benefit", "benefits"), ("threshold", "conditions"), ("target", "targets")):
            for fact in rule.get(key, []):
                value = fact.get("value")
                if value is None and (fact.get("min") or fact.get("max")):
                    value = {k: (fact.get(k) or {}).get("value") for k in ("min", "max")}
                if value is not None:
                    name = fact.get("metric") or fact.get("kind")
                    out.append({"role": role, "metric": name, "value": value, "unit": fact.get("unit"),
                                "op": fact.get("op"), "text": fact.get("text")})
    return out


def _same(q: dict) -> tuple:
    return (q["role"], q["metric"], json.dumps(q["value"]), q["unit"], q["op"])


def _side(q: dict | None) -> dict | None:
    return {k: q[k] for k in ("value", "unit", "op", "text")} if q else None


def quantity_changes(old_rules: list[dict], new_rules: list[dict]) -> list[dict]:
    """Figures old -> new per role; a figure with no counterpart was added (old None) or dropped (new None)."""
    changes = []
    for role in ("benefit", "threshold", "target"):
        a = [q for q in _quantities(old_rules) if q["role"] == role]
        b = [q for q in _quantities(new_rules) if q["role"] == role]
        matcher = difflib.SequenceMatcher(None, [_same(q) for q in a], [_same(q) for q in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                o = olds[k] if k < len(olds) else None
                n = news[k] if k < len(news) else None
                changes.append({"role": role, "metric": (n or o)["metric"], "old": _side(o), "new": _side(n)})
    return changes


def _added_removed(old: list[str], new: list[str]) -> dict:
    return {"added": [x for x in new if x not in old], "removed": [x for x in old if x not in new]}


def _units(rules: list[dict]) -> list[str]:
    return list(dict.fromkeys(u for r in rules for u in r.get("responsible_units", []) + r.get("lead_units", [])))


def _conditions(rules: list[dict]) -> list[str]:
    """Conditions by what they ask (metric or qualification), so a changed figure is not a new condition."""
    names = (c.get("metric") or c.get("text") or c.get("quote") for r in rules for c in r.get("conditions", []))
    return list(dict.fromkeys(n for n in names if n))


def redline(old: str, new: str) -> list[dict]:
    """Word-level edit script: runs of `same`, `del` and `ins` text."""
    a, b = words(old), words(new)
    out: list[dict] = []

    def push(op: str, text: str) -> None:
        if out and out[-1]["op"] == op:
            out[-1]["text"] += text
        elif text:
            out.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("same", "".join(a[i1:i2]))
        else:
            push("del", "".join(a[i1:i2]))
            push("ins", "".join(b[j1:j2]))
    return out


def _clause(units: list[Unit]) -> dict | None:
    if not units:
        return None
    return {"clause": ", ".join(u.clause for u in units), "label": " ".join(u.label or "" for u in units).strip(),
            "text": "\n".join(u.text for u in units)}


def change(pair: Pair) -> dict:
    """The report entry of one aligned pair."""
    old_rules = [r for u in pair.old for r in u.rules]
    new_rules = [r for u in pair.new for r in u.rules]
    old_text = "\n".join(u.text for u in pair.old)
    new_text = "\n".join(u.text for u in pair.new)
    wording = pair.kind in ("modified", "split", "merged")
    return {
        "kind": pair.kind,
        "old": _clause(pair.old),
        "new": _clause(pair.new),
        "similarity": round(pair.score, 1),
        "quantities": quantity_changes(old_rules, new_rules),
        "units": _added_removed(_units(old_rules), _units(new_rules)),
        "conditions": _added_removed(_conditions(old_rules), _conditions(new_rules)),
        "redline": redline(old_text, new_text) if wording else [],
    }


def document_changes(old: dict, new: dict) -> list[dict]:
    return [{"field": f, "old": old.get(f), "new": new.get(f)} for f in DOCUMENT_FIELDS if old.get(f) != new.get(f)]


def summary(changes: list[dict], unchanged: int, doc_changes: list[dict]) -> dict:
    counts = Counter(c["kind"] for c in changes)
    counts["unchanged"] = unchanged
    money = [
        {"clause": (c["new"] or c["old"])["clause"], "role": q["role"], "metric": q["metric"],
         "old": q["old"], "new": q["new"]}
        for c in changes
        for q in c["quantities"]
        if str((q["new"] or q["old"])["unit"] or "").startswith("CNY")
    ]
    validity = {d["field"]: {"old": d["old"], "new": d["new"]} for d in doc_changes
                if d["field"] in ("valid_from", "valid_until")}
    return {"counts": {k: counts.get(k, 0) for k in KINDS}, "money": money, "validity": validity or None}


def compare(old: Version, new: Version) -> dict:
    """The report of two loaded versions (see `diff`)."""
    pairs = align(old.units, new.units)
    changes = [change(p) for p in pairs if p.kind != "unchanged"]
    unchanged = sum(1 for p in pairs if p.kind == "unchanged")
    doc_changes = document_changes(old.document, new.document)
    return {
        "old": {"path": old.path, "title": old.document.get("title")},
        "new": {"path": new.path, "title": new.document.get("title")},
        "changes": changes,
        "document_changes": doc_changes,
        "summary": summary(changes, unchanged, doc_changes),
    }


def diff(old: str | Path, new: str | Path) -> dict:
    """The change report between two versions of a policy, as a JSON-ready dict."""
    return compare(load(old), load(new))
