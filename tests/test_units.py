"""Responsible units named in running text: the names (normalize/unit_names.py) and the frames that
make a body act (extract/unit_frames.py), on sentences of real notices and sentences in their style."""

import pytest
from zhengce.extract.responsibility import of_sentence
from zhengce.normalize.unit_names import unit_list

from tests.test_extract import extract_text


@pytest.mark.parametrize("written, names", [
    ("市、区财政部门", ["市财政部门", "区财政部门"]),
    ("市人力资源和社会保障、民政部门", ["市人力资源和社会保障部门", "市民政部门"]),
    ("区、镇人民政府和街道办事处", ["区人民政府", "镇人民政府", "街道办事处"]),
    ("统计、市场监管部门", ["统计部门", "市场监管部门"]),
    ("民政、价格、市场监管等部门、服务对象和社会公众", ["民政部门", "价格部门", "市场监管部门"]),
    ("市、区两级财政", ["市财政", "区财政"]),
    ("市住建局、审批服务局", ["市住建局", "市审批服务局"]),
    ("县自然资源局、农业农村局、林业局", ["县自然资源局", "县农业农村局", "县林业局"]),
    ("税务等有关部门", ["税务部门"]),
    ("各区、街道（镇）", ["各区", "街道（镇）"]),
    ("我市医疗保险经办机构", ["市医疗保险经办机构"]),
    ("用人单位", []),
    ("各区、各部门", ["各区", "各部门"]),
    ("市、区发展改革、残联等单位", ["市发展改革部门", "区发展改革部门", "市残联", "区残联"]),
])
def test_a_written_list_names_each_body(written, names):
    assert list(unit_list(written)) == names


@pytest.mark.parametrize("sentence, units, lead", [
    # dev2 sentences
    ("市、区卫生健康部门负责统筹推进医养结合和老年人健康服务工作。", ["市卫生健康部门", "区卫生健康部门"], []),
    ("社区养老服务设施应当由区、镇人民政府和街道办事处负责建设，也可以通过与社会力量合作共建的方式建设。",
     ["区人民政府", "镇人民政府", "街道办事处"], []),
    ("区科技行政主管部门向区财政局申请拨付扶持奖励资金。", ["区科技行政主管部门", "区财政局"], []),
    ("区科技行政主管部门应会同统计、市场监管部门，对企业进行核查。", ["区科技行政主管部门", "统计部门", "市场监管部门"], []),
    ("须经区人民政府同意后向社会公布，并报送市民政部门。", ["区人民政府", "市民政部门"], []),
    ("市级综合养老服务示范中心由市养老服务指导单位进行服务评估。", ["市养老服务指导单位"], []),
    ("接受民政、价格、市场监管等部门、服务对象和社会公众监督。", ["民政部门", "价格部门", "市场监管部门"], []),
    ("市人力资源社会保障部门应牵头会同相关部门，制定办法。", ["市人力资源社会保障部门"], ["市人力资源社会保障部门"]),
    ("登记机关或者其上级机关认定撤销市场主体登记决定错误的，可以撤销。", ["登记机关"], []),
    # written in the same styles
    ("县、镇农业农村部门负责耕地保护补贴资金的发放工作。", ["县农业农村部门", "镇农业农村部门"], []),
    ("具体办法由市商务局会同市财政局另行制定。", ["市商务局", "市财政局"], []),
    ("补贴资金经区工科信局审核后，由区财政局拨付。", ["区工科信局", "区财政局"], []),
    ("区发展改革局商区财政局、区统计局等部门确定年度名单。", ["区发展改革局", "区财政局", "区统计局"], []),
    ("有条件的县、乡人民政府可以设立服务站点。", ["县人民政府", "乡人民政府"], []),
    ("企业应当于每年3月底前向区商务局提交申请材料。", ["区商务局"], []),
    ("用人单位应当按规定为职工缴纳社会保险费。", [], []),
    ("各县（市、区）财政局，市直有关单位：", [], []),
    ("成员：市财政局，市税务局等单位主要负责同志。", [], []),
    # a body before a person's title does not act; a verb and its object are not a name
    ("建立联席会议制度，由市政府分管领导为召集人。", [], []),
    ("专题请示市政府同意后实施。", [], []),
    ("各区可根据本办法制定实施细则。", ["各区"], []),
    # a subject before any verb, not only a listed one; a title is no duty
    ("市统计局提供企业上一年度的统计数据。", ["市统计局"], []),
    ("各县（市、区）人民政府切实履行属地责任。", ["各县（市、区）人民政府"], []),
    ("某市住房和城乡建设局关于进一步加强住房保障工作的通知", [], []),
    ("坚持政府主导、社会参与。", [], []),
    ("由市、区两级财政按照现行财政体制分担。", ["市财政", "区财政"], []),
])
def test_the_bodies_a_sentence_makes_act(sentence, units, lead):
    found = of_sentence(sentence, "某市")
    assert ((found.units, found.lead) if found else ([], [])) == (units, lead)


