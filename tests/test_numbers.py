"""The quantity grammar: every amount with its exact span, value, unit and flags."""

from __future__ import annotations

from itertools import pairwise

import pytest
from zhengce.normalize.numbers import Amount, find_amounts, parse_number

_KIND = {"%": "percent", "pp": "percent", "CNY": "money", "USD": "money", "HKD": "money",
         "EUR": "money", "JPY": "money", "GBP": "money", "MOP": "money"}


def A(written: str, value, unit: str, **flags) -> dict:
    """An expected mention; its span is found by searching `written` after the previous one."""
    return {"written": written, "value": value, "unit": unit, **flags}


def expected_amounts(text: str, specs: list[dict]) -> list[Amount]:
    out, pos = [], 0
    for spec in specs:
        spec = dict(spec)
        written = spec.pop("written")
        start = text.index(written, pos)
        pos = start + len(written)
        spec.setdefault("kind", _KIND.get(spec["unit"], "quantity"))
        out.append(Amount(start=start, end=pos, written=written, **spec))
    return out


def check(text: str, specs: list[dict]) -> None:
    got = find_amounts(text)
    want = expected_amounts(text, specs)
    assert got == want
    # Amount equality says 1 == 1.0: the value's type is part of the contract too
    assert [type(a.value) for a in got] == [type(a.value) for a in want]


# --- money ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value"), [
    ("给予30万元奖励", "30万元", 300000),
    ("投资1亿元", "1亿元", 100000000),
    ("投资1.5亿元", "1.5亿元", 150000000),
    ("补助0.5万元", "0.5万元", 5000),
    ("营业收入不低于6000万元", "6000万元", 60000000),
    ("每户500元", "500元", 500),
    ("奖励三十万元", "三十万元", 300000),
    ("安排一千万元", "一千万元", 10000000),
    ("总投资两亿元", "两亿元", 200000000),
    ("奖励金额为人民币贰拾万元整", "贰拾万元", 200000),  # financial numerals
    ("补贴叁仟伍佰元", "叁仟伍佰元", 3500),
    ("奖励３０万元", "３０万元", 300000),
    ("贷款1,000万元", "1,000万元", 10000000),
    ("奖励1,500,000元", "1,500,000元", 1500000),
    ("投资3千万元", "3千万元", 30000000),
    ("一点五亿元", "一点五亿元", 150000000),
    ("补贴12.5元", "12.5元", 12.5),
    ("奖励30 万元", "30 万元", 300000),
    ("注册资本1000万元人民币", "1000万元人民币", 10000000),
    ("人民币1000万元", "1000万元", 10000000),
    ("新增100多万元", "100多万元", 1000000),
    ("总投资1亿5000万元", "1亿5000万元", 150000000),
    ("奖励1万2千元", "1万2千元", 12000),
    ("奖励1万2000元", "1万2000元", 12000),
    ("奖励一万二千元", "一万二千元", 12000),
    ("奖励零点五万元", "零点五万元", 5000),
])
def test_money_value(text, written, value):
    check(text, [A(written, value, "CNY")])


@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("引资1000万美元", "1000万美元", 10000000, "USD"),
    ("投资50万美金", "50万美金", 500000, "USD"),
    ("融资2亿港元", "2亿港元", 200000000, "HKD"),
    ("融资2亿港币", "2亿港币", 200000000, "HKD"),
    ("合同100万欧元", "100万欧元", 1000000, "EUR"),
    ("投资5亿日元", "5亿日元", 500000000, "JPY"),
    ("订单30万英镑", "30万英镑", 300000, "GBP"),
    ("注册资本1000万人民币", "1000万人民币", 10000000, "CNY"),
    # a currency named after 元 is the currency: 1亿元港币 is Hong Kong dollars
    ("实缴注册资本不低于1亿元港币的", "1亿元港币", 100000000, "HKD"),
    ("注册资本5000万元人民币", "5000万元人民币", 50000000, "CNY"),
    ("资助10万澳门元", "10万澳门元", 100000, "MOP"),
])
def test_currency(text, written, value, unit):
    check(text, [A(written, value, unit)])


def test_values_are_int_when_whole_and_float_otherwise():
    values = [a.value for a in find_amounts("1.5亿元、0.5万元、12.5元、1.5%")]
    assert values == [150000000, 5000, 12.5, 1.5]
    assert [type(v) for v in values] == [int, int, float, float]


