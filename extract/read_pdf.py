"""Text of a PDF notice, page by page, via pdfplumber; scanned pages via OCR (extract/ocr.py).

pdfplumber groups characters into lines by their position on the page and sorts each line
left to right, so CJK text comes out in reading order even when the content stream draws it
out of order. Pages are joined with "\\f" and their offsets kept.

What Word-printed notices need on top of that:

- duplicated glyphs (fake bold draws each character twice, slightly offset) are removed with
  `dedupe_chars()` and reported;
- ruled tables (`find_tables()`) are taken out of the text layer and emitted as one line per
  row, placed where the row sits on the page. A row of a (measure | amount) table becomes
  `measure，<column header><amount>。`, e.g. `对获得国家级绿色工厂的企业，奖励标准50万元。`:
  the sentence then has the benefit cue (奖励, 补助, 扶持 …) right before the amount, so the
  rule extractor gives the amount its benefit role, and `：` is avoided because it ends the
  quoted sentence before the amount. A unit written in the header (`奖励标准（万元）`) moves
  behind the number. Tables without a header row are joined `cell，cell。`;
- broken text layers are detected and reported as `Source.warnings` instead of passed on as
  garbage: glyphs without a Unicode mapping (`(cid:N)`), private-use and replacement
  characters, characters drawn out of reading order. A page whose text is mostly unmapped is
  read by OCR when Tesseract is installed, otherwise its unmapped glyphs are dropped.
- PDFs with no text at all are read by OCR (Source kind "ocr");
- a line set in from the left margin (a paragraph's first line, a centred title, a signature)
  keeps its indent as two ideographic spaces, which line joining reads as a paragraph start.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from zhengce import limits
from zhengce.errors import ReadError
from zhengce.model import Source

from . import ocr, tables

_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")  # glyph without a ToUnicode mapping
_BAD_CHAR = re.compile(r"[\ue000-\uf8ff\ufffd]")  # private use area, replacement character
_BROKEN_SHARE = 0.3  # a page with this share of unreadable glyphs has no usable text layer
_WORD_SHARE = 0.4  # below this share of characters in words the text is not Chinese prose
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HAN_RUNS_ONLY = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]+")
_DISORDER_SHARE = 0.2  # share of backward steps within a line that marks a scrambled stream
_INDENT = "\u3000\u3000"
_INDENT_CHARS = 1.5  # an indent of this many character heights starts a paragraph


@dataclass
class _Page:
    text: str
    chars: int = 0
    bad: int = 0  # unmapped, private-use and replacement glyphs
    duplicates: int = 0
    disorder: float = 0.0
    notes: list[str] = field(default_factory=list)


def read_pdf(path: str, data: bytes) -> Source:
    """Read a PDF; encrypted and corrupt PDFs raise ReadError, scanned ones go to OCR."""
    check_page_count(path, data)
    pages = _pages(path, data)
    if not any(page.text.strip() for page in pages):
        return ocr.ocr_pdf(path, data)
    warnings: list[str] = []
    texts = [page.text for page in pages]
    ocr_pages: list[int] = []
    tried: list[int] = []  # pages given to OCR, within the limit
    for i, page in enumerate(pages):
        n = i + 1
        if not page.text.strip():
            if not page.notes:  # an unreadable page says why in its notes
                warnings.append(f"page {n} has no text layer")
            continue
        share = page.bad / page.chars if page.chars else 0.0
        words = word_share(page.text)
        problem = None
        if share >= _BROKEN_SHARE:
            problem = (
                f"page {n}: broken text layer: {page.bad} of {page.chars} glyphs ({share:.0%}) have no Unicode "
                "mapping (missing ToUnicode map)"
            )
        elif words is not None and words < _WORD_SHARE:
            problem = (
                f"page {n}: broken text layer: the text does not read as Chinese (only {words:.0%} of its "
                "characters form words: wrong ToUnicode map or characters out of order)"
            )
        if problem:
            room = _ocr_room(len(tried))
            tried += [i] if room else []
            text = _ocr_page(data, i) if room else None
            if text is not None:
                texts[i] = text
                ocr_pages.append(i)
                warnings.append(f"{problem}; the page was read by OCR instead")
            else:
                texts[i] = ""
                reason = (ocr.tesseract_problem() or "OCR could not read it either") if room else (
                    f"the limit of {len(tried)} pages read by OCR is reached {limits.hint('ocr_pages')}")
                warnings.append(f"{problem}; its text was dropped ({reason})")
            continue
        if page.bad:
            warnings.append(
                f"page {n}: {page.bad} glyph(s) without a Unicode mapping (shown as (cid:N) or private-use "
                "characters) were dropped"
            )
            texts[i] = _strip_bad(texts[i])
        if page.disorder >= _DISORDER_SHARE and page.chars >= 20:
            warnings.append(
                f"page {n}: characters drawn out of reading order ({page.disorder:.0%} backward steps); "
                "text re-ordered by position, check it"
            )
    for i, page in enumerate(pages):
        if page.duplicates:
            warnings.append(
                f"page {i + 1}: {page.duplicates} duplicated glyph(s) removed (fake bold or overprinted text layer)"
            )
        warnings.extend(f"page {i + 1}: {note}" for note in page.notes)
    if ocr_pages:
        pages_read = ", ".join(str(i + 1) for i in ocr_pages)
        warnings.insert(0, ocr.OCR_WARNING.format(lang=ocr.LANG) + f" (page(s) {pages_read})")
    return ocr.paged_source(path, texts, "pdf", warnings)


def word_share(text: str) -> float | None:
    """Share of the Han characters of `text` that the segmenter finds in words of two or more characters.

    Chinese prose scores 0.7-0.9; a text layer with a wrong ToUnicode map, or drawn out of
    order, scores about 0.1. None when there are too few Han characters to judge.
    """
    han = _HAN.findall(text)
    if len(han) < 20:
        return None
    from .words import words as segment

    words = [w for w in segment(_HAN_RUNS_ONLY.sub(" ", text), hmm=False) if _HAN.match(w)]
    total = sum(len(w) for w in words)
    return sum(len(w) for w in words if len(w) >= 2) / total if total else None


def _ocr_room(tried: int) -> bool:
    """Whether one more page with a broken text layer may be read by OCR (limits.ocr_pages)."""
    limit = limits.current().ocr_pages
    return not limit or tried < limit


def _ocr_page(data: bytes, index: int) -> str | None:
    """OCR text of one page, or None when OCR is unavailable or its text does not read as Chinese."""
    if not ocr.available():
        return None
    try:
        text, _ = ocr.ocr_image(ocr.render_pdf(data, pages=[index])[0])
    except Exception:  # rendering or Tesseract failure: the caller drops the page's text
        return None
    words = word_share(text)
    return text if words is not None and words >= _WORD_SHARE else None


def _strip_bad(text: str) -> str:
    return _BAD_CHAR.sub("", _UNMAPPED_GLYPH.sub("", text))


def _pages(path: str, data: bytes) -> list[_Page]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_read_or_report(page) for page in pdf.pages]
    except (PdfminerException, PSException) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(path, "encrypted PDF") from exc
        reason = " ".join(str(cause).split()) or type(cause).__name__
        raise ReadError(path, f"corrupt or truncated PDF: {reason}") from exc


def check_page_count(path: str, data: bytes) -> None:
    """Refuse a PDF of more pages than the limit, counted by pdfium from the page tree's root in milliseconds
    (pdfplumber builds every page object first: 13 s for 50,000 pages)."""
    import pypdfium2 as pdfium

    limit = limits.current().pdf_pages
    if not limit:
        return
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # encrypted or corrupt: pdfplumber says which
        return
    pages = len(pdf)
    pdf.close()
    if pages > limit:
        raise ReadError(path, f"PDF of {pages} pages, above the limit of {limit} {limits.hint('pdf_pages')}")


def _read_or_report(page) -> _Page:
    """A page that cannot be read loses its text, and a warning says so; the rest of the document is read."""
    try:
        lost = _lost_streams(page)
        read = _read_and_close(page)
    except Exception as exc:  # pdfminer raises all sorts on a damaged content stream
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        return _Page("", notes=[f"could not be read ({type(exc).__name__}: {reason}); its text is missing"])
    if lost:
        read.notes.append(f"{lost} content stream(s) could not be decompressed (damaged file); their text is missing")
    return read


def _lost_streams(page) -> int:
    """Content streams that do not decompress: pdfminer reads them as empty, and says nothing."""
    lost = 0
    for ref in page.page_obj.contents:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream) and stream.data is None and stream.rawdata and not stream.get_data():
            lost += 1
    return lost


def _read_and_close(page) -> _Page:
    """Read a page, then drop the glyph objects pdfplumber keeps on it. Kept to the end of the
    document they cost 1.2 MB a page, and the garbage collector walks them all again each time it runs."""
    try:
        return _read_page(page)
    finally:
        page.close()


def _read_page(page) -> _Page:
    chars = page.chars
    if not chars:
        return _Page("")
    # pdfplumber's dedupe is costly: run it only where some glyph is drawn twice at about one place
    deduped = page.dedupe_chars(tolerance=1.5) if _drawn_twice(chars) else page
    duplicates = len(chars) - len(deduped.chars)
    bad = sum(1 for c in deduped.chars if _UNMAPPED_GLYPH.fullmatch(c["text"]) or _BAD_CHAR.search(c["text"]))
    notes: list[str] = []
    try:
        tables = [t for t in deduped.find_tables() if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    except Exception as exc:  # table finding is an extra; never lose the page over it
        tables, notes = [], [f"table detection failed ({type(exc).__name__})"]
    boxes = [t.bbox for t in tables]
    body = deduped.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else deduped
    lines = body.extract_text_lines(layout=False, strip=True, return_chars=False)
    margin = _left_margin(lines)
    items = [(line["top"], _indent(line, margin) + line["text"]) for line in lines]
    for table in tables:
        items.extend(_table_lines(table))
    items.sort(key=lambda item: item[0])
    text = "\n".join(text for _, text in items if text)
    return _Page(text, len(deduped.chars), bad, duplicates, _disorder(deduped.chars), notes)


def _left_margin(lines: list[dict]) -> float:
    """Where the page's lines start: the leftmost start that two or more lines share, so that one line
    reaching further left (a 版头 wider than the text, a stamp) does not make every other line look set in."""
    starts = Counter(round(line["x0"]) for line in lines)
    shared = [x for x, n in starts.items() if n >= 2]
    return float(min(shared or starts, default=0))


def _indent(line: dict, margin: float) -> str:
    """Two ideographic spaces before a line set in from the page's left margin by a character or
    more: the first line of a paragraph, a centred title, a signature. Line joining reads them as
    paragraph starts where the rest of the text runs flush left."""
    size = line["bottom"] - line["top"]
    return _INDENT if size > 0 and line["x0"] - margin >= _INDENT_CHARS * size else ""


def _drawn_twice(chars: list[dict], tolerance: float = 2.0) -> bool:
    """Whether a glyph repeats within `tolerance` points of itself on its line (fake bold, overprint).
    Sorted by (glyph, line, x), a repeat sits right after its original."""
    placed = sorted([(c["text"], round(c["top"]), c["x0"]) for c in chars])
    return any(a[0] == b[0] and a[1] == b[1] and b[2] - a[2] <= tolerance for a, b in pairwise(placed))


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _disorder(chars: list[dict]) -> float:
    """Share of steps in content-stream order that go backwards within a text line."""
    steps = back = 0
    prev_top = prev_x0 = None
    for c in chars:
        top, x0 = c["top"], c["x0"]
        if prev_top is not None and abs(prev_top - top) <= 2:
            steps += 1
            if x0 < prev_x0 - 1:
                back += 1
        prev_top, prev_x0 = top, x0
    return back / steps if steps else 0.0


def _cell(text: str | None) -> str:
    """A cell's text on one line: wrapped lines joined, spaces kept only between Latin words."""
    lines = [x.strip() for x in (text or "").split("\n") if x.strip()]
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _table_lines(table) -> list[tuple[float, str]]:
    """One (top, line) per table row, as running text (see `tables.table_lines`)."""
    rows = [[_cell(c) for c in row] for row in table.extract()]
    tops = [row.bbox[1] for row in table.rows]
    return [(top, line) for top, line in zip(tops, tables.table_lines(rows), strict=False) if line]
