"""Document fields from what sits around a notice's text: web-page metadata blocks, notes under
the title, orders (令) signed by a head, joint issuers, and the ways a validity is stated."""

import pytest
from zhengce.extract.validity import read_validity
from zhengce.normalize.doc_numbers import find_doc_number, is_doc_number_line, order_issuer
from zhengce.normalize.fields import label_pairs
from zhengce.rulegen.build import document_fields

from zhengce.pipeline import parse


@pytest.fixture
def fields_of(tmp_path):
    """The document fields of a notice written to a text file (read as the reader reads files)."""
    def read(text: str) -> dict:
        path = tmp_path / "notice.txt"
        path.write_text(text, encoding="utf-8")
        return document_fields(parse(path))
    return read


# a page of a city's regulations database copied as text: labels with their values on the next line
DATABASE_PAGE = """基本信息

统一编号：
GZ0320230077

文　　号：
穗交规字〔2023〕3号

实施日期：
2023年05月01日

失效日期：
2028年04月30日

发布机关：
广州市交通运输局,广州市财政局

文件状态：

广州市交通运输局 广州市财政局关于印发广州市新能源出租汽车运营补贴办法的通知

穗交规字〔2023〕3号

各区交通运输局，各出租汽车企业：

为推动出租汽车行业绿色发展，经市人民政府同意，现就新能源出租汽车运营补贴有关事项通知如下：

一、对年度运营里程达到8万公里以上的新能源出租汽车，每车每年给予运营补贴5000元。

二、补贴资金由市、区财政按现行财政体制分担。

三、本通知自2023年5月1日起施行，有效期5年。

广州市交通运输局 广州市财政局

2023年4月10日

附件1

新能源出租汽车运营补贴申请表
"""


def test_a_database_page_block_fills_the_fields_and_stays_out_of_the_title(fields_of):
    doc = fields_of(DATABASE_PAGE)
    assert doc["title"] == "广州市交通运输局广州市财政局关于印发广州市新能源出租汽车运营补贴办法的通知"
    assert (doc["doc_number"], doc["issuer"]) == ("穗交规字〔2023〕3号", ["广州市交通运输局", "广州市财政局"])
    # the date under the signature after the numbered items, not the 实施日期 of the block
    assert (doc["issued_on"], doc["valid_from"], doc["valid_until"]) == ("2023-04-10", "2023-05-01", "2028-04-30")
    assert doc["recipients"] == ["各区交通运输局", "各出租汽车企业"]


def test_the_block_alone_fills_what_the_text_does_not_state(fields_of):
    text = ("文号：\n穗交规字〔2023〕3号\n实施日期：\n2023年05月01日\n失效日期：\n2028年04月30日\n发布机关：\n广州市交通运输局\n"
            "文件状态：\n广州市交通运输局关于调整出租汽车运价的通知\n各区交通运输局：\n一、出租汽车起步价调整为12元。\n")
    doc = fields_of(text)
    assert (doc["title"], doc["doc_number"], doc["issuer"]) == (
        "广州市交通运输局关于调整出租汽车运价的通知", "穗交规字〔2023〕3号", ["广州市交通运输局"])
    assert (doc["valid_from"], doc["valid_until"]) == ("2023-05-01", "2028-04-30")


@pytest.mark.parametrize("block", [
    "[发文机构]国务院办公厅[发文字号]国办发〔2023〕17号[成文日期]2023年06月20日[发布日期]2023年06月25日",
    "[发文机构] 国务院办公厅\n[发文字号] 国办发〔2023〕17号\n[成文日期] 2023年06月20日\n[发布日期] 2023年06月25日",
    "索 引 号：000014349/2023-00041\t主题分类：城乡建设\n发文机关：国务院办公厅\t成文日期：2023年06月20日\n"
    "发文字号：国办发〔2023〕17号\t发布日期：2023年06月25日",
    "| 索引号 | 000014349/2023-00041 | 主题分类 | 城乡建设 |\n|---|---|---|---|\n"
    "| 发文机关 | 国务院办公厅 | 成文日期 | 2023年06月20日 |\n| 发文字号 | 国办发〔2023〕17号 | 发布日期 | 2023年06月25日 |",
])
def test_metadata_blocks_of_government_pages(fields_of, block):
    text = block + "\n国务院办公厅关于进一步加强城市排水防涝工作的意见\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n" \
        "一、到2025年，城市排水防涝能力显著提升。\n"
    doc = fields_of(text)
    assert doc["title"] == "国务院办公厅关于进一步加强城市排水防涝工作的意见"
    assert (doc["doc_number"], doc["issuer"], doc["issued_on"], doc["published_on"]) == (
        "国办发〔2023〕17号", ["国务院办公厅"], "2023-06-20", "2023-06-25")


