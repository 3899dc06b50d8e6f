"""The clause tree: numbered paragraphs nested the way the document numbers them.

Nesting follows the order in which numbering styles appear, as a reader does: a style
seen before closes everything opened after it (（二） after ① closes ①), a style not yet
open nests under the current clause. Bare headings such as `大产业` that group numbered
measures become parents of the measures after them.
"""

from __future__ import annotations

import re

from zhengce.normalize.labels import Label, match_label

from zhengce.model import Clause

_TERMINAL = re.compile(r"[。；！？!?;]")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
_CLAUSE_PUNCT = re.compile(r"[，,；;：:]")
_ID_PREFIX = {"part": "part", "chapter": "ch", "section": "sec", "article": "art", "heading": "h"}

Paragraph = tuple[int, int, str]  # start, end, text


def clause_title(rest: str) -> str | None:
    """The title a clause gives itself: a heading line, or a short first sentence (`支持企业扩容增效。`)."""
    rest = rest.strip()
    if not rest:
        return None
    if not _TERMINAL.search(rest) and len(rest) <= 40:
        return rest.rstrip("：:") or None
    first, dot, _ = rest.partition("。")
    if dot and len(first) <= 25 and not _CLAUSE_PUNCT.search(first):
        return first
    if rest.endswith(("：", ":")) and len(rest) <= 11 and not _SENTENCE_PUNCT.search(rest[:-1]):
        return rest[:-1]
    return None


def is_bare_heading(paras: list[Paragraph], i: int) -> bool:
    """A short unnumbered line (`大产业`) directly above a numbered clause; a table row (its cells
    tab-separated) never is."""
    text = paras[i][2]
    return (
        i + 1 < len(paras)
        and len(text) <= 12
        and "\t" not in text
        and not _SENTENCE_PUNCT.search(text)
        and not match_label(text)
        and match_label(paras[i + 1][2]) is not None
    )


class _Builder:
    def __init__(self) -> None:
        self.roots: list[Clause] = []
        self.preamble: list[tuple[int, int]] = []
        self.stack: list[Clause] = []
        self.ids: set[str] = set()
        self.headings = 0

    def _add(self, clause_args: dict, parent: Clause | None) -> Clause:
        seg = _ID_PREFIX.get(clause_args["style"], "") + str(clause_args["number"])
        base = f"{parent.id}.{seg}" if parent else seg
        cid, n = base, 1
        while cid in self.ids:
            n += 1
            cid = f"{base}-{n}"
        self.ids.add(cid)
        clause = Clause(id=cid, **clause_args)
        (parent.children if parent else self.roots).append(clause)
        self.stack.append(clause)
        return clause

    def heading(self, para: Paragraph, next_style: str) -> None:
        styles = [c.style for c in self.stack]
        if "heading" in styles:
            del self.stack[styles.index("heading") :]
        elif next_style in styles:
            del self.stack[styles.index(next_style) :]
        self.headings += 1
        args = dict(label=None, style="heading", number=self.headings, title=para[2], paragraphs=[para[:2]])
        self._add(args, self.stack[-1] if self.stack else None)

    def numbered(self, para: Paragraph, label: Label) -> None:
        styles = [c.style for c in self.stack]
        if label.style in styles:
            del self.stack[styles.index(label.style) :]
        args = dict(
            label=label.text,
            style=label.style,
            number=label.number,
            title=clause_title(para[2][label.end :]),
            paragraphs=[para[:2]],
        )
        self._add(args, self.stack[-1] if self.stack else None)

    def body(self, para: Paragraph) -> None:
        (self.stack[-1].paragraphs if self.stack else self.preamble).append(para[:2])


def build_tree(paras: list[Paragraph]) -> tuple[list[tuple[int, int]], list[Clause]]:
    """(preamble spans, top-level clauses) of the body paragraphs."""
    builder = _Builder()
    for i, para in enumerate(paras):
        label = match_label(para[2])
        if label:
            builder.numbered(para, label)
        elif is_bare_heading(paras, i):
            builder.heading(para, match_label(paras[i + 1][2]).style)
        else:
            builder.body(para)
    return builder.preamble, builder.roots
