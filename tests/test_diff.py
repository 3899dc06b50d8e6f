"""Policy diff on real revisions: each variant is the bundled notice 000 with one reviewer-visible edit."""

from __future__ import annotations

import re

import pytest
from zhengce.rulegen.align import Pair, Unit
from zhengce.rulegen.diff import change, compare, load, redline
from zhengce.rulegen.report import md_runs, notes, render, render_bytes

from tests.helpers import corpus_path
from tests.report_reader import all_rows, docx_rows

ORIGINAL = corpus_path("000").read_text(encoding="utf-8")
SECTION_3 = ORIGINAL[ORIGINAL.index("三、扶持措施") : ORIGINAL.index("四、工作保障及监督管理")]
NUMERALS = "一二三四五六七八九十"


def _label(n: int) -> str:
    return f"（{NUMERALS[n - 1] if n <= 10 else '十' + NUMERALS[n - 11]}）"


def _measure(n: int) -> str:
    """The text of measure (n) of section 三, up to the next measure."""
    start = SECTION_3.index("\n" + _label(n)) + 1
    nxt = SECTION_3.find("\n" + _label(n + 1))
    return SECTION_3[start : nxt + 1 if nxt > 0 else len(SECTION_3)]


def _edit(old: str, new: str, text: str = ORIGINAL) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _removed_7() -> str:
    section = SECTION_3.replace(_measure(7), "")
    for n in range(8, 14):
        section = re.sub(rf"(\n\s*){_label(n)}", rf"\g<1>{_label(n - 1)}", section)  # (十) starts a page: " （十）"
    return ORIGINAL.replace(SECTION_3, section)


VARIANTS = {
    "amount": lambda: _edit("认定的分别给予 50 万元", "认定的分别给予 30 万元"),
    "threshold": lambda: _edit("①上一年度营业收入不低于 6000 万元", "①上一年度营业收入不低于 8000 万元"),
    "added": lambda: _edit(
        "\n四、工作保障及监督管理",
        "\n（十四）支持企业开拓国际市场。对首次参加境外展会的试点企业，给予一次性奖励最高 10 万元。"
        "（责任单位：市商务局、市财政局）\n\n四、工作保障及监督管理",
    ),
    "removed": _removed_7,
    "swapped": lambda: ORIGINAL.replace(
        _measure(5) + _measure(6),
        _measure(6).replace(_label(6), _label(5)) + _measure(5).replace(_label(5), _label(6)),
    ),
    "unit": lambda: _edit("工业和信息化局、市财政局）\n\n（二）支持企业数字化", "工业和信息化局、市财政局、市科技局）\n\n（二）支持企业数字化"),
    "validity": lambda: _edit("有效期至 2025 年 9 月 5\n\n日", "有效期至 2026 年 12 月 31\n\n日"),
    "split": lambda: _edit(
        "协调对接。试点企业服务日志",
        "协调对接。（责任单位：市工业和信息化局）\n\n（十四）试点企业服务日志",
    ),
}


@pytest.fixture(scope="module")
def original():
    return load(corpus_path("000"))


@pytest.fixture(scope="module")
def reports(original, tmp_path_factory) -> dict[str, dict]:
    """One report per variant, each variant parsed once."""
    folder = tmp_path_factory.mktemp("revisions")
    out = {}
    for name, make in VARIANTS.items():
        path = folder / f"{name}.txt"
        text = make()
        assert text != ORIGINAL, name
        path.write_text(text, encoding="utf-8")
        out[name] = compare(original, load(path))
    return out


def _edits(report: dict) -> set[tuple]:
    """(kind, old clause, new clause) of every change that is more than a renumbering."""
    return {
        (c["kind"], (c["old"] or {}).get("clause"), (c["new"] or {}).get("clause"))
        for c in report["changes"]
        if c["kind"] not in ("renumbered", "moved")
    }


def _renumbered(report: dict) -> set[tuple]:
    return {(c["old"]["clause"], c["new"]["clause"]) for c in report["changes"] if c["kind"] in ("renumbered", "moved")}


def test_same_document_has_no_changes(original):
    report = compare(original, original)
    assert report["changes"] == [] and report["document_changes"] == []
    assert report["summary"]["counts"]["unchanged"] == len(original.units)


def test_amount_change_is_a_benefit_change(reports):
    report = reports["amount"]
    assert _edits(report) == {("modified", "3.4", "3.4")} and not _renumbered(report)
    (change,) = report["changes"]
    assert change["quantities"] == [{
        "role": "benefit", "metric": None,
        "old": {"value": 500000, "unit": "CNY", "op": "==", "text": "50万元"},
        "new": {"value": 300000, "unit": "CNY", "op": "==", "text": "30万元"},
    }]
    assert {"op": "del", "text": "50"} in change["redline"] and {"op": "ins", "text": "30"} in change["redline"]
    assert [(m["old"]["value"], m["new"]["value"]) for m in report["summary"]["money"]] == [(500000, 300000)]


