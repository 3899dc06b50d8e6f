"""The role of a figure (benefit, threshold, target, other) on sentences written in the styles of
real notices: 办法 with penalties, 办事指南 tables, 积分 scales, 实施方案 goals, 细则 with rates."""

import json

import pytest
from zhengce.extract.nlp import ATTRIBUTES, lexicon
from zhengce.extract.roles import FEATURES, table
from zhengce.rulegen.build import rule_file

from zhengce.model import Source
from zhengce.pipeline import parse_source

ROLE_OF_KEY = {"conditions": "threshold", "benefits": "benefit", "targets": "target", "others": "other"}


def roles(text: str, title: str = "某市某某管理办法") -> list[tuple[str, float, str]]:
    """(role, value, unit) of every amount of money and percentage of the rule file, in rule order."""
    data = rule_file(parse_source(Source("example.txt", f"{title}\n{text}", "text")))
    out = []
    for rule in data["rules"]:
        for key, role in ROLE_OF_KEY.items():
            for q in rule[key]:
                for item in (q, q.get("min"), q.get("max")):
                    if isinstance(item, dict) and item.get("unit", "").split("/")[0] in ("CNY", "%"):
                        out.append((role, item["value"], item["unit"]))
    return out


def review(text: str, title: str = "某市某某管理办法") -> list[list[str]]:
    data = rule_file(parse_source(Source("example.txt", f"{title}\n{text}", "text")))
    return [r["review"] for r in data["rules"]]


def test_penalties_are_other_not_thresholds():
    text = "第三十条 违反本条例规定，拒不改正的，由登记机关处2万元以上20万元以下的罚款；情节严重的，处虚报金额3%以上10%以下的罚款。"
    assert roles(text) == [("other", 20000, "CNY"), ("other", 200000, "CNY"), ("other", 3, "%"), ("other", 10, "%")]


def test_figures_of_misconduct_are_other_not_thresholds():
    text = "第十六条 骗取补贴资金超过5万元的，移送司法机关处理，并按所骗取金额加收年利率6%的资金占用费。"
    assert roles(text) == [("other", 50000, "CNY"), ("other", 6, "%")]


def test_table_copied_as_text_takes_the_role_of_its_amount_header():
    text = ("一、补助范围\n附表\n序号\t项目\t一次性补助标准\t备注\n"
            "1\t新建社区长者食堂\t30万元/个\t按面积核定\n2\t改造社区长者食堂\t10万元/个\t—\n")
    assert roles(text) == [("benefit", 300000, "CNY/个"), ("benefit", 100000, "CNY/个")]


def test_a_table_row_keeps_its_cells_apart_and_its_source_text():
    text = "序号\t病种\t月最高支付限额\n1\t高血压病\t200元/月\n2\t糖尿病\t300元/月\n"
    data = rule_file(parse_source(Source("example.txt", "某市门诊特定病种支付标准\n" + text, "text")))
    quotes = [r["quote"] for r in data["rules"]]
    assert quotes == ["1\t高血压病\t200元/月", "2\t糖尿病\t300元/月"]


def test_tiers_of_a_points_scale_are_thresholds_with_their_bounds_marked():
    text = "（二）个人所得税：近3个纳税年度累计缴纳个人所得税2万—5万元（含2万元，不含5万元）（6分）；5万元以上（含5万元）（10分）。"
    data = rule_file(parse_source(Source("example.txt", "某市积分制入户管理办法\n" + text, "text")))
    conditions = [c for r in data["rules"] for c in r["conditions"]]
    assert [(c["op"], c["value"], c.get("inclusive")) for c in conditions] == [
        (">=", 20000, True), ("<", 50000, False), (">=", 50000, True)]
    assert roles(text) == [("threshold", 20000, "CNY"), ("threshold", 50000, "CNY"), ("threshold", 50000, "CNY")]


def test_a_payment_named_before_its_figure_is_a_benefit_with_its_cap():
    text = "第八条 本市低收入家庭临时救助标准不超过300元/人/日，补贴标准为建筑面积每平方米40元。"
    assert roles(text) == [("benefit", 300, "CNY/人/日"), ("benefit", 40, "CNY")]


def test_a_case_clause_ending_in_de_is_a_threshold_even_about_a_subsidy():
    text = "第五条 按上述公式计算每户每月租赁补贴不足300元的，按照300元/月予以发放。"
    assert roles(text) == [("threshold", 300, "CNY"), ("benefit", 300, "CNY/月")]


def test_goals_of_a_plan_are_targets_and_say_they_are_guesses():
    text = ("二、主要任务\n（一）推动二级医院预留20%的号源给基层家庭医生，全市签约服务覆盖率不低于45%，"
            "每年提升2～4个百分点。")
    assert roles(text, "某市推进家庭医生签约服务实施方案") == [
        ("target", 20, "%"), ("target", 45, "%"), ("target", 2, "%"), ("target", 4, "%")]


def test_the_same_comparison_in_a_regulation_is_a_threshold():
    text = "第六条 申请人家庭人均月收入低于本市最低工资标准的150%的，可以申请临时救助。"
    assert roles(text) == [("threshold", 150, "%")]


