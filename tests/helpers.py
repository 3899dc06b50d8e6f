"""Shared, cached runs of the real pipeline over the bundled corpus (loaded once per test session)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zhengce.pipeline import extract, parse

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_path(seed: str) -> Path:
    return next(CORPUS.glob(f"{seed}_*.txt"))


@cache
def doc(seed: str):
    return parse(corpus_path(seed))


@cache
def rules(seed: str) -> dict:
    return extract(corpus_path(seed))


def outline(document) -> list[tuple[str, str | None, str | None]]:
    """(id, label, title) of every clause, depth first."""
    return [(c.id, c.label, c.title) for c in document.walk()]


DEV2 = CORPUS.parent.parent / "shared" / "eval" / "dev2" / "docs"  # the development notices, when checked out beside


@cache
def dev2_rule_files() -> tuple[dict, ...]:
    """The rule files of ../shared/eval/dev2/docs; () when that folder is not there."""
    return tuple(extract(p) for p in sorted(DEV2.iterdir())) if DEV2.is_dir() else ()