def test_threshold_change(reports):
    report = reports["threshold"]
    assert _edits(report) == {("modified", "2.3.1.3.1", "2.3.1.3.1")} and not _renumbered(report)
    (q,) = report["changes"][0]["quantities"]
    assert (q["role"], q["metric"], q["old"]["value"], q["new"]["value"]) == ("threshold", "营业收入", 60000000, 80000000)


def test_added_measure(reports):
    report = reports["added"]
    assert _edits(report) == {("added", None, "3.14")} and not _renumbered(report)
    (q,) = report["changes"][0]["quantities"]
    assert q["old"] is None and q["new"]["value"] == 100000 and q["role"] == "benefit"
    assert report["changes"][0]["units"]["added"] == ["市商务局", "市财政局"]


def test_removed_measure_renumbers_the_rest(reports):
    report = reports["removed"]
    assert _edits(report) == {("removed", "3.7", None)}
    assert _renumbered(report) == {(f"3.{n}", f"3.{n - 1}") for n in range(8, 14)} | {
        (f"3.11.{k}", f"3.10.{k}") for k in range(1, 5)
    }


def test_swapped_measures_are_renumbered_not_modified(reports):
    report = reports["swapped"]
    assert _edits(report) == set()
    assert _renumbered(report) == {("3.5", "3.6"), ("3.6", "3.5")}
    assert report["summary"]["counts"]["renumbered"] == 2


def test_unit_added(reports):
    report = reports["unit"]
    assert _edits(report) == {("modified", "3.1", "3.1")} and not _renumbered(report)
    (change,) = report["changes"]
    assert change["units"] == {"added": ["市科技局"], "removed": []}
    assert change["quantities"] == []


def test_validity_moved(reports):
    report = reports["validity"]
    assert _edits(report) == {("modified", "7.2", "7.2")} and not _renumbered(report)
    assert report["document_changes"] == [{"field": "valid_until", "old": "2025-09-05", "new": "2026-12-31"}]
    assert report["summary"]["validity"] == {"valid_until": {"old": "2025-09-05", "new": "2026-12-31"}}
    (change,) = report["changes"]
    assert change["validity"] == report["summary"]["validity"]
    assert notes(change) == ["修改", "有效期至：2025-09-05 → 2026-12-31"]


def test_split_clause(reports):
    report = reports["split"]
    assert _edits(report) == {("split", "3.13", "3.13, 3.14")} and not _renumbered(report)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_shows_changed_amounts(reports, fmt):
    text = render(reports["amount"], fmt)
    assert "50万元" in text and "30万元" in text and "三、（四）" in text
    assert "<del>50</del>" in text if fmt == "html" else "~~50~~" in text


def test_render_json_roundtrips(reports):
    import json

    assert json.loads(render(reports["unit"], "json")) == reports["unit"]


def _renumbered_row(old: str, new: str, struck: str, added: str) -> tuple:
    return (f"重新编号（原{old}，现{new}）", old, new, struck, added)


MEASURE_7 = ("（七）优化工业用地供应。支持工业用地长期租赁、先租后让、弹性年期出让，推进工业用地供应由出让为主向租赁、出让并重转变。"
             "在确保土地市场公平公正公开的前提下，推进工业用地带条件招标拍卖挂牌出让（租赁），各地可将产业类型、生产技术、节能环保等"
             "产业准入要求纳入供地条件。推行工业用地“标准地”“带项目”“带方案”供应，提高供应质量。"
             "（责任单位：市自然资源局、市工业和信息化局、市科技局、市商务局）")
# (说明 head, old clause as cited, new clause as cited, struck words, added words) of every 对照表 row
ROWS = {
    "amount": [("修改", "三、（四）", "三、（四）", "50", "30")],
    "threshold": [("修改", "二、（三）1.（3）①", "二、（三）1.（3）①", "6000", "8000")],
    "added": [("新增", "", "三、（十四）", "", "（十四）支持企业开拓国际市场。对首次参加境外展会的试点企业，给予一次性奖励最高10万元。"
               "（责任单位：市商务局、市财政局）")],
    "removed": [
        ("删除", "三、（七）", "", MEASURE_7, ""),
        *[_renumbered_row(f"三、{_label(n)}", f"三、{_label(n - 1)}", _label(n)[1:-1], _label(n - 1)[1:-1])
          for n in range(8, 12)],
        *[_renumbered_row(f"三、（十一）{k}.", f"三、（十）{k}.", "", "") for k in range(1, 5)],
        *[_renumbered_row(f"三、{_label(n)}", f"三、{_label(n - 1)}", _label(n)[1:-1], _label(n - 1)[1:-1])
          for n in (12, 13)],
    ],
    "swapped": [_renumbered_row("三、（六）", "三、（五）", "六", "五"), _renumbered_row("三、（五）", "三、（六）", "五", "六")],
    "unit": [("修改", "三、（一）", "三、（一）", "", "、市科技局")],
    "validity": [("修改", "七、（二）", "七、（二）", "202595", "20261231")],
    "split": [("拆分（原三、（十三），现三、（十三） / 三、（十四））", "三、（十三）", "三、（十三） / 三、（十四）", "",
               "（责任单位：市工业和信息化局）（十四）")],
}


