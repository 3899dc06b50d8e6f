"""Conditions an applicant must meet that are written in words, not figures.

`且按规定设置医疗机构并取得《医疗机构执业许可证》的，给予…`, `具有高级职称的`, `未被列入严重违法失信名单`:
a verb of holding (lexicon attribute `holds`) and what is held. Each becomes a `qualification`
condition of its rule, named from the text where what is held says what it is
(`持证.医疗机构执业许可证`, `职称.高级`; normalize/data/requirements.json), so that a rule is never
compiled as if the requirement were not there: the compiler tests it, or leaves the rule for review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex
from zhengce.normalize.datafiles import one_of

from .nlp import alternation
from .roles import Place, segment_of


@dataclass(frozen=True)
class _Words:
    phrase: re.Pattern  # a verb of holding and what is held, up to a stop or a separator
    negated: re.Pattern  # a negation right before the verb
    disposal: re.Pattern  # 将, 把 before the verb in its segment: a body's action
    aside: re.Pattern  # a bracketed aside in what is held (`统计库（入统）`, `初级工（五级）证书`)
    vague: re.Pattern  # a name made only of words that name nothing
    kinds: tuple[tuple[str, str, bool], ...]  # (group, head, keep the head), longest head first


@cache
def _words() -> _Words:
    data = json.loads((resources.files("zhengce.normalize") / "data" / "requirements.json").read_text(encoding="utf-8"))

    kinds = [(k["variable"], head, bool(k.get("keep_head"))) for k in data["kinds"] for head in k["heads"]]
    return _Words(
        re.compile(rf"(?P<verb>{alternation('holds')})(?P<held>[^，；。：,;:！？\n]+?)"
                   rf"(?=$|[，；。：,;:！？\n]|{one_of(data['stops'])})"),
        re.compile(rf"(?:{one_of(data['negations'])})$"),
        re.compile(one_of(data["disposals"])),
        re.compile(r"[（(][^（）()]*[）)]"),
        re.compile(rf"(?:{one_of(data['vague'])})*"),
        tuple(sorted(kinds, key=lambda k: -len(k[1]))),
    )


def groups() -> tuple[str, ...]:
    """The variable groups of things held (持证, 学历, 名单…): yes-or-no variables, like recognitions."""
    return tuple(dict.fromkeys(group for group, _, _ in _words().kinds))


_NAME = regex.compile(r"[\p{Han}A-Za-z0-9·“”\-]+")
_DIGIT = re.compile(r"\d")


def named(held: str) -> str | None:
    """The variable of what is held, named from its words: `《医疗机构执业许可证》` -> 持证.医疗机构执业许可证,
    `全日制博士研究生学历` -> 学历.全日制博士研究生; None when its ending names no kind, when it lists several
    (`A证、B证`) or when only vague words are left (`相应资质`)."""
    words = _words()
    name = words.aside.sub("", held.strip()).lstrip("的").strip("《》<>\"' ")  # `获得的银行贷款`: 的 opens no name
    name = name.replace("》", "").replace("《", "").replace(".", "·")
    for group, head, keep in words.kinds:
        if name.endswith(head):
            rest = name[: -len(head)]
            if words.vague.fullmatch(rest) or not _NAME.fullmatch(name):
                return None
            return f"{group}.{name if keep else rest}"
    return None


def written_conditions(text: str, lo: int, hi: int, sentence_start: int, sentence_end: int) -> list[dict]:
    """The conditions written in words whose verb stands in text[lo:hi], in order. What holds a figure
    (`拥有不少于5家`, `取得2项以上发明专利`) is the figure's condition, not one in words; a verb in a
    disposal (`将研发投入指标纳入考核`) is what a body does, not what an applicant holds."""
    words, out = _words(), []
    for m in words.phrase.finditer(text, lo, sentence_end):
        if m.start() >= hi:
            break
        held = m.group("held")
        seg = segment_of(text, Place(m.start(), m.end(), sentence_start, sentence_end))
        if len(held.strip()) < 2 or _DIGIT.search(held) or words.disposal.search(text, seg[0], m.start()):
            continue
        c = {"kind": "qualification", "text": m.group(0), "variable": named(held), "quote": text[seg[0] : seg[1]]}
        if words.negated.search(text, seg[0], m.start()):
            c["negated"] = True
        out.append(c)
    return out


def condition_end(text: str, lo: int, figure: int | None, sentence_start: int, sentence_end: int) -> int:
    """Where the words stating who qualifies end: after the last `的` before a benefit's figure
    (`…取得《X许可证》的，给予`, `取得X证的企业可获得`; what follows is how it is paid, `可获得一次性奖励`),
    else at `lo` (no words state a condition); for the conditions of an eligibility rule (`figure` None),
    after the last `的` of the sentence (`…超过5年的，可申请领取住房租赁补贴`), else at its end."""
    last = text.rfind("的", lo, sentence_end if figure is None else figure)
    if last >= 0:
        return last + 1
    # no `…的` before a benefit's figure: nothing states who qualifies (`重组人凝血因子IX纳入…目录，按…的标准
    # 纳入…支付范围` says what is paid for, it tests no applicant)
    return sentence_end if figure is None else lo