def test_a_date_in_parentheses_under_the_title_is_the_issue_date(fields_of):
    text = ("中共和平县委 和平县人民政府关于加快县域商业体系建设的实施意见\n（2023年2月8日）\n"
            "为加快县域商业体系建设，结合我县实际，提出如下意见。\n一、对新建乡镇商贸中心的企业，给予一次性补助20万元。\n")
    doc = fields_of(text)
    assert (doc["issued_on"], doc["issuer"]) == ("2023-02-08", ["中共和平县委", "和平县人民政府"])
    assert doc["title"] == "中共和平县委和平县人民政府关于加快县域商业体系建设的实施意见"


def test_a_date_in_parentheses_under_the_document_number_is_the_issue_date(fields_of):
    text = ("中共某县县委 某县人民政府关于加快发展县域特色产业的决定\n某发〔2024〕9号\n（2024年6月3日）\n"
            "为加快发展县域特色产业，县委、县政府作出如下决定。\n一、县发展改革委牵头编制特色产业发展规划。\n")
    doc = fields_of(text)
    assert (doc["doc_number"], doc["issued_on"]) == ("某发〔2024〕9号", "2024-06-03")


def test_joint_issuers_signing_under_a_full_line(fields_of):
    """A sentence as wide as the widest line ends the notice: the signature under it does not continue it."""
    text = (
            "关于印发《某某县农村集体经济发展专项资金管理办法》的通知\n"
            "某农〔2024〕56号\n"
            "各乡镇人民政府、街道办事处：\n"
            "为规范农村集体经济发展专项资金管理，县农业农村局、县财政局制定了《某某县农村集体经济发展专项资金管理办法》，现印发给你们，请遵照执行。\n"
            "某某县农业农村局    某某县财政局\n"
            "2024年11月5日\n"
            "某某县农村集体经济发展专项资金管理办法\n"
            "第一条 县农业农村局负责项目库建设、项目审核和绩效管理。\n"
            "第二条 县财政局负责专项资金的预算安排、资金下达和监督检查。\n"
            "第三条 乡镇人民政府（街道办事处）负责项目的组织申报、实施监管和竣工验收。\n"
            "第四条 村股份经济合作社是项目实施主体，负责项目的具体实施。\n"
            "第五条 本办法自2024年12月5日起施行，有效期3年。\n"
    )
    assert fields_of(text)["issuer"] == ["某某县农业农村局", "某某县财政局"]


def test_an_emergency_plan_is_titled_by_its_kind(fields_of):
    assert fields_of("某市防汛防旱应急预案\n一、总则\n为做好防汛防旱工作，制定本预案。\n")["title"] == "某市防汛防旱应急预案"


def test_a_regulation_under_its_order_number_note(fields_of):
    text = ("中华人民共和国某某管理条例\n（2022年5月10日中华人民共和国国务院令第750号公布）\n第一章　总则\n"
            "第一条　为了规范某某管理，制定本条例。\n第二条　本条例自2022年8月1日起施行。\n")
    doc = fields_of(text)
    assert (doc["title"], doc["doc_number"], doc["issuer"], doc["issued_on"], doc["valid_from"]) == (
        "中华人民共和国某某管理条例", "中华人民共和国国务院令第750号", ["国务院"], "2022-05-10", "2022-08-01")


def test_a_regulation_passed_by_a_congress_standing_committee(fields_of):
    text = ("某省促进科技成果转化条例\n（2024年9月26日某省第十四届人民代表大会常务委员会第十次会议通过）\n第一章　总则\n"
            "第一条　为了促进科技成果转化，制定本条例。\n第二条　本条例自2025年1月1日起施行。\n")
    doc = fields_of(text)
    assert (doc["title"], doc["doc_number"], doc["issuer"], doc["issued_on"], doc["valid_from"]) == (
        "某省促进科技成果转化条例", None, ["某省人民代表大会常务委员会"], "2024-09-26", "2025-01-01")


def test_an_announcement_numbered_by_year(fields_of):
    text = ("财政部 税务总局关于延续实施某项税收优惠政策的公告\n财政部 税务总局公告2025年第6号\n"
            "现将有关政策公告如下：\n一、对符合条件的小型微利企业，减按25%计入应纳税所得额。\n二、本公告执行至2027年12月31日。\n"
            "财政部 税务总局\n2025年3月20日\n")
    doc = fields_of(text)
    assert (doc["doc_number"], doc["issuer"], doc["issued_on"], doc["valid_until"]) == (
        "财政部税务总局公告2025年第6号", ["财政部", "税务总局"], "2025-03-20", "2027-12-31")


