"""Government unit names: split lists of them and expand the abbreviated members.

`市工业和信息化局、科学技术局、财政局` names three units of one city: the members after
the first drop the level prefix, and a reader (and our rule files) restore it.
"""

from __future__ import annotations

import re

import regex

from .unit_names import DATA, EXPANDABLE, alternatives

ORG_SUFFIX = rf"(?:{alternatives('gov_suffixes')}|{alternatives('list_suffixes')})"
# a name may end in its other form: 各区人民政府（管委会）, 各镇人民政府（街道办事处）
_OTHER_FORM = rf"(?:[（(]\p{{Han}}{{0,8}}{ORG_SUFFIX}[）)])?"
_ORG = regex.compile(rf"^[“\"]?\p{{Han}}[\p{{Han}}“”\"（）()、]*?{ORG_SUFFIX}{_OTHER_FORM}[”\"]?$")
# Separators outside brackets: 各县（市、区）人民政府 is one unit; 市财政局会同市科技局 are two.
_SPLIT = regex.compile(r"(?:[、，,；;\s]+|(?<=[局委会行办室部厅门位])(?:和|会同|以及|及)(?=\p{Han}))(?![^（(]*[）)])")
_TRAILING = re.compile(r"等(?:有关|相关)?(?:单位|部门|机构)?$")
# Joint issuers written without a separator: 清远市自然资源局清远市工业和信息化局
_JOINT = regex.compile(r"(?<=(?<!总)局|委员会|人民政府|办公室|办公厅|厅)"
                       r"(?=\p{Han}{2,4}(?:自治区|自治州|省|市|县|区|州|盟)\p{Han})")
_LEVEL = re.compile(r"^(?:自治区|市(?!场)|县|区|省|镇|乡|州)")
_GENERIC = re.compile(r"^(?:各|有关|相关|其他|其它)|有关|相关")
_PLACE_INSIDE = re.compile(r"(?:省|市(?!场)|县|区|州|国家|中国|人民银行)")


def without_etc(name: str) -> str:
    """`市税务局等部门` -> `市税务局`: the last unit of a list that says there are more."""
    return _TRAILING.sub("", name)


_WHOLE = frozenset(DATA["whole_names"])  # names that are their suffix alone: 供销社, 国务院


def is_org(name: str) -> bool:
    return bool(_ORG.match(name)) or name in _WHOLE


def split_orgs(text: str, strict: bool = True, joint: bool = False) -> list[str]:
    """Unit names in a list such as `市财政局、市科技局等单位`; [] when strict and a piece is not a unit.

    `joint` also splits names written back to back, as joint issuers sign a notice.
    """
    text = without_etc(text.strip().rstrip("。；;，,"))
    pieces = [p for p in _SPLIT.split(text) if p]
    if joint:
        pieces = [q for p in pieces for q in _JOINT.split(p) if q]
    if strict and not all(is_org(p) for p in pieces):
        return []
    return pieces


def expand_abbreviated(names: list[str], city: str | None = None) -> list[str]:
    """Restore the level prefix the list's first unit carries (`科学技术局` -> `市科学技术局`)."""
    if not names:
        return names
    m = _LEVEL.match(names[0])
    if not m:
        return names
    prefix = m.group(0)
    out = [names[0]]
    for name in names[1:]:
        bare = (
            not _LEVEL.match(name)
            and EXPANDABLE.search(name)
            and not _GENERIC.search(name)
            and not _PLACE_INSIDE.search(name)
            and not (city and name.startswith(city))
        )
        out.append(prefix + name if bare else name)
    return out
