"""Word's automatic list numbering: labels python-docx leaves out, written back before the text."""

import copy

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.helpers import outline
from zhengce.pipeline import extract, parse

LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def numbered_docx(path, items: list[tuple[int | None, str]]) -> None:
    """A .docx whose paragraphs (level, text) are numbered by one three-level Chinese list; level None: plain."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
    for level, text in items:
        paragraph = document.add_paragraph(text)
        if level is not None:
            own = copy.deepcopy(num_pr)
            own.find(qn("w:ilvl")).set(qn("w:val"), str(level))
            paragraph._p.get_or_add_pPr().append(own)
    document.save(path)


ITEMS = [
    (None, "某市支持企业技术改造若干措施"),
    (0, "支持设备更新"),
    (1, "对设备投资额500万元以上的项目，按设备投资额的10%给予补助，单个项目最高300万元。"),
    (1, "对列入省级示范项目的，一次性奖励50万元。"),
    (0, "支持智能化改造"),
    (1, "对新认定的智能工厂，给予一次性奖励100万元。"),
    (2, "认定标准另行制定。"),
]


def test_automatic_numbering_becomes_the_clause_tree(tmp_path):
    path = tmp_path / "numbered.docx"
    numbered_docx(path, ITEMS)
    assert parse(path).text.text.split("\n") == [
        "某市支持企业技术改造若干措施", "一、支持设备更新",
        "（一）对设备投资额500万元以上的项目，按设备投资额的10%给予补助，单个项目最高300万元。",
        "（二）对列入省级示范项目的，一次性奖励50万元。", "二、支持智能化改造",
        "（一）对新认定的智能工厂，给予一次性奖励100万元。", "1.认定标准另行制定。"]
    assert [(cid, label) for cid, label, _ in outline(parse(path))] == [
        ("1", "一、"), ("1.1", "（一）"), ("1.2", "（二）"), ("2", "二、"), ("2.1", "（一）"), ("2.1.1", "1.")]
    rules = extract(path)["rules"]
    assert [(r["clause"], [b["value"] for b in r["benefits"]]) for r in rules] == [
        ("1.1", [10, 3000000]), ("1.2", [500000]), ("2.1", [1000000])]


def test_numbering_from_a_paragraph_style(tmp_path):
    document = docx.Document()
    document.add_paragraph("申报材料")
    for text in ("申请表；", "营业执照复印件；", "项目可行性研究报告。"):
        document.add_paragraph(text, style="List Number")  # the style carries the list, not the paragraph
    document.add_paragraph("以上材料一式两份。", style="List Bullet")
    path = tmp_path / "styled.docx"
    document.save(path)
    assert parse(path).text.text.split("\n")[1:] == [
        "1.申请表；", "2.营业执照复印件；", "3.项目可行性研究报告。", "以上材料一式两份。"]
