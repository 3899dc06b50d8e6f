"""Text of a Word (.docx) notice: body paragraphs and tables in document order.

Tables matter in notices (subsidy schedules, contact lists), so each row becomes one line
of its cells, tab-separated (`tables.py`). Headers and footers (page numbers, letterheads) are left out.
Word's automatic list numbering is written out as the labels it shows (`docx_numbering.py`).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from zhengce import limits
from zhengce.errors import ReadError
from zhengce.model import Source

from .docx_numbering import Numbering
from .readers import OLE_MAGIC
from .tables import table_lines


def read_docx(path: str, data: bytes) -> Source:
    """Read a .docx; legacy/encrypted (OLE) files and broken zips raise ReadError."""
    if data.startswith(OLE_MAGIC):
        raise ReadError(path, "encrypted or legacy .doc file")
    check_zip(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, XMLSyntaxError) as exc:
        raise ReadError(path, f"corrupt or not a .docx file: {' '.join(str(exc).split())}") from exc
    numbering = Numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        elif block.text.strip():
            lines.append(numbering.label(block) + block.text)
    if not lines:
        raise ReadError(path, "empty document")
    title = document.core_properties.title.strip()
    return Source(path, "\n".join(lines), "docx", fields={"title": title} if title else {})


def check_zip(path: str, data: bytes) -> None:
    """Refuse a zip whose members would inflate past the limits, from its directory, before inflating any.

    The sizes a zip declares bound what it inflates to: zipfile stops reading a member at its declared size."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(path, f"corrupt or not a .docx file: {' '.join(str(exc).split())}") from exc
    limit = limits.current()
    if limit.zip_members and len(members) > limit.zip_members:
        raise ReadError(path, f"zip container of {len(members)} files, above the limit of {limit.zip_members} "
                              f"{limits.hint('zip_members')}")
    size = sum(member.file_size for member in members)
    if size > limit.unzip_bytes:
        raise ReadError(path, f"zip container inflates to {size / 2**20:,.0f} MB, above the {limit.unzip_mb:g} MB "
                              f"limit {limits.hint('unzip_mb')}")


def _table_lines(table: Table) -> list[str]:
    """One tab-separated line per row (see `tables.table_lines`); a merged cell counts once,
    multi-paragraph cells are joined by a space."""
    rows = []
    for row in table.rows:
        row_cells = row.cells  # a merged cell is the same object at each position it spans
        cells = [cell for i, cell in enumerate(row_cells) if i == 0 or cell is not row_cells[i - 1]]
        rows.append([" ".join(cell.text.split("\n")).strip() for cell in cells])
    return [line for line in table_lines(rows) if line]
