"""The tables of `normalize/data/`: one entry a line, `#` comments, `key<TAB>value` pairs."""

from __future__ import annotations

import re
from pathlib import Path

_DATA = Path(__file__).with_name("data")


def data_lines(name: str) -> list[str]:
    rows = (line.strip() for line in (_DATA / name).read_text(encoding="utf-8").splitlines())
    return [row for row in rows if row and not row.startswith("#")]


def data_pairs(name: str) -> dict[str, str]:
    return dict(row.split("\t", 1) for row in data_lines(name))


def one_of(words) -> str:
    """Literal words as one regex alternation that always prefers the longest word."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
