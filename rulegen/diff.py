"""Compare two versions of a policy: what a reviewer needs, not a character diff.

`diff(old, new)` aligns clauses by content (see align.py), then says for each change what it
means in rule terms: which amounts, thresholds, targets and other figures moved (with their
role), which conditions appeared or went, which responsible units were added or removed,
plus a word-level redline of the two texts. Inputs are documents or rule files (versions.py).
Whitespace and punctuation style (`,` / `，`) are never changes.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from pathlib import Path

from zhengce.extract.validity import read_validity
from zhengce.extract.words import words

from .align import Pair, Unit, align
from .versions import Version, house, load

DOCUMENT_FIELDS = ("title", "policy_title", "doc_number", "issuer", "issued_on", "valid_from", "valid_until",
                   "supersedes")
VALIDITY_FIELDS = ("valid_from", "valid_until")
KINDS = ("modified", "renumbered", "moved", "added", "removed", "split", "merged", "unchanged")
# role -> the rule keys holding its figures (`other_quantities` is the older name of `others`)
ROLE_KEYS = {"benefit": ("benefits",), "threshold": ("conditions",), "target": ("targets",),
             "other": ("others", "other_quantities")}


def _figure(fact: dict) -> object:
    value = fact.get("value")
    if value is None and (fact.get("min") or fact.get("max")):
        value = {k: (fact.get(k) or {}).get("value") for k in ("min", "max")}
    return value


def _quantities(rules: list[dict], role: str) -> list[dict]:
    """Every figure of the rules in one role, in the order the rules state them."""
    out = []
    for rule in rules:
        facts = next((rule[k] for k in ROLE_KEYS[role] if rule.get(k)), [])
        for fact in facts:
            value = _figure(fact)
            if value is not None:
                out.append({"metric": fact.get("metric") or fact.get("kind"), "value": value, "unit": fact.get("unit"),
                            "op": fact.get("op"), "text": fact.get("text")})
    return out


def _same(q: dict) -> tuple:
    return (q["metric"], json.dumps(q["value"]), q["unit"], q["op"])


def _side(q: dict | None) -> dict | None:
    return {k: q[k] for k in ("value", "unit", "op", "text")} if q else None


def quantity_changes(old_rules: list[dict], new_rules: list[dict]) -> list[dict]:
    """Figures old -> new per role; a figure with no counterpart was added (old None) or dropped (new None)."""
    changes = []
    for role in ROLE_KEYS:
        a, b = _quantities(old_rules, role), _quantities(new_rules, role)
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


def _reviews(rules: list[dict]) -> list[str]:
    """Why rules need a person's review (`review`: reasons as text or objects with one)."""
    out = []
    for rule in rules:
        for item in rule.get("review") or []:
            out.append(item if isinstance(item, str) else str(item.get("reason") or item.get("text") or item))
    return list(dict.fromkeys(out))


def _pieces(text: str) -> tuple[list[str], list[str]]:
    """Words of the house-style text (keys) and what each shows, whitespace glued to the word before."""
    keys: list[str] = []
    shown: list[str] = []
    lead = ""
    for w in words(house(text)):
        if not w.strip():
            if shown:
                shown[-1] += w
            else:
                lead += w
            continue
        keys.append(w)
        shown.append(lead + w)
        lead = ""
    return keys, shown


def redline(old: str, new: str) -> list[dict]:
    """Word-level edit script: runs of `same`, `del` and `ins`. A `same` run shows the new text and
    carries `old` where the old one is laid out differently (line breaks, spaces)."""
    (ka, a), (kb, b) = _pieces(old), _pieces(new)
    out: list[dict] = []

    def push(op: str, text: str, was: str | None = None) -> None:
        if not text:
            return
        if out and out[-1]["op"] == op:
            out[-1]["text"] += text
            if op == "same":
                out[-1]["old"] = out[-1].get("old", out[-1]["text"][: -len(text)]) + (was or text)
        else:
            out.append({"op": op, "text": text} | ({"old": was} if op == "same" else {}))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            push("same", "".join(b[j1:j2]), "".join(a[i1:i2]))
        else:
            push("del", "".join(a[i1:i2]))
            push("ins", "".join(b[j1:j2]))
    for r in out:
        if r.get("old") == r["text"]:
            del r["old"]
    return out


