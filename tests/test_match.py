"""Company profiles against the rule files of the bundled notices; the vocabulary's names and
recognitions; every rule that needs review says why."""

from __future__ import annotations

import json
from datetime import date

import pytest
from zhengce.extract.requirements import groups
from zhengce.rulegen.logic import RECOGNITION, UNSTATED, vocabulary
from zhengce.rulegen.match import match
from zhengce.rulegen.schema import validate

from tests.conftest import CORPUS
from tests.test_extract import extract_text
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
        "3.6#2",  # 国家级、省级、市级工业设计中心: recognitions of the vocabulary, one per level
        "3.6#3",
        "3.6#4",
        "3.8#2",
    }
    assert rows["3.1#1"]["benefit"]["value"] == 300_000
    assert rows["3.3#1"]["benefit"] == {"value": 300_000, "unit": "CNY", "text": "30万元", "per": "家"}
    assert rows["3.3#1"]["responsible_units"][0] == "市科技局"
    assert rows["3.4#1"]["missing"] == ["认定.国家专精特新小巨人企业"]
    assert rows["3.4#1"]["benefit"]["value"] == 500_000
    assert rows["3.8#2"]["missing"] == ["固定资产投资额.未注明期间"]
    # `…地均税收不低于15万元/亩，并纳入项目监管协议的`: a requirement in words the vocabulary does not know
    assert (rows["3.8#1"]["status"], rows["3.8#1"]["reasons"]) == ("needs_review", ["unknown requirement `协议.项目监管`"])
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
    assert {"3.2#1", "3.2#2", "3.3#4", "3.4#7", "3.5#3", "3.6#1", "3.11.1#3"} <= ids(rows, "needs_review")
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
    """Every metric of the lexicon is a variable; a variable's head is a lexicon metric, a recognition, a thing
    held (持证, 资格: extract/requirements.py) or a quantity the vocabulary names itself (with its aliases); its
    period is a lexicon period or 未注明期间."""
    lexicon = [json.loads(line) for line in (CORPUS.parent / "extract/patterns/lexicon.jsonl").open(encoding="utf-8")]
    metrics = {e["metric"] for e in lexicon if "metric" in e}
    periods = {e["period"] for e in lexicon if "period" in e} | {UNSTATED}
    for name, entry in vocabulary().items():
        head, _, period = name.partition(".")
        assert entry["description"] and entry["unit"] and entry["aliases"], name
        assert head in (RECOGNITION, *groups()) or not period or period in periods, name
    assert metrics <= {name.partition(".")[0] for name in vocabulary()}


def test_no_variable_is_both_a_value_and_a_parent():
    """A nested JSON profile can hold every variable: `营业收入` is a group, its values have a period."""
    names = set(vocabulary())
    assert not {n for n in names if any(other.startswith(f"{n}.") for other in names)}
    assert {"营业收入.未注明期间", "营业收入.上一年度"} <= names and "营业收入" not in names


@pytest.mark.parametrize(
    ("sentence", "variable", "review"),
    [
        ("对新认定的国家高新技术企业，给予一次性奖励30万元。", "认定.国家高新技术企业", []),
        ("对新认定的国家级高新技术企业，给予一次性奖励30万元。", "认定.国家高新技术企业", []),
        ("对新认定的湖南省高新技术企业，给予一次性奖励20万元。", "认定.湖南省高新技术企业",
         ["unknown recognition `湖南省高新技术企业`"]),
        ("对首次认定的广州市南沙区高新技术企业，给予一次性奖励10万元。", "认定.广州市南沙区高新技术企业",
         ["unknown recognition `广州市南沙区高新技术企业`"]),
        ("对获得省级专精特新“小巨人”企业称号的，给予一次性奖励20万元。", "认定.省级专精特新“小巨人”",
         ["unknown recognition `省级专精特新“小巨人”`"]),
        ("对新认定的国家级制造业单项冠军企业，给予一次性奖励100万元。", "认定.国家制造业单项冠军企业", []),
        ("对获得省级制造业单项冠军企业称号的，给予一次性奖励50万元。", "认定.省级制造业单项冠军企业",
         ["unknown recognition `省级制造业单项冠军企业`"]),
    ],
)
def test_recognitions_keep_their_level_and_place(sentence, variable, review):
    (rule,) = extract_text(f"某区扶持办法\n一、{sentence}\n")
    assert rule["logic"] == {"==": [{"var": variable}, True]}
    assert (rule["review"], rule["needs_review"]) == (review, bool(review))


