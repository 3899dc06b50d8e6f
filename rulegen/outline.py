"""A Document as JSON (for programs) and as an indented outline (for people)."""

from __future__ import annotations

from dataclasses import asdict

from zhengce.model import Clause, Document


def _clause_json(doc: Document, clause: Clause) -> dict:
    start, end = clause.paragraphs[0] if clause.paragraphs else (clause.start, clause.start)
    return {
        "id": clause.id,
        "label": clause.label,
        "style": clause.style,
        "number": clause.number,
        "title": clause.title,
        "text": doc.clause_text(clause),
        "span": [clause.start, clause.end],
        "source_span": list(doc.text.source_span(start, clause.end)),
        "page": doc.text.page(start),
        "children": [_clause_json(doc, c) for c in clause.children],
    }


def document_json(doc: Document) -> dict:
    return {
        "source": {"path": doc.text.source.path, "kind": doc.text.source.kind, "encoding": doc.text.source.encoding},
        "metadata": asdict(doc.meta),
        "preamble": "\n".join(doc.span_text(p) for p in doc.preamble),
        "clauses": [_clause_json(doc, c) for c in doc.clauses],
        "removed": [{"kind": k, "text": t} for k, t in doc.text.removed],
    }


def outline_text(doc: Document) -> str:
    meta = doc.meta
    lines = [meta.title or "(untitled)"]
    for label, value in (("文号", meta.doc_number), ("发文机关", "、".join(meta.issuer)), ("成文日期", meta.issued_on)):
        if value:
            lines.append(f"  {label}: {value}")
    if meta.draft:
        lines.append("  征求意见稿 (draft)")

    def walk(clause: Clause, depth: int) -> None:
        heading = " ".join(x for x in (clause.label, clause.title) if x) or clause.id
        lines.append(f"{'  ' * depth}{clause.id:<14} {heading}")
        for child in clause.children:
            walk(child, depth + 1)

    for clause in doc.clauses:
        walk(clause, 0)
    return "\n".join(lines)
