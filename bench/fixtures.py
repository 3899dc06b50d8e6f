"""Inputs generated at bench time: PDFs of the corpus notices and a ~200-notice batch set."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
MONEY_NUMBER = re.compile(r"\d+(?=\s*(?:万元|亿元|元|万|亿|%|％))")


def corpus_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def plain(text: str) -> str:
    """Notice text with Markdown marks (#, **) removed, as tests/conftest.py does for PDF fixtures."""
    return "\n".join(re.sub(r"^#+\s*|\*\*", "", line).rstrip() for line in text.splitlines())


def pdf_font() -> tuple[Path | None, str]:
    """The CJK font to embed: tests/conftest.py's choice (WenQuanYi, has digits), else Droid Sans Fallback."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from conftest import find_cjk_font

        font = find_cjk_font()
    except Exception:  # conftest needs pytest; the bench must not
        font = None
    finally:
        sys.path.pop(0)
    if font:
        return Path(font), "conftest.find_cjk_font"
    if DROID.is_file():
        return DROID, "Droid Sans Fallback (no Latin digits: numbers are lost in the PDF)"
    return None, "no CJK font (apt-get install fonts-wqy-microhei or fonts-droid-fallback)"


def make_pdfs(outdir: Path) -> tuple[list[Path], str]:
    """One PDF per corpus notice (same layout as tests/conftest.py make_pdf); [] and a note if no font."""
    font, note = pdf_font()
    if font is None:
        return [], note
    from fpdf import FPDF

    out = []
    for path in corpus_paths():
        pdf = FPDF()
        pdf.add_font("cjk", fname=str(font))
        pdf.set_font("cjk", size=12)
        pdf.add_page()
        pdf.multi_cell(0, 8, plain(path.read_text(encoding="utf-8")))
        target = outdir / f"{path.stem}.pdf"
        pdf.output(str(target))
        out.append(target)
    return out, f"{font.name} via {note}"


def make_batch_set(outdir: Path, copies: int = 40, seed: int = 7) -> list[Path]:
    """copies x corpus notices, each copy with its money/percent numbers replaced by other numbers."""
    rng = random.Random(seed)
    out = []
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in corpus_paths()]
    for i in range(copies):
        for stem, text in texts:
            varied = MONEY_NUMBER.sub(lambda m: str(rng.randint(1, 9) * 10 ** (len(m.group()) - 1)), text)
            target = outdir / f"{stem}_{i:03d}.txt"
            target.write_text(varied, encoding="utf-8")
            out.append(target)
    return out