def test_an_unknown_recognition_is_never_another_known_one():
    """省级数字化转型试点企业 contains no known recognition as written: it is a variable of its own, for review."""
    (rule,) = extract_text("某区扶持办法\n一、对获得省级数字化转型试点企业称号的，给予一次性奖励10万元。\n")
    assert rule["logic"] == {"==": [{"var": "认定.省级数字化转型试点企业"}, True]} and rule["needs_review"]
    assert rule["review"] == ["unknown recognition `省级数字化转型试点企业`"]


def test_conditions_on_people_and_households_compile():
    (rule,) = extract_text(
        "某市积分入户办法\n第五条申请人应当同时符合下列条件：年龄在45周岁以下，在本市用人单位工作满3年以上，"
        "家庭人均月收入不超过3000元。\n"
    )
    assert rule["logic"] == {"and": [
        {"<=": [{"var": "年龄"}, 45]}, {">=": [{"var": "工作年限"}, 3]}, {"<=": [{"var": "家庭人均月收入"}, 3000]}]}
    assert not rule["needs_review"]


def test_every_rule_needing_review_says_why(corpus_rule_files):
    rules = [r for rf in corpus_rule_files for r in rf["rules"]]
    assert all(r["needs_review"] == bool(r["review"]) for r in rules)
    assert all(reason and "\n" not in reason for r in rules for reason in r["review"])
    kinds = ("unsure role for ", "unstructured condition `", "unknown recognition `", "unknown variable `",
             "unknown requirement `", "no condition structured: ")
    assert all(reason.startswith(kinds) for r in rules for reason in r["review"])
    assert {"unstructured condition `", "unknown recognition `"} <= {k for k in kinds for r in rules for x in r["review"] if x.startswith(k)}


def test_a_profile_is_read_as_a_person_writes_it(plan):
    """The library reads nested keys and written amounts as the command does."""
    rows = statuses({"营业收入": {"上一年度": "6000万元"}, "研发费用占比": {"近两年": "6%"}}, plan)
    assert rows["2.3.1.3.4#2"]["status"] == "applies"


def test_a_listed_condition_on_social_insurance_compiles():
    rules = extract_text("某市积分入户办法\n第五条申请人应当符合下列条件：（一）年龄在45周岁以下；（二）在本市连续缴纳社会保险3年以上。\n")
    assert [r["logic"] for r in rules] == [{"<=": [{"var": "年龄"}, 45]}, {">=": [{"var": "社会保险缴费年限"}, 3]}]


def test_an_age_written_with_年满_is_at_least_that_age():
    rule = extract_text("某市养老服务办法\n第六条对年满80周岁的本市户籍老年人，每人每月发放高龄津贴200元。\n")[0]
    assert rule["logic"] == {">=": [{"var": "年龄"}, 80]}


def test_the_lowest_of_recent_years():
    (rule,) = extract_text("某县集群认定办法\n一、申报企业近三年产值均在2亿元以上。\n")
    assert rule["logic"] == {">=": [{"var": "产值.近三年"}, 200000000]}


def _logic(text: str, title: str = "某市住房保障实施细则") -> list[tuple[dict, list[str]]]:
    rules = extract_text(f"{title}\n{text}\n")
    return [(r["logic"], r["review"]) for r in rules if r["kind"] in ("benefit", "eligibility")]