def test_an_order_signed_by_the_head_of_government(fields_of):
    text = ("中华人民共和国国务院令\n第750号\n《中华人民共和国某某管理条例》已经2022年4月20日国务院第170次常务会议通过，"
            "现予公布，自2022年8月1日起施行。\n总理　张某某\n2022年5月10日\n中华人民共和国某某管理条例\n"
            "第一条　为了规范某某管理，制定本条例。\n")
    doc = fields_of(text)
    assert (doc["doc_number"], doc["issuer"], doc["issued_on"], doc["valid_from"]) == (
        "中华人民共和国国务院令第750号", ["国务院"], "2022-05-10", "2022-08-01")


def test_joint_issuers_signing_on_several_lines_under_a_contact_line(fields_of):
    text = ("某市卫生健康委等4部门关于印发某市社区医院建设实施方案的通知\n某卫函〔2023〕210号\n各区卫生健康局：\n"
            "现将《某市社区医院建设实施方案》印发给你们，请贯彻执行。\n市卫生健康委联系人：王某，联系电话：81080000\n"
            "　　某市卫生健康委员会            某市财政局\n　　某市人力资源和社会保障局      某市医疗保障局\n2023年10月9日\n"
            "某市社区医院建设实施方案\n一、到2025年，建成社区医院20家。\n")
    doc = fields_of(text)
    assert doc["issuer"] == ["某市卫生健康委员会", "某市财政局", "某市人力资源和社会保障局", "某市医疗保障局"]
    assert (doc["issued_on"], doc["contact"]) == ("2023-10-09", {"name": "王某", "phone": "81080000"})


def test_a_draft_regulation_titled_with_its_revision_note(fields_of):
    doc = fields_of("某某工资支付条例（修订草案征求意见稿）\n第一条　为了规范工资支付行为，制定本条例。\n")
    assert (doc["title"], doc["draft"]) == ("某某工资支付条例（修订草案征求意见稿）", True)


def test_a_numbered_heading_or_a_site_section_is_never_the_title(fields_of):
    assert fields_of("通知公告\n一、工作方案\n对新认定的企业给予10万元奖励。\n")["title"] is None


@pytest.mark.parametrize("text, number, issuer", [
    ("（皖开放办〔2022〕6号）", "皖开放办〔2022〕6号", None),
    ("中华人民共和国国务院令 第746号", "中华人民共和国国务院令第746号", "国务院"),
    ("某省人民政府令第300号", "某省人民政府令第300号", "某省人民政府"),
    ("住房城乡建设部令第11号", "住房城乡建设部令第11号", "住房城乡建设部"),
    ("国家税务总局公告2024年第3号", "国家税务总局公告2024年第3号", None),
])
def test_document_and_order_numbers(text, number, issuer):
    assert is_doc_number_line(text) and find_doc_number(text) == number and order_issuer(text) == issuer


def test_label_pairs_keep_an_empty_value_for_the_next_line():
    assert label_pairs("文　　号：") == [("文号", "")]
    assert label_pairs("【发布机构】某市商务局【成文日期】2024-03-15") == [("发布机构", "某市商务局"), ("成文日期", "2024-03-15")]


@pytest.mark.parametrize("text, titles, issued, expected", [
    # the term stated with the start, not a certificate's term earlier in the text
    ("星级评定结果有效期三年。第五十二条　本办法自印发之日起施行，有效期5年。", (), "2022-09-06", ("2022-09-06", "2027-09-05")),
    ("本办法自2024年1月1日起施行。评定结果有效期三年。本办法试行期2年。", (), None, ("2024-01-01", "2025-12-31")),
    ("本方案自印发之日起实施。", ("某市促进工业发展三年行动计划（2016—2018年）",), "2016-05-04", ("2016-05-04", "2018-12-31")),
    ("加快推进工业发展。", ("某市数字经济发展规划（2021-2025年）",), None, ("2021-01-01", "2025-12-31")),
    ("加快推进工业发展。", ("某市2022年数字政府建设考评办法",), None, (None, None)),
    # a trial run from issue, with its trial term; an end said with the verb that runs the document
    ("本办法自印发之日起试行，试行期两年。", (), "2024-11-20", ("2024-11-20", "2026-11-19")),
    ("本通知自2025年5月1日起施行，执行至2025年12月31日。", (), None, ("2025-05-01", "2025-12-31")),
    ("本公告执行至2027年12月31日。", (), "2025-03-20", (None, "2027-12-31")),
    ("补贴政策执行至2025年12月31日。", (), None, (None, None)),
])
def test_validity_statements(text, titles, issued, expected):
    v = read_validity(text, issued, titles)
    assert (v.valid_from, v.valid_until) == expected
