"""Table rows as tab-separated lines, one line per row, the same for PDF, OCR, DOCX, HTML and
Markdown tables as for a table copied into a text file.

A row keeps its cells as written, in order, so a rule quotes the source's own text and a PDF
reads like its text version; the header rows stay as lines too, and the rule extractor reads
the figures of a row under them (extract/rules.py `_sentences`, the header features of
extract/roles.py, the task-table columns of extract/responsibility.py).
"""

from __future__ import annotations

import re

from zhengce.normalize.fields import metadata_rows
from zhengce.normalize.unit_names import alternatives

_HEADER_UNIT = re.compile(r"[（(〔〈<\[]\s*((?:亿|千万|百万|万|千)?元(?:/[^）)〕\]]+)?|%|％)\s*[）)〕\]]\s*$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_BARE_NUMBER = re.compile(r"^[0-9０-９.,，．～~\-—至]+$")
_BREAKS = re.compile(r"\s*[\t\n\r]\s*")  # inside a cell: a tab or a line break would split the row
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
    """Each row as one line of its cells joined by tabs (None for an empty row).

    The only rewrite: a bare number under a header that carries the unit (`奖励标准（万元）`
    over `50`) is written with the unit (`50万元`), which the text does not say elsewhere.
    A metadata table (发文字号 | …) stays `label：value` lines, which segmentation reads as
    document fields, and so does a guide's table of keys and values when a key names who acts
    (实施主体 | 受理机构), which then names its units.
    """
    meta = metadata_rows(rows) or _key_values(rows)
    if meta:
        return list(meta)
    rows = _with_units([[_BREAKS.sub(" ", c).strip() for c in row] for row in rows])
    return ["\t".join(row).rstrip("\t") if any(row) else None for row in rows]


def _with_units(rows: list[list[str]]) -> list[list[str]]:
    """`rows` with each bare number under a header cell that carries the unit written with it.
    The first row is a header when it has no figure and the rows under it have some."""
    if len(rows) < 2 or any(_HAS_DIGIT.search(c) for c in rows[0]) or not any(
            _HAS_DIGIT.search(c) for row in rows[1:] for c in row):
        return rows
    units = [m.group(1) if (m := _HEADER_UNIT.search(head)) else "" for head in rows[0]]
    if not any(units):
        return rows
    return [rows[0]] + [[c + unit if unit and _BARE_NUMBER.match(c) else c
                         for c, unit in zip(row, units + [""] * (len(row) - len(units)), strict=False)]
                        for row in rows[1:]]


def tab_tables(text: str) -> str:
    """`text` with the bare numbers of its tab-separated tables (a table copied into a text file)
    written with their header's unit, as `table_lines` writes the tables of the other formats."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        if end - i >= 2:
            lines[i:end] = ["\t".join(row) for row in _with_units([line.split("\t") for line in lines[i:end]])]
        i = max(end, i + 1)
    return "\n".join(lines)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables(text: str) -> str:
    """`text` with each Markdown pipe table (a `| a | b |` row, a `|---|---|` rule, more rows)
    written as tab-separated lines, one per row, like a table in any other format."""
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