def test_a_split_of_money_is_other_and_the_sentence_is_kept():
    text = "（三）年签约服务费的70%用于签约团队的薪酬分配，30%用于机构统筹。"
    assert roles(text, "某区家庭医生签约服务管理办法") == [("other", 70, "%"), ("other", 30, "%")]


def test_a_figure_enumerated_before_a_payment_word_shares_its_role():
    text = "第九条 门诊费用按一级医疗机构80%、其他医疗机构60%的支付比例支付。"
    assert roles(text) == [("benefit", 80, "%"), ("benefit", 60, "%")]


def test_a_formula_factor_is_no_figure():
    text = "（四）签约率。力争2025年达到60%。签约率=签约人数/常住人口数*100%。"
    assert roles(text, "某市家庭医生工作方案") == [("target", 60, "%")]


def test_counts_and_durations_are_no_eligibility_conditions():
    text = "二、分3批次遴选不超过40家企业，公示期为5个工作日，梳理不少于30类应用场景。"
    data = rule_file(parse_source(Source("example.txt", "某市试点企业遴选工作方案\n" + text, "text")))
    assert [r for r in data["rules"] if r["kind"] == "eligibility"] == []


def test_an_unsure_role_is_kept_and_says_why():
    text = "第七条 申报项目的合同金额不低于30万元。"
    assert roles(text) == [("threshold", 300000, "CNY")]
    assert review(text)[0][0] == "unsure role for 30万元: read as threshold only because of compared"


def test_every_table_row_names_known_features_and_a_role():
    assert {f for row in table() for f in row.needs + row.refuses} <= FEATURES.keys()
    assert {row.role for row in table()} <= {"benefit", "threshold", "target", "other"}


@pytest.mark.parametrize("entry", lexicon(), ids=lambda e: e["pattern"])
def test_each_lexicon_word_is_written_once_with_known_attributes(entry):
    assert set(entry) - {"pattern"} <= set(ATTRIBUTES), json.dumps(entry, ensure_ascii=False)
    assert [e["pattern"] for e in lexicon()].count(entry["pattern"]) == 1


def test_duties_of_the_government_are_no_conditions():
    # `提供…指导` names no payment: what precedes it is a duty, not a test of the applicant
    text = "（二）家庭医生应每季度至少主动联系2次签约居民，提供针对性健康指导。"
    data = rule_file(parse_source(Source("example.txt", "某区家庭医生签约服务管理办法\n" + text, "text")))
    assert [r for r in data["rules"] if r["conditions"]] == []


def test_a_framing_dui_opens_its_segment():
    # 对象 and 针对 are no `对…的` condition frame
    text = "第四条 资助对象为本市户籍的低保家庭等4类人员，针对首年关税为零的300种商品加大开拓力度。"
    data = rule_file(parse_source(Source("example.txt", "某市服务资助办法\n" + text, "text")))
    assert [c["value"] for r in data["rules"] for c in r["conditions"]] == []


def test_ages_and_counts_under_an_eligibility_heading_are_conditions():
    text = "一、申请条件\n（一）申请人年龄在18周岁以上、55周岁以下。\n二、办理时限\n受理之日起5个工作日内办结。"
    data = rule_file(parse_source(Source("example.txt", "某区创业补贴办事指南\n" + text, "text")))
    assert [(c["value"], c["unit"], c["op"]) for r in data["rules"] for c in r["conditions"]] == [
        (18, "周岁", ">="), (55, "周岁", "<=")]


def test_a_payment_schedule_is_other():
    text = "十、奖补资金分两年拨付，第一年拨付60%，第二年拨付40%。"
    assert roles(text, "某市促进制造业发展若干措施") == [("other", 60, "%"), ("other", 40, "%")]
    assert review(text, "某市促进制造业发展若干措施") == [[]]


def test_a_metric_before_a_colon_heads_the_tiers_after_it():
    text = "（一）近3个纳税年度累计缴纳个人所得税：2万—4万元（含2万元，不含4万元）（5分）；4万元以上（含4万元）（10分）。"
    data = rule_file(parse_source(Source("example.txt", "某市积分制入户管理办法\n" + text, "text")))
    conditions = [c for r in data["rules"] for c in r["conditions"]]
    assert [(c["variable"], c["op"], c["value"]) for c in conditions] == [
        ("个人所得税.近三年累计", ">=", 20000), ("个人所得税.近三年累计", "<", 40000), ("个人所得税.近三年累计", ">=", 40000)]
    assert [r["logic"] is not None for r in data["rules"] if r["conditions"]] == [True, True]


def test_a_figure_before_a_paid_figure_is_its_condition_even_about_money():
    text = "第三条 上市企业募集资金的40%以上投资于本区的，按实际投资额的2%给予奖励，最高不超过300万元。"
    assert roles(text) == [("threshold", 40, "%"), ("benefit", 2, "%"), ("benefit", 3000000, "CNY")]


def test_a_reduced_tax_base_is_a_benefit():
    text = "四、小微企业年应纳税所得额不超过200万元的部分，减按25%计入应纳税所得额。"
    assert roles(text, "某省支持小微企业发展若干措施") == [("threshold", 2000000, "CNY"), ("benefit", 25, "%")]


