"""Fuzzing the text pipeline: whatever a notice is cut, shuffled or littered with, parsing and
rule building either work or raise ZhengceError (one line for the user), never anything else.

Batches turn any other exception into an "internal error" line, so these find the bugs that
would otherwise only show up as such lines in failures.txt of a large run.
"""

from __future__ import annotations

import contextlib
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zhengce.rulegen.build import rule_file

from tests.helpers import CORPUS
from zhengce.errors import ZhengceError
from zhengce.model import Source
from zhengce.pipeline import parse_source

NOTICES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
# Characters a notice is made of, plus the debris extraction leaves: form feeds, NULs, odd spaces, lone markup.
ALPHABET = sorted(set("".join(NOTICES))) + list("\f\x00\u3000\ufeff\r\t*#|<>（）〔〕—…-")
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(text: str, kind: str = "text") -> None:
    """Parse and build rules; only ZhengceError may come out."""
    with contextlib.suppress(ZhengceError):
        rule_file(parse_source(Source("fuzz.txt", text, kind)))


@st.composite
def mutated_notices(draw: st.DrawFn) -> str:
    """A corpus notice sliced, with lines shuffled, dropped or doubled, and junk characters inserted."""
    text = draw(st.sampled_from(NOTICES))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    lines = text[start:end].split("\n")
    rng = random.Random(draw(st.integers(0, 2**32)))
    operation = draw(st.sampled_from(["shuffle", "drop", "double", "keep"]))
    if operation == "shuffle":
        rng.shuffle(lines)
    elif operation == "drop":
        lines = [line for line in lines if rng.random() > 0.3]
    elif operation == "double":
        lines = [line for line in lines for _ in range(rng.choice((1, 2)))]
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 20))):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(ALPHABET) + text[at:]
    return text


@FUZZ
@given(mutated_notices(), st.sampled_from(["text", "markdown"]))
def test_mutated_notices_never_crash(text, kind):
    survives(text, kind)


@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text_never_crashes(text):
    survives(text)
