"""A string that remembers, for every character, where it came from in the source.

Every normalisation step is a regular-expression substitution on a `Mapped`; offsets survive all of
them, so a fact found in the clean text can always cite the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import regex


class Mapped(NamedTuple):
    text: str
    idx: Sequence[int]  # idx[i]: source offset of text[i]; a range until a substitution changes lengths

    @classmethod
    def of(cls, text: str, start: int = 0) -> Mapped:
        """An unchanged text: its map is a range, so slicing it copies nothing."""
        return cls(text, range(start, start + len(text)))

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.idx[start:end])

    def strip(self, chars: str | None = None) -> Mapped:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def sub(self, pattern: re.Pattern | regex.Pattern, repl: str | Callable[[Any], str]) -> Mapped:
        """Replace every match; a same-length replacement keeps a 1:1 map, others map to the match start."""
        out_text: list[str] = []
        out_idx: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            out_text.append(self.text[pos : m.start()])
            out_idx.extend(self.idx[pos : m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            if len(new) == m.end() - m.start():
                out_idx.extend(self.idx[m.start() : m.end()])
            elif new:
                anchor = self.idx[m.start()] if m.end() > m.start() else self._at(m.start())
                out_idx.extend([anchor] * len(new))
            out_text.append(new)
            pos = m.end()
        if pos == 0 and not out_text:
            return self
        out_text.append(self.text[pos:])
        out_idx.extend(self.idx[pos:])
        return Mapped("".join(out_text), out_idx)

    def replace_alike(self, pattern: re.Pattern | regex.Pattern, repl: str | Callable[[Any], str]) -> Mapped:
        """Replace every match with text of its own length (`,` -> `，`, `"…"` -> `“…”`): the map
        stays as it is, and the work is one C-level substitution instead of a Python loop."""
        text = pattern.sub(repl, self.text)
        if len(text) != len(self.text):
            raise ValueError(f"replace_alike changed the length of the text with {pattern.pattern!r}")
        return self if text == self.text else Mapped(text, self.idx)

    def _at(self, i: int) -> int:
        if i < len(self.idx):
            return self.idx[i]
        return self.idx[-1] + 1 if self.idx else 0


def join(parts: list[Mapped]) -> Mapped:
    """Concatenate: the text and its map end to end."""
    idx: list[int] = []
    for part in parts:
        idx.extend(part.idx)
    return Mapped("".join(part.text for part in parts), idx)
