"""Many documents in, one rule file each plus an index of every rule and a failure list.

Built for batches of thousands that get interrupted: a file that fails is reported and
skipped, never stops the batch; every output is written atomically; a manifest in the output
folder (`.zhengce-manifest.json`: input path -> sha256 of its bytes, tool version, rule file)
lets a rerun skip documents whose rule file is up to date. Memory stays flat: at most a few
documents per worker are in flight, and index rows go straight to a temp file that replaces
`index.csv` only when the batch completes.

The same `process` runs inline, in a local process pool or on dask.distributed; with Dask the
workers read inputs and write outputs themselves, so paths must be valid on every worker
(a shared filesystem, absolute paths when workers run elsewhere).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .write import PendingText, atomic_write_text, dumps, json_text

SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm", ".docx", ".text", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
INDEX_COLUMNS = ["document", "rule", "kind", "clause", "role", "value", "unit", "responsible_units", "quote"]
MANIFEST = ".zhengce-manifest.json"
DEFAULT_MAX_MB = 20.0  # a notice is kilobytes; tens of MB is a scan or a dump that would take minutes and GBs
MANIFEST_EVERY = 50  # documents between manifest saves (also saved every MANIFEST_SECONDS and at the end)
MANIFEST_SECONDS = 1.0
IN_FLIGHT_PER_WORKER = 4  # enough to keep workers busy, few enough that results never pile up


@dataclass
class Outcome:
    """What became of one input: a rule file (new or up to date) or a one-line error."""

    path: str
    output: str | None = None
    error: str | None = None
    rows: list[list] = field(default_factory=list)  # index.csv rows, so the parent never holds whole rule files
    sha256: str | None = None
    skipped: bool = False  # the rule file was already up to date
    data: Any = None  # what another job than `process` hands back (the library's record of a notice)


def inputs(target: str) -> list[Path]:
    """The documents a folder or glob names, in a stable order."""
    path = Path(target)
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
    else:
        found = [Path(p) for p in glob.glob(target, recursive=True) if Path(p).is_file()]
    return sorted(found)


def output_names(paths: list[Path], fmt: str = "json") -> list[str]:
    """Rule file names: `<stem>.rules.<fmt>`, plus a hash of the path where stems collide.

    `a/x.txt` and `b/x.txt` (or `x.txt` and `x.md`) would otherwise overwrite each other.
    """
    stems = Counter(p.stem for p in paths)
    return [f"{p.stem}.rules.{fmt}" if stems[p.stem] == 1
            else f"{p.stem}-{hashlib.sha1(str(p).encode()).hexdigest()[:8]}.rules.{fmt}" for p in paths]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_sha256(path: Path, max_mb: float | None) -> tuple[str, Outcome | None]:
    """The file's sha256, or the Outcome of a file too large or unreadable to process."""
    try:
        size = path.stat().st_size
        if max_mb and size > max_mb * 2**20:
            return "", Outcome(str(path), error=f"{path}: file is {size / 2**20:.1f} MB, above the {max_mb:g} MB "
                                                "limit (raise it with --max-mb)")
        return file_sha256(path), None
    except OSError as e:
        return "", Outcome(str(path), error=f"{path}: cannot read file: {e.strerror or e}")


