"""Many documents in, one rule file each plus an index of every rule and a failure list.

Built for batches of thousands that get interrupted: a file that fails is reported and
skipped, never stops the batch; every output is written atomically; a manifest in the output
folder (`.zhengce-manifest.json`: input path -> sha256 of its bytes, tool version, rule file)
lets a rerun skip documents whose rule file is up to date. Memory stays flat: at most a few
documents per worker are in flight, and index rows go straight to a temp file that replaces
`index.csv` only when the batch completes.

However the batch ends (finished, Ctrl-C, `kill`, a worker over its time limit), its worker
processes end with it: they ignore Ctrl-C and leave it to the parent, which terminates them,
and the kernel kills them if the parent dies (`PR_SET_PDEATHSIG`). A document over its time
limit (`limits.doc_seconds`) fails with one line, like any bad file.

The same `process` runs inline, in a local process pool or on dask.distributed; with Dask the
workers read inputs and write outputs themselves, so paths must be valid on every worker
(a shared filesystem, absolute paths when workers run elsewhere).
"""

from __future__ import annotations

import csv
import ctypes
import faulthandler
import functools
import glob
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengce import limits as limits_

from .write import PendingText, atomic_write_text, dumps, json_text

SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm", ".docx", ".text", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
INDEX_COLUMNS = ["document", "title", "doc_number", "rule", "kind", "clause", "clause_label", "role", "metric",
                 "operator", "value", "unit", "per", "page", "needs_review", "responsible_units", "quote"]
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
    warnings: list[str] = field(default_factory=list)  # the rule file's warnings, for the batch's count
    data: Any = None  # what another job than `process` hands back (the library's record of a notice)


def inputs(target: str | list[str]) -> list[Path]:
    """The documents folders, files and globs name (a shell expands an unquoted glob into many), in a stable
    order; ValueError names a target that matches nothing."""
    found: set[Path] = set()
    for one in [target] if isinstance(target, str) else target:
        path = Path(one)
        if path.is_dir():
            matched = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES]
        else:
            matched = [Path(p) for p in glob.glob(one, recursive=True) if Path(p).is_file()]
        if not matched:
            raise ValueError(f"{one}: no documents found")
        found.update(matched)
    return sorted(found)


