"""公文 PDFs of a notice give what its text version gives: the same clause tree, rule facts and
document fields, whether each clause starts a line or the clauses run together, and with figures
and dates broken over lines, a red 版头 over the title and a 版记 at the end. The notices
(tests/data/gongwen_*.txt) are written for these tests."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from make_fixtures import build_gongwen_pdf
from zhengce.normalize.lines import paragraphs
from zhengce.normalize.mapped import Mapped

from zhengce.pipeline import extract, parse

DATA = Path(__file__).parent / "data"
BANFA, YIJIAN = DATA / "gongwen_banfa.txt", DATA / "gongwen_yijian.txt"  # 第X条 办法, 三、（一） 意见
KAOHE = DATA / "gongwen_kaohe.txt"  # 考核办法: items numbered across parts, each closed by a note, some with no 。
QUAN = DATA / "gongwen_chuangxinquan.txt"  # 第1条 articles, (1) and ① items, two issuers; a short text, lines unwrapped
MINYING = DATA / "gongwen_minying.txt"  # 措施 of two offices signing on two lines, one-line paragraphs
MASTHEAD = {MINYING: "中共某县委办公室 某县人民政府办公室文件"}  # wider than the text: set out into the margins
CC = ("抄送：市委各部门，市人大常委会办公室，市政协办公室。", "某市人民政府办公室　　2026年4月20日印发")


def outline(path: Path) -> list[tuple[str, str | None, str | None]]:
    return [(c.id, c.label, c.title) for c in parse(path).walk()]


def facts(rules: dict) -> Counter:
    return Counter((r["clause"], role, f.get("value"), f.get("unit"))
                   for r in rules["rules"] for role in ("benefits", "conditions", "targets") for f in r[role])


def test_the_text_versions_clause_trees():
    assert [c[0] for c in outline(BANFA)] == [
        "ch1", "ch1.art1", "ch1.art2", "ch2", "ch2.art3", "ch2.art4", "ch2.art5", "ch3", "ch3.art6", "ch3.art7",
        "ch3.art8", "ch4", "ch4.art9", "ch4.art10", "ch4.art11", "ch5", "ch5.art12", "ch5.art13", "ch5.art14"]
    assert [c[:3:2] for c in outline(YIJIAN)] == [
        ("1", "总体目标"), ("2", "重点任务"), ("2.1", "做大数字产业"), ("2.2", "推动企业上云"), ("2.3", "建设数字园区"),
        ("3", "保障措施"), ("3.1", "加强组织领导"), ("3.2", "强化资金保障"), ("3.3", "加强督促检查")]


@pytest.mark.parametrize("text", [BANFA, YIJIAN, KAOHE, QUAN, MINYING], ids=["banfa", "yijian", "kaohe", "quan", "minying"])
@pytest.mark.parametrize("run_together", [False, True], ids=["lines", "run_together"])
def test_a_gongwen_pdf_reads_as_its_text_version(tmp_path, cjk_font, text, run_together):
    masthead = MASTHEAD.get(text, "某市人民政府办公室文件")
    pdf = build_gongwen_pdf(text.read_text(encoding="utf-8"), tmp_path / "notice.pdf", run_together=run_together,
                            banner=masthead, colophon=CC, page_label="— {} —")
    raw = parse(pdf).text.source.text
    assert raw.lstrip("\u3000").startswith(masthead + "\n")
    if text in (BANFA, YIJIAN):
        assert re.search(r"\d\n[\d万亿%元]", raw), "the typesetting breaks a figure over a line"
    if run_together:
        assert re.search(r"[。）：；](?:第[一二三四五六七八九十\d]+条|[（(][一二三\d][）)]|\d．|[①②])", raw)
    # the same paragraphs, the 版记 after them
    assert parse(pdf).text.text.split("\n") == [*parse(text).text.text.split("\n"), CC[0], CC[1].replace("　", "")]
    assert outline(pdf) == outline(text)
    pdf_rules, text_rules = extract(pdf), extract(text)
    assert facts(pdf_rules) == facts(text_rules)
    assert [r["responsible_units"] for r in pdf_rules["rules"]] == [r["responsible_units"] for r in text_rules["rules"]]
    assert pdf_rules["document"].pop("cc") == ["市委各部门", "市人大常委会办公室", "市政协办公室"]
    assert pdf_rules["document"] == {k: v for k, v in text_rules["document"].items() if k != "cc"}


def test_the_pdf_of_the_banfa_keeps_its_figures(tmp_path, cjk_font):
    pdf = build_gongwen_pdf(BANFA.read_text(encoding="utf-8"), tmp_path / "banfa.pdf", run_together=True)
    rules = extract(pdf)
    art6 = Counter((role, f["value"]) for r in rules["rules"] if r["clause"] == "ch3.art6"
                   for role in ("benefits", "conditions") for f in r[role])
    assert art6 == Counter({("conditions", 10000000): 1, ("conditions", 50000000): 1, ("benefits", 10): 1,
                            ("benefits", 12): 1, ("benefits", 10000000): 1, ("benefits", 15000000): 1})
    assert (rules["document"]["valid_from"], rules["document"]["valid_until"]) == ("2026-03-31", "2029-03-30")


def split(text: str) -> list[str]:
    return paragraphs(Mapped.of(text))[0].text.split("\n")


@pytest.mark.parametrize("text, expected", [
    # articles run together after a sentence end, a heading run into its first item
    ("第一条 为了规范管理，制定本办法。第二条 本办法适用于本市。第三条 本办法自2026年1月1日起施行。",
     ["第一条 为了规范管理，制定本办法。", "第二条 本办法适用于本市。", "第三条 本办法自2026年1月1日起施行。"]),
    ("二、重点任务（一）做大数字产业。对企业给予奖励。（二）推动企业上云。",
     ["二、重点任务", "（一）做大数字产业。对企业给予奖励。", "（二）推动企业上云。"]),
    # an item list after a colon; items numbered on across parts after a note closes a sentence
    ("第十一条 有下列情形之一的，不予批准：（一）隐瞒收入的；（二）提供虚假资料的。",
     ["第十一条 有下列情形之一的，不予批准：", "（一）隐瞒收入的；", "（二）提供虚假资料的。"]),
    ("3.扩大进口。\n（二）推进服务贸易4.深化服务贸易合作。（省商务厅负责）5.大力发展数字贸易。",
     ["3.扩大进口。", "（二）推进服务贸易", "4.深化服务贸易合作。（省商务厅负责）", "5.大力发展数字贸易。"]),
    # a cross-reference is not the next article
    ("第二条 本办法适用于本市。第五条规定的企业除外。", ["第二条 本办法适用于本市。第五条规定的企业除外。"]),
    ("第二条 依照《某市促进就业条例》（2020年修订）第三条规定执行。第三条 本办法自2026年1月1日起施行。",
     ["第二条 依照《某市促进就业条例》（2020年修订）第三条规定执行。", "第三条 本办法自2026年1月1日起施行。"]),
    # an item closed by its notes and no 。; a note longer than a line, brackets inside it
    ("1．完成平台接入（5月底完成，牵头考核单位：市大数据局）2．升级审批系统。（0.5分）（持续推进）3．推广电子证照。",
     ["1．完成平台接入（5月底完成，牵头考核单位：市大数据局）", "2．升级审批系统。（0.5分）（持续推进）", "3．推广电子证照。"]),
    ("（一）加强用地保障。（牵头单位：市自然资源局，责任单位：各县（市、区）人民政府，市发展改革局、市财政局、"
     "市住房城乡建设局、市生态环境局、市交通运输局、市水务局）（二）推进产城融合。",
     ["（一）加强用地保障。（牵头单位：市自然资源局，责任单位：各县（市、区）人民政府，市发展改革局、市财政局、"
      "市住房城乡建设局、市生态环境局、市交通运输局、市水务局）", "（二）推进产城融合。"]),
    # items after a colon whose first item's title opens with 第 (`第一类`)
    ("第八条 符合以下情形之一的可申请补贴：（一）第一类对象。1.特困人员；2.低保家庭。（二）第二类对象。1.独居老人。",
     ["第八条 符合以下情形之一的可申请补贴：", "（一）第一类对象。", "1.特困人员；", "2.低保家庭。", "（二）第二类对象。",
      "1.独居老人。"]),
    # a heading with a score note run into the next item; never a cut inside a number (`1` of `11．`)
    ("10．推进热线整合。（持续推进）\n（六）深化“最多跑一次”（2分）11．推进大厅智能化。",
     ["10．推进热线整合。（持续推进）", "（六）深化“最多跑一次”（2分）", "11．推进大厅智能化。"]),
    ("（六）深化“最多跑一次”（2分）11．推进大厅智能化。", ["（六）深化“最多跑一次”（2分）11．推进大厅智能化。"]),
    # the 版头 is not the title's first line; the 版记 lines are not one paragraph
    ("某市人民政府办公室文件\n某市人民政府办公室关于印发某市促进就业若干措施的通知",
     ["某市人民政府办公室关于印发某市促进就业若干措施的通知"]),
    ("抄送：市委各部门，市人大常委会办公室。\n某市人民政府办公室 2026年4月20日印发",
     ["抄送：市委各部门，市人大常委会办公室。", "某市人民政府办公室 2026年4月20日印发"]),
])
def test_clauses_run_together_are_cut_at_the_next_label(text, expected):
    assert split(text) == expected


def test_a_letter_spaced_label_starts_a_clause():
    text = "第 一 条 为了规范管理，制定本办法。\n第 二 条 本办法适用于本市。"
    assert [c.label for c in parse_text(text).walk()] == ["第一条", "第二条"]


def parse_text(text: str):
    from zhengce.model import Source
    from zhengce.pipeline import parse_source

    return parse_source(Source("notice.txt", text, "text"))


def test_a_figure_or_date_broken_over_a_wrapped_line_is_joined():
    filler = "对符合条件的企业按照规定给予支持并加强对资金使用情况的监督管理工作，"  # a line wrapped at the margin
    text = "\n".join([filler] * 10 + ["对获得国家级示范称号的企业给予奖励最高5", "000万元，本办法自2026年3月3", "1日起施行。"])
    assert split(text)[0].endswith("给予奖励最高5000万元，本办法自2026年3月31日起施行。")


def test_a_date_broken_after_its_dash_in_a_metadata_line_is_whole_again():
    """A web page printed to PDF: `发布日期：2025-` / `04-08浏览次数：88` is one date, and the page's date."""
    filler = "对符合条件的企业按照规定给予支持并加强对资金使用情况的监督管理工作，"
    text = "\n".join(["某市就业补贴申领办事指南", "发布机构：某市人力资源和社会保障局发布日期：2025-", "04-08浏览次数：88",
                     "一、事项名称"] + [filler] * 10)
    assert parse_text(text).meta.published_on == "2025-04-08"


