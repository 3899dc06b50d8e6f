"""Text of a PDF notice, page by page, via pdfplumber.

pdfplumber (layout=False) groups characters into lines by their position on the page and
sorts each line left to right, so CJK text comes out in reading order even when the content
stream draws it out of order. Pages are joined with "\\f" and their offsets kept.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from zhengce.errors import ReadError
from zhengce.model import Source

_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")  # glyph without a ToUnicode mapping


def read_pdf(path: str, data: bytes) -> Source:
    """Read a PDF with a text layer; encrypted, corrupt and scanned PDFs raise ReadError."""
    pages = _page_texts(path, data)
    if not any(page.strip() for page in pages):
        return _ocr(path, data)
    warnings = [f"page {n} has no text layer" for n, page in enumerate(pages, 1) if not page.strip()]
    text = "\f".join(pages)
    unmapped = len(_UNMAPPED_GLYPH.findall(text))
    if unmapped:
        warnings.append(f"{unmapped} glyph(s) without a Unicode mapping, shown as (cid:N)")
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1
    return Source(path, text, "pdf", page_starts=tuple(starts), warnings=tuple(warnings))


def _page_texts(path: str, data: bytes) -> list[str]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text(layout=False) or "" for page in pdf.pages]
    except (PdfminerException, PSException) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(path, "encrypted PDF") from exc
        reason = " ".join(str(cause).split()) or type(cause).__name__
        raise ReadError(path, f"corrupt or truncated PDF: {reason}") from exc


def _ocr(path: str, data: bytes) -> Source:
    """The seam for OCR of scanned PDFs: it will return a Source of kind "ocr" from `data`."""
    raise ReadError(path, "no text layer (scanned PDF); OCR is not available")
