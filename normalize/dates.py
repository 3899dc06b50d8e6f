"""Dates as notices write them (`2024年6月28日`, `二〇二四年六月二十八日`, `2021年**月**日`) to ISO."""

from __future__ import annotations

import datetime as dt
import re

from .labels import cn_ordinal

_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_PART = r"\d{1,2}|[一二三四五六七八九十]{1,3}|\*{1,2}|×{1,2}|X{1,2}|x{1,2}|[　 ]{1,2}"
DATE = re.compile(rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年(?P<m>{_PART})月(?P<d>{_PART})日")
_DATE_LINE = re.compile(rf"^{DATE.pattern}$")
_SPACES = re.compile(r"\s+")
_LONGEST_DATE_LINE = 40
_CN_NUMBER = re.compile(r"[一二三四五六七八九十]+")


def _number(part: str) -> int | None:
    if part.isdigit():
        return int(part)
    if _CN_NUMBER.fullmatch(part):
        return cn_ordinal(part)
    return None  # a placeholder such as ** or XX


def to_iso(m: re.Match) -> str | None:
    """ISO date of a DATE match, or None when month or day is a placeholder or impossible."""
    year = int(m.group("y").translate(_CN_YEAR_DIGITS))
    month, day = _number(m.group("m")), _number(m.group("d"))
    if month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# a time of day may follow: `2024-08-02 10:30`
_NUMERIC_DATE = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date_field(text: str) -> str | None:
    """ISO date of a metadata value: `2023年3月1日`, `2023-03-01`, `2023.3.1`, `2023/3/1`, `2024-08-02 10:30`."""
    m = _NUMERIC_DATE.match(text.strip())
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    return parse_date_line(text)


def _date_line(text: str) -> re.Match | None:
    # a date is 13 characters at most and ends in 日: two tests that spare most lines the regexes
    if len(text) > _LONGEST_DATE_LINE or "日" not in text:
        return None
    # a month or day left blank for the signing (`2024年  月  日`) is a placeholder, like `**`
    compact = _SPACES.sub("", text).replace("年月", "年**月").replace("月日", "月**日")
    return _DATE_LINE.match(compact)


def is_date_line(text: str) -> bool:
    """A line that is only a date, placeholders and stray spaces allowed (`2024 年 6月 28 日`)."""
    return _date_line(text) is not None


def parse_date_line(text: str) -> str | None:
    """ISO date when the whole paragraph is a date (a notice's signature date)."""
    m = _date_line(text)
    return to_iso(m) if m else None


def end_of_term(start: str, years: int = 0, months: int = 0) -> str:
    """Last day of a term that starts on `start` (自2025年3月4日起，有效期3年 -> 2028-03-03)."""
    d = dt.date.fromisoformat(start)
    month_index = d.month - 1 + months + 12 * years
    year, month = d.year + month_index // 12, month_index % 12 + 1
    day = d.day
    while True:
        try:
            end = dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    return (end - dt.timedelta(days=1)).isoformat()
