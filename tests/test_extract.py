"""Facts from the bundled notices and from sentences written in their style, exact values."""

import pytest
from zhengce.rulegen.build import rule_file

from tests.helpers import rules
from zhengce.model import Source
from zhengce.pipeline import extract, parse_source


def extract_text(text: str) -> list[dict]:
    return rule_file(parse_source(Source("example.txt", text, "text")))["rules"]


def facts(rule_list: list[dict], key: str) -> list[tuple]:
    return [(q.get("value"), q.get("unit"), q.get("op")) for r in rule_list for q in r[key] if "value" in q]


def rule_quoting(seed: str, words: str) -> list[dict]:
    found = [r for r in rules(seed)["rules"] if r["quote"] and words in r["quote"]]
    assert found, words
    return found


def test_tiered_revenue_conditions_and_capped_reward():
    [rule] = rule_quoting("000", "给予一次性奖励最高30万元")
    assert rule["kind"] == "benefit"
    figures = [c for c in rule["conditions"] if c.get("kind") != "sign"]
    assert [(c["variable"], c["op"], c["bound"]) for c in rule["conditions"] if c.get("kind") == "sign"] == [
        ("利润总额.当年", ">", 0), ("利润增长率.当年", ">", 0)]
    assert [(c["value"], c["unit"], c["op"]) for c in figures] == [
        (1000000000, "CNY", ">="), (10, "%", ">="),
        (500000000, "CNY", ">="), (1000000000, "CNY", "<"), (12, "%", ">="),
        (100000000, "CNY", ">="), (500000000, "CNY", "<"), (15, "%", ">="),
    ]
    assert {c["variable"] for c in figures} == {"营业收入.当年", "营业收入增长率"}
    assert [(b["value"], b["op"], b["kind"]) for b in rule["benefits"]] == [(300000, "<=", "一次性奖励")]
    assert rule["responsible_units"] == ["市工业和信息化局", "市财政局"]
    assert rule["clause"] == "3.1" and rule["page"] is None


def test_eligibility_threshold_with_period_and_operator():
    [rule] = rule_quoting("000", "上一年度营业收入不低于6000万元")
    [c] = rule["conditions"]
    assert (c["metric"], c["period"], c["op"], c["value"], c["unit"]) == ("营业收入", "上一年度", ">=", 60000000, "CNY")
    assert c["variable"] == "营业收入.上一年度"
    assert rule["kind"] == "eligibility" and rule["clause"] == "2.3.1.3.1"


def test_inclusive_and_exclusive_range_ends():
    [rule] = rule_quoting("000", "6000万元（含）—1亿元（不含）")
    assert [(c["value"], c["op"]) for c in rule["conditions"]] == [(60000000, ">="), (100000000, "<"), (6, ">=")]
    assert [c.get("inclusive") for c in rule["conditions"]] == [True, False, None]


def test_distributive_list_becomes_one_rule_per_item():
    found = rule_quoting("000", "分别给予50万元、20万元")
    assert [(r["benefits"][0]["value"], r["conditions"][-1]["text"]) for r in found] == [
        (500000, "获得国家专精特新“小巨人”"), (200000, "广东省专精特新中小企业认定")]


def test_list_with_unit_on_last_member_only():
    [rule] = rule_quoting("000", "分别给予8万、6万元和4万元")
    assert facts([rule], "benefits") == [(80000, "CNY", "=="), (60000, "CNY", "=="), (40000, "CNY", "==")]


def test_per_unit_benefits_and_a_cap():
    assert rule_quoting("000", "每个商标给予20万元")[0]["benefits"][0]["per"] == "商标"
    [green] = rule_quoting("000", "每个绿色设计产品一次性给予10万元")
    assert [(b["value"], b["op"], b.get("per")) for b in green["benefits"]] == [
        (100000, "==", "绿色设计产品"), (500000, "<=", None)]
    [service] = rule_quoting("000", "按每家一次性奖励30万元至100万元")
    assert (service["benefits"][0]["min"]["value"], service["benefits"][0]["max"]["value"]) == (300000, 1000000)
    assert service["benefits"][0]["per"] == "家"


