"""Conditions written in words (取得《…许可证》, 具有高级职称, 列入…名单): each is tested by a variable named
from the text, or its rule is left for review; a profile without the licence is never eligible."""

from __future__ import annotations

from datetime import date

import pytest
from zhengce.rulegen.match import match

from tests.test_extract import extract_text

TITLE = "某市居家养老服务扶持办法"


def _rules(sentence: str) -> list[dict]:
    return [r for r in extract_text(f"{TITLE}\n一、{sentence}\n") if r["kind"] in ("benefit", "eligibility")]


@pytest.mark.parametrize(
    ("sentence", "logic", "review"),
    [
        ("对取得全日制博士研究生学历的人才，给予一次性生活补贴10万元。",
         {"==": [{"var": "学历.全日制博士研究生"}, True]}, ["unknown requirement `学历.全日制博士研究生`"]),
        ("对具有高级职称的人才，每月给予住房补贴2000元。",
         {"==": [{"var": "职称.高级"}, True]}, ["unknown requirement `职称.高级`"]),
        ("对列入省级专精特新中小企业名单的企业，给予一次性奖励20万元。",
         {"==": [{"var": "名单.省级专精特新中小企业"}, True]}, ["unknown requirement `名单.省级专精特新中小企业`"]),
        ("对首次纳入统计部门规模以上工业企业统计库（入统）的企业，给予一次性奖励10万元。",
         {"==": [{"var": "入库.统计部门规模以上工业企业统计库"}, True]},
         ["unknown requirement `入库.统计部门规模以上工业企业统计库`"]),
        ("设置的医疗机构纳入基本医疗保险定点的，再增加一次性补贴3万元。",
         {"==": [{"var": "定点.基本医疗保险"}, True]}, []),
        ("对首次纳入规模以上工业企业统计的食品企业，给予一次性奖励12万元。",
         {"==": [{"var": "统计.规模以上工业企业"}, True]}, ["unknown requirement `统计.规模以上工业企业`"]),
        ("对列入市级重点技术改造项目的企业，给予一次性奖励15万元。",
         {"==": [{"var": "项目.市级重点技术改造项目"}, True]}, ["unknown requirement `项目.市级重点技术改造项目`"]),
        ("对列入省级首版次软件产品目录的产品，给予一次性奖励30万元。",
         {"==": [{"var": "名单.省级首版次软件产品"}, True]}, ["unknown requirement `名单.省级首版次软件产品`"]),
        ("对新获评省级旅游休闲街区的，给予一次性奖励20万元。",
         {"==": [{"var": "认定.省级旅游休闲街区"}, True]}, ["unknown recognition `省级旅游休闲街区`"]),
        ("职工取得高级工（三级）证书的，给予技能提升补贴2000元。",
         {"==": [{"var": "持证.高级工证书"}, True]}, ["unknown requirement `持证.高级工证书`"]),
        ("对企业为实施智能化改造获得的银行贷款，按贷款利息的50%给予贴息。",
         {"==": [{"var": "贷款.银行贷款"}, True]}, ["unknown requirement `贷款.银行贷款`"]),
        ("对获得省级文艺奖项的，给予一次性奖励5万元。",
         {"==": [{"var": "认定.省级文艺奖项"}, True]}, ["unknown recognition `省级文艺奖项`"]),
        ("被评为四星级的乡村民宿，给予一次性奖励8万元。",
         {"==": [{"var": "评级.四星级"}, True]}, []),
        ("已领取一次性创业补贴的，给予一次性奖励1万元。",
         {"==": [{"var": "领取.一次性创业补贴"}, True]}, ["unknown requirement `领取.一次性创业补贴`"]),
        ("具有独立法人资格且上年度营业收入2000万元以上的企业，给予一次性奖励10万元。",
         {"and": [{"==": [{"var": "资格.独立法人"}, True]}, {">=": [{"var": "营业收入.上一年度"}, 20000000]}]}, []),
        ("申报企业上年度营业收入2000万元以上，且未被列入严重违法失信名单。",
         {"and": [{">=": [{"var": "营业收入.上一年度"}, 20000000]}, {"==": [{"var": "名单.严重违法失信"}, False]}]},
         ["unknown requirement `名单.严重违法失信`"]),
        ("对获得国家高新技术企业认定且上年度营业收入超过1亿元的企业，给予一次性奖励30万元。",
         {"and": [{"==": [{"var": "认定.国家高新技术企业"}, True]}, {">": [{"var": "营业收入.上一年度"}, 100000000]}]},
         []),
        ("对具有相应资质且上年度营业收入2000万元以上的企业，给予一次性奖励10万元。",
         None, ["unstructured condition `具有相应资质`"]),
        ("对取得A类、B类证书的企业，给予一次性奖励1万元。", None, ["unstructured condition `取得A类、B类证书`"]),
    ],
)
def test_a_condition_in_words_is_tested_or_left_for_review(sentence, logic, review):
    """A licence, a degree, a title, a list or a statistics library held (or, 未被列入, not held): a yes-or-no
    variable named from what is held, for review unless the vocabulary knows it; a recognition the vocabulary
    names is tested beside a figure; words that name nothing a profile can answer leave the rule uncompiled."""
    (rule,) = _rules(sentence)
    assert (rule["logic"], rule["review"]) == (logic, review)


