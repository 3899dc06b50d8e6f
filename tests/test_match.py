"""Company profiles against the rule files of the bundled notices, and the compiled JsonLogic
checked against an independent JsonLogic implementation (json-logic-qubit)."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date

import pytest
from json_logic import jsonLogic
from typer.testing import CliRunner
from zhengce.rulegen.logic import vocabulary
from zhengce.rulegen.match import match
from zhengce.rulegen.schema import validate

from tests.conftest import CORPUS
from zhengce.cli import app
from zhengce.pipeline import extract

PLAN = CORPUS / "000_8ea254492c89ce78.txt"  # 清远 扶优计划, valid until 2025-09-05
BEFORE_EXPIRY = date(2025, 1, 1)

COMPANY = {
    "营业收入.上一年度": 80_000_000,
    "营业收入增长率.近两年": 12,  # each of the last two years
    "研发费用占比.近两年": 7,
    "营业收入.当年": 120_000_000,
    "营业收入增长率.当年": 16,
    "认定.国家高新技术企业": True,
    "利润总额.当年": 9_000_000,
    "利润增长率.当年": 5,
    "利润总额.近两年": 8_000_000,  # the lower of the last two years
}


@pytest.fixture(scope="module")
def plan() -> dict:
    return extract(PLAN)


@pytest.fixture(scope="module")
def corpus_rule_files(plan) -> list[dict]:
    return [plan] + [extract(p) for p in sorted(CORPUS.glob("*.txt")) if p != PLAN]


def statuses(profile: dict, rule_file: dict, today: date = BEFORE_EXPIRY) -> dict[str, dict]:
    return {row["rule"]: row for row in match(profile, [rule_file], today)}


def ids(rows: dict[str, dict], status: str) -> set[str]:
    return {rule for rule, row in rows.items() if row["status"] == status}


def test_rule_file_with_logic_is_valid(plan):
    validate(plan)
    assert all("logic" in r and "needs_review" in r for r in plan["rules"])


def test_company_profile(plan):
    rows = statuses(COMPANY, plan)
    assert ids(rows, "applies") == {"2.3.1.3.1#1", "2.3.1.3.2#1", "2.3.1.3.3#1", "2.3.1.3.4#2", "3.1#1", "3.3#1"}
    assert ids(rows, "does_not_apply") == {"2.3.1.3.4#1"}  # 1亿元以上 tier
    assert ids(rows, "unknown") == {
        "3.3#2",
        "3.3#3",
        "3.4#1",
        "3.4#2",
        "3.4#3",
        "3.4#4",
        "3.4#5",
        "3.4#6",
        "3.4#8",
        "3.5#1",
        "3.5#2",
        "3.8#1",
        "3.8#2",
    }
    assert rows["3.1#1"]["benefit"]["value"] == 300_000
    assert rows["3.3#1"]["benefit"] == {"value": 300_000, "unit": "CNY", "text": "30万元", "per": "家"}
    assert rows["3.3#1"]["responsible_units"][0] == "市科技局"
    assert rows["3.4#1"]["missing"] == ["认定.国家专精特新小巨人企业"]
    assert rows["3.4#1"]["benefit"]["value"] == 500_000
    assert rows["3.8#2"]["missing"] == ["固定资产投资额"]
    # 地均税收不低于15万元/亩: a tax per mu, which is the variable's unit
    assert rows["3.8#1"]["missing"] == ["固定资产投资额", "地均税收", "投资强度"]
    assert not any(row["expired"] for row in rows.values())


def test_profit_conditions_are_tested_not_assumed(plan):
    """`且当年利润为正数并呈正增长的`: a company that does not say its profit is not eligible by default."""
    silent = {k: v for k, v in COMPANY.items() if not k.startswith("利润")}
    rows = statuses(silent, plan)
    assert rows["3.1#1"]["status"] == "unknown"
    assert rows["3.1#1"]["missing"] == ["利润增长率.当年", "利润总额.当年"]
    losing = statuses(COMPANY | {"利润增长率.当年": -3}, plan)
    assert losing["3.1#1"]["status"] == "does_not_apply"


def test_unstructured_conditions_need_review_never_apply(plan):
    rows = statuses(COMPANY | {f"认定.{n}": True for n in ("国家级创新平台", "省级创新平台")}, plan)
    assert {"3.2#1", "3.2#2", "3.3#4", "3.4#7", "3.5#3", "3.6#1", "3.6#2"} <= ids(rows, "needs_review")
    assert all(rows[r]["status"] == "needs_review" for r, rule in _by_id(plan).items() if rule["needs_review"])


def _by_id(rule_file: dict) -> dict[str, dict]:
    return {r["id"]: r for r in rule_file["rules"] if r["kind"] in ("benefit", "eligibility")}


@pytest.mark.parametrize(
    ("last_year", "small", "large"),
    [
        (60_000_000, "applies", "does_not_apply"),  # 6000万元（含）
        (59_999_999, "does_not_apply", "does_not_apply"),
        (100_000_000, "does_not_apply", "applies"),  # 1亿元（不含） / 1亿元以上
    ],
)
def test_boundaries_follow_inclusive_marks(plan, last_year, small, large):
    rows = statuses(COMPANY | {"营业收入.上一年度": last_year}, plan)
    assert rows["2.3.1.3.4#2"]["status"] == small
    assert rows["2.3.1.3.4#1"]["status"] == large
    assert rows["2.3.1.3.1#1"]["status"] == ("applies" if last_year >= 60_000_000 else "does_not_apply")


@pytest.mark.parametrize(
    ("revenue", "growth", "status"),
    [
        (100_000_000, 15, "applies"),  # 1（含1亿）-5亿元 and 15%
        (100_000_000, 14.9, "does_not_apply"),
        (99_999_999, 30, "does_not_apply"),
        (500_000_000, 12, "applies"),  # 5（含5亿）-10亿元 and 12%
        (499_999_999, 12, "does_not_apply"),
        (1_000_000_000, 10, "applies"),  # 10亿元以上 and 10%
    ],
)
def test_growth_reward_tiers(plan, revenue, growth, status):
    profit = {"利润总额.当年": 1_000_000, "利润增长率.当年": 1}
    rows = statuses({"营业收入.当年": revenue, "营业收入增长率.当年": growth} | profit, plan)
    assert rows["3.1#1"]["status"] == status


def test_missing_variables_are_named(plan):
    rows = statuses({"营业收入.上一年度": 80_000_000}, plan)
    assert rows["2.3.1.3.4#2"]["status"] == "unknown"
    assert rows["2.3.1.3.4#2"]["missing"] == ["研发费用占比.近两年"]
    # a false bound settles the rule even with the rest unknown
    assert rows["2.3.1.3.4#1"]["status"] == "does_not_apply"


def test_expired_policy_is_flagged(plan):
    rows = statuses(COMPANY, plan, today=date(2026, 1, 1))
    assert all(row["expired"] for row in rows.values())
    assert rows["3.1#1"]["valid_until"] == "2025-09-05"


def test_vocabulary_names_come_from_the_lexicon():
    lexicon = [json.loads(line) for line in (CORPUS.parent / "extract/patterns/lexicon.jsonl").open(encoding="utf-8")]
    metrics = {e["metric"] for e in lexicon if "metric" in e}
    periods = {e["period"] for e in lexicon if "period" in e}
    for name, entry in vocabulary().items():
        head, _, period = name.partition(".")
        assert head in metrics | {"认定"}, name
        assert head == "认定" or not period or period in periods, name
        assert entry["description"] and entry["unit"] and entry["aliases"]
    assert metrics <= {name.partition(".")[0] for name in vocabulary()}


def _nested(flat: dict) -> dict:
    """JsonLogic reads `a.b` as a path: the profile as nested objects."""
    out: dict = {}
    for name, value in flat.items():
        *heads, last = name.split(".")
        node = out
        for h in heads:
            node = node.setdefault(h, {})
        node[last] = value
    return out


def _variables(logic: dict) -> dict[str, set]:
    """Variable -> the constants it is compared with."""
    ((op, args),) = logic.items()
    if op in ("and", "or"):
        found: dict[str, set] = {}
        for a in args:
            for name, values in _variables(a).items():
                found.setdefault(name, set()).update(values)
        return found
    return {args[0]["var"]: {args[1]}}


def _profiles(logic: dict, rng: random.Random, n: int = 40):
    """Complete profiles at, just under and just over every constant the rule compares with."""
    choices = {}
    for name, values in _variables(logic).items():
        if any(isinstance(v, bool) for v in values):
            choices[name] = [True, False]
        else:
            choices[name] = sorted({x for v in values for x in (v - 1, v - 0.5, v, v + 0.5, v + 1)})
    combos = list(itertools.product(*choices.values()))
    for combo in rng.sample(combos, min(n, len(combos))):
        yield dict(zip(choices, combo, strict=True))


def test_compiled_logic_agrees_with_an_independent_jsonlogic(corpus_rule_files):
    rng = random.Random(8)
    checked = 0
    for rule_file in corpus_rule_files:
        validate(rule_file)
        for rule in rule_file["rules"]:
            if rule["logic"] is None:
                continue
            fake = {"document": rule_file["document"], "rules": [rule]}
            for profile in _profiles(rule["logic"], rng):
                (row,) = match(profile, [fake], BEFORE_EXPIRY)
                expected = bool(jsonLogic(rule["logic"], _nested(profile)))
                assert row["status"] == ("applies" if expected else "does_not_apply"), (rule["id"], profile)
                checked += 1
    assert checked > 100


def test_match_command(tmp_path, plan):
    rules = tmp_path / "plan.rules.json"
    rules.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    profile = tmp_path / "company.yaml"
    profile.write_text("营业收入:\n  上一年度: 6000万元\n研发费用占比.近两年: 6%\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["match", str(profile), str(tmp_path), "--format", "json", "--today", "2025-01-01"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["rule"]: r for r in json.loads(result.output)}
    assert rows["2.3.1.3.4#2"]["status"] == "applies"
    md = CliRunner().invoke(app, ["match", str(profile), str(rules), "--format", "md", "--today", "2026-01-01"])
    assert "| 2.3.1.3.4#2 | applies |" in md.output and "expired" in md.output
    table = CliRunner().invoke(app, ["match", str(profile), str(rules)])
    assert table.exit_code == 0 and "applies" in table.output
