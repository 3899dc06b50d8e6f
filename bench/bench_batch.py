"""Batch throughput and memory (issue #6): does `zhengce batch` stay flat from 20 to 2,000 documents?

    python bench/bench_batch.py [--docs 20,2000] [--lines 60]

Generates small notices (the head of each corpus notice, its numbers shifted per copy so no two
are alike) in a temp folder, then runs the real CLI in a subprocess with 1 and 2 processes and on
a 2-worker local Dask cluster, sampling the RSS of the whole process tree every 20 ms. Prints
docs/second (wall time includes the ~5 s each process spends loading the NLP pipeline) and peak
RSS: the summed tree, and the largest single process. No assertions: it is a measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CONFIGS = {"1 process": ["-j", "1"], "2 processes": ["-j", "2"], "dask, 2 workers": ["--dask-workers", "2"]}


def make_notices(folder: Path, count: int, lines: int) -> None:
    """`count` small distinct notices: corpus heads round-robin, every 万元/元/% number shifted by the copy number."""
    folder.mkdir(parents=True)
    heads = ["\n".join(p.read_text(encoding="utf-8").splitlines()[:lines]) for p in sorted(CORPUS.glob("*.txt"))]
    for i in range(count):
        text = re.sub(r"\d+(?=万元|元|%)", lambda m, i=i: str(int(m.group()) + i), heads[i % len(heads)])
        (folder / f"notice_{i:05d}.txt").write_text(text, encoding="utf-8")


def sample_rss(pid: int, stop: threading.Event, peaks: list[int]) -> None:
    """peaks[0]: largest summed RSS of the process tree seen; peaks[1]: largest single process."""
    import psutil

    root = psutil.Process(pid)
    while not stop.is_set():
        sizes = []
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:  # the batch has just exited
            return
        for proc in tree:
            with contextlib.suppress(psutil.Error):
                sizes.append(proc.memory_info().rss)
        if sizes:
            peaks[0], peaks[1] = max(peaks[0], sum(sizes)), max(peaks[1], max(sizes))
        stop.wait(0.02)


def measure(docs: Path, outdir: Path, options: list[str]) -> tuple[float, int, int, int]:
    """(wall seconds, peak tree RSS, peak single-process RSS, exit code) of one batch run."""
    command = [sys.executable, "-c", "from zhengce.cli import app; app()", "batch", str(docs), "-o", str(outdir),
               *options]
    stop, peaks = threading.Event(), [0, 0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = threading.Thread(target=sample_rss, args=(proc.pid, stop, peaks), daemon=True)
    sampler.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    return wall, peaks[0], peaks[1], code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="20,2000", help="comma-separated batch sizes")
    parser.add_argument("--lines", type=int, default=60, help="lines kept from each corpus notice")
    args = parser.parse_args()
    sizes = [int(n) for n in args.docs.split(",")]
    print(f"{'documents':>9}  {'run':<16} {'wall s':>7} {'docs/s':>7} {'tree RSS MB':>11} {'max proc MB':>11}  rc")
    with tempfile.TemporaryDirectory(prefix="zhengce-bench-") as tmp:
        for count in sizes:
            docs = Path(tmp) / f"docs{count}"
            make_notices(docs, count, args.lines)
            for run, (name, options) in enumerate(CONFIGS.items()):
                wall, tree, single, code = measure(docs, Path(tmp) / f"out{count}-{run}", options)
                print(f"{count:>9}  {name:<16} {wall:>7.1f} {count / wall:>7.1f} {tree / 2**20:>11.0f} "
                      f"{single / 2**20:>11.0f}  {code}", flush=True)


if __name__ == "__main__":
    main()