def test_what_a_fund_pays_is_a_benefit():
    text = "第十条 起付标准以上部分由统筹基金支付85%，财政补助标准为每人每年660元。"
    assert roles(text, "某市城乡居民基本医疗保险实施细则") == [("benefit", 85, "%"), ("benefit", 660, "CNY")]


def test_a_rate_of_a_government_service_is_a_goal():
    """综合一窗率, 全程网办率: rates of the whole service (lexicon `public`), goals of the bodies assessed."""
    text = "一、政务服务\n9.各级政务服务大厅综合一窗率达90%以上，全程网办率不低于80%。"
    assert roles(text, "某市数字政府建设考评办法") == [("target", 90, "%"), ("target", 80, "%")]


def test_a_count_in_a_goal_sentence_is_no_condition_of_the_payment_after_it():
    text = "（十）到2026年，全市评选150名青年人才，其中制造业人才50名，对被评定为青年拔尖人才的给予每人5万元奖励。"
    data = rule_file(parse_source(Source("example.txt", "某市人才发展若干措施\n" + text, "text")))
    assert [(r["kind"], [c.get("value") for c in r["conditions"]], [t["value"] for t in r["targets"]])
            for r in data["rules"]] == [("benefit", [], []), ("target", [], [150, 50])]


def test_a_share_of_a_base_is_paid_unless_something_is_compared_with_it():
    # 按/以/为…的X% pays a share of the base; a comparison between the base and the figure makes it
    # what the applicant's amount is tested against; a cap there (按不超过…的) still pays
    text = ("（三）公共租赁住房租金按市场租金的60%计收。"
            "物业服务费超出家庭月可支配收入的10%的，按家庭月可支配收入的10%收取。"
            "承租家庭的租金缴交比例为项目租金标准的20%－50%。"
            "购置设备的，按不超过设备购置额的15%给予补助。")
    assert roles(text, "某县公共租赁住房租金管理办法") == [
        ("benefit", 60, "%"), ("threshold", 10, "%"), ("benefit", 10, "%"),
        ("benefit", 20, "%"), ("benefit", 50, "%"), ("benefit", 15, "%")]


def test_a_figure_in_a_list_of_what_must_be_met_is_a_threshold():
    text = ("二、认定标准\n（一）申请认定的慢性病患者须符合下列情形之一：\n"
            "1.经规范治疗6个月后症状改善（30%-60%）；\n2.肝功能检查异常。\n"
            "（二）补助标准\n每人每年补助1200元。")
    assert roles(text, "某市门诊慢性病认定和补助办法") == [
        ("threshold", 30, "%"), ("threshold", 60, "%"), ("benefit", 1200, "CNY")]


def test_money_no_row_places_is_a_benefit_that_says_it_is_a_guess():
    text = "三、改造标准\n甲档每户3600元，乙档每户2400元。"
    assert roles(text, "某县农村危房改造实施办法") == [("benefit", 3600, "CNY"), ("benefit", 2400, "CNY")]
    assert review(text, "某县农村危房改造实施办法")[0][:2] == [
        "unsure role for 3600元: read as benefit only because of money_default",
        "unsure role for 2400元: read as benefit only because of money_default"]


def test_the_role_and_the_condition_read_one_head_through_connectives():
    # one reading of "the metric names the figure" serves the role and the condition: 累计 and 首次
    # stand between 纳税额/营业收入 and the figure; 累计 before a comparison gives nothing
    text = ("二、申报条件\n（一）在本区登记注册，近三年纳税额累计达到500万元以上；\n（二）上年度营业收入首次突破1亿元。\n"
            "三、支持标准\n符合条件的企业，给予一次性奖励20万元。")
    assert roles(text, "某区促进企业发展若干措施") == [
        ("threshold", 5000000, "CNY"), ("threshold", 100000000, "CNY"), ("benefit", 200000, "CNY")]
    assert review(text, "某区促进企业发展若干措施")[:2] == [[], []]
    data = rule_file(parse_source(Source("example.txt", "某区促进企业发展若干措施\n" + text, "text")))
    assert [(c["variable"], c["op"]) for r in data["rules"] for c in r["conditions"]] == [
        ("纳税额.近三年", ">="), ("营业收入.上一年度", ">")]


def test_a_payment_word_inside_a_longer_word_is_still_read():
    # the segmenter's dictionary has 财政补贴 and 补贴额 as words: the payment word at their edge is a cue
    text = "第九条 保费由中央财政补贴45%，省级财政补贴25%。\n第十条 每件商品补贴额不超过2000元。"
    assert roles(text, "某省农业保险保费补贴管理办法") == [
        ("benefit", 45, "%"), ("benefit", 25, "%"), ("benefit", 2000, "CNY")]