def output_names(paths: list[Path], fmt: str = "json") -> list[str]:
    """Rule file names: `<stem>.rules.<fmt>`, plus a hash of the path where stems collide.

    `a/x.txt` and `b/x.txt` (or `x.txt` and `x.md`) would otherwise overwrite each other. The suffix is
    the first 8 hex digits of the SHA-1 of the path as given, so a document keeps its name from run to run.
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


class DocumentTimeout(BaseException):
    """A document ran over its time limit. A BaseException, so no `except Exception` in a reader swallows it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the main thread after `seconds` (0: never). In a pool worker a watchdog
    thread also ends the process a little later, for code stuck where Python cannot raise (native code)."""
    if not seconds or threading.current_thread() is not threading.main_thread():  # Dask runs tasks in threads
        yield
        return

    def expire(*_: Any) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if _IN_POOL:
        faulthandler.dump_traceback_later(seconds + max(1.0, seconds / 10), exit=True, file=_devnull())
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if _IN_POOL:
            faulthandler.cancel_dump_traceback_later()


def process(path: Path, out: Path, fmt: str = "json", prior: dict | None = None,
            max_mb: float | None = None, limits: limits_.Limits | None = None) -> Outcome:
    """One document to its rule file `out`; errors become an Outcome, never an exception.

    `prior` is the document's manifest entry: when the input hash and tool version match and
    `out` still exists, the rule file is kept and only its index rows are read back. `limits`
    (default: those in force) bound what the document may cost.
    """
    with limits_.applied(limits):
        seconds = limits_.current().doc_seconds
        try:
            with _time_limit(seconds):
                return _process(path, out, fmt, prior, max_mb)
        except DocumentTimeout:
            return Outcome(str(path), error=f"{path}: took longer than the {seconds:g} s limit per document "
                                            f"{limits_.hint('doc_seconds')}")


def _process(path: Path, out: Path, fmt: str, prior: dict | None, max_mb: float | None) -> Outcome:
    from zhengce import __version__
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import extract

    name = str(path)
    sha, refused = checked_sha256(path, max_mb)
    if refused:
        return refused
    if prior and prior.get("sha256") == sha and prior.get("version") == __version__ and prior.get("output") == out.name:
        kept = _read_existing(out, fmt)
        if kept is not None:
            return Outcome(name, output=str(out), rows=list(index_rows(name, kept)), sha256=sha, skipped=True,
                           warnings=kept["warnings"])
    try:
        data = extract(path)
        text, rows = dumps(data, fmt), list(index_rows(name, data))
    except ZhengceError as e:
        return Outcome(name, error=str(e))
    except Exception as e:  # a bug must not stop a batch of thousands: report it with the file
        return Outcome(name, error=f"{path}: internal error: {type(e).__name__}: {e}")
    try:
        atomic_write_text(out, text)
    except OSError as e:  # disk full, output folder not writable
        return Outcome(name, error=f"{path}: cannot write {out}: {e.strerror or e}")
    return Outcome(name, output=str(out), rows=rows, sha256=sha, warnings=data["warnings"])


def _read_existing(out: Path, fmt: str) -> dict | None:
    """A kept rule file, or None when it is missing or unreadable (then it is redone)."""
    try:
        text = out.read_text(encoding="utf-8")
        if fmt == "yaml":
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
        list(index_rows("", data))
        return data
    except Exception:  # any damage to an old output just means: extract again
        return None


def index_rows(document: str, data: dict) -> Iterator[list]:
    """index.csv rows of one rule file: one per fact (threshold, benefit, target, other), or one per factless
    rule."""
    head = [document, data["document"].get("title") or "", data["document"].get("doc_number") or ""]
    for rule in data["rules"]:
        facts = [(r, q) for key, r in (("conditions", "threshold"), ("benefits", "benefit"), ("targets", "target"),
                                        ("others", "other")) for q in rule.get(key, [])]
        for role, q in facts or [("", {})]:
            metric = q.get("kind") if role == "benefit" else q.get("metric")
            yield [*head, rule["id"], rule["kind"], rule["clause"], rule.get("clause_label") or "", role,
                   metric or "", *_amount(q), rule.get("page") or "", "yes" if rule.get("needs_review") else "",
                   "、".join(rule["responsible_units"]), rule["quote"] or ""]


def _amount(fact: dict) -> tuple:
    """(operator, value, unit, per) of a fact; a range without a single value is given by its maximum (or
    minimum) bound."""
    if "value" not in fact and ("max" in fact or "min" in fact):
        bound, op = (fact["max"], "<=") if "max" in fact else (fact["min"], ">=")
        return op, bound.get("value", ""), bound.get("unit", ""), bound.get("per", fact.get("per", ""))
    return fact.get("op") or "", fact.get("value", ""), fact.get("unit", ""), fact.get("per", "")


class Manifest:
    """Input path -> {sha256, version, output}; saved atomically now and then so a killed batch resumes."""

    def __init__(self, outdir: Path):
        self.path = outdir / MANIFEST
        self.entries: dict[str, dict] = self._load()
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


_IN_POOL = False  # set in pool workers
_PR_SET_PDEATHSIG = 1


@functools.cache
def _devnull():
    """Where the watchdog's traceback goes: the document's failure line says what happened."""
    return open(os.devnull, "w")  # noqa: SIM115  (kept open: faulthandler writes to it from its own thread)


def _worker_init(parent: int) -> None:
    """Ctrl-C reaches the whole process group: the parent handles it, workers ignore it and are terminated.
    On Linux the kernel kills a worker whose parent dies, whatever killed the parent."""
    global _IN_POOL
    _IN_POOL = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_exit)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _worker_exit(*_: Any) -> None:
    """Terminated: end the Tesseract processes this worker started, then go."""
    ocr = sys.modules.get("zhengce.extract.ocr")
    if ocr:
        ocr.kill_running()
    os._exit(1)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(os.getpid(),))


def _terminate(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, not after their documents (Ctrl-C, kill, an error in the parent)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):  # the stdlib has no public way before 3.14
        proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _local_pool(workers: int) -> Iterator[tuple[Submit, int]]:
    """A process pool replaced when a worker dies (killed, out of memory): the documents then in flight fail
    (a rerun retries them), the batch goes on.

    The NLP pipeline is built here first (`prepare`): forked workers inherit it instead of each loading the
    word dictionary and spaCy again."""
    from zhengce.pipeline import prepare

    prepare()
    pools = [_new_pool(workers)]

    def submit(fn: Callable, *args: Any) -> Future:
        try:
            return pools[-1].submit(fn, *args)
        except BrokenProcessPool:
            pools.append(_new_pool(workers))
            return pools[-1].submit(fn, *args)

    finished = False
    try:
        yield submit, workers
        finished = True
    finally:
        for pool in pools:
            if finished:
                pool.shutdown()
            else:
                _terminate(pool)


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
        dask_workers: int = 0, limits: limits_.Limits | None = None) -> Iterator[Outcome]:
    """Process `paths` into `outdir`, yielding outcomes in input order.

    index.csv and failures.txt are replaced when the last document is done; the manifest is
    saved along the way and on interruption, so a rerun only does what is left. Close the
    generator (or exhaust it) to release workers.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    for stray in outdir.glob(".*.tmp"):  # left by a killed batch (atomic writes rename theirs away)
        stray.unlink(missing_ok=True)
    manifest = Manifest(outdir)  # with --force its entries are not used, but those of other sources are kept
    limits = limits or limits_.current()
    jobs = ((p, outdir / name, fmt, None if force else manifest.entries.get(str(p)), max_mb, limits)
            for p, name in zip(paths, output_names(paths, fmt), strict=True))
    index, failures = PendingText(outdir / "index.csv"), PendingText(outdir / "failures.txt")
    committed = False
    try:
        index.file.write("\ufeff")  # the byte-order mark: without it Excel reads UTF-8 as the local code page
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


