"""Document numbers (文号) such as `清府办函〔2024〕57号`: found, recognised as a line, normalised."""

from __future__ import annotations

import re

import regex

DOC_NUMBER = regex.compile(r"\p{Han}{1,14}[〔\[【［(（]\s*(?:19|20)\d{2}\s*[〕\]】］)）]\s*\d{1,4}\s*号")
_SPACES = re.compile(r"\s+")
_YEAR_BRACKETS = re.compile(r"[\[【［(（](\d{4})[\]】］)）]")
_DOC_NUMBER_LINE = regex.compile(rf"^(?:{DOC_NUMBER.pattern})\s*(?:签发人.*)?$")


def is_doc_number_line(text: str) -> bool:
    """A paragraph that is a document number (optionally with its 签发人)."""
    return "号" in text and bool(_DOC_NUMBER_LINE.match(text.strip()))  # the substring test is far cheaper


def normalize_doc_number(text: str) -> str:
    """`清府办函[2024] 57 号` -> `清府办函〔2024〕57号`."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", _SPACES.sub("", text))