# --- percent --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("增长10%", "10%", 10, "%"),
    ("费率降为1.5%", "1.5%", 1.5, "%"),
    ("比重达到35%以上", "35%", 35, "%"),
    ("占比１０％", "１０％", 10, "%"),
    ("不低于百分之三十", "百分之三十", 30, "%"),
    ("达到百分之三十五点五", "百分之三十五点五", 35.5, "%"),
    ("覆盖率百分之百", "百分之百", 100, "%"),
    ("提高5个百分点", "5个百分点", 5, "pp"),
    ("提高0.5个百分点", "0.5个百分点", 0.5, "pp"),
    ("下降2百分点", "2百分点", 2, "pp"),
])
def test_percent(text, written, value, unit):
    check(text, [A(written, value, unit)])


# --- counted quantities ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("占地面积不超过100平方公里", "100平方公里", 100, "平方公里"),
    ("不超过60家企业", "60家", 60, "家"),
    ("梳理不少于50类诉求", "50类", 50, "类"),
    ("累计培育12家以上", "12家", 12, "家"),
    ("年龄可放宽至65岁", "65岁", 65, "岁"),
    ("发明专利不低于5个", "5个", 5, "个"),
    ("完成3项", "3项", 3, "项"),
    ("评选280名人才", "280名", 280, "名"),
    ("林地不少于600公顷", "600公顷", 600, "公顷"),
    ("产业用地15000亩", "15000亩", 15000, "亩"),
    ("可达3次", "3次", 3, "次"),
    ("分5批次遴选", "5批次", 5, "批次"),
    ("服务100人次", "100人次", 100, "人次"),
    ("新增装机3千瓦", "3千瓦", 3, "千瓦"),
    ("装机200兆瓦", "200兆瓦", 200, "兆瓦"),
    ("节约50吨标准煤", "50吨标准煤", 50, "吨标准煤"),
    ("引进3000余家企业", "3000余家", 3000, "家"),
    ("新增10多个项目", "10多个", 10, "个"),
    ("培育1.5万家", "1.5万家", 15000, "家"),
])
def test_quantity(text, written, value, unit):
    check(text, [A(written, value, unit)])


@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("吸纳就业5万人", "5万人", 50000, "人"),
    ("产能10万吨", "10万吨", 100000, "吨"),
    ("建成厂房20万平方米", "20万平方米", 200000, "平方米"),
    ("装机10万千瓦", "10万千瓦", 100000, "千瓦"),
    ("面积1.2万亩", "1.2万亩", 12000, "亩"),
])
def test_magnitude_before_measure_is_a_quantity_not_money(text, written, value, unit):
    check(text, [A(written, value, unit)])


def test_a_magnitude_counting_what_has_no_unit_is_no_money_after_a_money_word():
    # 载重吨 is no unit of the grammar: `1万载重吨` counts tonnage although 补助 comes before it
    check("按载重吨分档给予补助：1万载重吨（含）至5万载重吨的，每艘补助30万元。",
          [A("30万元", 300000, "CNY")])
    check("最高奖励50万以上的部分", [A("50万", 500000, "CNY", implied_currency=True)])
    check("全市粮食产量稳定在140亿斤以上", [])  # 斤 is no unit of the grammar; 亿 alone would be money


@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("有效期3年", "3年", 3, "年"),
    ("近2年研发费用", "2年", 2, "年"),
    ("公示期为7个工作日", "7个工作日", 7, "个工作日"),
    ("期限6个月", "6个月", 6, "个月"),
    ("10个工作日内办结", "10个工作日", 10, "个工作日"),
    ("建党100年", "100年", 100, "年"),
])
def test_duration(text, written, value, unit):
    check(text, [A(written, value, unit)])


