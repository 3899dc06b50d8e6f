"""zhengce benchmark suite (issue #7): one table, every figure a median of several runs and a ratio
against a baseline measured in the same run on the same files.

    python bench/run.py [--runs N] [--batch-runs N] [--copies N] [--markdown FILE] [--json FILE]

Rows: text notice -> rule file vs jieba.lcut; PDF -> rule file vs pdfplumber extract_text; CLI
start-up vs `python -c pass`; `zhengce batch` with 2 workers vs 1; diff vs difflib; money amounts vs JioNLP and
cn2an (speed per document and gold amounts right). Measurement only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import bench_diff as bench_diff_pair  # noqa: E402
from bench import fixtures, money  # noqa: E402

ROOT = fixtures.ROOT
COLUMNS = ["benchmark", "ours", "baseline", "ratio", "throughput / quality", "notes"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_time(fn, runs: int) -> float:
    """Median wall time of fn() over runs calls."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_pair(ours, base, runs: int) -> tuple[float, float]:
    """Median wall times of ours() and base(), whole passes taking turns (interleaved() with one item)."""
    times, _ = interleaved({"ours": lambda _: ours(), "base": lambda _: base()}, [None], runs)
    return statistics.median(times["ours"]), statistics.median(times["base"])


def interleaved(systems: dict, items: list, rounds: int) -> tuple[dict[str, list[float]], dict[str, list]]:
    """Per-round wall time of each system over all items, the systems taking turns on every item so
    that a burst of load hits all of them alike; also each system's output per item (last round)."""
    times: dict[str, list[float]] = {name: [] for name in systems}
    outputs: dict[str, list] = {name: [None] * len(items) for name in systems}
    for _ in range(rounds):
        spent = dict.fromkeys(systems, 0.0)
        for i, item in enumerate(items):
            for name, fn in systems.items():
                t0 = time.perf_counter()
                outputs[name][i] = fn(item)
                spent[name] += time.perf_counter() - t0
        for name, t in spent.items():
            times[name].append(t)
    return times, outputs


def spread(ours: list[float], base: list[float]) -> str:
    """The middle half of the per-round ratios ours/base."""
    ratios = sorted(a / b for a, b in zip(ours, base, strict=True))
    return f"{ratios[len(ratios) // 4]:.2f}-{ratios[3 * len(ratios) // 4]:.2f}x"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.1f}x" if base else "n/a"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M %Z")}


def executables() -> tuple[list[str], list[str]]:
    """The real interpreter and the zhengce console script next to it (no pyenv shims)."""
    python = [sys.executable]
    script = Path(sys.executable).parent / "zhengce"
    if script.is_file():
        return python, [str(script)]
    found = shutil.which("zhengce")
    return python, [found] if found else [sys.executable, "-c", "from zhengce.cli import app; app()"]


# --- rows ---

def bench_text(runs: int) -> tuple[list, dict]:
    import jieba
    from zhengce.extract.words import words

    from zhengce.pipeline import extract, prepare

    paths = fixtures.corpus_paths()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    mb = sum(p.stat().st_size for p in paths) / 1e6
    results = {}

    def ours():
        for p in paths:
            results[p.stem] = extract(p)

    def base():
        for text in texts:
            jieba.lcut(text)

    jieba.setLogLevel(60)
    base()  # warm-up: loads jieba's dictionary
    prepare()  # as `zhengce batch` does: segmenter, spaCy and lexicon loaded, then gc.freeze()
    ours()
    t_ours, t_base = median_pair(ours, base, runs)
    t_words = median_time(lambda: [words(text) for text in texts], runs)
    n = len(paths)
    row = ["text -> rule file (5 notices, in-process)", f"{ms(t_ours / n)}/doc", f"{ms(t_base / n)}/doc (jieba.lcut)",
           ratio(t_ours, t_base), f"{mb / t_ours:.2f} MB/s vs {mb / t_base:.2f} MB/s",
           f"{mb * 1000:.0f} kB of UTF-8 text; median of {runs} passes after one warm-up; "
           f"our segmenter (jieba-rs) alone: {ms(t_words / n)}/doc"]
    return row, results


