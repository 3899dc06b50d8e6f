"""Notices as government sites publish them: Word-printed PDFs, scans, broken text layers.

The fixtures in corpus/fixtures/ are built by tests/make_fixtures.py from notice 000: every PDF
must give the same facts as word_notice.txt, the text version of the same content (the OCR
fixture: at least 0.9 money F1). OCR tests are skipped when tesseract / chi_sim is missing.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, notice_excerpt, require_cjk_font
from typer.testing import CliRunner
from zhengce.extract import ocr, tables
from zhengce.extract.readers import read_source

from zhengce.cli import app
from zhengce.errors import ReadError
from zhengce.pipeline import extract

FIXTURES = CORPUS / "fixtures"
TEXT = FIXTURES / "word_notice.txt"
WORD_PDF = FIXTURES / "word_notice.pdf"
SCAN_PDF = FIXTURES / "scanned_notice.pdf"
RUNNING_HEADER = "清远市先进制造业和高技术制造业企业扶优计划"

needs_ocr = pytest.mark.skipif(not ocr.available(), reason=f"OCR unavailable: {ocr.tesseract_problem()}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def money_facts(rules: dict, *, with_clause: bool = True) -> Counter:
    """(clause, role, value, unit) of every amount and percentage: role is benefits/conditions/targets."""
    out: Counter = Counter()
    for rule in rules["rules"]:
        for role in ("benefits", "conditions", "targets"):
            for fact in rule[role]:
                for v in [fact] if "value" in fact else [fact.get("min"), fact.get("max")]:
                    if v and (v.get("unit") or "").startswith(("CNY", "%")):
                        out[(rule["clause"] if with_clause else None, role, v["value"], v["unit"])] += 1
    return out


def units(rules: dict) -> set[tuple[str, str]]:
    return {(r["clause"], u) for r in rules["rules"] for u in r["responsible_units"] + r["lead_units"]}


def f1(gold: Counter, found: Counter) -> float:
    hit = sum((gold & found).values())
    return 2 * hit / (sum(gold.values()) + sum(found.values())) if gold or found else 1.0


@pytest.fixture(scope="module")
def text_rules() -> dict:
    return extract(TEXT)


@pytest.fixture(scope="module")
def word_rules() -> dict:
    return extract(WORD_PDF)


@pytest.fixture(scope="module")
def scan_rules() -> dict:
    if not ocr.available():
        pytest.skip(f"OCR unavailable: {ocr.tesseract_problem()}")
    return extract(SCAN_PDF)


# --- fixtures -------------------------------------------------------------------------------


def test_fixtures_exist_are_small_and_match_their_builder() -> None:
    require_cjk_font()
    from make_fixtures import word_text

    for path in (TEXT, WORD_PDF, SCAN_PDF):
        assert path.is_file() and path.stat().st_size < 300_000, path
    assert TEXT.read_text(encoding="utf-8") == word_text()


# --- Word-printed PDF -----------------------------------------------------------------------


def test_word_pdf_layout_is_read_as_text() -> None:
    source = read_source(WORD_PDF)
    assert source.kind == "pdf" and source.warnings == ()
    pages = source.text.split("\f")
    assert len(pages) == len(source.page_starts) == 3
    # lines set in from the margin (centred, right-aligned, a paragraph's first line) keep an indent
    assert pages[0].startswith("\u3000\u3000清 远 市 人 民 政 府 办 公 室\n")  # letter-spaced: dropped as a banner
    assert "\n清远市人民政府办公室关于印发《清远市先进制造业和\n" in pages[0]  # the title's first line fills the width
    assert "— 1 —" in pages[0] and "- 2 -" in pages[1] and pages[1].lstrip("\u3000").startswith(RUNNING_HEADER)
    # the table: one line per row, its cells tab-separated, the header row kept, no cell text twice
    assert "支持事项\t奖励标准（万元）" in pages[1].split("\n")
    assert "对获得国家级绿色工厂的企业\t50" in pages[1].split("\n")
    assert "对获得国家级绿色供应链管理企业\t30" in pages[2].split("\n")
    assert source.text.count("对获得国家级绿色工厂的企业") == 1


def test_word_pdf_gives_the_facts_of_its_text_version(text_rules: dict, word_rules: dict) -> None:
    assert money_facts(word_rules) == money_facts(text_rules)
    assert units(word_rules) == units(text_rules)
    assert word_rules["document"] == text_rules["document"]
    assert word_rules["warnings"] == []
    quotes = lambda rules: [squash(r["quote"]) for r in rules["rules"]]  # noqa: E731
    assert quotes(word_rules) == quotes(text_rules)


def test_table_amounts_are_benefits(word_rules: dict) -> None:
    table = [b for r in word_rules["rules"] if r["clause"] == "3.4" for b in r["benefits"]]
    assert {(b["kind"], b["value"]) for b in table} == {("奖励", 500000), ("奖励", 300000), ("奖励", 100000)}


def test_page_numbers_are_kept_in_provenance(word_rules: dict) -> None:
    pages = read_source(WORD_PDF).text.split("\f")
    seen = set()
    for rule in word_rules["rules"]:
        head = squash(rule["quote"])[:12]
        where = [n for n, page in enumerate(pages, 1) if head in squash(page)]
        assert rule["page"] in where, (rule["clause"], rule["quote"], where)
        seen.add(rule["page"])
    assert seen == {1, 2, 3}
    for rule in word_rules["rules"]:  # page debris never reaches a rule
        assert RUNNING_HEADER + "\n" not in rule["text"] and not re.search(r"[—-] \d [—-]", rule["text"])


# --- table rows as running text -----------------------------------------------------------


def test_table_lines() -> None:
    rows = [["支持事项", "奖励标准（万元）"], ["对获得国家级绿色工厂的企业", "50"], ["", ""]]
    # cells as written, tab-separated; the header's unit follows a bare number, the one rewrite
    assert tables.table_lines(rows) == ["支持事项\t奖励标准（万元）", "对获得国家级绿色工厂的企业\t50", None]
    assert tables.table_lines([["项目", "补助金额", "备注"], ["设备购置", "最高100万元", ""]]) == [
        "项目\t补助金额\t备注", "设备购置\t最高100万元"]
    assert tables.table_lines([["设备购置", "100万元"], ["研发\n投入", "50"]]) == [
        "设备购置\t100万元", "研发 投入\t50"]  # no header: no unit to add; a cell stays on its line
    assert tables.table_lines([["发文字号", "清工信〔2025〕9号"], ["成文日期", "2025年3月1日"]]) == [
        "发文字号：\t清工信〔2025〕9号", "成文日期：\t2025年3月1日"]  # a metadata table: label lines


def test_task_table_lines() -> None:
    rows = [["序号", "重点任务", "责任单位", "完成时限"],
            ["3", "新增规模以上工业企业20家以上。", "县工信局、县财政局", "2024年12月底"]]
    assert tables.table_lines(rows) == [
        "序号\t重点任务\t责任单位\t完成时限", "3\t新增规模以上工业企业20家以上。\t县工信局、县财政局\t2024年12月底"]


# --- broken text layers ---------------------------------------------------------------------


def test_fake_bold_duplicates_are_removed_and_reported(tmp_path: Path) -> None:
    from make_fixtures import build_fake_bold_pdf

    text = notice_excerpt(lines=8)
    path = build_fake_bold_pdf(tmp_path / "bold.pdf", text)
    source = read_source(path)
    assert squash(source.text) == squash(text) + "—1—"  # the page number footer
    assert len(source.warnings) == 1 and "duplicated glyph(s) removed (fake bold" in source.warnings[0]
    result = CliRunner().invoke(app, ["extract", str(path), "-o", str(tmp_path / "bold.json")])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: page 1: " in result.stderr and "fake bold" in result.stderr
    rules = extract(path)
    assert any("fake bold" in w for w in rules["warnings"])
    assert rules["document"]["doc_number"] == "清工信函〔2025〕16号"


def test_characters_out_of_order_are_reported(tmp_path: Path) -> None:
    from make_fixtures import build_scrambled_pdf

    text = notice_excerpt(lines=6)
    source = read_source(build_scrambled_pdf(tmp_path / "scrambled.pdf", text))
    assert squash(source.text) == squash(text) + "—1—"  # the page number footer
    assert any("out of reading order" in w for w in source.warnings)


def test_font_without_unicode_map_and_without_font_file_is_dropped_not_garbage(tmp_path: Path) -> None:
    from make_fixtures import build_cid_pdf

    path = build_cid_pdf(tmp_path / "cid.pdf", notice_excerpt(lines=8), keep_font=False)
    source = read_source(path)
    assert "(cid:" not in source.text and not source.text.strip()
    assert len(source.warnings) == 1
    assert source.warnings[0].startswith("page 1: broken text layer: 212 of 212 glyphs (100%) have no Unicode mapping")
    assert source.warnings[0].endswith("its text was dropped (OCR could not read it either)") or not ocr.available()


def test_wrong_unicode_map_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from make_fixtures import build_cid_pdf

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "tesseract is not installed")
    path = build_cid_pdf(tmp_path / "cid.pdf", notice_excerpt(lines=8))
    source = read_source(path)
    assert source.text == ""
    assert source.warnings == (
        "page 1: broken text layer: the text does not read as Chinese (only 10% of its characters form words: "
        "wrong ToUnicode map or characters out of order); its text was dropped (tesseract is not installed)",
    )


@needs_ocr
def test_wrong_unicode_map_page_is_read_by_ocr(tmp_path: Path) -> None:
    from make_fixtures import build_cid_pdf

    text = notice_excerpt(lines=8)
    path = build_cid_pdf(tmp_path / "cid.pdf", text)
    rules = extract(path)
    assert rules["source"]["kind"] == "pdf"
    assert rules["warnings"][0].startswith("text read by OCR (Tesseract chi_sim)")
    assert "the page was read by OCR instead" in rules["warnings"][1]
    assert rules["document"]["doc_number"] == "清工信函〔2025〕16号"
    assert rules["document"]["issuer"] == ["清远市工业和信息化局"]


# --- scans and images -----------------------------------------------------------------------


def test_scanned_pdf_without_ocr_is_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: "tesseract is not installed")
    with pytest.raises(ReadError) as caught:
        read_source(SCAN_PDF)
    assert str(caught.value).endswith("no text layer (scanned PDF); OCR is not available")


@needs_ocr
def test_scanned_pdf_is_read_by_ocr(scan_rules: dict, text_rules: dict) -> None:
    assert scan_rules["source"]["kind"] == "ocr" and scan_rules["source"]["pages"] == 3
    assert scan_rules["warnings"][0] == "text read by OCR (Tesseract chi_sim); check figures against the original"
    money = lambda rules, clause: Counter(  # noqa: E731
        {k: n for k, n in money_facts(rules, with_clause=clause).items() if k[3] == "CNY"}
    )
    assert f1(money(text_rules, False), money(scan_rules, False)) >= 0.9
    assert f1(money(text_rules, True), money(scan_rules, True)) >= 0.8  # same clause too (1.0 measured)
    assert {r["page"] for r in scan_rules["rules"]} == {1, 2, 3}
    for key in ("title", "doc_number", "issued_on", "issuer", "policy_title"):
        assert scan_rules["document"][key] == text_rules["document"][key], key
    table = {b["value"] for r in scan_rules["rules"] if r["clause"] == "3.4" for b in r["benefits"]}
    assert {500000, 100000} <= table  # the reward table, read through its rules


@needs_ocr
def test_png_page_is_read_by_ocr(tmp_path: Path) -> None:
    page = ocr.render_pdf(WORD_PDF.read_bytes(), dpi=200, pages=[2])[0]
    page.save(tmp_path / "page3.png", dpi=(200, 200))
    source = read_source(tmp_path / "page3.png")
    assert source.kind == "ocr" and source.page_starts == (0,)
    assert source.warnings[0].startswith("text read by OCR")
    text = squash(source.text)
    assert "对获得国家级绿色供应链管理企业\t30" in source.text.split("\n")  # a table row, as in the PDF
    assert "每家一次性奖励30万元至100万元" in text


def test_unreadable_image(tmp_path: Path) -> None:
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(ReadError, match="unreadable image"):
        read_source(tmp_path / "bad.png")
