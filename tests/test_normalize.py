"""Normalisation of the bundled notices: wraps re-joined, debris gone, one punctuation style."""

import re

import pytest
import regex
from zhengce.normalize.mapped import Mapped
from zhengce.normalize.text import normalize

from tests.helpers import doc
from zhengce.model import Source


def body_lines(seed: str) -> list[str]:
    d = doc(seed)
    return [d.span_text(p) for c in d.walk() for p in c.paragraphs] + [d.span_text(p) for p in d.preamble]


def test_pdf_extracted_text_has_no_break_inside_a_sentence():
    for seed in ("000", "004"):
        for line in body_lines(seed):
            # every paragraph ends a sentence, closes a bracket, or is a heading without sentence punctuation
            assert line[-1] in "。；：！？）”" or not regex.search(r"[，。；]", line), line


def test_page_debris_is_removed_and_kept_as_metadata():
    d = doc("000")
    text = d.text.text
    for debris in ("QYFG2024008", "https://", "清 远 市"):
        assert debris not in text
    assert ("archive_code", "QYFG2024008") in d.text.removed
    assert ("banner", "清远市人民政府办公室") in d.text.removed
    assert d.meta.archive_code == "QYFG2024008"


def test_spaces_inside_numbers_units_and_dates_are_gone():
    text = doc("000").text.text
    assert "上一年度营业收入不低于6000万元；" in text
    assert "清府办函〔2024〕57号" in text
    assert "有效期至2025年9月5日" in text


def test_half_width_punctuation_is_unified():
    text = doc("001").text.text
    assert "清远高新区管委会，各县（市、区）人民政府，市政府各部门、各直属机构：" in text
    assert not regex.search(r"[,()]", text.replace("(R&D)", ""))


def test_markdown_markup_is_stripped():
    text = doc("003").text.text
    assert "**" not in text and "#" not in text
    assert "\n第十五条认定程序：\n" in text


def test_placeholder_dates_are_not_taken_for_markdown():
    assert "本政策有效期为2021年**月**日至2025年**月**日" in doc("004").text.text


def test_offsets_map_back_to_the_source():
    d = doc("000")
    start = d.text.text.index("6000万元")
    s, e = d.text.source_span(start, start + len("6000万元"))
    assert d.text.source.text[s:e] == "6000 万元"


def test_thousands_separator_and_url_colon_survive():
    text = normalize(Source("t.txt", "投资1,000万元,详见 https://example.gov.cn/a 。\n", "text")).text
    assert text == "投资1,000万元，详见https://example.gov.cn/a。"


def test_running_headers_and_page_numbers_of_a_paged_source_are_dropped():
    pages = [
        "某市人民政府公报\n一、总则\n对年营业收入不低于1000万元的企业，给予\n- 1 -",
        "某市人民政府公报\n一次性奖励10万元。\n二、附则\n- 2 -",
        "某市人民政府公报\n本办法自2024年1月1日起施行。\n- 3 -",
    ]
    text = normalize(Source("x.pdf", "\f".join(pages), "pdf")).text
    assert text == "一、总则\n对年营业收入不低于1000万元的企业，给予一次性奖励10万元。\n二、附则\n本办法自2024年1月1日起施行。"


def test_half_width_punctuation_keeps_every_character_mapped_to_its_source():
    raw = '申报单位:市工信局, 联系人"张三"；金额1,000万元、增长3．5%\n'
    text = normalize(Source("x.txt", raw, "text"))
    assert text.text == "申报单位：市工信局，联系人“张三”；金额1,000万元、增长3.5%"
    for i, char in enumerate(text.text):
        source = raw[text.index[i]]
        assert source == char or (source, char) in {(":", "："), (",", "，"), ('"', "“"), ('"', "”"), ("．", ".")}


def test_replace_alike_refuses_a_change_of_length():
    with pytest.raises(ValueError, match="changed the length"):
        Mapped.of("a,b").replace_alike(re.compile(","), "，，")


def test_a_line_of_only_zero_width_characters_and_spaces_leaves_no_empty_paragraph():
    raw = "\u200b\u200b\n第一条　奖励（ＡＢ类）５０万元!\n\u200b \u200b\n第二条 附则\n\ufeff"
    text = normalize(Source("x.txt", raw, "text"))
    assert text.text == "第一条奖励（AB类）50万元！\n第二条附则"
    assert [raw[i] for i in text.index] == list("第一条奖励（ＡＢ类）５０万元!\n第二条附则")


def test_a_wrapped_line_full_of_quotes_and_dashes_measures_the_page_width():
    # Chinese fonts set “” and —— full-width: this line is as wide as the others and goes on
    filler = "推动园区高起点规划高标准建设高质量发展全力打造我市创新驱动发展示范区和先行区"
    lines = [filler[i % 10 : i % 10 + 30] for i in range(12)]
    lines[5] = "抓住“双区驱动”“双城联动”——“一核一带一区”……释放的驱"
    assert len(lines[5]) == 30
    raw = "\n".join(lines[:6]) + "\n动效应。\n" + "\n".join(lines[6:]) + "。\n"
    paragraphs = normalize(Source("x.txt", raw, "text")).text.split("\n")
    assert paragraphs[0].endswith("……释放的驱动效应。")


def test_letter_spaced_figures_are_one_number():
    # OCR letter-spaces a scanned line; a space groups thousands in some texts; Latin words keep theirs
    text = normalize(Source("x.txt", "给 予 奖 励 1 0 0 万 元 ， 贷 款 1 000 万 元 ， 通 过 ISO 9001 认 证 。", "text")).text
    assert text == "给予奖励100万元，贷款1000万元，通过ISO 9001认证。"