def bench_pdf(runs: int, tmp: Path) -> list:
    import pdfplumber

    from zhengce.pipeline import extract

    t0 = time.perf_counter()
    pdfs, note = fixtures.make_pdfs(tmp)
    made = time.perf_counter() - t0
    if not pdfs:
        return ["PDF -> rule file", "skipped", "skipped", "n/a", "", note]

    def base(path: Path) -> int:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)

    systems = {"ours": extract, "base": base}
    interleaved(systems, pdfs, 1)  # warm-up
    rounds = max(runs, 9)  # the VM's load swings a single PDF's time by ±15 %
    times, outputs = interleaved(systems, pdfs, rounds)
    t_ours, t_base = statistics.median(times["ours"]), statistics.median(times["base"])
    n = len(pdfs)
    mb = sum(p.stat().st_size for p in fixtures.corpus_paths()) / 1e6
    return ["PDF -> rule file (5 notices)", f"{ms(t_ours / n)}/doc", f"{ms(t_base / n)}/doc (pdfplumber extract_text)",
            ratio(t_ours, t_base), f"{mb / t_ours:.3f} MB/s vs {mb / t_base:.3f} MB/s",
            f"{sum(outputs['base'])} pages; font {note}; PDFs made in {made:.1f}s with fpdf2; median of {rounds} "
            f"rounds taking turns per PDF, middle half of the per-round ratios {spread(times['ours'], times['base'])}"]


def bench_diff(runs: int, tmp: Path) -> list:
    """`zhengce diff` of corpus 000 and an edited copy against a plain line diff of the same two texts."""
    import difflib

    from zhengce.rulegen.diff import diff

    from zhengce.pipeline import extract

    original, edited = bench_diff_pair.make_pair(tmp)
    texts = [p.read_text(encoding="utf-8").splitlines() for p in (original, edited)]

    def ours():
        diff(original, edited)

    def base():
        list(difflib.unified_diff(*texts))

    ours()
    t_ours, t_base = median_pair(ours, base, runs)
    t_parse = median_time(lambda: [extract(original), extract(edited)], runs)
    kb = original.stat().st_size // 1024
    return ["diff of two versions (corpus 000 + 3 edits)", f"{ms(t_ours)}", f"{ms(t_base)} (difflib.unified_diff)",
            ratio(t_ours, t_base), f"two {kb} kB notices; extracting both alone: {ms(t_parse)}",
            f"alignment, amount changes and report on top of extraction; median of {runs}"]


def run_child(cmd: list[str]) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).with_name("child.py")), *cmd],
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def bench_cli(runs: int) -> list[list]:
    python, zhengce = executables()
    target = next(ROOT.glob("corpus/003_*.txt"))

    def wall(cmd, n):
        run_child(cmd)  # warm-up (page cache, .pyc)
        return statistics.median(run_child(cmd)["wall"] for _ in range(n))

    t_pass = wall([*python, "-c", "pass"], runs)
    rows = []
    cases = (("zhengce --help", ["--help"], runs), (f"zhengce extract {target.name}", ["extract", str(target)], 3))
    for label, args, n in cases:
        t = wall([*zhengce, *args], n)
        rows.append([f"CLI: {label}", f"{t:.2f} s", f"{t_pass:.3f} s (python -c pass)", ratio(t, t_pass),
                     f"+{t - t_pass:.2f} s over bare interpreter", f"subprocess wall time, median of {n}"])
    return rows