def test_per_mu_thresholds():
    [rule] = rule_quoting("000", "投资强度不低于300万元/亩")
    assert [(c.get("value"), c.get("unit"), c.get("op"), c.get("metric")) for c in rule["conditions"]] == [
        (100000000, "CNY", ">=", "固定资产投资额"), (3000000, "CNY/亩", ">=", "投资强度"), (150000, "CNY/亩", ">=", "地均税收"),
        (None, None, None, None)]  # `并纳入项目监管协议的`: a condition in words
    assert rule["conditions"][-1]["variable"] == "协议.项目监管"


def test_rate_reduction_is_a_benefit():
    [rule] = rule_quoting("000", "担保费年化率降为1.5%")
    assert facts([rule], "benefits") == [(1.5, "%", "==")]


def test_government_targets_are_targets_not_rewards():
    found = rule_quoting("002", "到2027年，全社会工业增加值占GDP的比重达到35%以上")
    assert found[0]["kind"] == "target"
    assert [(t["value"], t["unit"], t["year"]) for t in found[0]["targets"]][:2] == [(35, "%", 2027), (33, "%", 2027)]
    assert (370000, "CNY/人", ">=") in facts(found, "targets")
    [preamble] = rule_quoting("002", "新一代电子信息产值超1000亿的产业集群")
    assert facts([preamble], "targets")[0] == (100000000000, "CNY", ">")


def test_proportional_benefit_and_loan_ceiling():
    [equipment] = rule_quoting("002", "按不超过新设备购置额的20%")
    assert [(b["value"], b["unit"], b["op"], b.get("proportional_to")) for b in equipment["benefits"]] == [
        (20, "%", "<=", "新设备购置额"), (50000000, "CNY", "<=", None)]
    [loan] = rule_quoting("002", "单笔1500万元以下（含1500万元）")
    assert facts([loan], "benefits") == [(15000000, "CNY", "<="), (3, "次", "<="), (45000000, "CNY", "<=")]


def test_responsible_units_with_lead():
    [rule] = [r for r in rules("004")["rules"] if r["clause"] == "2.4"]
    assert rule["lead_units"] == ["市委组织部"]
    assert rule["responsible_units"][:3] == ["市委组织部", "清远高新区管委会", "英德市人民政府"]
    assert rule["kind"] == "measure"


def test_standing_units_apply_to_every_later_task():
    [first] = [r for r in rules("001")["rules"] if r["clause"] == "2.2"][:1]
    assert first["responsible_units"] == [
        "市工业和信息化局", "市科学技术局", "市财政局", "高新区管委会", "各县（市、区）人民政府", "广清产业园管委会"]


def test_units_named_in_the_sentence_itself():
    # one article, two duties: each sentence carries its own unit, and its text is that sentence
    art5 = [r for r in rules("003")["rules"] if r["clause"] == "ch1.art5"]
    assert [(r["kind"], r["text"][:12], r["responsible_units"]) for r in art5] == [
        ("measure", "第五条市工业和信息化局负", ["市工业和信息化局"]),
        ("measure", "各县（市、区）中小企业主", ["各县（市、区）中小企业主管部门", "市工业和信息化局"]),
    ]
    [lead] = [r for r in rules("000")["rules"] if r["clause"] == "6.1"]
    assert lead["lead_units"] == ["市工业和信息化局"]


def test_every_fact_quotes_its_source():
    for seed in ("000", "001", "002", "003", "004"):
        data = rules(seed)
        for rule in data["rules"]:
            assert rule["quote"] is None or rule["quote"] in rule["text"]
            for key in ("conditions", "benefits", "targets"):
                for q in rule[key]:
                    assert q["quote"] in rule["text"]
                    if "text" in q and "value" in q:
                        assert q["text"] in q["quote"]


def test_source_offsets_point_at_the_quoted_sentence():
    [rule] = rule_quoting("000", "上一年度营业收入不低于6000万元")
    start, end = rule["source_span"]
    raw = rules("000")["source"]
    assert raw["kind"] == "text"
    from tests.helpers import corpus_path

    assert corpus_path("000").read_text(encoding="utf-8")[start:end].replace(" ", "") == rule["quote"]