ONE_ARTICLE_MANY_DUTIES = """某市促进就业办法
第六条 市发展改革局负责就业项目的统筹安排；市人力资源社会保障局负责就业补贴的审核；市财政局负责资金保障。
第七条 对吸纳就业的企业给予每人1000元补贴。（责任单位：市人力资源社会保障局）
"""


def test_each_duty_of_an_article_is_its_own_rule():
    found = extract_text(ONE_ARTICLE_MANY_DUTIES)
    assert [(r["kind"], r["text"], r["responsible_units"]) for r in found] == [
        ("measure", "第六条市发展改革局负责就业项目的统筹安排；", ["市发展改革局"]),
        ("measure", "市人力资源社会保障局负责就业补贴的审核；", ["市人力资源社会保障局"]),
        ("measure", "市财政局负责资金保障。", ["市财政局"]),
        ("benefit", "第七条对吸纳就业的企业给予每人1000元补贴。（责任单位：市人力资源社会保障局）",
         ["市人力资源社会保障局"]),
    ]


MID_PARAGRAPH_BRACKETS = """某省贸易措施
一、扩大出口。建立商品税率对比清单。（省海关负责）巩固传统产品出口优势。（省商务厅牵头，省农业农村厅参与）
二、推动绿色发展。推广绿色设计。（省工业和信息化厅指导，各市政府负责落实。以下均需各市政府落实，不再列出）健全标准体系。（省市场监管局指导）
"""


def test_a_bracket_after_a_sentence_closes_its_measure():
    found = extract_text(MID_PARAGRAPH_BRACKETS)
    assert [(r["text"][-12:], r["responsible_units"], r["lead_units"]) for r in found] == [
        ("对比清单。（省海关负责）", ["省海关"], []),
        ("牵头，省农业农村厅参与）", ["省商务厅", "省农业农村厅"], ["省商务厅"]),
        ("各市政府落实，不再列出）", ["省工业和信息化厅", "各市政府"], []),
        ("系。（省市场监管局指导）", ["省市场监管局", "各市政府"], []),
    ]


TASK_TABLE = (
    "某市推进社区服务工作方案\n一、主要任务\n（一）完善服务网络。加快社区服务设施建设。\n"
    "附件\n任务分工表\n序号\n\t工作事项\n\t主要内容\n\t牵头单位\n\t配合单位\n"
    "1\n\t完善服务网络。\n\t各区要合理布局社区服务站点，到2025年实现全覆盖。\n\t各区政府\n\t市民政局、市财政局\n"
    "推动服务数字化，建设统一的社区服务平台。\n\t市政务服务数据管理局\n\t市民政局\n"
)


def test_a_task_table_row_ends_in_its_cells_of_units():
    found = extract_text(TASK_TABLE)
    assert [(r["text"][:12], r["responsible_units"], r["lead_units"]) for r in found if r["responsible_units"]] == [
        ("完善服务网络。\n各区要合", ["各区政府", "市民政局", "市财政局"], ["各区政府"]),
        ("推动服务数字化，建设统一", ["市政务服务数据管理局", "市民政局"], ["市政务服务数据管理局"]),
    ]
