"""Notices written for this project in the styles of other places and layouts (ministries, provinces,
counties, development zones, leading groups, joint notices, web pages of other sites, 办事指南, 条例),
each with its own gold (../shared/eval/GOLD_FORMAT.md), scored by the shared scorer through the real
pipeline: responsible units and document fields must stay at or above a fixed minimum on each."""

import json
from pathlib import Path

import pytest

from bench.devscore import EVAL, scorer
from zhengce.pipeline import extract

PROBE = Path(__file__).resolve().parent / "data" / "probe"
MIN_UNITS_F1 = 0.75  # per notice; the lowest today is 0.80 (a body named by a relative clause)


@pytest.mark.parametrize("gold_path", sorted((PROBE / "gold").glob("*.gold.json")), ids=lambda p: p.name.split(".")[0])
def test_a_probe_notice_keeps_its_units_and_fields(gold_path):
    if not (EVAL / "score.py").is_file():
        pytest.skip(f"no scorer at {EVAL / 'score.py'}")
    score = scorer()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    rule_file = extract(PROBE / "docs" / gold["doc"])
    units = score.score_units(gold["units"], rule_file["rules"], gold["city"])
    fields = score.score_document(gold["document"], rule_file["document"])
    _, _, f1 = score.prf(units["tp"], units["system"], units["gold"])
    assert (f1 >= MIN_UNITS_F1, fields["wrong"]) == (True, []), (units["misses"], units["spurious"])
