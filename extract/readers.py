"""Read any supported file into a `Source`, choosing the reader by content before extension.

Files from government sites are often misnamed (an HTML error page saved as .pdf, a .doc
renamed .docx), so the magic bytes decide; the extension only breaks ties.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from zhengce.errors import ReadError
from zhengce.model import Source

from .read_text import decode_text
from .tables import markdown_tables

# The format readers import pdfplumber, python-docx, lxml and OCR: loaded only for their own files.
_ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .doc, or an encrypted .docx
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_PDF_MAGIC = b"%PDF-"
_HTML_EXTENSIONS = {".html", ".htm", ".shtml", ".xhtml"}
_MARKDOWN_EXTENSIONS = {".md", ".markdown"}
_SURELY_HTML = re.compile(r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_TAG_SOUP = re.compile(r"<[a-z][a-z0-9]*[\s>/]", re.I)
_CLOSING_TAG = re.compile(r"</(?:html|body|div|p|table|span|h[1-6])\s*>", re.I)
_MARKDOWN_MARKS = re.compile(r"^#{1,6}\s+\S|\*\*[^*\n]+\*\*", re.M)


def read_source(path: str | Path) -> Source:
    """Read a PDF, DOCX, HTML, Markdown or plain-text file; unreadable input raises ReadError."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(name, f"cannot read file: {exc.strerror or exc}") from exc
    suffix = Path(name).suffix.lower()
    if data.lstrip().startswith(_PDF_MAGIC) or (suffix == ".pdf" and _PDF_MAGIC in data[:1024]):
        from .read_pdf import read_pdf

        return read_pdf(name, data)
    if data.startswith(IMAGE_MAGIC):  # PNG, JPEG, TIFF: a scanned page, read by OCR
        from .ocr import read_image

        return read_image(name, data)
    if data.startswith((_ZIP_MAGIC, OLE_MAGIC)):
        from .read_docx import read_docx

        return read_docx(name, data)
    decoded = decode_text(data, name)
    text = decoded.text
    if _looks_like_html(text, suffix):
        from .read_html import read_html

        source = read_html(name, text, decoded.encoding)
        return dataclasses.replace(source, warnings=decoded.warnings + source.warnings)
    markdown = suffix in _MARKDOWN_EXTENSIONS or _MARKDOWN_MARKS.search(text)
    pipe_rows: tuple[tuple[int, int], ...] = ()
    if "|" in text:
        text, pipe_rows = markdown_tables(text)
    return Source(name, text, "markdown" if markdown else "text", decoded.encoding, warnings=decoded.warnings,
                  pipe_rows=pipe_rows)


def _looks_like_html(text: str, suffix: str) -> bool:
    """A doctype or <html> start is HTML whatever the name; other leading tags only outside .md/.txt."""
    head = text.lstrip("\ufeff \t\n")
    if _SURELY_HTML.match(head):
        return True
    if not _TAG_SOUP.match(head) or suffix in _MARKDOWN_EXTENSIONS or suffix == ".txt":
        return False
    return suffix in _HTML_EXTENSIONS or bool(_CLOSING_TAG.search(text))
