"""The clause list of a rule file: every clause with its text and its label as the notice cites it.

A rule file's rules cover only clauses with facts, so a comparison of two rule files alone
would miss an edit to any other clause (the validity clause, a reworded duty). This list
carries them all, which is what lets `diff` give one result for a pair whether it is handed
the documents or their rule files: a document is compared through its rule file.

`cited_as` is the label a reviewer writes in a 修订对照表: the labels from the top down
(`三、（三）1.（1）①`), or from the article down where articles are numbered through the
whole document (`第八条（一）`, never `第二章第八条`).
"""

from __future__ import annotations

from collections.abc import Iterator

from zhengce.model import Clause, Document

PREAMBLE = "preamble"
PREAMBLE_LABEL = "前言"
_WHOLE_DOCUMENT = ("article",)  # styles numbered through the whole document: a citation starts there
_TITLE_CHARS = 12  # an unlabelled heading is cited by the start of its title


def _own(clause: Clause) -> str:
    if clause.label:
        return clause.label
    title = clause.title or ""
    return f"“{title[:_TITLE_CHARS]}{'…' if len(title) > _TITLE_CHARS else ''}”" if title else ""


def cited_as(chain: list[Clause]) -> str:
    """The citation of the last clause of `chain` (root first)."""
    start = max((i for i, c in enumerate(chain) if c.style in _WHOLE_DOCUMENT), default=0)
    return "".join(_own(c) for c in chain[start:]) or chain[-1].id


def _walk(clauses: list[Clause], chain: list[Clause]) -> Iterator[list[Clause]]:
    for clause in clauses:
        yield [*chain, clause]
        yield from _walk(clause.children, [*chain, clause])


def clause_list(doc: Document) -> list[dict]:
    """Every clause with text, in document order, the preamble first: id, own label, citation, text."""
    out = []
    if doc.preamble:
        text = "\n".join(doc.span_text(p) for p in doc.preamble)
        out.append({"id": PREAMBLE, "label": None, "cited_as": PREAMBLE_LABEL, "text": text})
    for chain in _walk(doc.clauses, []):
        text = doc.clause_text(chain[-1])
        if text.strip():
            out.append({"id": chain[-1].id, "label": chain[-1].label, "cited_as": cited_as(chain), "text": text})
    return out
