"""Front matter of a notice: number, titles, issuer, date, recipients; back matter: 抄送, 公开方式.

A 印发 notice wraps the policy it issues: [文号] [通知标题] [主送：] [正文：现将《X》印发…]
[落款] [日期] [X] [policy body]. Everything up to the repeated policy title X is front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex
from zhengce.normalize.datafiles import data_lines
from zhengce.normalize.dates import DATE, parse_date_field, parse_date_line, to_iso
from zhengce.normalize.doc_numbers import find_doc_number, is_doc_number_line, order_issuer
from zhengce.normalize.fields import COLOPHON, FIELD_OF, field_values, label_pairs, starts_with_label
from zhengce.normalize.labels import match_label
from zhengce.normalize.lines import TITLE_END
from zhengce.normalize.orgs import split_orgs

from zhengce.model import Metadata

_DRAFT = re.compile(r"征求意见稿|送审稿|草案|讨论稿|修改稿")
_ISSUES = re.compile(r"关于印发《(.+)》的(?:通知|决定)$|关于印发(.+?)的(?:通知|决定)$")
_BODY_ISSUES = re.compile(r"《([^》]+)》(?:已经[^，。]*，)?(?:现)?印发给你们|现将《([^》]+)》印发")
_ISSUER_BEFORE_GUANYU = re.compile(r"^(.+?)关于")
_PUNCT = re.compile(r"[，。；！？：]")
_CITY = regex.compile(r"^(?:\p{Han}{2}省)?(\p{Han}{2,3}?)(?:市|县|自治州|地区|盟)")
# back matter: 公开方式, 主题词…, and the 版记 (抄送, the printing line `肇庆市人民政府办公室 2024年6月24日印发`)
_BACK_MATTER = re.compile(rf"^(?:公开方式|印发|主题词|（此件|\(此件|附件[：:])|{COLOPHON.pattern}")
# the congress that passed a regulation, named in the note under its title:
# `（2024年9月26日江西省第十四届人民代表大会常务委员会第十次会议通过）` -> 江西省人民代表大会常务委员会
_NTH = r"第[一二三四五六七八九十百\d]+"
_ADOPTED_BY = regex.compile(rf"(?P<place>\p{{Han}}{{2,12}}?){_NTH}届(?P<body>人民代表大会(?:常务委员会)?)"
                           rf"{_NTH}次(?:全体)?会议(?:通过|批准)")
_CONTACT = re.compile(r"联系人[：:]\s*([^，,；;）)]+)(?:[，,；;]\s*(?:联系)?电话[：:]\s*([\d\-－—\s]+))?")


_SPACES = re.compile(r"\s+")
_GAPS = re.compile(r"[\s、，,；;]+")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
# a head signing in their own name: `总理 李克强`, `省长 王伟中`
_SIGNER_TITLES = "|".join(sorted(data_lines("signer_titles.txt"), key=len, reverse=True))
_SIGNER = regex.compile(rf"(?:{_SIGNER_TITLES})\s*\p{{Han}}{{2,4}}")
_HEAD = 40  # paragraphs searched for a metadata block
_SHORTEST_TITLE = 6  # `通知公告`, `政策文件`: a section of the site, not a title
_SIGNATURE_LINES = 4  # joint issuers sign on up to this many lines
_ANGLE_TO_DOUBLE = str.maketrans("〈〉", "《》")


def _key(text: str) -> str:
    """Titles compared across their variants (〈〉 vs 《》, spacing)."""
    return _SPACES.sub("", text).translate(_ANGLE_TO_DOUBLE)


@dataclass
class Layout:
    """Where front matter ends and back matter begins, as paragraph indexes."""

    body_start: int
    body_end: int
    title_index: int | None
    policy_title_index: int | None
    policy_title: str | None = None  # the 《X》 a notice issues, even when X is not repeated as a heading
    note_index: int | None = None  # `（2021年7月27日国务院令第746号公布）` right under the title
    fields: dict[str, str] = field(default_factory=dict)  # the labelled metadata block at the top
    head: set[int] = field(default_factory=set)  # its paragraphs


def head_block(paras: list[str]) -> tuple[dict[str, str], set[int]]:
    """The labelled metadata a web page leaves at the top of a copied text (`发文字号：…`,
    `[成文日期]…`, a label whose value is on the next line): its values, and its paragraphs."""
    fields: dict[str, str] = {}
    taken: set[int] = set()
    i = 0
    while i < min(len(paras), _HEAD):
        text = paras[i]
        if match_label(text):
            break
        if starts_with_label(text):
            taken.add(i)
            pairs = label_pairs(text)
            label, value = pairs[-1]
            following = paras[i + 1] if i + 1 < len(paras) else ""
            if not value and following and not starts_with_label(following) and (
                FIELD_OF.get(label) == "title" or not _looks_like_title(following)
            ):
                pairs[-1] = (label, following)
                taken.add(i + 1)
                i += 1
            for label, value in pairs:
                if value:
                    fields.setdefault(label, value)
        i += 1
    return fields, taken


def _looks_like_title(text: str) -> bool:
    return not _PUNCT.search(text) and ("关于" in text or bool(TITLE_END.search(text)))


def find_title(paras: list[str], skip: set[int] = frozenset()) -> int | None:
    """The first of the first eight paragraphs (the metadata block aside) that reads as a title;
    a numbered heading (`一、总体要求`) or a bare kind of document (`通知公告`) never does."""
    candidates = [i for i in range(len(paras)) if i not in skip][:8]
    for i in candidates:
        text = paras[i]
        if is_doc_number_line(text) or parse_date_line(text) or match_label(text) or len(text) < _SHORTEST_TITLE:
            continue
        if _looks_like_title(text):
            return i
    return None


def policy_title_of(paras: list[str], title_index: int) -> str | None:
    """X of a notice that issues 《X》, from its title or its first sentences."""
    m = _ISSUES.search(paras[title_index])
    if m:
        return m.group(1) or m.group(2)
    for text in paras[title_index + 1 : title_index + 4]:
        m = _BODY_ISSUES.search(text)
        if m:
            return m.group(1) or m.group(2)
    return None


def _is_note(text: str) -> bool:
    """`（征求意见稿）`, `（2023年2月8日）`, `（2021年7月27日国务院令第746号公布）`: a note under a title."""
    return bool(_NOTE.fullmatch(text)) and (len(text) <= 10 or DATE.search(text) is not None)


def layout(paras: list[str]) -> Layout:
    fields, taken = head_block(paras)
    title = find_title(paras, taken)
    body_start, policy_index, wanted, note = max(taken, default=-1) + 1, None, None, None
    if title is not None:
        body_start = max(body_start, title + 1)
        under = body_start + 1 if body_start < len(paras) and is_doc_number_line(paras[body_start]) else body_start
        if under < len(paras) and _is_note(paras[under]):  # under the title, or under its 文号
            note, body_start = under, under + 1
        wanted = policy_title_of(paras, title)
        if wanted:
            for i in range(title + 1, min(len(paras), title + 15)):
                if _key(paras[i]) == _key(wanted):
                    policy_index, body_start = i, i + 1
                    break
    body_end = len(paras)
    while body_end > body_start and _BACK_MATTER.match(paras[body_end - 1]):
        body_end -= 1
    # a notice that is its own policy signs at the end: the signing unit and date are not clause text
    signed_last = body_end - 2 >= body_start and parse_date_line(paras[body_end - 1])
    if signed_last and (split_orgs(paras[body_end - 2], joint=True) or _SIGNER.fullmatch(paras[body_end - 2])):
        body_end -= 2
    return Layout(body_start, body_end, title, policy_index, wanted, note, fields, taken)


def read_metadata(paras: list[str], lay: Layout, removed: tuple[tuple[str, str], ...], fields: dict,
                  raw: list[str] | None = None) -> Metadata:
    """`raw` holds each paragraph as the source wrote it: its spaces separate joint issuers."""
    raw = raw or paras
    meta = Metadata()
    front = paras[: lay.body_start]
    back = paras[lay.body_end :]
    labelled = field_values({**fields, **lay.fields})
    if lay.title_index is not None:
        meta.title = paras[lay.title_index]
        if lay.policy_title_index is not None:
            meta.policy_title = paras[lay.policy_title_index]
        else:
            meta.policy_title = lay.policy_title or meta.title
    elif labelled.get("title"):
        meta.title = meta.policy_title = labelled["title"]
    # a notice whose policy title is not repeated has its header in the first paragraphs of the "body"
    top = paras[: max(lay.body_start, (lay.title_index or 0) + 8)]
    meta.doc_number = next((find_doc_number(t) for t in top if is_doc_number_line(t)), None)
    order_by = next((order_issuer(t) for t in top if is_doc_number_line(t)), None)
    if lay.note_index is not None:
        note = paras[lay.note_index]
        date = DATE.search(note)
        meta.issued_on = to_iso(date) if date else None
        rest = note[date.end() :] if date else note
        meta.doc_number = meta.doc_number or find_doc_number(rest)
        adopted = _ADOPTED_BY.search(rest)
        order_by = order_by or order_issuer(rest) or (adopted["place"] + adopted["body"] if adopted else None)
    signed = signature_date(paras, lay)
    if signed is not None:
        meta.issued_on = meta.issued_on or parse_date_line(paras[signed])
        meta.issuer = _signing_units(paras, raw, signed)
    if not meta.issuer and order_by:
        meta.issuer = [order_by]
    if not meta.issuer and meta.title:
        m = _ISSUER_BEFORE_GUANYU.match(meta.title)
        raw_title = raw[lay.title_index] if lay.title_index is not None else ""
        if m:
            meta.issuer = _issuers(m.group(1), raw_title.split("关于")[0])
    if not meta.issuer:
        banners = [t.removesuffix("文件") for kind, t in removed if kind in ("banner", "masthead")] + front[:1]
        meta.issuer = next((split_orgs(t, joint=True) for t in banners if split_orgs(t, joint=True)), [])
    if not meta.issuer and labelled.get("issuer"):
        meta.issuer = _issuers(labelled["issuer"], labelled["issuer"])
    number = labelled.get("doc_number", "")
    meta.doc_number = meta.doc_number or (find_doc_number(number) if is_doc_number_line(number) else None)
    meta.issued_on = meta.issued_on or parse_date_field(labelled.get("issued_on", ""))
    meta.published_on = parse_date_field(labelled.get("published_on", ""))
    meta.valid_from = parse_date_field(labelled.get("valid_from", ""))
    meta.valid_until = parse_date_field(labelled.get("valid_until", ""))
    head = paras[: max(lay.body_start, (lay.title_index or 0) + 2)]
    meta.draft = any(_DRAFT.search(t) for t in head)
    for text in top:
        if text.endswith(("：", ":")) and not meta.recipients and not starts_with_label(text):
            meta.recipients = split_orgs(text[:-1], strict=False)
        m = _CONTACT.search(text)
        if m:
            meta.contact = {"name": m.group(1).strip()} | ({"phone": m.group(2).strip()} if m.group(2) else {})
    for text in back:
        key, _, value = text.partition("：")
        if key == "抄送":
            meta.cc = [v for v in re.split(r"[，、,；;]", value.rstrip("。")) if v]
        elif key == "公开方式":
            meta.disclosure = value.strip() or None
    meta.archive_code = next((t for kind, t in removed if kind == "archive_code"), None)
    meta.city = city_of(meta.issuer + ([meta.title] if meta.title else []), paras)
    return meta


def _issuers(text: str, raw: str) -> list[str]:
    """Joint issuers as the source spaces them (`中共柳河县委 柳河县人民政府`), else as `split_orgs`
    reads the normalised text, where names written back to back are split at a place name."""
    pieces = [p for p in _GAPS.split(raw.strip()) if p]
    if len(pieces) > 1:
        names = [name for piece in pieces for name in (split_orgs(piece, joint=True) or [""])]
        if all(names):
            return names
    return split_orgs(text, joint=True)


def _signing_units(paras: list[str], raw: list[str], date_index: int) -> list[str]:
    """The units signed above a date, on one line or several (`广州市卫生健康委员会  广州市财政局` /
    `广州市人力资源和社会保障局  广州市医疗保障局`); none under a head's own signature (`总理 李克强`)."""
    names: list[str] = []
    i = date_index - 1
    while i >= 0 and date_index - i <= _SIGNATURE_LINES:
        found = _issuers(paras[i], raw[i])
        if not found:
            break
        names = found + names
        i -= 1
    return names


