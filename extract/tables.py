"""Table rows as running text, one line per row, the same for PDF, OCR, DOCX and HTML tables.

Reward tables (measure | amount) are common in notices; written as sentences the rule
extractor reads them like the rest of the text.
"""

from __future__ import annotations

import re

from zhengce.normalize.fields import metadata_rows
from zhengce.normalize.unit_names import alternatives

_HEADER_UNIT = re.compile(r"[（(〔〈<\[]\s*((?:亿|千万|百万|万|千)?元(?:/[^）)〕\]]+)?|%|％)\s*[）)〕\]]\s*$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_BARE_NUMBER = re.compile(r"^[0-9０-９.,，．～~\-—至]+$")
_END_PUNCT = "。；;，,：:"
_THRESHOLD_CELL = re.compile(r"^(?=.*[0-9０-９])[^，。；,;]{1,24}$")  # `100万元（含）至500万元`
_VALUE_CELL = re.compile(r"^[^，。；,;]{1,12}$")  # `50`, `最高100万元`, `持续推进`: a value, not a sentence
# columns of a task-allocation table (序号 | 重点任务 | 责任单位 | 完成时限)
_SERIAL_HEADER = re.compile(r"^(?:序号|编号|No\.?)$", re.I)
_ROLE_HEADER = re.compile(r"^(?:牵头|责任|主责|配合|参与|实施|负责|主办|协办)(?:单位|部门)$")
# the key column of a 办事指南's basic-information table: 实施主体 | 某市工业和信息化局
_ROLE_KEY = re.compile(rf"^(?:{alternatives('role_labels')})$")
_KEY_CELL = re.compile(r"^[^\d，。；,;：:]{2,8}$")


def _key_values(rows: list[list[str]]) -> list[str] | None:
    """A two-column table of keys and values where a key names who acts (实施主体, 受理机构) as
    `key：value` lines, the way a guide written as text labels them; else None."""
    pairs = [[c for c in row if c] for row in rows]
    pairs = [p for p in pairs if p]
    if len(pairs) < 2 or any(len(p) != 2 or not _KEY_CELL.match(p[0]) for p in pairs):
        return None
    if not any(_ROLE_KEY.match(p[0]) for p in pairs):
        return None
    return [f"{key}：{value}" for key, value in pairs]


def table_lines(rows: list[list[str]]) -> list[str | None]:
    """Table rows as running text, one line per row (None for a header or empty row).

    A row of a (measure | amount) table with a header row becomes `measure，<header><amount>。`
    (`对获得国家级绿色工厂的企业，奖励标准50万元。`): the benefit cue of the column header stands
    right before the amount, so the rule extractor gives it the benefit role; `：` is avoided
    because it ends the quoted sentence before the amount. A unit in the header
    (`奖励标准（万元）`) moves behind a bare number. Only a short value cell takes its header;
    a measure or a task written as a sentence does not. A task-allocation table turns its 序号
    into a clause label (`3．`), and its 责任单位 (牵头单位…) columns close the row as a
    parenthetical, `…。（责任单位：县工信局、县财政局）`, as notices write it in running text.
    Tables without a header row are joined `cell，cell。`. A metadata table (发文字号 | …) stays
    `label：value` lines, which segmentation reads as document fields, and so does a guide's table
    of keys and values when a key names who acts (实施主体 | 受理机构), which then names its units.
    """
    meta = metadata_rows(rows) or _key_values(rows)
    if meta:
        return list(meta)
    header: list[str] | None = None
    if (
        len(rows) >= 2
        and not any(_HAS_DIGIT.search(c) for c in rows[0])
        and any(_HAS_DIGIT.search(c) for row in rows[1:] for c in row)
    ):
        header = rows[0]
    out: list[str | None] = [None] if header else []
    for row in rows[1:] if header else rows:
        cells = [c for c in row if c]
        if not cells:
            out.append(None)
        elif header is None or not row[0]:
            out.append("，".join(c.rstrip(_END_PUNCT) for c in cells) + "。")
        else:
            serial = _SERIAL_HEADER.match(header[0])
            label = f"{row[0]}．" if serial and row[0].isdigit() else ""  # row 3 of a task table is item 3.
            first = row[0].rstrip(_END_PUNCT)
            if not serial and _THRESHOLD_CELL.match(first) and not first.startswith(header[0]):
                first = header[0] + first  # `区级财力贡献100万元（含）至500万元`: a threshold column keeps its name
            parts = [] if serial else [first]
            roles = []
            for head, cell in zip(header[1:], row[1:], strict=False):
                cell = cell.rstrip(_END_PUNCT)
                if not cell:
                    continue
                unit = _HEADER_UNIT.search(head)
                if _ROLE_HEADER.match(head):
                    roles.append(f"{head}：{cell}")
                elif unit and _BARE_NUMBER.match(cell):
                    parts.append(head[: unit.start()].strip() + cell + unit.group(1))
                elif head and not cell.startswith(head) and _VALUE_CELL.match(cell):
                    parts.append(head + cell)
                else:
                    parts.append(cell)
            out.append(label + "，".join(parts) + "。" + (f"（{'；'.join(roles)}）" if roles else ""))
    return out


_TAB_ROW = re.compile(r"^[^\t\n]+(?:\t+[^\t\n]*)+$")


def tab_tables(text: str) -> str:
    """`text` with each task table copied as tab-separated lines (a header with a 牵头单位 or 责任单位
    column, then rows with as many cells) written as running text, like the same table in HTML."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = [c.strip() for c in lines[i].split("\t")] if _TAB_ROW.match(lines[i]) else []
        end = i + 1
        if any(_ROLE_HEADER.match(c) for c in header):
            while end < len(lines) and _TAB_ROW.match(lines[end]) and lines[end].count("\t") == lines[i].count("\t"):
                end += 1
        if end - i < 2:
            out.append(lines[i])
            i += 1
            continue
        rows = [[c.strip() for c in line.split("\t")] for line in lines[i:end]]
        out += [line for line in table_lines(rows) if line]
        i = end
    return "\n".join(out)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables(text: str) -> str:
    """`text` with each Markdown pipe table (a `| a | b |` row, a `|---|---|` rule, more rows)
    written as running text, one line per row, like a table in any other format."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _PIPE_ROW.match(lines[i]) and i + 1 < len(lines) and _PIPE_RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                    for line in [lines[i], *lines[i + 2 : end]]]
            out += [line for line in table_lines(rows) if line]
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)