@pytest.mark.parametrize("text, key, expected", [
    ("第一条对年主营业务收入首次突破2000万元的工业企业，给予一次性奖励10万元。", "conditions",
     [(20000000, "CNY", ">")]),
    ("第一条对年主营业务收入首次突破2000万元的工业企业，给予一次性奖励10万元。", "benefits",
     [(100000, "CNY", "==")]),
    ("第二条按实际设备投资额的10%给予补助，单个项目最高不超过200万元。", "benefits",
     [(10, "%", "=="), (2000000, "CNY", "<=")]),
    ("第三条企业在境外投资1000万美元以上的，给予贷款贴息，每家企业每年最高30万元。", "conditions",
     [(10000000, "USD", ">=")]),
    ("第四条到2025年，全县规模以上工业总产值达到150亿元，年均增长8%以上。", "targets",
     [(15000000000, "CNY", ">="), (8, "%", ">=")]),
    ("第五条对研发投入占销售收入比重低于3%的企业，不予支持。", "conditions", [(3, "%", "<")]),
    ("第六条对新认定的省级工程技术研究中心，给予三十万元奖励。", "benefits", [(300000, "CNY", "==")]),
    ("第七条对年纳税额超过１０００万元的企业，奖励５０万元。", "conditions", [(10000000, "CNY", ">")]),
    ("第八条对入驻园区的企业，前三年按每年30万元/年的标准给予租金补贴。", "benefits", [(300000, "CNY/年", "==")]),
    ("第九条对引进的博士，按每人每月3000元的补贴标准发放生活补贴。", "benefits", [(3000, "CNY", "==")]),
    ("第十条对年产值首次突破10亿元的企业，奖励最高不超过50万元。", "benefits", [(500000, "CNY", "<=")]),
    ("三、“十四五”期间，全市规模以上工业增加值年均增长8%以上。", "targets", [(8, "%", ">=")]),
    ("四、全县规模以上工业总产值突破500亿元。", "targets", [(50000000000, "CNY", ">")]),
    ("五、企业研发费用加计扣除比例提高至100%。", "benefits", [(100, "%", "==")]),
    ("第十一条对新引进企业租用标准厂房的，前三年按每月每平方米10元给予租金补贴。", "benefits", [(10, "CNY", "==")]),
])
def test_sentences_in_the_same_style(text, key, expected):
    assert facts(extract_text("某县若干措施\n" + text), key) == expected


def test_distributive_items_in_an_article():
    found = extract_text("某县若干措施\n第三条对获得国家级、省级企业技术中心认定的企业，分别奖励50万元、20万元。")
    assert [r["benefits"][0]["value"] for r in found] == [500000, 200000]
    # each level with the words the list shares
    assert [r["conditions"][0]["text"] for r in found] == ["获得国家级企业技术中心认定", "获得省级企业技术中心认定"]
    assert {r["conditions"][0]["quote"] for r in found} == {"获得国家级、省级企业技术中心认定"}


COUNTY_NOTICE = """佛冈县人民政府关于印发佛冈县支持外贸企业发展若干措施的通知
佛府〔2024〕8号
各镇人民政府，县直有关单位：
现将《佛冈县支持外贸企业发展若干措施》印发给你们，请认真贯彻执行。
佛冈县人民政府
2024年3月15日
佛冈县支持外贸企业发展若干措施
一、支持企业扩大出口。对上一年度进出口额达到500万美元（含）以上的企业，按进出口额每100万美元奖励1万元，单个企业每年最高奖励30万元。（责任单位：县商务局、财政局）
二、支持跨境电商发展。对年交易额首次超过1000万元、3000万元、5000万元的跨境电商企业，分别给予10万元、20万元、30万元一次性奖励。
三、到2026年，全县外贸进出口总额突破50亿元，年均增长10%以上。
四、本措施自印发之日起施行，有效期至2026年12月31日。
"""


def test_county_notice_in_dollars_with_rate_basis_and_tiers():
    data = rule_file(parse_source(Source("county.txt", COUNTY_NOTICE, "text")))
    doc_fields = data["document"]
    assert (doc_fields["doc_number"], doc_fields["issuer"], doc_fields["valid_until"]) == (
        "佛府〔2024〕8号", ["佛冈县人民政府"], "2026-12-31")
    export, *tiers, goal = data["rules"]
    assert [(c["metric"], c["period"], c["value"], c["unit"], c["op"]) for c in export["conditions"]] == [
        ("进出口额", "上一年度", 5000000, "USD", ">=")]
    assert [(b["value"], b["op"], b.get("per")) for b in export["benefits"]] == [
        (10000, "==", "100万美元"), (300000, "<=", "年")]
    assert export["responsible_units"] == ["县商务局", "县财政局"]
    assert [(r["conditions"][0]["value"], r["benefits"][0]["value"]) for r in tiers] == [
        (10000000, 100000), (30000000, 200000), (50000000, 300000)]
    assert [(t["metric"], t["value"], t["year"]) for t in goal["targets"]] == [
        ("外贸进出口总额", 5000000000, 2026), ("年均增长", 10, 2026)]


