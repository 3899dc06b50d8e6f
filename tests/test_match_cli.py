"""`zhengce profile`, `match` and `review` as a person uses them: a template to fill, values as
written (8000万元, 12%, 是/否), warnings and errors naming the key, readable rows with reasons."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner
from zhengce.rulegen.logic import unit_of
from zhengce.rulegen.profile import flatten, nested

from tests.conftest import CORPUS
from tests.helpers import DEV2, dev2_rule_files, rules
from zhengce.cli import app

runner = CliRunner()
PLAN_TITLE = "清远市先进制造业和高技术制造业企业扶优计划（修订）"
BEFORE_EXPIRY = ["--today", "2025-01-01"]


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory):
    """The rule file of the 清远 plan (valid until 2025-09-05) and of another bundled notice."""
    folder = tmp_path_factory.mktemp("rules")
    for seed in ("000", "003"):
        (folder / f"{seed}.rules.json").write_text(json.dumps(rules(seed), ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def plan_file(rules_dir):
    return rules_dir / "000.rules.json"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def profile_file(tmp_path, text: str):
    path = tmp_path / "company.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.output
    return {r["rule"]: r for r in json.loads(result.stdout)}


def test_profile_template_lists_every_variable_with_a_comment(plan_file, tmp_path):
    out = tmp_path / "profile.yaml"
    assert run("profile", plan_file, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "营业收入:\n  # 营业收入（含主营业务收入），上一年度（上一个完整会计年度）; CNY; 「①上一年度营业收入不低于6000万元；」\n  上一年度: null\n" in text
    assert "认定:\n" in text and "  国家高新技术企业: null\n" in text
    template = yaml.safe_load(text)
    assert template["固定资产投资额"] == {"未注明期间": None} and template["投资强度"] is None
    as_json = json.loads(run("profile", plan_file, "--format", "json").stdout)
    assert as_json == template


def filled(template: dict, tmp_path):
    """The template with a value, written as a person would, for every variable."""
    written = {"bool": "是", "CNY": "2亿元", "%": "12%", "CNY/亩": "400万元/亩", "岁": "30周岁"}
    values = nested({name: written.get(unit_of(name), 5) for name in flatten(template)})
    return profile_file(tmp_path, yaml.safe_dump(values, allow_unicode=True))


def test_a_filled_template_is_a_valid_profile(plan_file, tmp_path):
    """Filled with a value for every variable, no row is unknown."""
    path = filled(json.loads(run("profile", plan_file, "--format", "json").stdout), tmp_path)
    rows = rows_of(run("match", path, plan_file, "--format", "json", *BEFORE_EXPIRY))
    assert {r["status"] for r in rows.values()} == {"applies", "does_not_apply", "needs_review"}
    assert rows["3.3#1"]["status"] == "applies"
    assert rows["3.8#1"]["status"] == "needs_review"  # per mu, and 纳入项目监管协议: a requirement the vocabulary lacks


@pytest.mark.skipif(not DEV2.is_dir(), reason="../shared/eval/dev2 is not checked out beside")
def test_a_filled_template_settles_every_dev2_rule_it_can(tmp_path):
    folder = tmp_path / "dev2"
    folder.mkdir()
    for i, rule_file in enumerate(dev2_rule_files()):
        (folder / f"{i}.rules.json").write_text(json.dumps(rule_file, ensure_ascii=False), encoding="utf-8")
    path = filled(json.loads(run("profile", folder, "--format", "json").stdout), tmp_path)
    result = run("match", path, folder, "--format", "json")
    assert result.stderr == ""
    assert "unknown" not in {r["status"] for r in rows_of(result).values()}


@pytest.mark.parametrize("yes", ["是", "yes", "有", "true", "Y"])
def test_yes_and_no_as_a_person_writes_them(plan_file, tmp_path, yes):
    rows = rows_of(run("match", profile_file(tmp_path, f"认定:\n  国家高新技术企业: {yes}\n"), plan_file,
                       "--format", "json", *BEFORE_EXPIRY))
    assert rows["3.3#1"]["status"] == "applies"


@pytest.mark.parametrize("no", ["否", "no", "无", "false"])
def test_no_names_the_failed_recognition(plan_file, tmp_path, no):
    rows = rows_of(run("match", profile_file(tmp_path, f"认定.国家高新技术企业: {no}\n"), plan_file,
                       "--format", "json", *BEFORE_EXPIRY))
    assert (rows["3.3#1"]["status"], rows["3.3#1"]["reasons"]) == ("does_not_apply", ["认定.国家高新技术企业 否 ≠ 是"])


def test_amounts_and_percentages_as_written(plan_file, tmp_path):
    profile = profile_file(tmp_path, "营业收入:\n  上一年度: 5000万元\n研发费用占比.近两年: 6%\n")
    rows = rows_of(run("match", profile, plan_file, "--format", "json", *BEFORE_EXPIRY))
    assert rows["2.3.1.3.1#1"]["status"] == "does_not_apply"
    assert rows["2.3.1.3.1#1"]["reasons"] == ["营业收入.上一年度 5000万元 < 6000万元"]
    assert rows["2.3.1.3.4#1"]["reasons"] == ["营业收入.上一年度 5000万元 < 1亿元"]
    rows = rows_of(run("match", profile_file(tmp_path, "营业收入.上一年度: 6000万元\n研发费用占比.近两年: '6%'\n"),
                       plan_file, "--format", "json", *BEFORE_EXPIRY))
    assert rows["2.3.1.3.4#2"]["status"] == "applies"


def test_an_unknown_key_is_a_warning_naming_the_closest_variable(plan_file, tmp_path):
    result = run("match", profile_file(tmp_path, "营业收入.上年度: 8000万元\n企业名称: 某公司\n"), plan_file, *BEFORE_EXPIRY)
    assert result.exit_code == 0
    assert "warning: " in result.stderr
    assert "营业收入.上年度: not a variable of the vocabulary or the rule files (did you mean 营业收入.上一年度?)" in result.stderr
    assert "企业名称: not a variable of the vocabulary or the rule files" in result.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("营业收入.上一年度: 很多", "营业收入.上一年度: '很多' is not an amount in CNY"),
        ("营业收入.上一年度: 12%", "营业收入.上一年度: '12%' is in %, where 营业收入.上一年度 is in CNY"),
        ("认定.国家高新技术企业: 8000万元", "认定.国家高新技术企业: '8000万元' is not yes or no"),
    ],
)
def test_a_value_of_the_wrong_kind_is_an_error_naming_the_key(plan_file, tmp_path, line, message):
    path = profile_file(tmp_path, line + "\n")
    result = run("match", path, plan_file)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: {message}")
    assert "Traceback" not in result.output


def test_table_wraps_to_80_columns_and_cuts_nothing(plan_file, tmp_path):
    profile = profile_file(tmp_path, "营业收入.上一年度: 5000万元\n认定.国家高新技术企业: 是\n")
    narrow = runner.invoke(app, ["match", str(profile), str(plan_file), *BEFORE_EXPIRY], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 80
    assert "…" not in narrow.stdout
    wide = runner.invoke(app, ["match", str(profile), str(plan_file), *BEFORE_EXPIRY], env={"COLUMNS": "400"}).stdout
    assert f"{PLAN_TITLE} 清府办函〔2024〕57号  (valid until 2025-09-05)" in wide
    row = next(line for line in wide.splitlines() if "提高企业创新能力" in line and "applies" in line)
    assert [c.strip() for c in row.strip("│").split("│")] == ["三、（三）提高企业创新能力", "一次性奖励 最高30万元/家", "applies", ""]
    assert re.search(r"│ 营业收入.上一年度 5000万元 < 6000万元 +│", wide)


def test_unknown_rows_name_the_facts_and_review_rows_their_reasons(plan_file, tmp_path):
    rows = rows_of(run("match", profile_file(tmp_path, "营业收入.上一年度: 8000万元\n"), plan_file, "--format", "json",
                       *BEFORE_EXPIRY))
    assert (rows["2.3.1.3.4#2"]["status"], rows["2.3.1.3.4#2"]["reasons"]) == ("unknown", ["supply 研发费用占比.近两年"])
    assert (rows["3.6#2"]["status"], rows["3.6#2"]["reasons"]) == ("unknown", ["supply 认定.国家级工业设计中心"])
    assert rows["3.11.1#3"]["status"] == "needs_review"
    assert rows["3.11.1#3"]["reasons"][0] == "unstructured condition `5家`: no known variable"
    assert all(r["reasons"] for r in rows.values() if r["status"] != "applies")
    assert rows["3.3#1"]["measure"] == "三、（三）提高企业创新能力" and rows["3.3#1"]["document"] == PLAN_TITLE


def test_status_filter_and_csv_and_md(plan_file, tmp_path):
    profile = profile_file(tmp_path, "营业收入.上一年度: 5000万元\n")
    result = run("match", profile, plan_file, "--status", "does_not_apply", "--format", "csv", *BEFORE_EXPIRY)
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["status"] for r in table} == {"does_not_apply"} and len(table) == 3
    assert table[0]["reason"] == "营业收入.上一年度 5000万元 < 6000万元" and table[0]["policy"].startswith(PLAN_TITLE)
    md = run("match", profile, plan_file, "--status", "unknown", "--format", "md", *BEFORE_EXPIRY).stdout
    assert md.startswith("| policy | measure | pays | status | reason | valid until |\n")
    assert "| unknown | supply 固定资产投资额.未注明期间 |" in md and "does_not_apply" not in md
    assert "unknown status 'maybe'" in run("match", profile, plan_file, "--status", "maybe").stderr
    nothing = run("match", profile, plan_file, "--status", "applies", *BEFORE_EXPIRY)
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (0, "", "no rule to show\n")


def test_expired_policies_come_apart_or_are_left_out(rules_dir, tmp_path):
    profile = profile_file(tmp_path, "营业收入.上一年度: 5000万元\n")
    table = run("match", profile, rules_dir, "--today", "2026-01-01").stdout
    assert "[expired 2025-09-05]" in table
    assert table.index("[expired") > table.index("清远市")  # the plan's section comes after the valid ones
    rows = json.loads(run("match", profile, rules_dir, "--format", "json", "--today", "2026-01-01").stdout)
    assert {r["expired"] for r in rows if r["document"] == PLAN_TITLE} == {True}
    valid = json.loads(run("match", profile, rules_dir, "--format", "json", "--valid-on", "2026-01-01").stdout)
    assert valid and PLAN_TITLE not in {r["document"] for r in valid}


def test_review_lists_every_rule_that_needs_review(plan_file):
    result = run("review", plan_file, "--format", "csv")
    assert result.exit_code == 0
    tested = [r for r in rules("000")["rules"] if r["kind"] in ("benefit", "eligibility") and r["conditions"]]
    ready = [r for r in tested if r["logic"] and not r["needs_review"]]
    assert 0 < len(ready) < len(tested)
    assert result.stderr == f"{len(ready)} of {len(tested)} benefit or eligibility rules with conditions compile and need no review\n"
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    by_rule = {r["rule"]: r for r in table}
    assert by_rule["3.11.1#3"]["reason"].startswith("unstructured condition `5家`: no known variable")
    assert by_rule["3.11.1#3"]["quote"].startswith("在北京证券交易所上市最高给予700万元奖励")
    assert "3.3#1" not in by_rule and "3.6#2" not in by_rule
    plan = rules("000")
    assert len(table) == sum(r["needs_review"] or r["logic"] is None for r in plan["rules"]
                             if r["kind"] in ("benefit", "eligibility"))
    shown = run("review", plan_file).stdout
    assert "unstructured" in shown and max(cell_len(line) for line in shown.splitlines()) <= 80


def test_a_bad_document_among_many_is_reported_and_skipped(rules_dir, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in rules_dir.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "broken.rules.json").write_text("{not json", encoding="utf-8")
    result = run("match", profile_file(tmp_path, "营业收入.上一年度: 5000万元\n"), folder, "--format", "json", *BEFORE_EXPIRY)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"error: {folder / 'broken.rules.json'}: ") and "(skipped)" in result.stderr
    assert PLAN_TITLE in {r["document"] for r in json.loads(result.stdout)}


def test_an_empty_input_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (["match", profile_file(tmp_path, "营业收入.上一年度: 1\n"), empty], ["profile", empty], ["review", empty]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr == f"error: {empty}: no rule files or documents found\n"


def test_the_readme_profile_is_complete_for_its_plan(plan_file, tmp_path):
    readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Profiles", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    result = run("match", profile_file(tmp_path, example), plan_file, "--format", "json", *BEFORE_EXPIRY)
    assert result.stderr == ""
    rows = rows_of(result)
    assert rows["2.3.1.3.4#1"]["reasons"] == ["营业收入.上一年度 8000万元 < 1亿元"]
    # only what the profile leaves empty is unknown
    assert {tuple(r["missing"]) for r in rows.values() if r["status"] == "unknown"} == {("固定资产投资额.未注明期间",)}


NOTICE = ("某市积分入户办法\n第五条申请人应当同时符合下列条件：年龄在45周岁以下，在本市用人单位工作满3年以上，"
          "家庭人均月收入不超过3000元。\n")


@pytest.mark.parametrize(
    ("profile", "status", "reasons"),
    [
        ("年龄: 30周岁\n工作年限: 5年\n家庭人均月收入: 2500元\n", "applies", []),
        ("年龄: 50\n工作年限: 5\n家庭人均月收入: 2500\n", "does_not_apply", ["年龄 50岁 > 45岁"]),
        ("年龄: 30岁\n", "unknown", ["supply 家庭人均月收入", "supply 工作年限"]),
    ],
)
def test_a_document_is_matched_on_a_persons_profile(tmp_path, profile, status, reasons):
    notice = tmp_path / "notice.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    (row,) = rows_of(run("match", profile_file(tmp_path, profile), notice, "--format", "json")).values()
    assert (row["measure"], row["status"], row["reasons"]) == ("第五条", status, reasons)


@pytest.mark.parametrize(
    ("text", "message"),
    [("a: [1\n", "not YAML or JSON (while parsing a flow sequence)"), ("- 1\n", "a profile is a mapping of variables to values")],
)
def test_a_profile_that_is_no_mapping_is_one_error_line(plan_file, tmp_path, text, message):
    path = profile_file(tmp_path, text)
    result = run("match", path, plan_file)
    assert (result.exit_code, result.stderr) == (1, f"error: {path}: {message}\n")


@pytest.mark.parametrize(
    ("line", "rule", "reasons"),
    [
        ("营业收入.上一年度: 8000万", "2.3.1.3.4#1", ["营业收入.上一年度 8000万元 < 1亿元"]),
        ("营业收入.上一年度: '80,000,000'", "2.3.1.3.4#1", ["营业收入.上一年度 8000万元 < 1亿元"]),
        ("营业收入.上一年度: 八千万元", "2.3.1.3.4#1", ["营业收入.上一年度 8000万元 < 1亿元"]),
        ("利润增长率.当年: -3%", "3.1#1", ["利润增长率.当年 -3% <= 0%"]),
    ],
)
def test_more_ways_of_writing_an_amount(plan_file, tmp_path, line, rule, reasons):
    rows = rows_of(run("match", profile_file(tmp_path, line + "\n"), plan_file, "--format", "json", *BEFORE_EXPIRY))
    assert (rows[rule]["status"], rows[rule]["reasons"]) == ("does_not_apply", reasons)