def test_a_budget_the_government_sets_aside_is_money_it_gives_and_says_it_is_a_budget():
    text = ("第十五条 县财政每年统筹安排乡村产业发展资金800万元，用于本办法规定的奖补。\n"
            "第十六条 全年分三批发放惠民消费券，发放总额1000万元。\n"
            "第十七条 对新建冷库的经营主体，给予一次性补助资金5万元。")
    assert roles(text, "某县乡村产业发展扶持办法") == [
        ("benefit", 8000000, "CNY"), ("benefit", 10000000, "CNY"), ("benefit", 50000, "CNY")]
    reasons = review(text, "某县乡村产业发展扶持办法")
    assert "unsure role for 800万元: read as benefit only because of budget" in reasons[0]
    assert not any("budget" in why for why in reasons[2])


def test_what_an_applicant_pays_and_reference_rates_are_other():
    text = ("第八条 单位缴费比例为16%，个人缴费比例为8%。\n"
            "第九条 贴息按一年期贷款市场报价利率的50%给予，目前一年期LPR为3.1%，"
            "贷款利率可在LPR基础上上浮1个百分点。\n"
            "第十条 参保人员个人先行自付比例为10%，其余部分由统筹基金按80%的比例给予报销。")
    assert roles(text, "某市就业创业补贴实施办法") == [
        ("other", 16, "%"), ("other", 8, "%"), ("benefit", 50, "%"), ("other", 3.1, "%"), ("other", 1, "%"),
        ("benefit", 80, "%"), ("other", 10, "%")]


def test_a_split_is_read_in_its_segment_or_in_a_segment_that_leaves_out_its_head():
    text = ("第十一条 专项资金中，用于公共服务平台建设的资金不超过20%，其中省级财政出资比例为40%。\n"
            "第十二条 奖补资金用于企业数字化改造：原则上不低于70%。\n"
            "第十三条 资金主要用于算力券发放，对用于大模型训练的，支持比例提高至40%。")
    assert roles(text, "某市数字经济专项资金管理办法") == [
        ("other", 20, "%"), ("other", 40, "%"), ("other", 70, "%"), ("benefit", 40, "%")]


def test_shares_in_columns_a_public_purse_heads_are_paid():
    text = ("三、保费分担\n险种\t保险费率\t中央财政\t省级财政\t县级财政\t农户自缴\n"
            "水稻种植保险\t6%\t40%\t30%\t15%\t15%\n"
            "四、骗取保费补贴的，追回资金，并按骗取金额的10%收取违约金。")
    assert roles(text, "某省农业保险保费补贴实施办法") == [
        ("benefit", 40, "%"), ("benefit", 30, "%"), ("benefit", 15, "%"),
        ("other", 6, "%"), ("other", 15, "%"), ("other", 10, "%")]


def test_a_figure_that_leaves_out_the_payment_before_it_pays_too():
    text = ("第六条 门诊统筹支付比例在职职工为65%，退休人员为75%。年度最高支付限额在职职工为2500元，退休人员为3500元。\n"
            "第七条 购买新能源汽车的，每辆补贴2000元；价格在10万元以下的每辆补贴1000元。")
    assert roles(text, "某市医疗保障和消费补贴办法") == [
        ("benefit", 65, "%"), ("benefit", 75, "%"), ("benefit", 2500, "CNY"), ("benefit", 3500, "CNY"),
        ("benefit", 2000, "CNY"), ("threshold", 100000, "CNY"), ("benefit", 1000, "CNY")]


def test_a_payment_capped_at_a_share_of_a_base_and_a_case_about_an_institution():
    text = ("第八条 单个项目支持金额原则上不超过其实际投资额的30%，贷款最高额度为50万元。\n"
            "第九条 上年度平均入住率低于40%的机构，不予发放运营补贴。")
    assert roles(text, "某市养老服务设施建设补助办法") == [
        ("benefit", 30, "%"), ("benefit", 500000, "CNY"), ("threshold", 40, "%")]


def test_a_clause_after_a_semicolon_goes_on_from_the_one_before():
    text = ("（二）支付比例。在一级定点医疗机构就医的，在职职工支付比例为75%，退休人员为85%；"
            "在二级定点医疗机构就医的，在职职工为65%，退休人员为75%。")
    assert roles(text, "某市职工基本医疗保险门诊共济保障实施办法") == [
        ("benefit", 75, "%"), ("benefit", 85, "%"), ("benefit", 65, "%"), ("benefit", 75, "%")]


def test_a_payment_word_inside_what_is_compared_pays_nothing():
    # 不低于 opens what the figure is compared with: 奖补资金 there is a base, not the figure's payment
    text = ("二、申报条件\n（三）地方配套资金总额原则上不低于省级奖补资金的40%。\n"
            "三、支持标准\n单价在5万元（含）以上的设备，每台补贴3000元。")
    assert roles(text, "某省中小企业数字化转型试点城市申报通知") == [
        ("threshold", 40, "%"), ("threshold", 50000, "CNY"), ("benefit", 3000, "CNY")]


def test_a_goal_about_a_payment_is_a_target():
    text = ("一、工作目标\n2027年，全市新增发放创业担保贷款不低于20亿元。\n"
            "二、支持措施\n个人创业担保贷款最高额度为30万元。")
    assert roles(text, "某市创业担保贷款工作实施意见") == [("target", 2000000000, "CNY"), ("benefit", 300000, "CNY")]


