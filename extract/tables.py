"""Table rows as running text, one line per row, the same for PDF, OCR, DOCX and HTML tables.

Reward tables (measure | amount) are common in notices; written as sentences the rule
extractor reads them like the rest of the text.
"""

from __future__ import annotations

import re

_HEADER_UNIT = re.compile(r"[（(〔〈<\[]\s*((?:亿|千万|百万|万|千)?元(?:/[^）)〕\]]+)?|%|％)\s*[）)〕\]]\s*$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_BARE_NUMBER = re.compile(r"^[0-9０-９.,，．～~\-—至]+$")
_END_PUNCT = "。；;，,：:"


def table_lines(rows: list[list[str]]) -> list[str | None]:
    """Table rows as running text, one line per row (None for a header or empty row).

    A row of a (measure | amount) table with a header row becomes `measure，<header><amount>。`
    (`对获得国家级绿色工厂的企业，奖励标准50万元。`): the benefit cue of the column header stands
    right before the amount, so the rule extractor gives it the benefit role; `：` is avoided
    because it ends the quoted sentence before the amount. A unit in the header
    (`奖励标准（万元）`) moves behind a bare number. Tables without a header row are joined
    `cell，cell。`.
    """
    header: list[str] | None = None
    if (
        len(rows) >= 2
        and not any(_HAS_DIGIT.search(c) for c in rows[0])
        and any(_HAS_DIGIT.search(c) for row in rows[1:] for c in row)
    ):
        header = rows[0]
    out: list[str | None] = [None] if header else []
    for row in rows[1:] if header else rows:
        cells = [c for c in row if c]
        if not cells:
            out.append(None)
        elif header is None or not row[0]:
            out.append("，".join(c.rstrip(_END_PUNCT) for c in cells) + "。")
        else:
            parts = [row[0].rstrip(_END_PUNCT)]
            for head, cell in zip(header[1:], row[1:], strict=False):
                cell = cell.rstrip(_END_PUNCT)
                if not cell:
                    continue
                unit = _HEADER_UNIT.search(head)
                if unit and _BARE_NUMBER.match(cell):
                    parts.append(head[: unit.start()].strip() + cell + unit.group(1))
                elif head and not cell.startswith(head):
                    parts.append(head + cell)
                else:
                    parts.append(cell)
            out.append("，".join(parts) + "。")
    return out
