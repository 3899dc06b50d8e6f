"""Article text of a government web page, with its metadata table in `Source.fields`.

Notice pages wrap the article in navigation, breadcrumbs, share buttons and footers, and
many carry a 政府信息公开 metadata table (索引号, 发文字号, 成文日期...). The body is the
known CMS container (zoom, TRS_Editor, ...) when there is one, otherwise the deepest element
holding most of the page's non-link Chinese text.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from zhengce.normalize.fields import add_pairs, label_pairs, metadata_rows, starts_with_label

from zhengce import limits
from zhengce.errors import ReadError
from zhengce.model import Source

from .html_offsets import raw_offsets
from .tables import table_lines

_ALWAYS_DROP = ["script", "style", "noscript", "template", "iframe", "svg", "button", "select", "textarea"]
_CHROME = ["nav", "header", "footer", "aside", "form"]
_BODY_HINT = re.compile(r"zoom|TRS_Editor|article|content|pages_content|Custom_UnionStyle|view", re.I)
_NOISE_HINT = re.compile(r"share|print|fontsize|toolbar|crumb|position|location|pager|related|nav|menu", re.I)
_CONTAINERS = ["div", "article", "section", "main", "td", "body"]
# fmt: off
_BLOCKS = frozenset({
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "table", "thead", "tbody", "caption", "section", "article", "main", "blockquote", "pre", "center",
    "address", "figure", "figcaption",
})
_INNER_BLOCKS = sorted(_BLOCKS - {"br"})  # what a metadata leaf must not contain
_CELLS = ["td", "th"]
_LEAVES = ["li", "p", "div", "span", "td", "dd", "dt", "font", "label"]
# fmt: on
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"  # CJK characters and punctuation
_SOFT_BREAK = "\x00"  # a line break in the HTML source: a space between words, nothing between CJK
_SOFT_RUN = re.compile(rf"[ {_SOFT_BREAK}]*{_SOFT_BREAK}[ {_SOFT_BREAK}]*")
_SOFT_BY_WIDE = re.compile(rf"(?<=[{_WIDE}]){_SOFT_BREAK}|{_SOFT_BREAK}(?=[{_WIDE}])")
_CELL_GAP = re.compile(r" *\t *")  # an empty table cell keeps its tab: the columns stay in line
# between a notice title and the site name: `_`, `|`, or a dash that is not inside `2021-2025`
_TITLE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s-\s|(?<!\d)[-－—–]+(?!\d))\s*")
_TITLE_HINT = re.compile(r"(?:^|[-_\s])(?:title|art-?title|article-?title|biaoti|bt)(?:$|[-_\s])", re.I)
_MARKED = ("h2", "h3", *_LEAVES)  # elements a class may mark as the title
_MAX_TITLE = 120  # an element marked as the title that holds more is a block of text, not a title
_MIN_ARTICLE_CJK = 10
_MIN_TITLE_CJK = 4


def read_html(path: str, text: str, encoding: str | None = None) -> Source:
    """Read the article of an HTML page; a page without one raises ReadError."""
    soup = BeautifulSoup(text, "lxml")
    _check_depth(path, soup)
    for tag in soup(_ALWAYS_DROP):
        tag.decompose()
    root = soup.body or soup
    page_prose = _prose(root)
    for tag in root(_CHROME):
        if tag.name == "form" and _prose(tag) > page_prose / 2:
            tag.unwrap()  # ASP.NET pages wrap everything in one <form>
        elif not tag.decomposed and not (tag.name == "header" and tag.find_parent("article")):
            tag.decompose()  # an <article>'s own <header> holds its title and dates
    title = _title(soup)
    fields = _metadata(root)
    body = _pick_body(root)
    body_prose = _prose(body)
    if body_prose < _MIN_ARTICLE_CJK:
        raise ReadError(path, "no article text in HTML page")
    for tag in body.find_all(_is_noise):
        if not tag.decomposed and _prose(tag) <= body_prose / 2:
            tag.decompose()
    lines = _lines(body)
    head = _squash("".join(lines))[: 2 * len(title) + 100]
    if title and _squash(title) not in head:
        lines.insert(0, title)
    article = "\n".join(lines)
    return Source(path, article, "html", encoding=encoding, fields=fields, raw_spans=raw_offsets(article, text))


def _check_depth(path: str, soup: BeautifulSoup) -> None:
    """Refuse a page nested deeper than the limit: finding its article costs the square of its depth."""
    limit = limits.current().html_depth
    deepest, stack = 0, [(soup, 0)]
    while stack and (not limit or deepest <= limit):
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))
    if limit and deepest > limit:
        raise ReadError(path, f"HTML nested more than {limit} elements deep {limits.hint('html_depth')}")


def _prose(tag: Tag) -> int:
    """Chinese characters outside links: what separates an article from menus and link lists."""
    links = sum(len(_CJK.findall(a.get_text())) for a in tag.find_all("a"))
    return len(_CJK.findall(tag.get_text())) - links


def _hints(tag: Tag) -> str:
    return " ".join([tag.get("id") or "", *tag.get("class", [])])


def _is_noise(tag: Tag) -> bool:
    return bool(_NOISE_HINT.search(_hints(tag)))


def _title(soup: BeautifulSoup) -> str:
    """The CMS's ArticleTitle meta, else the longest of the h1s, the elements marked as the title
    (`<td class="title">` of an old layout table, `<div class="art-title">`) and the parts of <title>.

    Site names and section names (a logo h1, "_清远市人民政府门户网站") are shorter than a
    notice title; fewer than four Chinese characters is no title at all.
    """
    meta = soup.find("meta", attrs={"name": re.compile("^ArticleTitle$", re.I)})
    if meta and len(_CJK.findall(meta.get("content", ""))) >= _MIN_TITLE_CJK:
        return _clean(meta["content"])
    marked = soup.find_all(lambda t: t.name == "h1" or (t.name in _MARKED and bool(_TITLE_HINT.search(_hints(t)))))
    candidates = [" ".join(_lines(tag)) for tag in marked if _prose(tag) >= _MIN_TITLE_CJK]
    candidates = [text for text in candidates if len(text) <= _MAX_TITLE]
    if soup.title and soup.title.string:
        candidates += _TITLE_SEPARATOR.split(_clean(soup.title.string))
    title = max(candidates, key=lambda text: len(_CJK.findall(text)), default="")
    return title if len(_CJK.findall(title)) >= _MIN_TITLE_CJK else ""


def _metadata(root: Tag) -> dict[str, str]:
    """Collect 政府信息公开 key/value pairs and remove their elements from the page.

    Tables count when at least two cells are known keys; other elements when their text
    starts with a known key (`<li>发文字号：…</li>`, `<div>发布时间：… 来源：…</div>`).
    """
    fields: dict[str, str] = {}
    for table in root.find_all("table"):
        if table.decomposed or table.find("table"):
            continue
        rows = [[_clean(cell.get_text()) for cell in tr.find_all(_CELLS)] for tr in table.find_all("tr")]
        lines = metadata_rows(rows)
        if lines:
            add_pairs("\n".join(lines), fields)
            table.decompose()
    for leaf in root.find_all(_LEAVES):
        if leaf.decomposed or leaf.find(_INNER_BLOCKS):
            continue
        text = _clean(leaf.get_text("\t"))
        if len(text) <= 200 and starts_with_label(text):
            add_pairs(text + _value_beside(leaf, text), fields)
            leaf.decompose()
    return fields


def _value_beside(leaf: Tag, text: str) -> str:
    """The value of a label whose element holds nothing else (`<dt>发文字号：</dt><dd>…</dd>`): the next
    element's text, which is removed with it; "" when the label has its value or none follows."""
    follower = leaf.find_next_sibling()
    if label_pairs(text)[-1][1] or follower is None or follower.find(_INNER_BLOCKS):
        return ""
    value = _clean(follower.get_text(" "))
    if not value or len(value) > 200 or starts_with_label(value):
        return ""
    follower.decompose()
    return value


