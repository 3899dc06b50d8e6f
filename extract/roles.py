"""What a figure is for: a benefit the government gives, a threshold an applicant must meet,
a target the government sets itself, or something else stated.

The decision is in data (`patterns/roles.json`): an ordered table of rows, each a set of
features that must hold, and the role they give. This module only computes the features
of a figure from its comma-segment, its sentence, the titles above it and the lexicon cues
(what the figure is about: an applicant's metric, a payment, a penalty, a rate of the whole
service; how it is framed: `对…的`, `…的，`, `按…的`, `到2025年`). A figure no row decides
keeps the role `other` and its rule says why it needs review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import NamedTuple

from zhengce.normalize.datafiles import data_lines
from zhengce.normalize.labels import strip_label

from .ablation import on
from .nlp import Cues, alternation, lexicon

BENEFIT, THRESHOLD, TARGET, OTHER = "benefit", "threshold", "target", "other"
TABLE = resources.files("zhengce.extract") / "patterns" / "roles.json"

_SEPARATORS = "，；：。"
_SEPARATOR = re.compile(f"[{_SEPARATORS}]")
# Comparison words written right after a figure (`2000万元以上`, `1亿元（含）以上`): part of the number's
# grammar, read from the characters, whatever the word segmenter made of them.
_OP_AFTER = re.compile(r"(?:（[^）]{0,8}）)?(?P<word>及以上|以上|以下|以内|之间)")
_OPS_AFTER = {"及以上": ">=", "以上": ">=", "以下": "<=", "以内": "<=", "之间": ">="}  # 在X至Y之间: a range tested

# verbs that change a figure (`提高至`, `下浮`, `压缩`): one list for every pattern below that needs them
_CHANGE = "提高|提升|降低|下调|上调|上浮|下浮|调整|增加|减少|增长|下降|压缩|缩短"
_PROPORTIONAL = re.compile(r"(?:按|以(?![上下内外前后及])|(?<![作认成])为|(?<!截)至)(?=[^，。；]{0,40}的$)")
_BARE_SHARE = re.compile(r"按照?$")
_RATE_PAID = re.compile(r"按照?(?:不低于|不超过|最高)?(?:每[\u4e00-\u9fff]{1,3})?$")
# `分3年按40%、30%、30%的比例发放`: a payment schedule
_SCHEDULE = re.compile(r"分(?:\d+|[一二两三四五])(?:年|次|期|批|个年度)")
_BORNE = re.compile(r"承担(?=[^，。；]{0,20}的$)")
# `单个企业年度获得扶持资金总额不超过500万元`: a cap on what one applicant is paid
_ONE_APPLICANT = re.compile(r"^(?:单个|单户|单家|单笔|每个|每家|每户|每人|每名)")
# `营业收入标准可放宽至10亿元`, `申请条件中的投资额要求可下浮20%`: a condition eased is still a condition
_RELAXED = re.compile(rf"放宽(?:至|到|为)?(?:[^，。；]{{0,12}}的)?$"
                      rf"|(?:条件|要求|门槛)[^，。；]{{0,8}}(?:{_CHANGE})(?:至|到|为)?$")
# `船长12米以下的每艘8万元`: the rate per unit a tier's case is paid
_TIER_RATE = re.compile(r"(?:以上|以下|以内|（含）|\d[\u4e00-\u9fff]{0,3})的，?每[\u4e00-\u9fff]{1,2}$")
_ABOUT = re.compile(r"(?:大?约|约为|约合)$")  # `总市值约1800亿元`: an estimate states, it sets or pays nothing
# `…90%以上的`, `…40%后`: the figure closes a case (not `…的比例`, `…的资金`: its own noun)
_OWN_NOUN = "比例|标准|资金|补助|部分|额度"
_CASE_CLOSED = re.compile(rf"的(?!{_OWN_NOUN})|后|时")
_CLOSING_DE = re.compile(rf"的(?!{_OWN_NOUN})")
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{0,3}率")  # `到户率` after 兑付: the word names a rate
_SHARE_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_WEIGHED = re.compile(r"占\d")  # `服务质量占30%、安全生产占25%`: factors and their weights
_RANGE = re.compile(r"\d[^，。；\t]*?(?:—|–|-|－|~|～|至|到)[^，。；\t]*?\d")  # `1亿元（含）—5亿元`
_LATER_FIGURE = re.compile(r"\t[^\n]*\d")  # a later cell of the row holds a figure
# `在现行票价基础上下浮50%`, `在上述标准基础上再增加10万元`, `按上述标准上浮10%`: a step from a standard stated before
_INCREMENT = re.compile(rf"(?:(?:在|按)[^，。；]{{0,20}}基础上|按(?:上述|前述|原|现行)?标准)(?:再|可)?(?:{_CHANGE})$")
# a voucher `满200元减50元`: what is taken off is paid, what must be spent is a test
_TAKE_OFF = re.compile(r"立?减|减免")
_TAKEN_OFF = re.compile(rf"满[\d.]+[十百千万]*元(?:{_TAKE_OFF.pattern})$")
# `由60万元提高至80万元`, `由每人每年13200元…`, `由2025年的18%…`, `由目前的35%…`: the figure after 由 is the
# one a change replaces
_FROM = re.compile(r"由(?:每[^\d，。；]{1,6}|\d{4}年(?:底|末)?的|(?:目前|现在|现行|当前)的?)?$")
_CHANGED_TO = re.compile(rf"(?:{_CHANGE})(?:至|到|为)")
_OF_BASE = re.compile(r"[^，。；]{1,40}的")  # `不超过`…`其投资额的`: the base a capped share is of
_GIVEN = re.compile(f"(?:{alternation('pays')})")  # `按每月每平方米10元给予租金补贴`: the rate it is paid at
_PAID_AT = re.compile(rf"(?:/[\u4e00-\u9fff·]{{1,4}}?)?(?:{_GIVEN.pattern})")  # `按20元/标箱给予`: per a unit
_AS_STANDARD = re.compile(rf"(?:（[^）]{{0,16}}）)?的?(?:补贴|补助|奖励|资助)?"
                          rf"(?:标准(?:{_GIVEN.pattern}|纳入|支付)|比例(?:{_GIVEN.pattern}|支付))")
# `2025年，全市实现营业收入2860亿元` in a notice of 2026: what a year before the notice's reports
_REPORTED_YEAR = re.compile(r"(?:截至)?(\d{4})年(?:底|末)?(?:[，,]|(?:全|我)[市区省县州盟])")
# `到2025年`, `2025年，…`; not `2024年度…`, the year a figure is counted in
_GOAL_SENTENCE = re.compile(r"到\d{4}年|^\d{4}(?:[-—至]\d{4})?年(?!度)|十[一二三四五六七八九]五”?(?:期间|时期|末)")
# a figure for the whole place (`全市规模以上工业增加值年均增长8%`) is the government's goal, not a test
_WHOLE_PLACE = re.compile(r"全[市县区省镇]")
# `技术改造投资年均增长10%以上` in a plan: a growth rate it sets as its goal
_AVERAGE_GROWTH = re.compile(r"年均(?:增长|提高|提升)$")
_QUALIFIES = re.compile(r"(?:以上|以下)?的")
_TASK_TITLE = re.compile(r"目标|任务")
_INDICATOR_HEADER = re.compile(r"指标|分值|评分|考核|考评")  # a table of the indicators a body is assessed on
# `每个区应当设置至少1个…`, `各县（市、区）要确保…`: a sentence whose subject is each place or level of
# government and whose verb is a duty: its figures are what the government must do, not tests
_GOVERNMENT_DUTY = re.compile(
    r"^(?:每个|各)(?:省|市|区|县|街道|镇|乡|社区|行政村|村|地)[^，。；]{0,12}?(?:应当|应|要|须|必须)")
_FUNDING_TITLE = re.compile(r"资金(?:来源|保障|安排|筹措|筹集)|经费保障")  # 资金来源和拨付: where the money comes from
_ELIGIBILITY_TITLE = re.compile(r"条件|资格|要求|对象")  # 申请条件, 申报要求, 资助对象 (not 标准: 支持标准 pays)
_CRITERIA_TITLE = re.compile(r"符合(?:以下|下列)")  # 须符合下列情形之一: a list of criteria
_FRAMING = re.compile(r"(?:对于?|凡)(?!象|外|接|标|比|话)")  # 对年营业收入…的企业, not 对象, 对外, 对接
# `…5000万元以上的，` / `…不足200元的，`: a clause that ends in 的 after the figure states a case
_CONDITION_TAIL = re.compile(r"(?:（[^）]{0,12}）)?(?:及以上|以上|及以下|以下|以内)?(?:（[^）]{0,12}）)?的"
                             rf"(?:[^，。；的]{{0,4}}(?:{'|'.join(data_lines('case_parties.txt'))}))?$")
# `（4分）` after a figure: the figure is a tier of a points scale (积分), which tests the applicant
_SCORED = re.compile(r"(?:（[^）]{0,20}）)?(?:以上|以下)?(?:（[^）]{0,20}）)?[，]?（\d+(?:\.\d+)?分）")
# a plan (方案, 规划, 意见…) states the government's goals; an 办法 or 细则 states tests and payments
_PLAN_TITLE = re.compile(r"(?:方案|规划|计划|意见|纲要|要点|行动)[）)]?(?:（[^）]*）)?$")
# between a head noun and its figure: comparisons (removed by the caller), per-unit bases, copulas
_LINKS = re.compile(
    # 担保费率降至1%, 覆盖率提升3个百分点, 额度由60万元提高至80万元
    rf"(?:由\d[\d.]*[十百千万亿]*(?:元|%)?)?(?:{_CHANGE})(?:至|到|为)?"
    r"|(?:至|到|为)"
    r"|[）)]?基础上"  # 在LPR基础上上浮1.5个百分点
    r"|(?:[^\W\d_]{0,6}?每[^\W\d_]{1,3}?)+(?=\d|$)"  # 建筑面积每平方米
    r"|[为是按的]|(?:均|可|最高|最多|一次性|共计|合计|总计)|(?:稳定|保持|控制)在?"  # 参保率稳定在95%以上
)
# connectives and the qualifiers of a figure (`首次突破`, `累计达到`, `均`): they name nothing
CONNECTIVES = re.compile(r"原则上|应当|首次|累计|统一|分别|[对凡和或及且在为的均含]")
_NAMING = re.compile(r"[^\W\d_]")  # a character that could name something
# `A类人才按40%`, `一档`: a tier of whom a figure is stated for names no other head, nor does 按 before it
_TIER = re.compile(r"[A-Z甲乙丙丁一二三四五六七八九十\d]+[类档级星](?:人才|企业|对象|项目)?|按照?$")
_DIGIT = re.compile(r"\d")
_NAMING_RUN = re.compile(r"[^\W\d_]{2,}")  # a word of two or more characters: another head


@cache
def _header_words(attribute: str) -> tuple[re.Pattern, dict[str, str]]:
    """The lexicon words with `attribute` (payment, metric, kind) as one pattern, and each word's
    value, for a table's header rows, which the cue pipeline does not read with the row."""
    values = {e["pattern"]: e[attribute] for e in lexicon() if attribute in e and len(e["pattern"]) > 1}
    return re.compile("|".join(map(re.escape, sorted(values, key=len, reverse=True)))), values


