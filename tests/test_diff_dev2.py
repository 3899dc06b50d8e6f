"""Revisions built at test time from dev2 notices (never committed): every edit found, none invented, in
every format, and the same report whether each side is a document or its rule file (JSON or YAML).

Two notices of different layouts: 广州 临时救助实施细则 (第X条, ASCII punctuation) and 安徽 RCEP
实施意见 (一、（一）1., numbered through the document, 责任单位 in brackets).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from zhengce.rulegen.diff import compare, diff
from zhengce.rulegen.report import render_bytes
from zhengce.rulegen.versions import load

from tests.report_reader import all_rows, xlsx_figures
from zhengce.pipeline import extract

DEV2 = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev2" / "docs"
pytestmark = pytest.mark.skipif(not DEV2.is_dir(), reason="the dev2 notices are not beside the repository")
CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _read(name: str) -> str:
    return (DEV2 / name).read_text(encoding="utf-8")


def _articles(text: str) -> dict[int, str]:
    """Each 第X条 with its paragraphs, up to the next article or the 公开方式 line."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if re.match(f"第[{CN}]+条", line)]
    end = next(i for i, line in enumerate(lines) if line.startswith("公开方式"))
    return {n: "\n".join(lines[s:e]) for n, (s, e) in enumerate(zip(heads, [*heads[1:], end], strict=True), 1)}


def _renumber(article: str, n: int, m: int) -> str:
    return article.replace(f"第{_cn(n)}条", f"第{_cn(m)}条", 1)


def relief_figures(text: str) -> str:
    """Amount, period and validity changed; every `,` and `:` made full-width; one paragraph broken in two."""
    text = _edit(text, "累计最高不得超过5万元", "累计最高不得超过8万元")
    text = _edit(text, "不得超过30天", "不得超过20天")
    text = _edit(text, "有效期5年", "有效期3年")
    text = _edit(text, "现象。区审计部门", "现象。\n区审计部门")
    return text.replace(",", "，").replace(":", "：")


def relief_structure(text: str) -> str:
    """第三、四条 swapped, a new 第十条 inserted, 第十五条 deleted: the articles between renumbered, one reworded."""
    arts = _articles(text)
    new_article = "第十条 区民政部门应当每季度向市民政部门报送临时救助工作情况,对救助金额超过3万元的个案逐一备案。"
    body = [arts[1], arts[2], _renumber(arts[4], 4, 3), _renumber(arts[3], 3, 4), *(arts[n] for n in range(5, 10)),
            new_article, *(_renumber(arts[n], n, n + 1) for n in range(10, 13)),
            _renumber(arts[13], 13, 14).replace("应如实申明", "应当如实申明"), _renumber(arts[14], 14, 15),
            *(arts[n] for n in range(16, 19))]
    start, end = text.index(arts[1]), text.index(arts[18]) + len(arts[18])
    return text[:start] + "\n".join(body) + text[end:]


def rcep_figures(text: str) -> str:
    """A target raised, a unit added, item 24 split into 24 and 25."""
    text = _edit(text, "分别占比达30%", "分别占比达35%")
    text = _edit(text, "（省商务厅牵头，省农业农村厅配合）", "（省商务厅牵头，省农业农村厅、省财政厅配合）")
    return _edit(text, "及时把握形势。审慎防范",
                 "及时把握形势。（省商务厅牵头，省外办、省贸促会按职责分工配合）\n\n　　25.审慎防范")


def rcep_moved(text: str) -> str:
    """Item 21 moved from 二、（七） to the end of 三、 as 24; 22–24 renumbered 21–23."""
    item = text[text.index("　　21.加强法律") : text.index("　　三、保障措施")]
    text = text.replace(item, "")
    for n in (22, 23, 24):
        text = _edit(text, f"{n}.加强", f"{n - 1}.加强")
    end = text.find("\n", text.index("23.加强风险应对"))
    end = len(text) if end < 0 else end
    return text[:end] + "\n\n" + item.replace("21.加强", "24.加强").rstrip("\n") + text[end:]


RELIEF = "d2_guangzhou_linshijiuzhu.txt"
RCEP = "d2_anhui_rcep.txt"