def test_responsibility_on_a_line_of_its_own():
    found = extract_text("某市若干措施\n（一）支持企业上市。对在境内主板上市的企业，给予一次性奖励300万元。\n"
                         "牵头单位：市金融工作局；责任单位：市财政局、科技局\n（二）优化服务。加强政策宣传。")
    assert [(r["clause"], r["responsible_units"], r["lead_units"]) for r in found] == [
        ("1", ["市金融工作局", "市财政局", "市科技局"], ["市金融工作局"])]
    assert found[0]["benefits"][0]["value"] == 3000000


@pytest.mark.parametrize("paragraph", [
    "奖励最高30万元。（责任单位：市工业和信息化局、市财政局）",
    "奖励最高30万元。责任单位：市工业和信息化局、市财政局）",  # OCR lost the opening bracket
    "奖励最高30万元。（责任单位；市工业和信息化局、财政局）",  # OCR read ： as ；
])
def test_responsibility_statements_survive_ocr_slips(paragraph):
    from zhengce.extract.responsibility import closing

    assert closing(paragraph, "清远").units == ["市工业和信息化局", "市财政局"]


DRAFT_MEASURES = """韶关市促进外贸高质量发展若干措施
（公开征求意见稿）
一、支持企业开拓国际市场。对企业参加境外重点展会的，按展位费的70%给予补助，单个企业每年补助最高不超过30万元。
二、鼓励企业扩大进口。对年进口额1000万美元以上且同比增长10%以上的企业，按进口额增量的1%给予奖励，最高可获得50万元。
三、支持外贸新业态发展。对新认定的市级跨境电商产业园，一次性给予最高100万元扶持资金；对年跨境电商交易额超过1亿元的企业，给予20万元奖励。
四、强化组织保障。市商务局负责统筹协调，市财政局负责资金保障。
五、本措施自印发之日起施行，有效期至2027年12月31日。
"""


def test_draft_measures_without_a_notice():
    data = rule_file(parse_source(Source("draft.txt", DRAFT_MEASURES, "text")))
    doc_fields = data["document"]
    assert (doc_fields["draft"], doc_fields["issuer"], doc_fields["issued_on"], doc_fields["valid_until"]) == (
        True, None, None, "2027-12-31")
    assert doc_fields["city"] == "韶关"
    fairs, imports, park, platform, duties = data["rules"]
    assert [(b["value"], b["unit"], b["op"], b.get("proportional_to")) for b in fairs["benefits"]] == [
        (70, "%", "==", "展位费"), (300000, "CNY", "<=", None)]
    assert [(c["value"], c["unit"], c["op"]) for c in imports["conditions"]] == [(10000000, "USD", ">="), (10, "%", ">=")]
    assert [(b["value"], b["op"]) for b in imports["benefits"]] == [(1, "=="), (500000, "<=")]
    assert [(b["value"], b["op"], b["kind"]) for b in park["benefits"]] == [(1000000, "<=", "扶持")]
    assert [(c["value"], c["op"]) for c in platform["conditions"]] == [(100000000, ">")]
    assert (duties["kind"], duties["responsible_units"]) == ("measure", ["市商务局", "市财政局"])


FUND_NOTICE = """肇庆市财政局关于做好2024年度企业技术改造专项资金申报工作的通知
肇财工〔2024〕15号
各县（市、区）财政局，市直有关单位：
为做好2024年度企业技术改造专项资金申报工作，现将有关事项通知如下：
一、支持对象
在肇庆市内注册、具有独立法人资格的工业企业，上一年度主营业务收入2000万元以上。
二、支持标准
（一）对技术改造项目设备投资额500万元以上的，按设备投资额的10%给予补助，单个项目最高不超过300万元。
（二）对列入省级技术改造示范项目的，一次性奖励50万元。
肇庆市财政局
2024年7月1日
"""