@contextmanager
def interruptible() -> Iterator[None]:
    """`kill` (SIGTERM) stops the batch the way Ctrl-C does, by KeyboardInterrupt, so the same clean-up runs
    (workers terminated, manifest saved); a second signal during the clean-up is ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _: Any) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stale(outdir: Path, fmt: str = "json") -> list[Path]:
    """Rule files in `outdir` that no existing source accounts for: their source was deleted, renamed or
    now fails, or they were written under another name (a stem that no longer collides)."""
    entries = Manifest(outdir).entries
    current = {entry.get("output") for source, entry in entries.items() if Path(source).is_file()}
    return sorted(p for p in outdir.glob(f"*.rules.{fmt}") if p.name not in current)


def prune(outdir: Path, files: list[Path]) -> None:
    """Remove stale rule files, and the manifest entries of sources that are gone."""
    manifest = Manifest(outdir)
    gone = {p.name for p in files}
    for source in [s for s, e in manifest.entries.items() if e.get("output") in gone or not Path(s).is_file()]:
        del manifest.entries[source]
        manifest.unsaved += 1
    manifest.save()
    for path in files:
        path.unlink(missing_ok=True)


def report_stale(outdir: Path, fmt: str = "json", remove: bool = False) -> list[str]:
    """Lines for the user about stale rule files (see `stale`), which `remove` deletes."""
    files = stale(outdir, fmt)
    if not files:
        return []
    shown = ", ".join(p.name for p in files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    if remove:
        prune(outdir, files)
        return [f"removed {len(files)} rule file(s) whose source is gone: {shown}"]
    return [f"warning: {len(files)} rule file(s) in {outdir} have no source any more (deleted, renamed or now "
            f"failing): {shown}; --prune removes them"]


@dataclass
class Tally:
    """Counts of a batch for its summary line."""

    total: int
    done: int = 0
    failed: int = 0
    skipped: int = 0
    not_policy: int = 0

    def add(self, outcome: Outcome) -> list[str]:
        """Count `outcome`; the lines to show for it: its error, or a warning when it is not a policy."""
        from .build import NO_RULES

        self.done += 1
        self.failed += bool(outcome.error)
        self.skipped += outcome.skipped
        if outcome.error:
            return [f"error: {outcome.error}"]
        if NO_RULES in outcome.warnings:
            self.not_policy += 1
            return [f"warning: {outcome.path}: {NO_RULES}"]
        return []

    def summary(self, outdir: Path) -> str:
        notes = [f"{self.skipped} up to date"] if self.skipped else []
        if self.not_policy:
            notes.append(f"{self.not_policy} with no rules: not a policy notice?")
        note = f" ({'; '.join(notes)})" if notes else ""
        return f"{self.done - self.failed} of {self.done} documents extracted to {outdir}{note}"