def test_a_charge_a_payment_is_paid_on_is_no_charge():
    text = ("第五条 保险金额为每亩1000元，保费为每亩50元。中央财政补贴保费的40%，县级财政再给予保费10%的补贴。")
    assert roles(text, "某县水稻种植保险保费补贴办法") == [
        ("other", 1000, "CNY"), ("other", 50, "CNY"), ("benefit", 40, "%"), ("benefit", 10, "%")]


def test_standards_floors_and_funds_of_a_set_size():
    text = ("第三条 全县城市低保标准调整为每人每月800元。\n"
            "第四条 旅游包机每架次（游客不少于100人）给予奖励2万元。\n"
            "第五条 取得高级工证书的，补贴标准由各市确定，原则上不低于每人2000元。\n"
            "第六条 区政府设立规模5亿元的产业引导基金。")
    assert roles(text, "某县社会救助和文旅促进办法") == [
        ("benefit", 800, "CNY"), ("benefit", 20000, "CNY"), ("benefit", 2000, "CNY"), ("benefit", 500000000, "CNY")]


def test_a_changed_figure_a_schedule_and_a_budget_named_before_its_verb():
    text = ("第七条 住房公积金贷款最高额度由50万元提高至70万元。\n"
            "第八条 项目验收后，按照补助资金的60%先行预拨，县级配套比例不低于20%。\n"
            "第九条 市财政每年在乡村振兴专项资金中安排5000万元。")
    assert roles(text, "某市住房和乡村振兴资金管理办法") == [
        ("benefit", 700000, "CNY"), ("other", 500000, "CNY"), ("other", 60, "%"), ("other", 20, "%"),
        ("benefit", 50000000, "CNY")]


def test_goals_of_rates_and_changes_from_a_base_year():
    text = ("一、工作目标\n全省基本医疗保险参保率稳定在96%以上，资金支出率达到100%，"
            "进出口整体通关时间较2024年压缩8%以上。\n"
            "二、资金兑付\n9月底前兑付60%，年底前兑付剩余40%。")
    assert roles(text, "某省惠农补贴资金兑付工作方案") == [
        ("target", 96, "%"), ("target", 100, "%"), ("target", 8, "%"), ("other", 60, "%"), ("other", 40, "%")]



def test_budgets_named_by_their_verb_or_heading_penalties_deducted_and_a_goal_with_a_near_word():
    text = ("五、资金来源\n本方案所需资金共计2.5亿元，其中县本级财政配套资金5000万元。州本级每年安排不少于300万元。\n"
            "六、考核\n核销率应当达到90%以上。考核不合格的，相应扣减下一年度补助资金的10%。\n"
            "七、目标\n全市企业直接融资累计新增500亿元以上。")
    assert roles(text, "某县消费促进实施方案") == [
        ("benefit", 250000000, "CNY"), ("benefit", 50000000, "CNY"), ("benefit", 3000000, "CNY"),
        ("target", 90, "%"), ("other", 10, "%"), ("target", 50000000000, "CNY")]


def test_what_each_place_must_do_is_no_test_of_an_applicant():
    text = "第十条 每个街道应当设置至少1个综合养老服务中心，每处建筑面积原则上不少于800平方米。"
    data = rule_file(parse_source(Source("example.txt", "某市居家养老服务条例\n" + text, "text")))
    assert [(r["kind"], [t["value"] for t in r["targets"]], r["conditions"]) for r in data["rules"]] == [
        ("target", [1, 800], [])]


def test_vouchers_risk_shares_and_funds_of_public_purses():
    text = ("第四条 消费券面额按满300元减60元设置。\n"
            "第五条 贷款发生损失的，由风险补偿资金池承担本金损失的60%。\n"
            "第六条 2026年全县农机购置补贴资金3000万元，其中中央资金2500万元、省级资金500万元。")
    assert roles(text, "某县促消费和农机补贴实施办法") == [
        ("threshold", 300, "CNY"), ("benefit", 60, "CNY"), ("benefit", 60, "%"),
        ("benefit", 30000000, "CNY"), ("benefit", 25000000, "CNY"), ("benefit", 5000000, "CNY")]


def test_caps_per_applicant_and_steps_from_a_standard():
    text = "第七条 单个企业年度获得扶持资金总额不超过300万元。多子女家庭最高贷款额度可在上述标准基础上上浮20%。"
    assert roles(text, "某市住房公积金和产业扶持办法") == [("benefit", 3000000, "CNY"), ("benefit", 20, "%")]



def test_schedules_shares_set_aside_and_years_of_account():
    text = ("第九条 奖励资金分3年按50%、30%、20%的比例发放。项目管理费按不超过项目资金的2%提取。\n"
            "第十条 2024年度通过本市口岸实现进出口额不低于5000万元的企业，给予奖励10万元。")
    assert roles(text, "某市外贸发展专项资金管理办法") == [
        ("other", 50, "%"), ("other", 30, "%"), ("other", 20, "%"), ("other", 2, "%"),
        ("threshold", 50000000, "CNY"), ("benefit", 100000, "CNY")]


