"""The policy library (issue #19): what `library add` stores, its transactions, and `query`'s filters."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner
from zhengce.rulegen import query
from zhengce.rulegen.library import add
from zhengce.rulegen.library_db import cited_by, cites, connect, failures, remove, rule_file, store
from zhengce.rulegen.library_record import Record

from tests.library_notices import REWARD, build_library
from zhengce.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> tuple[sqlite3.Connection, dict[str, int]]:
    db, ids = build_library(tmp_path_factory.mktemp("library"))
    return connect(db, create=False), ids


@pytest.fixture()
def one(tmp_path) -> tuple[sqlite3.Connection, object]:
    """A fresh library holding only reward.txt: (connection, path of the notice)."""
    path = tmp_path / "reward.txt"
    path.write_text(REWARD, encoding="utf-8")
    conn = connect(tmp_path / "one.db")
    assert [o.error for o in add(conn, [path])] == [None]
    return conn, path


def snapshot(conn: sqlite3.Connection) -> dict[str, list]:
    """Every row of every table, to compare a database before and after."""
    tables = ["notices", "clauses", "rules", "figures", "units", "refs", "passages"]
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}


def rules_of(conn, rows: list[dict]) -> set[tuple[str, str]]:
    """(文号, rule id) of query rows."""
    return {(r["doc_number"], r["rule"]) for r in rows}


def run(conn, **kwargs) -> set[tuple[str, str]]:
    return rules_of(conn, query.run(conn, query.filters(**kwargs)))


def test_every_figure_is_stored_with_its_place_in_text_and_source(one):
    conn, path = one
    text = path.read_text(encoding="utf-8")
    rows = conn.execute("SELECT f.role, f.metric, f.variable, f.op, f.value, f.unit, f.text, f.src_start, f.src_end"
                        " FROM figures f JOIN rules r ON r.id = f.rule_id WHERE r.rule = 'art3#1' ORDER BY f.rowid"
                        ).fetchall()
    assert [tuple(r)[:7] for r in rows] == [
        ("condition", "营业收入", "营业收入.上一年度", ">=", 20000000.0, "CNY", "2000万元"),
        ("benefit", None, None, "<=", 300000.0, "CNY", "30万元"),
    ]
    assert [text[r["src_start"]:r["src_end"]] for r in rows] == ["2000万元", "30万元"]
    units = conn.execute("SELECT u.name FROM units u JOIN rules r ON r.id = u.rule_id WHERE r.rule = 'art4#1'")
    assert [u[0] for u in units] == ["市工业和信息化局", "市财政局"]
    assert [tuple(r) for r in conn.execute("SELECT relation, title, doc_number FROM refs")] == [
        ("cites", "清远市促进中小企业特色产业集群发展暂行办法", "清工信函〔2025〕16号")]
    assert rule_file(conn, 1)["document"]["doc_number"] == "清工信〔2025〕9号"


def test_re_adding_an_unchanged_file_changes_nothing(one):
    conn, path = one
    before = conn.total_changes
    outcomes = list(add(conn, [path]))
    assert [(o.skipped, o.error) for o in outcomes] == [(True, None)]
    assert conn.total_changes == before


def test_a_changed_file_replaces_its_record_under_the_same_id(one):
    conn, path = one
    path.write_text(REWARD.replace("奖励50万元", "奖励80万元"), encoding="utf-8")
    assert [o.error for o in add(conn, [path])] == [None]
    assert [r["id"] for r in conn.execute("SELECT id FROM notices")] == [1]
    assert run(conn, min_amount="60万") == {("清工信〔2025〕9号", "art2#1")}
    assert sorted(r[0] for r in conn.execute("SELECT value FROM figures WHERE role = 'benefit'")) == [300000, 800000]
    # the old passages left the search index with the old rules
    passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert passages == conn.execute("SELECT count(DISTINCT passage) FROM rules").fetchone()[0]


def test_a_file_that_fails_leaves_its_old_record_and_is_listed_until_added(one):
    conn, path = one
    before = snapshot(conn)
    path.write_bytes(b"")
    outcomes = list(add(conn, [path]))
    assert outcomes[0].error and str(path) in outcomes[0].error
    assert snapshot(conn) == before
    assert [(f["path"], f["error"]) for f in failures(conn)] == [(str(path), outcomes[0].error)]
    path.write_text(REWARD, encoding="utf-8")
    assert [(o.skipped, o.error) for o in add(conn, [path])] == [(True, None)]
    assert failures(conn) == []


def test_a_record_that_fails_half_way_is_rolled_back(one):
    conn, path = one
    before = snapshot(conn)
    data = rule_file(conn, 1)
    data["rules"][1]["benefits"][0]["detail"] = {1, 2}  # not JSON: the insert fails after the old rows went
    with pytest.raises(TypeError):
        store(conn, Record(str(path.resolve()), "changed", "0", data, REWARD, [], {}))
    assert snapshot(conn) == before


def test_keys_other_helpers_add_are_stored(one):
    """`others` (the newer name of `other_quantities`) and a rule's `review` strings."""
    conn, path = one
    data = rule_file(conn, 1)
    rule = data["rules"][0]
    rule.pop("other_quantities", None)
    rule["others"] = [{"value": 3, "unit": "年", "text": "3年", "quote": "有效期3年"}]
    rule["review"] = ["句中有两个金额"]
    store(conn, Record(str(path.resolve()), "changed", "0", data, REWARD, [], {}))
    assert [tuple(r) for r in conn.execute("SELECT role, value, unit, text FROM figures WHERE role = 'other'")] == [
        ("other", 3.0, "年", "3年")]
    assert [json.loads(r[0]) for r in conn.execute("SELECT review FROM rules WHERE review IS NOT NULL")] == [
        ["句中有两个金额"]]