def test_a_label_broken_at_the_margin_is_whole_again():
    """`…市审批服务局）2` / `0．完成…`: item 20 broken over two full lines, not an item 0."""
    item = "19．加快梳理政务服务数据清单，完成目录数据挂载，持续推进各类高频事项在平台集中办理。"
    note = "（5月底完成，牵头考核单位：市审批服务局）"
    text = item + "对标先进地区" * 60  # enough lines for the wrap width to show
    text = text[: 30 * (len(text) // 30) - len(note) - 1] + note + "20．完成全民健康信息平台功能扩展，强化数据共享。"
    lines = [text[i : i + 30] for i in range(0, len(text), 30)]
    assert lines[-2].endswith("）2") and lines[-1].startswith("0．")
    assert [p[:3] for p in split("\n".join(lines))] == ["19．", "20．"]


def test_a_title_set_twice_reads_as_two_paragraphs(tmp_path, cjk_font):
    """Web copies repeat a notice's title; typeset, the first copy's last line fills the line and the
    second copy is not read as its continuation."""
    title = "某省推进开放型经济高质量发展工作领导小组办公室关于印发某省关于加快对接国际经贸新规则扎实推进高水平对外开放若干措施的通知"
    text = KAOHE.read_text(encoding="utf-8").replace(KAOHE.read_text(encoding="utf-8").split("\n")[0], f"{title}\n{title}")
    pdf = build_gongwen_pdf(text, tmp_path / "notice.pdf", banner="某省推进开放型经济高质量发展工作领导小组办公室文件")
    doc = parse(pdf)
    assert doc.meta.title == title
    assert doc.meta.issuer == ["某市人民政府办公室"]
