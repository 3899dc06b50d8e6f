"""Table rows read the same in every format: one line per row, the cells as written, tab-separated.

One notice with three tables (a reward table whose header carries the unit, a tier table whose
first column is headed by a metric, a task-allocation table with 序号 and unit columns) is
written as text, HTML, Markdown, DOCX and a 公文 PDF; every version gives the same rules.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import make_docx
from make_fixtures import build_gongwen_pdf
from zhengce.extract.tables import as_pipe_row

from zhengce.pipeline import extract

NOTICE = """某县人民政府办公室关于印发某县支持制造业高质量发展若干措施的通知
某府办〔2026〕3号
各乡镇人民政府，县政府各部门：
现将《某县支持制造业高质量发展若干措施》印发给你们，请认真贯彻执行。
某县人民政府办公室
2026年2月10日
某县支持制造业高质量发展若干措施
一、支持企业技术改造。对完成技术改造的企业，按下表给予一次性补助：
技改类别\t补助标准（万元）
智能化改造示范项目\t80
数字化车间\t30
二、奖励企业做大做强。对新落户企业按其年度县级财力贡献给予奖励：
县级财力贡献\t奖励比例
200万元（含）至1000万元\t20%
1000万元（含）以上\t40%
三、任务分工
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t建设县级工业互联网公共服务平台，到2027年接入企业300家以上。\t县工信局\t县科技局、县数据局\t2027年12月底
2\t每年组织企业参加省级以上展会不少于5次。\t县商务局\t\t持续推进
"""

RULES = [  # (clause, kind, quote, benefits, conditions, responsible units, lead units)
    ("1", "benefit", "智能化改造示范项目\t80", [("补助", 800000, "CNY")], [], [], []),
    ("1", "benefit", "数字化车间\t30", [("补助", 300000, "CNY")], [], [], []),
    ("2", "benefit", "200万元（含）至1000万元\t20%", [("奖励", 20, "%")],
     [("县级财力贡献", ">=", 2000000), ("县级财力贡献", "<", 10000000)], [], []),
    ("2", "benefit", "1000万元（含）以上\t40%", [("奖励", 40, "%")], [("县级财力贡献", ">=", 10000000)], [], []),
    ("3.1", "target", "1\t建设县级工业互联网公共服务平台，到2027年接入企业300家以上。", [], [],
     ["县工信局", "县科技局", "县数据局"], ["县工信局"]),
    ("3.2", "other", "2\t每年组织企业参加省级以上展会不少于5次。", [], [], ["县商务局"], ["县商务局"]),
]


def _rules(path: Path) -> list[tuple]:
    return [(r["clause"], r["kind"], r["quote"], [(b["kind"], b.get("value"), b["unit"]) for b in r["benefits"]],
             [(c["metric"], c["op"], c["value"]) for c in r["conditions"]], r["responsible_units"], r["lead_units"])
            for r in extract(path)["rules"]]


def _tables(text: str) -> list[tuple[bool, list[list[str]] | str]]:
    """The notice as blocks: (True, rows) for a table, (False, line) for a paragraph."""
    blocks: list[tuple[bool, list[list[str]] | str]] = []
    for line in text.strip("\n").split("\n"):
        if "\t" not in line:
            blocks.append((False, line))
        elif blocks and blocks[-1][0]:
            blocks[-1][1].append(line.split("\t"))
        else:
            blocks.append((True, [line.split("\t")]))
    return blocks


def _html(text: str) -> str:
    parts = [f"<p>{html.escape(b)}</p>" if not table else "<table>" + "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in b) + "</table>"
        for table, b in _tables(text)]
    return "<html><head><meta charset='utf-8'><title>通知</title></head><body><div class='zoom'>" + \
        "\n".join(parts) + "</div></body></html>"


def _markdown(text: str) -> str:
    lines: list[str] = []
    for table, b in _tables(text):
        lines += [b] if not table else [
            "| " + " | ".join(b[0]) + " |", "|" + "---|" * len(b[0]), *("| " + " | ".join(r) + " |" for r in b[1:])]
    return "\n".join(lines) + "\n"


def test_a_text_table_gives_the_rules_of_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    assert _rules(path) == RULES


@pytest.mark.parametrize("name, write", [
    ("notice.html", lambda text, path: path.write_text(_html(text), encoding="utf-8")),
    ("notice.md", lambda text, path: path.write_text(_markdown(text), encoding="utf-8")),
    ("notice.docx", lambda text, path: make_docx(text, path)),
    ("notice.pdf", lambda text, path: build_gongwen_pdf(text, path)),
])
def test_every_format_reads_its_tables_as_the_text_does(tmp_path: Path, name, write) -> None:
    path = tmp_path / name
    write(NOTICE, path)
    if name.endswith(".md"):  # the same rules, quoting each row as the file wrote it: a pipe row
        assert _rules(path) == [(r[0], r[1], as_pipe_row(r[2]) if "\t" in r[2] else r[2], *r[3:]) for r in RULES]
    else:
        assert _rules(path) == RULES


def test_a_bare_number_takes_the_unit_of_its_header_or_row_label_and_keeps_its_text(tmp_path: Path) -> None:
    # the cell is quoted as written (`1500`, as an annotator anchors it); the figure is read in the unit
    # its column header (`补助（元/人）`) or its row's label (`城市低保（元/人·月）`) carries
    path = tmp_path / "standards.txt"
    path.write_text("某市就业和救助标准\n一、培训补助\n项目\t补助（元/人）\t备注\n岗前培训\t1500\t\n"
                    "技能提升\t最高2000元\t按等级\n二、保障标准\n项目\t调整前\t调整后\n"
                    "城市低保（元/人·月）\t900\t950\n", encoding="utf-8")
    figures = [(r["quote"], b["value"], b["unit"]) for r in extract(path)["rules"]
               for key in ("benefits", "others", "conditions") for b in r[key] if b.get("unit", "").startswith("CNY")]
    assert figures == [("岗前培训\t1500", 1500, "CNY/人"), ("技能提升\t最高2000元\t按等级", 2000, "CNY"),
                       ("城市低保（元/人·月）\t900\t950", 900, "CNY/人"), ("城市低保（元/人·月）\t900\t950", 950, "CNY/人")]


GUIDE = """某市就业补贴实施细则
第一条 补贴标准按下表执行：
补贴项目\t补贴标准（元/人）\t申领对象
一次性创业补贴\t5000\t首次创业的高校毕业生
第二条 工作分工如下：
序号\t工作任务\t责任单位\t时间节点
1\t制定补贴申领办事指南。\t市人力资源社会保障局（牵头）、市财政局\t2026年3月
2\t建立补贴资金监管机制。\t市财政局\t2026年6月
"""


@pytest.mark.parametrize("name", ["guide.txt", "guide.docx"])
def test_a_unit_marked_as_lead_in_a_responsibility_column(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    make_docx(GUIDE, path) if name.endswith(".docx") else path.write_text(GUIDE, encoding="utf-8")
    assert _rules(path) == [
        ("art1", "benefit", "一次性创业补贴\t5000\t首次创业的高校毕业生", [("补贴", 5000, "CNY/人")], [], [], []),
        ("art2.1", "measure", None, [], [], ["市人力资源社会保障局", "市财政局"], ["市人力资源社会保障局"]),
        ("art2.2", "measure", None, [], [], ["市财政局"], []),
    ]


def test_a_caption_gives_the_unit_of_the_bare_numbers_in_the_columns_it_names(tmp_path: Path) -> None:
    path = tmp_path / "guide.txt"
    path.write_text("某县特色农业保险保费补贴办事指南\n三、补贴标准\n各险种保险金额、保费及补贴比例如下（保险金额、保费单位：元/亩）：\n"
                    "险种\t保险金额\t保费\t县级财政补贴\n柑橘种植保险\t3000\t150\t40%\n", encoding="utf-8")
    row = next(r for r in extract(path)["rules"] if "柑橘" in r["quote"])
    figures = [(q["value"], q["unit"]) for key in ("benefits", "conditions", "others") for q in row[key]]
    assert sorted(figures, key=str) == sorted([(3000, "CNY/亩"), (150, "CNY/亩"), (40, "%")], key=str)


def test_a_caption_naming_the_end_of_its_columns_headers_gives_them_its_unit(tmp_path: Path) -> None:
    path = tmp_path / "banlie.txt"
    path.write_text("某市中欧班列运费补贴办法\n第五条 按以下标准给予运费补贴（标准单位为元/标箱）：\n"
                    "线路\t去程补贴标准\t回程补贴标准\t单家企业年度上限（万元）\n中欧线路\t2800\t3600\t400\n",
                    encoding="utf-8")
    rows = [r for r in extract(path)["rules"] if "中欧线路" in r["quote"]]
    figures = [(q["value"], q["unit"]) for r in rows for key in ("benefits", "conditions", "others") for q in r[key]]
    assert figures == [(2800, "CNY/标箱"), (3600, "CNY/标箱"), (4000000, "CNY")]


def test_a_compared_cell_takes_its_header_unit_after_its_last_number(tmp_path: Path) -> None:
    path = tmp_path / "tiers.txt"
    path.write_text("某县亩均效益奖励办法\n第三条 奖励标准如下：\n档次\t亩均税收（万元/亩）\t奖励金额（万元）\n"
                    "第一档\t≥50\t80\n第二档\t30（含）—50\t40\n第三档\t20以上\t10\n"
                    "标准制定\t国家标准、行业标准\t50、20\n", encoding="utf-8")
    rows = [r for r in extract(path)["rules"] if "\t" in r["quote"]]
    assert [sorted((q["value"], q["unit"]) for key in ("conditions", "benefits") for q in r[key]) for r in rows] == [
        [(500000, "CNY/亩"), (800000, "CNY")],
        [(300000, "CNY/亩"), (400000, "CNY"), (500000, "CNY/亩")],
        [(100000, "CNY"), (200000, "CNY/亩")],
        [(200000, "CNY"), (500000, "CNY")]]  # a list of bare numbers shares its header's unit