def signature_date(paras: list[str], lay: Layout) -> int | None:
    """Index of the date a notice is signed with: in its front matter; else right under a signing
    unit or a head's signature near the top (a notice whose policy title we could not find again);
    else under a signature further down (a notice with numbered items before it signs); else at the
    very end (a policy issued without a notice)."""
    dated = [i for i, p in enumerate(paras) if i not in lay.head and parse_date_line(p)]
    signed = [i for i in dated if i >= 1 and (split_orgs(paras[i - 1], joint=True) or _SIGNER.fullmatch(paras[i - 1]))]
    front = (i for i in dated if i < lay.body_start)
    near_top = (i for i in signed if i < 20)
    below_title = (i for i in signed if i > (lay.title_index or 0))
    tail = (i for i in dated if i >= max(lay.body_start, len(paras) - 4))
    return next((i for candidates in (front, near_top, below_title, tail) for i in candidates), None)


def _field(fields: dict, *names: str) -> str | None:
    return next((fields[n] for n in names if fields.get(n)), None)


# `XX市` followed by more text; not 市场 (market), nor 上市/超市/城市/门市… where 市 ends another word
_PLACE_MENTION = regex.compile(r"(?<![全本我各市省县区])(\p{Han}[^\P{Han}上超城门都夜股闹集早菜])市(?=[^\P{Han}场])")


def city_of(names: list[str], paras: list[str]) -> str | None:
    """The city or county a notice belongs to: from its issuer or title, else the place it names most."""
    for name in names:
        m = _CITY.match(name)
        if m:
            return m.group(1)
    counts: dict[str, int] = {}
    for text in paras:
        for m in _PLACE_MENTION.finditer(text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    generic = {"城市", "全市", "本市", "我市", "各市", "地级", "县级", "副省", "直辖", "设区"}
    ranked = sorted((n for n in counts if n not in generic), key=lambda n: -counts[n])
    return ranked[0] if ranked and counts[ranked[0]] >= 2 else None
