"""Shared fixture builders: small PDF, DOCX, HTML and GBK files generated at test time.

PDFs need a CJK TrueType font to embed; Debian's fonts-wqy-microhei provides one with Latin
letters and digits too (Droid Sans Fallback has no digits, so 〔2025〕16号 would lose them).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CJK_FONTS = (  # (Debian package, path); the first that exists is used
    ("fonts-wqy-microhei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    ("fonts-wqy-zenhei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


def find_cjk_font() -> Path | None:
    """Path of an installed CJK font fpdf2 can embed, or None."""
    return next((Path(path) for _, path in CJK_FONTS if Path(path).is_file()), None)


def require_cjk_font() -> Path:
    """find_cjk_font(), skipping the calling test when there is none."""
    return find_cjk_font() or pytest.skip(f"no CJK font for PDF fixtures: apt-get install {CJK_FONTS[0][0]}")


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    """The CJK font path (the test is skipped when no such font is installed)."""
    return require_cjk_font()


def notice_excerpt(name: str = "003_2df374d9f4d9fda4.txt", lines: int = 14) -> str:
    """The first non-empty lines of a bundled notice, Markdown marks (#, **) removed."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    plain = [re.sub(r"^#+\s*|\*\*", "", line).strip() for line in text.splitlines()]
    return "\n".join([line for line in plain if line][:lines])


def make_pdf(text: str, path: Path) -> Path:
    """A PDF with one page per "\\f"-separated part of `text`, lines wrapped to the page width."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=str(require_cjk_font()))
    pdf.set_font("cjk", size=12)
    for page in text.split("\f"):
        pdf.add_page()
        pdf.multi_cell(0, 8, page)
    pdf.output(str(path))
    return path


def make_docx(text: str, path: Path, *, title: str | None = None) -> Path:
    """A DOCX with one paragraph per line; consecutive lines containing tabs form a table."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            document.add_paragraph(lines[i])
            i += 1
            continue
        rows = []
        while i < len(lines) and "\t" in lines[i]:
            rows.append(lines[i].split("\t"))
            i += 1
        table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    document.save(str(path))
    return path


def make_html(
    text: str,
    path: Path,
    *,
    title: str = "",
    fields: dict[str, str] | None = None,
    body_class: str = "zoom",
    encoding: str = "utf-8",
) -> Path:
    """A government-style notice page: nav, breadcrumb, metadata table, the body, share bar, footer.

    The body paragraphs (one per line of `text`) sit in `<div class=body_class>`; the page
    title goes in <title> (with the site name) and in an <h1> above the body.
    """
    esc = html.escape
    meta_rows = "".join(f"<tr><td>{esc(k)}：</td><td>{esc(v)}</td></tr>" for k, v in (fields or {}).items())
    paragraphs = "".join(f"<p>　　{esc(line)}</p>\n" for line in text.split("\n"))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>{esc(title)}_政策文件_清远市人民政府门户网站</title>
<style>.zoom {{ font-size: 16px }}</style><script>var 统计 = "首页";</script></head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<nav>网站导航：市政府门户网站</nav>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政策文件</a></div>
<div class="xxgk"><table>{meta_rows}</table></div>
<div class="detail"><h1>{esc(title)}</h1>
<div class="{body_class}">
{paragraphs}</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a>【打印本页】【关闭窗口】</div>
</div>
<footer>主办单位：清远市人民政府办公室　地址：清远市新城　网站标识码：4418000001</footer>
</body></html>
"""
    path.write_bytes(page.encode(encoding))
    return path


def make_gbk(text: str, path: Path) -> Path:
    """`text` encoded as GBK (what older government CMSs still publish)."""
    path.write_bytes(text.encode("gbk"))
    return path