def _pick_body(root: Tag) -> Tag:
    """The deepest candidate holding at least 80% of the best candidate's prose.

    Candidates are the CMS body containers holding at least half the page's prose, else every
    container: the deepest one that still holds most of the text is the article, not the page.
    """
    page = _prose(root)
    hinted = [(tag, _prose(tag)) for tag in root.find_all(lambda t: bool(_BODY_HINT.search(_hints(t))))]
    pool = [(tag, score) for tag, score in hinted if score * 2 >= page]
    pool = pool or [(tag, _prose(tag)) for tag in [root, *root.find_all(_CONTAINERS)]]
    best = max(score for _, score in pool)
    return max((tag for tag, score in pool if score >= 0.8 * best), key=lambda tag: len(list(tag.parents)))


def _lines(tag: Tag) -> list[str]:
    """Text with block elements on their own lines, table cells joined by tabs."""
    parts: list[str] = []
    _render(tag, parts)
    lines = []
    for raw in "".join(parts).split("\n"):
        line = _SOFT_BY_WIDE.sub("", _SOFT_RUN.sub(_SOFT_BREAK, raw)).replace(_SOFT_BREAK, " ")
        line = _CELL_GAP.sub("\t", re.sub(" +", " ", line)).strip(" \t")
        if line:
            lines.append(line)
    return lines


