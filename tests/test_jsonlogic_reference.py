"""`zhengce match` against the reference JsonLogic evaluator (json-logic-js, run by Node) on random
profiles over the rules of the bundled notices and, when ../shared/eval/dev2 is there, of dev2.

Our evaluator is three-valued: a decided verdict must be the reference's whatever the missing values
are (a false part settles an `and`, a true one an `or`), a complete profile must be decided, and a
rule that does not apply must name a failed comparison.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zhengce.rulegen.logic import BOOL, unit_of
from zhengce.rulegen.match import evaluate
from zhengce.rulegen.profile import nested

from tests.conftest import CORPUS
from tests.helpers import dev2_rule_files, rules

JS = Path(__file__).parent / "js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(
    not NODE or not (JS / "node_modules" / "json-logic-js").is_dir(),
    reason="needs Node and json-logic-js: apt-get install nodejs npm && npm ci --prefix tests/js",
)


def reference(cases: list[tuple[dict, dict]]) -> list[bool]:
    """What json-logic-js makes of each (logic, nested data)."""
    done = subprocess.run([NODE, str(JS / "evaluate.js")], input=json.dumps(cases), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def _constants(logic: dict, found: dict[str, set]) -> dict[str, set]:
    """Variable -> the constants it is compared with."""
    ((op, args),) = logic.items()
    if op in ("and", "or"):
        for a in args:
            _constants(a, found)
    else:
        found.setdefault(args[0]["var"], set()).add(args[1])
    return found


@pytest.fixture(scope="module")
def logics() -> list[dict]:
    files = [rules(p.name.split("_")[0]) for p in sorted(CORPUS.glob("*.txt"))]
    files += dev2_rule_files()
    found = [r["logic"] for f in files for r in f["rules"] if r["logic"]]
    assert len(found) > 30
    return found


def _value(name: str, bounds: set) -> st.SearchStrategy:
    """Missing, or a value at, around or far from the bounds the rule compares with."""
    if unit_of(name) == BOOL:
        return st.one_of(st.none(), st.booleans())
    near = sorted({b + d for b in bounds for d in (-1, -0.5, 0, 0.5, 1)})
    return st.one_of(st.none(), st.sampled_from(near), st.floats(-1e10, 1e10, allow_nan=False))


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_match_agrees_with_json_logic_js(logics, data):
    cases, ours = [], []
    for logic in data.draw(st.lists(st.sampled_from(logics), min_size=40, max_size=40)):
        bounds = _constants(logic, {})
        profile = {name: data.draw(_value(name, values), label=name) for name, values in bounds.items()}
        present = {k: v for k, v in profile.items() if v is not None}
        verdict = evaluate(logic, present)
        if len(present) == len(profile):
            assert verdict.result is not None, (logic, profile)
        if verdict.result is False:
            assert verdict.failed, (logic, profile)
        cases.append((logic, nested(present)))
        ours.append(verdict.result)
    for (logic, profile), mine, theirs in zip(cases, ours, reference(cases), strict=True):
        assert mine is None or mine == theirs, (logic, profile)
