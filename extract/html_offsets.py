"""Where each character of an HTML page's article text sits in the page as read.

The article text is rebuilt from the parsed page (blocks on lines, tables as sentences,
the title put in front), and the parser keeps no positions. So the page's own visible
characters are listed with their offsets (tags, comments, scripts and styles skipped,
entities decoded), and the article is found in them line by line, in order, whitespace
ignored. A line the page does not hold as such (a table row written as a sentence, with its
column header repeated) is matched character by character close to where the last line
ended; a character found nowhere takes the offset of the one before it.
"""

from __future__ import annotations

import html
import re
from array import array

_MARKUP = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[!?/a-zA-Z][^>]*>", re.S | re.I)
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_NEAR = 200  # visible characters searched ahead for a character of a line the page does not hold as such


_SOLID = re.compile(r"\S")


def _visible(page: str) -> tuple[str, array, array]:
    """The page's visible non-space characters, and where each starts and ends in `page`."""
    chars: list[str] = []
    starts, ends = array("l"), array("l")

    def add_text(start: int, end: int) -> None:
        pos = start
        for entity in [*_ENTITY.finditer(page, start, end), None]:
            stop = entity.start() if entity else end
            for solid in _SOLID.finditer(page, pos, stop):
                chars.append(solid.group())
                starts.append(solid.start())
                ends.append(solid.end())
            if entity:
                for ch in html.unescape(entity.group()):
                    if not ch.isspace():
                        chars.append(ch)
                        starts.append(entity.start())
                        ends.append(entity.end())
                pos = entity.end()

    pos = 0
    for markup in _MARKUP.finditer(page):
        add_text(pos, markup.start())
        pos = markup.end()
    add_text(pos, len(page))
    return "".join(chars), starts, ends


def raw_offsets(article: str, page: str) -> tuple[tuple[int, int], ...]:
    """(start, end) in `page` of each character of `article` (the text read_html made of it)."""
    visible, starts, ends = _visible(page)
    out: list[tuple[int, int]] = []
    last = (0, 0)
    pointer = 0
    for line in article.split("\n"):
        squashed = "".join(ch for ch in line if not ch.isspace())
        found = visible.find(squashed, pointer) if squashed else -1
        if found < 0 and squashed:
            found = visible.find(squashed)  # the title, put in front of the text
        here = pointer
        for ch in line:
            if ch.isspace():
                out.append((last[1], last[1]))
                continue
            if found >= 0:
                at = found
                found += 1
            else:
                at = visible.find(ch, here, here + _NEAR)
                here = at + 1 if at >= 0 else here
            if at >= 0:
                last = (starts[at], ends[at])
            out.append(last)
        pointer = max(pointer, found if found >= 0 else here)
        out.append((last[1], last[1]))  # the newline
    return tuple(out[: len(article)])
