"""Money extraction by what a user would otherwise reach for (JioNLP, cn2an + a regex) and scoring
of every system against ../shared/eval/gold/*.gold.json.

Rule: a gold amount counts as right when a system amount with the same yuan value (and currency)
is found inside the sentence containing its anchor; each system amount can match one gold amount
only. zhengce's rule files are scored the way ../shared/eval/score.py does it (the value must sit
in a rule whose text contains the anchor), by calling score.py's own functions.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT.parent / "shared" / "eval" / "gold"
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"
SENTENCE_END = re.compile(r"[。！？；;!?\n]+")
CURRENCY_OF_CASE = {"元": "CNY", "人民币": "CNY", "美元": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR",
                    "日元": "JPY", "英镑": "GBP"}
MAGNITUDE = {"": 1, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
CN2AN_MONEY = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|千万|百万|十万|亿|万|千)?\s*(美元|港元|港币|欧元|日元|英镑|元)"
)


def load_score():
    """../shared/eval/score.py as a module (standard library only)."""
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files() -> list[tuple[str, dict]]:
    return [(p.name[: -len(".gold.json")], json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(GOLD_DIR.glob("*.gold.json"))]


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- the alternatives: each returns [(start offset, yuan value, currency)] for a whole document ---

def jionlp_money(text: str) -> list[tuple[int, float, str]]:
    import jionlp

    out = []
    for item in jionlp.ner.extract_money(text, with_parsing=True):
        detail = item.get("detail") or {}
        nums = detail.get("num")
        currency = CURRENCY_OF_CASE.get(detail.get("case"), detail.get("case") or "CNY")
        for num in nums if isinstance(nums, list) else [nums]:
            with contextlib.suppress(TypeError, ValueError):
                out.append((item["offset"][0], float(num), currency))
    return out


def cn2an_money(text: str) -> list[tuple[int, float, str]]:
    """cn2an.transform per sentence (Chinese numerals -> digits), then a number+万/亿+元 regex.
    Offsets are those of the sentence start, since transform changes lengths."""
    import cn2an

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for start, end in sentences(text):
            try:
                converted = cn2an.transform(text[start:end], "cn2an")
            except Exception:
                converted = text[start:end]
            for m in CN2AN_MONEY.finditer(converted):
                value = float(m.group(1).replace(",", "")) * MAGNITUDE[m.group(2) or ""]
                out.append((start, value, CURRENCY_OF_CASE[m.group(3)]))
    return out


# --- scoring ---

def _matching(gold: list, system: list, fits) -> int:
    owner = [None] * len(system)
    edges = [[j for j, s in enumerate(system) if fits(g, s)] for g in gold]

    def augment(i, seen):
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] is None or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


def anchor_sentences(text: str, anchor: str, norm) -> set[int]:
    """Indices of the sentence(s) holding the anchor: one sentence, else the shortest run of sentences."""
    spans = sentences(text)
    normed = [norm(text[a:b]) for a, b in spans]
    want = norm(anchor)
    for width in range(1, 4):
        for i in range(len(spans) - width + 1):
            if want in "".join(normed[i:i + width]):
                return set(range(i, i + width))
    return set()


def score_offsets(text: str, gold_money: list[dict], found: list[tuple[int, float, str]], norm) -> tuple[int, int]:
    """(right, system count) for offset-located amounts under the sentence rule."""
    spans = sentences(text)
    starts = [a for a, _ in spans]

    def sentence_of(offset: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(starts, offset) - 1)

    system = [(sentence_of(off), value, cur) for off, value, cur in found]
    gold = [(anchor_sentences(text, g["anchor"], norm), float(g["yuan"]), g.get("currency", "CNY")) for g in gold_money]

    def fits(g, s):
        return s[0] in g[0] and abs(g[1] - s[1]) <= max(1e-6, 1e-9 * abs(s[1])) and g[2] == s[2]

    return _matching(gold, system, fits), len(system)


def score_rulefile(score, gold_money: list[dict], rulefile: dict) -> tuple[int, int, int]:
    """(right by value, right with role, system count) as ../shared/eval/score.py counts money."""
    money, _ = score.system_items(rulefile.get("rules") or [])
    result = score.score_quantities(gold_money, money, "yuan")
    return result["tp"], result["tp_strict"], result["system"]
