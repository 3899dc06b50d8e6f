"""A/B of candidate fixes found by profile_extract.py, applied by monkeypatching (package code untouched).

    python bench/ab.py [--runs N]

A: extract/validity.py `_REPEAL` anchored at sentence starts (same matches, linear instead of quadratic).
B: extract/nlp.py `Cues.of` as a dict lookup over jieba.tokenize (no spaCy; same cue set).
Prints warm ms/doc over the 5 corpus notices, interleaving variants run by run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import fixtures  # noqa: E402

REPEAL_ANCHORED = regex.compile(
    r"(?:^|(?<=[。；]))[^。；]*(?:同时废止|予以废止|同时停止执行|不再执行|停止执行)[^。；]*"
)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)

    import jieba
    from zhengce.extract import nlp, validity

    from zhengce.pipeline import extract

    paths = fixtures.corpus_paths()
    old_repeal, old_of = validity._REPEAL, nlp.Cues.of
    table: dict[str, list[tuple[str, str]]] = {}
    for p in nlp.lexicon():
        table.setdefault(p["pattern"], []).append((p["label"], p.get("id") or p["pattern"]))

    def fast_of(cls, text):
        nlp.pipeline()  # keeps jieba's user words loaded, as the real pipeline does
        tokens = jieba.tokenize(text)
        return cls([nlp.Cue(label, s, e, w, id_) for w, s, e in tokens for label, id_ in table.get(w, ())])

    variants = {
        "baseline": (old_repeal, old_of),
        "A: anchored _REPEAL": (REPEAL_ANCHORED, old_of),
        "B: Cues.of without spaCy": (old_repeal, classmethod(fast_of).__get__(None, nlp.Cues)),
        "A+B": (REPEAL_ANCHORED, classmethod(fast_of).__get__(None, nlp.Cues)),
    }

    def apply(name):
        validity._REPEAL, nlp.Cues.of = variants[name]

    def one_pass():
        t0 = time.perf_counter()
        out = [extract(p) for p in paths]
        return time.perf_counter() - t0, out

    apply("baseline")
    _, reference = one_pass()
    times = {name: [] for name in variants}
    same = {}
    for _ in range(args.runs):
        for name in variants:
            apply(name)
            t, out = one_pass()
            times[name].append(t)
            same[name] = out == reference
    apply("baseline")
    base = statistics.median(times["baseline"]) / len(paths)
    for name, ts in times.items():
        t = statistics.median(ts) / len(paths)
        print(f"{name:<28} {t * 1000:7.1f} ms/doc  {base / t:5.2f}x  identical rule files: {same[name]}")


if __name__ == "__main__":
    main()
