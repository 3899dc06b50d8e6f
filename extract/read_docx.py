"""Text of a Word (.docx) notice: body paragraphs and tables in document order.

Tables matter in notices (subsidy schedules, contact lists), so each row becomes one line
as running text (`tables.py`). Headers and footers (page numbers, letterheads) are left out.
Word's automatic list numbering is written out as the labels it shows (`docx_numbering.py`).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from zhengce.errors import ReadError
from zhengce.model import Source

from .docx_numbering import Numbering
from .readers import OLE_MAGIC
from .tables import table_lines


def read_docx(path: str, data: bytes) -> Source:
    """Read a .docx; legacy/encrypted (OLE) files and broken zips raise ReadError."""
    if data.startswith(OLE_MAGIC):
        raise ReadError(path, "encrypted or legacy .doc file")
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


def _table_lines(table: Table) -> list[str]:
    """One line of running text per row (see `tables.table_lines`); a merged cell counts once,
    multi-paragraph cells are joined by a space."""
    rows = []
    for row in table.rows:
        row_cells = row.cells  # a merged cell is the same object at each position it spans
        cells = [cell for i, cell in enumerate(row_cells) if i == 0 or cell is not row_cells[i - 1]]
        rows.append([" ".join(cell.text.split("\n")).strip() for cell in cells])
    return [line for line in table_lines(rows) if line]
