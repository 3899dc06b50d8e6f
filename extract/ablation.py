"""Pattern groups switched off for the ablation (`bench/ablation.py`): empty in use.

A group is a row of `patterns/roles.json` (by name), a lexicon attribute (by cue label, `FINE`)
or one of the positional readings of `rules.py` and `facts.py` (`enumerated`, `bound_notes`…).
"""

from __future__ import annotations

OFF: set[str] = set()


def on(group: str) -> bool:
    return group not in OFF
