"""Clause numbering as Chinese notices write it: 第X章 / 第X条 / 一、 / （一） / 1. / （1） / ①.

A PDF's text layer may letter-space a label set in a heading font (`第 一 条`, `（ 一 ）`): one
space between its characters is allowed.

The grammar lives here because two stages need it: line joining (a numbered line starts a
paragraph) and segmentation (the label decides where a clause sits in the tree).
"""

from __future__ import annotations

import re
from typing import NamedTuple

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL = f"[{CN_DIGITS}十百]+"

_LABEL = re.compile(
    rf"""^(?:
        (?P<part>第[ \u3000]?(?P<n_part>{CN_NUMERAL}|\d+)[ \u3000]?编)
      | (?P<chapter>第[ \u3000]?(?P<n_chapter>{CN_NUMERAL}|\d+)[ \u3000]?章)
      | (?P<section>第[ \u3000]?(?P<n_section>{CN_NUMERAL}|\d+)[ \u3000]?节)
      | (?P<article>第[ \u3000]?(?P<n_article>{CN_NUMERAL}|\d+)[ \u3000]?条)
      | (?P<cn>(?P<n_cn>{CN_NUMERAL})[ \u3000]?[、．])
      | (?P<paren_cn>[（(][ \u3000]?(?P<n_paren_cn>{CN_NUMERAL})[ \u3000]?[）)])
      | (?P<paren_arabic>[（(][ \u3000]?(?P<n_paren_arabic>\d{{1,2}})[ \u3000]?[）)])
      | (?P<arabic>(?P<n_arabic>\d{{1,2}})(?:[、．\t]|\.(?!\d)))  # `3\t…`: a table row numbered in its first cell
      | (?P<circled>(?P<n_circled>[①-⑳]))
    )""",
    re.VERBOSE,
)

# what a label can start with, besides a digit
_LABEL_FIRST = frozenset("第（(" + CN_DIGITS + "十百" + "".join(map(chr, range(ord("①"), ord("⑳") + 1))))


class Label(NamedTuple):
    style: str
    number: int
    text: str  # the label as written, e.g. "（十三）"
    end: int  # offset just past the label (and any space after it)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_ordinal(numeral: str) -> int:
    """Value of a clause number written in Chinese numerals (一 … 九十九, 一百 …)."""
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def strip_label(text: str) -> str:
    """`text` without the clause label it starts with (`（一）对…` -> `对…`)."""
    label = match_label(text)
    return text[label.end :] if label else text


def match_label(text: str) -> Label | None:
    """The clause label at the start of `text`, if any."""
    if not text or not (text[0] in _LABEL_FIRST or text[0].isdigit()):  # most lines: no need to try the grammar
        return None
    m = _LABEL.match(text)
    if not m:
        return None
    style = m.lastgroup  # each style's group encloses its number group, so it closes last
    raw = m.group(f"n_{style}")
    if style == "circled":
        number = ord(raw) - ord("①") + 1
    elif raw.isdigit():
        number = int(raw)
    else:
        number = cn_ordinal(raw)
    end = m.end()
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return Label(style, number, m.group(0), end)
