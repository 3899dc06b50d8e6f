"""The comparison report as a Word file: the 修订对照表 a 起草说明 carries, on A4 with page numbers.

Same content as the HTML (report.context): the summary, then a three-column table
修订前 | 修订后 | 说明 whose header repeats on every page, deletions struck through and
additions underlined in bold inside each cell.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .report import FIELD_NAMES, ROLE_NAMES, context, figure, plain

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(1.8)
FONT = "宋体"
DELETED = RGBColor(0xB0, 0x00, 0x00)
ADDED = RGBColor(0x06, 0x45, 0xAD)
COLUMNS = (0.4, 0.4, 0.2)  # shares of the text width: 修订前, 修订后, 说明


def _page(doc, orientation: str) -> None:
    section = doc.sections[0]
    width, height = A4 if orientation == "portrait" else A4[::-1]
    section.orientation = WD_ORIENT.PORTRAIT if orientation == "portrait" else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    _page_numbers(section.footer.paragraphs[0])


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} " if text == code else text
        run._r.append(element)


def _page_numbers(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" 页，共 ")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(" 页")


def _fonts(doc) -> None:
    """Chinese text in 宋体 everywhere (Word's headings would otherwise take the theme's East Asian font)."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)


def _run(paragraph, op: str, text: str) -> None:
    run = paragraph.add_run(text)
    if op == "del":
        run.font.strike = True
        run.font.color.rgb = DELETED
    elif op == "ins":
        run.font.underline = True
        run.font.bold = True
        run.font.color.rgb = ADDED


def _cell_text(cell, label: str, runs: list[tuple[str, str]], empty: str) -> None:
    """A cell: the clause as cited in bold, then its text, one Word paragraph per line, marks kept."""
    first = cell.paragraphs[0]
    if not runs:
        first.add_run(empty).italic = True
        return
    first.add_run(label).bold = True
    paragraph = cell.add_paragraph()
    for op, text in runs:
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph = cell.add_paragraph()
            if line:
                _run(paragraph, op, line)


def _table(doc, header: list[str], widths: list, rows: list[list[str]] | None = None):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):  # what LibreOffice lays out by
        column.w = width
    head = table.rows[0]
    head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    for cell, text, width in zip(head.cells, header, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows or []:
        for cell, text, width in zip(table.add_row().cells, values, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(text)
    return table


def _summary(doc, ctx: dict, text_width) -> None:
    report = ctx["report"]
    doc.add_heading("一、修订概况", level=2)
    doc.add_paragraph(f"条款：{ctx['counts_line']}。")
    money = report["summary"]["money"]
    if money:
        doc.add_paragraph("资金数额变化：")
        widths = [int(text_width * s) for s in (0.2, 0.12, 0.28, 0.2, 0.2)]
        _table(doc, ["条款", "类别", "指标", "修订前", "修订后"], widths,
               [[m["label"], ROLE_NAMES[m["role"]], m["metric"] or "", figure(m["old"]), figure(m["new"])]
                for m in money])
    lines = [f"{FIELD_NAMES[d['field']]}：{plain(d['old'])} → {plain(d['new'])}" for d in report["document_changes"]]
    units = report["summary"]["units"]
    lines += [f"{verb}责任单位：{'、'.join(units[key])}" for verb, key in (("新增", "added"), ("删除", "removed"))
              if units[key]]
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def docx_bytes(report: dict) -> bytes:
    """The .docx file of a diff report."""
    ctx = context(report)
    doc = Document()
    _fonts(doc)
    _page(doc, ctx["orientation"])
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    title = doc.add_heading("修订对照表", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"修订前：{report['old']['title'] or report['old']['path']}\n"
                      f"修订后：{report['new']['title'] or report['new']['path']}")
    _summary(doc, ctx, text_width)
    doc.add_heading("二、新旧对照", level=2)
    if not ctx["rows"]:
        doc.add_paragraph("无条款修改。")
    else:
        widths = [int(text_width * s) for s in COLUMNS]
        table = _table(doc, ["修订前", "修订后", "说明"], widths)
        for row in ctx["rows"]:
            old, new, why = table.add_row().cells
            for cell, width in zip((old, new, why), widths, strict=True):
                cell.width = width
            _cell_text(old, row["old_label"], row["old"], "（无）")
            _cell_text(new, row["new_label"], row["new"], "（删除）")
            why.paragraphs[0].add_run(row["notes"][0]).bold = True
            for note in row["notes"][1:]:
                why.add_paragraph(note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
