"""A rule's conditions to JsonLogic over the variables of `normalize/data/vocabulary.json`.

Only what the extractor structured compiles: a condition without a variable, with a variable
outside the vocabulary, in another unit or without an operator makes the rule need review,
with one line saying why, so a rule is never true by default. A recognition compiles to a
boolean `认定.*` variable when the text names a vocabulary recognition as written, level and
place included (湖南省高新技术企业 is not 认定.国家高新技术企业); one the vocabulary does not
know becomes a variable named from the text, and its rule needs review.

Names nest: `营业收入.上一年度` is `{"营业收入": {"上一年度": …}}` in a profile, so no name is
both a value and the parent of another; a metric whose period is not written is
`<metric>.未注明期间` when the metric also has periods.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex
from zhengce.normalize.datafiles import one_of

_SPAN_PERIODS = {"近两年": re.compile(r"近(?:两|2)年"), "近三年": re.compile(r"近(?:三|3)年")}
_COMPARISONS = (">=", ">", "<=", "<", "==")
UNSTATED = "未注明期间"
RECOGNITION = "认定"
BOOL = "bool"  # the unit of a yes-or-no variable
MATCHED_KINDS = ("benefit", "eligibility")  # the rules with logic, the rules a profile is matched against


def _data(name: str) -> dict:
    return json.loads((resources.files("zhengce.normalize") / "data" / name).read_text(encoding="utf-8"))


@cache
def vocabulary() -> dict[str, dict]:
    """Variable name -> {description, unit, aliases}. A lexicon metric's aliases are its lexicon
    patterns, followed by any words the vocabulary adds, so no word is written twice."""
    from zhengce.extract.nlp import lexicon

    patterns: dict[str, list[str]] = {}
    for entry in lexicon():
        if "metric" in entry:
            patterns.setdefault(entry["metric"], []).append(entry["pattern"])
    out = _data("vocabulary.json")
    for name, entry in out.items():
        entry["aliases"] = [*patterns.get(name.partition(".")[0], ()), *entry.get("aliases", ())]
    return out


def unit_of(name: str) -> str | None:
    """The unit of a variable: the vocabulary's, `bool` for any recognition or other thing held (持证.*,
    学历.*: extract/requirements.py), None when unknown."""
    from zhengce.extract.requirements import groups

    entry = vocabulary().get(name)
    if entry:
        return entry["unit"]
    return BOOL if name.partition(".")[0] in (RECOGNITION, *groups()) and "." in name else None


@dataclass
class Compiled:
    logic: dict | None
    problems: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.problems)


def variable_of(condition: dict, previous: dict | None) -> str | None:
    """The vocabulary name of a condition's variable, with two readings the extractor leaves open:
    `近两年每年…增长不低于10%` is a 近两年 condition (each year, so the lower year counts), and
    `当年营业收入…且同比增长幅度…` gives the growth the period of the figure it is joined to."""
    name = (
        condition.get("variable")
        or _metric_named(condition.get("metric") or "")
        or _unit_names(condition.get("unit"))
    )
    if not name:
        return None
    metric, _, period = name.partition(".")
    quote = condition.get("quote", "")
    if period in ("", "每年"):
        span = next((p for p, pattern in _SPAN_PERIODS.items() if pattern.search(quote)), None)
        if span:
            period = span
    if not period and previous and previous.get("quote") == quote:
        period = (variable_of(previous, None) or "").partition(".")[2].replace(UNSTATED, "")
    if not period and f"{metric}.{UNSTATED}" in vocabulary():
        period = UNSTATED
    return f"{metric}.{period}" if period else metric


@cache
def _metric_aliases() -> dict[str, str]:
    """Alias -> metric head of the vocabulary's quantities, for metrics the lexicon leaves unnamed."""
    out: dict[str, str] = {}
    for name, entry in vocabulary().items():
        if entry["unit"] != BOOL:  # a recognition's or a licence's names are no quantity's
            out.update(dict.fromkeys(entry["aliases"], name.partition(".")[0]))
    return out


@cache
def _naming_units() -> dict[str, str]:
    """Unit -> the variable it alone measures (岁, 周岁: 年龄)."""
    return {
        unit: name
        for name, entry in vocabulary().items()
        if entry.get("unit_names_it")
        for unit in (entry["unit"], *entry.get("same_units", ()))
    }


def _unit_names(unit: str | None) -> str | None:
    return _naming_units().get(unit or "")


