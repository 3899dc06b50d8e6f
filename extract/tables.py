"""Table rows as tab-separated lines, one line per row, the same for PDF, OCR, DOCX, HTML and
Markdown tables as for a table copied into a text file.

A row keeps its cells as written, in order, so a rule quotes the source's own text and a PDF
reads like its text version; the header rows stay as lines too, and the rule extractor reads
the figures of a row under them (extract/rules.py `_sentences`, the header features of
extract/roles.py, the task-table columns of extract/responsibility.py).
"""

from __future__ import annotations

import re

from zhengce.normalize.fields import metadata_rows

_HEADER_UNIT = re.compile(r"[（(〔〈<\[]\s*((?:亿|千万|百万|万|千)?元(?:/[^）)〕\]]+)?|%|％)\s*[）)〕\]]\s*$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_BARE_NUMBER = re.compile(r"^[0-9０-９.,，．～~\-—至]+$")
_BREAKS = re.compile(r"\s*[\t\n\r]\s*")  # inside a cell: a tab or a line break would split the row


def table_lines(rows: list[list[str]]) -> list[str | None]:
    """Each row as one line of its cells joined by tabs (None for an empty row).

    The only rewrite: a bare number under a header that carries the unit (`奖励标准（万元）`
    over `50`) is written with the unit (`50万元`), which the text does not say elsewhere.
    A metadata table (发文字号 | …) stays `label：value` lines, which segmentation reads as
    document fields.
    """
    meta = metadata_rows(rows)
    if meta:
        return list(meta)
    rows = [[_BREAKS.sub(" ", c).strip() for c in row] for row in rows]
    units: list[str | None] = []
    if (
        len(rows) >= 2
        and not any(_HAS_DIGIT.search(c) for c in rows[0])
        and any(_HAS_DIGIT.search(c) for row in rows[1:] for c in row)
    ):
        units = [(m.group(1) if (m := _HEADER_UNIT.search(head)) else None) for head in rows[0]]
    out: list[str | None] = []
    for r, row in enumerate(rows):
        if not any(row):
            out.append(None)
            continue
        cells = [c + unit if r and unit and _BARE_NUMBER.match(c) else c
                 for c, unit in zip(row, units + [None] * (len(row) - len(units)), strict=False)]
        out.append("\t".join(cells).rstrip("\t"))
    return out


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables(text: str) -> str:
    """`text` with each Markdown pipe table (a `| a | b |` row, a `|---|---|` rule, more rows)
    written as tab-separated lines, one per row, like a table in any other format."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _PIPE_ROW.match(lines[i]) and i + 1 < len(lines) and _PIPE_RULE.match(lines[i + 1]):
            end = i + 2
            while end < len(lines) and _PIPE_ROW.match(lines[end]):
                end += 1
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                    for line in [lines[i], *lines[i + 2 : end]]]
            out += [line for line in table_lines(rows) if line]
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)