def test_tiers_below_a_list_head_take_its_metric_and_period():
    """`2.…近3个纳税年度累计在本市纳税：` above its items: each item tests the tax paid over three years."""
    text = ("一、纳税情况\n1.所投资创办的企业，近3个纳税年度累计在本市纳税：\n"
            "（1）5万—10万元（含5万元，不含10万元）（4分）；\n（2）10万元以上（含10万元）（8分）。")
    assert _logic(text, "某市积分入户管理办法") == [
        ({"and": [{">=": [{"var": "纳税额.近三年累计"}, 50000]}, {"<": [{"var": "纳税额.近三年累计"}, 100000]}]}, []),
        ({">=": [{"var": "纳税额.近三年累计"}, 100000]}, []),
    ]


@pytest.mark.parametrize(
    ("sentence", "logic"),
    [
        ("一、轮候家庭轮候时间超过3年的，可申请领取住房租赁补贴。", {">": [{"var": "轮候时间"}, 3]}),
        ("一、家庭收入或者家庭财产在收入或财产准入限额2倍至4倍以内的，按市场租金的70%计租。",
         {"and": [{">=": [{"var": "准入限额倍数"}, 2]}, {"<=": [{"var": "准入限额倍数"}, 4]}]}),
        ("一、服务机构全年提供上门助餐服务达到2000人次的，给予补贴5万元。", {">=": [{"var": "服务人次"}, 2000]}),
        ("一、在本县连续居住满3年的家庭，可以申请。", {">=": [{"var": "居住年限"}, 3]}),
        ("一、在本市缴纳社会保险满6个月的，给予一次性补贴2万元。", {">=": [{"var": "社会保险缴费年限"}, 0.5]}),
        ("一、对在本市缴纳个人所得税近三年累计达到30万元以上的人才，给予奖励5万元。",
         {">=": [{"var": "个人所得税.近三年累计"}, 300000]}),
        ("一、对年薪在60万元以上的高级管理人才，给予奖励5万元。", {">=": [{"var": "年薪"}, 600000]}),
        ("一、对招用高校毕业生并签订2年以上劳动合同的企业，按每人1000元给予补贴。", {">=": [{"var": "劳动合同期限"}, 2]}),
    ],
)
def test_household_and_service_quantities_are_variables(sentence, logic):
    """Waiting time, multiples of the income or asset limit (a range in 倍 with 或者 inside its metric is one
    range), counts of services, years written 满N年 or in months, tax over a period written between metric
    and figure, salary, a metric named right after its figure (签订2年以上劳动合同): quantities 住房/救助/养老/
    人才/就业 notices test."""
    assert _logic(sentence)[0] == (logic, [])


def test_a_multiple_of_a_standard_is_no_variable_of_what_it_is_a_multiple_of():
    """`家庭财产总额不超过当地年最低生活保障标准24倍`: a ratio of assets to the standard, neither 家庭财产 nor the
    income multiple; it is left for review, never compiled onto a known variable."""
    ((logic, review),) = _logic("一、家庭财产总额不超过当地年最低生活保障标准24倍的，可以申请。")
    assert logic is None and review[0].startswith("unstructured condition `")


@pytest.mark.parametrize(
    ("sentence", "variables"),
    [
        ("一、对获得国家级、省级、市级工业设计中心的，分别给予一次性奖补80万元、40万元、20万元。",
         ["认定.国家级工业设计中心", "认定.省级工业设计中心", "认定.市级工业设计中心"]),
        ("一、对新认定的省级工程技术研究中心，给予一次性奖励20万元。", ["认定.省级工程技术研究中心"]),
        ("一、对新认定的国家级科技企业孵化器，给予一次性奖励100万元。", ["认定.国家级科技企业孵化器"]),
    ],
)
def test_common_recognitions_by_level_are_known(sentence, variables):
    found = _logic(sentence, "某市科技创新扶持办法")
    assert found == [({"==": [{"var": v}, True]}, []) for v in variables]


