"""The policy library at 10,000 notices (issue #19): query time, database size, add throughput.

    python bench/bench_library.py [--notices 10000] [--add-docs 40] [--runs 21]

1. Extracts the bundled corpus and dev2 once, then stores copies of their records until the
   library holds `--notices` notices, each copy with its own path, 文号, dates (shifted a day per
   copy) and money figures (shifted a yuan per copy), straight through `library_db.store`:
   re-extracting 10,000 files would only measure extraction again.
2. Median time of `query.run` (SQL plus the figures and units of the rows shown, limit 100)
   for text, amount and date filters and a combination, and the database size per notice.
3. Add throughput against `zhengce batch` on `--add-docs` distinct notices (the CLI in a
   subprocess, same worker count, start-up included), and the time of an add that finds
   everything unchanged.

No assertions: it is a measurement.
"""

from __future__ import annotations

import argparse
import copy
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.bench_batch import make_notices

ROOT = Path(__file__).resolve().parents[1]
DEV2 = ROOT.parent / "shared" / "eval" / "dev2" / "docs"
SOURCES = sorted((ROOT / "corpus").glob("*.txt")) + sorted(DEV2.glob("*"))
QUERIES = {
    "text 小巨人": {"text": "小巨人"},
    "text 专精特新 奖励": {"text": "专精特新 奖励"},
    "text 补贴 (2 characters: a scan)": {"text": "补贴"},
    "amount ≥ 50万, benefit": {"min_amount": "50万", "kind": "benefit"},
    "amount 10万–20万": {"min_amount": "10万", "max_amount": "20万"},
    "valid on 2025-06-01": {"valid_on": "2025-06-01"},
    "text + amount + date": {"text": "专精特新", "min_amount": "50万", "valid_on": "2025-06-01"},
    "cites 清府办〔2020〕36号": {"cites": "清府办〔2020〕36号"},
    "metric 营业收入": {"metric": "营业收入"},
    "responsible unit 财政局": {"unit": "财政局"},
    "rare: text 小巨人 + amount ≥ 1亿": {"text": "小巨人", "min_amount": "1亿"},
    "rare: text 犀牛 (2 characters found nowhere: a full scan)": {"text": "犀牛"},
}


def base_records() -> list:
    from zhengce.rulegen.build import rule_file
    from zhengce.rulegen.library_record import record

    from zhengce.pipeline import parse, prepare

    prepare()
    out = []
    for path in SOURCES:
        doc = parse(path)
        out.append(record(str(path), "base", doc, rule_file(doc)))
    return out


def _shift(day: str | None, days: int) -> str | None:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day else day
    except ValueError:
        return day


def replica(rec, i: int):
    """Copy `i` of a record: its own path and 文号, dates `i % 1500` days later, money `i` yuan higher."""
    new = copy.deepcopy(rec)
    new.path, new.sha256 = f"/bench/{i:05d}/{Path(rec.path).name}", f"copy-{i}"
    doc = new.rule_file["document"]
    number = doc.get("doc_number") or "库〔2024〕1号"
    doc["doc_number"] = re.sub(r"\d+号$", f"{i}号", number)
    for key in ("issued_on", "valid_from", "valid_until"):
        doc[key] = _shift(doc.get(key), i % 1500 - 750)
    for rule in new.rule_file["rules"]:
        for key in ("conditions", "benefits", "targets"):
            for fig in rule.get(key) or []:
                if str(fig.get("unit", "")).startswith("CNY") and isinstance(fig.get("value"), (int, float)):
                    fig["value"] += i
    return new


def fill(db: Path, records: list, count: int) -> float:
    """Store `count` replicas; returns notices stored per second (making the copies not counted)."""
    from zhengce.rulegen.library_db import connect, store

    conn = connect(db)
    elapsed = 0.0
    for i in range(count):
        rec = replica(records[i % len(records)], i)
        start = time.perf_counter()
        store(conn, rec)
        elapsed += time.perf_counter() - start
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    return count / elapsed


def query_times(db: Path, runs: int) -> dict[str, tuple[float, int]]:
    """Median milliseconds and rows returned per query."""
    from zhengce.rulegen import query
    from zhengce.rulegen.library_db import connect

    conn = connect(db, create=False)
    out = {}
    for name, kwargs in QUERIES.items():
        f = query.filters(**kwargs)
        times, rows = [], []
        for _ in range(runs):
            start = time.perf_counter()
            rows = query.run(conn, f)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = (statistics.median(times), len(rows))
    return out


def cli_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from zhengce.cli import app; app()", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def add_vs_batch(docs: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        make_notices(folder, docs, 80)
        db = Path(tmp) / "add.db"
        return {
            "zhengce batch": cli_seconds(["batch", str(folder), "-o", str(Path(tmp) / "out"), "-j", str(workers)]),
            "zhengce library add": cli_seconds(["library", "add", str(folder), "--db", str(db), "-j", str(workers)]),
            "library add, all unchanged": cli_seconds(["library", "add", str(folder), "--db", str(db)]),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=10000)
    parser.add_argument("--add-docs", type=int, default=40)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("-j", "--workers", type=int, default=2)
    args = parser.parse_args()
    records = base_records()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        rate = fill(db, records, args.notices)
        size = db.stat().st_size
        times = query_times(db, args.runs)
    print(f"{args.notices} notices ({len(records)} extracted, replicated): stored at {rate:.0f} notices/s; "
          f"database {size / 2**20:.1f} MiB, {size / args.notices / 1024:.1f} KiB per notice\n")
    print("| query | median ms | rows (limit 100) |\n|---|---:|---:|")
    for name, (ms, n) in times.items():
        print(f"| {name} | {ms:.1f} | {n} |")
    seconds = add_vs_batch(args.add_docs, args.workers)
    print(f"\n{args.add_docs} documents, -j {args.workers}, wall time with start-up:\n")
    print("| command | s | docs/s |\n|---|---:|---:|")
    for name, s in seconds.items():
        print(f"| {name} | {s:.1f} | {args.add_docs / s:.1f} |")


if __name__ == "__main__":
    main()
