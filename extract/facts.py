"""Amounts in a sentence as facts: conditions (metric, period, operator), benefits, targets.

Amounts come from the number grammar (`normalize.numbers`), cues from the spaCy pipeline;
this module only decides how they combine. An enumeration or range is one group: it has
one role, and a range is one condition with two bounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import regex
from zhengce.normalize.datafiles import data_lines, one_of
from zhengce.normalize.labels import strip_label
from zhengce.normalize.numbers import Amount

from .ablation import on
from .nlp import Cues, alternation, lexicon
from .roles import (
    Decision,
    Place,
    column_header,
    comparison_after,
    comparison_end,
    decide,
    elided,
    header_kind,
    names_the_figure,
    segment_of,
)

_CAP = re.compile(rf"(?:{alternation('cap')})[^，；。]{{0,6}}$")
_PER = regex.compile(
    r"每(?P<measure>个|位|家|项|名|人|台|套|年|次|辆|件|户|张|批|座|亩|吨)?(?P<what>\p{Han}{0,10}?)"
    r"(?=一次性|给予|奖励|补助|补贴|资助|奖补|最高|不超过|可获|$)"
)
_PROPORTIONAL_BASE = re.compile(rf"按照?(?:{alternation('cap')})?(?P<base>[^，。；]{{1,30}}?)的$")
_METRIC_WORDS = regex.compile(r"[\p{Han}A-Za-z&（）()]+")
_CAPPED_PROPORTION = re.compile(rf"按(?:{alternation('cap')})")
_RATE_BASIS = re.compile(r"每(\d[^，；。]*?(?:元|美元|港元|欧元))[^，；。]{0,8}$")
_ENUMERATED = re.compile(r"、[^，。；：\d]{0,10}")  # between two figures of one enumeration
_YEAR = re.compile(r"(?:到|至)?(\d{4})年(?:底|末)?")


@dataclass
class Group:
    """One amount, or the members of one range or enumeration, with their role."""

    amounts: list[Amount]
    role: str = ""
    decided_by: str | None = None  # the row of patterns/roles.json that gave the role
    unsure: bool = False  # the role is a guess: the rule says so in its review reasons

    @property
    def start(self) -> int:
        return self.amounts[0].start

    @property
    def end(self) -> int:
        return self.amounts[-1].end

    @property
    def is_range(self) -> bool:
        return self.amounts[0].range_id is not None

    @property
    def is_list(self) -> bool:
        return self.amounts[0].list_id is not None and len(self.amounts) > 1


@dataclass
class SentenceFacts:
    start: int
    end: int
    groups: list[Group] = field(default_factory=list)
    header: str = ""  # for a table row: the table's header rows
    # the paragraph ending in `：` that the sentence's clause continues as one item of a list
    # (`2.近3个纳税年度累计在本市纳税：` above `（1）5万—10万元（4分）`), its (start, colon)
    lead: tuple[int, int] | None = None


def quantity(a: Amount) -> dict:
    """A figure as the rule file writes it. Percentage points (`提高2个百分点`) are a change of a
    percentage: unit `%`, marked `points`."""
    unit = "%" if a.unit == "pp" else a.unit
    q = {"value": a.value, "unit": f"{unit}/{a.per}" if a.per else unit, "text": a.written}
    if a.unit == "pp":
        q["points"] = True
    if a.per:
        q["per"] = a.per
    return q


def group_amounts(amounts: list[Amount]) -> list[Group]:
    groups: list[Group] = []
    for a in amounts:
        last = groups[-1].amounts[-1] if groups else None
        same_range = last is not None and a.range_id is not None and a.range_id == last.range_id
        same_list = last is not None and a.list_id is not None and a.list_id == last.list_id
        if same_range or same_list:
            groups[-1].amounts.append(a)
        else:
            groups.append(Group([a]))
    return groups


def classify(text: str, sentence: SentenceFacts, cues: Cues, titles: list[str], policy: str,
             previous: Decision | None = None, issued: int | None = None) -> None:
    """The role of each group. A figure no row places, enumerated with the next one
    (`基层医疗机构85%、其他医疗机构65%的支付比例`), takes that one's role. `previous`: the last figure's
    decision in the clause this sentence goes on from (after `；`); `issued`: the notice's year."""
    for g in sentence.groups:
        place = Place(g.start, g.end, sentence.start, sentence.end, g.amounts[0].kind)
        previous = decide(text, place, cues, titles, sentence.header, policy, previous, issued)
        g.role, g.decided_by, g.unsure = previous
    for g, after in reversed(list(zip(sentence.groups, sentence.groups[1:], strict=False))):
        if g.decided_by is None and after.decided_by and on("enumerated") and _ENUMERATED.fullmatch(
                text, g.end, after.start):
            g.role, g.decided_by, g.unsure = after.role, "enumerated", after.unsure


