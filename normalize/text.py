"""Raw source text to normalised text: one paragraph per line, one punctuation style, no stray spaces.

Full-width Chinese punctuation (，（）：；) is the house style, digits and Latin letters are
half-width, and spaces inside numbers, units and dates (`6000 万元`, `2024 年 6月`) are gone.
"""

from __future__ import annotations

import re

from zhengce.model import Source, Text

from .lines import paragraphs
from .mapped import Mapped

# one character for one: full-width digits and letters to half-width, half-width brackets to full-width
_FULL_WIDTH = [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]  # ０-９ Ａ-Ｚ ａ-ｚ
_HOUSE_STYLE = {chr(cp): chr(cp - 0xFEE0) for cp in _FULL_WIDTH}
_HOUSE_STYLE |= {"％": "%", "＋": "+", "／": "/", "＆": "&", "(": "（", ")": "）", ";": "；", "?": "？", "!": "！"}
_TO_TRANSLATE = re.compile("[" + re.escape("".join(_HOUSE_STYLE)) + "]")

_CARRIAGE_RETURN = re.compile(r"\r\n?")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\ufeff\u00ad"
_SPACE_CHARS = " \t\u3000\xa0"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
# Each pattern opens with its literal character, so the engine skips ahead to it.
_COMMA = re.compile(r",(?:(?<!\d,)|(?!\d{3}(?!\d)))")
_COLON = re.compile(r":(?!//)(?!\d)")
_FULLWIDTH_DOT = re.compile(r"．(?<=\d．)(?=\d)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
_EMPTY_LINES = re.compile(r"\n(?:(?<=^\n)|(?<=\n\n)|\Z)")


def _keep_space(m: re.Match) -> str:
    """Keep one space only between two Latin words, or a word and a number ("Chief Data Officer").
    Between two digits it goes: OCR letter-spaces figures (`1 0 0 万元`) and some texts group
    thousands with a space (`1 000万元`)."""
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if "\t" in m.group() and before and after:
        return "\t" * m.group().count("\t")  # between the cells of a table row, an empty cell's kept (tables.py)
    if before.isdigit() and after.isdigit():
        return ""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return " "
    return ""


def _house_char(m: re.Match) -> str:
    return _HOUSE_STYLE[m.group()]


def house_style(p: Mapped) -> Mapped:
    """Paragraphs (one per line) in the house style. No step reaches across a line break, so the
    whole body is done at once; a paragraph left empty (zero-width characters and spaces) is dropped."""
    if any(c in p.text for c in _ZERO_WIDTH_CHARS):  # a few substring tests are far cheaper than the scan
        p = p.sub(_ZERO_WIDTH, "")
    p = p.replace_alike(_TO_TRANSLATE, _house_char).replace_alike(_FULLWIDTH_DOT, ".")
    p = p.replace_alike(_COMMA, "，").replace_alike(_COLON, "：").replace_alike(_STRAIGHT_QUOTES, r"“\1”")
    return p.sub(_SPACES, _keep_space).sub(_EMPTY_LINES, "")


def normalize(source: Source) -> Text:
    """Clean text (paragraphs separated by "\\n") with a map back to source offsets."""
    raw = Mapped.of(source.text)
    if "\r" in raw.text:
        raw = raw.sub(_CARRIAGE_RETURN, "\n")
    paras, removed = paragraphs(raw)
    body = house_style(paras)
    return Text(source=source, text=body.text, index=tuple(body.idx), removed=tuple(removed))