def test_remove_takes_every_row_of_the_notice(one):
    conn, _ = one
    assert remove(conn, 1) and not remove(conn, 1)
    assert all(rows == [] for rows in snapshot(conn).values())


@pytest.mark.parametrize("words", ["专精特新", "小巨人", "专精特新小巨人", "“小巨人”企业"])
def test_full_text_finds_words_across_quotation_marks(library, words):
    conn, _ = library
    found = run(conn, text=words, issuer="工业和信息化局")
    assert ("清工信〔2025〕9号", "art2#1") in found and ("清工信〔2025〕21号", "art2#1") in found


@pytest.mark.parametrize("words", ["补贴", "补贴 营业收入", "营业收入 补贴 企业"])
def test_full_text_short_words_and_several_words(library, words):
    conn, _ = library
    assert run(conn, text=words, issuer="工业和信息化局") == {
        ("清工信〔2025〕9号", "art3#1"), ("清工信〔2025〕21号", "art3#1")}


@pytest.mark.parametrize(("filters", "expected"), [
    ({"min_amount": "50万", "text": "专精特新"}, {("清工信〔2025〕9号", "art2#1"), ("清工信〔2025〕21号", "art2#1")}),
    ({"min_amount": "60万元", "issuer": "工业和信息化局"}, {("清工信〔2025〕21号", "art2#1")}),
    ({"max_amount": "300000", "min_amount": "20万", "issuer": "工业和信息化局"},
     {("清工信〔2025〕9号", "art3#1"), ("清工信〔2025〕21号", "art3#1")}),
    ({"kind": "responsibility", "issuer": "工业和信息化局", "unit": "财政局"},
     {("清工信〔2025〕9号", "art4#1"), ("清工信〔2025〕21号", "art4#1")}),
    ({"metric": "营业收入", "issuer": "工业和信息化局"}, {("清工信〔2025〕9号", "art3#1"), ("清工信〔2025〕21号", "art3#1")}),
    ({"cites": "清工信函[2025]16号", "kind": "benefit", "text": "10万元"}, {("清工信〔2025〕21号", "art5#1")}),
    ({"valid_on": "2025-01-20", "issuer": "工业和信息化局", "kind": "benefit", "city": "清远市"}, set()),
])
def test_query_filters(library, filters, expected):
    conn, _ = library
    assert run(conn, **filters) == expected


