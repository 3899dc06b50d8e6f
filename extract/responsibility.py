"""Who is responsible: `（责任单位：…）`, `（牵头单位：X，责任单位：Y）`, `（X、Y负责）`, `X负责…`.

A closing parenthetical names the units of everything since the previous one (one may also
close a measure inside a paragraph, right after its sentence), and so do the cells of a task
table's row; a measure without one names its units in its sentences (`unit_frames`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhengce.normalize.labels import strip_label
from zhengce.normalize.orgs import expand_abbreviated, is_org, split_orgs, without_etc
from zhengce.normalize.unit_names import DATA, alternatives, unit_list

from .unit_frames import stated_units

# A bracketed statement closing a paragraph: its content is group "body".
_CLOSING = re.compile(r"[（(〔\[【](?P<body>[^（）()〔〕]*(?:[（(][^（）()]*[）)][^（）()〔〕]*)*)[）)〕\]】]\s*$")
_CLOSERS = "）)〕]】"  # the brackets _CLOSING and _UNOPENED end with
# `；` after the role word is what OCR makes of `：`
_ROLE = re.compile(rf"({alternatives('role_labels')})\s*[：:；;]")
# a role statement whose opening bracket OCR lost: `责任单位：市财政局）`
_UNOPENED = re.compile(rf"(?P<body>{_ROLE.pattern}[^（）()]*)[）)]\s*$")
_LEAD_ROLES = set(DATA["lead_labels"])
_STANDING = re.compile(r"以下均(?:需要|需|由)?(?P<orgs>.+?)(?:负责|落实)")
_LEADS_THEN = re.compile(r"牵头(?=[^、，,；;\s])")  # `市“扶优办”牵头各有关部门`
_NOT_A_UNIT = re.compile(r"(?:以下)?简称|含|包括|即|注|如")  # `（简称“扶优办”）` names, it does not assign
_DUTY_WORD = r"(?:牵头|配合|参与|协助|负责)"  # what a unit is named to do
_DUTY = re.compile(rf"(?:{alternatives('duty_manners')})?(?:{alternatives('duty_verbs')})+$")
# a list statement needs one of these: most sentences are not tried
_RESPONSIBLE_WORD = re.compile(rf"负责|承担|主体|配合|落实|牵头|{_ROLE.pattern}|由[^，。；]*实施")
_DUTY_TAIL = r"(?:组织实施|具体实施|实施|落实)?"  # `…配合组织实施。`: what the duty is, after it
_LIST_EDGES = re.compile(rf"^[^，。；]*?由|{_DUTY_TAIL}[。；，\s]*$")  # around a list of units written as a sentence
_ENDS_WITH_DUTY = re.compile(rf"{_DUTY_WORD}{_DUTY_TAIL}[。；，\s]*$")


@dataclass
class Responsibility:
    units: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    standing: list[str] = field(default_factory=list)  # `以下均需要X负责`: units of every later measure
    start: int = 0  # where the statement begins in the paragraph
    end: int = 0  # where it ends
    after_title: bool = False  # it follows a clause's title alone: it names the units of the text below


_LONGEST_TITLE = 30
_MEASURE_PUNCT = re.compile(r"[。，,；;]")  # a title is one phrase: `加强…，开展…。` is a measure


def _closes_title(before: str) -> bool:
    """`一、抓好项目建设`, `（二）加强人才队伍建设。`: a label and a short title, not a measure
    (`3．加强质量监管，开展专项检查。`)."""
    title = strip_label(before).rstrip()
    return title != before.rstrip() and 0 < len(title) <= _LONGEST_TITLE and not _MEASURE_PUNCT.search(title[:-1])


def _named(part: str, city: str | None, strict: bool) -> tuple[list[str], list[str]]:
    """(units, lead units) of a list such as `市发展改革局牵头，市财政局、市自然资源局配合`:
    each name may carry its duty (`牵头`, `配合`, `按职责分工负责`); `X牵头Y` leads Y. `strict`:
    every piece must be a unit (a bracket with no 责任单位 label is a list of units or nothing)."""
    part = _LEADS_THEN.sub("牵头、", part)
    units: list[str] = []
    lead: list[str] = []
    for piece in split_orgs(part, strict=False):
        duty = _DUTY.search(piece)
        name = without_etc(piece[: duty.start()] if duty else piece)
        if is_org(name) and not _NOT_A_UNIT.match(name) and (len(name) > 2 or not strict):  # （新办）: no body
            units.append(name)
            if duty and "牵头" in duty.group(0):
                lead.append(name)
        elif strict:
            return [], []
    expanded = dict(zip(units, expand_abbreviated(units, city), strict=True))
    return list(expanded.values()), [expanded[u] for u in lead]


def closing(paragraph: str, city: str | None) -> Responsibility | None:
    """The responsibility statement that ends a paragraph: a parenthetical, or a line of its own
    (`责任单位：市财政局、市科技局`)."""
    ends_bracketed = paragraph.rstrip()[-1:] in _CLOSERS  # both patterns need it: most paragraphs skip them
    m = ends_bracketed and (_CLOSING.search(paragraph) or _UNOPENED.search(paragraph))
    if m:
        body, start = m.group("body").strip(), m.start()
    elif _ROLE.match(paragraph):
        body, start = paragraph.rstrip("。；"), 0
    else:
        return None
    result = Responsibility(start=start)
    standing = _STANDING.search(body)
    if standing:
        result.standing = split_orgs(standing.group("orgs"))
        body = body[: standing.start()].rstrip("。；，")
    roles = list(_ROLE.finditer(body))
    parts = [(None, body)] if not roles else [
        (role.group(1), body[role.end() : roles[i + 1].start() if i + 1 < len(roles) else len(body)])
        for i, role in enumerate(roles)
    ]
    for role, part in parts:
        names, lead = _named(part.strip("，,；; "), city, strict=role is None)
        result.units += names
        result.lead += names if role in _LEAD_ROLES else lead
    result.units = list(dict.fromkeys(result.units))
    result.lead = list(dict.fromkeys(result.lead))
    result.end = len(paragraph.rstrip())
    result.after_title = _closes_title(paragraph[:start])
    return result if result.units else None


_AFTER_SENTENCE = re.compile(r"(?<=[。；！？])[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)](?=\s*\S)")  # 各县（市、区）


def closings(paragraph: str, city: str | None) -> list[Responsibility]:
    """Every responsibility statement of a paragraph, in order: the one that ends it and those that
    close a measure inside it (`…掌握。（合肥海关负责）巩固…`, a bracket right after a sentence)."""
    found = [closing(paragraph[: m.end()], city) for m in _AFTER_SENTENCE.finditer(paragraph)]
    found = [r for r in found if r]
    last = closing(paragraph, city)
    return found + ([last] if last else [])


_FIRST_LEADS = re.compile(alternatives("first_leads"))


def first_leads(text: str) -> bool:
    """The document says the first unit of each list leads (`列第一位者为牵头单位`)."""
    return bool(_FIRST_LEADS.search(text))


def list_statement(sentence: str, city: str | None) -> Responsibility | None:
    """A sentence that is nothing but a responsibility list (`由X牵头，Y、Z配合。`, `牵头单位：X；`):
    like a closing parenthetical, it names the units of its whole measure. A clause label the
    sentence starts with is not part of the wording."""
    if not _RESPONSIBLE_WORD.search(sentence):  # most sentences: no need to try every pattern
        return None
    sentence = strip_label(sentence)
    if _ROLE.match(sentence):
        return closing(sentence, city)
    if _ENDS_WITH_DUTY.search(sentence):  # the shape of a list statement: try it as one
        units, lead = _named(_LIST_EDGES.sub("", sentence), city, strict=True)
        if units:
            return Responsibility(units=units, lead=lead)
    return None


# the header row of a task table: columns such as 牵头单位, 配合单位 (no `：` after them: not a label)
_TABLE_HEADER = re.compile(rf"^[^\n。：:]*?(?:{alternatives('role_labels')})(?![：:；;])[^\n。]*$", re.M)
_LEADING_COLUMN = re.compile(rf"^[^\n]*?(?:{alternatives('lead_labels')})")


@dataclass
class TaskTable:
    """A table of tasks whose rows end in cells of units (`各区政府` / `市卫生健康委、市人社局`)."""
    start: int  # where its header ends: cells come after
    lead_first: bool  # the first cell of units is the 牵头单位 column


def task_table(text: str) -> TaskTable | None:
    m = _TABLE_HEADER.search(text)
    return TaskTable(m.end(), bool(_LEADING_COLUMN.match(m.group(0)))) if m else None


_ROLE_COLUMN = re.compile(rf"(?:{alternatives('role_labels')})")
_BRACKETED_DUTY = re.compile(rf"[（(]({_DUTY_WORD})[）)]")  # `市发展改革局（牵头）、市财政局` in a unit cell


def row_units(row: str, header: str, city: str | None) -> Responsibility | None:
    """The units of a task table's row written as tab-separated cells: the cells under its
    责任单位 (牵头单位, 配合单位…) columns; the lead is the 牵头单位 column's, or a unit marked
    `（牵头）` in its cell. The statement spans from the first such cell to the row's end (a
    完成时限 after it is no fact either)."""
    heads = header.rsplit("\n", 1)[-1].split("\t") if header else []
    cells = row.split("\t")
    if len(cells) != len(heads) or not any(_ROLE_COLUMN.fullmatch(h.strip()) for h in heads):
        return None  # no role columns, or merged cells: the columns do not line up
    result = Responsibility(start=-1, end=len(row.rstrip()))
    offset = 0
    for head, cell in zip(heads, cells, strict=True):
        if _ROLE_COLUMN.fullmatch(head.strip()):
            names, leads = _named(_BRACKETED_DUTY.sub(r"\1", cell), city, strict=True)
            names = names or unit_cell(cell, city)
            result.units += [u for u in names if u not in result.units]
            result.lead += names if head.strip() in _LEAD_ROLES else leads
            result.start = offset if result.start < 0 else result.start
        offset += len(cell) + 1
    return result if result.units else None


def unit_cell(paragraph: str, city: str | None) -> list[str]:
    """The units of a paragraph that is a table cell naming nothing else (`市卫生健康委、市人社局`)."""
    paragraph = paragraph.strip()
    if not paragraph or len(paragraph) > 120 or paragraph[-1] in "：:。；;":
        return []
    return expand_abbreviated(list(unit_list(paragraph, strict=True)), city)


def of_sentence(sentence: str, city: str | None) -> Responsibility | None:
    """Every body a sentence makes responsible: a list statement, or the bodies that act in it
    (`unit_frames.stated_units`), in the order written. `city` reads the list statement's names."""
    statement = list_statement(sentence, city)
    if statement:
        return statement
    acting = stated_units(sentence)
    return Responsibility(units=acting.units, lead=acting.lead) if acting.units else None
