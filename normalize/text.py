"""Raw source text to normalised text: one paragraph per line, one punctuation style, no stray spaces.

Full-width Chinese punctuation (，（）：；) is the house style, digits and Latin letters are
half-width, and spaces inside numbers, units and dates (`6000 万元`, `2024 年 6月`) are gone.
"""

from __future__ import annotations

import re
from array import array

from zhengce.model import Source, Text

from .lines import paragraphs
from .mapped import Mapped, join

# one character for one: full-width digits and letters to half-width, half-width brackets to full-width
_HOUSE_STYLE = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_HOUSE_STYLE |= {cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)}  # Ａ-Ｚ
_HOUSE_STYLE |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}  # ａ-ｚ
_HOUSE_STYLE |= {ord("％"): "%", ord("＋"): "+", ord("／"): "/", ord("＆"): "&"}
_HOUSE_STYLE |= {ord("("): "（", ord(")"): "）", ord(";"): "；", ord("?"): "？", ord("!"): "！"}
_TRANSLATED = "".join(map(chr, _HOUSE_STYLE))
_TO_TRANSLATE = re.compile("[" + re.escape(_TRANSLATED) + "]")

_CARRIAGE_RETURN = re.compile(r"\r\n?")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\ufeff\u00ad"
_SPACE_CHARS = " \t\u3000\xa0"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")
_COLON = re.compile(r":(?!//)(?!\d)")
_FULLWIDTH_DOT = re.compile(r"(?<=\d)．(?=\d)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
# a character one of the steps of normalize_paragraph() acts on; most paragraphs have none
_TO_NORMALIZE = re.compile("[" + re.escape(_TRANSLATED + _ZERO_WIDTH_CHARS + _SPACE_CHARS + '．,:"') + "]")


def _keep_space(m: re.Match) -> str:
    """Keep one space only between two Latin words or numbers ("Chief Data Officer")."""
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return " "
    return ""


def normalize_paragraph(p: Mapped) -> Mapped:
    if not _TO_NORMALIZE.search(p.text):
        return p
    p = p.sub(_ZERO_WIDTH, "")
    if _TO_TRANSLATE.search(p.text):
        p = p.translate(_HOUSE_STYLE)
    p = p.replace_alike(_FULLWIDTH_DOT, ".").replace_alike(_COMMA, "，").replace_alike(_COLON, "：")
    p = p.replace_alike(_STRAIGHT_QUOTES, r"“\1”")
    return p.sub(_SPACES, _keep_space)


def normalize(source: Source) -> Text:
    """Clean text (paragraphs separated by "\\n") with a map back to source offsets."""
    raw = Mapped.of(source.text).sub(_CARRIAGE_RETURN, "\n")
    paras, removed = paragraphs(raw)
    cleaned = [p for p in (normalize_paragraph(p) for p in paras) if p.text]
    body = join(cleaned, "\n")
    return Text(source=source, text=body.text, index=array("l", body.idx), removed=tuple(removed))
