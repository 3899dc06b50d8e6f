"""Document numbers (文号) such as `清府办函〔2024〕57号`, order numbers such as
`中华人民共和国国务院令第746号` and announcement numbers such as `财政部 税务总局公告2025年第6号`:
found, recognised as a line, normalised."""

from __future__ import annotations

import re

import regex

DOC_NUMBER = regex.compile(r"\p{Han}{1,14}[〔\[【［(（]\s*(?:19|20)\d{2}\s*[〕\]】］)）]\s*\d{1,4}\s*号")
# an order (令) of a government or ministry: `国务院令第746号`, `广东省人民政府令 第 300 号`
ORDER_NUMBER = regex.compile(r"(?P<org>\p{Han}{1,16}?)令\s*第\s*\d{1,4}\s*号")
# an announcement numbered by year: `财政部 税务总局公告2025年第6号`, `国家税务总局公告2024年第3号`
ANNOUNCEMENT_NUMBER = regex.compile(r"\p{Han}[\p{Han} \u3000]{1,30}?公告\s*(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*号")
_SPACES = re.compile(r"\s+")
_YEAR_BRACKETS = re.compile(r"[\[【［(（](\d{4})[\]】］)）]")
# a number on its own line, perhaps in brackets (`（皖开放办〔2022〕6号）`) or with its 签发人
_NUMBERS = f"{DOC_NUMBER.pattern}|{ORDER_NUMBER.pattern.replace('?P<org>', '?:')}|{ANNOUNCEMENT_NUMBER.pattern}"
_DOC_NUMBER_LINE = regex.compile(rf"^[（(]?(?:{_NUMBERS})[）)]?\s*(?:签发人.*)?$")
_STATE = "中华人民共和国"


def is_doc_number_line(text: str) -> bool:
    """A paragraph that is a document number (optionally with its 签发人)."""
    return "号" in text and bool(_DOC_NUMBER_LINE.match(text.strip()))  # the substring test is far cheaper


def find_doc_number(text: str) -> str | None:
    """The first document or order number in `text`, normalised."""
    m = DOC_NUMBER.search(text) or ORDER_NUMBER.search(text) or ANNOUNCEMENT_NUMBER.search(text)
    return normalize_doc_number(m.group(0)) if m else None


def order_issuer(text: str) -> str | None:
    """Who issues an order: `中华人民共和国国务院令第746号` -> `国务院`, `某省人民政府令第3号` -> `某省人民政府`."""
    m = ORDER_NUMBER.search(text)
    if not m:
        return None
    org = m.group("org")
    return org.removeprefix(_STATE) if len(org) > len(_STATE) else org


def normalize_doc_number(text: str) -> str:
    """`清府办函[2024] 57 号` -> `清府办函〔2024〕57号`."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", _SPACES.sub("", text))
