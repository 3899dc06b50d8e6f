"""The object model every stage passes along: Source -> Text -> Document -> RuleFile.

Spans are (start, end) character offsets into the normalised text (`Text.text`);
`Text.source_span` maps them back to the source (for HTML, the page as read), `Text.page` to a page number.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A document as read from disk, before any normalisation.

    `text` is the raw text; for paged formats the pages are joined with "\\f" and
    `page_starts[i]` is the offset where page i+1 begins.
    """

    path: str
    text: str
    kind: str  # text | markdown | pdf | html | docx | ocr
    encoding: str | None = None
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)  # metadata the format itself carries (HTML tables)
    # (start, end) in the file as read of each character of `text`, when `text` is not the file's own text (HTML)
    raw_spans: tuple[tuple[int, int], ...] = ()
    pipe_rows: tuple[tuple[int, int], ...] = ()  # spans of `text` the file wrote as Markdown pipe rows

    def page_at(self, offset: int) -> int | None:
        """1-based page number of a raw-text offset, or None for unpaged sources."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True)
class Text:
    """Normalised text with a map back to the source: `index[i]` is the source offset of text[i]."""

    source: Source
    text: str
    index: tuple[int, ...]
    removed: tuple[tuple[str, str], ...] = ()  # (kind, text) of debris lines taken out of the body

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering the normalised span [start, end)."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        last = min(max(end - 1, start), len(self.text) - 1)
        if self.source.raw_spans:
            return (self.source.raw_spans[self.index[start]][0], self.source.raw_spans[self.index[last]][1])
        return (self.index[start], self.index[last] + 1)

    def page(self, start: int) -> int | None:
        if not self.text:
            return None
        return self.source.page_at(self.index[min(max(start, 0), len(self.text) - 1)])


@dataclass
class Clause:
    """One numbered (or headed) unit of the clause tree.

    `paragraphs` are the spans of the clause's own paragraphs (its heading line and the body
    before its first child); children hold the nested clauses.
    """

    id: str
    label: str | None
    style: str
    number: int | None
    title: str | None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    children: list[Clause] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.paragraphs[0][0] if self.paragraphs else (self.children[0].start if self.children else 0)

    @property
    def end(self) -> int:
        if self.children:
            return max(self.paragraphs[-1][1] if self.paragraphs else 0, self.children[-1].end)
        return self.paragraphs[-1][1] if self.paragraphs else 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Metadata:
    title: str | None = None  # the notice title, or the policy title when there is no notice
    policy_title: str | None = None  # the title of the policy a notice issues (《…》)
    doc_number: str | None = None
    issuer: list[str] = field(default_factory=list)
    issued_on: str | None = None  # 成文日期: the date the notice is signed
    published_on: str | None = None  # 发布日期, when a web page states it
    valid_from: str | None = None  # 实施日期 of a web page's metadata, for a text that states none
    valid_until: str | None = None  # 失效日期 of a web page's metadata
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    disclosure: str | None = None
    contact: dict[str, str] | None = None
    draft: bool = False
    archive_code: str | None = None
    city: str | None = None

    @property
    def dated(self) -> str | None:
        """The date the notice counts as issued: its own 成文日期, else its page's 发布日期 (a 政策解读 or
        办事指南 page states only when it was published)."""
        return self.issued_on or self.published_on


@dataclass
class Document:
    text: Text
    meta: Metadata
    clauses: list[Clause]
    preamble: list[tuple[int, int]] = field(default_factory=list)
    front_matter: list[tuple[int, int]] = field(default_factory=list)
    back_matter: list[tuple[int, int]] = field(default_factory=list)

    def walk(self):
        for clause in self.clauses:
            yield from clause.walk()

    def span_text(self, span: tuple[int, int]) -> str:
        return self.text.text[span[0] : span[1]]

    def clause_text(self, clause: Clause) -> str:
        return "\n".join(self.span_text(p) for p in clause.paragraphs)
