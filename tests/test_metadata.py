"""Document fields of the bundled notices, and the grammar behind them."""

import pytest
from zhengce.extract.validity import read_validity
from zhengce.normalize.dates import end_of_term, is_date_line, parse_date_line
from zhengce.normalize.orgs import expand_abbreviated, split_orgs
from zhengce.rulegen.build import rule_file

from tests.helpers import doc, rules
from zhengce.model import Source
from zhengce.pipeline import parse_source

EXPECTED = {
    "000": dict(doc_number="清府办函〔2024〕57号", issuer=["清远市人民政府办公室"], issued_on="2024-06-28",
                valid_from="2024-06-28", valid_until="2025-09-05", supersedes=["清府办〔2020〕36号"], draft=False,
                title="清远市人民政府办公室关于印发《清远市先进制造业和高技术制造业企业扶优计划（修订）》的通知",
                policy_title="清远市先进制造业和高技术制造业企业扶优计划（修订）"),
    "001": dict(doc_number="清府办函〔2024〕24号", issuer=["清远市人民政府办公室"], issued_on="2024-04-08",
                valid_from=None, valid_until=None, supersedes=[], draft=False,
                policy_title="清远市贯彻落实《广东省推动专精特新企业高质量发展的指导意见》实施方案"),
    "002": dict(doc_number=None, issuer=None, issued_on=None, valid_from=None, valid_until=None, supersedes=[],
                draft=True, title="关于推动制造业高质量发展若干政策措施"),
    "003": dict(doc_number="清工信函〔2025〕16号", issuer=["清远市工业和信息化局"], issued_on="2025-03-04",
                valid_from="2025-03-04", valid_until="2028-03-03", supersedes=[], draft=False,
                policy_title="清远市促进中小企业特色产业集群发展暂行办法"),
    "004": dict(doc_number=None, issuer=["清远市人民政府"], issued_on=None, valid_from=None, valid_until=None,
                supersedes=[], draft=True, title="清远市人民政府关于促进高新技术产业开发区高质量发展的意见"),
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_document_fields(seed):
    document = rules(seed)["document"]
    for field, value in EXPECTED[seed].items():
        assert document[field] == value, field


def test_notice_recipients_contact_and_cc():
    meta = doc("000").meta
    assert meta.recipients == ["清远高新区管委会", "广清产业园管委会", "各县（市、区）人民政府", "市政府各部门", "各直属机构"]
    assert meta.disclosure == "主动公开"
    assert meta.cc[:2] == ["市委有关部委办", "市人大常委会办公室"]
    assert doc("003").meta.contact == {"name": "刘柏麟", "phone": "3530201"}
    assert doc("003").meta.city == "清远" and doc("002").meta.city == "河源"


@pytest.mark.parametrize("text, expected", [
    ("2024年6月28日", "2024-06-28"),
    ("二〇二四年六月二十八日", "2024-06-28"),
    ("2021年**月**日", None),
    ("2024年2月30日", None),
    ("关于2024年6月28日的通知", None),
])
def test_date_lines(text, expected):
    assert parse_date_line(text) == expected


@pytest.mark.parametrize("start, years, months, end", [
    ("2025-03-04", 3, 0, "2028-03-03"),
    ("2024-01-01", 1, 0, "2024-12-31"),
    ("2024-02-29", 1, 0, "2025-02-27"),
    ("2024-01-31", 0, 1, "2024-02-28"),
])
def test_end_of_term(start, years, months, end):
    assert end_of_term(start, years, months) == end


@pytest.mark.parametrize("text, issued, expected", [
    ("本计划自发布之日起施行，有效期至2025年9月5日。", "2024-06-28", ("2024-06-28", "2025-09-05")),
    ("本办法自2025年3月4日起实施，有效期3年。", None, ("2025-03-04", "2028-03-03")),
    ("本办法自2023年1月1日起施行，有效期五年。", None, ("2023-01-01", "2027-12-31")),
    ("本政策有效期为2021年**月**日至2025年**月**日。", None, (None, None)),
    ("本措施有效期为2024年1月1日至2026年12月31日。", None, ("2024-01-01", "2026-12-31")),
    ("本办法自印发之日起实施，有效期3年。", None, (None, None)),
    ("本通知自发布之日起30日后施行，有效期5年。", "2024-03-01", ("2024-03-31", "2029-03-30")),
    ("本措施执行期限为2024年1月1日至2026年12月31日。", None, ("2024-01-01", "2026-12-31")),
    ("本办法自2023年7月1日起至2025年6月30日止施行。", None, ("2023-07-01", "2025-06-30")),
    ("本办法自2024年10月1日起施行，2029年9月30日废止。", None, ("2024-10-01", "2029-09-30")),
    ("本办法自印发之日起施行，至2026年12月31日止。", "2025-02-10", ("2025-02-10", "2026-12-31")),
    ("本办法自2025年3月1日起施行，有效期至2027年底。", None, ("2025-03-01", "2027-12-31")),
    ("本措施自2025年7月1日起实施，实施期限三年。", None, ("2025-07-01", "2028-06-30")),
    # a loan's term is not the policy's
    ("本办法自2025年1月1日起施行。贷款期限3年。", None, ("2025-01-01", None)),
    # another document's repeal date, in a sentence of its own, is not this one's end
    ("本办法自2025年1月1日起施行。《某办法》于2020年1月1日废止。", None, ("2025-01-01", None)),
])
def test_validity(text, issued, expected):
    v = read_validity(text, issued)
    assert (v.valid_from, v.valid_until) == expected


def test_a_term_that_runs_until_a_date_ends_the_validity():
    assert read_validity("本公告自2027年1月1日起执行，执行期限至2029年12月31日。", "2026-11-02").valid_until == "2029-12-31"
    assert read_validity("本细则自2026年3月1日起施行，实施期限至2028年底。", "2026-02-10").valid_until == "2028-12-31"
    assert read_validity("本通知自印发之日起执行，执行期至2028年6月30日。", "2026-05-06").valid_until == "2028-06-30"


def test_repealed_document_by_number_or_title():
    v = read_validity("原《关于支持企业发展的若干措施》（河府〔2019〕12号）同时废止。《甲办法》同时废止。", None)
    assert v.supersedes == ["河府〔2019〕12号", "甲办法"]
    assert v.references[0] == {"title": "关于支持企业发展的若干措施", "doc_number": "河府〔2019〕12号"}
    # an announcement numbered by year, as ministries number theirs
    v = read_validity("《某部 某局关于某类企业税费优惠政策的公告》（某部 某局公告2024年第8号）同时废止。", None)
    assert v.supersedes == ["某部某局公告2024年第8号"]


@pytest.mark.parametrize("text, expected", [
    ("市工业和信息化局、科学技术局、财政局", ["市工业和信息化局", "市科学技术局", "市财政局"]),
    ("市工业和信息化局、市场监督管理局、发展改革局", ["市工业和信息化局", "市市场监督管理局", "市发展改革局"]),
    ("市商务局，清远海关", ["市商务局", "清远海关"]),
    ("市工业和信息化局、财政局、金融工作局，中国人民银行清远市分行", ["市工业和信息化局", "市财政局", "市金融工作局", "中国人民银行清远市分行"]),
    ("县农业农村局、林业局、各乡镇人民政府", ["县农业农村局", "县林业局", "各乡镇人民政府"]),
    ("市“扶优办”、有关部门", ["市“扶优办”", "有关部门"]),
])
def test_abbreviated_unit_lists_are_expanded(text, expected):
    assert expand_abbreviated(split_orgs(text), "清远") == expected


def test_joint_issuers_written_back_to_back():
    assert split_orgs("清远市自然资源局清远市工业和信息化局", joint=True) == ["清远市自然资源局", "清远市工业和信息化局"]
    assert split_orgs("国家税务总局清远市税务局", joint=True) == ["国家税务总局清远市税务局"]
    assert split_orgs("西藏自治区农业农村厅西藏自治区财政厅", joint=True) == ["西藏自治区农业农村厅", "西藏自治区财政厅"]
    assert split_orgs("延边州文化广播电视和旅游局延边州财政局", joint=True) == ["延边州文化广播电视和旅游局", "延边州财政局"]


def test_a_policy_interpretation_is_titled_and_dated_by_its_page():
    text = ("《某市促进会展经济发展若干措施》政策解读\n\n发布机构：某市商务局　　发布时间：2026年3月9日\n\n"
            "　　一、出台背景是什么？\n　　答：为加快会展业发展，市商务局起草了《若干措施》。\n")
    data = rule_file(parse_source(Source("jiedu.txt", text, "text")))["document"]
    assert (data["title"], data["issued_on"]) == ("《某市促进会展经济发展若干措施》政策解读", "2026-03-09")


def test_a_guide_titled_with_its_edition_year_is_titled():
    text = ("某市创业补贴申领办事指南（2026年版）\n\n发布机构：某市人力资源和社会保障局　　发布日期：2026-02-11\n\n"
            "一、事项名称\n\n　　一次性创业补贴申领\n")
    data = rule_file(parse_source(Source("zhinan.txt", text, "text")))["document"]
    assert (data["title"], data["issued_on"]) == ("某市创业补贴申领办事指南（2026年版）", "2026-02-11")


def test_a_page_with_no_signature_is_issued_by_its_source():
    text = ("《某市促进会展经济发展若干措施》政策解读\n\n来源：某市商务局　　发布时间：2026年3月9日\n\n"
            "　　一、出台背景是什么？\n　　答：为加快会展业发展，市商务局起草了《若干措施》。\n")
    data = rule_file(parse_source(Source("jiedu.txt", text, "text")))["document"]
    assert data["issuer"] == ["某市商务局"]


def test_notice_whose_policy_title_is_not_repeated():

    text = (
        "某市人民政府办公室关于印发某市促进数字经济发展若干措施的通知\n某府办〔2024〕3号\n各区人民政府，市政府各部门：\n"
        "现将《某市促进数字经济发展若干措施（试行）》印发给你们，请认真贯彻执行。\n某市人民政府办公室\n2024年2月1日\n"
        "附件：某市促进数字经济高质量发展若干措施\n一、对数字经济核心产业企业，给予最高100万元奖励。\n"
    )
    meta = parse_source(Source("notice.txt", text, "text")).meta
    assert (meta.doc_number, meta.issuer, meta.issued_on) == ("某府办〔2024〕3号", ["某市人民政府办公室"], "2024-02-01")
    assert meta.policy_title == "某市促进数字经济发展若干措施"  # as the notice title names it
    assert meta.recipients == ["各区人民政府", "市政府各部门"]


def test_a_draft_signed_with_a_blank_date_keeps_it_apart_from_the_policy_title():
    text = ("某某市工业和信息化局关于印发某某市支持工业企业技术改造若干措施（征求意见稿）的通知\n"
            "各县（市、区）工业和信息化局：\n"
            "现将《某某市支持工业企业技术改造若干措施（征求意见稿）》印发给你们，请结合实际认真贯彻落实。\n"
            "某某市工业和信息化局\n2024年  月  日\n"
            "某某市支持工业企业技术改造若干措施（征求意见稿）\n"
            "一、对技术改造项目设备投资额500万元以上的，按设备投资额的10%给予补助。\n")
    d = parse_source(Source("draft.txt", text, "text"))
    assert d.text.text.split("\n")[3:6] == ["某某市工业和信息化局", "2024年月日", "某某市支持工业企业技术改造若干措施（征求意见稿）"]
    assert (d.meta.issuer, d.meta.issued_on, d.meta.draft) == (["某某市工业和信息化局"], None, True)
    assert parse_date_line("2024年  月  日") is None and is_date_line("二〇二四年  月  日")


def test_printing_line_closes_the_back_matter_of_an_official_document():
    text = ("肇庆市人民政府文件\n肇府〔2024〕15号\n肇庆市人民政府关于印发肇庆市促进工业经济稳增长若干措施的通知\n"
            "各县（市、区）人民政府，市政府各部门、各直属机构：\n现将《肇庆市促进工业经济稳增长若干措施》印发给你们，请认真组织实施。\n"
            "肇庆市人民政府\n2024年6月20日\n肇庆市促进工业经济稳增长若干措施\n"
            "一、对当年工业增加值增速达到10%以上的规模以上工业企业，给予10万元奖励。\n二、本措施自2024年7月1日起施行，有效期2年。\n"
            "公开方式：主动公开\n抄送：市委各部委办，市人大常委会办公室，市政协办公室。\n"
            "肇庆市人民政府办公室                2024年6月24日印发\n")
    d = parse_source(Source("gongwen.txt", text, "text"))
    assert (d.meta.issued_on, d.meta.disclosure, d.meta.cc) == (
        "2024-06-20", "主动公开", ["市委各部委办", "市人大常委会办公室", "市政协办公室"])
    assert d.clause_text(list(d.walk())[-1]) == "二、本措施自2024年7月1日起施行，有效期2年。"


def test_notice_title_over_three_lines_with_a_revised_policy_title():
    text = ("清远市人民政府办公室\n关于印发清远市扶持优质企业发展办法\n（2024年修订）的通知\n清府办〔2024〕21号\n"
            "各县（市、区）人民政府，市政府各部门、各直属机构：\n"
            "经市人民政府同意，现将《清远市扶持优质企业发展办法（2024年修订）》印发给你们，请认真贯彻执行。"
            "2020年印发的《清远市扶持优质企业发展办法》（清府办〔2020〕8号）同时废止。\n"
            "清远市人民政府办公室\n2024年9月5日\n清远市扶持优质企业发展办法（2024年修订）\n"
            "第一条 对年营业收入首次超过50亿元的企业，给予一次性奖励200万元。\n")
    meta = parse_source(Source("revised.txt", text, "text")).meta
    assert (meta.title, meta.policy_title) == (
        "清远市人民政府办公室关于印发清远市扶持优质企业发展办法（2024年修订）的通知", "清远市扶持优质企业发展办法（2024年修订）")
    assert (meta.doc_number, meta.issuer, meta.issued_on) == ("清府办〔2024〕21号", ["清远市人民政府办公室"], "2024-09-05")