def _metric_named(written: str) -> str | None:
    """The metric whose longest alias ends the words written before a figure (`家庭人均月收入`
    in `申请家庭人均月收入`), or None."""
    if written in _metric_aliases().values():  # `营业收入增长率` written as the vocabulary names it
        return written
    hits = [a for a in _metric_aliases() if written.endswith(a)]
    return _metric_aliases()[max(hits, key=len)] if hits else None


@dataclass(frozen=True)
class _Around:
    """The words written around a recognition's name, as patterns (normalize/data/recognitions.json)."""

    precedes: regex.Pattern  # text before an alias ends with one of them (or with no Han character)
    extends: regex.Pattern  # text after an alias that makes it part of another name
    leads: regex.Pattern  # the verbs and connectives opening a written recognition
    tails: regex.Pattern  # 认定, 称号…: closing it
    boundaries: regex.Pattern  # where a recognition's name may start: after one of `before` or no Han
    qualifier: regex.Pattern  # a place or level written before an alias (湖南省, 省级)
    named: regex.Pattern  # how a recognition's name ends: what is recognised (企业, 中心, 奖…)
    shortest: int


@cache
def _around() -> _Around:
    from zhengce.extract.nlp import words_with

    words = _data("recognitions.json")
    words["before"] = [*words["before"], *words_with("holds")]  # 获得, 取得, 列入… stand before a recognition too
    before, extensions, tails, places, levels, heads = (
        one_of(words[k]) for k in ("before", "not_after", "tails", "places", "levels", "heads")
    )
    return _Around(
        regex.compile(rf"(?:^|[^\p{{Han}}]|{before})$"),
        regex.compile(rf"(?:{extensions})"),  # matched at the end of an alias
        regex.compile(rf"^(?:{before})+"),
        regex.compile(rf"(?:{tails})$"),
        regex.compile(rf"{before}|[^\p{{Han}}]"),
        regex.compile(rf"(?:\p{{Han}}{{0,8}}?(?:{places})级?|{levels})+"),
        regex.compile(rf"(?:{heads})[”\"]?$"),
        words["min_name"],
    )


