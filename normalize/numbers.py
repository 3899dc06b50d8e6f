"""The quantity grammar: money, percentages and counted quantities in normalised policy text.

`find_amounts(text)` returns every amount with its exact span and exact value;
`parse_number(s)` reads one number ("1,000", "1.5", "三十", "两", "１２", "1.5万").

How a mention is read (all tables live in `data/*.txt` or the constants below):

    number  [余|多]  [magnitude]  [currency | % | 个百分点 | measure]  [/ per-unit]
    ------  ------   ---------    ----------------------------------   -----------
    30               万           元                                                 -> 300000 CNY
    300              万           元                                    / 亩         -> 3000000 CNY per 亩
    5                万           人                                                 -> 50000 人 (a quantity)
    1000             亿                                                              -> money, implied CNY

(a magnitude may be continued by a smaller part: 1亿5000万元, 1万2千元).

then, in order:

1. a marker right after it (optionally after 以上/以下/以内) sets `inclusive`: （含）, （不含）, or a
   parenthetical that restates the same number, （含5亿）/（含1500万元）, which is not a mention
   of its own and lends the bare number its magnitude;
2. two mentions joined only by a range dash (-, —, 至, 到, ~ ...) form a range; a low end that
   lacks a unit takes it from the high end ("5-10亿元", "10-20%");
3. mentions joined only by a list connector (、 和 及 或 与) form a list; a member without a unit
   takes it from the next member that has one ("8万、6万元和4万元");
4. a number with a magnitude but no unit is money when the magnitude is 亿 or more, when a money
   word (奖励, 投资, 最高 ...) comes shortly before it in its sentence, or when its range or list
   is money; otherwise, like a bare number, it is not a mention.

Never mentions: numbers glued to Latin letters (GB/T36073-2018, 5G, DCMM3级), ordinals
(第3条 and everything listed after it), document years 〔2024〕, years (2024年, 2023-2027年),
dates and document numbers (no unit: 3月15日, 57号), phone numbers, labels (（3）, 1.).
年 counts only as a duration: at most 100 and not followed by a month (有效期3年, 近2年).
Chinese numerals only make money (三十万元) and 百分之 percentages, never counted quantities
(一次性, 三大, 十四五).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple
from unicodedata import normalize as _nfkc

from .datafiles import data_lines, data_pairs, one_of

__all__ = ["Amount", "find_amounts", "parse_number"]


class Amount(NamedTuple):
    start: int  # span of the number with its unit, e.g. "6000万元", "10%", "300万元/亩"
    end: int
    value: int | float  # money in units of its currency; 10 for 10%; counts as numbers
    unit: str  # "CNY" | "USD" | ... | "%" | "pp" | a measure word as written
    kind: str  # "money" | "percent" | "quantity"
    per: str | None = None  # "亩" for 300万元/亩
    inclusive: bool | None = None  # explicit （含）/（不含）/（含5亿） marker bound to this number
    range_id: int | None = None  # the two ends of one range share an id
    range_pos: str | None = None  # "low" | "high"
    list_id: int | None = None  # members of one enumeration share an id
    implied_currency: bool = False  # money whose currency word is not inside its own span
    written: str = ""  # text[start:end]


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------



MEASURES: frozenset[str] = frozenset(data_lines("measures.txt"))
CURRENCIES: dict[str, str] = data_pairs("currencies.txt")  # word -> ISO code
MAGNITUDES: dict[str, int] = {word: int(power) for word, power in data_pairs("magnitudes.txt").items()}
RANGE_DASHES: tuple[str, ...] = tuple(data_lines("range_dashes.txt"))
LIST_CONNECTORS: tuple[str, ...] = tuple(data_lines("list_connectors.txt"))

PERCENT_SIGNS = ("%", "％")
POINT_WORDS = ("个百分点", "百分点")  # percentage points -> unit "pp"
PER_UNITS: frozenset[str] = MEASURES | {"月", "日", "季度", "度", "床"}  # after "/": 万元/亩, 元/年
COMPARATORS = ("以上", "以下", "以内", "及以上", "及以下", "或以上", "或以下")
APPROXIMATORS = ("余", "多")  # 3000余家, 100多万元: the value is the number as written
ORDINAL_PREFIX = "第"
DOC_YEAR_OPENERS = "〔［[【"
SENTENCE_BREAKS = "。；！？\n"
MONEY_CUES = (
    "奖", "补", "最高", "资助", "资金", "经费", "投资", "投入", "产值", "收入", "营收", "销售额", "金额",
    "贷款", "融资", "担保", "税", "利润", "增加值", "费用", "成本", "价格", "市值", "基金", "资本", "资产",
)
MONEY_CUE_WINDOW = 30  # characters looked back (within the sentence) for a money cue
MONEY_MAGNITUDE = 8  # 亿 and above: a number with this magnitude and no unit is money
MAX_DURATION_YEARS = 100  # "3年" is a duration, "2024年" a year

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


# ---------------------------------------------------------------------------------------------
# Regexes (compiled once)
# ---------------------------------------------------------------------------------------------


def _magnitude_alt() -> str:
    """Magnitude words, each refusing to start a measure word (3千瓦 is 3 kW, 5个百分点 is pp)."""
    words = MEASURES | set(POINT_WORDS) | {"百分之"}
    parts = []
    for mag in sorted(MAGNITUDES, key=lambda w: (-len(w), w)):
        tails = [w[len(mag):] for w in words if w.startswith(mag) and len(w) > len(mag)]
        parts.append(re.escape(mag) + (f"(?!{one_of(tails)})" if tails else ""))
    return "|".join(parts)


_SP = r"[ \u3000\u00a0]*"  # spaces a number and its unit may be set apart by; a tab parts table cells
_ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_CN_CAPITALS = "壹贰叁肆伍陆柒捌玖拾佰仟"  # the financial numerals of 人民币贰拾万元整
_CN_INT = rf"[零〇一二两三四五六七八九十{_CN_CAPITALS[:10]}][零〇一二两三四五六七八九十百千万亿{_CN_CAPITALS}]*"
_CN_NUM = _CN_INT + r"(?:点[零〇一二三四五六七八九]+)?"
_MAG = _magnitude_alt()
_CUR = one_of(CURRENCIES)
_MEASURE = one_of(MEASURES)
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
_ID_CHARS = _LATIN + r"0-9０-９/\-_.&+:=?#"

_TOKEN_RE = re.compile(
    # a cheap first-character test before trying the alternatives
    rf"(?=[{_ID_CHARS}百零〇一二两三四五六七八九十{_CN_CAPITALS[:10]}])(?:"
    # identifiers glued to Latin letters are skipped whole: GB/T36073-2018, 5G, DCMM3, QYFG2024008
    rf"(?P<id>[{_ID_CHARS}]*[{_LATIN}][{_ID_CHARS}]*)"
    rf"|(?P<pcn>百分之(?:{_CN_NUM}|百))"
    # Chinese numerals only when money follows: 三十万元, 一点五亿元 (not the vague 数十万元)
    rf"|(?<![数几])(?P<cn>{_CN_NUM})(?={_SP}(?:{_MAG})?{_SP}(?:{_CUR}))"
    rf"|(?P<num>(?<![0-9０-９][.．]){_ARABIC}))"
)
_SUFFIX_RE = re.compile(
    rf"(?:{_SP}(?P<approx>{one_of(APPROXIMATORS)}))?"
    rf"(?:{_SP}(?P<mag>{_MAG}))?"
    rf"(?:{_SP}(?P<unit>(?P<cur>{_CUR})|(?P<pct>{one_of(PERCENT_SIGNS)})|(?P<pp>{one_of(POINT_WORDS)})"
    rf"|(?P<measure>{_MEASURE})))?"
    rf"(?:{_SP}/{_SP}(?P<per>(?:{one_of(PER_UNITS)})(?:/(?:{one_of(PER_UNITS)}))?))?"  # 元/人/日: per person and day
)
_MARK_RE = re.compile(
    rf"{_SP}(?:{one_of(COMPARATORS)})?{_SP}[（(]{_SP}(?P<neg>不)?(?:包含|包括|含){_SP}"
    rf"(?:本数|(?P<rnum>{_ARABIC}){_SP}(?P<rmag>{_MAG})?{_SP}"
    rf"(?:(?P<rcur>{_CUR})|(?P<rpct>{one_of(PERCENT_SIGNS)})|(?P<rmeasure>{_MEASURE}))?)?{_SP}[）)]"
)
_DASH_GAP_RE = re.compile(rf"{_SP}(?:{one_of(RANGE_DASHES)}){_SP}")
_LIST_GAP_RE = re.compile(rf"{_SP}(?:{one_of(LIST_CONNECTORS)}){_SP}")
_COMPOUND_RE = re.compile(rf"{_SP}([0-9]+)(?![0-9.,])")
_MONTH_AFTER_RE = re.compile(rf"{_SP}[0-9０-９]{{1,2}}{_SP}月")
_MONEY_CUE_RE = re.compile(one_of(MONEY_CUES))
_PARSE_RE = re.compile(rf"(?:(?P<num>{_ARABIC})|(?P<cn>{_CN_NUM}))(?P<mag>{_MAG})?")


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _cn_int(s: str) -> int:
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    import cn2an  # slow to import (~0.2 s): only paid when a Chinese numeral is seen

    value = cn2an.cn2an(s, "normal")  # "normal" accepts 两 and 〇; "strict" does not
    if value != int(value):
        raise ValueError(s)
    return int(value)


def _cn_decimal(s: str) -> Decimal:
    whole, _, frac = s.partition("点")
    value = Decimal(_cn_int(whole)) if whole else Decimal(0)
    if frac:
        value += Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    return value


def _arabic_decimal(s: str) -> Decimal:
    return Decimal(s.translate(_FULLWIDTH).replace(",", ""))


def _exact(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(s: str) -> int | float:
    """Value of one written number: "6000", "1.5", "1,000", "三十", "一千二百", "两", "１２", "1.5万".

    Raises ValueError when `s` is not a number.
    """
    t = "".join(_nfkc("NFKC", s).split())
    m = _PARSE_RE.fullmatch(t)
    if m is None:
        raise ValueError(f"not a number: {s!r}")
    try:
        value = _arabic_decimal(m["num"]) if m["num"] else _cn_decimal(m["cn"])
    except Exception as exc:  # cn2an raises its own errors on malformed numerals
        raise ValueError(f"not a number: {s!r}") from exc
    if m["mag"]:
        value = value.scaleb(MAGNITUDES[m["mag"]])
    return _exact(value)


# ---------------------------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------------------------


class _Tok:
    """A number with whatever the grammar has learnt about it so far."""

    __slots__ = ("start", "end", "link_end", "num", "mag", "unit", "kind", "per",
                 "own_unit", "inclusive", "blocked", "ordinal", "range_id", "range_pos", "list_id")

    def __init__(self, start: int, end: int, num: Decimal) -> None:
        self.start, self.end, self.link_end, self.num = start, end, end, num
        self.mag: int | None = None
        self.unit: str | None = None
        self.kind: str | None = None
        self.per: str | None = None
        self.own_unit = False
        self.inclusive: bool | None = None
        self.blocked = False
        self.ordinal = False
        self.range_id: int | None = None
        self.range_pos: str | None = None
        self.list_id: int | None = None

    @property
    def bare(self) -> bool:
        return self.unit is None and self.mag is None

    def value(self) -> Decimal:
        return self.num.scaleb(self.mag) if self.mag else self.num


def _unit_of(m, cur: str, pct: str, pp: str | None, measure: str) -> tuple[str, str] | None:
    if m[cur]:
        return CURRENCIES[m[cur]], "money"
    if m[pct]:
        return "%", "percent"
    if pp and m[pp]:
        return "pp", "percent"
    if m[measure]:
        return m[measure], "quantity"
    return None


def _scan(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while (m := _TOKEN_RE.search(text, pos)) is not None:
        pos = m.end()
        group = m.lastgroup
        if group == "id":
            continue
        if group == "pcn":
            numeral = m["pcn"][3:]
            tok = _Tok(m.start(), m.end(), Decimal(100) if numeral == "百" else _cn_decimal(numeral))
            tok.unit, tok.kind, tok.own_unit = "%", "percent", True
            toks.append(tok)
            continue
        try:
            num = _cn_decimal(m["cn"]) if group == "cn" else _arabic_decimal(m["num"])
        except Exception:  # a numeral cn2an cannot read is not a number
            continue
        tok = _Tok(m.start(), m.end(), num)
        s = _SUFFIX_RE.match(text, m.end())
        if s["mag"]:
            tok.mag, tok.end = MAGNITUDES[s["mag"]], s.end("mag")
        unit = _unit_of(s, "cur", "pct", "pp", "measure")
        while tok.mag and unit is None and (c := _COMPOUND_RE.match(text, tok.end)):
            # 1亿5000万元, 1万2千元: a smaller part continues the number
            s2 = _SUFFIX_RE.match(text, c.end())
            unit2 = _unit_of(s2, "cur", "pct", "pp", "measure")
            part = _arabic_decimal(c[1]).scaleb(MAGNITUDES[s2["mag"]] if s2["mag"] else 0)
            if not (s2["mag"] or unit2) or part >= Decimal(1).scaleb(tok.mag):
                break
            tok.num += part.scaleb(-tok.mag)
            s, unit, tok.end = s2, unit2, s2.end("mag") if s2["mag"] else c.end()
        if unit:
            tok.unit, tok.kind = unit
            tok.own_unit = True
            tok.end = s.end("unit")
            if s["per"] and tok.kind != "percent":
                tok.per, tok.end = s["per"], s.end("per")
        prev = _prev_char(text, tok.start)
        if prev == ORDINAL_PREFIX:
            tok.blocked = tok.ordinal = True
        elif prev and prev in DOC_YEAR_OPENERS:
            tok.blocked = True
        tok.link_end = pos = tok.end
        mark = _MARK_RE.match(text, tok.end)
        if mark and _restates(tok, mark):
            tok.inclusive = mark["neg"] is None
            tok.link_end = pos = mark.end()
        toks.append(tok)
    return toks


def _prev_char(text: str, i: int) -> str:
    """The character before offset i, skipping stray spaces ("" at the start)."""
    i -= 1
    while i >= 0 and text[i] in " \t\u3000\u00a0":
        i -= 1
    return text[i] if i >= 0 else ""


def _restates(tok: _Tok, mark) -> bool:
    """Whether a （含…） marker speaks of this number; a restated magnitude or unit is lent to it."""
    if mark["rnum"] is None:
        return True
    rnum = _arabic_decimal(mark["rnum"])
    rmag = MAGNITUDES[mark["rmag"]] if mark["rmag"] else None
    runit = _unit_of(mark, "rcur", "rpct", None, "rmeasure")
    if tok.unit is not None and runit is not None and runit[0] != tok.unit:
        return False
    if rmag is not None and tok.mag is not None:
        if rnum.scaleb(rmag) != tok.value():
            return False
    elif rnum != tok.num:
        return False
    if tok.mag is None and rmag is not None:
        tok.mag = rmag
    if tok.unit is None and runit is not None:
        tok.unit, tok.kind = runit
    return True


def _compatible(a: _Tok, b: _Tok) -> bool:
    if a.unit is not None and b.unit is not None:
        return a.unit == b.unit
    partial, other = (a, b) if a.unit is None else (b, a)
    return partial.mag is None or other.kind != "percent"


def _inherit(dst: _Tok, src: _Tok) -> None:
    """Give a mention written without its unit (or magnitude) those of its neighbour."""
    if dst.unit is not None or (src.unit is None and src.mag is None):
        return
    if dst.mag is None and src.mag is not None:
        dst.mag = src.mag
    if src.unit is not None:
        dst.unit, dst.kind, dst.per = src.unit, src.kind, src.per


def _link(text: str, toks: list[_Tok]) -> tuple[list[tuple[_Tok, _Tok]], list[list[_Tok]]]:
    ranges: list[tuple[_Tok, _Tok]] = []
    lists: list[list[_Tok]] = []
    for a, b in pairwise(toks):
        if _DASH_GAP_RE.fullmatch(text, a.link_end, b.start):
            joined = "range"
        elif _LIST_GAP_RE.fullmatch(text, a.link_end, b.start):
            joined = "list"
        else:
            continue
        if a.ordinal:  # 第3-5条, 第1、2批: every member is an ordinal
            b.blocked = b.ordinal = True
            continue
        if a.blocked or b.blocked or not _compatible(a, b):
            continue
        if joined == "range" and a.range_pos is None:
            a.range_pos, b.range_pos = "low", "high"
            ranges.append((a, b))
        elif joined == "list":
            if a.list_id is None:
                a.list_id = len(lists)
                lists.append([a])
            b.list_id = a.list_id
            lists[a.list_id].append(b)
    for _ in range(2):  # twice: a range end may get its unit from a list and vice versa
        for low, high in ranges:
            _inherit(low, high)
        for members in lists:
            for i, tok in enumerate(members):
                if tok.unit is not None:
                    continue
                donor = next((t for t in members[i + 1:] if not t.bare), None)
                if donor is None and tok.mag is not None:
                    donor = next((t for t in reversed(members[:i]) if t.unit is not None), None)
                if donor is not None:
                    _inherit(tok, donor)
    return ranges, lists


# `补助：1万载重吨（含）至5万载重吨的`: a word that is no comparison or connective right after `1万`
# counts something the grammar has no unit for, whatever money word comes before
_COUNTED_RE = re.compile(r"(?!以[上下内]|及以|左右|[至到和及或与的每])[\u4e00-\u9fff]")


def _money_cue(text: str, start: int) -> bool:
    lo = max(0, start - MONEY_CUE_WINDOW)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in SENTENCE_BREAKS:
            lo = i + 1
            break
    return _MONEY_CUE_RE.search(text, lo, start) is not None


def _is_year(text: str, tok: _Tok) -> bool:
    if tok.unit != "年":
        return False
    value = tok.value()
    return (value > MAX_DURATION_YEARS or value != value.to_integral_value()
            or _MONTH_AFTER_RE.match(text, tok.end) is not None)


def _resolve(text: str, toks: list[_Tok], ranges, lists) -> None:
    """Settle numbers with a magnitude but no unit, and drop what is not a mention."""
    for tok in toks:
        if tok.unit is None and tok.mag is not None and not tok.blocked and (
            tok.mag >= MONEY_MAGNITUDE or _money_cue(text, tok.start)) and not _COUNTED_RE.match(text, tok.end):
            tok.unit, tok.kind = "CNY", "money"
    groups = [list(pair) for pair in ranges] + lists
    for group in groups:
        if any(t.unit == "CNY" for t in group):
            for t in group:
                if t.unit is None and t.mag is not None:
                    t.unit, t.kind = "CNY", "money"
    for low, high in ranges:  # 2023-2027年, 2023-25年: both ends are years
        if _is_year(text, low) or _is_year(text, high):
            low.blocked = high.blocked = True
    for tok in toks:
        if tok.unit is None or _is_year(text, tok):
            tok.blocked = True


def find_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Every money amount, percentage and counted quantity in `text`, sorted by start.
    `offset` is added to every span: where `text` sits in a longer one."""
    toks = _scan(text)
    if not toks:
        return []
    ranges, lists = _link(text, toks)
    _resolve(text, toks, ranges, lists)

    range_ids: dict[int, int] = {}
    for low, high in ranges:
        if not low.blocked and not high.blocked:
            range_ids[id(low)] = range_ids[id(high)] = len(range_ids) // 2 + 1
    list_ids: dict[int, int] = {}
    next_list = 1
    for members in lists:
        kept = [t for t in members if not t.blocked]
        if len(kept) > 1:
            for t in kept:
                list_ids[id(t)] = next_list
            next_list += 1

    out = []
    for tok in toks:
        if tok.blocked:
            continue
        rid = range_ids.get(id(tok))
        out.append(Amount(
            start=tok.start + offset,
            end=tok.end + offset,
            value=_exact(tok.value()),
            unit=tok.unit,
            kind=tok.kind,
            per=tok.per,
            inclusive=tok.inclusive,
            range_id=rid,
            range_pos=tok.range_pos if rid is not None else None,
            list_id=list_ids.get(id(tok)),
            implied_currency=tok.kind == "money" and not tok.own_unit,
            written=text[tok.start:tok.end],
        ))
    return out
