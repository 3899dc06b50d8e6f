"""OCR of scanned PDFs and page images with Tesseract (chi_sim), rendered with pypdfium2.

The `tesseract` binary is called through subprocess (Debian: tesseract-ocr and
tesseract-ocr-chi-sim). Its TSV output gives a box per recognised word; the boxes of a
line are joined without spaces, except where the gap between them is wider than a
character (a letter-spaced banner such as `清 远 市 人 民 政 府 办 公 室`, which the
normaliser then drops as page debris) or between two Latin/digit words.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from zhengce import limits
from zhengce.errors import ReadError
from zhengce.model import Source

from .tables import table_lines

LANG = "chi_sim"
DPI = 300
PAGE_TIMEOUT = 120  # seconds per page
OCR_WARNING = "text read by OCR (Tesseract {lang}); check figures against the original"


@functools.lru_cache(maxsize=1)
def tesseract_problem() -> str | None:
    """Why OCR cannot run here (missing binary or language data), or None when it can."""
    exe = shutil.which("tesseract")
    if not exe:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run: {exc}"
    if LANG not in (out.stdout + out.stderr).split():
        return f"tesseract has no {LANG} data (apt-get install tesseract-ocr-chi-sim)"
    return None


def available() -> bool:
    return tesseract_problem() is None


def render_pdf(data: bytes, dpi: int = DPI, pages: list[int] | None = None) -> list:
    """PIL images of the PDF's pages (0-based `pages`, all by default) at `dpi`, or less for a page so
    large that `dpi` would exceed the pixel limit."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        wanted = range(len(pdf)) if pages is None else pages
        return [_render_page(pdf[i], dpi) for i in wanted]
    finally:
        pdf.close()


def _render_page(page, dpi: int):
    width, height = page.get_size()  # points
    scale = dpi / 72
    most = limits.current().ocr_megapixels * 1e6
    if most and width * height * scale * scale > most:
        scale = (most / (width * height)) ** 0.5  # a page claiming metres across (an image at 1 dpi)
    return page.render(scale=scale, grayscale=True).to_pil()


