"""Limits on what one untrusted document may cost: the readers run on files from the internet.

A zip bomb, a PDF of thousands of pages, a scan that claims 1 dpi (and would be upscaled
300 times) must each be refused, or finished, in seconds and a bounded amount of memory.
Every limit has a default, can be set with `--limit NAME=VALUE` (extract, batch) or the
environment variable `ZHENGCE_LIMITS="NAME=VALUE,NAME=VALUE"`, and names itself in the
one-line error it causes, so a user knows what to raise. 0 means no limit.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ENV = "ZHENGCE_LIMITS"


@dataclass(frozen=True)
class Limits:
    unzip_mb: float = 100.0  # total decompressed size of a DOCX (any zip container); a notice is a few MB
    zip_members: int = 2000  # files inside a zip container; a DOCX has a few dozen
    pdf_pages: int = 500  # pages of a PDF; notices have tens, a yearbook a few hundred
    ocr_pages: int = 50  # pages read by OCR per document (scanned PDF, multi-page TIFF)
    ocr_megapixels: float = 20.0  # pixels of one page image given to OCR (A3 at 300 dpi is 17.4)
    ocr_upscale: float = 4.0  # the most a low-dpi image is enlarged before OCR (it claims 1 dpi: x300)
    html_depth: int = 1000  # elements nested in a web page (real pages: under 100); reading costs its square
    tesseract_procs: int = 2  # Tesseract processes at once per worker (each takes 100-300 MB)
    doc_seconds: float = 300.0  # per document in a batch (a scan of 50 pages at 2 procs takes about 2 min)

    @property
    def unzip_bytes(self) -> float:
        return self.unzip_mb * 2**20 if self.unzip_mb else float("inf")


def names() -> list[str]:
    return [f.name for f in dataclasses.fields(Limits)]


def parse(settings: Iterable[str], base: Limits | None = None) -> Limits:
    """`base` (the defaults) with NAME=VALUE settings applied; ValueError says what is wrong in one line."""
    changes: dict[str, float | int] = {}
    for setting in settings:
        for item in filter(None, (part.strip() for part in setting.split(","))):
            name, sep, value = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in names():
                raise ValueError(f"unknown limit {item!r} (NAME=VALUE with NAME one of {', '.join(names())})")
            kind = type(getattr(Limits, name))
            try:
                number = kind(value)
            except ValueError:
                raise ValueError(f"limit {name}: {value!r} is not a number") from None
            if number < 0:
                raise ValueError(f"limit {name}: {value} is negative (0 means no limit)")
            changes[name] = number
    return dataclasses.replace(base or Limits(), **changes)


_current: Limits | None = None


def current() -> Limits:
    """The limits in force: those set by `applied`, else the defaults with ZHENGCE_LIMITS applied."""
    return _current if _current is not None else parse([os.environ.get(ENV, "")])


@contextmanager
def applied(limits: Limits | None) -> Iterator[None]:
    """Run with `limits` in force (None: leave them as they are)."""
    global _current
    before = _current
    if limits is not None:
        _current = limits
    try:
        yield
    finally:
        _current = before


def hint(name: str) -> str:
    """The end of an error caused by limit `name`: how to raise it."""
    return f"(raise it with --limit {name}=N)"