def _data_rows(table: Tag) -> list[list[str]] | None:
    """The cells of a data table (short cells, two or more rows and columns); None for a layout table,
    which old sites wrap whole articles in."""
    if table.find("table"):
        return None
    rows = [row for row in _grid(table) if any(row)]
    if len(rows) < 2 or max(len(row) for row in rows) < 2 or any(len(c) > 120 for row in rows for c in row):
        return None
    return rows


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return min(int(value), 50) if value.isdigit() and int(value) > 0 else 1


def _grid(table: Tag) -> list[list[str]]:
    """The table's rows with merged cells laid out on the grid. A cell merged down the first
    column (a category: `创新平台` over two rows) repeats in each of its rows, as the row's
    subject. Elsewhere a merged cell stands once and the cells it covers are empty, so a figure
    is not read twice."""
    rows: list[list[str]] = []
    below: dict[int, tuple[str, int]] = {}  # column -> (text carried into it, rows left)
    for tr in table.find_all("tr"):
        row: list[str] = []
        cells = tr.find_all(_CELLS)
        while cells or any(col >= len(row) for col in below):
            col = len(row)
            if col in below:
                text, left = below.pop(col)
                row.append(text if col == 0 else "")
                if left > 1:
                    below[col] = (text, left - 1)
                continue
            if not cells:
                row.append("")
                continue
            cell = cells.pop(0)
            text, down = _clean(cell.get_text()), _span(cell, "rowspan")
            for i in range(_span(cell, "colspan")):
                if down > 1:
                    below[col + i] = (text, down - 1)
                row.append(text if i == 0 else "")
        rows.append(row)
    return rows


def _render(tag: Tag, parts: list[str]) -> None:
    for child in tag.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA...
                parts.append(re.sub(r"\s+", " ", re.sub(r"\s*\n\s*", _SOFT_BREAK, child)))
        elif child.name == "table" and (rows := _data_rows(child)):
            parts.append("\n" + "\n".join(line for line in table_lines(rows) if line) + "\n")
        elif child.name in _BLOCKS:
            parts.append("\n")
            _render(child, parts)
            parts.append("\n")
        else:
            _render(child, parts)
            if child.name in _CELLS:
                parts.append("\t")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)
