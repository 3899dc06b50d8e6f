"""The clause trees of the bundled notices, checked against a reading by hand."""

from zhengce.extract.clauses import build_tree, clause_title

from tests.helpers import doc, outline

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else ("十" + CN[n - 11] if n < 20 else "二十" + (CN[n - 21] if n > 20 else ""))


def test_seed_000_sections_and_thirteen_measures():
    d = doc("000")
    assert [c.label for c in d.clauses] == [f"{cn(i)}、" for i in range(1, 8)]
    assert [c.title for c in d.clauses][:3] == ["目标任务", "工作流程", "扶持措施"]
    measures = d.clauses[2].children
    assert [c.label for c in measures] == [f"（{cn(i)}）" for i in range(1, 14)]
    assert [c.id for c in measures][:2] == ["3.1", "3.2"]
    assert measures[0].title == "支持企业扩容增效"
    assert measures[10].title == "鼓励对接多层次资本市场"
    assert [c.id for c in measures[10].children] == ["3.11.1", "3.11.2", "3.11.3", "3.11.4"]


def test_seed_000_deep_nesting_of_application_conditions():
    ids = {cid: (label, title) for cid, label, title in outline(doc("000"))}
    assert ids["2.3.1"] == ("1.", "申报条件")
    assert ids["2.3.1.3"] == ("（3）", "发展潜力方面")
    assert [cid for cid in ids if cid.startswith("2.3.1.3.")] == [f"2.3.1.3.{i}" for i in range(1, 5)]
    assert ids["2.3.1.3.1"][0] == "①"
    assert ids["2.3.2"] == ("2.", "申报流程")
    assert ids["2.3.4"] == ("4.", "名单公布")


def test_seed_003_five_chapters_and_twenty_articles_in_order():
    d = doc("003")
    assert [(c.id, c.title) for c in d.clauses] == [
        ("ch1", "总则"), ("ch2", "培育"), ("ch3", "认定"), ("ch4", "管理"), ("ch5", "附则")]
    articles = [c for c in d.walk() if c.style == "article"]
    assert [c.number for c in articles] == list(range(1, 21))
    assert articles[6].id == "ch2.art7"
    assert [c.label for c in articles[6].children] == [f"（{cn(i)}）" for i in range(1, 9)]
    assert articles[14].title == "认定程序"
    assert [len(c.children) for c in d.clauses] == [6, 5, 4, 3, 2]


def test_seed_002_nineteen_measures_under_five_headings():
    d = doc("002")
    assert [(c.title, c.style) for c in d.clauses] == [
        (t, "heading") for t in ("大产业", "大平台", "大项目", "大企业", "大环境")]
    measures = [m for h in d.clauses for m in h.children]
    assert [m.label for m in measures] == [f"（{cn(i)}）" for i in range(1, 20)]
    assert [len(h.children) for h in d.clauses] == [5, 3, 3, 3, 5]
    assert measures[0].title == "培育壮大百亿千亿级产业集群"


def test_seed_001_tasks_and_their_paragraphs():
    d = doc("001")
    assert [(c.label, c.title) for c in d.clauses] == [("一、", "总体要求"), ("二、", "主要任务"), ("三、", "组织保障")]
    tasks = d.clauses[1].children
    assert len(tasks) == 11
    assert tasks[1].title == "夯实科技支撑，推动技术创新"
    assert len(tasks[1].paragraphs) == 3  # heading line and two paragraphs, each with its own units


def test_seed_004_sections_carry_the_numbered_opinions():
    d = doc("004")
    assert [c.title for c in d.clauses] == [
        "总体要求", "深化高新区体制机制改革", "培育壮大高新技术产业", "提升高新区创新能力", "强化高新区资源配置和要素保障"]
    opinions = [m for s in d.clauses for m in s.children]
    assert [m.number for m in opinions] == list(range(1, 20))
    assert opinions[3].title == "优化完善管理体制"


def test_a_paragraph_knows_its_page_when_the_source_has_pages():
    from zhengce.model import Source
    from zhengce.pipeline import parse_source

    text = "一、总则\n第一页内容。\f二、附则\n第二页内容。"
    d = parse_source(Source("x.pdf", text, "pdf", page_starts=(0, text.index("二"))))
    assert [d.text.page(c.start) for c in d.clauses] == [1, 2]


def test_numbering_styles_nest_by_first_appearance():
    paras = ["第一章总则", "第一条目的。", "（一）甲；", "1.子项；", "（二）乙；", "第二条范围。", "第二章附则", "第三条施行。"]
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p), p))
        pos += len(p) + 1
    _, roots = build_tree(spans)
    assert [c.id for c in roots] == ["ch1", "ch2"]
    assert [c.id for c in roots[0].walk()] == ["ch1", "ch1.art1", "ch1.art1.1", "ch1.art1.1.1", "ch1.art1.2", "ch1.art2"]
    assert [c.id for c in roots[1].children] == ["ch2.art3"]


def test_clause_titles():
    assert clause_title("支持企业扩容增效。当年营业收入达到10亿元以上") == "支持企业扩容增效"
    assert clause_title("强化梯度培育，实施动态管理") == "强化梯度培育，实施动态管理"
    assert clause_title("发展潜力方面：") == "发展潜力方面"
    assert clause_title("符合产业发展政策，在清远生产经营；") is None
