"""Front matter of a notice: number, titles, issuer, date, recipients; back matter: 抄送, 公开方式.

A 印发 notice wraps the policy it issues: [文号] [通知标题] [主送：] [正文：现将《X》印发…]
[落款] [日期] [X] [policy body]. Everything up to the repeated policy title X is front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex
from zhengce.normalize.dates import parse_date_field, parse_date_line
from zhengce.normalize.doc_numbers import DOC_NUMBER, is_doc_number_line, normalize_doc_number
from zhengce.normalize.lines import TITLE_END
from zhengce.normalize.orgs import split_orgs

from zhengce.model import Metadata

_DRAFT = re.compile(r"征求意见稿|送审稿|草案|讨论稿|修改稿")
_ISSUES = re.compile(r"关于印发《(.+)》的(?:通知|决定)$|关于印发(.+?)的(?:通知|决定)$")
_BODY_ISSUES = re.compile(r"《([^》]+)》(?:已经[^，。]*，)?(?:现)?印发给你们|现将《([^》]+)》印发")
_ISSUER_BEFORE_GUANYU = re.compile(r"^(.+?)关于")
_PUNCT = re.compile(r"[，。；！？：]")
_CITY = regex.compile(r"^(?:\p{Han}{2}省)?(\p{Han}{2,3}?)(?:市|县|自治州|地区|盟)")
# back matter: 公开方式, 抄送, 主题词…, and the printing line `肇庆市人民政府办公室 2024年6月24日印发`
_BACK_MATTER = re.compile(
    r"^(?:公开方式|抄送|印发|主题词|（此件|\(此件|附件[：:]|[^，。；]{0,30}\d{4}年\d{1,2}月\d{1,2}日(?:印发|印制)$)"
)
_CONTACT = re.compile(r"联系人[：:]\s*([^，,；;）)]+)(?:[，,；;]\s*(?:联系)?电话[：:]\s*([\d\-－—\s]+))?")


_SPACES = re.compile(r"\s+")
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


def find_title(paras: list[str]) -> int | None:
    for i, text in enumerate(paras[:8]):
        if _PUNCT.search(text) or is_doc_number_line(text) or parse_date_line(text):
            continue
        if "关于" in text or TITLE_END.search(text):
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


def layout(paras: list[str]) -> Layout:
    title = find_title(paras)
    body_start, policy_index, wanted = 0, None, None
    if title is not None:
        body_start = title + 1
        if body_start < len(paras) and re.fullmatch(r"[（(][^）)]{1,8}[）)]", paras[body_start]):
            body_start += 1  # （征求意见稿）
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
    if signed_last and split_orgs(paras[body_end - 2], joint=True):
        body_end -= 2
    return Layout(body_start, body_end, title, policy_index, wanted)


def read_metadata(paras: list[str], lay: Layout, removed: tuple[tuple[str, str], ...], fields: dict) -> Metadata:
    meta = Metadata()
    front = paras[: lay.body_start]
    back = paras[lay.body_end :]
    if lay.title_index is not None:
        meta.title = paras[lay.title_index]
        if lay.policy_title_index is not None:
            meta.policy_title = paras[lay.policy_title_index]
        else:
            meta.policy_title = lay.policy_title or meta.title
    # a notice whose policy title is not repeated has its header in the first paragraphs of the "body"
    top = paras[: max(lay.body_start, (lay.title_index or 0) + 8)]
    for text in top:
        if meta.doc_number is None and is_doc_number_line(text):
            meta.doc_number = normalize_doc_number(DOC_NUMBER.match(text).group(0))
    signed = signature_date(paras, lay)
    if signed is not None:
        meta.issued_on = parse_date_line(paras[signed])
        meta.issuer = split_orgs(paras[signed - 1], joint=True) if signed > 0 else []
    if not meta.issuer and meta.title:
        m = _ISSUER_BEFORE_GUANYU.match(meta.title)
        if m:
            meta.issuer = split_orgs(m.group(1), joint=True)
    if not meta.issuer:
        banners = [t for kind, t in removed if kind == "banner"] + front[:1]
        meta.issuer = next((split_orgs(t) for t in banners if split_orgs(t)), [])
    meta.doc_number = meta.doc_number or _field(fields, "发文字号", "文号", "字号")
    meta.issued_on = meta.issued_on or parse_date_field(_field(fields, "成文日期", "发文日期", "印发日期") or "")
    meta.published_on = parse_date_field(_field(fields, "发布日期", "发布时间", "公开日期") or "")
    if not meta.issuer and _field(fields, "发文机关", "发布机构", "发文单位"):
        meta.issuer = split_orgs(_field(fields, "发文机关", "发布机构", "发文单位"))
    head = paras[: max(lay.body_start, (lay.title_index or 0) + 2)]
    meta.draft = any(_DRAFT.search(t) for t in head)
    for text in top:
        if text.endswith(("：", ":")) and not meta.recipients and split_orgs(text[:-1], strict=False):
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


def signature_date(paras: list[str], lay: Layout) -> int | None:
    """Index of the date a notice is signed with: in its front matter; else right under a signing
    unit near the top (a notice whose policy title we could not find again); else at the very end
    (a policy issued without a notice)."""
    dated = [i for i, p in enumerate(paras) if parse_date_line(p)]
    front = (i for i in dated if i < lay.body_start)
    near_top = (i for i in dated if 1 <= i < 20 and split_orgs(paras[i - 1], joint=True))
    tail = (i for i in dated if i >= max(lay.body_start, len(paras) - 4))
    return next((i for candidates in (front, near_top, tail) for i in candidates), None)


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
