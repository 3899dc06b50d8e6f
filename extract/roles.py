"""What an amount is for: a benefit the government gives, a threshold an applicant must meet,
a target the government sets itself, or something else.

The decision reads the amount's comma-segment and sentence through the lexicon cues, in a
fixed order: proportional benefit (`按售价的30%`), a condition framing around the amount
(`对投资5000万元以上…的`), a benefit cue next to it (`给予最高30万元`, `1000万元奖励`),
a benefit later in the sentence (what precedes `，给予…` is its condition), goal sentences
(`到2025年`, `力争`), eligibility sections, goal verbs (`实现`, `达到`), comparison words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from zhengce.normalize.labels import strip_label

from .nlp import Cues

BENEFIT, THRESHOLD, TARGET, OTHER = "benefit", "threshold", "target", "other"

_SEPARATORS = "，；：。"
_SEPARATOR = re.compile(f"[{_SEPARATORS}]")
# Comparison words written right after a figure (`2000万元以上`, `1亿元（含）以上`): part of the number's
# grammar, read from the characters, whatever the word segmenter made of them.
_OP_AFTER = re.compile(r"(?:（[^）]{0,8}）)?(?P<word>及以上|以上|以下|以内)")
_OPS_AFTER = {"及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<="}

_PROPORTIONAL = re.compile(r"按[^，。；]{0,40}的$")
_GIVEN = re.compile(r"(?:给予|发放|予以)")  # `按每月每平方米10元给予租金补贴`: the rate it is paid at
_AS_STANDARD = re.compile(rf"的?(?:补贴|补助|奖励|资助)?标准{_GIVEN.pattern}")
_GOAL_SENTENCE = re.compile(r"到\d{4}年|^\d{4}(?:[-—至]\d{4})?年|十[一二三四五六七八九]五”?(?:期间|时期|末)")
# a figure for the whole place (`全市规模以上工业增加值年均增长8%`) is the government's goal, not a test
_WHOLE_PLACE = re.compile(r"全[市县区省镇]")
# the rate of a benefit (`加计扣除比例提高至100%`, `担保费率降至1%`) is the benefit
_BENEFIT_RATE = re.compile(r"(?:扣除|补贴|补助|贴息|奖励|资助|减免|返还|奖补)(?:比例|比率)|费率|贷款利率")
_STRONG_BENEFIT = {
    "给予", "奖励", "一次性奖励", "补助", "一次性补助", "资助", "一次性资助", "奖补", "补贴", "贴息", "提供",
}
_ELIGIBILITY_TITLE = re.compile(r"条件|标准|资格|要求")
_GOAL_TITLE = re.compile(r"目标")


def comparison_after(text: str, end: int) -> str | None:
    """The operator a comparison word right after a figure gives (`以上` -> `>=`), or None."""
    m = _OP_AFTER.match(text, end)
    return _OPS_AFTER[m.group("word")] if m else None


class Place(NamedTuple):
    """Where an amount (or a list/range of amounts) sits: its span and its sentence's span."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int


def segment_of(text: str, place: Place) -> tuple[int, int]:
    """The comma-delimited segment around an amount."""
    start = place.sentence_start
    for separator in _SEPARATORS:
        start = max(start, text.rfind(separator, place.sentence_start, place.start) + 1)
    after = _SEPARATOR.search(text, place.end, place.sentence_end)
    return start, after.start() if after else place.sentence_end


def _framed_as_condition(text: str, seg: tuple[int, int], place: Place, cues: Cues) -> bool:
    """`对…<amount>…的`: the amount qualifies whoever the sentence is about."""
    before = text[seg[0] : place.start]
    if "对" not in before:
        return False
    framing_start = seg[0] + before.rindex("对")
    if cues.within(framing_start, place.start, "BENEFIT_BEFORE"):
        return False
    after_end = seg[1]
    benefit_after = cues.within(place.end, seg[1], "BENEFIT_BEFORE")
    if benefit_after:
        after_end = benefit_after[0].start
    return "的" in text[place.end : after_end] or bool(benefit_after)


def _benefit_next_to(text: str, place: Place, seg: tuple[int, int], cues: Cues) -> bool:
    """A strong benefit word earlier in the segment, a weak one (`累计`, `申请`) just before, a
    benefit noun just after (`1000万元奖励`), or the rate a benefit is paid at (`按…10元给予`)."""
    for cue in cues.within(seg[0], place.start, "BENEFIT_BEFORE"):
        if cue.text in _STRONG_BENEFIT or place.start - cue.end <= 6:
            return True
    if _AS_STANDARD.match(text, place.end) or ("按" in text[seg[0] : place.start] and _GIVEN.match(text, place.end)):
        return True  # 按每年30万元的标准给予租金补贴, 按每平方米10元给予补贴
    # `1000万元的奖励`, but not `…500万元，奖励比例30%` across a comma
    after = cues.within(place.end, place.end + 8, "BENEFIT_AFTER")
    return any(c.start <= place.end + 1 and not _SEPARATOR.search(text, place.end, c.start) for c in after)


def _whole_place(segment: str) -> bool:
    """A segment that opens with the whole city or county (`全市规模以上工业增加值…`)."""
    return bool(_WHOLE_PLACE.match(strip_label(segment)))


def role_of(text: str, place: Place, cues: Cues, titles: list[str]) -> str:
    seg = segment_of(text, place)
    before = text[seg[0] : place.start]
    sentence = text[place.sentence_start : place.sentence_end]
    if _PROPORTIONAL.search(before) and text[place.end - 1] == "%":
        return BENEFIT
    if before.endswith("每"):
        return OTHER  # the basis of a rate: 每100万美元奖励1万元
    if _framed_as_condition(text, seg, place, cues):
        return THRESHOLD
    if _benefit_next_to(text, place, seg, cues) or (text[place.end - 1] == "%" and _BENEFIT_RATE.search(before)):
        return BENEFIT
    later = cues.within(seg[1], place.sentence_end, "BENEFIT_BEFORE")
    if any(c.text in _STRONG_BENEFIT for c in later):
        return THRESHOLD
    if _GOAL_SENTENCE.search(sentence) or cues.within(place.sentence_start, place.sentence_end, "TARGET_CONTEXT"):
        return TARGET
    if any(_GOAL_TITLE.search(t) for t in titles):
        return TARGET
    if any(_ELIGIBILITY_TITLE.search(t) for t in titles) or cues.within(
        place.sentence_start, place.sentence_end, "ELIGIBILITY"
    ):
        return THRESHOLD
    if cues.within(seg[0], place.start, "TARGET_VERB") or _whole_place(before):
        return TARGET
    if cues.within(seg[0], seg[1], "CMP") or comparison_after(text, place.end):
        return THRESHOLD
    return OTHER
