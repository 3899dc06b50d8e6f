"""Normalised text to Document: metadata, front and back matter, clause tree."""

from __future__ import annotations

from zhengce.model import Document, Text

from .clauses import build_tree
from .metadata import layout, read_metadata


def paragraph_spans(text: str) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return spans


def segment(text: Text) -> Document:
    paras = paragraph_spans(text.text)
    plain = [p[2] for p in paras]
    lay = layout(plain)
    raw = [text.source.text[slice(*text.source_span(start, end))] for start, end, _ in paras]
    meta = read_metadata(plain, lay, text.removed, text.source.fields, raw)
    preamble, clauses = build_tree(paras[lay.body_start : lay.body_end])
    return Document(
        text=text,
        meta=meta,
        clauses=clauses,
        preamble=preamble,
        front_matter=[p[:2] for p in paras[: lay.body_start]],
        back_matter=[p[:2] for p in paras[lay.body_end :]],
    )
