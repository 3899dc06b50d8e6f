"""Build the PDF fixtures in corpus/fixtures/ from excerpts of the bundled notice 000.

    python tests/make_fixtures.py        # rewrites corpus/fixtures/word_notice.{txt,pdf}, scanned_notice.pdf

- word_notice.txt: the text version (what the notice says, as plain text);
- word_notice.pdf: the same content printed the way Word prints a 红头文件: a red
  letter-spaced header with a red rule under it, embedded subset CJK font, a running header
  and `— N —` / `- N -` page numbers, sentences running on to the next page, full-width
  digits and a ruled reward table (支持事项 | 奖励标准（万元）);
- scanned_notice.pdf: word_notice.pdf rendered to 150 dpi grey images with a slight skew
  and speckle noise, wrapped as an image-only PDF (no text layer).

Also builders for broken text layers used by tests/test_pdf.py (fake bold, no ToUnicode).
Needs fonts-wqy-microhei (or fonts-wqy-zenhei).
"""

from __future__ import annotations

import io
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import CORPUS, require_cjk_font  # noqa: E402

FIXTURES = CORPUS / "fixtures"
BANNER = "清远市人民政府办公室"
RUNNING_HEADER = "清远市先进制造业和高技术制造业企业扶优计划"
TABLE_HEAD = ("支持事项", "奖励标准（万元）")
TABLE_ROWS = (
    ("对获得国家级绿色工厂的企业", "50"),
    ("对获得国家级绿色供应链管理企业", "30"),
    ("对列入国家级绿色设计产品名单的企业，每个绿色设计产品", "10"),
)

# (style, text): banner, rule, center, title, para, right, table
BLOCKS: list[tuple[str, str]] = [
    ("banner", BANNER),
    ("rule", ""),
    ("center", "清府办函〔2024〕57号"),
    ("title", "清远市人民政府办公室关于印发《清远市先进制造业和高技术制造业企业扶优计划（修订）》的通知"),
    ("para", "清远高新区管委会，广清产业园管委会，各县（市、区）人民政府，市政府各部门、各直属机构："),
    (
        "para",
        "经市人民政府同意，现将《清远市先进制造业和高技术制造业企业扶优计划（修订）》印发给你们，"
        "请认真贯彻执行。执行过程中遇到的问题，请径向市工业和信息化局反映。",
    ),
    ("right", "清远市人民政府办公室"),
    ("right", "２０２４年６月２８日"),
    ("title", "清远市先进制造业和高技术制造业企业扶优计划（修订）"),
    ("para", "三、扶持措施"),
    ("para", "（一）支持企业扩容增效。"),
    (
        "para",
        "当年营业收入达到10亿元以上且同比增长幅度达到10%以上、当年营业收入5（含5亿）-10亿元且同比增长幅度达到12%以上、"
        "当年营业收入1（含1亿）-5亿元且同比增长幅度达到15%以上的试点企业，且当年利润为正数并呈正增长的，"
        "给予一次性奖励最高３０万元。（责任单位：市工业和信息化局、市财政局）",
    ),
    ("para", "（二）支持企业数字化转型。"),
    (
        "para",
        "鼓励企业开展数据管理能力成熟度评估模型（GB/T36073-2018，简称DCMM）贯标，建立企业首席数据官"
        "（Chief Data Officer，简称CDO）制度。对首次开展DCMM认证评估，获得了DCMM2级证书并设立了CDO的企业，"
        "一次性奖励最高20万元；对首次开展DCMM认证评估，获得了DCMM3级、4级或5级证书并设立了CDO的企业，"
        "一次性奖励最高30万元。（责任单位：市工业和信息化局、市财政局）",
    ),
    ("para", "（三）提高企业创新能力。"),
    (
        "para",
        "对本计划实施后新认定的国家高新技术企业，给予每家一次性奖励最高30万元，重新认定的减半奖励。"
        "对新认定的国家级创新平台一次性补助最高100万元。对新认定的省级创新平台一次性补助最高50万元。"
        "奖励承担省级以上重大科技专项，对新获得国家、省重大科技专项立项的我市牵头单位，给予每项一次性奖励，"
        "最高100万元。（责任单位：市科技局、市财政局、市发展改革局）",
    ),
    ("para", "（四）支持企业绿色制造。"),
    ("para", "对获得国家级绿色制造称号的企业给予一次性资金奖励，标准如下："),
    ("table", ""),
    ("para", "（责任单位：市工业和信息化局、市生态环境局、市财政局）"),
    ("para", "（五）支持服务型制造。"),
    (
        "para",
        "对获得国家级、省级服务型制造示范企业（项目、平台），视其规模按每家一次性奖励30万元至100万元。"
        "对获得国家级、省级、市级工业设计中心的，分别给予一次性奖补100万元、50万元、30万元。"
        "（责任单位：市工业和信息化局、市财政局）",
    ),
]