def test_valid_on_keeps_notices_in_force_that_day(library):
    conn, _ = library
    found = {r["doc_number"] for r in query.run(conn, query.filters(valid_on="2026-03-01", kind="benefit"))}
    assert {"清工信〔2025〕9号", "清工信〔2025〕21号"} <= found
    assert "清工信函〔2025〕16号" not in {r["doc_number"] for r in query.run(conn, query.filters(valid_on="2024-12-31"))}


def test_citations_link_both_ways(library):
    conn, ids = library
    assert [(c["relation"], c["doc_number"], c["target"]) for c in cites(conn, ids["reward"])] == [
        ("cites", "清工信函〔2025〕16号", ids["003"])]
    assert sorted(c["id"] for c in cited_by(conn, ids["003"])) == sorted([ids["reward"], ids["revised"]])


@pytest.mark.parametrize(("filters", "message"), [
    ({"valid_on": "2025-02-30"}, "not a date: '2025-02-30'"),
    ({"min_amount": "很多"}, "not an amount: '很多'"),
    ({"kind": "reward"}, "unknown kind 'reward'"),
    ({"limit": "0"}, "the limit is between 1 and 10000"),
])
def test_bad_filters_are_one_clear_message(filters, message):
    with pytest.raises(query.QueryError, match=message):
        query.filters(**filters)


def test_cli_add_list_query_csv_with_bom_and_remove(tmp_path, monkeypatch):
    path = tmp_path / "reward.txt"
    path.write_text(REWARD, encoding="utf-8")
    monkeypatch.setenv("ZHENGCE_DB", str(tmp_path / "env.db"))
    added = runner.invoke(app, ["library", "add", str(path), "-j", "1"])
    assert added.exit_code == 0 and "1 stored, 0 unchanged, 0 failed" in added.output
    assert runner.invoke(app, ["library", "add", str(path)]).output.startswith("0 stored, 1 unchanged, 0 failed")
    listed = runner.invoke(app, ["library", "list"]).output
    assert listed.startswith("1\t清工信〔2025〕9号\t清远市专精特新企业奖励办法\t3 rules\t")
    out = runner.invoke(app, ["query", "--text", "小巨人", "--format", "csv"]).stdout_bytes
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    assert rows[0] == query.COLUMNS
    assert [r[1:7] + [r[8]] for r in rows[1:]] == [
        ["清工信〔2025〕9号", "清远市专精特新企业奖励办法", "art2#1", "benefit", "art2", "第二条", "benefit 50万元"]]
    data = json.loads(runner.invoke(app, ["query", "--min-amount", "50万", "--format", "json"]).stdout)
    assert [(r["rule"], r["amounts"][0]["value"]) for r in data] == [("art2#1", 500000)]
    bad = runner.invoke(app, ["query", "--valid-on", "yesterday"])
    assert bad.exit_code == 1 and bad.output == "error: not a date: 'yesterday' (write YYYY-MM-DD)\n"
    assert runner.invoke(app, ["library", "remove", "1"]).exit_code == 0
    gone = runner.invoke(app, ["library", "remove", "1"])
    assert gone.exit_code == 1 and "no notice 1" in gone.output


def test_a_database_that_is_no_library_is_one_line(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    (tmp_path / "reward.txt").write_text(REWARD, encoding="utf-8")
    result = runner.invoke(app, ["library", "add", str(tmp_path / "reward.txt"), "--db", str(other)])
    assert result.exit_code == 1 and result.output.startswith(f"error: {other}: not a zhengce library: ")


def test_cli_on_a_missing_library_is_one_line(tmp_path):
    result = runner.invoke(app, ["query", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'none.db'}: no library here (create one with `zhengce library add`)\n"