def test_cells_of_a_reward_table_and_of_an_indicator_table():
    text = ("附件1 奖励标准\n序号\t条件\t奖励\n1\t年进出口额达到3000万元以上\t一次性奖励5万元\n"
            "附件2 考核指标\n指标\t考核内容\t分值\n服务覆盖\t建制村覆盖率达到90%以上\t20\n")
    assert roles(text, "某市跨境电商发展奖励申报通知") == [
        ("threshold", 30000000, "CNY"), ("benefit", 50000, "CNY"), ("target", 90, "%")]
    data = rule_file(parse_source(Source("example.txt", "某市跨境电商发展奖励申报通知\n" + text, "text")))
    # the 序号 cell `1` and the next cell's `年进出口额` are no `1年`
    assert not [o for r in data["rules"] for o in r["others"] if o["unit"] == "年"]


def test_rates_in_criteria_old_standards_and_a_metric_after_a_giving_word():
    text = ("二、申报条件\n（一）近两年服务对象满意度不低于90%；\n（二）申请贴息的企业上年度纳税额不低于30万元。\n"
            "三、保障标准\n城市最低生活保障标准由每人每年12000元提高到每人每年12600元。")
    assert roles(text, "某市社会服务补贴实施办法") == [
        ("threshold", 90, "%"), ("threshold", 300000, "CNY"), ("benefit", 12600, "CNY"), ("other", 12000, "CNY")]


def test_an_industry_size_is_a_goal_a_rate_set_for_all_is_a_charge_and_relief_pays():
    text = ("一、发展目标\n到2027年，全市工业设计产业规模突破80亿元。\n"
            "二、支持措施\n保险费率统一为5%。对入驻孵化基地的企业，3年内减免场地租金的60%。"
            "见习补贴标准提高至最低工资标准的100%。")
    assert roles(text, "某市工业设计和就业见习若干措施") == [
        ("target", 8000000000, "CNY"), ("other", 5, "%"), ("benefit", 60, "%"), ("benefit", 100, "%")]


def test_money_under_a_cap_word_with_nothing_else_known_is_a_capped_payment():
    text = "第九条 诊断服务费用由市级财政承担，每家企业每年不超过2万元。"
    assert roles(text, "某市中小企业数字化诊断服务实施办法") == [("benefit", 20000, "CNY")]
    assert any("capped_money" in why for why in review(text, "某市中小企业数字化诊断服务实施办法")[0])


def test_growth_set_by_a_plan_and_a_range_a_loan_must_fall_in():
    text = ("一、发展目标\n全市港航物流业营业收入年均增长12%以上；近两年营业收入年均增长30%以上的企业纳入后备库。\n"
            "二、支持对象\n单笔贷款金额在10万元（含）至500万元（含）之间的，给予贴息。")
    assert roles(text, "某市港航物流业高质量发展行动方案") == [
        ("target", 12, "%"), ("threshold", 30, "%"), ("threshold", 100000, "CNY"), ("threshold", 5000000, "CNY")]


def test_a_limit_under_a_cap_word_in_a_plan_tests_the_project():
    text = "三、建设要求\n保障性租赁住房租金不高于同地段市场租金的90%，年度租金涨幅不超过5%，免赔率不得高于10%。"
    assert roles(text, "某市发展保障性租赁住房实施方案") == [
        ("threshold", 90, "%"), ("threshold", 5, "%"), ("threshold", 10, "%")]


def test_money_a_split_word_pays_out_is_paid_and_a_schedule_trigger_is_not():
    text = ("第六条 上市奖励分阶段拨付：完成股份制改造后拨付100万元，成功上市后拨付200万元。"
            "奖励资金在50万元以上的分两年按6:4比例拨付。")
    assert roles(text, "某市推进企业上市奖励办法") == [
        ("benefit", 1000000, "CNY"), ("benefit", 2000000, "CNY"), ("other", 500000, "CNY")]


def test_a_cost_split_between_purses_is_other_but_a_fund_bearing_a_named_loss_pays():
    text = ("第七条 补贴资金由市级财政承担60%、所在区财政承担40%。"
            "第八条 贷款发生损失的，由风险补偿资金池承担本金损失的70%。")
    assert roles(text, "某市科技信贷风险补偿实施办法") == [
        ("other", 60, "%"), ("other", 40, "%"), ("benefit", 70, "%")]


def test_tiers_paid_at_a_rate_a_rate_per_unit_and_a_frame_paid_at_a_share():
    text = ("第十条 按以下比例给予人才薪酬补贴：甲类人才按35%，乙类人才按25%。"
            "第十一条 对新增航线的集装箱量按15元/标箱给予奖励。"
            "第十二条 对二类救助对象按不低于65%的比例给予救助。")
    assert roles(text, "某区高层次人才和港航发展扶持办法") == [
        ("benefit", 35, "%"), ("benefit", 25, "%"), ("benefit", 15, "CNY/标箱"), ("benefit", 65, "%")]