def table_row_text(measure: str, amount: str) -> str:
    """How a reward-table row reads as text: its cells as written, tab-separated (what extract/tables.py
    emits); the bare number takes the header's unit when the figures are read."""
    return f"{measure}\t{amount}"


def word_text() -> str:
    """The text version of the notice: one line per paragraph, the banner letter-spaced."""
    lines = []
    for style, text in BLOCKS:
        if style == "banner":
            lines.append(" ".join(text))
        elif style == "table":
            lines.append("\t".join(TABLE_HEAD))
            lines.extend(table_row_text(*row) for row in TABLE_ROWS)
        elif style != "rule":
            lines.append(text)
    return "\n".join(lines) + "\n"


def _fpdf():
    from fpdf import FPDF

    class WordPDF(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("cjk", size=9)
                self.set_text_color(90, 90, 90)
                self.set_xy(self.l_margin, 10)
                self.cell(0, 5, RUNNING_HEADER, align="C")
                self.set_text_color(0, 0, 0)
                self.set_y(self.t_margin)

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("cjk", size=11)
            n = self.page_no()
            label = f"— {n} —" if n % 2 else f"- {n} -"
            self.cell(0, 6, label, align="R" if n % 2 else "L")

    pdf = WordPDF(format="A4")
    pdf.set_margins(26, 28, 26)
    pdf.set_auto_page_break(True, margin=28)
    pdf.add_font("cjk", fname=str(require_cjk_font()))
    return pdf


def build_word_pdf(path: Path) -> Path:
    pdf = _fpdf()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for style, text in BLOCKS:
        if style == "banner":
            pdf.set_font("cjk", size=24)
            pdf.set_text_color(220, 0, 0)
            pdf.set_char_spacing(9)
            pdf.cell(0, 14, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_char_spacing(0)
            pdf.set_text_color(0, 0, 0)
        elif style == "rule":
            pdf.set_draw_color(220, 0, 0)
            pdf.set_line_width(0.8)
            y = pdf.get_y() + 3
            pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.2)
            pdf.set_y(y + 6)
        elif style == "center":
            pdf.set_font("cjk", size=14)
            pdf.cell(0, 9, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif style == "title":
            pdf.set_font("cjk", size=18)
            pdf.ln(2)
            pdf.multi_cell(0, 10, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        elif style == "right":
            pdf.set_font("cjk", size=14)
            pdf.cell(0, 9, text, align="R", new_x="LMARGIN", new_y="NEXT")
        elif style == "para":
            pdf.set_font("cjk", size=16)
            pdf.multi_cell(0, 11, text, new_x="LMARGIN", new_y="NEXT")
        elif style == "table":
            pdf.set_font("cjk", size=12)
            from fpdf.fonts import FontFace

            # Word's "repeat as header row": a table broken over pages repeats its header
            with pdf.table(col_widths=(3, 1), line_height=8, headings_style=FontFace(emphasis="")) as table:
                for row in (TABLE_HEAD, *TABLE_ROWS):
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)
    pdf.output(str(path))
    return path


def build_scan_pdf(source_pdf: Path, path: Path, dpi: int = 150, seed: int = 5) -> Path:
    """An image-only PDF: the pages of `source_pdf` as slightly skewed, speckled grey JPEGs."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    pages = []
    pdf = pdfium.PdfDocument(str(source_pdf))
    for page in pdf:
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
        px = img.load()
        for _ in range(img.width * img.height // 3000):  # speckles
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            px[x, y] = rng.choice((0, 90, 160))
        pages.append(img)
    pdf.close()
    buf = io.BytesIO()
    pages = [img.point(lambda v: 255 if v > 150 else 0).convert("1") for img in pages]  # bilevel, as fax-like scans are
    pages[0].save(buf, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    path.write_bytes(buf.getvalue())
    return path


def _drawn_lines(text: str, width: int = 30):
    """A one-page 14 pt PDF and the (baseline, chunk) of each line of `text` cut to `width` characters,
    for fixtures that draw their text glyph by glyph."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("cjk", size=14)
    chunks = [line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width)]
    return pdf, [(40 + 9 * n, chunk) for n, chunk in enumerate(chunks)]


def build_fake_bold_pdf(path: Path, text: str) -> Path:
    """A PDF whose every line is drawn twice, 0.4 pt apart: Word's fake bold for CJK fonts."""
    pdf, lines = _drawn_lines(text)
    for y, chunk in lines:
        pdf.text(26, y, chunk)
        pdf.text(26.15, y, chunk)
    pdf.output(str(path))
    return path


def build_cid_pdf(path: Path, text: str, *, keep_font: bool = True) -> Path:
    """A PDF whose CJK font has no ToUnicode map.

    keep_font=True: the subset font stays embedded, so the page renders (and OCR can read it)
    while pdfminer decodes its glyph ids to the wrong characters. keep_font=False: the font
    file is gone too and pdfminer sees `(cid:N)` for every glyph.
    """
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=str(require_cjk_font()))
    pdf.set_font("cjk", size=14)
    pdf.add_page()
    pdf.multi_cell(0, 9, text)
    data = bytes(pdf.output()).replace(b"/ToUnicode", b"/XoUnicode")  # same length: xref stays valid
    if not keep_font:
        data = data.replace(b"/FontFile2", b"/FontFileX")
    path.write_bytes(data)
    return path


