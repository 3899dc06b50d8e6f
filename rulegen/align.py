"""Align the clauses of two versions of a policy by content, not by number.

Clause numbers move whenever a measure is inserted or dropped, so ids are only a tie-breaker:
pairs are found from the clause texts (label stripped, jieba tokens, rapidfuzz Indel ratio
over token sequences), best pair first. What is left over is checked for splits (one old
clause whose text now lives in two new ones) and merges (the reverse).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

MATCH = 60.0  # ratio (0-100) from which two clauses are taken as versions of one another
CONTAINED = 0.8  # share of a clause's tokens found in another for it to count as a part of it


@dataclass
class Unit:
    """One clause of one version: what is compared, aligned and reported."""

    clause: str
    label: str | None  # the clause as the notice cites it (三、（三）, 第八条)
    parent: str | None
    text: str  # the clause's own text, label included
    body: str  # the text without its label, whitespace and punctuation style: what alignment compares
    rules: list[dict] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


@dataclass
class Pair:
    """An alignment result: the old and new units it joins (either side may be empty)."""

    kind: str  # unchanged | renumbered | moved | modified | added | removed | split | merged
    old: list[Unit]
    new: list[Unit]
    score: float = 100.0


def _encode(units: list[Unit], vocab: dict[str, str]) -> list[str]:
    """Each token as one private-use character, so string scorers work on token sequences."""
    return ["".join(vocab.setdefault(t, chr(0xF0000 + len(vocab))) for t in u.tokens) for u in units]


def _containment(part: Unit, whole: Unit) -> float:
    """Share of `part`'s tokens (with multiplicity) that also occur in `whole`."""
    if not part.tokens:
        return 0.0
    common = Counter(part.tokens) & Counter(whole.tokens)
    return sum(common.values()) / len(part.tokens)


def _placed(pairs: list[Pair]) -> None:
    """Same text under another number: `renumbered` if its parent is the aligned parent, else `moved`."""
    new_id = {p.old[0].clause: p.new[0].clause for p in pairs if len(p.old) == 1 and len(p.new) == 1}
    for p in pairs:
        if p.kind == "renumbered" and p.old[0].parent is not None and new_id.get(p.old[0].parent) != p.new[0].parent:
            p.kind = "moved"


def align(old: list[Unit], new: list[Unit]) -> list[Pair]:
    """Pairs covering every unit of both versions exactly once, in new-document order."""
    vocab: dict[str, str] = {}
    a, b = _encode(old, vocab), _encode(new, vocab)
    partner: dict[int, tuple[int, float]] = {}  # new index -> (old index, score)
    taken: set[int] = set()
    scores = cdist(a, b, scorer=fuzz.ratio, score_cutoff=MATCH) if a and b else []
    candidates = [
        (-float(scores[i][j]), old[i].clause != new[j].clause, abs(i - j), i, j)
        for i in range(len(old))
        for j in range(len(new))
        if len(scores) and scores[i][j] >= MATCH
    ]
    for neg, _, _, i, j in sorted(candidates):
        if i not in taken and j not in partner:
            taken.add(i)
            partner[j] = (i, -neg)
    pairs = _parts(old, new, partner, taken)
    _placed(pairs)
    at_new = {id(u): k for k, u in enumerate(new)}
    at_old = {id(u): k for k, u in enumerate(old)}
    return sorted(pairs, key=lambda p: (min(at_new[id(u)] for u in p.new), 1) if p.new else (at_old[id(p.old[0])], 0))


def _parts(old: list[Unit], new: list[Unit], partner: dict[int, tuple[int, float]], taken: set[int]) -> list[Pair]:
    """Turn one-to-one matches into pairs, folding leftovers contained in a neighbour into splits/merges."""
    whole_of_new: dict[int, list[int]] = {}  # old index -> extra new indexes split off it
    whole_of_old: dict[int, list[int]] = {}  # new index -> extra old indexes merged into it
    old_of = {i: j for j, (i, _) in partner.items()}
    for j, unit in enumerate(new):
        if j in partner:
            continue
        best = max(range(len(old)), key=lambda i: _containment(unit, old[i]), default=None)
        if best in old_of and _containment(unit, old[best]) >= CONTAINED and old[best].body != new[old_of[best]].body:
            whole_of_new.setdefault(best, []).append(j)
    for i, unit in enumerate(old):
        if i in taken:
            continue
        best = max(range(len(new)), key=lambda j: _containment(unit, new[j]), default=None)
        changed = best in partner and new[best].body != old[partner[best][0]].body
        if changed and _containment(unit, new[best]) >= CONTAINED:
            whole_of_old.setdefault(best, []).append(i)
    split_new = {j for js in whole_of_new.values() for j in js}
    merged_old = {i for is_ in whole_of_old.values() for i in is_}
    pairs = []
    for j, (i, score) in partner.items():
        if i in whole_of_new:
            pairs.append(Pair("split", [old[i]], [new[k] for k in sorted([j, *whole_of_new[i]])], score))
        elif j in whole_of_old:
            pairs.append(Pair("merged", [old[k] for k in sorted([i, *whole_of_old[j]])], [new[j]], score))
        elif old[i].body == new[j].body:
            same_id = old[i].clause == new[j].clause and old[i].label == new[j].label
            pairs.append(Pair("unchanged" if same_id else "renumbered", [old[i]], [new[j]], score))
        else:
            pairs.append(Pair("modified", [old[i]], [new[j]], score))
    pairs += [Pair("added", [], [u], 0.0) for j, u in enumerate(new) if j not in partner and j not in split_new]
    pairs += [Pair("removed", [u], [], 0.0) for i, u in enumerate(old) if i not in taken and i not in merged_old]
    return pairs