# (说明 head, old label, new label, struck words, added words) of every row, in report order
EXPECTED = {
    "relief_figures": (RELIEF, relief_figures, [
        ("修改", "第十二条", "第十二条", "305", "208"),
        ("修改", "第十八条", "第十八条", "5", "3"),
    ]),
    "relief_structure": (RELIEF, relief_structure, [
        ("重新编号（原第四条，现第三条）", "第四条", "第三条", "第四条", "第三条"),
        ("重新编号（原第三条，现第四条）", "第三条", "第四条", "第三条", "第四条"),
        ("新增", "", "第十条", "", "第十条区民政部门应当每季度向市民政部门报送临时救助工作情况，对救助金额超过3万元的个案逐一备案。"),
        *[(f"重新编号（原第{_cn(n)}条，现第{_cn(n + 1)}条）", f"第{_cn(n)}条", f"第{_cn(n + 1)}条", f"第{_cn(n)}条",
           f"第{_cn(n + 1)}条") for n in (10, 11)],
        *[(f"重新编号（原第十一条（{k}），现第十二条（{k}））", f"第十一条（{k}）", f"第十二条（{k}）", "", "")
          for k in "一二三四"],
        *[(f"重新编号（原第{_cn(n)}条，现第{_cn(n + 1)}条）", f"第{_cn(n)}条", f"第{_cn(n + 1)}条", f"第{_cn(n)}条",
           f"第{_cn(n + 1)}条") for n in (12,)],
        ("修改（原第十三条，现第十四条）", "第十三条", "第十四条", "第十三条应", "第十四条应当"),
        ("删除", "第十五条", "", "第十五条市、区民政部门应当强化政府救助与公益慈善衔接，构建“政府救助+慈善救助”转办转介机制，"
         "及时将线上、线下社会救助需求转办转介到慈善组织，协调解决救助对象的困难。", ""),
        ("重新编号（原第十四条，现第十五条）", "第十四条", "第十五条", "第十四条", "第十五条"),
    ]),
    "rcep_figures": (RCEP, rcep_figures, [
        ("修改", "一、", "一、", "30%", "35%"),
        ("修改", "二、（一）1.", "二、（一）1.", "", "、省财政厅"),
        ("拆分（原三、24.，现三、24. / 三、25.）", "三、24.", "三、24. / 三、25.", "",
         "（省商务厅牵头，省外办、省贸促会按职责分工配合）25."),
    ]),
    "rcep_moved": (RCEP, rcep_moved, [
        *[(f"重新编号（原三、{n}.，现三、{n - 1}.）", f"三、{n}.", f"三、{n - 1}.", str(n), str(n - 1))
          for n in (22, 23, 24)],
        ("移动（原二、（七）21.，现三、24.）", "二、（七）21.", "三、24.", "21", "24"),
    ]),
}

# (条款, 变化, 修订前数值, 修订后数值, 计量单位) of the 数额变化 sheet; roles are the extractor's, checked elsewhere
FIGURES = {
    "relief_figures": [("第十二条", "+3万元", 50000, 80000, "CNY"), ("第十二条", "−10天", 30, 20, "天"),
                       ("", "修改", None, None, None)],
    "relief_structure": [("第十条", "新增", None, 30000, "CNY"), ("第十条", "新增", None, None, None),
                         ("第十条", "新增", None, None, None), ("第十五条", "删除", None, None, None),
                         ("第十五条", "删除", None, None, None)],
    "rcep_figures": [("一、", "+5个百分点", 30, 35, "%"), ("二、（一）1.", "新增", None, None, None)],
    "rcep_moved": [],
}
# the old and new text of rows that are not figures: validity dates and responsible units
NAMED = {"relief_figures": [("有效期", "2026-11-30", "2024-11-30")], "rcep_figures": [("责任单位", None, "省财政厅")],
         # the new 第十条 names who acts (区民政部门…报送市民政部门); the deleted 第十五条 named 市、区民政部门
         "relief_structure": [("责任单位", None, "区民政部门"), ("责任单位", None, "市民政部门"),
                              ("责任单位", "市民政部门", None), ("责任单位", "区民政部门", None)]}


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("dev2")
    out = {}
    for name in (RELIEF, RCEP):
        out[name] = folder / name
        out[name].write_text(_read(name), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def loaded(originals):
    return {name: load(path) for name, path in originals.items()}


@pytest.fixture(scope="module", params=list(EXPECTED))
def case(request, originals, loaded, tmp_path_factory):
    """(name, old path, new path, report) of one revision."""
    source, make, _ = EXPECTED[request.param]
    new = tmp_path_factory.mktemp(request.param) / "revised.txt"
    new.write_text(make(_read(source)), encoding="utf-8")
    return request.param, originals[source], new, compare(loaded[source], load(new))


def test_every_edit_found_and_none_invented_in_every_format(case):
    name, _, _, report = case
    for fmt, rows in all_rows(report).items():
        assert rows == EXPECTED[name][2], fmt


def test_figures_sheet(case):
    name, _, _, report = case
    rows = xlsx_figures(render_bytes(report, "xlsx"))
    assert [(r["条款"] or "", r["变化"], r["修订前数值"], r["修订后数值"], r["计量单位"]) for r in rows] == FIGURES[name]
    named = [(r["类别"], r["修订前"], r["修订后"]) for r in rows if r["修订前数值"] is None and r["修订后数值"] is None]
    assert named == NAMED.get(name, [])


def test_rule_files_give_the_same_report(case, tmp_path):
    """Old side as a JSON rule file, new side as YAML named like neither: the report of the documents."""
    name, old, new, report = case
    old_rules, new_rules = tmp_path / "old.json", tmp_path / "revised.rules"
    old_rules.write_text(json.dumps(extract(old), ensure_ascii=False), encoding="utf-8")
    new_rules.write_text(yaml.safe_dump(extract(new), allow_unicode=True), encoding="utf-8")
    from_files = diff(old_rules, new_rules)
    for side, path in (("old", old_rules), ("new", new_rules)):
        assert from_files[side]["path"] == str(path)
        from_files[side]["path"] = report[side]["path"]
    assert from_files == report