def _op_for(text: str, g: Group, a: Amount, cues: Cues, seg: tuple[int, int]) -> str | None:
    if g.is_range:
        if a.range_pos == "low":
            return ">" if a.inclusive is False else ">="
        low = g.amounts[0]
        exclusive = a.inclusive is False or (a.inclusive is None and low.inclusive is True)
        return "<" if exclusive else "<="
    op = comparison_after(text, a.end)
    if op:
        return ">" if op == ">=" and a.inclusive is False else op
    before = [c for c in cues.within(seg[0], a.start, "CMP")]
    return before[-1].id if before else None


_METRIC_LEAD = re.compile(r"^(?:对|凡|在|其中|且|同时|并|或者?|到\d{4}年(?:底|末)?|全[市县区省]|力争|实现|年(?!度))+")
_MODALS = "原则上|应当|应|须|需"  # `增长率应不低于15%`, `质押率原则上不超过`: no part of a name
_METRIC_TAIL = re.compile(rf"(?:首次|均|累计|总额在|在|为|达|{_MODALS}|且|并|实缴|力争)+$")
# where the name of what a figure measures may start: after a list or clause break (`…仓储设施、且设施面积`),
# 且, or `改造后`
_BREAK = regex.compile(r"[、，,；;：:]|且|(?<=[改造施成产入])后(?=\p{Han}{2})")
# `设备（含软件）投资额`, `亩均税收（万元/亩）`: an aside in a name, dropped from it and blanked before a break
# is looked for (`（含软件、硬件）` holds no break)
_ASIDE = re.compile(r"[（(][^（()）]*[）)]")
# `研发人员占企业职工总数的比例`: a share of a base is one name, however long
_SHARE_OF = regex.compile(r"\p{Han}{2,}(?:占\p{Han}{2,})?(?:的)?(?:比例|比重|比率)")
# `高于全市平均水平`, `低于行业平均水平10%以上`: a figure compared with an average names no quantity of its own
_RELATIVE = re.compile(r"(?:高于|低于|超过|超出|优于)[^，。；]{0,12}(?:平均|水平)")
_JOINS = re.compile(r"[且并和及、，,（）()含\s]")


def _named_after(text: str, end: int, seg_end: int, cues: Cues):
    """The metric cue right after a figure and its comparison word (`签订1年以上劳动合同`), or None."""
    at = comparison_end(text, end)
    after = cues.within(at, seg_end, "METRIC")
    return after[0] if after and after[0].start == at else None


_CLOSED_ASIDE = re.compile(r"^[^（(]*[）)]")
_OPENED_ASIDE = re.compile(r"^.*[（(](?=[^）)]+$)")


def metric_as_written(text: str, lo: int, end: int, cues: Cues) -> str | None:
    """The measured thing when the lexicon does not know it: the words before the comparison
    (`全县外贸进出口总额突破50亿元` -> `外贸进出口总额`), after the last break of a list or clause
    (`PUE值在1.3以下、上架率达到60%`, `完成数据资产入表且入表金额达到500万元`)."""
    breaks = list(_BREAK.finditer(_ASIDE.sub(lambda m: "　" * len(m.group()), text[lo:end])))
    lo += breaks[-1].end() if breaks else 0
    verbs = cues.within(lo, end, "CMP", "TARGET_VERB")
    while verbs and not _JOINS.sub("", text[lo : verbs[0].start]):  # `以上且年减排量`: the figure before's test
        lo = verbs.pop(0).end
    stop = verbs[0].start if verbs else end
    share = _cleaned(text[lo:stop])  # `新招用人员占企业上年末在职职工人数的比例`: a period inside is part of it
    if "占" in share and _SHARE_OF.fullmatch(share) and len(share) <= 24:
        return share
    periods = cues.within(lo, stop, "PERIOD")
    words = _cleaned(text[periods[-1].end if periods else lo : stop])
    longest = 24 if _SHARE_OF.fullmatch(words) else 12
    return words if 2 <= len(words) <= longest and _METRIC_WORDS.fullmatch(words) else None