def build_scrambled_pdf(path: Path, text: str) -> Path:
    """A PDF whose content stream draws every line's characters right to left, one by one."""
    pdf, lines = _drawn_lines(text)
    for y, chunk in lines:
        x = 26
        placed = []
        for ch in chunk:
            placed.append((x, ch))
            x += pdf.get_string_width(ch)
        for x, ch in reversed(placed):
            pdf.text(x, y, ch)
    pdf.output(str(path))
    return path


def build_all(folder: Path = FIXTURES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "word_notice.txt").write_text(word_text(), encoding="utf-8")
    word = build_word_pdf(folder / "word_notice.pdf")
    scan = build_scan_pdf(word, folder / "scanned_notice.pdf")
    return [folder / "word_notice.txt", word, scan]


if __name__ == "__main__":
    for p in build_all():
        print(f"{p}  {p.stat().st_size // 1024} KB")


_CENTRED = re.compile(r"^(?:第[一二三四五六七八九十]+章.*|[^，。；：]*(?:关于|办法|意见|〔\d{4}〕\d+号)[^，。；：]*)$")
_RIGHT = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[^，。；：]{2,16}(?:局|政府|办公室|委员会))$")


def _typeset(pdf, text: str, width: float, first_indent: float, break_figures: bool) -> list[tuple[float, str]]:
    """(indent, chunk) of each line of a paragraph filled to `width`, the first line set in by
    `first_indent`. Word keeps a number on one line; `break_figures` breaks it anywhere instead."""
    lines, chunk, indent = [], "", first_indent
    for ch in text:
        if chunk and pdf.get_string_width(chunk + ch) > width - indent:
            keep = ""
            if not break_figures and ch.isdigit():  # carry the digits of this number to the next line
                while chunk and chunk[-1].isdigit():
                    keep, chunk = chunk[-1] + keep, chunk[:-1]
            lines.append((indent, chunk))
            chunk, indent = keep, 0.0
        chunk += ch
    if chunk:
        lines.append((indent, chunk))
    return lines


