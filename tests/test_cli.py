"""The command line on the bundled corpus: rule files valid against the schema, a batch that
survives bad files, outlines a person can read."""

import csv
import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner
from zhengce.rulegen.schema import validate

from tests.helpers import CORPUS, rules
from zhengce.cli import app

runner = CliRunner()


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_rule_file_validates_against_the_schema(seed):
    validate(rules(seed))


def test_batch_writes_rule_files_index_and_reports_bad_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("00[03]_*.txt")):
        shutil.copy(path, docs / path.name)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "junk.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    written = sorted(p.name for p in out.glob("*.rules.json"))
    assert written == ["000_8ea254492c89ce78.rules.json", "003_2df374d9f4d9fda4.rules.json"]
    failures = (out / "failures.txt").read_text(encoding="utf-8").splitlines()
    assert len(failures) == 2
    assert any("empty.txt" in f and "empty" in f.split(":", 1)[1] for f in failures)
    assert any("junk.txt" in f for f in failures)
    with (out / "index.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    reward = [r for r in rows if r["quote"].startswith("对本计划实施后新认定的国家高新技术企业") and r["role"] == "benefit"]
    assert [(r["value"], r["unit"], r["responsible_units"]) for r in reward] == [
        ("300000", "CNY", "市科技局、市财政局、市发展改革局")]
    for path in out.glob("*.rules.json"):
        validate(json.loads(path.read_text(encoding="utf-8")))


def test_extract_writes_yaml(tmp_path):
    out = tmp_path / "r.yaml"
    result = runner.invoke(app, ["extract", str(next(CORPUS.glob("003_*.txt"))), "-o", str(out), "--format", "yaml"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["document"]["valid_until"] == "2028-03-03"


def test_parse_outline_and_json():
    path = str(next(CORPUS.glob("002_*.txt")))
    outline = runner.invoke(app, ["parse", path, "--outline"]).output.splitlines()
    assert outline[0] == "关于推动制造业高质量发展若干政策措施"
    assert outline[2].split() == ["h1", "大产业"]
    assert outline[3].split() == ["h1.1", "（一）", "培育壮大百亿千亿级产业集群"]
    tree = json.loads(runner.invoke(app, ["parse", path]).output)
    assert [c["title"] for c in tree["clauses"]] == ["大产业", "大平台", "大项目", "大企业", "大环境"]
    assert tree["metadata"]["draft"] is True


def test_a_missing_file_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "nope.txt" in result.output
