"""The library's front door: parse(path) -> Document, extract(path) -> rule file (a dict)."""

from __future__ import annotations

import gc
from pathlib import Path

from .model import Document, Source


def read(path: str | Path) -> Source:
    from zhengce.extract.readers import read_source

    return read_source(path)


def parse(path: str | Path) -> Document:
    """Read, normalise and segment one document."""
    return parse_source(read(path))


def parse_source(source: Source) -> Document:
    from zhengce.extract.document import segment
    from zhengce.normalize.text import normalize

    return segment(normalize(source))


def extract(path: str | Path) -> dict:
    """The rule file of one document, as a JSON-ready dict."""
    from zhengce.rulegen.build import rule_file

    return rule_file(parse(path))


def prepare() -> None:
    """Load what extraction needs (readers, the segmenter, spaCy, the lexicon) and freeze it.

    For a process that goes on to extract many documents (batch workers, a service, the
    benchmarks). The ~90,000 objects loaded here live as long as the process. Left in the
    cyclic garbage collector's sight, every full collection walks them all again, which costs
    about a tenth of extraction time. `gc.freeze()` moves them out of its sight. Forked workers
    also then share those pages instead of copying them.
    """
    from zhengce.extract import readers  # noqa: F401  (imported here to be frozen with the rest)
    from zhengce.extract.nlp import pipeline
    from zhengce.rulegen import build  # noqa: F401

    pipeline()
    gc.freeze()