def build_gongwen_pdf(text: str, path: Path, *, run_together: bool = False, break_figures: bool = True,
                      banner: str | None = None, colophon: tuple[str, ...] = (), page_label: str = "- {} -") -> Path:
    """A notice typeset as a 公文 PDF: titles and chapter headings centred, the signature right,
    paragraphs with a two-character first-line indent, lines filled to the margin and broken
    anywhere (inside a figure too), `page_label` page numbers. `run_together` sets the clauses of each
    chapter or part as one running paragraph (`…制定本办法。第二条 …`), headings run into them.
    `banner`: a red 版头 (`某市人民政府办公室文件`) over a red rule; `colophon`: the 版记 lines
    (`抄送：…`, `…印发`) between rules at the end. Lines of tab-separated cells are a ruled table
    whose first row heads it on every page."""
    from fpdf import FPDF
    from zhengce.normalize.labels import match_label

    class Gongwen(FPDF):
        def footer(self) -> None:
            self.set_font("cjk", size=11)
            self.text(self.w / 2 - 8, self.h - 20, page_label.format(self.page_no()))

    pdf = Gongwen(format="A4")
    pdf.set_margins(28, 37, 26)
    pdf.set_auto_page_break(True, margin=35)  # only tables break pages by themselves
    pdf.add_font("cjk", fname=str(require_cjk_font()))
    size, leading = 16, 10.0
    width = pdf.w - pdf.l_margin - pdf.r_margin
    blocks: list[tuple[str, str]] = []
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        style = "row" if "\t" in line else "centre" if _CENTRED.match(line) else "right" if _RIGHT.match(line) else "para"
        label = match_label(line)
        if run_together and style == "para" and label and blocks and blocks[-1][0] == "para" \
                and match_label(blocks[-1][1]) and label.style not in ("chapter", "cn"):
            blocks[-1] = ("para", blocks[-1][1] + line.replace(" ", "　"))
            continue
        blocks.append((style, line if style == "row" else line.replace(" ", "　")))
    pdf.add_page()
    y = [37.0]

    def new_line(height: float = leading) -> float:
        if y[0] + height > pdf.h - 35:
            pdf.add_page()
            y[0] = 37.0
        y[0] += height
        return y[0]

    def rule() -> None:
        pdf.line(pdf.l_margin, y[0] + 4, pdf.w - pdf.r_margin, y[0] + 4)
        y[0] += 6

    if banner:
        pdf.set_text_color(220, 0, 0)
        pdf.set_draw_color(220, 0, 0)
        pdf.set_font("cjk", size=26)
        pdf.text(pdf.l_margin + (width - pdf.get_string_width(banner)) / 2, new_line(16), banner)
        pdf.set_line_width(0.8)
        y[0] += 4
        rule()
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)
    i = 0
    while i < len(blocks):
        style, line = blocks[i]
        pdf.set_font("cjk", size=size)
        if style == "row":
            rows = []
            while i < len(blocks) and blocks[i][0] == "row":
                rows.append(blocks[i][1].split("\t"))
                i += 1
            _table(pdf, rows, y)
            continue
        if style == "para":
            for indent, chunk in _typeset(pdf, line, width, 2 * pdf.get_string_width("国"), break_figures):
                pdf.text(pdf.l_margin + indent, new_line(), chunk)
        else:
            for _, chunk in _typeset(pdf, line, width, 0.0, break_figures):
                w = pdf.get_string_width(chunk)
                x = pdf.l_margin + (width - w) / 2 if style == "centre" else pdf.w - pdf.r_margin - w - 8
                pdf.text(x, new_line(), chunk)
        i += 1
    if colophon:
        pdf.set_font("cjk", size=14)
        new_line(4)
        rule()
        for line in colophon:
            pdf.text(pdf.l_margin + 4, new_line(9), line)
        rule()
    pdf.output(str(path))
    return path


def _table(pdf, rows: list[list[str]], y: list[float]) -> None:
    """A ruled table at y[0] (fpdf2 breaks it over pages and repeats the first row); y[0] moves below it."""
    from fpdf.fonts import FontFace

    columns = max(len(row) for row in rows)
    pdf.set_font("cjk", size=11)
    pdf.set_y(y[0] + 4)
    with pdf.table(line_height=6, headings_style=FontFace(emphasis=""), first_row_as_headings=len(rows) > 1) as table:
        for row in rows:
            cells = table.row()
            for cell in row + [""] * (columns - len(row)):
                cells.cell(cell.strip())
    y[0] = pdf.get_y() + 2
