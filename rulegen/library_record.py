"""One notice as the library stores it: the rule file plus what only the parsed document knows.

Built in the batch's worker processes (`library_job`), so the parent that owns the database
only inserts rows. A rule file gives each figure the sentence it was read from, not its
offsets; here every figure is placed in the normalised text (inside its rule's span) and mapped
back to the source and page through the document's offset map, so the web page can highlight
it where it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhengce.model import Document

from .batch import Outcome

# rule-file key -> the role a figure of that list plays; `others` is the newer name of `other_quantities`
FIGURE_LISTS = (("conditions", "condition"), ("benefits", "benefit"), ("targets", "target"))
OTHER_LISTS = ("others", "other_quantities")


@dataclass
class Record:
    """What `library add` stores for one notice (picklable: it crosses from a worker to the parent)."""

    path: str
    sha256: str
    version: str
    rule_file: dict
    text: str  # the normalised text
    clauses: list[tuple]  # (clause, label, title, start, end)
    places: dict[tuple[int, str, int], tuple]  # (rule, list key, figure) -> (start, end, src start, src end, page)


def figure_lists(rule: dict) -> list[tuple[str, str, list]]:
    """(list key, role, figures) of a rule, read defensively: a key may be missing or renamed."""
    out = [(key, role, rule.get(key) or []) for key, role in FIGURE_LISTS]
    other_key = next((k for k in OTHER_LISTS if rule.get(k)), OTHER_LISTS[0])
    return [*out, (other_key, "other", rule.get(other_key) or [])]


def _locate(text: str, rule: dict, figure: dict) -> tuple[int, int] | None:
    """Where a figure was read: its words inside its phrase inside its rule's span, first match.

    Words the extractor composed (`获得省级工业设计中心` from `获得国家级、省级、市级…`) are not in the
    text; then the phrase they were read from stands for them."""
    span = rule.get("span") or [0, len(text)]
    lo, hi = span[0], max(span[1], span[0])
    words, phrase = figure.get("text"), figure.get("quote")
    found = None
    if phrase:
        at = text.find(phrase, lo, hi + len(phrase))
        if at != -1:
            found = lo, hi = at, at + len(phrase)
    if words:
        at = text.find(words, lo, hi + len(words))
        if at != -1:
            return at, at + len(words)
    return found


def places(doc: Document, rules: list[dict]) -> dict[tuple[int, str, int], tuple]:
    text = doc.text.text
    out = {}
    for r, rule in enumerate(rules):
        for key, _, figures in figure_lists(rule):
            for f, figure in enumerate(figures):
                found = _locate(text, rule, figure) if isinstance(figure, dict) else None
                if found:
                    out[(r, key, f)] = (*found, *doc.text.source_span(*found), doc.text.page(found[0]))
    return out


def record(path: str, sha256: str, doc: Document, rule_file: dict) -> Record:
    from zhengce import __version__

    clauses = [(c.id, c.label, c.title, c.start, c.end) for c in doc.walk()]
    return Record(path, sha256, __version__, rule_file, doc.text.text, clauses, places(doc, rule_file["rules"]))


def library_job(path: Path, sha256: str) -> Outcome:
    """A batch job: the Record of the notice (whose bytes hash to `sha256`) in `Outcome.data`, or its error."""
    from zhengce.rulegen.build import rule_file

    from zhengce.errors import ZhengceError
    from zhengce.pipeline import parse

    try:
        doc = parse(path)
        return Outcome(str(path), sha256=sha256, data=record(str(path), sha256, doc, rule_file(doc)))
    except ZhengceError as e:
        return Outcome(str(path), error=str(e))
    except Exception as e:  # a bug must not stop the others: reported with the file, like the batch does
        return Outcome(str(path), error=f"{path}: internal error: {type(e).__name__}: {e}")
