"""The comparison report as an Excel workbook for the reviewer's spreadsheet.

Sheet 数额变化: one row per changed figure, responsible unit and validity date (clause, role,
metric, old, new, change), with the bare values and their unit beside them so they can be
summed. Sheet 对照表: the clause table of the other formats, marks kept as rich text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill

from .report import context, figures

FIGURE_COLUMNS = (("clause", "条款", 18), ("role", "类别", 10), ("metric", "指标", 20), ("old", "修订前", 18),
                  ("new", "修订后", 18), ("change", "变化", 16), ("unit", "计量单位", 10),
                  ("old_value", "修订前数值", 14), ("new_value", "修订后数值", 14))
TABLE_COLUMNS = (("修订前", 60), ("修订后", 60), ("说明", 36))
_MARKS = {"del": InlineFont(strike=True, color="B00000"), "ins": InlineFont(u="single", b=True, color="0645AD")}
_HEAD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(book: Workbook, title: str, header: list[str], widths: list[int]):
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell, width in zip(sheet[1], widths, strict=True):
        cell.font, cell.fill = _HEAD, _HEAD_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _rich(label: str, runs: list[tuple[str, str]], empty: str) -> CellRichText | str:
    """A cell of the clause table: the clause as cited, a line break, then the marked text."""
    if not runs:
        return empty
    parts: list = [TextBlock(InlineFont(b=True), label + "\n")]
    parts += [TextBlock(_MARKS[op], text) if op in _MARKS else text for op, text in runs if text]
    return CellRichText(parts)


def xlsx_bytes(report: dict) -> bytes:
    """The .xlsx file of a diff report."""
    ctx = context(report)
    book = Workbook()
    book.remove(book.active)
    sheet = _sheet(book, "数额变化", [h for _, h, _ in FIGURE_COLUMNS], [w for _, _, w in FIGURE_COLUMNS])
    for row in figures(report):
        sheet.append([row[k] for k, _, _ in FIGURE_COLUMNS])
    sheet.auto_filter.ref = sheet.dimensions
    table = _sheet(book, "对照表", [h for h, _ in TABLE_COLUMNS], [w for _, w in TABLE_COLUMNS])
    for row in ctx["rows"]:
        table.append([_rich(row["old_label"], row["old"], "（无）"), _rich(row["new_label"], row["new"], "（删除）"),
                      "\n".join(row["notes"])])
        for cell in table[table.max_row]:
            cell.alignment = _WRAP
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