def test_money_given_back_a_tax_rate_and_a_case_naming_a_village_are_no_payment():
    text = ("第十五条 骗取补贴的，应退回已获补贴资金的100%。奖励资金按20%的税率缴纳个人所得税。"
            "抽检面积误差超过5%的村，暂停拨付补贴。")
    assert roles(text, "某县耕地保护补贴发放办法") == [
        ("other", 100, "%"), ("other", 20, "%"), ("threshold", 5, "%")]


def test_a_goal_aimed_for_and_a_year_before_the_notice_that_only_reports():
    text = ("某市人民政府办公室\n2026年3月2日\n一、发展基础\n2025年，全市文旅产业实现营业收入310亿元，同比增长9.2%。\n"
            "二、工作目标\n游客满意度力争达到95%以上，全年发放文旅消费券不少于3000万元。")
    assert roles(text, "某市文旅消费提振行动方案") == [
        ("other", 31000000000, "CNY"), ("other", 9.2, "%"), ("target", 95, "%"), ("target", 30000000, "CNY")]


def test_a_sentence_opening_with_a_year_before_the_notice_reports_wherever_it_is():
    text = ("某市商务局\n2026年4月2日\n一、出台背景\n2025年，本市离岛免税店销售额达到310亿元，占全省的61%，同比增长8.2%。\n"
            "二、主要目标\n到2028年，免税店销售额力争达到500亿元。")
    assert roles(text, "《某市促进免税消费若干措施》政策解读") == [
        ("other", 31000000000, "CNY"), ("other", 61, "%"), ("other", 8.2, "%"), ("target", 50000000000, "CNY")]


def test_a_change_from_a_base_year_under_an_eligibility_heading_is_a_test():
    text = ("一、政策目标\n全市城镇就业人数较2025年增长5%以上。\n二、申报条件\n申请企业上年末参保职工人数较上年增长不低于6%。")
    assert roles(text, "某市稳岗扩岗补贴办事指南") == [("target", 5, "%"), ("threshold", 6, "%")]


def test_a_step_from_a_standard_stated_before_a_later_payment_is_paid():
    text = "（二）对使用新能源车辆运营的，在上述标准基础上上浮25%，单车年度补贴原则上不超过4万元。"
    assert roles(text, "某省农村客运补贴资金管理办法") == [("benefit", 25, "%"), ("benefit", 40000, "CNY")]


def test_a_year_before_the_notice_heading_a_test_sets_no_goal():
    text = ("某市商务局\n2026年3月5日\n二、申报条件\n（一）2025年零售额不低于800万元；\n"
            "三、工作目标\n2027年全市社会消费品零售总额达到1200亿元。")
    assert roles(text, "某市促消费奖励申报指南") == [("threshold", 8000000, "CNY"), ("target", 120000000000, "CNY")]


def test_a_goal_names_the_quantity_it_measures_or_nothing():
    text = "一、工作目标\n到2027年，重点人群签约服务覆盖率力争达到95%，每年争取落地20亿元以上。\n"
    data = rule_file(parse_source(Source("example.txt", f"某市家庭医生签约服务实施方案\n{text}", "text")))
    assert [(t["metric"], t["value"]) for r in data["rules"] for t in r["targets"]] == [
        ("重点人群签约服务覆盖率", 95), (None, 2000000000)]  # `争取落地` names no quantity: unknown, not a guess


def test_a_page_dated_only_when_published_reports_the_years_before_it():
    text = ("来源：某市科学技术局　　发布时间：2026年5月8日\n一、出台背景\n"
            "2025年，全市研发经费投入强度为1.9%，技术合同成交额达到52.3亿元。\n"
            "二、主要目标\n到2028年，全市研发经费投入强度力争达到2.5%。")
    assert roles(text, "《某市支持科技创新若干措施》政策解读") == [
        ("other", 1.9, "%"), ("other", 5230000000, "CNY"), ("target", 2.5, "%")]


def test_a_limit_on_how_a_scheme_is_run_is_other_and_a_refund_or_discount_rate_is_paid():
    text = ("第十一条 县级复核抽查比例不低于申报户数的15%。承办机构综合费用率不得高于18%，"
            "年度结余资金超过当年预算25%的，相应扣减下一年度资金。\n"
            "第十二条 符合条件的企业增值税即征即退，退税比例为60%。景区门票执行政府指导价下浮30%的优惠。")
    assert roles(text, "某省某某资金管理办法") == [
        ("other", 15, "%"), ("other", 18, "%"), ("other", 25, "%"), ("benefit", 60, "%"), ("benefit", 30, "%")]


def test_a_share_of_funds_handed_down_to_lower_governments_is_other():
    text = ("第八条 省级财政每年3月底前按上年度补助额的65%提前下达，当年下达比例不低于资金总额的95%。"
            "对新建项目按设备投资额的12%给予补助。")
    assert roles(text, "某省某某专项资金管理办法") == [("other", 65, "%"), ("other", 95, "%"), ("benefit", 12, "%")]


def test_a_metric_compared_under_a_heading_of_goals_is_a_goal():
    text = ("一、主要目标\n全市省级以上专精特新企业达到300家，其中制造业企业占比不低于70%。\n"
            "二、申报条件\n申报企业研发费用占营业收入比重不低于3%。")
    assert roles(text, "某市专精特新企业培育实施方案") == [("target", 70, "%"), ("threshold", 3, "%")]


