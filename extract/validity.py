"""When a policy applies and what it replaces: 施行/实施 dates, 有效期, 废止, cited documents."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from zhengce.normalize.dates import DATE, end_of_term, to_iso
from zhengce.normalize.doc_numbers import ANNOUNCEMENT_NUMBER, DOC_NUMBER, normalize_doc_number
from zhengce.normalize.labels import cn_ordinal

_D = DATE.pattern.replace("(?P<y>", "(?:").replace("(?P<m>", "(?:").replace("(?P<d>", "(?:")
_STARTS = r"(?:施行|实施|执行|生效|试行)"
_FROM_ISSUE = re.compile(rf"自(?P<act>发布|印发|公布|发文)之日起(?:(?P<days>\d{{1,3}})日后)?{_STARTS}")
_FROM_DATE = re.compile(rf"自(?P<date>{_D})起{_STARTS}")
_UNTIL = re.compile(rf"(?:有效期限?|执行期限?|实施期限?|施行期限?|试行期限?)(?:至|到|截至)"
                    rf"(?:(?P<date>{_D})|(?P<year>\d{{4}})年(?:底|末))")
# `自2024年10月1日起施行，2029年9月30日废止`: the end, in the sentence that gives the start
_ENDS_ON = re.compile(rf"[^。；\n]*?[，,](?:至|到)?(?P<date>{_D})(?:止|废止|失效)")
_TERM = re.compile(
    r"(?:有效期限?|试行期限?|实施期限|执行期限|施行期限)(?:为|是)?(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:个)?(?P<unit>年|月)"
)
_TERM_WORD = r"(?:有效期|执行期限?|实施期限?|施行期限?|期限)"
_BETWEEN = re.compile(rf"(?:{_TERM_WORD}(?:为|是|自)?|自)(?P<a>{_D})(?:起)?(?:至|到|—|-)(?P<b>{_D})(?:止)?")
_OWN = re.compile(r"本(?:办法|通知|公告|措施|政策|方案|意见|规定|细则|计划|条例|决定|指南|规则|实施|文件)")
# `本公告执行至2027年12月31日`: the document's own end, said with the verb that runs it
_OWN_UNTIL = re.compile(rf"{_OWN.pattern}[^。；\n]{{0,20}}?(?:执行|实施|施行|试行)(?:至|到)(?P<date>{_D})")
# a programme's years in its title: `三年行动计划（2016—2018年）`, `2021-2025年规划`
_PROGRAMME = re.compile(r"(?<!\d)(?P<a>(?:19|20)\d{2})(?:年)?\s*[—–\-~～－至到]+\s*(?P<b>(?:19|20)\d{2})年")
_REPEAL = re.compile(r"同时废止|予以废止|同时停止执行|不再执行|停止执行")
_SENTENCE_ENDS = "。；\n"
_CITED = re.compile(r"《(?P<title>[^《》]+)》(?:[（(](?P<number>[^（）()]*?〔\d{4}〕\d+号)[）)])?")


@dataclass
class Validity:
    valid_from: str | None = None
    valid_until: str | None = None
    supersedes: list[str] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    statement: str | None = None


def _iso(text: str) -> str | None:
    m = DATE.search(text)
    return to_iso(m) if m else None


def _sentences_with(pattern: re.Pattern, body: str) -> list[str]:
    """The sentences (up to 。, ； or a line break) of `body` in which `pattern` occurs, each once."""
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(body):
        start = max(body.rfind(c, 0, m.start()) for c in _SENTENCE_ENDS) + 1
        ends = [i for i in (body.find(c, m.end()) for c in _SENTENCE_ENDS) if i >= 0]
        span = (start, min(ends, default=len(body)))
        if not spans or spans[-1] != span:
            spans.append(span)
    return [body[a:b] for a, b in spans]


def _term(body: str, start: re.Match | None) -> re.Match | None:
    """The policy's own term: the one stated with its start (`自印发之日起施行，有效期5年`), else the first
    in a sentence about this document (`本办法有效期3年`); not a certificate's (`评定结果有效期三年`)."""
    if start is not None:
        end = min([i for i in (body.find(c, start.end()) for c in "。\n") if i >= 0], default=len(body))
        m = _TERM.search(body, start.end(), end)
        if m:
            return m
    for m in _TERM.finditer(body):
        sentence_start = max(body.rfind(c, 0, m.start()) for c in _SENTENCE_ENDS) + 1
        if _OWN.search(body, sentence_start, m.start()):
            return m
    return None


def read_validity(body: str, issued_on: str | None, own_titles: tuple[str, ...] = (),
                  published_on: str | None = None) -> Validity:
    """`published_on` (a web page's 发布日期) is the start of `自发布之日起`; else the signing date is.
    A programme whose title names its years (`（2016—2018年）`) runs to the end of the last one."""
    v = Validity()
    between = _BETWEEN.search(body)
    if between:
        v.valid_from, v.valid_until = _iso(between.group("a")), _iso(between.group("b"))
        v.statement = between.group(0)
    from_issue = _FROM_ISSUE.search(body)
    if from_issue:
        days = int(from_issue.group("days") or 0)
        start = published_on if from_issue.group("act") in ("发布", "公布") and published_on else issued_on
        v.valid_from = (dt.date.fromisoformat(start) + dt.timedelta(days=days)).isoformat() if start else None
        v.statement = v.statement or from_issue.group(0)
    from_date = _FROM_DATE.search(body)
    if from_date:
        v.valid_from = _iso(from_date.group("date"))
        v.statement = v.statement or from_date.group(0)
    start = from_date or from_issue
    ends_on = _ENDS_ON.match(body, start.end()) if start else None
    if ends_on:
        v.valid_until = _iso(ends_on.group("date"))
    m = _UNTIL.search(body) or _OWN_UNTIL.search(body)
    if m:
        v.valid_until = _iso(m.group("date")) if m.group("date") else f"{m.group('year')}-12-31"
    m = _term(body, start)
    if m and v.valid_from and not between:
        n = int(m.group("n")) if m.group("n").isdigit() else cn_ordinal(m.group("n"))
        years, months = (n, 0) if m.group("unit") == "年" else (0, n)
        v.valid_until = end_of_term(v.valid_from, years, months)
    programme = next((m for m in map(_PROGRAMME.search, own_titles) if m), None)
    if programme and not v.valid_until and int(programme.group("a")) <= int(programme.group("b")):
        v.valid_from = v.valid_from or f"{programme.group('a')}-01-01"
        v.valid_until = f"{programme.group('b')}-12-31"
    for sentence in _sentences_with(_REPEAL, body):
        # `…（清府办〔2020〕36号）`, `…（财政部 税务总局公告2023年第12号）`: the numbers of what is repealed
        numbers = [normalize_doc_number(m.group(0)) for m in sorted(
            [*DOC_NUMBER.finditer(sentence), *ANNOUNCEMENT_NUMBER.finditer(sentence)], key=lambda m: m.start())]
        v.supersedes += numbers or [c.group("title") for c in _CITED.finditer(sentence)]
    for c in _CITED.finditer(body):
        number = normalize_doc_number(c.group("number")) if c.group("number") else None
        ref = {"title": c.group("title"), "doc_number": number}
        if ref not in v.references and ref["title"] not in own_titles:
            v.references.append(ref)
    return v
