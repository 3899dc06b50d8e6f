"""Ablation of the role model: switch off each pattern group in turn and score both development sets.

    python bench/ablation.py [--markdown FILE]

A group is a row of `extract/patterns/roles.json`, a lexicon attribute (its cue label) or a
positional reading of `rules.py`/`facts.py` (see `extract/ablation.py`). For each group the table
gives the change in money and percent F1 with role, on the bundled five and on dev2, and the
documents whose strict matches it changes. A group that helps no document is a candidate to delete.

Leave-documents-out: the rules were written by hand from these documents, so there is nothing to
refit; what can be checked is whether each group is supported by more than the document it was
written for. For each document D, every group that helps D and no other document is switched off
and D is scored again. The sum over documents is the score a document gets from groups that other
documents justify: the estimate of how the model does on a notice it was not written from.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhengce.extract import ablation, nlp, roles  # noqa: E402

from bench import devscore  # noqa: E402

POSITIONAL = ["enumerated", "bound_notes", "formula_factor", "continues_previous", "sign"]
# rows that decide only what no other row places: they change nothing while a document's own rows
# stand, so their worth shows in the leave-documents-out score, which is given with and without them
BACKSTOPS = {"money_default"}
KINDS = ("money", "percent")


def groups() -> list[str]:
    labels = sorted({a.upper() for e in nlp.lexicon() for a in nlp.ATTRIBUTES if a in e})
    return [row.name for row in roles.table()] + labels + POSITIONAL


def per_document(off: set[str], stems: dict[str, set[str]] | None = None) -> dict[str, dict]:
    """Strict (role) and value matches per document and kind, with `off` switched off; `stems`
    limits each set to some documents."""
    ablation.OFF = set(off)
    out = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name in devscore.SETS:
                wanted = None if stems is None else stems.get(name, set())
                if wanted == set():
                    continue
                target = Path(tmp) / name
                target.mkdir()
                devscore.extract_set(name, target, wanted)
                gold = Path(tmp) / f"{name}_gold"
                gold.mkdir()
                for _, g in devscore.documents(name):
                    if wanted is None or g.name[: -len(".gold.json")] in wanted:
                        (gold / g.name).write_bytes(g.read_bytes())
                for stem, res in devscore.score_dir(target, gold)["documents"].items():
                    out[stem] = {"set": name} | {k: {f: res[k][f] for f in ("gold", "system", "tp", "tp_strict")}
                                                  for k in KINDS}
    finally:
        ablation.OFF = set()
    return out


def f1(docs: dict[str, dict], kind: str, sets: tuple[str, ...]) -> float:
    rows = [d[kind] for d in docs.values() if d["set"] in sets]
    tp, system, gold = (sum(r[f] for r in rows) for f in ("tp_strict", "system", "gold"))
    return 2 * tp / (system + gold) if system + gold else 1.0


def summary(docs: dict[str, dict]) -> dict[str, float]:
    return {f"{k} {s}": f1(docs, k, sets) for k in KINDS for s, sets in
            (("gold", ("gold",)), ("dev2", ("dev2",)), ("both", ("gold", "dev2")))}


def helped(base: dict, without: dict) -> dict[str, int]:
    """Document -> strict matches the group adds (negative: it costs them)."""
    out = {}
    for stem, b in base.items():
        delta = sum(b[k]["tp_strict"] - without[stem][k]["tp_strict"] for k in KINDS)
        if delta:
            out[stem] = delta
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", type=Path, help="write the tables here as Markdown")
    args = ap.parse_args()
    from zhengce.pipeline import prepare

    prepare()
    base = per_document(set())
    base_summary = summary(base)
    lines = ["| group | " + " | ".join(f"Δ {c}" for c in base_summary) + " | documents it changes (strict matches) |",
             "|---|" + "---|" * (len(base_summary) + 1)]
    support: dict[str, dict[str, int]] = {}
    for group in groups():
        without = per_document({group})
        support[group] = helped(base, without)
        s = summary(without)
        deltas = " | ".join(f"{base_summary[c] - s[c]:+.3f}" for c in base_summary)
        docs = ", ".join(f"{stem[:18]} {n:+d}" for stem, n in sorted(support[group].items())) or "none"
        lines.append(f"| {group} | {deltas} | {docs} |")
        print(lines[-1], file=sys.stderr, flush=True)
    # leave documents out: score each document without the groups only it supports
    held_out, plain = {}, {}
    for stem, doc in base.items():
        own = {g for g, docs in support.items() if docs.get(stem, 0) > 0 and all(
            n <= 0 for other, n in docs.items() if other != stem)}
        held_out[stem] = per_document(own, {doc["set"]: {stem}})[stem] if own else doc
        held_out[stem]["own"] = sorted(own)
        plain[stem] = per_document(own | BACKSTOPS, {doc["set"]: {stem}})[stem]
    loo, loo_plain = summary(held_out), summary(plain)
    without = ", ".join(sorted(BACKSTOPS))
    lines += ["", f"| score | all groups | leave-documents-out | leave-documents-out without {without} |",
              "|---|---|---|---|"]
    lines += [f"| {c} F1 with role | {base_summary[c]:.3f} | {loo[c]:.3f} | {loo_plain[c]:.3f} |" for c in base_summary]
    lines += ["", "Groups only one document supports (switched off when that document is scored):", ""]
    lines += [f"- {stem}: {', '.join(d['own'])}" for stem, d in held_out.items() if d["own"]]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    json.dump({"support": support}, sys.stderr, ensure_ascii=False)


if __name__ == "__main__":
    main()
