"""Many documents in, one rule file each plus an index of every rule and a failure list.

Documents are processed in worker processes (each loads the NLP pipeline once); a file
that fails is reported and skipped, never stops the batch.
"""

from __future__ import annotations

import csv
import glob
import io
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .write import atomic_write_text, dumps

SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm", ".docx", ".text"}
INDEX_COLUMNS = ["document", "rule", "kind", "clause", "role", "value", "unit", "responsible_units", "quote"]


@dataclass
class Outcome:
    path: str
    output: str | None = None
    error: str | None = None
    rules: list[dict] | None = None


def inputs(target: str) -> list[Path]:
    """The documents a folder or glob names, in a stable order."""
    path = Path(target)
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
    else:
        found = [Path(p) for p in glob.glob(target, recursive=True) if Path(p).is_file()]
    return sorted(found)


def process(path: Path, outdir: Path, fmt: str = "json") -> Outcome:
    """One document to its rule file; errors become an Outcome, never an exception."""
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import extract

    try:
        data = extract(path)
    except ZhengceError as e:
        return Outcome(str(path), error=str(e))
    except Exception as e:  # a bug must not stop a batch of thousands: report it with the file
        return Outcome(str(path), error=f"{path}: internal error: {type(e).__name__}: {e}")
    out = outdir / f"{path.stem}.rules.{fmt}"
    atomic_write_text(out, dumps(data, fmt))
    return Outcome(str(path), output=str(out), rules=data["rules"])


def run(paths: list[Path], outdir: Path, workers: int = 1, fmt: str = "json") -> Iterator[Outcome]:
    if workers <= 1:
        for p in paths:
            yield process(p, outdir, fmt)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process, paths, [outdir] * len(paths), [fmt] * len(paths), chunksize=4)


def index_rows(outcome: Outcome) -> Iterator[list]:
    for rule in outcome.rules or []:
        facts = [(r, q) for key, r in (("conditions", "threshold"), ("benefits", "benefit"), ("targets", "target"))
                 for q in rule[key]]
        for role, q in facts or [("", {})]:
            yield [outcome.path, rule["id"], rule["kind"], rule["clause"], role, q.get("value", ""), q.get("unit", ""),
                   "、".join(rule["responsible_units"]), rule["quote"] or ""]


def write_index(outcomes: list[Outcome], outdir: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(INDEX_COLUMNS)
    for outcome in outcomes:
        writer.writerows(index_rows(outcome))
    atomic_write_text(outdir / "index.csv", buf.getvalue())
    failures = [o.error for o in outcomes if o.error]
    atomic_write_text(outdir / "failures.txt", "".join(f"{e}\n" for e in failures))
