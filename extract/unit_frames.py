"""Which bodies a sentence makes responsible, from where they stand in it.

A body acts when it is the subject of a clause (`市、区财政部门负责…`, `登记机关应当…`,
`区民政部门根据…给予…`), the agent after `由` (`由区民政部门负责`, `…由各区财政承担`) or
`经` (`经市民政部门核实后`), or is drawn in by the acting one (`会同Y`, `商Y`, `委托Y`,
`配合Y`, `向Y申请拨付`, `报Y复核`, `提请Y审定`, `接受Y、Z等部门的监督`). A body that is only
mentioned (`对财政困难的区`, `抄报市养老服务指导单位`) or only receives money or applies
(企业, 用人单位) is not responsible. The names are read by `normalize.unit_names`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from zhengce.normalize.labels import strip_label
from zhengce.normalize.unit_names import ETC, NAME_END, alternatives, has_level, is_gov, is_standalone, unit_list

from .words import segmenter

_STOP = regex.compile(rf"{alternatives('subject_stops')}|{alternatives('drawn_in')}|的")
_SEGMENT = regex.compile(r"[，,；;：:。！？!?]+(?![^（(]*[）)])")
_LEAD_IN = regex.compile(rf"^(?:{alternatives('lead_ins')})+")
# a body drawn in by another: the marker, then the list of bodies
_DRAWN_IN = regex.compile(rf"(?P<marker>{alternatives('drawn_in')}|(?<=牵头)(?=[^、，。；]{{2,30}}(?:部门|单位)))")
_ASIDE = regex.compile(r"[（(][^（）()]*[）)]")
_QUALIFIED = regex.compile(r"^[^，。；]{1,12}?的")
_ALIAS = regex.compile(r"^[^，。；（(]{2,40}[（(]以下(?:简)?称[“\"]?(?P<name>[^）)”\"]{2,20})[”\"]?[）)]")
_PERSON = regex.compile(rf"(?:主要|分管|有关)?副?(?:{alternatives('persons')})")
_NAME_VERB = regex.compile(alternatives("name_verbs"))
_PREDICATE_TAGS = {"v", "vd", "vn", "d", "ad"}  # jieba's tags of what may follow a subject
_MEMBERS = regex.compile(rf"^(?:{alternatives('member_labels')})[：:]")
_LEADS = regex.compile(r"^(?:应当?|要)?牵头")
# 各部门, 有关部门, 相关单位: a reader learns nobody from them when another body draws them in
_ANYONE = regex.compile(r"^(?:各|有关|相关|其他|其它)+(?:部门|单位|机构)$")
_CONSENT = regex.compile(alternatives("issuing_consents"))
_LOCAL = regex.compile(alternatives("local_prefixes"))
_BY_DUTY = regex.compile(rf"(?P<gov>[^，,。；;、]{{2,20}}?)(?:{alternatives('named_by_duty')})")
_GOV_END = regex.compile(rf"{NAME_END}|{ETC}")


@dataclass
class Stated:
    units: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)

    def add(self, names, lead: bool = False) -> None:
        self.units += [n for n in names if n not in self.units]
        if lead:
            self.lead += [n for n in names if n not in self.lead]


def _longest_list(text: str) -> tuple[tuple[str, ...], int]:
    """The longest start of `text` that is a list of bodies, and where it ends."""
    ends = sorted({m.end() for m in _GOV_END.finditer(text)}, reverse=True)
    for end in ends:
        names = unit_list(text[:end], strict=True)
        if names:
            return ((), 0) if _verb_led(text[:end]) else (names, end)
    return (), 0


def _verb_led(text: str) -> bool:
    """Words that end in a body's name but hold a verb and its object (`参考数字政府专班`,
    `专题请示市政府`, `高新区设立土地储备部门`, `承租政府`): a verb no name holds (登记机关,
    审批服务局 are names) starting a member of the list, or followed by a name or a bare ending."""
    tagged = segmenter().tag(text)
    member_start = True
    for i, (word, flag) in enumerate(tagged):
        if flag == "v" and not _NAME_VERB.fullmatch(word) and not is_gov(word):  # 发改局 is tagged a verb
            rest = "".join(w for w, _ in tagged[i + 1 :])
            if member_start or (rest[:1].isalpha() and (is_gov(rest) or regex.fullmatch(NAME_END, rest))):
                return True
        member_start = word in "、，,和及"
    return False


def _masked(text: str) -> str:
    """`text` with what brackets hold blanked out: a verb inside an aside ends no name."""
    return _ASIDE.sub(lambda m: m.group(0)[0] + "丨" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _subject(segment: str) -> tuple[tuple[str, ...], int]:
    """The bodies a clause starts with, up to its verb (`市、区民政部门应当…`), and where they end
    (the clause's length when it names bodies and nothing else); a clause whose verb is `由` is
    passive and names no acting subject."""
    masked = _masked(segment)
    for start in _starts(masked):
        if _DRAWN_IN.match(masked, start):  # 报送市民政部门: a verb, not a subject
            continue
        by_duty = _BY_DUTY.match(masked, start)
        if by_duty and is_gov(by_duty["gov"]):  # 县级以上人民政府负责…工作的部门: one body, named by its duty
            return (segment[start : by_duty.end()],), by_duty.end()
        stop = _STOP.search(masked, start)
        end = stop.start() if stop else len(segment)
        word = stop.group(0) if stop else ""
        if word == "关于":  # a title: `X关于印发…的通知`
            return (), 0
        names, length = _longest_list(segment[start:end])
        if not names:
            names, length = _local_body(masked, segment, start, end)
        exact = start + length == end and word not in ("的", "由")  # a qualifier, or passive: `X由Y负责`
        levelled = bool(names) and (has_level(names[0]) or is_standalone(names[0]))
        if names and (exact or (levelled and _verb_follows(segment[start:], length))):
            return ((), 0) if _PERSON.match(segment, start + length) else (names, start + length)
        if word == "由":
            return (), 0
    return (), 0


def _local_body(masked: str, segment: str, start: int, end: int) -> tuple[tuple[str, ...], int]:
    """`项目所在地人民政府`, `企业所在地税务机关`: a body named by where another is, one name, and its
    length; only as the acting subject (向户籍所在地镇人民政府申请: the applicant acts)."""
    local = _LOCAL.match(masked, start, end)
    if not local:
        return (), 0
    rest = segment[local.end() : end]
    names, length = ((rest,), len(rest)) if regex.fullmatch(NAME_END, rest) else _longest_list(rest)
    if len(names) != 1:
        return (), 0
    return (segment[start : local.end()] + names[0],), local.end() - start + length


def _verb_follows(text: str, at: int) -> bool:
    """A word ends at `at` and the next is a verb or an adverb (`市统计局提供…`, `…人民政府切实履行`):
    a name with its level before it is a subject even where no listed word follows it, unless the
    verb ends a modifier (`…等部门挂职的…机制`)."""
    cursor = 0
    tagged = segmenter().tag(text)
    for i, (word, flag) in enumerate(tagged):
        if cursor == at:
            after = tagged[i + 1][0] if i + 1 < len(tagged) else ""
            return flag in _PREDICATE_TAGS and after != "的"
        cursor += len(word)
        if cursor > at:
            return False
    return False


def _starts(segment: str) -> list[int]:
    """Where a clause's subject may begin: at once, or after what qualifies it (`有条件的区…`,
    `受理申请的镇人民政府…`)."""
    return [0] + [m.end() for m in _QUALIFIED.finditer(segment)]


def stated_units(sentence: str) -> Stated:
    """The bodies a sentence makes responsible (see the module docstring), in the order written.
    A clause of names alone (`区民政部门，街道办事处…做好…`) counts when a later clause of the
    sentence goes on to a verb: a list of addressees (`各县财政局，市直有关单位：`) does not."""
    out = Stated()
    if not _GOV_END.search(sentence):  # every body's name ends so (局, 部门, 政府…): most sentences name none
        return out
    body = _CONSENT.sub("", strip_label(sentence.strip()))
    if _MEMBERS.match(body):
        return out
    pending: list[str] = []
    for segment in _SEGMENT.split(body):
        segment = _LEAD_IN.sub("", segment.strip(" 　"))
        alias = _ALIAS.match(segment)
        if alias:  # `…的部门（以下称登记机关）应当…`: the body is the name the text gives it
            segment = alias.group("name") + segment[alias.end() :]
        names, cursor = _subject(segment)
        if names and cursor == len(segment):
            pending += names
            continue
        if names or _STOP.match(segment):
            out.add(pending)
        pending = []
        out.add(names, lead=bool(names) and bool(_LEADS.match(segment[cursor:])))
        masked = _masked(segment)
        for m in _DRAWN_IN.finditer(masked, cursor):
            stop = _STOP.search(masked, m.end())
            drawn, length = _longest_list(segment[m.end() : stop.start() if stop else len(segment)])
            if m.group(0).endswith("经") or not _PERSON.match(segment, m.end() + length):  # 经X主要负责人批准
                out.add(n for n in drawn if not _ANYONE.match(n))
    return out
