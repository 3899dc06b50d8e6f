"""Time `diff` of two ~20 KB notices (corpus 000 and a copy with a few edits): median of 5 runs.

The first call loads spaCy and the segmenter and is not timed; each timed run parses both files again.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from zhengce.rulegen.diff import diff

ORIGINAL = Path(__file__).resolve().parents[1] / "corpus" / "000_8ea254492c89ce78.txt"
EDITS = (
    ("认定的分别给予 50 万元", "认定的分别给予 30 万元"),
    ("①上一年度营业收入不低于 6000 万元", "①上一年度营业收入不低于 8000 万元"),
    ("有效期至 2025 年 9 月 5", "有效期至 2026 年 12 月 31"),
)


def make_pair(folder: Path) -> tuple[Path, Path]:
    """(corpus 000, a copy with EDITS applied written into `folder`)."""
    text = ORIGINAL.read_text(encoding="utf-8")
    for old, new in EDITS:
        text = text.replace(old, new)
    edited = folder / "edited.txt"
    edited.write_text(text, encoding="utf-8")
    return ORIGINAL, edited


def main(runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _, edited = make_pair(Path(folder))
        diff(ORIGINAL, edited)  # warm-up: model and dictionary loads
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            report = diff(ORIGINAL, edited)
            times.append(time.perf_counter() - start)
    size = ORIGINAL.stat().st_size // 1024
    print(f"diff of two {size} KB notices: median {statistics.median(times) * 1000:.0f} ms over {runs} runs "
          f"({len(report['changes'])} changes)")


if __name__ == "__main__":
    main()
