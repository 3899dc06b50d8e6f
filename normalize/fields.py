"""Metadata fields as government web pages label them: `发文字号：…`, `[成文日期]…`, `索 引 号 …`.

The labels and the document field each one fills live in `data/meta_fields.txt`. The same
grammar reads an HTML metadata table, a pipe table, and the block a page leaves at the top
of a copied text, so a label is never read as the title or the first clause.
"""

from __future__ import annotations

import re

from .datafiles import data_pairs

FIELD_OF: dict[str, str] = data_pairs("meta_fields.txt")  # label -> document field (`-`: none)
_LABELS = "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(FIELD_OF, key=len, reverse=True))
# `发文字号：`, `发文字号:`, `[发文字号]`, `【发文字号】`, `发文字号` alone in a table cell
LABEL = re.compile(rf"(?P<open>[\[【［])?\s*(?P<label>{_LABELS})\s*(?(open)[\]】］]\s*[：:]?|[：:])")
_BARE_LABEL = re.compile(rf"\s*(?:{_LABELS})\s*[：:]?\s*")
_SPACE = re.compile(r"\s")
# the 版记 under a notice: who gets copies, and the printing line `某市人民政府办公室 2024年6月24日印发`
COLOPHON = re.compile(r"^(?:抄\s*送[：:]|[^，。；]{0,30}\d{4}年\d{1,2}月\d{1,2}日(?:印发|印制)$)")
_FIRST = frozenset("[【［" + "".join(label[0] for label in FIELD_OF))  # what a labelled line opens with


def starts_with_label(text: str) -> bool:
    return bool(text) and text[0] in _FIRST and LABEL.match(text) is not None


def label_pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) of each label in `key：value key：value` text, in order; a value ends at the
    next label or at a 【 widget (【打印】【字体：大 中 小】) and may be empty (its value is on the next line)."""
    matches = list(LABEL.finditer(text))
    pairs = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        value = text[match.end() : following.start() if following else len(text)].split("【")[0]
        pairs.append((_SPACE.sub("", match["label"]), " ".join(value.split())))
    return pairs


def add_pairs(text: str, fields: dict[str, str]) -> None:
    """Record the labelled values of `text` in `fields`; the first value of a label wins."""
    for label, value in label_pairs(text):
        if value:
            fields.setdefault(label, value)


def as_label(cell: str) -> str:
    """A table cell holding just a label (`发文字号`, `索 引 号：`) becomes `label：` for `label_pairs`."""
    return _SPACE.sub("", cell.rstrip("：: ")) + "：" if _BARE_LABEL.fullmatch(cell) else cell


def metadata_rows(rows: list[list[str]]) -> list[str] | None:
    """A metadata table (two or more cells are labels) as `label：value` lines, one per row; else None."""
    cells = [as_label(cell) for row in rows for cell in row]
    if sum(bool(LABEL.fullmatch(cell)) for cell in cells) < 2:
        return None
    return ["\t".join(as_label(cell) for cell in row if cell) for row in rows if any(row)]


def field_values(fields: dict[str, str]) -> dict[str, str]:
    """Labelled values by the document field they fill (the first label of a field wins)."""
    out: dict[str, str] = {}
    for label, value in fields.items():
        field = FIELD_OF.get(label, "-")
        if field != "-" and value:
            out.setdefault(field, value)
    return out
