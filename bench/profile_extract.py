"""Profile zhengce.pipeline.extract with cProfile: the cold first call (pipeline build) and warm calls.

    python bench/profile_extract.py [FILE] [--top N] [--repeat N]

Prints the top functions by own time and by cumulative time for each phase.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def report(profile: cProfile.Profile, title: str, top: int) -> str:
    out = io.StringIO()
    out.write(f"== {title}\n")
    for key in ("tottime", "cumulative"):
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key)
        out.write(f"-- by {key}\n")
        stats.print_stats(top)
    return out.getvalue()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", nargs="?", type=Path, default=next(ROOT.glob("corpus/000_*.txt")))
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    cold = cProfile.Profile()
    t0 = time.perf_counter()
    cold.enable()
    from zhengce.pipeline import extract

    extract(args.file)
    cold.disable()
    t_cold = time.perf_counter() - t0

    warm = cProfile.Profile()
    t0 = time.perf_counter()
    warm.enable()
    for _ in range(args.repeat):
        extract(args.file)
    warm.disable()
    t_warm = (time.perf_counter() - t0) / args.repeat

    print(f"cold first extract (imports + pipeline build): {t_cold:.2f}s under cProfile")
    print(f"warm extract of {args.file.name}: {t_warm * 1000:.0f} ms/call under cProfile\n")
    print(report(cold, "cold", args.top))
    print(report(warm, f"warm x{args.repeat}", args.top))


if __name__ == "__main__":
    sys.exit(main())
