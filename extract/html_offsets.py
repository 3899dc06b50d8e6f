"""Where each character of an HTML page's article text sits in the page as read.

The article text is rebuilt from the parsed page (blocks on lines, table rows as tab-separated cells,
the title put in front), and the parser keeps no positions. So the page's own visible
characters are listed with their offsets (tags, comments, scripts and styles skipped,
entities decoded), and the article is found in them line by line, in order, whitespace
ignored (a title put in front is found in <title>, which comes first). A line the page does
not hold as such (a table row whose bare number took its header's unit) is
matched piece by piece, longest pieces first, between the lines found around it; a character
found nowhere takes the offset of the one before it.
"""

from __future__ import annotations

import html
import re
from array import array

_MARKUP = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[!?/a-zA-Z][^>]*>", re.S | re.I)
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_MIN_ANCHOR = 4  # characters a line needs to be looked for whole: a shorter one could match anywhere


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
    lines = article.split("\n")
    squashed = ["".join(ch for ch in line if not ch.isspace()) for line in lines]
    anchors: list[int | None] = []  # where each line the page holds as such starts in `visible`, in order
    pointer = 0
    for line in squashed:
        at = visible.find(line, pointer) if len(line) >= _MIN_ANCHOR else -1
        anchors.append(at if at >= 0 else None)
        pointer = at + len(line) if at >= 0 else pointer
    bounds, bound = [], len(visible)  # where the next anchored line starts: a line between lies before it
    for at in reversed(anchors):
        bounds.append(bound)
        bound = at if at is not None else bound
    bounds.reverse()
    out: list[tuple[int, int]] = []
    last, here = (0, 0), 0
    for line, solid, at, bound in zip(lines, squashed, anchors, bounds, strict=True):
        if at is not None:
            places, here = list(range(at, at + len(solid))), at + len(solid)
        else:
            places, here = _pieces(visible, solid, here, bound)
        solid_places = iter(places)
        for ch in line:
            if not ch.isspace():
                place = next(solid_places)
                last = (starts[place], ends[place]) if place >= 0 else last
            out.append(last if not ch.isspace() else (last[1], last[1]))
        out.append((last[1], last[1]))  # the newline
    return tuple(out[: len(article)])


def _pieces(visible: str, line: str, here: int, bound: int) -> tuple[list[int], int]:
    """Where the characters of `line` sit in visible[here:bound], taking the longest pieces found in order
    (-1 for a character not found), and where the search ends."""
    places: list[int] = []
    i = 0
    while i < len(line):
        low, high, at, size = 1, len(line) - i, -1, 0
        while low <= high:  # the longest prefix of line[i:] found: a prefix found means shorter ones are too
            middle = (low + high) // 2
            found = visible.find(line[i : i + middle], here, bound)
            if found >= 0:
                at, size, low = found, middle, middle + 1
            else:
                high = middle - 1
        if size:
            places.extend(range(at, at + size))
            here, i = at + size, i + size
        else:
            places.append(-1)
            i += 1
    return places, here