def _is_letter(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()


_OCR_JUNK = "“”\"'|‘’`_ "  # specks read as quotes or bars at the edge of a cell


def _join_words(words: list[tuple[int, int, int, str]]) -> str:
    """Words (left, width, height, text) of one line: no spaces, except wide gaps and between Latin words."""
    if not words:
        return ""
    words = sorted(words)
    char_h = statistics.median(h for _, _, h, _ in words) or 1
    gaps = [b[0] - (a[0] + a[1]) for a, b in zip(words, words[1:], strict=False)]
    if len(words) >= 4 and all(len(w[3]) == 1 for w in words) and min(gaps) > 0.25 * char_h:
        return " ".join(w[3] for w in words)  # a letter-spaced banner: 清 远 市 人 民 政 府 办 公 室
    text, prev_end, prev = "", None, ""
    for left, width, _, word in words:
        if prev_end is not None:
            gap = left - prev_end
            if gap > 0.9 * char_h or (_is_letter(prev[-1]) and _is_letter(word[0]) and gap > 0.2 * char_h):
                text += " "
        text += word
        prev_end, prev = left + width, word
    return text


def _tsv_to_text(tsv: str, tables: list[_Grid] = ()) -> tuple[str, list[float]]:
    """Lines of text from Tesseract TSV output (table cells as table lines), and word confidences."""
    lines: dict[tuple[int, int, int], list[tuple[int, int, int, int, str]]] = {}
    cells: dict[tuple[int, int, int], list[tuple[int, int, int, int, str]]] = {}
    confs: list[float] = []
    for r in (r.split("\t") for r in tsv.splitlines()[1:]):
        if len(r) < 12 or r[0] != "5" or not r[11].strip():
            continue
        left, top, width, height = (int(v) for v in r[6:10])
        word = (left, width, height, top, r[11].strip())
        with contextlib.suppress(ValueError):
            confs.append(float(r[10]))
        cx, cy = left + width / 2, top + height / 2
        where = next(((t, *g.cell(cx, cy)) for t, g in enumerate(tables) if g.cell(cx, cy)), None)
        if where:
            cells.setdefault(where, []).append(word)
        else:
            lines.setdefault((int(r[2]), int(r[3]), int(r[4])), []).append(word)
    items = [(min(w[3] for w in ws), _join_words([(w[0], w[1], w[2], w[4]) for w in ws])) for ws in lines.values()]
    for t, grid in enumerate(tables):
        rows = []
        for i in range(len(grid.ys) - 1):
            row = []
            for j in range(len(grid.xs) - 1):
                # Tesseract's own order: a wrapped cell's lines top to bottom
                row.append("".join(w[4] for w in cells.get((t, i, j), [])).strip(_OCR_JUNK))
            rows.append(row)
        for i, line in enumerate(table_lines(rows)):
            if line:
                items.append((grid.ys[i], line))
    items.sort(key=lambda item: item[0])
    return "\n".join(_fix_label(text) for _, text in items if text), confs


# A clause label's opening bracket read as a book-title mark: 《三) -> (三)
_MISREAD_LABEL = re.compile(r"^[《〈<«]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]")


def _fix_label(line: str) -> str:
    return _MISREAD_LABEL.sub(r"(\1)", line)


@dataclass(frozen=True)
class _Grid:
    """A ruled table found on a page image: the x of its column rules and the y of its row rules."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        return (
            min(bisect.bisect_right(self.ys, y) - 1, len(self.ys) - 2),
            min(bisect.bisect_right(self.xs, x) - 1, len(self.xs) - 2),
        )


def _runs(flags) -> list[tuple[int, int]]:
    """(first, last) index of each run of true values, runs closer than 4 merged."""
    out: list[list[int]] = []
    for i in flags.nonzero()[0].tolist():
        if out and i - out[-1][1] <= 4:
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(a, b) for a, b in out]


def _long_runs(dark, k: int, axis: int):
    """Pixels on runs of at least k dark pixels along `axis` (0: vertical), allowing 2 px of skew."""
    import numpy as np

    n = dark.shape[axis]
    line = np.zeros_like(dark)
    if n <= k:
        return line
    wide = dark.copy()
    for d in (-2, -1, 1, 2):
        wide |= np.roll(dark, d, axis=1 - axis)
    c = np.cumsum(wide, axis=axis, dtype=np.int32)
    c = np.concatenate([np.zeros_like(c.take([0], axis=axis)), c], axis=axis)
    full = (c.take(range(k, n + 1), axis=axis) - c.take(range(0, n - k + 1), axis=axis)) == k
    for shift in [*range(0, k, max(1, k // 8)), k - 1]:  # steps overlap: runs are >= k long
        if axis == 0:
            line[shift : shift + full.shape[0]] |= full
        else:
            line[:, shift : shift + full.shape[1]] |= full
    return line & wide


def clean(image) -> tuple:
    """A page image ready for Tesseract, and the ruled tables found on it.

    Grey, speckles removed (median filter), and table rules painted white: Tesseract reads
    the characters of a ruled table poorly when the cell borders touch them. Horizontal rules
    are dark runs longer than 1/12 of the page width; vertical rules are runs longer than
    1/30 of it that meet a horizontal rule at both ends (so tall strokes of large characters
    stay). The rules give the tables' grids.
    """
    import numpy as np
    from PIL import Image, ImageFilter

    grey = image.convert("L").filter(ImageFilter.MedianFilter(3))
    a = np.asarray(grey)
    dark = a < 128
    width = a.shape[1]
    hmask = _long_runs(dark, max(40, width // 12), axis=1)
    vcand = _long_runs(dark, max(20, width // 30), axis=0)
    vmask = np.zeros_like(dark)
    verticals = []
    for x0, x1 in _runs(vcand.sum(axis=0) > 0):
        for ya, yb in _runs(vcand[:, x0 : x1 + 1].any(axis=1)):
            near = hmask[:, max(0, x0 - 6) : x1 + 7]
            if near[max(0, ya - 10) : ya + 11].any() and near[max(0, yb - 10) : yb + 11].any():
                vmask[ya : yb + 1, x0 : x1 + 1] |= vcand[ya : yb + 1, x0 : x1 + 1]
                verticals.append(((x0 + x1) // 2, ya, yb))
    out = a.copy()
    for mask, axis in ((hmask, 0), (vmask, 1)):
        grow = mask.copy()  # and two pixels either side, for anti-aliased edges
        for d in (-2, -1, 1, 2):
            grow |= np.roll(mask, d, axis=axis)
        out[grow] = 255
    verticals.sort(key=lambda v: v[1])
    groups: list[list[tuple[int, int, int]]] = []
    for v in verticals:
        if groups and v[1] <= max(g[2] for g in groups[-1]) + 5:
            groups[-1].append(v)
        else:
            groups.append([v])
    grids = []
    for group in groups:
        xs = []
        for x, _, _ in sorted(group):
            if not xs or x - xs[-1] > 10:
                xs.append(x)
        if len(xs) < 3:
            continue
        top, bottom = min(v[1] for v in group), max(v[2] for v in group)
        y0 = max(0, top - 10)
        band = hmask[y0 : bottom + 11, xs[0] : xs[-1] + 1]
        ys = tuple(y0 + (p + q) // 2 for p, q in _runs(band.sum(axis=1) > (xs[-1] - xs[0]) // 6))
        if len(ys) >= 2:
            grids.append(_Grid(tuple(xs), ys))
    return Image.fromarray(out), grids


_running: set[subprocess.Popen] = set()  # Tesseract processes of this process, killed when a document is abandoned
_running_lock = threading.Lock()


def ocr_image(image) -> tuple[str, list[float]]:
    """Text (lines joined with newlines) and word confidences of one page image."""
    cleaned, grids = clean(image)
    buf = io.BytesIO()
    cleaned.save(buf, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = dies_with_parent(["tesseract", "stdin", "stdout", "-l", LANG, "--psm", "3", "tsv"])
    try:
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env) as proc:
            with _running_lock:
                _running.add(proc)
            try:
                out, err = proc.communicate(buf.getvalue(), timeout=PAGE_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
            finally:
                with _running_lock:
                    _running.discard(proc)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"tesseract failed: {exc}") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract failed: {err.decode(errors='replace').strip()[:200]}")
    return _tsv_to_text(out.decode("utf-8", errors="replace"), grids)


@functools.lru_cache(maxsize=1)
def _pdeathsig() -> tuple[str, ...]:
    return ("setpriv", "--pdeathsig", "KILL") if shutil.which("setpriv") else ()


def dies_with_parent(command: list[str]) -> list[str]:
    """`command` run so that the kernel kills it when the process that started it dies (util-linux setpriv,
    where there is one): a batch worker killed with SIGKILL leaves no Tesseract behind."""
    return [*_pdeathsig(), *command]


def kill_running() -> None:
    """Kill the Tesseract processes still running (the document is abandoned, or the process ends)."""
    with _running_lock:
        for proc in _running:
            proc.kill()


def check_ocr_pages(path: str, pages: int, what: str) -> None:
    limit = limits.current().ocr_pages
    if limit and pages > limit:
        raise ReadError(path, f"{what} of {pages} pages to read by OCR, above the limit of {limit} "
                              f"{limits.hint('ocr_pages')}")


def ocr_images(path: str, count: int, load: Callable[[int], object],
               what: str = "scanned PDF") -> tuple[list[str], list[str]]:
    """Page texts of the `count` page images `load(i)` gives and the warnings about them; ReadError if OCR
    cannot run or reads nothing. Pages are loaded as they are read, so at most `tesseract_procs` are in memory.
    """
    if tesseract_problem():
        raise ReadError(path, f"no text layer ({what}); OCR is not available")
    check_ocr_pages(path, count, what)
    procs = limits.current().tesseract_procs or os.cpu_count() or 1
    pool = ThreadPoolExecutor(max(1, min(count, procs)))
    try:
        results = list(pool.map(lambda i: ocr_image(load(i)), range(count)))
    except BaseException as exc:  # a failed page, a time limit or Ctrl-C: do not wait for the pages still read
        kill_running()
        if isinstance(exc, RuntimeError):
            raise ReadError(path, str(exc)) from exc
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    texts = [text for text, _ in results]
    if not any(text.strip() for text in texts):
        raise ReadError(path, f"no text layer ({what}); OCR found no text")
    warnings = []
    for n, (text, confs) in enumerate(results, 1):
        if not text.strip():
            warnings.append(f"page {n}: OCR found no text")
        elif confs and statistics.mean(confs) < 70:
            warnings.append(f"page {n}: low OCR confidence ({statistics.mean(confs):.0f}/100)")
    return texts, warnings


def _upscaled(frame, scale: float, most: float, upscale: float):
    """`frame` enlarged by `scale`, but by no more than `upscale` (a claimed 1 dpi would make it x300) and
    to no more than `most` pixels."""
    scale = min(scale, upscale or scale, (most / (frame.width * frame.height)) ** 0.5)
    return frame.resize((round(frame.width * scale), round(frame.height * scale))) if scale > 1 else frame


def paged_source(path: str, pages: list[str], kind: str, warnings: list[str]) -> Source:
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    return Source(path, "\f".join(pages), kind, page_starts=tuple(starts), warnings=tuple(warnings))


def ocr_pdf(path: str, data: bytes) -> Source:
    """A scanned PDF read by OCR: Source kind "ocr", one page per PDF page."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pypdfium2 raises PdfiumError and friends
        raise ReadError(path, f"cannot render PDF for OCR: {exc}") from exc
    lock = threading.Lock()  # pdfium is not thread-safe: one page rendered at a time

    def load(i: int):
        with lock:
            try:
                return _render_page(pdf[i], DPI)
            except Exception as exc:
                raise RuntimeError(f"cannot render page {i + 1} for OCR: {exc}") from exc

    try:
        texts, warnings = ocr_images(path, len(pdf), load)
    finally:
        with lock:
            pdf.close()
    return paged_source(path, texts, "ocr", [OCR_WARNING.format(lang=LANG), *warnings])


def read_image(path: str, data: bytes) -> Source:
    """A page image (PNG, JPEG, TIFF; every frame of a multi-page TIFF is a page) read by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    limit = limits.current()
    most = limit.ocr_megapixels * 1e6 or float("inf")
    try:
        with Image.open(io.BytesIO(data)) as img:
            check_ocr_pages(path, getattr(img, "n_frames", 1), "image")
            frames = []
            for frame in ImageSequence.Iterator(img):
                if frame.width * frame.height > most:  # checked before its pixels are decoded
                    raise ReadError(path, f"image of {frame.width}x{frame.height} pixels, above the limit of "
                                          f"{limit.ocr_megapixels:g} megapixels {limits.hint('ocr_megapixels')}")
                frames.append(frame.convert("L"))
            dpi = img.info.get("dpi", (0, 0))[0] or 0
    except Image.DecompressionBombError as exc:  # beyond Pillow's own limit, above ours
        raise ReadError(path, f"image too large to read: {exc}") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(path, f"unreadable image: {exc}") from exc
    if dpi and dpi < 200:  # upsample low-resolution scans; Tesseract wants ~300 dpi
        frames = [_upscaled(f, DPI / dpi, most, limit.ocr_upscale) for f in frames]
    texts, warnings = ocr_images(path, len(frames), frames.__getitem__, "image")
    return paged_source(path, texts, "ocr", [OCR_WARNING.format(lang=LANG), *warnings])