@pytest.mark.parametrize(
    ("sentence", "logic"),
    [
        # what follows the last 的 is the benefit, not a condition
        ("轮候家庭轮候时间超过5年的，可申请领取住房租赁补贴。", {">": [{"var": "轮候时间"}, 5]}),
        # what holds a figure is that figure's condition
        ("对取得2项以上发明专利的企业，给予奖励5万元。", {">=": [{"var": "发明专利数"}, 2]}),
    ],
)
def test_words_that_state_no_condition_are_left_alone(sentence, logic):
    (rule,) = _rules(sentence)
    assert (rule["logic"], rule["review"]) == (logic, [])


def test_what_is_paid_for_with_no_clause_of_who_qualifies_is_no_condition():
    """`…药物纳入…目录，按…的标准支付`: no `…的` clause before the figure states who qualifies; the words say
    what is paid for, so the rule has no condition in words."""
    (rule,) = _rules("乙型肝炎抗病毒药物纳入门诊特定病种药品目录，按不高于每人每年3000元的标准支付。")
    assert [c for c in rule["conditions"] if c.get("kind") == "qualification"] == []


def test_a_benefit_after_a_condition_in_words_is_its_own_rule():
    """`…给予10万元奖励，取得《食品经营许可证》的，给予5万元奖励`: the second amount is paid for the licence,
    not a second amount of the first benefit."""
    rules = _rules("对上年度营业收入超过1亿元的企业，给予10万元奖励，取得《食品经营许可证》的，给予5万元奖励。")
    assert [([b["value"] for b in r["benefits"]], r["logic"]) for r in rules] == [
        ([100000], {">": [{"var": "营业收入.上一年度"}, 100000000]}),
        ([50000], {"==": [{"var": "持证.食品经营许可证"}, True]}),
    ]


def test_words_before_a_cap_are_no_condition_of_it():
    """`同一企业多个产品列入名单的数量合并计算，单个企业最高不超过50万元`: the cap is the same benefit's."""
    (rule,) = _rules("对列入绿色工厂名单的企业，每个产品给予10万元奖励，同一企业多个产品列入名单的数量合并计算，"
                     "单个企业最高不超过50万元。")
    assert [b["value"] for b in rule["benefits"]] == [100000, 500000]
    assert rule["logic"] == {"==": [{"var": "名单.绿色工厂"}, True]}


LICENSED = ("居家社区养老服务组织一年内开展医疗保健、康复护理服务达到1000人次，且按规定设置医疗机构并取得"
            "《医疗机构执业许可证》的，给予一次性补贴15万元。")


@pytest.mark.parametrize(
    ("profile", "status", "reasons"),
    [
        ({"服务人次": 1200, "持证": {"医疗机构执业许可证": "否"}}, "does_not_apply", ["持证.医疗机构执业许可证 否 ≠ 是"]),
        ({"服务人次": 1200, "持证": {"医疗机构执业许可证": "是"}}, "applies", []),
        ({"服务人次": 1200}, "unknown", ["supply 持证.医疗机构执业许可证"]),
    ],
)
def test_a_profile_without_the_licence_is_not_eligible(profile, status, reasons):
    (rule,) = _rules(LICENSED)
    rule_file = {"document": {"title": TITLE}, "rules": [rule]}
    (row,) = match(profile, [rule_file], date(2025, 1, 1))
    assert (row["status"], row["reasons"]) == (status, reasons)


def test_a_licence_the_vocabulary_lacks_is_listed_for_review():
    (rule,) = _rules(LICENSED.replace("医疗机构执业许可证", "养老机构设立许可证"))
    rule_file = {"document": {"title": TITLE}, "rules": [rule]}
    (row,) = match({"服务人次": 1200, "持证": {"养老机构设立许可证": "是"}}, [rule_file], date(2025, 1, 1))
    assert (row["status"], row["reasons"]) == ("needs_review", ["unknown requirement `持证.养老机构设立许可证`"])
