"""Decode a text file's bytes the way Chinese government sites publish them.

Notices come as UTF-8 (with or without BOM), occasionally UTF-16 from Windows tools, and very
often GBK/GB2312 from older CMSs. GB18030 is a superset of both, so a GBK file and its UTF-8
twin decode to the same text. Anything else goes to charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from zhengce.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NUL_WINDOW = 8000  # like git: a NUL in the first 8000 bytes means binary
_MAX_JUNK_SHARE = 0.02  # control / unassigned / private-use / U+FFFD characters allowed
_MAX_BAD_UTF8_SHARE = 0.01  # invalid sequences per non-ASCII char still read as damaged UTF-8
_TEXT_CONTROLS = frozenset("\t\n\f\v")
# Runs of characters that are assigned and printable (ASCII, Latin-1, general punctuation, CJK
# punctuation, the GB2312 ideographs, full-width forms): never junk, so only the rest is looked up.
_USUAL = re.compile(r"[\t\n\x20-\x7e\u00a0-\u00ff\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]+")


class Decoded(NamedTuple):
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_text(data: bytes, path: str) -> Decoded:
    """Decode `data` to text with "\\n" newlines, or raise ReadError for empty or binary input."""
    if not data.strip():
        raise ReadError(path, "empty file")
    decoded = _decode(data, path)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "empty file")
    if _junk_share(text) > _MAX_JUNK_SHARE:
        raise ReadError(path, "binary content, not text")
    return decoded._replace(text=text)


def _decode(data: bytes, path: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"not valid {encoding} despite its byte-order mark") from exc
    if b"\0" in data[:_NUL_WINDOW]:
        raise ReadError(path, "binary content, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged:
        return damaged
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a last resort, and slow to import

    guess = from_bytes(data).best()
    if guess is None:
        raise ReadError(path, "binary content, not text")
    return Decoded(str(guess), guess.encoding)


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a cut-off download, a bad paste).

    Read as GB18030 it would silently turn into mojibake, so keep UTF-8 and say what was lost.
    GBK text read as UTF-8 breaks on nearly every Chinese character and fails the ratio.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    if bad > _MAX_BAD_UTF8_SHARE * non_ascii:
        return None
    return Decoded(text, "utf-8", (f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD",))


def _junk_share(text: str) -> float:
    """Share of characters no real document contains: controls, unassigned, private use, U+FFFD."""
    rest = _USUAL.sub("", text)
    junk = sum(
        1
        for ch in rest
        if ch == "\ufffd" or (ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cn", "Co"))
    )
    return junk / len(text)