@pytest.mark.parametrize("name", list(ROWS))
def test_every_format_shows_each_edit_once(reports, name):
    """JSON, HTML, Markdown, DOCX and XLSX read back: the same rows, clauses cited as written, marks in the cells."""
    for fmt, rows in all_rows(reports[name]).items():
        assert rows == ROWS[name], fmt


LAYOUT_ONLY = {
    "spaces and line breaks": lambda: _edit("支持企业扩容增效。", "支持企业扩容增效。\n").replace("，", "， "),
    "ASCII punctuation": lambda: ORIGINAL.replace("，", ",").replace("；", ";").replace("：", ":"),
}


@pytest.mark.parametrize("name", list(LAYOUT_ONLY))
def test_layout_and_punctuation_style_are_not_changes(original, tmp_path, name):
    path = tmp_path / "layout.txt"
    path.write_text(LAYOUT_ONLY[name](), encoding="utf-8")
    report = compare(original, load(path))
    assert report["changes"] == [] and report["document_changes"] == []


def test_redline_ignores_a_line_break_and_marks_words_around_it():
    assert redline("给予50万元，\n按季度拨付。", "给予50万元，按季度拨付。") == [
        {"op": "same", "text": "给予50万元，按季度拨付。", "old": "给予50万元，\n按季度拨付。"}]
    script = redline("给予50万元。", "给予\n30万元。")
    assert [(r["op"], r["text"].strip()) for r in script] == [("same", "给予"), ("del", "50"), ("ins", "30"), ("same", "万元。")]


def test_markdown_marks_stay_off_line_breaks(reports):
    text = render(reports["split"], "md")
    assert "****" not in text and "~~~~" not in text and "** " not in text
    assert "**（责任单位：市工业和信息化局）**<br>**（十四）**试点企业" in text
    assert md_runs([("same", "有效期至2021年**月**日，"), ("del", "A|B\n"), ("ins", "C")]) == (
        "有效期至2021年\\*\\*月\\*\\*日，~~A\\|B~~<br>**C**")


def test_all_lists_unchanged_clauses_too(original, reports, tmp_path):
    path = tmp_path / "amount.txt"
    path.write_text(VARIANTS["amount"](), encoding="utf-8")
    report = compare(original, load(path), all_clauses=True)
    assert len(report["changes"]) == len(original.units)
    assert report["summary"] == reports["amount"]["summary"]
    unchanged = [c for c in report["changes"] if c["kind"] == "unchanged"]
    assert len(unchanged) == len(original.units) - 1 and all(r["op"] == "same" for c in unchanged for r in c["redline"])
    assert docx_rows(render_bytes(report, "docx"))[0] == ("未修改", "前言", "前言", "", "")


def test_other_figures_and_review_notes_are_compared():
    """The rule contract's `others` (schedules, splits) and a rule's `review` reasons change like any figure."""
    old = [{"others": [{"value": 50, "unit": "%", "text": "50%"}], "review": ["比例的基数不明"]}]
    new = [{"others": [{"value": 60, "unit": "%", "text": "60%"}], "review": [{"reason": "拨付方式不明"}]}]
    pair = Pair("modified", [_unit("3.1", old, "分两年按50%拨付。")], [_unit("3.1", new, "分两年按60%拨付。")])
    entry = change(pair)
    assert entry["quantities"] == [{"role": "other", "metric": None, "old": {"value": 50, "unit": "%", "op": None, "text": "50%"},
                                    "new": {"value": 60, "unit": "%", "op": None, "text": "60%"}}]
    assert entry["review"] == {"added": ["拨付方式不明"], "removed": ["比例的基数不明"]}
    assert notes(entry) == ["修改", "其他数额：50% → 60%", "新增待复核：拨付方式不明", "删除待复核：比例的基数不明"]


def _unit(clause: str, rules: list[dict], text: str) -> Unit:
    return Unit(clause, "三、（一）", "3", text, text, rules)
