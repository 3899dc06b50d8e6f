"""Government bodies as running text names them, read into one name per body.

`市、区财政部门` is two bodies (市财政部门, 区财政部门); `市人力资源和社会保障、民政部门` two
of one level sharing their ending; `统计、市场监管等部门` two bare domains sharing `部门`;
`区、镇人民政府和街道办事处` three. The words (suffixes, levels, what is not a body) live in
`data/units.json`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import regex

DATA = json.loads((resources.files("zhengce.normalize") / "data" / "units.json").read_text(encoding="utf-8"))


def alternatives(key: str) -> str:
    """The entries of one list of `units.json` as regex alternatives (entries may carry lookarounds)."""
    return "|".join(DATA[key])


_BRACKETED = r"(?:[（(][^（）()]{1,12}[）)])"
_LEVEL_CHAR = r"(?:市(?!场|委|政府|级|本级)|[省区县镇乡州旗])"
_LEVEL = regex.compile(rf"^(?P<level>{alternatives('level_words')}|{_LEVEL_CHAR})(?:两级|级)?(?=\p{{Han}})")
_STARTS_WITH_LEVEL = regex.compile(rf"^(?:{alternatives('level_words')}|[省市区县镇乡州旗])(?=\p{{Han}})")
_PLACE_KIND = regex.compile(rf"(?:{alternatives('place_kinds')})")
_LEVEL_ONLY = regex.compile(rf"^(?:{_LEVEL_CHAR}|各区|各县|各镇|各市)(?:{_BRACKETED})?$")
# where a body's name may end: a suffix (its alternative in brackets: 镇人民政府（街道办事处）) or a whole form
NAME_END = rf"(?:{alternatives('gov_suffixes')}){_BRACKETED}?[”\"]?|(?:{alternatives('standalone')})"
_GOV = regex.compile(rf"(?:{alternatives('gov_suffixes')}){_BRACKETED}?$")
_FISCAL = regex.compile(r"财政$")
_NOT_UNIT = regex.compile(rf"(?:{alternatives('not_units')})$|^(?:{alternatives('not_units')})")
_NOT_WITHIN = regex.compile(alternatives("not_within"))
# a book title, a torn bracket or quote: no name (市“扶优计划”联席会议 is one)
_UNBALANCED = regex.compile(r"[《》]|^[^（(]*[）)]|[（(][^）)]*$|^[^“]*”|“[^”]*$")
_DOMAIN_LENGTH = 10  # a bare domain sharing the list's ending is short: 人力资源和社会保障, 城市管理综合执法
_WHOLE = regex.compile(rf"^(?:{alternatives('whole_names')})$")
_STANDALONE = regex.compile(rf"^(?:{alternatives('standalone')})$")
_TAIL = regex.compile(rf"(?P<tail>{alternatives('generic_tails')})$")
# endings a level written once reaches: 市工业和信息化局、科学技术局 -> 市科学技术局
EXPANDABLE = regex.compile(rf"(?:{alternatives('expandable')})$")
_SPLIT = regex.compile(r"[、，,/]+(?![^（(]*[）)])")
_CONJUNCTION = regex.compile(rf"(?:{alternatives('conjunctions')})(?![^（(]*[）)])")
_ASIDE = regex.compile(r"[（(][^（）()]*[）)]$")
_CITY_WORDS = {"本市": "", "我市": "市", "全市": ""}


def is_gov(name: str) -> bool:
    """A name ending as a government body ends, that is not a beneficiary (企业, 用人单位)."""
    name = name.strip("“”\"") if name[:1] in "“\"" else name  # a name in quotes: “扶优办”
    if len(name) < 2 or _NOT_UNIT.search(name) or _NOT_WITHIN.search(name) or _UNBALANCED.search(name):
        return False
    if _FISCAL.search(name):  # 财政 names a body only with its level: 区财政, 同级财政
        return has_level(name)
    suffix = _GOV.search(name)  # and something before it: 中心 alone names nobody
    return bool(suffix and (suffix.start() > 0 or _WHOLE.match(name))) or bool(_STANDALONE.match(name))


def is_standalone(name: str) -> bool:
    """A body named by its place alone: 各区, 街道（镇）."""
    return bool(_STANDALONE.match(name))


def has_level(name: str) -> bool:
    """`name` starts with the level it belongs to (市…, 区…, 各区…, 同级…)."""
    return bool(_STARTS_WITH_LEVEL.match(name))


def _clean(piece: str) -> str:
    """A piece without the aside it may end with (`（必要时邀请…参与）`) and with `本市`/`我市` read."""
    piece = piece.strip(" 　")
    aside = _ASIDE.search(piece)
    inside = aside.group(0)[1:-1] if aside else ""
    alternative = bool(_GOV.fullmatch(inside)) and is_gov(piece[: aside.start()]) if aside else False
    if aside and not (is_gov(inside) or alternative or all(_LEVEL_ONLY.match(p) for p in inside.split("、"))
                      or is_standalone(piece)):
        piece = piece[: aside.start()]  # but 各区人民政府（管委会）: the body's other form, as written
    for word, replacement in _CITY_WORDS.items():
        if piece.startswith(word) and len(piece) > len(word) + 1:
            piece = replacement + piece[len(word):]
    return piece


def _groups(text: str) -> list[list[str]]:
    """Pieces of a list, grouped by the conjunctions that join whole names (`…部门和镇人民政府`):
    a level written before a group reaches no further than it."""
    groups: list[list[str]] = [[]]
    for part in _SPLIT.split(text):
        cursor = 0
        for m in _CONJUNCTION.finditer(part):
            left = part[cursor : m.start()]
            if left and is_gov(_clean(left)):  # 规划和自然资源 is one domain: 和 joins names only after a name
                groups[-1].append(left)
                groups.append([])
                cursor = m.end()
        if part[cursor:]:
            groups[-1].append(part[cursor:])
    return [[_clean(p) for p in g if _clean(p)] for g in groups if g]


def _level_of(piece: str) -> tuple[str, str]:
    m = _LEVEL.match(piece)
    if not m or _STANDALONE.match(piece):
        return "", piece
    return m.group("level"), piece[m.end():]


def _group_names(pieces: list[str], tail: str, strict: bool) -> list[str]:
    """Names of one group; [] when `strict` and a piece names no body."""
    if len(pieces) > 1 and all(_LEVEL_ONLY.match(p) or _PLACE_KIND.fullmatch(p) for p in pieces[:-1]) and (
        _PLACE_KIND.match(pieces[-1]) and is_gov(pieces[-1])
    ):
        return ["、".join(pieces)]  # 省、自治区、直辖市人民政府: one kind of body, as written
    levels: list[str] = []
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if _LEVEL_ONLY.match(piece) and not out and i + 1 < len(pieces):
            levels.append(piece)  # 市、区财政部门: 市 names a level of what follows
            continue
        level, body = _level_of(piece)
        if levels and not out and not (level and regex.fullmatch(_LEVEL_CHAR, level)):
            # 各区、街道（镇）, 各区、各部门: the levels were bodies of their own
            out += [lv for lv in levels if is_gov(lv)]
            levels = []
        bare = not is_gov(level + body) or bool(_FISCAL.fullmatch(body))  # 各级财政、税务部门: 财政 shares it too
        if tail and bare and not body.endswith(tail) and len(body) <= _DOMAIN_LENGTH:
            body += "部门" if tail == "单位" else tail  # a bare domain: 发展改革、…等单位 -> 发展改革部门
        if not is_gov(level + body):
            if strict:
                return []
            continue
        if level and not out:
            if levels and levels[0].startswith("各") and regex.fullmatch(_LEVEL_CHAR, level):
                level = "各" + level  # 各市、县人民政府: each county's too
            levels.append(level)
            own = levels
        elif level:
            own = [level]
        else:
            own = levels if levels and EXPANDABLE.search(body) else [""]
        out += [lv + body for lv in own]
    return out


# 等部门, 等有关部门和单位, 等相关行业主管部门: the end of a list that says there are more
_TRADE_TAIL = r"(?:有关|相关)?\p{Han}{1,8}?(?P<tail>主管部门)"  # 等(相关)行业(工程建设)主管部门
ETC = rf"等(?:{_TRADE_TAIL}|(?:有关|相关|其他)?(?P<tail>{alternatives('generic_tails')})?)(?:[和及](?:单位|部门|机构))?"
_ETC_TAIL = regex.compile(rf"{ETC}(?![^（(]*[）)])")


def _chunk_names(text: str, tail: str, strict: bool) -> list[str] | None:
    groups = _groups(text)
    if not groups or not groups[-1]:
        return None if strict and text else []
    if not tail:  # 统计、市场监管部门: the last member's ending is shared
        m = _TAIL.search(groups[-1][-1])
        tail = m.group("tail") if m else ""
    names = [_group_names(g, tail, strict) for g in groups]
    if strict and not all(names):
        return None
    return [n for group in names for n in group]


@cache
def unit_list(text: str, strict: bool = False) -> tuple[str, ...]:
    """The bodies a list names (`市、区民政部门和镇人民政府、街道办事处` -> 市民政部门, 区民政部门,
    镇人民政府, 街道办事处); a piece that names no body is left out, or when `strict` makes the
    answer (). `等部门` closes a list whose members share its ending (`民政、价格等部门、服务对象`
    -> 民政部门, 价格部门)."""
    text = text.strip("，,；;。 　")
    names: list[str] = []
    cursor = 0
    chunks = [(text[cursor:], "")]
    for m in _ETC_TAIL.finditer(text):
        chunks[-1] = (text[cursor : m.start()], m.group("tail") or "")
        cursor = m.end()
        chunks.append((text[cursor:], ""))
    for chunk, tail in chunks:
        found = _chunk_names(chunk, tail, strict and bool(chunk))
        if found is None:
            return ()
        names += found
    return tuple(dict.fromkeys(names))
