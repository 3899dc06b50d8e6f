"""Run one command and print its wall time and peak RSS as JSON.

    python bench/child.py CMD [ARGS...]

Wall time is measured around the command alone. Peak RSS comes from getrusage(RUSAGE_CHILDREN)
(the largest single process among the command and the workers it waited for) and, when psutil is
installed, from sampling the summed RSS of the whole process tree every 20 ms.
"""

from __future__ import annotations

import contextlib
import json
import resource
import subprocess
import sys
import threading
import time


def tree_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        total = 0
        try:
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
        except psutil.Error:
            break
        peak[0] = max(peak[0], total)
        stop.wait(0.02)


def main() -> None:
    cmd = sys.argv[1:]
    peak = [0]
    stop = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = threading.Thread(target=tree_rss, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "rc": proc.returncode, "maxrss_mb": maxrss_kb / 1024,
                      "tree_rss_mb": peak[0] / 2**20 or None, "stderr": err.decode(errors="replace")[-500:]}))


if __name__ == "__main__":
    main()