def process(path: Path, out: Path, fmt: str = "json", prior: dict | None = None,
            max_mb: float | None = None) -> Outcome:
    """One document to its rule file `out`; errors become an Outcome, never an exception.

    `prior` is the document's manifest entry: when the input hash and tool version match and
    `out` still exists, the rule file is kept and only its index rows are read back.
    """
    from zhengce import __version__
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import extract

    name = str(path)
    sha, refused = checked_sha256(path, max_mb)
    if refused:
        return refused
    if prior and prior.get("sha256") == sha and prior.get("version") == __version__ and prior.get("output") == out.name:
        rows = _rows_from_existing(name, out, fmt)
        if rows is not None:
            return Outcome(name, output=str(out), rows=rows, sha256=sha, skipped=True)
    try:
        data = extract(path)
        text, rows = dumps(data, fmt), list(index_rows(name, data["rules"]))
    except ZhengceError as e:
        return Outcome(name, error=str(e))
    except Exception as e:  # a bug must not stop a batch of thousands: report it with the file
        return Outcome(name, error=f"{path}: internal error: {type(e).__name__}: {e}")
    try:
        atomic_write_text(out, text)
    except OSError as e:  # disk full, output folder not writable
        return Outcome(name, error=f"{path}: cannot write {out}: {e.strerror or e}")
    return Outcome(name, output=str(out), rows=rows, sha256=sha)


def _rows_from_existing(name: str, out: Path, fmt: str) -> list[list] | None:
    """Index rows of a kept rule file, or None when it is missing or unreadable (then it is redone)."""
    try:
        text = out.read_text(encoding="utf-8")
        if fmt == "yaml":
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
        return list(index_rows(name, data["rules"]))
    except Exception:  # any damage to an old output just means: extract again
        return None


def index_rows(document: str, rules: list[dict]) -> Iterator[list]:
    """index.csv rows of one document: one per fact (threshold, benefit, target), or one per factless rule."""
    for rule in rules:
        facts = [(r, q) for key, r in (("conditions", "threshold"), ("benefits", "benefit"), ("targets", "target"))
                 for q in rule[key]]
        for role, q in facts or [("", {})]:
            yield [document, rule["id"], rule["kind"], rule["clause"], role, q.get("value", ""), q.get("unit", ""),
                   "、".join(rule["responsible_units"]), rule["quote"] or ""]


class Manifest:
    """Input path -> {sha256, version, output}; saved atomically now and then so a killed batch resumes."""

    def __init__(self, outdir: Path, force: bool = False):
        self.path = outdir / MANIFEST
        self.entries: dict[str, dict] = {} if force else self._load()
        self.unsaved = 0
        self.saved_at = float("-inf")  # the first finished document is saved at once

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return dict(data["documents"])
        except (OSError, ValueError, KeyError, TypeError):  # none yet, or damaged: everything is redone
            return {}

    def record(self, outcome: Outcome) -> None:
        from zhengce import __version__

        if outcome.error:
            self.entries.pop(outcome.path, None)
        elif not outcome.skipped:
            self.entries[outcome.path] = {"sha256": outcome.sha256, "version": __version__,
                                          "output": Path(outcome.output or "").name}
        else:
            return
        self.unsaved += 1
        if self.unsaved >= MANIFEST_EVERY or time.monotonic() - self.saved_at >= MANIFEST_SECONDS:
            self.save()

    def save(self) -> None:
        if self.unsaved:
            atomic_write_text(self.path, json_text({"documents": self.entries}, sort_keys=True) + "\n")
        self.unsaved, self.saved_at = 0, time.monotonic()


Submit = Callable[..., Any]  # submit(fn, *args) -> a future with .result()


class _Done:
    """The 'future' of a job run inline: already finished."""

    def __init__(self, value: Outcome):
        self.value = value

    def result(self) -> Outcome:
        return self.value


@contextmanager
def _inline() -> Iterator[tuple[Submit, int]]:
    from zhengce.pipeline import prepare

    prepare()
    yield (lambda fn, *args: _Done(fn(*args))), 1


@contextmanager
def _local_pool(workers: int) -> Iterator[tuple[Submit, int]]:
    """A process pool replaced when a worker dies (killed, out of memory): the documents then in flight fail
    (a rerun retries them), the batch goes on.

    The NLP pipeline is built here first (`prepare`): forked workers inherit it instead of each loading the
    word dictionary and spaCy again."""
    from zhengce.pipeline import prepare

    prepare()
    pools = [ProcessPoolExecutor(max_workers=workers)]

    def submit(fn: Callable, *args: Any) -> Future:
        try:
            return pools[-1].submit(fn, *args)
        except BrokenProcessPool:
            pools.append(ProcessPoolExecutor(max_workers=workers))
            return pools[-1].submit(fn, *args)

    try:
        yield submit, workers
    finally:
        for pool in pools:
            pool.shutdown()


