"""Government web pages: a metadata table above the notice, 第X条 articles, a task-allocation table."""

from pathlib import Path

from zhengce.pipeline import extract

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>湛江市商务局关于印发《湛江市促进外贸高质量发展若干措施》的通知_湛江市人民政府门户网站</title></head>
<body><div class="nav">首页 > 政务公开 > 政策文件</div>
<table class="xxgk">
<tr><td>索引号：</td><td>007024389/2024-01234</td><td>分类：</td><td>商务、贸易</td></tr>
<tr><td>发布机构：</td><td>湛江市商务局</td><td>成文日期：</td><td>2024-03-15</td></tr>
<tr><td>名称：</td><td>湛江市商务局关于印发《湛江市促进外贸高质量发展若干措施》的通知</td></tr>
<tr><td>文号：</td><td>湛商务〔2024〕12号</td><td>发布日期：</td><td>2024-03-18</td></tr>
</table>
<div class="article"><h1>湛江市商务局关于印发《湛江市促进外贸高质量发展若干措施》的通知</h1>
<p>各县（市、区）商务主管部门，市直有关单位：</p>
<p>现将《湛江市促进外贸高质量发展若干措施》印发给你们，请认真贯彻执行。</p>
<p style="text-align:right">湛江市商务局</p><p style="text-align:right">2024年3月15日</p>
<h2>湛江市促进外贸高质量发展若干措施</h2>
<p>第一条 对上一年度进出口额首次突破1亿美元的企业，给予一次性奖励20万元。</p>
<p>第二条 对进出口额同比增长20%以上且增量超过500万美元的企业，按增量每100万美元奖励1万元，单家企业最高不超过50万元。（责任单位：市商务局、市财政局）</p>
<p>第三条 本措施自2024年4月1日起施行，有效期3年。</p></div>
<div class="footer">主办：湛江市人民政府办公室 网站标识码：4408000001</div></body></html>
"""

TASKS = """<html><head><meta charset="utf-8"><title>某县促进民营经济发展重点任务分工方案</title></head><body>
<h1>某县人民政府办公室关于印发某县促进民营经济发展重点任务分工方案的通知</h1>
<p>某府办〔2024〕8号</p><p>各乡镇人民政府，县政府各部门：</p>
<p>经县人民政府同意，现将《某县促进民营经济发展重点任务分工方案》印发给你们，请认真组织实施。</p>
<p>某县人民政府办公室</p><p>2024年5月6日</p>
<h2>某县促进民营经济发展重点任务分工方案</h2>
<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。</td><td>县工信局</td><td>县财政局</td><td>2024年12月底</td></tr>
<tr><td>2</td><td>对年度纳税额首次超过1000万元的民营企业，给予10万元奖励。</td><td>县税务局</td><td>县财政局</td><td>持续推进</td></tr>
<tr><td>3</td><td>新增规模以上工业企业20家以上。</td><td>县工信局</td><td></td><td>2024年12月底</td></tr>
</table></body></html>
"""


def rule_file(tmp_path: Path, name: str, html: str) -> dict:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return extract(path)


def test_page_with_a_metadata_table_and_articles_in_us_dollars(tmp_path):
    data = rule_file(tmp_path, "trade.html", PAGE)
    doc = data["document"]
    assert (doc["title"], doc["doc_number"], doc["issuer"], doc["issued_on"]) == (
        "湛江市商务局关于印发《湛江市促进外贸高质量发展若干措施》的通知", "湛商务〔2024〕12号", ["湛江市商务局"], "2024-03-15")
    assert (doc["valid_from"], doc["valid_until"], doc["city"]) == ("2024-04-01", "2027-03-31", "湛江")
    first, second = data["rules"]
    assert [(c["op"], c["value"], c["unit"]) for c in first["conditions"]] == [(">", 100000000, "USD")]
    assert [(b["value"], b["unit"]) for b in first["benefits"]] == [(200000, "CNY")]
    assert [(c["op"], c["value"], c["unit"]) for c in second["conditions"]] == [(">=", 20, "%"), (">", 5000000, "USD")]
    # the rate per 100万美元 and the cap of 单家企业 belong to one benefit rule
    assert [(b["value"], b["unit"], b["op"], b.get("per")) for b in second["benefits"]] == [
        (10000, "CNY", "==", "100万美元"), (500000, "CNY", "<=", None)]
    assert second["responsible_units"] == ["市商务局", "市财政局"]
    # trade figures in US dollars test the trade variables of the vocabulary
    assert first["logic"] == {">": [{"var": "进出口额.上一年度"}, 100000000]} and not first["needs_review"]
    assert second["conditions"][0]["variable"] == "进出口额增长率"


COUNTY = """和平县人民政府办公室关于印发和平县促进外贸高质量发展若干措施的通知
和府办〔2025〕12号
各乡镇人民政府，县直各单位：
《和平县促进外贸高质量发展若干措施》已经县人民政府同意，现印发给你们，请认真贯彻执行。
和平县人民政府办公室
2025年3月18日
和平县促进外贸高质量发展若干措施
第一条 对年度进出口额首次突破1000万美元的企业，给予一次性奖励5万元；首次突破5000万美元的，给予一次性奖励15万元。
第二条 对年度出口额同比增长20%以上且出口额不低于500万美元的企业，按增量部分每100万美元奖励1万元，单家企业最高不超过20万元。
第三条 对当年实际使用外资金额超过1000万美元的新设外资企业，给予一次性奖励30万元。
第四条 本措施由县商务局会同县财政局负责解释。
"""


def test_county_trade_tiers_keep_their_metric_through_首次(tmp_path):
    data = rule_file(tmp_path, "county.txt", COUNTY)
    doc = data["document"]
    assert (doc["doc_number"], doc["issuer"], doc["issued_on"]) == ("和府办〔2025〕12号", ["和平县人民政府办公室"], "2025-03-18")
    logic = {r["id"]: r["logic"] for r in data["rules"]}
    # the second tier (`首次突破5000万美元的`) leaves out its metric: it is the first tier's
    assert logic["art1#1"] == {">": [{"var": "进出口额.未注明期间"}, 10000000]}
    assert logic["art1#2"] == {">": [{"var": "进出口额.未注明期间"}, 50000000]}
    assert logic["art2#1"] == {"and": [{">=": [{"var": "出口额增长率.未注明期间"}, 20]}, {">=": [{"var": "出口额.未注明期间"}, 5000000]}]}
    assert logic["art3#1"] == {">": [{"var": "实际使用外资.当年"}, 10000000]}
    assert [r["responsible_units"] for r in data["rules"] if r["kind"] == "measure"] == [["县商务局", "县财政局"]]


def test_task_allocation_table_rows_are_clauses_with_their_units(tmp_path):
    data = rule_file(tmp_path, "tasks.html", TASKS)
    found = [(r["clause"], r["kind"], r["responsible_units"], r["lead_units"]) for r in data["rules"]]
    assert found == [
        ("1", "benefit", ["县工信局", "县财政局"], ["县工信局"]),
        ("2", "benefit", ["县税务局", "县财政局"], ["县税务局"]),
        ("3", "target", ["县工信局"], ["县工信局"]),
    ]
    assert data["rules"][0]["quote"] == "1\t对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。"
    assert [(t["value"], t["unit"]) for t in data["rules"][2]["targets"]] == [(20, "家")]
    assert data["rules"][1]["logic"] == {">": [{"var": "纳税额.未注明期间"}, 10000000]}  # 年度纳税额首次超过1000万元


PUBLISHED_LATER = """<html><head><meta charset="gbk"><title>关于印发《惠东县支持农业龙头企业发展若干措施》的通知</title></head><body>
<table><tr><th>发文机关：</th><td>惠东县农业农村局</td><th>发文字号：</th><td>东农〔2023〕45号</td></tr>
<tr><th>成文日期：</th><td>2023年11月02日</td><th>发布日期：</th><td>2023年11月10日</td></tr></table>
<div id="zoom"><p>各镇人民政府（街道办事处），县直有关单位：</p>
<p>现将《惠东县支持农业龙头企业发展若干措施》印发给你们，请遵照执行。</p>
<p align="center"><strong>惠东县支持农业龙头企业发展若干措施</strong></p>
<p>一、对年销售收入超过5000万元的龙头企业，给予15万元奖励。</p>
<p>二、本措施自{act}之日起施行，有效期至2026年12月31日。</p></div></body></html>
"""


def test_in_force_from_publication_is_the_page_publication_date(tmp_path):
    path = tmp_path / "published.html"
    path.write_bytes(PUBLISHED_LATER.replace("{act}", "发布").encode("gbk"))
    doc = extract(path)["document"]
    assert (doc["issuer"], doc["doc_number"], doc["issued_on"], doc["published_on"]) == (
        ["惠东县农业农村局"], "东农〔2023〕45号", "2023-11-02", "2023-11-10")
    assert (doc["valid_from"], doc["valid_until"]) == ("2023-11-10", "2026-12-31")
    path.write_bytes(PUBLISHED_LATER.replace("{act}", "印发").encode("gbk"))
    assert extract(path)["document"]["valid_from"] == "2023-11-02"  # 印发: the signing date


INFO_BAR = """<html><head><meta charset="utf-8"><title>汕尾市人民政府办公室关于印发汕尾市支持海洋经济发展若干措施的通知-汕尾市人民政府</title></head><body>
<div class="content"><div class="title">汕尾市人民政府办公室关于印发汕尾市支持海洋经济发展若干措施的通知</div>
<div class="info">来源：汕尾市人民政府办公室&nbsp;&nbsp;发布时间：2024-08-02 10:30&nbsp;&nbsp;字号：大 中 小</div>
<p>汕府办〔2024〕19号</p>
<p>各县（市、区）人民政府，市政府各部门、各直属机构：<br>　　现将《汕尾市支持海洋经济发展若干措施》印发给你们，请认真组织实施。</p>
<p style="text-align:right">汕尾市人民政府办公室<br>2024年7月30日</p>
<p style="text-align:center"><b>汕尾市支持海洋经济发展若干措施</b></p>
<p>　　一、对新建深远海养殖平台的企业，按平台造价的20%给予补助，单个平台最高补助500万元。（责任单位：市海洋渔业局、市财政局）</p>
<p>　　二、本措施自发布之日起施行，有效期3年。</p></div>
<div class="footer">【打印本页】【关闭窗口】</div></body></html>
"""


def test_page_title_without_the_site_name_and_an_info_bar_date(tmp_path):
    path = tmp_path / "info.html"
    path.write_text(INFO_BAR, encoding="utf-8")
    doc = extract(path)["document"]
    assert (doc["title"], doc["policy_title"]) == (
        "汕尾市人民政府办公室关于印发汕尾市支持海洋经济发展若干措施的通知", "汕尾市支持海洋经济发展若干措施")
    assert (doc["issued_on"], doc["published_on"], doc["valid_from"], doc["valid_until"]) == (
        "2024-07-30", "2024-08-02", "2024-08-02", "2027-08-01")


OLD_LAYOUT = """<html><head><meta charset="utf-8"><title>某市人民政府门户网站</title></head><body>
<table width="960"><tr><td>某市人民政府</td></tr><tr><td>
<table class="xxgk"><tr><td>发文机关：</td><td>某市人民政府办公室</td><td>成文日期：</td><td>2024-07-22</td></tr>
<tr><td>文　　号：</td><td>某府办发〔2024〕41号</td><td>发布日期：</td><td>2024-07-25</td></tr></table>
<table><tr><td class="title"><font size="5">市政府办公室关于印发某市老旧小区改造三年行动计划（2024—2026年）的通知</font></td></tr>
<tr><td class="content"><p>各县（市、区）人民政府，市各有关部门：</p>
<p>《某市老旧小区改造三年行动计划（2024—2026年）》已经市政府同意，现印发给你们，请认真组织实施。</p>
<p>某市人民政府办公室</p><p>2024年7月22日</p><p>某市老旧小区改造三年行动计划（2024—2026年）</p>
<p>一、市住房和城乡建设局负责改造工作的统筹协调。</p></td></tr></table>
</td></tr></table></body></html>
"""


def test_a_title_in_a_cell_of_an_old_layout_table(tmp_path):
    """The cell marked as the title, not the site's name in <title>; the programme's years are its term."""
    doc = rule_file(tmp_path, "old.html", OLD_LAYOUT)["document"]
    assert (doc["title"], doc["doc_number"], doc["valid_from"], doc["valid_until"]) == (
        "市政府办公室关于印发某市老旧小区改造三年行动计划（2024—2026年）的通知", "某府办发〔2024〕41号",
        "2024-01-01", "2026-12-31")


DEFINITION_LIST = """<html><head><meta charset="utf-8"><title>某市人民政府</title></head><body>
<dl class="xxgk"><dt>发文机关：</dt><dd>某市人民政府办公厅</dd><dt>发文字号：</dt><dd>某府办发〔2025〕6号</dd>
<dt>成文日期：</dt><dd>2025年03月21日</dd></dl>
<h3 class="article-title">某市人民政府办公厅关于进一步促进消费扩容提质的通知</h3>
<div class="TRS_Editor"><p>各区人民政府，市政府各工作部门：</p>
<p>一、开展促消费活动。全年组织开展促消费系列活动不少于50场。（市商务局负责）</p></div></body></html>
"""


def test_labels_and_values_in_a_definition_list_and_a_title_marked_by_its_class(tmp_path):
    doc = rule_file(tmp_path, "dl.html", DEFINITION_LIST)["document"]
    assert (doc["title"], doc["issuer"], doc["doc_number"], doc["issued_on"]) == (
        "某市人民政府办公厅关于进一步促进消费扩容提质的通知", ["某市人民政府办公厅"], "某府办发〔2025〕6号", "2025-03-21")


GUIDE = """<html><head><meta charset="utf-8"><title>某市企业技术中心认定办事指南</title></head><body>
<h1>某市企业技术中心认定办事指南</h1>
<table border="1"><tr><td>事项名称</td><td>市级企业技术中心认定</td></tr>
<tr><td>实施主体</td><td>某市工业和信息化局</td></tr><tr><td>受理机构</td><td>某市政务服务中心工信窗口</td></tr>
<tr><td>办理时限</td><td>20个工作日</td></tr></table>
<p>一、申请条件</p><p>上年度销售收入不低于2亿元的工业企业。</p></body></html>
"""


def test_a_guide_table_of_keys_and_values_names_who_acts(tmp_path):
    rules = rule_file(tmp_path, "guide.html", GUIDE)["rules"]
    assert [(r["text"].split("\n")[-1], r["responsible_units"]) for r in rules if r["responsible_units"]] == [
        ("实施主体：某市工业和信息化局", ["某市工业和信息化局"]), ("受理机构：某市政务服务中心工信窗口", ["某市政务服务中心工信窗口"])]


MERGED = """<html><head><meta charset="utf-8"><title>某市科技创新奖励标准</title></head><body>
<h1>某市科技创新奖励标准</h1>
<table border="1">
<tr><th>类别</th><th>项目</th><th>奖励标准（万元）</th></tr>
<tr><td rowspan="2">创新平台</td><td>新认定的国家级重点实验室</td><td>500</td></tr>
<tr><td>新认定的省级重点实验室</td><td>100</td></tr>
<tr><td>高新技术企业</td><td>首次认定的高新技术企业</td><td rowspan="2">20</td></tr>
<tr><td>高新技术企业</td><td>重新认定的高新技术企业</td></tr>
</table></body></html>
"""


def test_merged_table_cells_are_laid_out_on_the_grid(tmp_path):
    data = rule_file(tmp_path, "merged.html", MERGED)
    # the category merged down the first column heads each of its rows; a merged figure is read once
    assert [(r["quote"], [b["value"] for b in r["benefits"]]) for r in data["rules"]] == [
        ("创新平台\t新认定的国家级重点实验室\t500", [5000000]),
        ("创新平台\t新认定的省级重点实验室\t100", [1000000]),
        ("高新技术企业\t首次认定的高新技术企业\t20", [200000]),
    ]