def _header_names(attribute: str, header: str) -> bool:
    """Whether a table header holds a lexicon word with `attribute` (`统筹基金最高支付限额`: payment)."""
    return bool(header) and bool(_header_words(attribute)[0].search(header))


def header_kind(header: str) -> str | None:
    """What a column header says is paid (`奖励标准（万元）` -> 奖励): the kind of its last payment word."""
    pattern, kinds = _header_words("kind")
    found = pattern.findall(header) if header else []
    return kinds[found[-1]] if found else None


def column_header(text: str, pos: int, header: str, exact: bool = False) -> str:
    """The header cells over the column of the row cell at `pos` (tabs count the columns), from
    each header row with as many cells as the row; a header that does not line up with the row
    (merged header cells) counts whole, or not at all when `exact`."""
    if not header:
        return ""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    column, width = text.count("\t", start, pos), text.count("\t", start, len(text) if end < 0 else end) + 1
    above = [row.split("\t")[column] for row in header.split("\n") if row.count("\t") + 1 == width]
    return "\n".join(above) if above else "" if exact else header


_PAID_FIGURE = re.compile(r"\d(?:[\d.]*)\s*(?:[十百千万亿]*元|%)")  # an amount of money or a share


class Place(NamedTuple):
    """Where an amount (or a list/range of amounts) sits: its span and its sentence's span."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: str = "money"  # of the amount: money, percent or quantity (a count, a duration, an area)


class Decision(NamedTuple):
    role: str
    row: str | None  # the table row that decided, None when none did
    unsure: bool


def comparison_after(text: str, end: int) -> str | None:
    """The operator a comparison word right after a figure gives (`以上` -> `>=`), or None."""
    m = _OP_AFTER.match(text, end)
    return _OPS_AFTER[m.group("word")] if m else None


def comparison_end(text: str, end: int) -> int:
    """Where the comparison word right after a figure ends (`1年以上` -> after 以上), else `end`."""
    m = _OP_AFTER.match(text, end)
    return m.end() if m else end


def segment_of(text: str, place: Place) -> tuple[int, int]:
    """The comma-delimited segment around an amount."""
    start = place.sentence_start
    for separator in _SEPARATORS:
        start = max(start, text.rfind(separator, place.sentence_start, place.start) + 1)
    after = _SEPARATOR.search(text, place.end, place.sentence_end)
    return start, after.start() if after else place.sentence_end


def without_cues(text: str, lo: int, end: int, cues: Cues, *labels: str) -> str:
    """text[lo:end] with the words of the cues of `labels` taken out."""
    words = list(text[lo:end])
    for cue in cues.within(lo, end, *labels):
        words[cue.start - lo : cue.end - lo] = [""] * (cue.end - cue.start)
    return "".join(words)


def without_comparisons(text: str, lo: int, end: int, cues: Cues) -> str:
    """text[lo:end] with the comparison words taken out."""
    return without_cues(text, lo, end, cues, "CMP")


def names_the_figure(text: str, cue_end: int, figure: int, cues: Cues, *also: str) -> bool:
    """Whether the word ending at `cue_end` is the head of what the figure measures: nothing but
    comparisons, periods, groups of people, per-unit bases, copulas and connectives stand between them
    (`救助标准不超过240元`, `个人所得税近三年累计达到50万元`, `支付限额在职职工为3000元`; not
    `利润再投资额超过500万美元` for 利润)."""
    words = without_cues(text, cue_end, figure, cues, "CMP", "PERIOD", "GROUP", *also)
    return not _NAMING_RUN.search(CONNECTIVES.sub(" ", _LINKS.sub("", words)))


def elided(text: str, lo: int, end: int, cues: Cues) -> bool:
    """Whether nothing but comparison words, connectives and the people it is stated for stands before a
    figure (`；1000万元以上的`, `：原则上不低于80%`, `原则上不低于每人2500元`): the figure leaves out what it
    measures, which the text before it names."""
    return not _NAMING.search(CONNECTIVES.sub("", _TIER.sub("", strip_label(
        without_cues(text, lo, end, cues, "CMP", "GROUP")))))


def heads(text: str, lo: int, figure: int, cues: Cues, label: str) -> list:
    """Cues of `label` in [lo, figure) that are the head of what the figure measures."""
    return [cue for cue in cues.within(lo, figure, label) if names_the_figure(text, cue.end, figure, cues)]


def _framed_as_condition(text: str, seg: tuple[int, int], place: Place, cues: Cues) -> bool:
    """`对…<amount>…的` (or `凡…`, `对于…`) opening the segment: the amount qualifies whoever the
    sentence is about."""
    if not _FRAMING.match(strip_label(text[seg[0] : place.start])) or _RATE_PAID.search(text, seg[0], place.start):
        return False  # `对三类救助对象按不低于60%的比例给予救助`: 按 heads the rate the frame is paid at
    if cues.within(seg[0], place.start, "GIVE"):
        return False
    after_end = seg[1]
    benefit_after = cues.within(place.end, seg[1], "GIVE")
    if benefit_after:
        after_end = benefit_after[0].start
    # the 的 that closes the frame (`对…50万元以上的企业`), not the figure's own noun (`按60%的比例`)
    return bool(_CLOSING_DE.search(text, place.end, after_end)) or bool(benefit_after)


def _case_clause(text: str, seg: tuple[int, int], place: Place) -> bool:
    """`…住房租赁补贴不足200元的，…`: the segment ends in 的 right after the figure, and the sentence goes on."""
    return (seg[1] < place.sentence_end and text[seg[1]] == "，"
            and bool(_CONDITION_TAIL.fullmatch(text, place.end, seg[1])))


def _benefit_next_to(text: str, place: Place, seg: tuple[int, int], cues: Cues) -> bool:
    """A strong giving word earlier in the segment, a near one (`累计`, `申请`) just before, a
    payment noun just after (`1000万元奖励`), or the rate a benefit is paid at (`按…10元给予`)."""
    for cue in cues.within(seg[0], place.start, "GIVE"):
        # not `不低于中央财政奖补资金的50%` (a giving word inside what is compared) nor `申请贴息的企业上年度
        # 纳税额不低于50万元` (an applicant's metric after it heads the figure): they pay nothing
        if cue.id == "strong" and not _inside_a_comparison(text, cues, seg[0], cue.start) and not heads(
                text, cue.end, place.start, cues, "METRIC"):
            return True
        if cue.id != "strong" and place.start - cue.end <= 6 and not _compared_between(cues, cue.end, place.start) \
                and names_the_figure(text, cue.end, place.start, cues, "PAYMENT"):
            # not `累计达到500万元`, `累计新增1000亿元`: a comparison or a word other than a payment between
            return True
    if _AS_STANDARD.match(text, place.end) or ("按" in text[seg[0] : place.start] and _PAID_AT.match(text, place.end)):
        return True  # 按每年30万元的标准给予租金补贴, 按每平方米10元给予补贴, 按20元/标箱给予奖励
    # `1000万元的奖励`, but not `…500万元，奖励比例30%` across a comma
    after = cues.within(place.end, place.end + 8, "PAYMENT")
    return any(c.start <= place.end + 1 and not _SEPARATOR.search(text, place.end, c.start) for c in after)


def _no_caps(cues: Cues, lo: int, hi: int, *labels: str) -> list:
    """The cues of `labels` in [lo, hi) that are not also a cap word (`最高`, `不超过` cap a payment)."""
    caps = {cue.start for cue in cues.within(lo, hi, "CAP")}
    return [cue for cue in cues.within(lo, hi, *labels) if cue.start not in caps]


def _inside_a_comparison(text: str, cues: Cues, lo: int, at: int) -> bool:
    """Whether a comparison that opens its object (`不低于`, not `以上` after a figure) and is no cap
    stands in [lo, at) with no figure of its own before `at` (`（游客不少于300人）给予` is closed): the word
    at `at` is then part of what is compared with."""
    return any(cue.text not in _OPS_AFTER and not _DIGIT.search(text, cue.end, at)
               for cue in _no_caps(cues, lo, at, "CMP"))


def _compared_between(cues: Cues, lo: int, hi: int) -> bool:
    """Whether a comparison word that is no cap stands in [lo, hi) (`超出`, `达到`; not `不超过`)."""
    return bool(_no_caps(cues, lo, hi, "CMP"))


def _under_a_payment_header(c: Context) -> bool:
    """A table cell under a header naming a payment or a public purse (`统筹基金最高支付限额`, `中央财政`),
    unless the cell compares the figure (`达到在职职工人数15%`, `100万元以上`; not a cap such as `最高50万元`)."""
    if comparison_after(c.text, c.place.end) is not None or _compared_between(c.cues, c.cell[0], c.place.start):
        return False
    return any(_header_names(a, column_header(c.text, c.place.start, c.header)) for a in ("payment", "payer"))


def _share(c: Context) -> bool:
    """`资金的60%用于…`, `其中用于…的资金不超过20%`, `100万元以上的分两年拨付`, `市级财政承担60%`: a use
    or split word in the figure's segment, or before a segment that leaves out its head; money a split word
    pays out (`上市后拨付250万元`) is paid, so for money only a word after the figure counts."""
    if c.place.kind == "money":  # `审计费用在2万元以内的由区财政据实承担`: the purse bears the cost it names
        return any(w.id != "bears" for w in c.in_segment("SHARE", after=True))
    # `市级财政承担60%` splits a cost; `资金池承担本金损失的70%`, `承担保费的10%` bear what is named
    # and `兑付到户率`, `出行分担率` name a rate, not a split
    # nor a split word after a figure that closes a case (`保存率达到90%以上的拨付剩余30%`): the case is tested
    end = c.place.start if _CASE_CLOSED.match(c.text, comparison_end(c.text, c.place.end)) else c.seg[1]
    words = [w for w in c.cues.within(c.seg[0], end, "SHARE") if not _RATE_NAME.match(c.text, w.end)
             and (w.id != "bears" or (w.end <= c.place.start and "的" not in c.text[w.end : c.place.start]))]
    return bool(words) or bool(
        c.cues.within(c.place.sentence_start, c.seg[0], "SHARE") and elided(c.text, c.seg[0], c.place.start, c.cues))


def _after_payment(c: Context) -> bool:
    """`支付比例在职职工为65%，退休人员为75%`, `补贴标准由各省确定，原则上不低于每人2500元`: a figure that
    leaves out its head after a payment figure, or after a segment naming a payment with no figure. Not
    `10万元以下的每辆补贴3000元`: a figure compared, or followed by a giving word, tests what is bought."""
    if c.previous is not None:
        after = c.previous.row in _PAYMENT_ROWS
    else:
        after = bool(c.cues.within(c.place.sentence_start, c.seg[0], "PAYMENT"))
    return after and elided(c.text, c.seg[0], c.place.start, c.cues) and \
        comparison_after(c.text, c.place.end) is None and not c.in_segment("GIVE", after=True)


def _charge(c: Context) -> bool:
    """`个人缴费比例为8%`, `目前LPR为3.1%`, a `农户自缴` column: what an applicant pays, or a reference rate,
    heads the figure; not when it is what a payment is paid on (`补贴保费的45%`, `给予保费10%的补贴`)."""
    header = column_header(c.text, c.place.start, c.header, exact=True)
    if _header_names("charge", header) and not _header_names("payment", header):
        return True  # a `农户自缴` column; not `保费补贴比例`, the rate a charge is paid at
    if any(c.text[c.place.end : cue.start] in ("", "的")
           for cue in c.cues.within(c.place.end, c.place.end + 8, "CHARGE")):
        return True  # `按20%的税率缴纳`, `适用20%税率`: the figure's own noun is a charge
    # not paid on: no giving word that is no cap before it (`最高可在LPR基础上上浮`: 最高 is a cap)
    return any(not _no_caps(c.cues, c.seg[0], cue.start, "GIVE", "PAYS")
               for cue in heads(c.text, c.seg[0], c.place.start, c.cues, "CHARGE"))


def _budget(c: Context) -> bool:
    """`市财政每年安排专项资金3亿元`, `发放消费券总额3000万元`: a fund or total the government budgets heads
    the figure (发放 budgets a total only: `发放补助资金5万元` pays); so does a fund of a public purse or of
    the whole place, or one under a heading on where the money comes from."""
    verbs = c.in_segment("BUDGET")
    funds = heads(c.text, c.seg[0], c.place.start, c.cues, "FUND")
    if verbs and funds:
        return funds[-1].id == "total" or any(v.id != "total" for v in verbs)
    named = {f.start for f in c.in_segment("FUND")}  # 补贴资金: a giving word in a fund's name pays nothing
    paid = any(g.id == "strong" and g.end not in named for g in c.in_segment("GIVE"))
    # `在文化旅游发展专项资金中安排1.5亿元`, `州本级每年安排不少于500万元`: the verb heads the figure, and
    # nothing in the segment is paid to anyone; under 资金来源/资金保障, a fund heading it is budgeted
    if any(v.id != "total" for v in heads(c.text, c.seg[0], c.place.start, c.cues, "BUDGET")):
        return not paid
    # `其中中央资金4200万元`, `2025年全县补贴资金4860万元`: a fund of a public purse or of the whole place
    whose = bool(c.in_segment("PAYER")) or bool(_WHOLE_PLACE.search(c.before))
    # 规模 is a fund's size only where a fund is set up (`设立规模5亿元的基金`), not `全市产业规模突破60亿元`
    funds = [f for f in funds if f.id != "规模"]
    return bool(funds) and not paid and (whose or any(_FUNDING_TITLE.search(t) for t in c.titles))


def _sums_to_whole(written: str) -> bool:
    """Whether a list of two or more percentages adds up to 100 (`60%、40%`)."""
    shares = [float(v) for v in _SHARE_VALUE.findall(written)]
    return len(shares) >= 2 and abs(sum(shares) - 100) < 0.01


def _goal_sentence(c: Context) -> bool:
    """`到2025年`, `2027年，全市…`, 力争: the government's own goal; not a year before the notice's own heading
    its sentence (`2024年零售额不低于500万元` in a notice of 2025 tests last year's figures)."""
    m = _GOAL_SENTENCE.search(c.sentence) or _GOAL_SENTENCE.match(strip_label(c.text[c.seg[0] : c.seg[1]]))
    if m and m.group()[0].isdigit() and c.issued and int(m.group()[:4]) < c.issued:
        m = None
    return bool(m) or bool(c.cues.within(c.place.sentence_start, c.place.start, "AIM"))


def _tier_cell(c: Context) -> bool:
    """`1亿元（含）—5亿元\t20万元`, `30%（含）至50%\t1400`: a range in a table cell with a figure in a later
    cell of its row bounds the tier that figure is paid for; so does a figure under a metric's column."""
    row_end = c.text.find("\n", c.place.end)
    row = c.text[c.place.end : row_end if row_end >= 0 else len(c.text)]
    if "\t" not in c.text[c.place.sentence_start : c.place.sentence_end] or not _LATER_FIGURE.search(row):
        return False
    # `年营业收入 | 奖励金额`: a cell under an applicant's metric bounds the tier as a range does
    header = column_header(c.text, c.place.start, c.header, exact=True)
    return bool(_RANGE.search(c.text, c.place.start, c.place.end)) or (
        _header_names("metric", header) and not _header_names("payment", header))


def _proportional(c: Context) -> bool:
    """`按售价的30%`: the figure is a share of the base after the nearest 按/以/为, unless a comparison
    that is no cap comes between (`按公式计算的租金超出月收入的15%的`: the figure is what the rent is
    compared with; `按不超过购置额的20%` still pays 20%). `按60%（的比例）给予报销`: a bare share that is
    paid. `支持金额不超过其投资额的30%`: a payment capped at a share of a base. `资金池承担损失的70%`: a
    public fund bears a share."""
    if _BARE_SHARE.search(c.before):
        return bool(c.in_segment("GIVE", after=True) or c.in_segment("PAYS", after=True))
    marks = list(_PROPORTIONAL.finditer(c.before))
    if marks and not _compared_between(c.cues, c.seg[0] + marks[-1].end(), c.place.start):
        return True
    borne = list(_BORNE.finditer(c.before))  # `由风险补偿资金池承担损失的50%`: the share a public fund bears
    if borne and c.cues.within(c.seg[0], c.seg[0] + borne[-1].start(), "FUND", "PAYER"):
        return True
    caps = [cue for cue in c.in_segment("CAP") if _OF_BASE.fullmatch(c.text, cue.end, c.place.start)]
    return bool(caps) and bool(c.cues.within(c.seg[0], caps[-1].start, "PAYMENT")) and not _compared_between(
        c.cues, caps[-1].end, c.place.start)


def _pays_a_figure(c: Context, give) -> bool:
    """Whether the segment of a giving word (later in the sentence) states an amount it pays."""
    seg = segment_of(c.text, Place(give.start, give.end, c.place.sentence_start, c.place.sentence_end))
    return bool(_PAID_FIGURE.search(c.text, *seg))


class Context(NamedTuple):
    """What the features of one figure read."""

    text: str
    place: Place
    seg: tuple[int, int]
    cues: Cues
    titles: list[str]
    header: str  # the header rows of the table the figure's row belongs to, "" outside tables
    policy: str  # the title of the policy the figure is stated in
    previous: Decision | None  # how the figure before this one in its sentence was decided
    issued: int | None = None  # the year the notice was issued: a sentence on an earlier year reports

    @property
    def before(self) -> str:
        return self.text[self.seg[0] : self.place.start]

    @property
    def sentence(self) -> str:
        return self.text[self.place.sentence_start : self.place.sentence_end]

    @property
    def cell(self) -> tuple[int, int]:
        """The segment, or in a table row (tab-separated cells) the figure's own cell of it."""
        if not self.header:
            return self.seg
        start = max(self.seg[0], self.text.rfind("\t", self.seg[0], self.place.start) + 1)
        end = self.text.find("\t", self.place.end, self.seg[1])
        return start, end if end >= 0 else self.seg[1]

    def in_segment(self, label: str, after: bool = False) -> list:
        return self.cues.within(self.place.end, self.seg[1], label) if after else \
            self.cues.within(self.seg[0], self.place.start, label)


FEATURES: dict[str, Callable[[Context], bool]] = {
    "percent": lambda c: c.place.kind == "percent",
    "quantity": lambda c: c.place.kind == "quantity",
    "proportional": _proportional,
    "rate_basis": lambda c: c.before.endswith("每"),
    "fine": lambda c: bool(c.cues.within(c.seg[0], c.seg[1], "FINE")),
    "schedule": lambda c: bool(_SCHEDULE.search(c.before)),
    "allotted": lambda c: bool(c.cues.within(c.seg[0], c.seg[1], "ALLOT")),
    "taken": lambda c: bool(c.in_segment("TAKE", after=True)),
    # not `应纳税所得额不超过300万元的部分`: the part under a bracket's bound
    "capped": lambda c: bool(c.in_segment("CAP")) and not c.text.startswith("的部分", c.place.end),
    "applicant_cap": lambda c: bool(_ONE_APPLICANT.match(strip_label(c.before)) and c.in_segment("CAP")
                                    and (c.in_segment("PAYMENT") or c.in_segment("FUND"))),
    "increment": lambda c: bool(_INCREMENT.search(without_comparisons(c.text, c.seg[0], c.place.start, c.cues))),
    "voucher_off": lambda c: bool(_TAKEN_OFF.search(c.before)),
    "voucher_spend": lambda c: c.before.endswith("满") and bool(_TAKE_OFF.match(c.text, c.place.end)),
    "former": lambda c: bool(_FROM.search(c.before)) and bool(_CHANGED_TO.match(c.text, c.place.end)),
    "reclaimed": lambda c: bool(c.cues.within(c.seg[0], c.seg[1], "RECLAIM")),  # 退回…的50%, 按…的100%予以追回
    "procedure": lambda c: bool(c.cues.within(c.seg[0], c.place.start, "PROCEDURE")),  # 抽查比例不低于10%
    "tier_cell": _tier_cell,
    # `可使用创新券抵扣服务费用的50%`, `享受增值税即征即退50%政策`, `加计5%抵减应纳税额`: relief it takes off
    "relief": lambda c: any(not _compared_between(c.cues, r.end, c.place.start) for r in c.in_segment("RELIEF"))
    or any(r.start - c.place.end <= 1 for r in c.in_segment("RELIEF", after=True)),
    # `比例分别为40%、30%、30%`: shares that make up a whole split it, whatever is split
    "whole_split": lambda c: c.place.kind == "percent" and _sums_to_whole(c.text[c.place.start : c.place.end]),
    # `船长12米以下的每艘8万元`: the rate per unit a tier's case is paid
    "tier_rate": lambda c: bool(_TIER_RATE.search(c.before)),
    "relaxed": lambda c: bool(_RELAXED.search(c.before)),
    # `服务质量占30%、安全生产占25%`: a list of shares each factor weighs, not a split of money nor a goal
    "weight": lambda c: c.before.endswith("占") and len(_WEIGHED.findall(c.sentence)) >= 2,
    "approximate": lambda c: bool(_ABOUT.search(c.before)),
    "reported": lambda c: bool(c.issued and (m := _REPORTED_YEAR.match(strip_label(c.sentence)))
                               and int(m.group(1)) < c.issued),
    "budget": _budget,
    "charge": _charge,
    "condition_clause": lambda c: _framed_as_condition(c.text, c.seg, c.place, c.cues)
    or _case_clause(c.text, c.seg, c.place),
    "payment_next": lambda c: _benefit_next_to(c.text, c.place, c.seg, c.cues),
    # not `募集资金50%以上投资于本市的`: a payment is capped (以下, 不超过), never floored by 以上 after it
    "payment_head": lambda c: comparison_after(c.text, c.place.end) != ">=" and any(
        not _inside_a_comparison(c.text, c.cues, c.seg[0], cue.start)
        for cue in heads(c.text, c.seg[0], c.place.start, c.cues, "PAYMENT")),
    "payment_header": _under_a_payment_header,
    "indicator_header": lambda c: bool(_INDICATOR_HEADER.search(c.header)),
    "benefit_later": lambda c: any(g.id == "strong" and _pays_a_figure(c, g)
                                   for g in c.cues.within(c.seg[1], c.place.sentence_end, "GIVE")),
    "share": _share,
    "scored": lambda c: bool(_SCORED.match(c.text, c.place.end)),
    "plan": lambda c: bool(_PLAN_TITLE.search(c.policy)) or any(_TASK_TITLE.search(t) for t in c.titles),
    # not `近两年营业收入年均增长30%以上的企业纳入后备库`: a figure that qualifies whoever follows is a test
    "goal_title": lambda c: any("目标" in t for t in c.titles) and not _QUALIFIES.match(c.text, c.place.end),
    "public_metric": lambda c: bool(heads(c.text, c.seg[0], c.place.start, c.cues, "PUBLIC")),
    "goal_sentence": _goal_sentence,
    "eligibility_title": lambda c: any(_ELIGIBILITY_TITLE.search(t) for t in c.titles),
    "criteria_title": lambda c: any(_CRITERIA_TITLE.search(t) for t in c.titles),
    "target_verb": lambda c: bool(c.in_segment("TARGET_VERB")),
    "after_metric": lambda c: c.previous is not None and c.previous.row == "metric_compared",
    "after_payment": _after_payment,
    "whole_place": lambda c: bool(_WHOLE_PLACE.match(strip_label(c.before))),
    "government_duty": lambda c: bool(_GOVERNMENT_DUTY.match(strip_label(c.sentence))),
    # not `近两年营业收入年均增长30%以上的企业`: a growth that qualifies whoever follows is a test
    "average_growth": lambda c: bool(_AVERAGE_GROWTH.search(without_comparisons(
        c.text, c.seg[0], c.place.start, c.cues))) and not _QUALIFIES.match(c.text, c.place.end),
    "metric": lambda c: bool(heads(c.text, c.seg[0], c.place.start, c.cues, "METRIC")),
    "compared": lambda c: bool(c.cues.within(*c.cell, "CMP")) or comparison_after(c.text, c.place.end) is not None,
}


# the rows that read a figure as a payment: a figure after one that leaves out its head pays too
_PAYMENT_ROWS = ("payment_next", "payment_head", "payment_header", "proportional", "after_payment")


class Row(NamedTuple):
    name: str
    needs: tuple[str, ...]
    refuses: tuple[str, ...]
    role: str
    unsure: bool


@cache
def table() -> tuple[Row, ...]:
    """The decision table of `patterns/roles.json`, its feature names checked against FEATURES."""
    rows = []
    for row in json.loads(TABLE.read_text(encoding="utf-8"))["rows"]:
        needs = tuple(f for f in row["when"] if not f.startswith("!"))
        refuses = tuple(f[1:] for f in row["when"] if f.startswith("!"))
        unknown = set(needs + refuses) - FEATURES.keys()
        if unknown:
            raise ValueError(f"roles.json row {row['name']}: unknown features {sorted(unknown)}")
        rows.append(Row(row["name"], needs, refuses, row["role"], bool(row.get("unsure"))))
    return tuple(rows)


def decide(text: str, place: Place, cues: Cues, titles: list[str], header: str = "", policy: str = "",
           previous: Decision | None = None, issued: int | None = None) -> Decision:
    """The role of the figure at `place`: the first table row whose features all hold. `previous`:
    how the figure before it in its sentence was decided; `issued`: the notice's year."""
    context = Context(text, place, segment_of(text, place), cues, titles, header, policy, previous, issued)
    known: dict[str, bool] = {}

    def holds(feature: str) -> bool:
        if feature not in known:
            known[feature] = FEATURES[feature](context)
        return known[feature]

    for row in table():
        if on(row.name) and all(holds(f) for f in row.needs) and not any(holds(f) for f in row.refuses):
            return Decision(row.role, row.name, row.unsure)
    return Decision(OTHER, None, True)


