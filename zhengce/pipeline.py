"""The library's front door: parse(path) -> Document, extract(path) -> rule file (a dict)."""

from __future__ import annotations

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
