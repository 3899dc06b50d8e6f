"""Read a rendered comparison report back, the way a reviewer's tools open it, into one shape per format.

Each row of the 对照表 becomes (说明's first line, old label, new label, struck text, added text),
the marked words joined without whitespace, so every format can be held to the same expectation.
"""

from __future__ import annotations

import io
import json
import re

Row = tuple[str, str, str, str, str]
_SPACE = re.compile(r"\s+")


def _join(parts: list[str]) -> str:
    return _SPACE.sub("", "".join(parts))


def html_rows(html: str) -> list[Row]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    out = []
    for tr in soup.select("table.compare tbody tr"):
        old, new, why = tr.find_all("td")
        label = [(td.select_one(".label").get_text() if td.select_one(".label") else "") for td in (old, new)]
        out.append((why.find("p").get_text(), *label, _join([d.get_text() for d in old.find_all("del")]),
                    _join([i.get_text() for i in new.find_all("ins")])))
    return out


def md_rows(md: str) -> list[Row]:
    lines = md.splitlines()
    start = lines.index("| 修订前 | 修订后 | 说明 |") + 2
    out = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        old, new, why = (c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1])
        labels, bodies = [], []
        for cell in (old, new):
            m = re.match(r"\*\*(.*?)\*\*<br>", cell)
            labels.append(m.group(1) if m else "")
            bodies.append(cell[m.end() :] if m else "")
        out.append((why.split("<br>")[0], *labels, _join(re.findall(r"~~(.+?)~~", bodies[0])),
                    _join(re.findall(r"\*\*(.+?)\*\*", bodies[1]))))
    return out


def docx_rows(data: bytes) -> list[Row]:
    import docx

    table = docx.Document(io.BytesIO(data)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["修订前", "修订后", "说明"]
    out = []
    for row in table.rows[1:]:
        old, new, why = row.cells
        labels = [c.paragraphs[0].text if c.paragraphs[0].runs[0].bold else "" for c in (old, new)]
        struck = [r.text for p in old.paragraphs for r in p.runs if r.font.strike]
        added = [r.text for p in new.paragraphs for r in p.runs if r.font.underline and r.font.bold]
        out.append((why.paragraphs[0].text, *labels, _join(struck), _join(added)))
    return out


def xlsx_book(data: bytes):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data), rich_text=True)


def xlsx_rows(data: bytes) -> list[Row]:
    from openpyxl.cell.rich_text import CellRichText

    sheet = xlsx_book(data)["对照表"]
    assert [c.value for c in sheet[1]] == ["修订前", "修订后", "说明"]
    out = []
    for old, new, why in sheet.iter_rows(min_row=2):
        labels, marked = [], []
        for cell, mark in ((old, "strike"), (new, "u")):
            blocks = list(cell.value) if isinstance(cell.value, CellRichText) else []
            labels.append(blocks[0].text.rstrip("\n") if blocks else "")
            marked.append(_join([b.text for b in blocks[1:] if not isinstance(b, str) and getattr(b.font, mark)]))
        out.append((why.value.split("\n")[0], *labels, *marked))
    return out


def xlsx_figures(data: bytes) -> list[dict]:
    """The 数额变化 sheet, one dict per row keyed by its header."""
    sheet = xlsx_book(data)["数额变化"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["条款", "类别", "指标", "修订前", "修订后", "变化"]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]


def json_rows(report: dict) -> list[Row]:
    from zhengce.rulegen.report import render, rows

    report = json.loads(render(report, "json"))
    return [(r["notes"][0], r["old_label"], r["new_label"], _join([t for op, t in r["old"] if op == "del"]),
             _join([t for op, t in r["new"] if op == "ins"])) for r in rows(report)]


def all_rows(report: dict) -> dict[str, list[Row]]:
    """The 对照表 rows of one report in every format."""
    from zhengce.rulegen.report import render, render_bytes

    return {"json": json_rows(report), "html": html_rows(render(report, "html")), "md": md_rows(render(report, "md")),
            "docx": docx_rows(render_bytes(report, "docx")), "xlsx": xlsx_rows(render_bytes(report, "xlsx"))}