def bench_batch(runs: int, copies: int, tmp: Path) -> list[list]:
    _, zhengce = executables()
    setdir = tmp / "batchset"
    setdir.mkdir()
    paths = fixtures.make_batch_set(setdir, copies)
    n = len(paths)
    walls, rss, tree = {1: [], 2: []}, {1: [], 2: []}, {1: [], 2: []}
    for i in range(runs):  # -j1 and -j2 alternate, so load from other processes hits both alike
        for workers in (1, 2):
            out = tmp / f"out_j{workers}_{i}"
            res = run_child([*zhengce, "batch", str(setdir), "-o", str(out), "-j", str(workers)])
            if res["rc"] != 0:
                log(f"batch -j{workers} exit {res['rc']}: {res['stderr']}")
            walls[workers].append(res["wall"])
            rss[workers].append(res["maxrss_mb"])
            tree[workers].append(res["tree_rss_mb"] or 0)
            shutil.rmtree(out, ignore_errors=True)
    stats = {w: (statistics.median(walls[w]), max(rss[w]), max(tree[w])) for w in (1, 2)}
    w1, w2 = stats[1], stats[2]

    def rss_text(s):
        tree = f", tree {s[2]:.0f} MB" if s[2] else ""
        return f"peak RSS {s[1]:.0f} MB/process{tree}"

    return [
        [f"batch -j1 ({n} notices)", f"{n / w1[0]:.1f} docs/s", "(baseline for -j2)", "1.0x", rss_text(w1),
         f"wall {w1[0]:.1f}s incl. start-up; median of {runs}"],
        [f"batch -j2 ({n} notices)", f"{n / w2[0]:.1f} docs/s", f"{n / w1[0]:.1f} docs/s (-j1)",
         f"{w1[0] / w2[0]:.2f}x speed-up", rss_text(w2), f"wall {w2[0]:.1f}s; median of {runs}; 2-core machine"],
    ]


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    total = 0
    for i in range(n):
        total += i
    return time.perf_counter() - t0


def bench_cpu(runs: int) -> list:
    """How much parallelism the machine really gives right now: 2 busy-loop processes vs 1."""
    from concurrent.futures import ProcessPoolExecutor

    n = 5_000_000
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_burn, [n, n]))  # start the workers
        one, two = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            list(pool.map(_burn, [n]))
            one.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            list(pool.map(_burn, [n, n]))
            two.append(time.perf_counter() - t0)
    t1, t2 = statistics.median(one), statistics.median(two)
    return ["CPU check: 2 busy loops vs 1", f"{t2:.2f} s", f"{t1:.2f} s (1 loop)", ratio(t2, t1),
            f"{2 * t1 / t2:.2f} cores' worth of parallelism", "1.0x = two free cores; 2.0x = one; read with batch -j2"]


