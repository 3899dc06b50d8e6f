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
REAL = tuple(devscore.SETS)  # the real notices: the bundled five and dev2
# the blind sets: notices written by helpers and annotated before the pipeline ran on them; not real, so
# they are reported apart, but a group they need is not written for the document it helps
BLIND = tuple(name for name in devscore.PROBES if name.startswith("blind"))


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
            for name in REAL + BLIND:
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


def summary(docs: dict[str, dict], blind: bool = True) -> dict[str, float]:
    sets = [("gold", ("gold",)), ("dev2", ("dev2",)), ("both", REAL)] + ([("blind", BLIND)] if blind else [])
    return {f"{k} {name}": f1(docs, k, members) for k in KINDS for name, members in sets}


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
    lines = ["| group | " + " | ".join(f"Δ {c}" for c in base_summary)
             + " | real notices it changes (strict matches) | blind notices it changes |",
             "|---|" + "---|" * (len(base_summary) + 2)]
    support: dict[str, dict[str, int]] = {}
    for group in groups():
        without = per_document({group})
        support[group] = helped(base, without)
        s = summary(without)
        deltas = " | ".join(f"{base_summary[c] - s[c]:+.3f}" for c in base_summary)
        real, blind = ({stem: n for stem, n in support[group].items() if base[stem]["set"] in sets}
                       for sets in (REAL, BLIND))
        docs = [", ".join(f"{stem[:18]} {n:+d}" for stem, n in sorted(d.items())) or "none" for d in (real, blind)]
        lines.append(f"| {group} | {deltas} | {docs[0]} | {docs[1]} |")
        print(lines[-1], file=sys.stderr, flush=True)
    # leave documents out: score each real document without the groups only it supports; a second count
    # lets blind notices support a group, a third switches the backstops off as well
    columns = {"leave-documents-out": {}, "… with blind notices as support": {},
               f"… without {', '.join(sorted(BACKSTOPS))}": {}}
    own_of = {}
    for stem, doc in base.items():
        if doc["set"] not in REAL:
            continue
        helps = {g for g, docs in support.items() if docs.get(stem, 0) > 0}
        own = {g for g in helps if all(n <= 0 for other, n in support[g].items()
                                       if other != stem and base[other]["set"] in REAL)}
        own_any = {g for g in helps if all(n <= 0 for other, n in support[g].items() if other != stem)}
        own_of[stem] = sorted(own)
        for column, off in zip(columns, (own, own_any, own | BACKSTOPS), strict=True):
            columns[column][stem] = per_document(off, {doc["set"]: {stem}})[stem] if off else doc
    real_summary = summary(base, blind=False)
    held = {column: summary(docs, blind=False) for column, docs in columns.items()}
    lines += ["", "| score | all groups | " + " | ".join(columns) + " |", "|---|" + "---|" * (len(columns) + 1)]
    lines += [f"| {c} F1 with role | {real_summary[c]:.3f} | " + " | ".join(f"{held[col][c]:.3f}" for col in columns)
              + " |" for c in real_summary]
    lines += ["", "Groups only one real document supports (switched off when that document is scored):", ""]
    lines += [f"- {stem}: {', '.join(own)}" for stem, own in own_of.items() if own]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    json.dump({"support": support}, sys.stderr, ensure_ascii=False)


if __name__ == "__main__":
    main()