def test_clinical_criteria_are_kept_as_criteria_not_matched():
    """`肺功能检查FEV1/FVC＜70%` is a criterion of a diagnosis a doctor certifies: its figure stays a threshold,
    but no applicant's profile is asked for it; an applicant's own test beside it stays eligibility."""
    rules = extract_text("某市门诊慢性病认定标准\n一、慢性阻塞性肺疾病\n（一）吸入支气管扩张剂后肺功能FEV1/FVC＜70%。\n"
                         "（二）申请人年龄在40周岁以上。\n")
    assert [(r["kind"], [(c["op"], c["value"]) for c in r["conditions"]], r["logic"]) for r in rules] == [
        ("criterion", [("<", 70)], None),
        ("eligibility", [(">=", 40)], {">=": [{"var": "年龄"}, 40]}),
    ]


def test_kinds_of_beneficiary_in_a_distributed_list_are_no_recognitions():
    """`区级、街道级…设施分别不少于50万元、30万元`: each amount is its own benefit, but 区级 is a kind of facility the
    amount is for, not a recognition to test; `获得国家级、省级…中心` names recognitions (see above)."""
    rules = extract_text("某市养老服务管理办法\n一、区级、街道级社区养老服务设施每年每个分别不少于50万元、30万元运营经费。\n")
    assert [(r["kind"], r["conditions"], [b["value"] for b in r["benefits"]]) for r in rules] == [
        ("benefit", [], [500000]), ("benefit", [], [300000])]


@pytest.mark.parametrize(
    ("sentence", "logic", "review"),
    [
        ("一、对研发人员人均培训时长不低于40学时的企业，给予奖励5万元。", {">=": [{"var": "研发人员人均培训时长"}, 40]},
         ["unknown variable `研发人员人均培训时长` (学时)"]),
        ("一、服务组织全年服务达到1000人次（每次服务时长不低于30分钟）的，给予补贴5万元。",
         {"and": [{">=": [{"var": "服务人次"}, 1000]}, {">=": [{"var": "每次服务时长"}, 30]}]},
         ["unknown variable `每次服务时长` (分钟)"]),
        ("一、拥有不少于5家链主企业的，给予奖励5万元。", None,
         ["unstructured condition `拥有 5家`: no known variable"]),
    ],
)
def test_a_quantity_the_vocabulary_lacks_is_named_from_the_text(sentence, logic, review):
    """Never mapped onto a known variable: a quantity the text names is a variable of its own with a review
    reason; words that name no quantity (拥有) leave the condition unstructured."""
    assert _logic(sentence, "某区扶持办法") == [(logic, review)]