def test_notice_that_is_its_own_policy_and_signs_at_the_end():
    document = parse_source(Source("fund.txt", FUND_NOTICE, "text"))
    assert (document.meta.issuer, document.meta.issued_on) == (["肇庆市财政局"], "2024-07-01")
    last = list(document.walk())[-1]
    assert document.clause_text(last).endswith("一次性奖励50万元。")  # the signature is not clause text
    eligibility, grant, award = rule_file(document)["rules"]
    # `2000万元以上`: jieba's dictionary has the word 万元以上; the comparison is read all the same
    assert [(c["variable"], c.get("op"), c.get("value")) for c in eligibility["conditions"]] == [
        ("资格.独立法人", None, None), ("营业收入.上一年度", ">=", 20000000)]  # `具有独立法人资格`: in words
    assert [(c["metric"], c["variable"], c["op"], c["value"]) for c in grant["conditions"]] == [
        ("设备投资额", "设备投资额", ">=", 5000000)]
    assert [(b["value"], b["op"]) for b in grant["benefits"]] == [(10, "=="), (3000000, "<=")]
    assert award["benefits"][0]["value"] == 500000


def test_joint_issuers_monthly_allowances_and_a_term_cap():
    text = (
        "惠州市人力资源和社会保障局 惠州市财政局关于印发惠州市高层次人才安居补贴实施细则的通知\n惠市人社规〔2024〕2号\n"
        "各县（区）人力资源和社会保障局、财政局，市直有关单位：\n现将《惠州市高层次人才安居补贴实施细则》印发给你们，请遵照执行。\n"
        "惠州市人力资源和社会保障局 惠州市财政局\n2024年1月15日\n（此件公开发布）\n惠州市高层次人才安居补贴实施细则\n"
        "第一条 对A类人才给予每人每月5000元的租房补贴，对B类人才给予每人每月3000元的租房补贴，补贴期限最长3年。\n"
        "第二条 本细则自2024年2月1日起施行，有效期五年。2019年印发的《惠州市人才安居办法》同时废止。\n"
    )
    data = rule_file(parse_source(Source("joint.txt", text, "text")))
    doc_fields = data["document"]
    assert doc_fields["issuer"] == ["惠州市人力资源和社会保障局", "惠州市财政局"]
    assert (doc_fields["valid_from"], doc_fields["valid_until"]) == ("2024-02-01", "2029-01-31")
    assert doc_fields["supersedes"] == ["惠州市人才安居办法"]
    a_class, b_class = data["rules"]
    assert [(b["value"], b["unit"], b.get("per")) for b in a_class["benefits"]] == [(5000, "CNY", "人")]
    assert [(b["value"], b["unit"], b["op"]) for b in b_class["benefits"]] == [(3000, "CNY", "=="), (3, "年", "<=")]


@pytest.mark.parametrize("paragraph, units, lead", [
    ("做好工作。（市发展改革局牵头，市财政局、自然资源局配合）", ["市发展改革局", "市财政局", "市自然资源局"], ["市发展改革局"]),
    ("做好工作。（责任单位：市发展改革局牵头，市财政局配合）", ["市发展改革局", "市财政局"], ["市发展改革局"]),
    ("做好工作。（责任单位：各县（市、区）人民政府，市有关部门按职责分工负责）", ["各县（市、区）人民政府", "市有关部门"], []),
    ("做好工作。（牵头单位：市发展改革局；配合单位：市财政局、市自然资源局）", ["市发展改革局", "市财政局", "市自然资源局"], ["市发展改革局"]),
    ("做好工作。（市工业和信息化局牵头，市财政局、市税务局等按职责分工负责）",
     ["市工业和信息化局", "市财政局", "市税务局"], ["市工业和信息化局"]),
])
def test_responsibility_with_duties_written_after_the_names(paragraph, units, lead):
    from zhengce.extract.responsibility import closing

    found = closing(paragraph, "某")
    assert (found.units, found.lead) == (units, lead)


@pytest.mark.parametrize("paragraph", ["联席会议下设联络办公室（简称“扶优办”）", "对获得国家级、省级服务型制造示范企业（项目、平台）", "x（国家级、省级中心）"])
def test_brackets_that_assign_nothing(paragraph):
    from zhengce.extract.responsibility import closing

    assert closing(paragraph, "某") is None


