"""The comparison report as a reviewer opens it: Word page setup, the Excel sheets, the HTML printed on A4 by
a headless browser, and the `diff` command (formats, rule files told by content, one-line errors)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from typer.testing import CliRunner
from zhengce.rulegen.diff import compare, load
from zhengce.rulegen.report import orientation, render, render_bytes

from tests.helpers import corpus_path, rules
from tests.report_reader import docx_rows, xlsx_book, xlsx_figures
from tests.test_diff import ORIGINAL, ROWS, VARIANTS
from zhengce.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
A4_POINTS = (595, 842)
runner = CliRunner()


@pytest.fixture(scope="module")
def amount(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("amount") / "amount.txt"
    path.write_text(VARIANTS["amount"](), encoding="utf-8")
    return compare(load(corpus_path("000")), load(path))


@pytest.fixture(scope="module")
def long_clause(tmp_path_factory) -> dict:
    """A measure that runs over a portrait column: the 对照表 goes landscape."""
    fairs = "、".join(f"第{n}届中国国际进口博览会" for n in range(1, 80))
    measure = f"（十四）支持企业参展。对参加{fairs}的试点企业，按展位费的50%给予补贴。（责任单位：市商务局）"
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(ORIGINAL.replace("\n四、工作保障及监督管理", f"\n{measure}\n\n四、工作保障及监督管理", 1), encoding="utf-8")
    return compare(load(corpus_path("000")), load(path))


def test_docx_is_a4_with_page_numbers_and_summary(amount):
    document = docx.Document(io.BytesIO(render_bytes(amount, "docx")))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (round(section.page_width / Cm(1)), round(section.page_height / Cm(1))) == (21, 30)
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and section.footer.paragraphs[0].text.startswith("第")
    text = [p.text for p in document.paragraphs]
    assert "条款：修改 1 条；未修改 68 条。" in text and text.index("一、修订概况") < text.index("二、新旧对照")
    money = document.tables[0]
    assert [c.text for c in money.rows[1].cells] == ["三、（四）", "奖补", "", "50万元", "30万元"]
    assert docx_rows(render_bytes(amount, "docx")) == ROWS["amount"]


def test_long_clause_turns_the_page(long_clause):
    assert orientation(long_clause) == "landscape"
    section = docx.Document(io.BytesIO(render_bytes(long_clause, "docx"))).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert "size: A4 landscape" in render(long_clause, "html")


def test_xlsx_rows_per_figure(amount):
    assert [(r["条款"], r["类别"], r["修订前"], r["修订后"], r["变化"], r["修订前数值"], r["修订后数值"], r["计量单位"])
            for r in xlsx_figures(render_bytes(amount, "xlsx"))] == [
        ("三、（四）", "奖补", "50万元", "30万元", "−20万元", 500000, 300000, "CNY")]
    assert xlsx_book(render_bytes(amount, "xlsx")).sheetnames == ["数额变化", "对照表"]


def _chromium(*args: str) -> None:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                   capture_output=True, timeout=90, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="no headless browser: apt-get install chromium")
@pytest.mark.parametrize(("case", "size"), [("amount", A4_POINTS), ("long_clause", A4_POINTS[::-1])])
def test_html_prints_on_a4(request, tmp_path, case, size):
    import pypdfium2

    page = tmp_path / "diff.html"
    page.write_text(render(request.getfixturevalue(case), "html"), encoding="utf-8")
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'diff.pdf'}", page.as_uri())
    pdf = pypdfium2.PdfDocument(tmp_path / "diff.pdf")
    assert {tuple(round(x) for x in pdf[i].get_size()) for i in range(len(pdf))} == {size}
    first, last = (pdf[i].get_textpage().get_text_range() for i in (0, len(pdf) - 1))
    assert "修订对照表" in first and "修订前" in first and f"第 {len(pdf)} 页" in last


@pytest.mark.skipif(CHROMIUM is None, reason="no headless browser: apt-get install chromium")
def test_html_screenshot_shows_the_table(amount, tmp_path):
    """The page as a reviewer sees it: the table fills the width, struck and added words in their colours."""
    from PIL import Image

    page = tmp_path / "diff.html"
    page.write_text(render(amount, "html"), encoding="utf-8")
    _chromium("--window-size=900,1300", f"--screenshot={tmp_path / 'shot.png'}", page.as_uri())
    image = Image.open(tmp_path / "shot.png").convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 24)}
    assert (0xB0, 0x00, 0x00) in colours or any(r > 150 and g < 60 and b < 60 for r, g, b in colours)  # struck
    assert any(r < 40 and 40 < g < 110 and b > 150 for r, g, b in colours)  # added


def test_cli_formats_and_rule_files_by_content(tmp_path):
    new = tmp_path / "new.txt"
    new.write_text(VARIANTS["amount"](), encoding="utf-8")
    old_rules = tmp_path / "old.data"  # a YAML rule file whose name says nothing
    old_rules.write_text(yaml.safe_dump(rules("000"), allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old_rules), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["old"]["title"] == rules("000")["document"]["title"]
    assert [(c["kind"], c["old"]["label"]) for c in report["changes"]] == [("modified", "三、（四）")]
    for fmt in ("html", "md", "docx", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        assert runner.invoke(app, ["diff", str(old_rules), str(new), "--format", fmt, "-o", str(out)]).exit_code == 0
        assert out.stat().st_size > 1000
    assert xlsx_figures(out.read_bytes())[0]["变化"] == "−20万元"
    everything = runner.invoke(app, ["diff", str(old_rules), str(new), "--all", "--format", "json"])
    assert len(json.loads(everything.stdout)["changes"]) == 69


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "docx"], "--format docx writes a file: give it with -o"),
    (["--format", "pdf"], "unknown format 'pdf'"),
])
def test_cli_format_errors(tmp_path, args, message):
    result = runner.invoke(app, ["diff", str(corpus_path("000")), str(corpus_path("000")), *args])
    assert result.exit_code == 1 and message in result.output


def test_cli_bad_rule_file_is_one_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"document": {}, "rules": [', encoding="utf-8")
    missing = Path(tmp_path / "missing.txt")
    for path in (broken, missing):
        result = runner.invoke(app, ["diff", str(path), str(corpus_path("000"))])
        assert result.exit_code == 1 and result.output.startswith(f"error: {path}:") and result.output.count("\n") == 1


def test_no_change_in_every_format():
    report = compare(load(corpus_path("000")), load(corpus_path("000")))
    assert "无条款修改。" in render(report, "html") and "无条款修改。" in render(report, "md")
    document = docx.Document(io.BytesIO(render_bytes(report, "docx")))
    assert "条款：无条款修改；未修改 69 条。" in [p.text for p in document.paragraphs] and not document.tables
    book = xlsx_book(render_bytes(report, "xlsx"))
    assert book["数额变化"].max_row == 1 and book["对照表"].max_row == 1
