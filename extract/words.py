"""The project's word segmenter: jieba's dictionary and algorithm, run by jieba-rs (`rjieba`).

Everything that reads words goes through here: the spaCy pipeline's tokenizer, the diff
redline and the PDF text-layer check. So a lexicon cue is one token everywhere.

Why jieba-rs rather than the pure-Python jieba: it ships the same `dict.txt` and HMM, cuts
about 25 times faster and loads in 0.2 s instead of 0.9 s (bench/RESULTS.md). Segmentation
was the largest cost of an extraction.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

USERDICT = resources.files("zhengce.normalize") / "data" / "userdict.txt"
_MONEY_UNITS = ("元", "十元", "百元", "千元", "万元", "十万元", "百万元", "千万元", "亿元", "万亿元")


def _userdict() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) lines of `normalize/data/userdict.txt`, jieba's user-dictionary format."""
    out = []
    for line in USERDICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 else None
            out.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return out


@cache
def segmenter():
    """The shared segmenter, set up once per process: jieba's dictionary, ours, and every lexicon cue.

    It is rjieba's module-level default segmenter (the module with its `cut`, `add_word`…).
    rjieba builds that one on import, in 0.2 s. Building a second one would double the start-up.
    """
    import rjieba as seg

    from .nlp import lexicon

    for word, freq, tag in _userdict():
        seg.add_word(word, freq, tag)
    patterns = lexicon()
    for word in {p["pattern"] for p in patterns}:
        seg.add_word(word, 2000, None)
    # jieba's dictionary glues some comparison words to money units (`万元以上`): keep them two
    # tokens. A frequency of 0 takes a word out of every segmentation.
    comparisons = {p["pattern"] for p in patterns if "cmp" in p and len(p["pattern"]) > 1}
    for unit in _MONEY_UNITS:
        for word in {w for c in comparisons for w in (unit + c, c + unit)}:
            if seg.has_word(word):
                seg.add_word(word, 0, None)
    return seg


def words(text: str, hmm: bool = True) -> list[str]:
    """The words of `text`; every whitespace character is a word of its own."""
    return segmenter().cut(text, hmm)