PROVINCE_NOTICE = """广东省人民政府办公厅关于印发广东省进一步促进消费若干措施的通知
粤府办〔2024〕5号
各地级以上市人民政府，省政府各部门、各直属机构：
《广东省进一步促进消费若干措施》已经省人民政府同意，现印发给你们，请认真组织实施。
广东省人民政府办公厅
2024年2月20日
广东省进一步促进消费若干措施
一、支持汽车以旧换新。对个人消费者报废旧车并购买新能源汽车的，每辆车补贴1万元；购买燃油车的，每辆车补贴5000元。（省商务厅、省财政厅按职责分工负责）
二、开展家电消费补贴。对购买一级能效家电的，按产品售价的15%给予补贴，每件补贴不超过2000元。（省商务厅牵头，省财政厅、省市场监管局配合）
三、推动企业上市。支持企业开拓国际市场，对首次在境内外上市的企业给予一次性奖励200万元。
"""


def test_provincial_notice_per_unit_subsidies_and_caps():
    data = rule_file(parse_source(Source("province.txt", PROVINCE_NOTICE, "text")))
    assert data["document"]["city"] is None  # 地级以上市, 上市 and 国际市场 name no city
    car_new, car_old, appliance, listing = data["rules"]
    assert [(b["value"], b["per"]) for b in car_new["benefits"] + car_old["benefits"]] == [(10000, "辆"), (5000, "辆")]
    assert [(b["value"], b["unit"], b["op"], b.get("per"), b.get("proportional_to")) for b in appliance["benefits"]] == [
        (15, "%", "==", None, "产品售价"), (2000, "CNY", "<=", "件", None)]
    assert (appliance["responsible_units"], appliance["lead_units"]) == (
        ["省商务厅", "省财政厅", "省市场监管局"], ["省商务厅"])
    assert [(b["value"], b["kind"]) for b in listing["benefits"]] == [(2000000, "一次性奖励")]


MEASURES_ONLY = """佛山市南海区科技创新专项资金管理办法
第一章 总则
第一条 为加快推进创新驱动发展，根据有关规定，制定本办法。
第二章 申报条件
第二条 申报单位应当同时符合下列条件：
（一）在南海区注册登记，具有独立法人资格；
（二）上一年度营业收入不低于2000万元；
（三）上一年度研发费用占营业收入比重不低于3%。
第三章 支持标准
第三条 对企业新建研发机构的，按不超过项目总投资的30%给予补助，最高1000万元。
第四条 对年度研发投入500万元（含）至1000万元的企业，奖励20万元；1000万元以上的，奖励50万元。
第五条 本办法由区科技局负责解释，自2024年1月1日起施行，有效期5年。
"""


def test_measures_with_eligibility_lists_and_a_tier_that_leaves_its_metric_out():
    data = rule_file(parse_source(Source("measures.txt", MEASURES_ONLY, "text")))
    by_id = {r["id"]: r for r in data["rules"]}
    assert [(c["variable"], c["op"], c["value"]) for c in by_id["ch2.art2.2#1"]["conditions"]] == [
        ("营业收入.上一年度", ">=", 20000000)]
    assert [(c["variable"], c["op"], c["value"]) for c in by_id["ch2.art2.3#1"]["conditions"]] == [
        ("研发费用占比.上一年度", ">=", 3)]
    assert [(b["value"], b["unit"], b["op"], b.get("proportional_to")) for b in by_id["ch3.art3#1"]["benefits"]] == [
        (30, "%", "<=", "项目总投资"), (10000000, "CNY", "<=", None)]
    # `；1000万元以上的，奖励50万元` tests the 研发投入 of the tier before it
    assert [(c["metric"], c["variable"], c["op"], c["value"]) for c in by_id["ch3.art4#2"]["conditions"]] == [
        ("研发投入", "研发费用", ">=", 10000000)]
    assert (by_id["ch3.art4#1"]["needs_review"], by_id["ch3.art4#2"]["needs_review"]) == (False, False)
    assert data["document"]["valid_until"] == "2028-12-31"


MANUFACTURING_MEASURES = """东莞市加快先进制造业发展若干措施
一、支持厂房建设。对新建工业厂房的，按每平方米100元的标准给予补贴，单个项目最高可获得500万元资助。
二、降低融资成本。对企业技术改造项目贷款，按同期贷款市场报价利率（LPR）的50%给予贴息，每家企业每年贴息最高200万元。
三、鼓励企业做大做强。对年主营业务收入首次超过10亿元、50亿元的工业企业，分别给予企业经营管理团队30万元、100万元奖励。
"""


