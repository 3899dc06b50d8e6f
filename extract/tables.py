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
# a number, range or list with no unit, perhaps compared (`50`, `40（含）—60`, `≥60`, `80以上`, `80、50、20`)
_BARE_NUMBER = re.compile(r"^[≥≤＞＜><]?[0-9０-９.,，．～~\-—至、]+(?:[（(]不?含[）)][0-9０-９.,，．～~\-—至]*)?"
                          r"(?:及?以上|及?以下|以内)?$")
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

    Cells are kept as written: a bare number under a header that carries the unit (`奖励标准（万元）`
    over `50`) takes it when the figures are read (`lent_unit`), not in the text. A metadata table
    (发文字号 | …) stays `label：value` lines, which segmentation reads as
    document fields, and so does a guide's table of keys and values when a key names who acts
    (实施主体 | 受理机构), which then names its units.
    """
    meta = metadata_rows(rows) or _key_values(rows)
    if meta:
        return list(meta)
    rows = [[_BREAKS.sub(" ", c).strip() for c in row] for row in rows]
    return ["\t".join(row).rstrip("\t") if any(row) else None for row in rows]


def lent_unit(header_cell: str, row_label: str, cell: str, caption: str | None = None) -> str | None:
    """The unit a bare number in a table cell is written without (`50` under `奖励标准（万元）`, `13200`
    beside `城市低保（元/人·年）`): the one its column header or its row's label carries, else the one a
    caption over the table gives its column (`caption`), else None. The text keeps the cell as written;
    the extractor reads the number with this unit."""
    if not _BARE_NUMBER.match(cell.strip()) or not _HAS_DIGIT.search(cell):
        return None
    for owner in (header_cell, row_label):
        m = _HEADER_UNIT.search(owner.strip()) if owner else None
        if m:
            return m.group(1)
    return caption


# `（保险金额、保费单位：元/亩）`, `单位：万元`, `（标准单位为元/标箱）` on the line over a table: the unit of its
# bare numbers, of the columns named before 单位 (or whose header ends so: 去程补贴标准) when it names any
_CAPTION_UNIT = re.compile(r"(?P<columns>[^（(：:，。；]*?)单位(?:[：:]|为)\s*"
                           r"(?P<unit>(?:亿|千万|百万|万|千)?元(?:/[^）)\s，。；、]+)?)")


def caption_unit(line: str) -> tuple[str, frozenset[str]] | None:
    """The unit a caption line gives a table's bare numbers, and the columns it names (empty: all)."""
    m = _CAPTION_UNIT.search(line)
    if not m:
        return None
    columns = frozenset(c.strip() for c in re.split(r"[、和及]", m.group("columns")) if c.strip())
    return m.group("unit"), columns


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`text` with each Markdown pipe table (a `| a | b |` row, a `|---|---|` rule, more rows)
    written as tab-separated lines, one per row, like a table in any other format; and the spans of
    those rows, which rules quote as the file wrote them (`as_pipe_row`)."""
    lines = text.split("\n")
    out: list[str] = []
    rows_at: list[int] = []  # indexes in `out` of the rows written from pipe rows
    i = 0
    while i < len(lines):
        if _PIPE_ROW.match(lines[i]) and i + 1 < len(lines) and _PIPE_RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                    for line in [lines[i], *lines[i + 2 : end]]]
            for line in table_lines(rows):
                if line:
                    rows_at += [len(out)] if "\t" in line else []  # not a metadata table's `label：value`
                    out.append(line)
            i = end
        else:
            out.append(lines[i])
            i += 1
    starts = [0]
    for line in out:
        starts.append(starts[-1] + len(line) + 1)
    return "\n".join(out), tuple((starts[k], starts[k] + len(out[k])) for k in rows_at)


def as_pipe_row(line: str) -> str:
    """A table row (cells between tabs) as a Markdown pipe row, the way its file wrote it."""
    return "| " + " | ".join(line.split("\t")) + " |"