@contextmanager
def _dask(scheduler: str | None, dask_workers: int) -> Iterator[tuple[Submit, int]]:
    """A dask.distributed client on `scheduler`, or on a local cluster of `dask_workers` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise RuntimeError('Dask is not installed: pip install "zhengce[dask]"') from e
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler))
            except OSError as e:  # unreachable or timed out: one line for the user, like any other failure
                raise RuntimeError(f"cannot reach the Dask scheduler {scheduler}: {e}") from e
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=dask_workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        slots = sum(client.nthreads().values()) or 1
        yield (lambda fn, *args: client.submit(fn, *args, pure=False)), slots


def executor(workers: int = 1, scheduler: str | None = None,
             dask_workers: int = 0) -> AbstractContextManager[tuple[Submit, int]]:
    """Where documents are processed: inline, a local process pool or Dask; yields (submit, parallel slots)."""
    if scheduler or dask_workers > 0:
        return _dask(scheduler, dask_workers)
    return _local_pool(workers) if workers > 1 else _inline()


def ordered(submit: Submit, jobs: Iterable[tuple], window: int, job: Callable[..., Outcome] = process
            ) -> Iterator[Outcome]:
    """Results of job(*args) (`process` unless told) in input order, with at most `window` jobs in flight.

    A job never raises; a future that does lost its worker (a crash in native code, the
    OOM killer, a Dask worker gone), which fails that document, not the batch.
    """
    pending: deque[tuple[Path, Any]] = deque()

    def result() -> Outcome:
        path, future = pending.popleft()
        try:
            return future.result()
        except Exception as e:
            return Outcome(str(path), error=f"{path}: worker failed: {type(e).__name__}: {e}")

    for args in jobs:
        pending.append((args[0], submit(job, *args)))
        if len(pending) >= window:
            yield result()
    while pending:
        yield result()


def run(paths: list[Path], outdir: Path, workers: int = 1, fmt: str = "json", *, force: bool = False,
        max_mb: float | None = DEFAULT_MAX_MB, scheduler: str | None = None,
        dask_workers: int = 0) -> Iterator[Outcome]:
    """Process `paths` into `outdir`, yielding outcomes in input order.

    index.csv and failures.txt are replaced when the last document is done; the manifest is
    saved along the way and on interruption, so a rerun only does what is left. Close the
    generator (or exhaust it) to release workers.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    for stray in outdir.glob(".*.tmp"):  # left by a killed batch (atomic writes rename theirs away)
        stray.unlink(missing_ok=True)
    manifest = Manifest(outdir, force)
    jobs = ((p, outdir / name, fmt, manifest.entries.get(str(p)), max_mb)
            for p, name in zip(paths, output_names(paths, fmt), strict=True))
    index, failures = PendingText(outdir / "index.csv"), PendingText(outdir / "failures.txt")
    committed = False
    try:
        writer = csv.writer(index.file)
        writer.writerow(INDEX_COLUMNS)
        with executor(workers, scheduler, dask_workers) as (submit, slots):
            window = 1 if slots == 1 else slots * IN_FLIGHT_PER_WORKER
            for outcome in ordered(submit, jobs, window):
                writer.writerows(outcome.rows)
                if outcome.error:
                    outcome.error = re.sub(r"\s*\n\s*", " ", outcome.error)  # one line per failure, always
                    failures.file.write(f"{outcome.error}\n")
                manifest.record(outcome)
                yield outcome
        index.commit()
        failures.commit()
        committed = True
    finally:
        if not committed:
            index.discard()
            failures.discard()
        manifest.save()