@pytest.mark.parametrize("text", [
    "到2024年",
    "2023-2027年",
    "（2023-2025年）",
    "2024年3月15日",
    "3月15日前填报",
    "2021年**月**日至",
    "2023、2024年",
    "2023-25年",
    "2025年底前",
    "2023年度",
])
def test_years_and_dates_are_not_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text", [
    "清府办函〔2024〕57号",
    "57号文",
    "（GB/T36073-2018，简称DCMM）",
    "取得ISO10012测量管理体系认证",
    "QYFG2024008",
    "鼓励5G+工业互联网",
    "取得了DCMM3级、4级或5级证书",
    "R&D经费",
    "联系电话：3530201）",
    "第十五条",
    "第3条",
    "第3-5条",
    "第1、2批",
    "（3）具备条件",
    "1.可行性。",
    "优化升级12345平台",
    "一次性奖励",
    "三大产业",
    "十四五规划",
    "两项制度",
    "“1+3”产业集群",
    "华南863",
    "50强获奖项目",
    "常住人口100万",
    "给予数十万元",
    "5部门联合",
    "新增100MW",
    "PM2.5浓度",
    "",
])
def test_not_amounts(text):
    assert find_amounts(text) == []


# --- ranges ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "specs"), [
    ("6000万元（含）—1亿元（不含）", [
        A("6000万元", 60000000, "CNY", inclusive=True, range_id=1, range_pos="low"),
        A("1亿元", 100000000, "CNY", inclusive=False, range_id=1, range_pos="high"),
    ]),
    ("营业收入5（含5亿）-10亿元", [
        A("5", 500000000, "CNY", inclusive=True, range_id=1, range_pos="low", implied_currency=True),
        A("10亿元", 1000000000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("营业收入1（含1亿）-5亿元", [
        A("1", 100000000, "CNY", inclusive=True, range_id=1, range_pos="low", implied_currency=True),
        A("5亿元", 500000000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("奖励30万元至100万元", [
        A("30万元", 300000, "CNY", range_id=1, range_pos="low"),
        A("100万元", 1000000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("投资额5000万元至1亿元", [
        A("5000万元", 50000000, "CNY", range_id=1, range_pos="low"),
        A("1亿元", 100000000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("投资5000万至1亿元", [
        A("5000万", 50000000, "CNY", range_id=1, range_pos="low", implied_currency=True),
        A("1亿元", 100000000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("奖励3-5万元", [
        A("3", 30000, "CNY", range_id=1, range_pos="low", implied_currency=True),
        A("5万元", 50000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("提高10%-20%", [
        A("10%", 10, "%", range_id=1, range_pos="low"),
        A("20%", 20, "%", range_id=1, range_pos="high"),
    ]),
    ("提高10%至20%", [
        A("10%", 10, "%", range_id=1, range_pos="low"),
        A("20%", 20, "%", range_id=1, range_pos="high"),
    ]),
    ("提高10-20%", [
        A("10", 10, "%", range_id=1, range_pos="low"),
        A("20%", 20, "%", range_id=1, range_pos="high"),
    ]),
    ("培育50～100家", [
        A("50", 50, "家", range_id=1, range_pos="low"),
        A("100家", 100, "家", range_id=1, range_pos="high"),
    ]),
    ("期限3至5年", [
        A("3", 3, "年", range_id=1, range_pos="low"),
        A("5年", 5, "年", range_id=1, range_pos="high"),
    ]),
    ("奖励三十万元至五十万元", [
        A("三十万元", 300000, "CNY", range_id=1, range_pos="low"),
        A("五十万元", 500000, "CNY", range_id=1, range_pos="high"),
    ]),
    ("产值1-2亿", [
        A("1", 100000000, "CNY", range_id=1, range_pos="low", implied_currency=True),
        A("2亿", 200000000, "CNY", range_id=1, range_pos="high", implied_currency=True),
    ]),
    ("补贴10-15万元/亩", [
        A("10", 100000, "CNY", per="亩", range_id=1, range_pos="low", implied_currency=True),
        A("15万元/亩", 150000, "CNY", per="亩", range_id=1, range_pos="high"),
    ]),
])
def test_range(text, specs):
    check(text, specs)


@pytest.mark.parametrize("dash", ["-", "—", "——", "–", "－", "~", "～", "至", "到", " - "])
def test_range_dashes(dash):
    check(f"奖励30万元{dash}50万元", [
        A("30万元", 300000, "CNY", range_id=1, range_pos="low"),
        A("50万元", 500000, "CNY", range_id=1, range_pos="high"),
    ])


def test_range_ids_count_up_in_order():
    got = find_amounts("5-10亿元，10%-20%，3至5年")
    assert [(a.written, a.range_id, a.range_pos) for a in got] == [
        ("5", 1, "low"), ("10亿元", 1, "high"),
        ("10%", 2, "low"), ("20%", 2, "high"),
        ("3", 3, "low"), ("5年", 3, "high"),
    ]


@pytest.mark.parametrize(("text", "specs"), [
    ("增长10%-20万元", [A("10%", 10, "%"), A("20万元", 200000, "CNY")]),
    ("补助50万元—10%", [A("50万元", 500000, "CNY"), A("10%", 10, "%")]),
    ("增长10%-20", [A("10%", 10, "%")]),
])
def test_range_needs_matching_units(text, specs):
    check(text, specs)


# --- inclusive markers ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "specs"), [
    ("单笔1500万元以下（含1500万元）的贷款", [A("1500万元", 15000000, "CNY", inclusive=True)]),
    ("投资额1亿元（含）以上", [A("1亿元", 100000000, "CNY", inclusive=True)]),
    ("投资额1亿元（不含）以上", [A("1亿元", 100000000, "CNY", inclusive=False)]),
    ("投资额1亿元以上（不含1亿元）", [A("1亿元", 100000000, "CNY", inclusive=False)]),
    ("投资额1亿元及以上（含本数）", [A("1亿元", 100000000, "CNY", inclusive=True)]),
    ("增长10%（含）以上", [A("10%", 10, "%", inclusive=True)]),
    ("投资额1亿元(含)以上", [A("1亿元", 100000000, "CNY", inclusive=True)]),
    ("不少于50家（包含）", [A("50家", 50, "家", inclusive=True)]),
    ("投资额1亿元（含10000万元）", [A("1亿元", 100000000, "CNY", inclusive=True)]),
])
def test_inclusive_marker(text, specs):
    check(text, specs)


def test_parenthetical_with_another_number_is_its_own_mention():
    check("最高100万元（含50万元配套）", [
        A("100万元", 1000000, "CNY"),
        A("50万元", 500000, "CNY"),
    ])


def test_marker_without_amount_is_ignored():
    assert find_amounts("三星级以上（含三星）的品牌认证") == []


# --- lists ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "specs"), [
    ("分别给予8万、6万元和4万元", [
        A("8万", 80000, "CNY", list_id=1, implied_currency=True),
        A("6万元", 60000, "CNY", list_id=1),
        A("4万元", 40000, "CNY", list_id=1),
    ]),
    ("分别给予50万元、20万元的一次性奖励", [
        A("50万元", 500000, "CNY", list_id=1),
        A("20万元", 200000, "CNY", list_id=1),
    ]),
    ("分别给予100万元、80万元和50万元", [
        A("100万元", 1000000, "CNY", list_id=1),
        A("80万元", 800000, "CNY", list_id=1),
        A("50万元", 500000, "CNY", list_id=1),
    ]),
    ("分别给予每人12万元、10万元资金奖补", [
        A("12万元", 120000, "CNY", list_id=1),
        A("10万元", 100000, "CNY", list_id=1),
    ]),
    ("年平均增速分别达15%、15%、13.5%、26%。", [
        A("15%", 15, "%", list_id=1),
        A("15%", 15, "%", list_id=1),
        A("13.5%", 13.5, "%", list_id=1),
        A("26%", 26, "%", list_id=1),
    ]),
    ("分别给予100、80和50万元", [
        A("100", 1000000, "CNY", list_id=1, implied_currency=True),
        A("80", 800000, "CNY", list_id=1, implied_currency=True),
        A("50万元", 500000, "CNY", list_id=1),
    ]),
    ("分别为10、20和30%", [
        A("10", 10, "%", list_id=1),
        A("20", 20, "%", list_id=1),
        A("30%", 30, "%", list_id=1),
    ]),
    ("分别奖励8万、6万和4万", [
        A("8万", 80000, "CNY", list_id=1, implied_currency=True),
        A("6万", 60000, "CNY", list_id=1, implied_currency=True),
        A("4万", 40000, "CNY", list_id=1, implied_currency=True),
    ]),
    ("给予10万元、5万", [
        A("10万元", 100000, "CNY", list_id=1),
        A("5万", 50000, "CNY", list_id=1, implied_currency=True),
    ]),
    ("奖励三十万元、二十万元", [
        A("三十万元", 300000, "CNY", list_id=1),
        A("二十万元", 200000, "CNY", list_id=1),
    ]),
])
def test_list(text, specs):
    check(text, specs)


@pytest.mark.parametrize("connector", ["、", "和", "及", "或", "与", "以及", "或者"])
def test_list_connectors(connector):
    check(f"给予8万{connector}6万元", [
        A("8万", 80000, "CNY", list_id=1, implied_currency=True),
        A("6万元", 60000, "CNY", list_id=1),
    ])


def test_list_needs_matching_units():
    check("实现诉求分办提速20%、50家企业", [A("20%", 20, "%"), A("50家", 50, "家")])


def test_list_ids_count_up_in_order():
    got = find_amounts("给予50万元、20万元；增速10%、15%")
    assert [a.list_id for a in got] == [1, 1, 2, 2]


def test_words_between_mentions_break_the_list():
    check("可达3次、累计4500万元", [A("3次", 3, "次"), A("4500万元", 45000000, "CNY")])


# --- per-unit -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value", "unit", "per"), [
    ("投资强度不低于300万元/亩", "300万元/亩", 3000000, "CNY", "亩"),
    ("地均税收不低于15万元/亩", "15万元/亩", 150000, "CNY", "亩"),
    ("劳动生产率达到37万元/人", "37万元/人", 370000, "CNY", "人"),
    ("租金800元/平方米", "800元/平方米", 800, "CNY", "平方米"),
    ("补贴0.1元/千瓦时", "0.1元/千瓦时", 0.1, "CNY", "千瓦时"),
    ("奖励5万元/年", "5万元/年", 50000, "CNY", "年"),
    ("处理100吨/天", "100吨/天", 100, "吨", "天"),
    ("租金800元 / 平方米", "800元 / 平方米", 800, "CNY", "平方米"),
])
def test_per_unit(text, written, value, unit, per):
    check(text, [A(written, value, unit, per=per)])


def test_percent_takes_no_per_unit():
    check("增长10%/年", [A("10%", 10, "%")])


# --- money without 元 -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "value"), [
    ("产值超1000亿的产业集群", "1000亿", 100000000000),
    ("贷款新增2亿以上", "2亿", 200000000),
    ("营收突破1.5万亿", "1.5万亿", 1500000000000),
    ("一次性奖励8万", "8万", 80000),
    ("投资额500万以上", "500万", 5000000),
    ("奖励金额为设备投资额的一成，最高不超过500万", "500万", 5000000),
    ("总投资2亿3000万", "2亿3000万", 230000000),
])
def test_implied_currency(text, written, value):
    check(text, [A(written, value, "CNY", implied_currency=True)])


@pytest.mark.parametrize("text", [
    "新增就业岗位1万",
    "建设10万级洁净车间",
    "奖励企业。常住人口100万",  # the cue is in another sentence
])
def test_magnitude_without_unit_or_money_context_is_not_an_amount(text):
    assert find_amounts(text) == []


# --- real sentences -------------------------------------------------------------------------

REAL = [
    (
        "当年营业收入达到10亿元以上且同比增长幅度达到10%以上、当年营业收入5（含5亿）-10亿元且同比增长"
        "幅度达到12%以上、当年营业收入1（含1亿）-5亿元且同比增长幅度达到15%以上的试点企业，且当年利润为"
        "正数并呈正增长的，给予一次性奖励最高30万元。",
        [
            A("10亿元", 1000000000, "CNY"),
            A("10%", 10, "%"),
            A("5", 500000000, "CNY", inclusive=True, range_id=1, range_pos="low", implied_currency=True),
            A("10亿元", 1000000000, "CNY", range_id=1, range_pos="high"),
            A("12%", 12, "%"),
            A("1", 100000000, "CNY", inclusive=True, range_id=2, range_pos="low", implied_currency=True),
            A("5亿元", 500000000, "CNY", range_id=2, range_pos="high"),
            A("15%", 15, "%"),
            A("30万元", 300000, "CNY"),
        ],
    ),
    (
        "对固定资产投资额1亿元（含）以上且投资强度不低于300万元/亩同时地均税收不低于15万元/亩，并纳入项目"
        "监管协议的先进制造业项目，所需指标由省保障。对固定投资额5000万元至1亿元的先进制造业项目按先到先得"
        "原则由市级优先保障用地需求",
        [
            A("1亿元", 100000000, "CNY", inclusive=True),
            A("300万元/亩", 3000000, "CNY", per="亩"),
            A("15万元/亩", 150000, "CNY", per="亩"),
            A("5000万元", 50000000, "CNY", range_id=1, range_pos="low"),
            A("1亿元", 100000000, "CNY", range_id=1, range_pos="high"),
        ],
    ),
    (
        "对符合条件的企业，提供单笔1500万元以下（含1500万元）的贷款转贷资金服务，同一年度内使用融资专项"
        "资金可达3次、累计4500万元。",
        [
            A("1500万元", 15000000, "CNY", inclusive=True),
            A("3次", 3, "次"),
            A("4500万元", 45000000, "CNY"),
        ],
    ),
    (
        "到2025年，培育形成新一代电子信息产值超1000亿的产业集群和食品饮料及水经济、先进材料、机械与模具"
        "3个超100亿元的产业集群。",
        [
            A("1000亿", 100000000000, "CNY", implied_currency=True),
            A("3个", 3, "个"),
            A("100亿元", 10000000000, "CNY"),
        ],
    ),
    (
        "对取得三星级以上（含三星）的品牌认证和售后服务认证企业，分别给予8万、6万元和4万元的奖励。",
        [
            A("8万", 80000, "CNY", list_id=1, implied_currency=True),
            A("6万元", 60000, "CNY", list_id=1),
            A("4万元", 40000, "CNY", list_id=1),
        ],
    ),
    ("数据管理能力成熟度评估模型（GB/T36073-2018，简称DCMM）贯标", []),
    (
        "上年度营业收入总额在6000万元（含）—1亿元（不含）的企业，近2年研发费用总额占同期销售收入总额比重"
        "均不低于6%。",
        [
            A("6000万元", 60000000, "CNY", inclusive=True, range_id=1, range_pos="low"),
            A("1亿元", 100000000, "CNY", inclusive=False, range_id=1, range_pos="high"),
            A("2年", 2, "年"),
            A("6%", 6, "%"),
        ],
    ),
    (
        "到2025年，全市评选280名高层次人才，其中制造业高层次人才70名、科创高层次人才20名，对被评定为"
        "高层次人才的分别给予每人12万元、10万元资金奖补。",
        [
            A("280名", 280, "名"),
            A("70名", 70, "名"),
            A("20名", 20, "名"),
            A("12万元", 120000, "CNY", list_id=1),
            A("10万元", 100000, "CNY", list_id=1),
        ],
    ),
    (
        "本办法自2025年3月4日起实施，有效期3年。清府办函〔2024〕57号，联系电话：3530201）",
        [A("3年", 3, "年")],
    ),
]


@pytest.mark.parametrize(("text", "specs"), REAL, ids=[f"real{i}" for i in range(len(REAL))])
def test_real_sentence(text, specs):
    check(text, specs)


# --- whole-text properties ------------------------------------------------------------------

LONG_TEXT = "".join(text for text, _ in REAL) * 12  # about 7,000 characters


def test_sorted_and_non_overlapping_with_exact_written():
    got = find_amounts(LONG_TEXT)
    assert len(got) == 12 * sum(len(specs) for _, specs in REAL)
    assert all(a.end <= b.start for a, b in pairwise(got))
    assert all(LONG_TEXT[a.start:a.end] == a.written for a in got)


# --- parse_number ---------------------------------------------------------------------------

@pytest.mark.parametrize(("s", "value"), [
    ("6000", 6000),
    ("1.5", 1.5),
    ("1,000", 1000),
    ("1,234,567", 1234567),
    ("0.5", 0.5),
    ("１２", 12),
    ("１．５", 1.5),
    (" 30 ", 30),
    ("三十", 30),
    ("一千二百", 1200),
    ("一千零五", 1005),
    ("两", 2),
    ("两千", 2000),
    ("〇", 0),
    ("零", 0),
    ("十", 10),
    ("三十万", 300000),
    ("一亿两千万", 120000000),
    ("二〇二四", 2024),
    ("零点五", 0.5),
    ("三十五点五", 35.5),
    ("1.5万", 15000),
    ("1.5亿", 150000000),
    ("3千万", 30000000),
    ("一点五亿", 150000000),
])
def test_parse_number(s, value):
    got = parse_number(s)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("s", ["", "abc", "十四五x", "1.2.3", "百", "万", "-"])
def test_parse_number_rejects(s):
    with pytest.raises(ValueError):
        parse_number(s)
