"""`zhengce library add`: the batch pipeline with the database as its output.

Workers extract (the batch's executor: processes, in-order results, a dead worker fails one
file); the parent alone writes, one transaction per notice, so a file that fails leaves its
old record as it was and an interrupted add resumes where it stopped (stored notices whose
bytes and tool version are unchanged are skipped). The files that failed are listed in the
database (`zhengce library list --failures`) until they are added.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from zhengce import __version__

from .batch import DEFAULT_MAX_MB, IN_FLIGHT_PER_WORKER, Outcome, checked_sha256, executor, ordered
from .library_db import note_failure, priors, store
from .library_record import library_job


def add(conn: sqlite3.Connection, paths: list[Path], workers: int = 1,
        max_mb: float | None = DEFAULT_MAX_MB) -> Iterator[Outcome]:
    """Extract and store `paths`, yielding one outcome each (close the generator to stop early).

    Files are hashed here first: unreadable, too large and unchanged ones are answered at once,
    and only the rest start workers (an add that finds nothing new loads no NLP pipeline)."""
    known = priors(conn)
    jobs = []
    for path in (p.resolve() for p in paths):
        sha, refused = checked_sha256(path, max_mb)
        if refused or known.get(str(path)) == (sha, __version__):
            outcome = refused or Outcome(str(path), sha256=sha, skipped=True)
            note_failure(conn, outcome.path, outcome.error)
            yield outcome
        else:
            jobs.append((path, sha))
    if not jobs:
        return
    with executor(workers) as (submit, slots):
        window = 1 if slots == 1 else slots * IN_FLIGHT_PER_WORKER
        for outcome in ordered(submit, jobs, window, library_job):
            if outcome.data is not None:
                try:
                    store(conn, outcome.data)
                except Exception as e:  # disk full, locked, a value SQLite cannot take: this notice alone is not stored
                    outcome.error = f"{outcome.path}: cannot store: {e}"
                outcome.data = None
            if outcome.error:
                outcome.error = re.sub(r"\s*\n\s*", " ", outcome.error)
            note_failure(conn, outcome.path, outcome.error)
            yield outcome