_QUANTITY_NAME = regex.compile(r"\p{Han}[\p{Han}A-Za-z0-9]{1,23}")  # a share of a base may run long


@cache
def _quantity_heads() -> regex.Pattern:
    return regex.compile(rf"(?:{one_of(data_lines('quantity_heads.txt'))})$")


def names_a_quantity(words: str) -> bool:
    """Whether words are one clean name ending as a quantity's does (`轮候时长`, `上架率`; not `推动`, `拥有`):
    normalize/data/quantity_heads.txt."""
    return bool(_QUANTITY_NAME.fullmatch(words)) and bool(_quantity_heads().search(words))


def _cleaned(words: str) -> str:
    """A name without its clause label, asides, leading connectives and trailing modal words."""
    words = strip_label(words)
    # an aside the figure stands in (`（每次服务时长不低于30分钟）`) or after (`（或2周）变异率`): its own words
    words = _OPENED_ASIDE.sub("", _CLOSED_ASIDE.sub("", words).rstrip("（("))
    return _METRIC_TAIL.sub("", _METRIC_LEAD.sub("", _ASIDE.sub("", words)))


# `利润为正数`, `利润总额均为正数`, `并呈正增长`: conditions with no figure but a clear test
SIGN = re.compile(
    r"(?P<metric>利润总额|净利润|利润)(?:总额)?均?为正(?:数|值)?(?P<growth>并?(?:呈|保持|实现)?正增长)?"
)


def sign_conditions(text: str, start: int, end: int, cues: Cues) -> list[dict]:
    """`当年利润为正数并呈正增长` -> 利润总额.当年 > 0 and 利润增长率.当年 > 0."""
    out = []
    for m in SIGN.finditer(text, start, end) if on("sign") else ():
        metric = cues.within(m.start(), m.end(), "METRIC")
        periods = cues.within(start, m.start(), "PERIOD")
        period = f".{periods[-1].id}" if periods else ""
        base = metric[0].id if metric else "利润总额"
        quote = text[m.start() : m.end()]
        out.append({"kind": "sign", "metric": m.group("metric"), "variable": base + period, "op": ">", "bound": 0,
                    "quote": quote})
        if m.group("growth"):
            out.append({"kind": "sign", "metric": m.group("metric") + "增长率", "variable": "利润增长率" + period,
                        "op": ">", "bound": 0, "quote": quote})
    return out


def _list_head(text: str, seg: tuple[int, int], sentence: SentenceFacts, first: bool) -> tuple[int, int] | None:
    """The segment before the colon that opens the list a figure's segment is an item of: in its
    sentence (`缴纳个人所得税：1万—3万元`), or, for the `first` condition of its clause, the paragraph
    the clause continues (`…纳税：` above `（1）5万—10万元`); None when the segment opens no list item."""
    if text[seg[0] - 1 : seg[0]] == "：":
        colon = seg[0] - 1
        return segment_of(text, Place(colon, colon, sentence.start, sentence.end))[0], colon
    if first and seg[0] == sentence.start and sentence.lead:
        start, colon = sentence.lead
        return segment_of(text, Place(colon, colon, start, colon))[0], colon
    return None


# `研发费用较上年增长20%以上`, `且同比增长20%`, `单位产品综合能耗下降15%`: a percentage measures a change
_CHANGE_WORD = re.compile(r"(?P<word>增长|增幅|增速|提高|提升|(?P<fall>下降|降低|减少|削减))(?:率|幅度)?")
# `较前一年度`, `同比`: the base a change is counted from, between what changes and the change word
_CHANGE_BASE_END = re.compile(r"(?:较|比(?![例重]))[^，。；]*$|(?:同比|年均|平均)$")
_MODAL = re.compile(rf"(?:{_MODALS})+")


@cache
def _metric_patterns() -> dict[str, str]:
    """Lexicon metric pattern -> metric (`营业收入增长` -> 营业收入增长率): a change named by its own word."""
    return {e["pattern"]: e["metric"] for e in lexicon() if "metric" in e}


