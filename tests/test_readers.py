"""Readers: every supported format gives the notice text; every bad input a one-line ReadError."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, make_docx, make_gbk, make_html, make_pdf, notice_excerpt
from zhengce.extract.readers import read_source

from zhengce.errors import ReadError

NOTICE = notice_excerpt()
LINES = NOTICE.split("\n")
TITLE = LINES[2]  # 清远市工业和信息化局关于印发…暂行办法的通知
FIELDS = {
    "索引号": "007198373/2025-00016",
    "发文机关": "清远市工业和信息化局",
    "发文字号": "清工信函〔2025〕16号",
    "成文日期": "2025-03-04",
}


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def assert_read_error(path: Path, problem: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: {problem}"
    assert "\n" not in str(caught.value)


def assert_read_error_starts(path: Path, problem: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}: {problem}")
    assert "\n" not in str(caught.value)


# --- text -------------------------------------------------------------------------------------


def test_gbk_file_decodes_like_its_utf8_twin(tmp_path: Path) -> None:
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(NOTICE.encode("utf-8"))
    gbk = make_gbk(NOTICE, tmp_path / "gbk.txt")
    a, b = read_source(utf8), read_source(gbk)
    assert a.text == b.text == NOTICE
    assert (a.encoding, b.encoding) == ("utf-8", "gb18030")
    assert a.kind == b.kind == "text"


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    ],
)
def test_bom_decides_encoding_and_newlines_are_normalised(
    tmp_path: Path, bom: bytes, codec: str, encoding: str
) -> None:
    path = tmp_path / "bom.txt"
    mixed = "\r\n".join(LINES[:5]) + "\r" + "\r".join(LINES[5:])  # Windows and old-Mac newlines
    path.write_bytes(bom + mixed.encode(codec))
    source = read_source(path)
    assert source.text == NOTICE
    assert source.encoding == encoding


def test_utf8_with_one_broken_byte_stays_utf8_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(NOTICE.encode("utf-8") + "条".encode()[:2])
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert source.text == NOTICE + "\ufffd"
    assert source.warnings == ("1 invalid UTF-8 byte sequence(s) replaced with U+FFFD",)


def test_markdown_kind_from_marks_or_extension(tmp_path: Path) -> None:
    assert read_source(CORPUS / "003_2df374d9f4d9fda4.txt").kind == "markdown"
    md = tmp_path / "notice.md"
    md.write_text(NOTICE, encoding="utf-8")
    assert read_source(md).kind == "markdown"


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n", "\u3000\n".encode(), b"\xff\xfe"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_read_error(path, "empty file")


@pytest.mark.parametrize(
    "content",
    [
        random.Random(7).randbytes(4096),  # has NUL bytes
        bytes(b for b in random.Random(7).randbytes(4096) if b),  # no NUL, undecodable
        bytes(range(1, 32)) * 40 + "通知".encode(),  # decodes, but control characters
    ],
    ids=["nul", "undecodable", "controls"],
)
def test_binary_junk_named_txt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(content)
    assert_read_error(path, "binary content, not text")


def test_missing_file(tmp_path: Path) -> None:
    assert_read_error(tmp_path / "missing.txt", "cannot read file: No such file or directory")


# --- PDF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = "\n".join(LINES[:8]) + "\f" + "\n".join(LINES[8:])
    return make_pdf(pages, tmp_path_factory.mktemp("pdf") / "notice.pdf")


def test_pdf_pages_offsets_and_text(notice_pdf: Path) -> None:
    source = read_source(notice_pdf)
    assert source.kind == "pdf"
    pages = source.text.split("\f")
    assert len(pages) == 2
    assert source.page_starts == (0, len(pages[0]) + 1)
    assert source.page_at(source.page_starts[1]) == 2
    assert squash(pages[0]) == squash("".join(LINES[:8]))
    assert squash(pages[1]) == squash("".join(LINES[8:]))
    assert source.warnings == ()


def test_pdf_cjk_lines_come_out_in_reading_order(tmp_path: Path, cjk_font: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=str(cjk_font))
    pdf.set_font("cjk", size=14)
    pdf.add_page()
    for y, line in reversed(list(enumerate(LINES[:4]))):  # drawn bottom line first
        pdf.text(20, 30 + 12 * y, line[:30])
    pdf.output(str(tmp_path / "order.pdf"))
    assert read_source(tmp_path / "order.pdf").text == "\n".join(line[:30] for line in LINES[:4])


def test_truncated_pdf(tmp_path: Path, notice_pdf: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(notice_pdf.read_bytes()[: notice_pdf.stat().st_size // 2])
    assert_read_error_starts(path, "corrupt or truncated PDF: ")


def test_encrypted_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()  # the reader stops at the password, so a core font will do
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Qingyuan notice")
    pdf.output(str(tmp_path / "locked.pdf"))
    assert_read_error(tmp_path / "locked.pdf", "encrypted PDF")


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # stands in for a page image
    pdf.output(str(tmp_path / "scan.pdf"))
    from zhengce.extract import ocr

    expected = "OCR found no text" if ocr.available() else "OCR is not available"
    assert_read_error(tmp_path / "scan.pdf", f"no text layer (scanned PDF); {expected}")


# --- HTML -------------------------------------------------------------------------------------

CHROME = (
    "首页",
    "政务公开",
    "网站导航",
    "当前位置",
    "分享到",
    "微信",
    "打印本页",
    "主办单位",
    "统计",
    "门户网站",
)


def test_html_body_title_and_metadata(tmp_path: Path) -> None:
    body = "\n".join(LINES[3:])
    source = read_source(make_html(body, tmp_path / "notice.html", title=TITLE, fields=FIELDS))
    assert source.kind == "html"
    assert source.encoding == "utf-8"
    assert source.text == f"{TITLE}\n{body}"
    assert not [word for word in CHROME if word in source.text]
    assert source.fields == FIELDS


def test_html_without_known_container_in_gbk(tmp_path: Path) -> None:
    body = "\n".join(LINES[3:])
    path = make_html(body, tmp_path / "notice.htm", title=TITLE, body_class="mainbox", encoding="gbk")
    source = read_source(path)
    assert source.encoding == "gb18030"
    assert source.text == f"{TITLE}\n{body}"


def test_html_title_not_repeated_when_body_starts_with_it(tmp_path: Path) -> None:
    source = read_source(make_html(NOTICE, tmp_path / "notice.html", title=TITLE))
    assert source.text == NOTICE


def test_html_detected_by_content_not_extension(tmp_path: Path) -> None:
    path = make_html(NOTICE, tmp_path / "download.pdf", title=TITLE)  # a site's page saved as .pdf
    assert read_source(path).kind == "html"


def test_html_metadata_in_list_and_info_bar(tmp_path: Path) -> None:
    path = tmp_path / "notice.html"
    path.write_text(
        f"<html><head><title>{TITLE}</title></head><body><form id='form1'>"
        "<ul class='xxgk'><li><span>索 引 号：</span>007198373/2025-00016</li>"
        "<li><b>发文字号：</b>清工信函〔2025〕16号</li></ul>"
        "<div class='info'>发布时间：2025-03-05 来源：市工业和信息化局 【字体：<a>大</a> <a>小</a>】</div>"
        f"<div class='main'>{''.join(f'<p>{line}</p>' for line in LINES[3:6])}</div></form></body></html>",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.text == "\n".join([TITLE, *LINES[3:6]])
    assert source.fields == {
        "索引号": "007198373/2025-00016",
        "发文字号": "清工信函〔2025〕16号",
        "发布时间": "2025-03-05",
        "来源": "市工业和信息化局",
    }


def test_html_without_article(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(
        '<html><body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a>'
        "<a href='/hd'>互动交流</a></div><footer>主办单位：清远市人民政府办公室</footer></body></html>",
        encoding="utf-8",
    )
    assert_read_error(path, "no article text in HTML page")


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    text = "\n".join([*LINES[:4], "集群类型\t认定数量\t奖励（万元）", "特色产业集群\t3\t50", *LINES[4:8]])
    source = read_source(make_docx(text, tmp_path / "notice.docx", title=TITLE))
    assert source.kind == "docx"
    # a row is its cells, tab-separated, as in the text; the header's unit follows a bare number
    assert source.text == "\n".join([*LINES[:4], "集群类型\t认定数量\t奖励（万元）", "特色产业集群\t3\t50", *LINES[4:8]])
    assert source.fields == {"title": TITLE}


def test_ole_file_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert_read_error(path, "encrypted or legacy .doc file")


def test_broken_docx_zip(tmp_path: Path) -> None:
    whole = make_docx(NOTICE, tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "broken.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_read_error_starts(path, "corrupt or not a .docx file: ")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notice.txt", NOTICE)
    assert_read_error_starts(path, "corrupt or not a .docx file: ")


def test_html_reward_table_reads_as_tab_rows_and_layout_tables_do_not(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='zoom'><table><tr><td>"  # a layout table around the whole article
        "<p>一、奖励标准如下：</p>"
        "<table><tr><td>奖励项目</td><td>奖励标准（万元）</td></tr>"
        "<tr><td>对新认定的国家级专精特新“小巨人”企业</td><td>50</td></tr>"
        "<tr><td>对新认定的省级专精特新中小企业</td><td>20</td></tr></table>"
        "<p>二、本标准自2024年1月1日起施行，有效期3年。</p>"
        "</td></tr></table></div></body></html>"
    )
    (tmp_path / "table.html").write_text(page, encoding="utf-8")
    source = read_source(tmp_path / "table.html")
    assert source.text.split("\n") == [
        "一、奖励标准如下：",
        "奖励项目\t奖励标准（万元）",
        "对新认定的国家级专精特新“小巨人”企业\t50",
        "对新认定的省级专精特新中小企业\t20",
        "二、本标准自2024年1月1日起施行，有效期3年。",
    ]