def test_kind_of_benefit_is_the_word_that_gives_it():
    plant, loan, growth_10, growth_50 = rule_file(parse_source(Source("m.txt", MANUFACTURING_MEASURES, "text")))["rules"]
    assert [(b["kind"], b["value"], b.get("per")) for b in plant["benefits"]] == [("补贴", 100, "平方米"), ("资助", 5000000, None)]
    # 贷款 names the base of the rate; 贴息 is what is given
    assert [(b["kind"], b["value"], b["unit"], b.get("proportional_to")) for b in loan["benefits"]] == [
        ("贴息", 50, "%", "同期贷款市场报价利率（LPR）"), ("贴息", 2000000, "CNY", None)]
    assert [(c["variable"], c["op"], c["value"]) for r in (growth_10, growth_50) for c in r["conditions"]] == [
        ("营业收入", ">", 1000000000), ("营业收入", ">", 5000000000)]
    assert [b["value"] for r in (growth_10, growth_50) for b in r["benefits"]] == [300000, 1000000]


RESPONSIBILITY_AS_SENTENCES = """某市支持数字经济发展若干措施
一、对新认定的数字经济龙头企业，给予一次性奖励100万元。由市发展改革局牵头，市财政局、市科技局配合。
二、对建设5G基站的企业，每个基站补贴1万元。市工业和信息化局、市财政局按职责分工负责。
三、对数字化转型项目，按项目投资额的10%给予补助，最高200万元。牵头单位：市工业和信息化局；配合单位：市财政局。
"""


def test_responsibility_lists_written_as_sentences():
    found = extract_text(RESPONSIBILITY_AS_SENTENCES)
    assert [(r["responsible_units"], r["lead_units"]) for r in found] == [
        (["市发展改革局", "市财政局", "市科技局"], ["市发展改革局"]),
        (["市工业和信息化局", "市财政局"], []),
        (["市工业和信息化局", "市财政局"], ["市工业和信息化局"]),
    ]


VOUCHER_NOTICE = """江门市财政局 江门市科学技术局关于印发江门市科技创新券实施细则的通知
江财科〔2024〕3号
各市（区）财政局、科技局：
现将《江门市科技创新券实施细则》印发给你们，请遵照执行。
江门市财政局 江门市科学技术局
2024年4月8日
江门市科技创新券实施细则
第一条 科技创新券面额分为1万元、2万元、5万元三档。
第二条 申请条件：
1.在江门市内注册的科技型中小企业；
2.上一年度营业收入不超过2亿元；
3.研发人员占职工总数比例不低于10%。
第三条 每家企业每年使用创新券额度累计不超过20万元。
"""


def test_voucher_face_values_are_benefits_and_numbered_conditions_are_eligibility():
    data = rule_file(parse_source(Source("voucher.txt", VOUCHER_NOTICE, "text")))
    assert data["document"]["issuer"] == ["江门市财政局", "江门市科学技术局"]
    assert [(r["id"], r["kind"]) for r in data["rules"]] == [
        ("art1#1", "benefit"), ("art2.2#1", "eligibility"), ("art2.3#1", "eligibility"), ("art3#1", "benefit")]
    assert [b["value"] for b in data["rules"][0]["benefits"]] == [10000, 20000, 50000]
    assert [(c["variable"], c["op"], c["value"]) for c in data["rules"][1]["conditions"]] == [
        ("营业收入.上一年度", "<=", 200000000)]
    assert [(b["value"], b["op"]) for b in data["rules"][3]["benefits"]] == [(200000, "<=")]


@pytest.mark.parametrize("sentence, units, lead", [
    ("本办法由市财政局会同市科技局负责解释。", ["市财政局", "市科技局"], []),
    ("具体工作由各县（市、区）科技主管部门负责。", ["各县（市、区）科技主管部门"], []),
    ("由市人力资源社会保障局牵头组织实施。", ["市人力资源社会保障局"], ["市人力资源社会保障局"]),
    ("企业应按要求组织实施。", [], []),
    ("市发展改革局、市工业和信息化局等部门负责。", ["市发展改革局", "市工业和信息化局"], []),
    ("由市人民政府统筹，市发展改革局具体负责。", ["市人民政府", "市发展改革局"], []),
    ("本办法由区组织人事局牵头，区财政局、区科技创新局配合组织实施。",
     ["区组织人事局", "区财政局", "区科技创新局"], ["区组织人事局"]),
    # `主要负责同志` are the people who head the units, not a duty given to them
    ("成员：市财政局，市税务局等单位主要负责同志。", [], []),
])
def test_units_named_in_a_sentence(sentence, units, lead):
    from zhengce.extract.responsibility import of_sentence

    found = of_sentence(sentence, "某市")
    assert ((found.units, found.lead) if found else ([], [])) == (units, lead)