@dataclass
class _Change:
    written: str  # `研发费用增长率`, named from the text
    variable: str | None  # the lexicon's metric for it (营业收入增长率), else None
    period: str | None  # the period of the quantity that changes, when the change states none


def _change(text: str, lo: int, g: Group, cues: Cues, sentence: SentenceFacts, earlier: list[dict]) -> _Change | None:
    """The change a percentage measures when no metric names it: of the quantity written before the
    change word (`研发费用较上年增长20%`), else of the one the condition before it tests (`营业收入5000万元
    以上且同比增长20%`); None when no change word stands right before the figure or nothing names what changes.
    In percentage points (`配套率较上年提高5个百分点`) the change is named so."""
    unit = g.amounts[0].unit
    if unit not in ("%", "pp"):
        return None
    word = next(reversed(list(_CHANGE_WORD.finditer(text, lo, g.start))), None)  # the last before the figure
    modal = _MODAL.match(text, word.end()) if word else None
    if word is None or not elided(text, modal.end() if modal else word.end(), g.start, cues):
        return None
    compared = cues.within(lo, word.start(), "CMP", "TARGET_VERB")  # `5000万元以上且增长`: after the test before
    if compared and comparison_end(text, compared[-1].start) != compared[-1].end:
        return None  # `高于全市平均增速5个百分点`: the change word is what the figure is compared with
    base_lo = compared[-1].end if compared else lo
    cut = _CHANGE_BASE_END.search(text, base_lo, word.start())
    end = cut.start() if cut else word.start()
    metrics = [m for m in cues.within(base_lo, end, "METRIC") if m.end == end]
    base = metrics[-1].text if metrics else metric_as_written(text, base_lo, end, cues)
    period = None
    if not base:
        before = next((c for c in reversed(earlier) if c.get("metric") and c.get("unit") not in ("%", "pp")
                       and c["quote"] in text[sentence.start : sentence.end]), None)
        base, period = (before["metric"], before.get("period")) if before else (None, None)
    if not base:
        return None
    fall = bool(word.group("fall"))
    if unit == "pp":
        return _Change(f"{base}{'下降' if fall else '提高'}百分点", None, period)
    if fall:
        return _Change(f"{base}下降率", None, period)
    return _Change(f"{base}增长率", _metric_patterns().get(f"{base}增长"), period)


def condition(text: str, g: Group, prev_end: int, cues: Cues, sentence: SentenceFacts,
              earlier: list[dict]) -> list[dict]:
    """One condition per bound: `营业收入5（含5亿）-10亿元` is >= 5亿 and < 10亿 on 营业收入.
    `earlier`: the conditions before it in its clause, for a tier that leaves its metric out."""
    seg = segment_of(text, Place(g.start, g.end, sentence.start, sentence.end))
    lo = max(seg[0], prev_end)
    metrics = cues.within(lo, g.start, "METRIC")
    periods = cues.within(lo, g.start, "PERIOD")
    metric = metrics[-1] if metrics and names_the_figure(text, metrics[-1].end, g.start, cues) else None
    metric = metric or _named_after(text, g.end, seg[1], cues)
    written = metric.text if metric else metric_as_written(text, lo, g.start, cues)
    if _RELATIVE.search(text, lo, g.start):  # `高于全市同行业平均增速5个百分点`: compared with an average
        metric = written = None
    # `研发费用增长率不低于15%`: a percentage after a quantity's name and a change word measures the change
    changed = metric is None or bool(_CHANGE_WORD.search(text, metric.end, g.start))
    change = _change(text, lo, g, cues, sentence, earlier) if changed else None
    if change:
        metric, written = None, change.written
        periods = [p for p in periods if p.id != "同比"]  # `同比增长`: the change's own word, no period
    leaves_out = metric is None and lo == seg[0] and elided(text, lo, g.start, cues)
    head = _list_head(text, seg, sentence, not earlier) if leaves_out else None
    if head:
        # `缴纳个人所得税：1万—3万元（4分）`: the metric heads the list after its colon
        named = [m for m in cues.within(*head, "METRIC") if names_the_figure(text, m.end, head[1], cues)]
        metric = named[-1] if named else None
        written = metric.text if metric else metric_as_written(text, *head, cues)
        periods = periods or cues.within(*head, "PERIOD")
    if written is None and sentence.header:  # `区级财力贡献` over the row's `100万元（含）至500万元`
        written = _ASIDE.sub("", column_header(text, g.start, sentence.header, exact=True).replace("\n", "")) or None
    inherited = None
    # `5亿元（含）以上、不足10亿元`: a figure after another with nothing but a comparison between tests its metric
    follows = metric is None and written is None and lo > seg[0] and elided(text, lo, g.start, cues)
    same = earlier and earlier[-1].get("unit") == g.amounts[0].unit and earlier[-1]["quote"] == text[seg[0] : seg[1]]
    if follows and same:
        inherited = earlier[-1]
    elif written is None and leaves_out:  # first figure of its segment
        # `…研发投入500万元至1000万元的，奖励20万元；1000万元以上的，奖励50万元`: the tier before's metric
        unit = g.amounts[0].unit
        inherited = next((c for c in reversed(earlier) if c.get("metric") and c.get("unit") == unit), None)
    out = []
    for a in g.amounts:
        c = {
            "metric": written,
            "variable": None,
            "period": periods[-1].id if periods else None,
            "op": _op_for(text, g, a, cues, seg),
            **quantity(a),
        }
        if metric:
            c["variable"] = metric.id + (f".{periods[-1].id}" if periods else "")
        elif change:
            c["period"] = c["period"] or change.period
            if change.variable:
                c["variable"] = change.variable + (f".{c['period']}" if c["period"] else "")
        elif inherited:
            c |= {key: inherited[key] for key in ("metric", "variable", "period")}
        if a.inclusive is not None:
            c["inclusive"] = a.inclusive
        c["quote"] = text[seg[0] : seg[1]]
        out.append(c)
    return out