def _clause(units: list[Unit]) -> dict | None:
    if not units:
        return None
    return {"clause": ", ".join(u.clause for u in units), "label": " / ".join(u.label or "" for u in units),
            "text": "\n".join(u.text for u in units)}


def change(pair: Pair) -> dict:
    """The report entry of one aligned pair: both clauses, what their figures and units did, the redline."""
    old_rules = [r for u in pair.old for r in u.rules]
    new_rules = [r for u in pair.new for r in u.rules]
    return {
        "kind": pair.kind,
        "old": _clause(pair.old),
        "new": _clause(pair.new),
        "similarity": round(pair.score, 1),
        "quantities": quantity_changes(old_rules, new_rules),
        "units": _added_removed(_units(old_rules), _units(new_rules)),
        "conditions": _added_removed(_conditions(old_rules), _conditions(new_rules)),
        "review": _added_removed(_reviews(old_rules), _reviews(new_rules)),
        "redline": redline("\n".join(u.text for u in pair.old), "\n".join(u.text for u in pair.new)),
    }


def document_changes(old: dict, new: dict) -> list[dict]:
    return [{"field": f, "old": old.get(f), "new": new.get(f)} for f in DOCUMENT_FIELDS if old.get(f) != new.get(f)]


def _states_validity(side: dict | None) -> bool:
    """Whether a clause says when the policy applies (施行, 有效期): where a validity change is explained."""
    if side is None:
        return False
    found = read_validity(side["text"], None)
    return bool(found.statement or found.valid_from or found.valid_until)


def place_validity(changes: list[dict], validity: dict | None) -> None:
    """Give a changed validity to the changed clauses that state it (`validity` of a change, else None)."""
    for c in changes:
        stated = c["kind"] != "unchanged" and (_states_validity(c["old"]) or _states_validity(c["new"]))
        c["validity"] = validity if validity and stated else None


def summary(pairs: list[Pair], changes: list[dict], doc_changes: list[dict], old: Version, new: Version) -> dict:
    """Counts of clause changes, every money change, validity, and units added to or dropped from the document."""
    counts = Counter(p.kind for p in pairs)
    money = [
        {"clause": (c["new"] or c["old"])["clause"], "label": (c["new"] or c["old"])["label"], "role": q["role"],
         "metric": q["metric"], "old": q["old"], "new": q["new"]}
        for c in changes
        for q in c["quantities"]
        if str((q["new"] or q["old"])["unit"] or "").startswith("CNY")
    ]
    validity = {d["field"]: {"old": d["old"], "new": d["new"]} for d in doc_changes if d["field"] in VALIDITY_FIELDS}
    units = _added_removed(*(_units([r for u in v.units for r in u.rules]) for v in (old, new)))
    return {"counts": {k: counts.get(k, 0) for k in KINDS}, "money": money, "validity": validity or None,
            "units": units}


def compare(old: Version, new: Version, all_clauses: bool = False) -> dict:
    """The report of two loaded versions (see `diff`); `all_clauses` lists unchanged clauses too."""
    pairs = align(old.units, new.units)
    changes = [change(p) for p in pairs if all_clauses or p.kind != "unchanged"]
    doc_changes = document_changes(old.document, new.document)
    result_summary = summary(pairs, [c for c in changes if c["kind"] != "unchanged"], doc_changes, old, new)
    place_validity(changes, result_summary["validity"])
    return {
        "old": {"path": old.path, "title": old.document.get("title")},
        "new": {"path": new.path, "title": new.document.get("title")},
        "all_clauses": all_clauses,
        "changes": changes,
        "document_changes": doc_changes,
        "summary": result_summary,
    }


def diff(old: str | Path, new: str | Path, all_clauses: bool = False) -> dict:
    """The change report between two versions of a policy, as a JSON-ready dict."""
    return compare(load(old), load(new), all_clauses)