@pytest.mark.parametrize(
    ("sentence", "logic", "review"),
    [
        # a change of a quantity the lexicon names as a change is its growth variable, with the period
        ("一、对上年度营业收入8000万元以上且同比增长25%以上的企业，给予奖励20万元。",
         {"and": [{">=": [{"var": "营业收入.上一年度"}, 80000000]}, {">=": [{"var": "营业收入增长率.上一年度"}, 25]}]},
         []),
        ("一、申报企业上年度营业收入增长率应不低于12%。", {">=": [{"var": "营业收入增长率.上一年度"}, 12]},
         ["unsure role for 12%: read as threshold only because of compared"]),
        # one it does not know is named from the text: what changes, and whether it grows or falls
        ("一、对上年度研发费用较前一年度增长30%以上的企业，给予奖励10万元。", {">=": [{"var": "研发费用增长率.上一年度"}, 30]},
         ["unknown variable `研发费用增长率.上一年度` (%)"]),
        ("一、对项目改造后单位产品综合能耗下降12%以上的企业，给予奖励10万元。", {">=": [{"var": "单位产品综合能耗下降率"}, 12]},
         ["unknown variable `单位产品综合能耗下降率` (%)"]),
        ("一、对园区配套率较上年提高8个百分点以上的，给予奖励10万元。", {">=": [{"var": "园区配套率提高百分点.上一年度"}, 8]},
         ["unknown variable `园区配套率提高百分点.上一年度` (%)"]),
        # a share of a base is one name however long; a figure after another's test shares its metric
        ("一、对本地员工占企业职工总数的比例不低于65%的企业，给予奖励10万元。", {">=": [{"var": "本地员工占企业职工总数的比例"}, 65]},
         ["unknown variable `本地员工占企业职工总数的比例` (%)"]),
        ("一、对实缴注册资本3亿元（含）以上、不足8亿元的企业，给予奖励50万元。",
         {"and": [{">=": [{"var": "注册资本"}, 300000000]}, {"<": [{"var": "注册资本"}, 800000000]}]}, []),
        # the words after a test before it and a modal word are no part of a name; 亩均 is per 亩
        ("一、对治理设施去除效率达到85%以上且年减排量不低于20吨的企业，给予奖励10万元。",
         {"and": [{">=": [{"var": "治理设施去除效率"}, 85]}, {">=": [{"var": "减排量"}, 20]}]},
         ["unknown variable `治理设施去除效率` (%)", "unknown variable `减排量` (吨)"]),
        ("一、申报企业上年度亩均税收不低于12万元。", {">=": [{"var": "地均税收.上一年度"}, 120000]}, []),
        # the name starts after the last list break or 且, and a period inside a share stays in it
        ("一、对PUE值在1.25以下、上架率达到65%以上的数据中心，给予奖励50万元。", {">=": [{"var": "上架率"}, 65]},
         ["unknown variable `上架率` (%)"]),
        ("一、对完成数据资产入表且入表金额达到300万元以上的企业，给予奖励10万元。", {">=": [{"var": "入表金额"}, 3000000]},
         ["unknown variable `入表金额` (CNY)"]),
        # how long a business has run, in months or years, is one variable
        ("一、对正常运营满6个月的养老机构，给予运营补贴2万元。", {">=": [{"var": "经营年限"}, 0.5]}, []),
        ("一、对在本市连续经营满3年的老字号企业，给予奖励5万元。", {">=": [{"var": "经营年限"}, 3]}, []),
        # a change compared with an average is no change of the applicant's own
        ("一、对营业收入增长率高于全市同行业平均增速5个百分点的企业，给予奖励10万元。", None,
         ["unstructured condition `5个百分点`: no known variable"]),
    ],
)
def test_changes_shares_and_ranges_of_a_quantity_compile(sentence, logic, review):
    """Conditions written as a change (`较上年增长20%`), a share of a base, or the second end of a range
    compile; a variable the vocabulary lacks is named from the text and says so."""
    assert _logic(sentence, "某区扶持办法") == [(logic, review)]


def test_a_list_number_glued_to_its_figure_is_no_decimal():
    """`1.18—35周岁` above `2.36—45周岁`: items 1. and 2. of a list, ages 18 and 36, not 1.18 and 2.36; a line
    with no such neighbour keeps its decimal (`1.5倍`)."""
    text = "一、年龄：\n1.18—35周岁（含35周岁）（20分）；\n2.36—45周岁（含45周岁）（10分）。\n二、其他\n"
    assert [logic for logic, _ in _logic(text, "某市居住证积分管理办法")] == [
        {"and": [{">=": [{"var": "年龄"}, 18]}, {"<=": [{"var": "年龄"}, 35]}]},
        {"and": [{">=": [{"var": "年龄"}, 36]}, {"<=": [{"var": "年龄"}, 45]}]},
    ]
    wrapped = extract_text("某市住房保障实施细则\n一、租金\n（一）家庭收入在收入或财产准入限额\n1.5倍以内的，可以申请。\n")
    assert [c["value"] for r in wrapped for c in r["conditions"]] == [1.5]