@cache
def _recognitions() -> tuple[tuple[str, str], ...]:
    """(alias, name) of every `认定.*` variable, longest alias first."""
    pairs = [(a, n) for n, e in vocabulary().items() if n.startswith(f"{RECOGNITION}.") for a in e["aliases"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def recognitions_in(text: str) -> tuple[list[str], list[str]]:
    """(the `认定.*` variables vocabulary aliases name in `text` standing on their own, variables named
    from the text for an alias written inside a longer name: 湖南省高新技术企业 is not
    认定.国家高新技术企业 but 认定.湖南省高新技术企业)."""
    around = _around()
    known: dict[str, tuple[int, int]] = {}
    unknown: dict[str, tuple[int, int]] = {}
    for alias, name in _recognitions():
        for m in re.finditer(re.escape(alias), text):
            taken = (*known.values(), *unknown.values())
            if any(s <= m.start() and m.end() <= e for s, e in taken) or around.extends.match(text, m.end()):
                continue
            if around.precedes.search(text[: m.start()]):
                known.setdefault(name, m.span())
                continue
            start = max((b.end() for b in around.boundaries.finditer(text, 0, m.start())), default=0)
            written = recognition_named(text[start : m.end()])
            if written and around.qualifier.fullmatch(text, start, m.start()):
                unknown.setdefault(written, (start, m.end()))
    return list(known), list(unknown)


def recognition_named(text: str) -> str | None:
    """A variable for a recognition the vocabulary does not know, named from its text without the
    words around it (`获得省级工业设计中心` -> `认定.省级工业设计中心`); None when too little is left
    or it does not end with what is recognised (街道（镇）级)."""
    around = _around()
    name = around.tails.sub("", around.leads.sub("", text.strip())).replace(".", "·")
    if len(regex.findall(r"\p{Han}", name)) < around.shortest or not around.named.search(name):
        return None
    return f"{RECOGNITION}.{name}"


def _one_recognition(known: list[str], unknown: list[str], truth: bool = True) -> tuple[dict, str | None] | None:
    """The test of the one recognition named (with a review reason when the vocabulary does not
    know it); None when none or several are. `truth`: False for one the applicant must not hold."""
    if len(known) + len(unknown) != 1:
        return None
    if known:
        return {"==": [{"var": known[0]}, truth]}, None
    return {"==": [{"var": unknown[0]}, truth]}, f"unknown recognition `{unknown[0].partition('.')[2]}`"


def _qualification(c: dict) -> tuple[dict | None, str | None]:
    """A status held, written in words: a recognition the vocabulary names as written, else the variable
    the extractor named from what is held (`持证.医疗机构执业许可证`, for review unless the vocabulary knows
    it), else a recognition named from the text; otherwise it is unstructured and the rule is not compiled."""
    written = c.get("text") or c.get("quote") or ""
    truth = not c.get("negated")
    found = _one_recognition(*recognitions_in(written), truth)
    name = c.get("variable")
    if not found and name:
        known = vocabulary().get(name, {}).get("unit") == BOOL
        return {"==": [{"var": name}, truth]}, None if known else f"unknown requirement `{name}`"
    found = found or _one_recognition([], list(filter(None, [recognition_named(written)])), truth)
    return found or (None, f"unstructured condition `{written}`")


def _compile_condition(conditions: list[dict], i: int) -> tuple[dict | None, str | None]:
    """(JsonLogic, None), (JsonLogic, review reason) for an unknown recognition or requirement, or
    (None, the reason it cannot run)."""
    c = conditions[i]
    written = c.get("text") or c.get("quote") or ""
    if c.get("kind") == "qualification":
        return _qualification(c)
    shown = f"{c['metric']} {written}" if c.get("metric") else written
    name = variable_of(c, conditions[i - 1] if i else None)
    if name is None:
        named = named_quantity(c)
        if named and c.get("op") in _COMPARISONS:
            return {c["op"]: [{"var": named}, c["value"]]}, f"unknown variable `{named}` ({c.get('unit')})"
        return None, f"unstructured condition `{shown}`: no known variable"
    entry = vocabulary().get(name)
    if entry is None:
        return None, f"unstructured condition `{shown}`: {name} is not in the vocabulary"
    scale = entry.get("scaled_units", {}).get(c.get("unit"))  # 6个月 of a variable in 年: 0.5
    if c.get("kind") != "sign" and not scale and c.get("unit") not in (entry["unit"], *entry.get("same_units", ())):
        return None, f"unstructured condition `{shown}`: {c.get('unit')} where {name} is in {entry['unit']}"
    if c.get("op") not in _COMPARISONS:
        return None, f"unstructured condition `{shown}`: no comparison"
    if c.get("kind") == "sign":  # 利润为正数: compared with zero, in whatever unit the variable has
        return {c["op"]: [{"var": name}, c["bound"]]}, None
    return {c["op"]: [{"var": name}, c["value"] / scale if scale else c["value"]]}, None


def named_quantity(condition: dict) -> str | None:
    """A variable for a metric the vocabulary does not know, named from the words before its figure
    (`轮候时长超过5年` -> `轮候时长`, with its period when one is written: `X.近三年`); None when those
    words name no quantity (拥有, 评选) or are not one clean name, and for a multiple (`家庭财产总额不超过
    低保标准24倍`: a ratio to a base named after the comparison, not the words before it)."""
    from zhengce.extract.facts import names_a_quantity

    written = condition.get("metric") or ""
    if condition.get("unit") == "倍" or not names_a_quantity(written):
        return None
    period = condition.get("period")
    return f"{written}.{period}" if period else written


def variables(logic: dict) -> list[str]:
    """The variables a compiled rule reads, in order, once each."""
    ((op, args),) = logic.items()
    if op in ("and", "or"):
        return list(dict.fromkeys(name for a in args for name in variables(a)))
    return [args[0]["var"]]


def _combine(node: int | dict, parts: list[dict | None]) -> dict | None:
    if isinstance(node, int):
        return parts[node]
    word, items = ("and", node["all"]) if "all" in node else ("or", node["any"])
    operands = [_combine(item, parts) for item in items]
    if any(o is None for o in operands):
        return None
    return operands[0] if len(operands) == 1 else {word: operands}


def compile_rule(rule: dict) -> Compiled:
    """The JsonLogic of an eligibility or benefit rule, with the reasons it needs review (added to
    those the extractor gave, such as an unsure role); targets and bare measures have none."""
    if rule["kind"] not in MATCHED_KINDS:
        return Compiled(None)
    conditions = rule["conditions"]
    if not conditions:
        found = _one_recognition(*recognitions_in(rule.get("quote") or ""))
        if found:
            return Compiled(found[0], list(filter(None, found[1:])))
        return Compiled(None, ["no condition structured: who qualifies is not stated as a test"])
    compiled = [_compile_condition(conditions, i) for i in range(len(conditions))]
    problems = list(dict.fromkeys(reason for _, reason in compiled if reason))
    tree = rule.get("condition_logic") or {"all": list(range(len(conditions)))}
    return Compiled(_combine(tree, [logic for logic, _ in compiled]), problems)
