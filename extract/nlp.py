"""The spaCy pipeline: blank Chinese with the jieba segmenter and rule components.

Knowledge lives in data: `patterns/lexicon.jsonl` (SpanRuler phrase patterns: benefit and
target cues, comparison words, periods, metrics) and `normalize/data/userdict.txt`. Every
pattern is also a jieba word, so a cue is always one token and the phrase matcher finds it.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEXICON = resources.files("zhengce.extract") / "patterns" / "lexicon.jsonl"
USERDICT = resources.files("zhengce.normalize") / "data" / "userdict.txt"


def lexicon() -> list[dict]:
    with LEXICON.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@cache
def pipeline():
    """The shared pipeline, built once per process (jieba's dictionary load is the slow part)."""
    import jieba
    import spacy

    jieba.setLogLevel(60)
    patterns = lexicon()
    with resources.as_file(USERDICT) as path:
        jieba.load_userdict(str(path))
    for word in {p["pattern"] for p in patterns}:
        jieba.add_word(word, freq=2000)
    # jieba's dictionary glues some comparison words to money units (`万元以上`): keep them two tokens
    comparisons = {p["pattern"] for p in patterns if p["label"] == "CMP" and len(p["pattern"]) > 1}
    for word in [w for w, f in jieba.dt.FREQ.items() if f and "元" in w and len(w) <= 6]:
        if any(c in word and not word.replace(c, "", 1).strip("万亿千百元") for c in comparisons):
            jieba.del_word(word)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "cue", "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)
    return nlp


@dataclass(frozen=True)
class Cue:
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

    @classmethod
    def of(cls, text: str) -> Cues:
        return cls.of_spans(text, [(0, len(text))])

    @classmethod
    def of_spans(cls, text: str, spans: list[tuple[int, int]]) -> Cues:
        """Cues of the given spans of `text` (offsets stay those of `text`)."""
        docs = pipeline().pipe(text[s:e] for s, e in spans)
        return cls([
            Cue(c.label_, start + c.start_char, start + c.end_char, c.text, c.id_ or c.text)
            for (start, _), doc in zip(spans, docs, strict=True)
            for c in doc.spans["cue"]
        ])

    def within(self, start: int, end: int, *labels: str) -> list[Cue]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.cues) and self.cues[i].start < end:
            cue = self.cues[i]
            if cue.end <= end and (not labels or cue.label in labels):
                out.append(cue)
            i += 1
        return out