def test_a_metric_word_inside_a_longer_measure_is_not_the_metric():
    found = extract_text("某市外资措施\n一、对外资企业利润再投资额超过500万美元的，按其再投资额的2%给予奖励，每家企业每年最高300万元。")
    assert [(c["metric"], c["variable"], c["op"], c["value"], c["unit"]) for c in found[0]["conditions"]] == [
        ("外资企业利润再投资额", None, ">", 5000000, "USD")]  # not 利润 (利润总额)


PIPE_TABLE = """# 某区促进楼宇经济发展扶持办法

**第一条** 对新引进企业，按其年度区级财力贡献给予奖励：

| 区级财力贡献 | 奖励比例 |
| --- | --- |
| 100万元（含）至500万元 | 30% |
| 500万元（含）以上 | 50% |
"""


def test_markdown_pipe_table_rows_are_tiers(tmp_path):
    path = tmp_path / "tiers.md"
    path.write_text(PIPE_TABLE, encoding="utf-8")
    first, second = extract(path)["rules"]
    assert first["quote"] == "| 100万元（含）至500万元 | 30% |"  # the row as its file wrote it
    assert [(c["metric"], c["op"], c["value"]) for c in first["conditions"]] == [
        ("区级财力贡献", ">=", 1000000), ("区级财力贡献", "<", 5000000)]
    assert [(b["value"], b["unit"]) for b in first["benefits"]] == [(30, "%")]
    assert [(c["op"], c["value"]) for c in second["conditions"]] == [(">=", 5000000)]
    assert [(b["value"], b["unit"]) for b in second["benefits"]] == [(50, "%")]


TALENT_ARTICLES = """某区高层次人才引进培育暂行办法
第一章 总则
第一条 本办法由区组织人事局牵头，区财政局、区科技创新局配合组织实施。
第二章 支持措施
第二条 对企业新引进的博士，给予每人每月3000元生活补贴，最长不超过3年；硕士每人每月1500元。
"""


def test_a_lead_named_in_a_sentence_a_term_and_a_figure_with_no_word_of_its_own():
    measure, doctor, master = extract_text(TALENT_ARTICLES)
    assert (measure["clause"], measure["responsible_units"], measure["lead_units"]) == (
        "ch1.art1", ["区组织人事局", "区财政局", "区科技创新局"], ["区组织人事局"])
    # `最长不超过3年` is a term stated with the allowance, no condition of its own
    assert [(b["value"], b["unit"], b["op"]) for b in doctor["benefits"]] == [(3000, "CNY", "==")]
    assert (doctor["conditions"], [(o["value"], o["unit"]) for o in doctor["others"]]) == ([], [(3, "年")])
    # `硕士每人每月1500元` names no payment: money no row places is read as paid, and the rule says it guessed
    assert (master["kind"], master["quote"], master["needs_review"]) == ("benefit", "硕士每人每月1500元。", True)
    assert master["review"][0] == "unsure role for 1500元: read as benefit only because of money_default"


def test_company_size_conditions_compile():
    found = extract_text("某县企业申报条件\n一、申报企业注册资本不低于100万元，上年度资产总额5000万元以上，从业人员100人以上。\n")
    assert found[0]["logic"] == {"and": [
        {">=": [{"var": "注册资本"}, 1000000]}, {">=": [{"var": "资产总额.上一年度"}, 50000000]},
        {">=": [{"var": "从业人员.未注明期间"}, 100]}]}


def test_growth_written_with_同比_and_a_base_after_按照():
    growth, share = extract_text("某市措施\n一、营业收入同比增长15%以上的，再给予5万元奖励。\n二、按照企业实际发生费用的50%予以补助，最高30万元。\n")
    assert growth["logic"] == {">=": [{"var": "营业收入增长率.未注明期间"}, 15]}
    assert share["benefits"][0]["proportional_to"] == "企业实际发生费用"
