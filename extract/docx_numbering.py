"""Word's automatic list numbering as text: python-docx gives a paragraph's text without it.

Notices drafted in Word often number their clauses with a list style (`一、`, `（一）`, `1.`)
instead of typing the labels. Without the labels the clause tree is flat. The numbering part
says, per list and level, the start, the number format and the label pattern (`%1、`,
`（%2）`). Counting the numbered paragraphs in order gives each label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.oxml.ns import qn

_CN_DIGITS = "零一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 25 -> 二十五, 100 and up in digits (clause numbers stay below)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens < 2 else _CN_DIGITS[tens]) + ("十" if tens else "") + (_CN_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= 20:
        return chr(ord("①") + n - 1)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)  # decimal, decimalZero, and anything unknown


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str  # `%1、`, `（%2）`; "" for no label (bullets are left out too)


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Labels of a document's numbered paragraphs, handed out in reading order."""

    def __init__(self, document) -> None:
        self.lists: dict[str, dict[int, _Level]] = {}  # numId -> level -> how it is numbered
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):  # no numbering part
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            levels = {}
            for lvl in abstract.get(_val(num, "w:abstractNumId"), root).findall(qn("w:lvl")):
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = "" if fmt in ("bullet", "none") else _val(lvl, "w:lvlText") or ""
                levels[int(lvl.get(qn("w:ilvl")))] = _Level(int(_val(lvl, "w:start") or 1), fmt, text)
            for override in num.findall(qn("w:lvlOverride")):
                level, start = int(override.get(qn("w:ilvl"))), _val(override, "w:startOverride")
                if start and level in levels:
                    levels[level] = replace(levels[level], start=int(start))
            self.lists[num.get(qn("w:numId"))] = levels

    def label(self, paragraph) -> str:
        """The label Word shows before `paragraph` ("" when it is not numbered); counts it."""
        num_id, level = self._num_pr(paragraph)
        levels = self.lists.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:  # a new item restarts the levels below it
            del counts[deeper]
        text = levels[level].text
        for k, lvl in levels.items():
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", _format(counts.get(k, lvl.start), lvl.fmt))
        return text

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        """(numId, level) of the paragraph's own numbering, else its style's (`Heading 1` lists)."""
        for holder in (paragraph._p, paragraph.style.element if paragraph.style is not None else None):
            ppr = holder.find(qn("w:pPr")) if holder is not None else None
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "w:numId")
                return (None if num_id == "0" else num_id), int(_val(num_pr, "w:ilvl") or 0)
        return None, 0