def bench_money(runs: int, rulefiles: dict) -> tuple[list[list], dict]:
    """zhengce vs JioNLP vs cn2an on the gold notices, taking turns on every notice (see interleaved())."""
    from zhengce.pipeline import extract

    score = money.load_score()
    golds = money.gold_files()
    docs = [(stem, gold, (ROOT / "corpus" / gold["doc"]).read_text(encoding="utf-8")) for stem, gold in golds]
    total = sum(len(g.get("money", [])) for _, g, _ in docs)
    right = right_role = n_sys = 0
    for stem, gold, _ in docs:
        rf = rulefiles.get(stem) or extract(ROOT / "corpus" / gold["doc"])
        a, b, c = money.score_rulefile(score, gold.get("money", []), rf)
        right, right_role, n_sys = right + a, right_role + b, n_sys + c
    detail = {"zhengce": {"right": right, "right_with_role": right_role, "system": n_sys, "gold": total}}

    systems = {"zhengce": lambda doc: extract(ROOT / "corpus" / doc[1]["doc"])}
    failed = []
    for name, fn in (("JioNLP ner.extract_money", money.jionlp_money), ("cn2an.transform + regex", money.cn2an_money)):
        try:
            fn("给予一次性奖励最高30万元。")  # import + warm-up
        except Exception as e:  # record, never stop the suite
            failed.append([f"money: {name}", "failed", "", "n/a", "", f"{type(e).__name__}: {e}"[:200]])
            detail[name] = {"error": f"{type(e).__name__}: {e}"}
            continue
        systems[name] = lambda doc, fn=fn: fn(doc[2])
    gc.freeze()  # everything the three systems loaded, as prepare() does for zhengce: fair to all
    rounds = max(runs, 15)
    times, found = interleaved(systems, docs, rounds)
    per_doc = {name: statistics.median(ts) / len(docs) for name, ts in times.items()}
    t_ours = per_doc["zhengce"]
    detail["zhengce"]["ms_per_doc"] = t_ours * 1000
    rows = [
        [
            "money: zhengce (every fact)",
            f"{ms(t_ours)}/doc",
            "-",
            "1.0x",
            f"gold money right {right}/{total} ({right_role} with role); {n_sys} amounts output",
            "scored with ../shared/eval/score.py (amount inside the rule whose text holds the anchor)",
        ]
    ]
    for name in systems:
        if name == "zhengce":
            continue
        ok = n_found = 0
        for (_, gold, text), amounts in zip(docs, found[name], strict=True):
            a, b = money.score_offsets(text, gold.get("money", []), amounts, score.norm)
            ok, n_found = ok + a, n_found + b
        t = per_doc[name]
        round_ratios = sorted(a / b for a, b in zip(times["zhengce"], times[name], strict=True))
        detail[name] = {"right": ok, "system": n_found, "gold": total, "ms_per_doc": t * 1000,
                        "round_ratios": round_ratios}
        rows.append(
            [
                f"money: {name}",
                f"{ms(t_ours)}/doc (zhengce)",
                f"{ms(t)}/doc",
                ratio(t_ours, t),
                f"gold money right {ok}/{total}; {n_found} amounts output",
                f"same amount in the anchor's sentence; money only (zhengce: all facts); median of {rounds} rounds, "
                f"middle half of the per-round ratios {spread(times['zhengce'], times[name])}",
            ]
        )
    return rows + failed, detail


def render_text(rows: list[list]) -> str:
    widths = [max(len(str(r[i])) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*COLUMNS), line, *(fmt.format(*map(str, r)) for r in rows)])


def render_markdown(rows: list[list]) -> str:
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed repetitions of in-process and CLI rows")
    ap.add_argument("--batch-runs", type=int, default=3, help="timed repetitions of each batch row")
    ap.add_argument("--copies", type=int, default=100, help="copies of the 5 corpus notices in the batch set")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--json", type=Path, help="also write rows, machine and money details as JSON here")
    args = ap.parse_args(argv)

    start = time.perf_counter()
    info = machine()
    info["load_before"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = []
    with tempfile.TemporaryDirectory(prefix="zhengce-bench-") as tmpname:
        tmp = Path(tmpname)
        log("text -> rule file")
        text_row, rulefiles = bench_text(args.runs)
        rows.append(text_row)
        log("PDF -> rule file")
        try:
            rows.append(bench_pdf(max(3, args.runs - 2), tmp))
        except Exception as e:
            rows.append(["PDF -> rule file", "failed", "", "n/a", "", f"{type(e).__name__}: {e}"[:200]])
        log("diff")
        rows.append(bench_diff(args.runs, tmp))
        log("CLI start-up")
        rows += bench_cli(args.runs)
        log(f"batch ({args.copies * 5} notices, -j1 and -j2)")
        rows.append(bench_cpu(args.runs))
        rows += bench_batch(args.batch_runs, args.copies, tmp)
        log("money vs JioNLP and cn2an")
        money_rows, money_detail = bench_money(args.runs, rulefiles)
        rows += money_rows
    elapsed = time.perf_counter() - start
    info["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    header = (f"zhengce bench  {info['date']}  {info['cpu']}, {info['cores']} cores, Python {info['python']}  "
              f"(suite took {elapsed:.0f}s; load average before {info['load_before']}, after {info['load_after']})")
    print(header)
    print(render_text(rows))
    if args.markdown:
        args.markdown.write_text(header + "\n\n" + render_markdown(rows) + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "elapsed_s": elapsed, "columns": COLUMNS, "rows": rows,
                                         "money": money_detail}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
