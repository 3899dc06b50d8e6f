"""The spaCy pipeline: blank Chinese tokenised by the project's jieba segmenter, and a phrase matcher.

Knowledge lives in data: `patterns/lexicon.jsonl`, one line per word with its attributes
(`{"pattern": "最高", "give": "near", "cmp": "<="}`: what the word does for a figure near it),
and `normalize/data/userdict.txt`. Each attribute of a matched word is one cue, labelled with the
attribute's name in capitals and carrying its value (`CMP` `<=`).
Every pattern is also a word of the segmenter (`words.py`), so a cue is always one token and
the phrase matcher finds it.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from .ablation import on

LEXICON = resources.files("zhengce.extract") / "patterns" / "lexicon.jsonl"
# The attributes a lexicon word may have, in the order its cues are listed:
#   metric: an applicant's metric (its vocabulary name)    period: the period of a metric
#   cmp: a comparison (its operator)                       give: a giving word, `strong` anywhere
#   payment: a payment noun (the benefit kind it names)         before a figure, `near` right before
#   kind: the payment noun names the benefit's kind        target_verb: a goal verb (达到), ends a metric
#   public: a rate of a whole service (覆盖率)             fine: a penalty, share: a use or split
#   cap: a word that caps a payment (最高, 不超过)           pays: a verb of paying out (给予, 发放)
#   clinical: a clinical test or finding (肺功能, 血红蛋白): its figures are criteria of a diagnosis
#   holds: a verb of holding or being listed (取得, 具有, 列入): what follows is a condition in words
#   budget: a verb of budgeting (安排, 设立; `total`: 发放 budgets a total only)
#   fund: a fund or budget noun (资金, 预算; `total`: 总额) that heads a budgeted figure
#   charge: what an applicant, employer or insured pays, or a reference rate (缴费比例, 自付比例, 税率, LPR)
#   payer: a public purse (中央财政, 省级财政): a table column it heads holds the shares it pays
#   group: a group of people a figure is stated for (在职职工, 退休人员, 博士): it names no other head
#   take: a verb of taking or setting money aside (提取, 预留, 缴纳): a share taken is no payment
#   aim: the government aims for what follows (力争): a figure after it in its sentence is a goal
#   reclaim: a verb of money given back (退回, 追回): what is reclaimed is no payment
#   relief: a verb of tax or charge relief (抵扣, 减征, 即征即退): the share it takes off is a benefit
#   allot: a verb of handing funds down to lower governments (下达): a share allotted pays no applicant
#   procedure: a ratio of how a scheme is run (抽查比例, 浮动幅度, 结余, 综合费用率): a limit on it tests no applicant
ATTRIBUTES = ("metric", "period", "cmp", "give", "payment", "kind", "target_verb", "fine", "share",
              "public", "cap", "pays", "clinical", "holds", "budget", "fund", "charge", "payer", "group", "take",
              "aim", "reclaim", "relief", "procedure", "allot")


@cache
def lexicon() -> list[dict]:
    """The lexicon entries, read once: the segmenter and the phrase matcher both build from them."""
    with LEXICON.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def words_with(attribute: str) -> list[str]:
    """The lexicon words that have `attribute`, longest first."""
    return sorted({e["pattern"] for e in lexicon() if attribute in e}, key=len, reverse=True)


def alternation(attribute: str) -> str:
    """The lexicon words that have `attribute`, as a regex alternation (longest first): for the
    patterns that read characters rather than cues."""
    return "|".join(map(re.escape, words_with(attribute)))


# the attributes whose words are read at the edge of a longer word of the segmenter's dictionary, which
# would hide them (`财政补贴`, `补贴额`, `罚款额`): payments, shares, penalties and strong giving words
# (not the near ones: `申请人` holds no 申请)
_EDGE_ATTRIBUTES = ("payment", "share", "fine")


@cache
def _edge_words() -> tuple[frozenset[str], frozenset[str], int]:
    """Every lexicon word; those of two or more characters with an edge attribute; the longest of those."""
    edge = frozenset(e["pattern"] for e in lexicon() if len(e["pattern"]) > 1 and (
        e.get("give") == "strong" or any(a in e for a in _EDGE_ATTRIBUTES)))
    return frozenset(e["pattern"] for e in lexicon()), edge, max(map(len, edge))


def split_edges(tokens: list[str]) -> list[str]:
    """`财政补贴` -> `财政` `补贴`: a word that is no lexicon word but starts or ends with one of the
    edge attributes is cut there (the longest such word), so that the lexicon word is a cue."""
    known, edge, longest = _edge_words()
    out = []
    for token in tokens:
        cut = None
        if len(token) > 2 and token not in known:
            for n in range(min(longest, len(token) - 1), 1, -1):
                if token[:n] in edge:
                    cut = n
                elif token[-n:] in edge:
                    cut = len(token) - n
                if cut:
                    break
        out += [token[:cut], token[cut:]] if cut else [token]
    return out


class JiebaTokenizer:
    """spaCy tokenizer over `words.segmenter()` (spaCy's own jieba option runs the pure-Python jieba)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        from .words import words

        if " " not in text:  # the usual case: every word is a token, none has trailing whitespace
            tokens = split_edges(words(text))
            return Doc(self.vocab, words=tokens, spaces=[False] * len(tokens))
        tokens, spaces = [], []
        for word in split_edges(words(text)):
            if word == " " and tokens and not spaces[-1] and not tokens[-1].isspace():
                spaces[-1] = True  # one space after a word is its trailing whitespace, as spaCy keeps it
            else:
                tokens.append(word)
                spaces.append(False)
        return Doc(self.vocab, words=tokens, spaces=spaces)


@dataclass(frozen=True)
class CuePipeline:
    """spaCy's tokenizer and a `PhraseMatcher` over token texts, keyed by lexicon entry.

    spaCy's SpanRuler would make the same spans, but its deduplication and sorting of Span
    objects cost eight times the matching itself; the cues are read straight from the matches."""

    nlp: object  # spacy.Language
    matcher: object  # spacy.matcher.PhraseMatcher, one match key per lexicon entry
    entries: dict[int, tuple[int, str, tuple[tuple[str, str], ...]]]  # match key -> (line, pattern, (label, id)…)


@cache
def pipeline() -> CuePipeline:
    """The shared pipeline, built once per process."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    entries = {}
    for i, p in enumerate(lexicon()):
        matcher.add(str(i), [nlp.make_doc(p["pattern"])])
        labels = tuple((a.upper(), p[a] if isinstance(p[a], str) else p["pattern"]) for a in ATTRIBUTES if a in p)
        entries[nlp.vocab.strings[str(i)]] = (i, p["pattern"], labels)
    return CuePipeline(nlp, matcher, entries)


class Cue(NamedTuple):
    label: str
    start: int
    end: int
    text: str
    id: str


class Cues:
    """Cue spans of one text, looked up by character range."""

    def __init__(self, cues: list[Cue]):
        self.cues = sorted(cues, key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.cues]
        # the same per label: most lookups ask for one label, and need not walk past the others
        self.by_label: dict[str, list[Cue]] = {}
        for cue in self.cues:
            self.by_label.setdefault(cue.label, []).append(cue)
        self.label_starts = {label: [c.start for c in cues] for label, cues in self.by_label.items()}

    @classmethod
    def of(cls, text: str) -> Cues:
        return cls.of_spans(text, [(0, len(text))])

    @classmethod
    def of_spans(cls, text: str, spans: list[tuple[int, int]]) -> Cues:
        """Cues of the given spans of `text` (offsets stay those of `text`).

        The spans go through the pipeline as one Doc, one line each: a line break is a token of
        its own, so no cue crosses it, and one Doc costs a third of a Doc per span."""
        starts, at = [], 0
        for start, end in spans:
            starts.append(at)
            at += end - start + 1
        nlp = pipeline()
        joined = "\n".join(text[start:end] for start, end in spans)
        doc = nlp.nlp.make_doc(joined)
        found = []
        for key, first, _ in nlp.matcher(doc):
            line, pattern, labels = nlp.entries[key]
            begin = doc[first].idx  # every pattern is one token (tests/test_words.py): it ends len(pattern) on
            i = bisect.bisect_right(starts, begin) - 1
            at = begin + spans[i][0] - starts[i]
            found += [(at, line, n, Cue(label, at, at + len(pattern), pattern, id_)) for n, (label, id_) in
                      enumerate(labels) if on(label)]
        return cls([cue for *_, cue in sorted(found)])  # same-span cues in lexicon and attribute order

    def within(self, start: int, end: int, *labels: str) -> list[Cue]:
        """Cues inside [start, end), of the given labels (any label when none is given), in order."""
        if len(labels) == 1:
            cues, starts = self.by_label.get(labels[0], []), self.label_starts.get(labels[0], [])
            labels = ()
        else:
            cues, starts = self.cues, self.starts
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [c for c in cues[first:last] if c.end <= end and (not labels or c.label in labels)]