def benefit(text: str, g: Group, a: Amount, cues: Cues, sentence: SentenceFacts) -> dict:
    seg = segment_of(text, Place(g.start, g.end, sentence.start, sentence.end))
    before = text[seg[0] : g.start]
    # what is given: the kind word nearest after the figure (`按…贷款…的50%给予贴息`), else the last before it
    after, earlier = cues.within(g.end, seg[1], "KIND"), cues.within(seg[0], g.start, "KIND")
    kind = after[0] if after else earlier[-1] if earlier else None
    # a table row's figure under `奖励标准（万元）` is a 奖励: the header says what its column pays
    b: dict = {"kind": kind.id if kind else header_kind(column_header(text, g.start, sentence.header))}
    per = _PER.search(text[max(sentence.start, seg[0] - 12) : g.start])
    base = _PROPORTIONAL_BASE.search(before) if a.kind == "percent" else None
    if base:
        b["proportional_to"] = base.group("base")
    if g.is_range:
        b["min"], b["max"] = quantity(g.amounts[0]), quantity(g.amounts[-1])
    else:
        b |= quantity(a)
        capped = (
            _CAP.search(before)
            or _CAPPED_PROPORTION.search(before)
            or comparison_after(text, a.end) == "<="
        )
        b["op"] = "<=" if capped else "=="
    basis = _RATE_BASIS.search(before)
    if basis:
        b["per"] = basis.group(1)  # 按进出口额每100万美元奖励1万元
    elif per and not a.per and (per.group("what") or per.group("measure")):
        b["per"] = per.group("what") if per.group("measure") in (None, "个", "位") else per.group("measure")
    b["quote"] = text[seg[0] : seg[1]]
    return b


def target(text: str, g: Group, a: Amount, cues: Cues, sentence: SentenceFacts) -> dict:
    seg = segment_of(text, Place(g.start, g.end, sentence.start, sentence.end))
    year = _YEAR.search(text, sentence.start, g.start)
    metric = cues.within(seg[0], g.start, "METRIC")
    written = metric[-1].text if metric else metric_as_written(text, seg[0], g.start, cues)
    if not metric and written and a.kind != "quantity" and not names_a_quantity(written):
        written = None  # `推动…50亿元`: money or a share is of a quantity, and the words before it name none
    t = {"metric": written, "year": int(year.group(1)) if year else None}
    return t | quantity(a) | {"op": _op_for(text, g, a, cues, seg), "quote": text[seg[0] : seg[1]]}