def test_a_figure_under_a_metric_column_bounds_the_tier_its_row_pays():
    text = "（三）对年营业收入首次突破以下档次的企业，按下表给予一次性奖励：\n档次\t年营业收入\t奖励金额\n第一档\t20亿元\t150万元\n"
    assert roles(text, "某市支持企业做大做强若干措施") == [("threshold", 2000000000, "CNY"), ("benefit", 1500000, "CNY")]


def test_a_range_in_a_table_cell_bounds_a_tier_and_a_step_from_a_standard_or_a_base_year():
    text = ("第五条 奖励标准如下：\n年度营业收入\t奖励金额\n2亿元（含）—5亿元\t30万元\n"
            "第六条 换电站按上述标准上浮15%执行。本地配套率由2025年的20%提高到30%以上。")
    assert roles(text, "某区新能源汽车产业扶持办法") == [
        ("threshold", 200000000, "CNY"), ("threshold", 500000000, "CNY"), ("benefit", 300000, "CNY"),
        ("benefit", 15, "%"), ("threshold", 30, "%"), ("other", 20, "%")]


def test_factor_weights_rates_named_by_a_split_word_and_a_payment_before_a_later_one():
    text = ("第九条 考核得分按服务质量占40%、安全生产占35%、群众满意度占25%计算。补贴资金兑付到户率不低于98%。\n"
            "第十条 担保费率不超过1%，对担保机构按担保额的0.5%给予补贴。")
    assert roles(text, "某市农村客运补贴资金管理办法") == [
        ("other", 40, "%"), ("other", 35, "%"), ("other", 25, "%"), ("target", 98, "%"),
        ("benefit", 1, "%"), ("benefit", 0.5, "%")]


def test_a_rate_column_of_a_charge_paid_a_share_returned_and_money_reclaimed_after_it():
    text = ("第六条 补贴标准如下：\n上年度出口额\t保费补贴比例\n500万美元以下（含）\t80%\n"
            "第七条 稳岗返还标准：中小微企业按60%返还，大型企业按30%返还。"
            "弄虚作假的，按已获补贴资金的100%予以追回。")
    assert roles(text, "某市稳外贸稳就业若干措施") == [
        ("benefit", 80, "%"), ("benefit", 60, "%"), ("benefit", 30, "%"), ("other", 100, "%")]


def test_a_condition_eased_is_still_a_condition():
    text = "二、申报条件\n上年度营业收入不低于2000万元，其中专精特新企业可放宽至1000万元；山区县申请条件中的投资额要求可下浮20%。"
    assert roles(text, "某市制造业高质量发展奖补申报通知") == [
        ("threshold", 20000000, "CNY"), ("threshold", 10000000, "CNY"), ("threshold", 20, "%")]


def test_the_rate_per_unit_of_a_tier_and_a_frame_paid_per_person():
    text = ("第四条 新建渔船按船长分档给予补助：船长15米以下的每艘6万元；15米（含）以上的每艘25万元。\n"
            "第五条 对企业开展的以工代训按每人600元标准给予培训补贴。")
    assert roles(text, "某市渔业和就业扶持办法") == [
        ("benefit", 60000, "CNY"), ("benefit", 250000, "CNY"), ("benefit", 600, "CNY")]


def test_an_estimate_describes_and_neither_pays_nor_tests():
    text = "一、发展基础\n全市光伏装机占新能源总装机的比重约为41%，龙头企业总市值约1500亿元。"
    assert roles(text, "某市新能源产业发展若干措施") == [("other", 41, "%"), ("other", 150000000000, "CNY")]


def test_shares_that_make_up_a_whole_split_it():
    text = "第九条 奖励资金分三年兑现，比例分别为50%、30%、20%。代偿损失由风险补偿资金和合作银行按70%、30%的比例分担。"
    assert roles(text, "某区企业上市和融资奖励办法") == [
        ("other", 50, "%"), ("other", 30, "%"), ("other", 20, "%"), ("other", 70, "%"), ("other", 30, "%")]


def test_the_share_a_tax_or_charge_relief_takes_off_is_a_benefit():
    text = ("第五条 企业可使用创新券抵扣检测服务费用的40%。\n"
            "第六条 符合条件的软件企业可按规定享受增值税即征即退60%政策，研发费用按实际发生额加计8%抵减应纳税额。")
    assert roles(text, "某市科技创新券和软件产业扶持办法") == [("benefit", 40, "%"), ("benefit", 60, "%"), ("benefit", 8, "%")]


def test_a_figure_closing_a_case_before_a_payout_is_tested_and_a_discount_rate_is_paid():
    text = ("第六条 补助资金分两次兑付，首次兑付70%，次年复查成活率达到85%以上的兑付剩余30%。"
            "本地配套率由目前的30%提高到50%。景区淡季门票优惠幅度不低于40%。")
    assert roles(text, "某县林果产业和文旅扶持办法") == [
        ("threshold", 85, "%"), ("other", 70, "%"), ("other", 30, "%"), ("other", 30, "%"), ("other", 50, "%"),
        ("benefit", 40, "%")]
