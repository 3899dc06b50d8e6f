"""Lines to paragraphs: drop page debris, strip Markdown, re-join hard-wrapped lines.

PDF-extracted notices break every line at the page width and scatter page numbers, URLs,
letter-spaced banners and archive codes through the text. A paragraph ends where a line
is short and ends a sentence, or where the next line starts a numbered clause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

import regex

from .dates import is_date_line
from .doc_numbers import is_doc_number_line
from .fields import COLOPHON, starts_with_label
from .labels import CN_DIGITS, Label, match_label
from .mapped import Mapped, join
from .orgs import split_orgs

# Kinds of page debris, each a whole stripped line; the first kind that matches names it.
_DEBRIS = regex.compile(
    r"""^(?:
        (?P<page_number>[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|\d{1,3}|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?)
      | (?P<url>(?:https?://|www\.)\S+)
      | (?P<banner>(?:\p{Han}[ \t\u3000]+){3,}\p{Han})
      | (?P<archive_code>[A-Z]{2,8}-?\d{4}-?\d{2,6})
      | (?P<rule>(?:[-*_=]\s*){3,})
    )$""",
    regex.VERBOSE,
)
# What a debris line can open with (a banner: a character and a space): most lines fail at once.
_MAY_BE_DEBRIS = re.compile(r"[-—–－~～\d第hwA-Z*_=]|.[ \t\u3000]")
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+(?=\S)|>\s*)")
# Bold markers only where Markdown puts them: "**第一条**" at a line start, never "2021年**月**日".
_MD_EMPHASIS = regex.compile(r"(?:^|(?<=[\s\p{P}]))(?:\*\*|__)(?=\S)(.+?)(?<=\S)(?:\*\*|__)")

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_TAB_CELLS = re.compile(r"\S[ \u3000]*\t\s*\S")  # a row of a table copied as text: cells between tabs
_BRACKETED = re.compile(r"[（(].*[）)]")
_LATIN = re.compile(r"[A-Za-z]")

_TERMINAL = "。！？；：!?;:"
_CLOSERS = "）)】〕」”’》"
_CONTINUING = "，、,（(《“‘〔【—"
_SENTENCE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
TITLE_END = re.compile(
    r"(?:通知|意见|办法|方案|计划|措施|规定|细则|决定|规划|纲要|公告|通告|批复|函|要点|指南|标准|条例|若干政策|预案|清单|解读"
    r"|[（(](?:[^（）()]{0,8}?(?:修订|试行|暂行|征求意见稿|送审稿|草案|讨论稿)|\d{4}[—－\-–至]\d{4}年|\d{4}年(?:版|度)?)[）)])$"
)
_NOTICE_END = re.compile(r"的(?:通知|决定|意见|批复|函|公告|通告)$")
_ORG_END = re.compile(r"(?:办公室|人民政府|政府|局|委员会|委|厅|部|中心|管委会|银行|分行|支行|集团|公司)$")
_OPENERS = {"（": "）", "(": ")", "《": "》", "“": "”", "〔": "〕", "【": "】"}


class Line(NamedTuple):
    text: Mapped
    width: int  # display width: CJK characters count 2
    new_page: bool = False  # the first content line after a page break
    numbered: bool = False  # starts with a clause label
    standalone: bool = False  # a date, document-number, metadata or table-row line: never joined to its neighbours
    indented: bool = False  # set in from the margin, as a paragraph's first line is

    @classmethod
    def of(cls, text: Mapped, new_page: bool = False, indented: bool = False) -> Line:
        """A content line with the properties line joining asks about, each worked out once."""
        t = text.text
        return cls(text, display_width(t), new_page, match_label(t) is not None,
                   is_date_line(t) or is_doc_number_line(t) or starts_with_label(t) or bool(_TAB_CELLS.search(t)),
                   indented)


def display_width(text: str) -> int:
    """Columns `text` takes in a Chinese page layout: ASCII counts 1, every other character 2.

    Chinese fonts set the characters of ambiguous width (“”‘’—…·①) full-width too, so a line
    that wraps at the page width measures the page width whatever quotes and dashes it holds."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _unbold(m: regex.Match) -> str:
    return m.group(1)


def debris_kind(text: str) -> str | None:
    """What kind of page debris a stripped line is, or None for real content."""
    m = _MAY_BE_DEBRIS.match(text) and _DEBRIS.match(text)
    return m.lastgroup if m else None


def running_lines(raw: str) -> set[str]:
    """Lines that open or close two or more pages: running headers and footers of a paged source."""
    pages = raw.split("\f")
    if len(pages) < 3:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        lines = [x.strip() for x in page.split("\n") if x.strip()]
        for line in {*lines[:2], *lines[-2:]}:
            key = _DIGITS.sub("#", line)
            seen[key] = seen.get(key, 0) + 1
    return {key for key, n in seen.items() if n >= max(2, len(pages) // 2) and len(key) <= 60}


def is_masthead(text: str) -> bool:
    """The 版头 of a 红头文件, the issuing bodies' names and 文件 in large red type over a red rule
    (`某市人民政府办公室文件`, `中共某县委 某县人民政府文件`): not a title, nor part of the one under it."""
    return text.endswith("文件") and len(text) > 4 and bool(split_orgs(text[:-2], joint=True))


_BLANKS = " \t\u3000\xa0\r"
_INDENTS = ("\u3000", "  ", "\t")  # how a line is set in: one ideographic space, two spaces or a tab


def split_lines(raw: Mapped) -> tuple[list[Line], list[tuple[str, str]]]:
    """Content lines with Markdown stripped, and the debris lines taken out."""
    lines: list[Line] = []
    removed: list[tuple[str, str]] = []
    running = running_lines(raw.text)
    pos, new_page = 0, False
    for piece in raw.text.replace("\f", "\n").split("\n"):  # a page break ends a line too
        start, pos = pos, pos + len(piece) + 1
        new_page = new_page or (start > 0 and raw.text[start - 1] == "\f")
        content = piece.strip(_BLANKS)
        if not content:
            continue
        left = start + len(piece) - len(piece.lstrip(_BLANKS))
        mapped = raw.slice(left, left + len(content))
        kind = debris_kind(content)  # before Markdown: "- 3 -" is a page number, not a list item
        if content[0] in "#>*+-" or "**" in content or "__" in content:  # may hold Markdown
            mapped = mapped.sub(_MD_PREFIX, "").sub(_MD_EMPHASIS, _unbold).strip(_BLANKS)
            kind = kind or debris_kind(mapped.text)
        if not mapped.text:
            continue
        if not kind and running and _DIGITS.sub("#", mapped.text) in running and not match_label(mapped.text):
            kind = "running_header"
        if not kind and is_masthead(mapped.text):
            kind = "masthead"
        if kind:
            text = _SPACES.sub("", mapped.text) if kind == "banner" else piece.strip()
            removed.append((kind, text))
            continue
        lines.append(Line.of(mapped, new_page, piece.startswith(_INDENTS)))
        new_page = False
    return lines, removed


# where a clause label may start inside a line: after a sentence ends (`…制定本办法。第二条…`), an
# item list opens or goes on (`…要求：（一）…；（二）…`), or a note closes an item, with or without a
# sentence end before it (`…。（省商务厅负责）2.…`, `…接入平台（5月底完成，牵头考核单位：市审批服务局）7．…`)
_INNER_LABEL = re.compile(r"[。！？：；）)][ \t\u3000]*(?=[第（(①-⑳\d" + "".join(CN_DIGITS) + "十])")
_NUMERAL = frozenset("0123456789" + CN_DIGITS + "十百")  # a label never starts inside a number (`1` of `11．`)
_HEADING_ROOM = 30  # a heading run into its first item (`二、重点任务（一）…`) is at most this long
_BROKEN_FIGURE = re.compile(r"[\d.][\d万亿千百元%年月日]|\d[-－/]\d")  # also `2025-` / `04-08`
# indents mark paragraph starts when some lines are set in and the others run flush left (a short PDF
# notice of one-line paragraphs sets most of its lines in; a text that indents every line says nothing)
_INDENT_SHARE = (0.03, 0.8)


class _Numbering:
    """The labels seen so far, per style, nested in the order the styles appeared (as clauses.py nests
    them), and the last number of each style ever seen (items numbered on across parts: `4.` `（二）` `5.`)."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.ever: dict[str, int] = {}

    def see(self, label: Label) -> None:
        styles = list(self.last)
        if label.style in styles:
            for style in styles[styles.index(label.style) + 1 :]:
                del self.last[style]
        self.last[label.style] = self.ever[label.style] = label.number

    def expects(self, label: Label, opening: bool) -> bool:
        """The next label of its style (`第三条` after `第二条`), or the first of a new level or list."""
        seen, ever = self.last.get(label.style), self.ever.get(label.style)
        first = label.number == 1 and (seen is None or opening)
        return first or label.number in ((seen or 0) + 1, (ever or 0) + 1)


def split_run_on(paragraphs: list[Mapped]) -> list[Mapped]:
    """Paragraphs cut where a PDF runs clauses together: a label that continues the numbering and
    follows a sentence end (`…制定本办法。第二条 对…`) or a heading (`二、重点任务（一）做大…`).
    Cut after line joining, so a label broken over two lines (`第十` / `一条`) is whole again."""
    numbering = _Numbering()
    out: list[Mapped] = []
    for paragraph in paragraphs:
        while True:
            text = paragraph.text
            label = match_label(text)
            if label:
                numbering.see(label)
            cut = _inner_label(text, label, numbering)
            if cut is None:
                out.append(paragraph)
                break
            out.append(paragraph.slice(0, cut).strip(_BLANKS))
            paragraph = paragraph.slice(cut, len(text)).strip(_BLANKS)
    return out


def _inner_label(text: str, label: Label | None, numbering: _Numbering) -> int | None:
    """Where the next clause starts inside `text`, if it does."""
    starts = [(m.end(), m.group(0)[0] == "：") for m in _INNER_LABEL.finditer(text)
              if m.group(0)[0] not in "）)" or _closes_note(text, m.start())]
    if label:  # a heading with no sentence punctuation, run into the first clause under it
        room = text[label.end : label.end + _HEADING_ROOM]
        stop = _SENTENCE_PUNCT.search(room)
        starts = [(label.end + i, True) for i in range(1, stop.start() if stop else len(room))] + starts
    for start, opening in starts:
        if text[start - 1] in _NUMERAL or _cites(text, start):
            continue
        inner = match_label(text[start:])
        if inner and numbering.expects(inner, opening) and not (
            label and inner.style == label.style and start < label.end + 2
        ):
            return start
    return None


_DEPTH = {"）": 1, ")": 1, "（": -1, "(": -1}


def _group_start(text: str, end: int) -> int | None:
    """Where the bracket group that the `）` at `end` closes opens."""
    depth = 0
    for i in range(end, -1, -1):
        depth += _DEPTH.get(text[i], 0)
        if depth == 0:
            return i
    return None


def _closes_note(text: str, end: int) -> bool:
    """Whether the `）` at `end` closes a note (`（1分）`, `（牵头单位：…各县（市、区）人民政府）`),
    not a label (`（三）`)."""
    start = _group_start(text, end)
    if start is None:
        return False
    inner = match_label(text[start : end + 1])
    return not (inner and inner.end >= end + 1 - start)


def _cites(text: str, start: int) -> bool:
    """Whether `start` follows a cited title, its note aside: `《某条例》第三条`, `《某条例》（2020年修订）第三条`
    refer to an article of another text."""
    before = _group_start(text, start - 1) if text[start - 1] in "）)" else start
    return bool(before) and text[before - 1] in "》〉"


_MODE_LINES = 3  # lines of the most common width a wrap needs: two lines of one width in a short notice are chance


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped document breaks its lines at, or None if it is not wrapped."""
    # a line that stands alone (a table row, a date, a document number) never wraps: its width says nothing
    widths = [line.width for line in lines if line.width >= 20 and not line.standalone]
    if len(widths) < 10:
        return None
    mode, seen = Counter(widths).most_common(1)[0]
    near = sum(1 for w in widths if mode - 8 <= w <= mode + 6)
    if mode > 120 or near < 0.4 * len(widths) or seen < _MODE_LINES:
        return None
    return mode - 8


_CLOSER_OF = {c: o for o, c in _OPENERS.items()}
_BRACKET = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSER_OF)) + "]")


class Brackets:
    """Open-bracket depth of a paragraph as its lines arrive (an open 《 or （ means it goes on)."""

    def __init__(self) -> None:
        self.depth = dict.fromkeys(_OPENERS, 0)

    def feed(self, text: str) -> Brackets:
        for char in _BRACKET.findall(text):
            if char in self.depth:
                self.depth[char] += 1
            elif self.depth[_CLOSER_OF[char]] > 0:
                self.depth[_CLOSER_OF[char]] -= 1
        return self

    @property
    def open(self) -> bool:
        return any(self.depth.values())


def _heading_like(line: Line) -> bool:
    """A line with no sentence punctuation: a heading, a title, a signature."""
    return not line.standalone and not _SENTENCE_PUNCT.search(line.text.text)


def _title_line(line: Line) -> bool:
    return _heading_like(line) and bool(TITLE_END.search(line.text.text))


def joins(paragraph: Paragraph, line_a: Line, line_b: Line, wrap: int | None, indents: bool = False) -> bool:
    """Whether line b continues the paragraph that line a ends; `indents`: the text sets its
    paragraphs' first lines in from a flush-left margin."""
    a = line_a.text.text
    if line_b.numbered and not _broken_number(a, line_a, line_b, wrap):
        return False
    if wrap is not None and not line_b.standalone and _BROKEN_FIGURE.match(
            (a[-2:] if a[-1] in "-－/" else a[-1:]) + line_b.text.text[:1]):
        return True  # `最高5` / `000万元`, `发布日期：2025-` / `04-08`: a figure is never two paragraphs
    if line_a.standalone or line_b.standalone or COLOPHON.match(line_b.text.text):
        return False  # (a 版记 line starts a paragraph: `抄送：…` / `某市人民政府办公室 2026年4月20日印发`)
    if a[-1] in _CONTINUING or paragraph.brackets.open:
        return True
    if line_b.new_page and a[-1] not in _TERMINAL + _CLOSERS and not _heading_like(line_a):
        return True  # a sentence running on to the next page
    if indents and line_b.indented and not _heading_like(line_a):
        return False  # a paragraph's first line, set in where the lines before it ran flush left
    if _NOTICE_END.search(a) and not _SENTENCE_PUNCT.search(paragraph.text):
        return False  # a notice's title ends here, however wide its last line (a title typeset twice stays two)
    if a[-1] in _TERMINAL and _signing_units(line_b.text.text, after_figure=False):
        return False  # joint issuers signing under a sentence, however wide it is
    if wrap is not None and line_a.width >= wrap and not (indents and line_b.indented and _title_line(line_a)):
        return True  # (a wide title's last line is not wrapped: what follows it is read as after any heading)
    if _heading_like(line_a):
        # A title broken over several centred lines: join until it ends like a title. A notice
        # title goes on past a unit name (`清远市人民政府办公室` / `关于印发…`) and past the policy
        # title it quotes (`…发展办法` / `（2024年修订）的通知`).
        b = line_b.text.text
        notice_title_goes_on = (b.startswith("关于") and _ORG_END.search(a)) or (
            "关于" in paragraph.text and _NOTICE_END.search(b) and not _NOTICE_END.search(a))
        return (
            _heading_like(line_b)
            and line_a.width <= 64
            and line_b.width <= min(64, wrap or 64)
            and not paragraph.numbered
            and (notice_title_goes_on or not (TITLE_END.search(a) or _ORG_END.search(a) or _BRACKETED.fullmatch(b)))
        )
    # An unwrapped document with a stray break inside a sentence (not after a short heading), but
    # not into the units that sign under it (`联系电话：81085234` / `广州市卫生健康委员会  广州市财政局`).
    return (wrap is None and a[-1] not in _TERMINAL + _CLOSERS and (len(a) > 24 or "。" in a)
            and not _signing_units(line_b.text.text, after_figure=a[-1].isdigit()))


def _broken_number(a: str, line_a: Line, line_b: Line, wrap: int | None) -> bool:
    """A full line ending in a digit, the next starting with one: a number broken at the margin, even one
    that looks like a label (`…牵头考核单位：市审批服务局）2` / `0．完成…` is item 20)."""
    return wrap is not None and line_a.width >= wrap and a[-1].isdigit() and line_b.text.text[:1].isdigit()


def _signing_units(text: str, after_figure: bool) -> bool:
    """Unit names set apart by spaces (joint issuers signing), or one unit under a figure."""
    pieces = text.split()
    return (len(pieces) >= 2 or after_figure) and all(split_orgs(piece, joint=True) for piece in pieces)


@dataclass
class Paragraph:
    """A paragraph being assembled: its lines, whether it starts with a clause label, open brackets."""

    lines: list[Line]
    numbered: bool
    brackets: Brackets

    @classmethod
    def start(cls, line: Line) -> Paragraph:
        return cls([line], line.numbered, Brackets().feed(line.text.text))

    @property
    def text(self) -> str:
        return "".join(line.text.text for line in self.lines)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.brackets.feed(line.text.text)


def paragraphs(raw: Mapped) -> tuple[Mapped, list[tuple[str, str]]]:
    """The paragraphs of a raw text, one per line, and the debris removed from it."""
    lines, removed = split_lines(raw)
    wrap = wrap_width(lines)
    indents = _INDENT_SHARE[0] <= sum(line.indented for line in lines) / max(len(lines), 1) <= _INDENT_SHARE[1]
    out: list[Paragraph] = []
    for line in lines:
        if out and joins(out[-1], out[-1].lines[-1], line, wrap, indents):
            out[-1].add(line)
            continue
        out.append(Paragraph.start(line))
    parts: list[Mapped] = []
    for paragraph in split_run_on([join(_joined_lines(p.lines)) for p in out]):
        if parts:  # the line break maps to just after the paragraph before it
            parts.append(Mapped("\n", (parts[-1].idx[-1] + 1,)))
        parts.append(paragraph)
    return join(parts), removed


def _joined_lines(group: list[Line]) -> list[Mapped]:
    """Lines of one paragraph, to be put end to end; two Latin words split by the wrap keep their space."""
    parts: list[Mapped] = []
    for line in group:
        if parts and _LATIN.match(line.text.text) and _LATIN.match(parts[-1].text[-1:]):
            parts.append(Mapped(" ", (line.text.idx[0] - 1,)))
        parts.append(line.text)
    return parts
