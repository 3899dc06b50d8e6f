"""The policy library: every added notice in one SQLite file.

One row per notice (its document fields, the whole rule file and normalised text kept
compressed, so nothing a rule file carries is lost whatever keys it grows), and beside it
the rows the questions across notices are asked of: rules, every figure (role, metric,
value, unit, per, quote, offsets, page), responsible and lead units, citations and repeals,
clauses. Rule text is searched through an FTS5 trigram index (any three characters, so
Chinese needs no word splitting), over text with quotation marks folded away so that
`专精特新小巨人` finds 专精特新“小巨人”.

`names` holds every metric, variable and unit name ever stored (a name whose notices were
removed just matches nothing): a `LIKE '%…%'` over these few hundred names, then the
indexes, instead of over every figure.

Each notice is written in one transaction: replacing a changed file is all or nothing.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from zhengce.normalize.doc_numbers import DOC_NUMBER, normalize_doc_number

from .library_record import Record, figure_lists

DEFAULT_DB = "zhengce.db"
SCHEMA_VERSION = 1
_FOLDED = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")

SCHEMA = """
CREATE TABLE IF NOT EXISTS notices (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, version TEXT NOT NULL,
  added_at TEXT NOT NULL, title TEXT, policy_title TEXT, doc_number TEXT, number_key TEXT, title_key TEXT,
  issuer TEXT, city TEXT, issued_on TEXT, valid_from TEXT, valid_until TEXT, draft INTEGER,
  text BLOB NOT NULL, rule_file BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS notices_number ON notices(number_key);
CREATE INDEX IF NOT EXISTS notices_title ON notices(title_key);
CREATE TABLE IF NOT EXISTS clauses (
  notice_id INTEGER NOT NULL REFERENCES notices ON DELETE CASCADE,
  clause TEXT, label TEXT, title TEXT, start INTEGER, end INTEGER);
CREATE INDEX IF NOT EXISTS clauses_notice ON clauses(notice_id);
CREATE TABLE IF NOT EXISTS rules (
  id INTEGER PRIMARY KEY, notice_id INTEGER NOT NULL REFERENCES notices ON DELETE CASCADE,
  rule TEXT, kind TEXT, clause TEXT, clause_label TEXT, clause_title TEXT, quote TEXT, passage INTEGER,
  start INTEGER, end INTEGER, src_start INTEGER, src_end INTEGER, page INTEGER,
  needs_review INTEGER, review TEXT, logic TEXT);
CREATE INDEX IF NOT EXISTS rules_notice ON rules(notice_id);
CREATE INDEX IF NOT EXISTS rules_passage ON rules(passage);
CREATE TABLE IF NOT EXISTS figures (
  rule_id INTEGER NOT NULL REFERENCES rules ON DELETE CASCADE, notice_id INTEGER NOT NULL,
  role TEXT, kind TEXT, metric TEXT, variable TEXT, period TEXT, op TEXT,
  value REAL, amount REAL, unit TEXT, per TEXT, text TEXT, quote TEXT,
  start INTEGER, end INTEGER, src_start INTEGER, src_end INTEGER, page INTEGER);
CREATE INDEX IF NOT EXISTS figures_rule ON figures(rule_id);
CREATE INDEX IF NOT EXISTS figures_amount ON figures(role, amount, unit, rule_id);  -- covers the amount filter
CREATE INDEX IF NOT EXISTS figures_notice ON figures(notice_id);
CREATE INDEX IF NOT EXISTS figures_metric ON figures(metric, rule_id);
CREATE INDEX IF NOT EXISTS figures_variable ON figures(variable, rule_id);
CREATE TABLE IF NOT EXISTS units (
  rule_id INTEGER NOT NULL REFERENCES rules ON DELETE CASCADE, notice_id INTEGER NOT NULL,
  name TEXT, lead INTEGER);
CREATE INDEX IF NOT EXISTS units_rule ON units(rule_id);
CREATE INDEX IF NOT EXISTS units_notice ON units(notice_id);
CREATE INDEX IF NOT EXISTS units_name ON units(name, rule_id);
CREATE TABLE IF NOT EXISTS names (kind TEXT, name TEXT, PRIMARY KEY (kind, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS refs (
  notice_id INTEGER NOT NULL REFERENCES notices ON DELETE CASCADE,
  relation TEXT, title TEXT, doc_number TEXT, number_key TEXT, title_key TEXT);
CREATE INDEX IF NOT EXISTS refs_notice ON refs(notice_id);
CREATE INDEX IF NOT EXISTS refs_number ON refs(number_key);
CREATE INDEX IF NOT EXISTS refs_title ON refs(title_key);
CREATE TABLE IF NOT EXISTS failures (path TEXT PRIMARY KEY, error TEXT, at TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(text, tokenize='trigram');
"""


class LibraryError(Exception):
    """A database that cannot be opened or used: one line for the user."""


def fold(text: str) -> str:
    """What the index compares: no whitespace, no quotation marks or title brackets."""
    return _FOLDED.sub("", text)


def number_key(number: str | None) -> str | None:
    return normalize_doc_number(number) if number else None


def title_key(title: str | None) -> str | None:
    return fold(title) or None if title else None


def connect(path: str | Path, create: bool = True) -> sqlite3.Connection:
    """The library at `path` (created with its tables when `create`), in autocommit mode: writers use `transaction`."""
    path = Path(path)
    if not create and not path.is_file():
        raise LibraryError(f"{path}: no library here (create one with `zhengce library add`)")
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if create and version == 0 and not conn.execute("SELECT 1 FROM sqlite_schema").fetchone():
            conn.execute("PRAGMA journal_mode = WAL")  # the web app reads while `library add` writes
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            version = SCHEMA_VERSION
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL stays consistent; commits skip an fsync each
        conn.execute("SELECT count(*) FROM notices").fetchone()
    except sqlite3.Error as e:
        raise LibraryError(f"{path}: not a zhengce library: {e}") from e
    if version != SCHEMA_VERSION:
        conn.close()
        raise LibraryError(f"{path}: a library of another zhengce version (schema {version}, this one reads "
                           f"{SCHEMA_VERSION}): add the documents to a new library")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All statements inside or none of them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def pack(value: object) -> bytes:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 6)


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def priors(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """path -> (sha256, version) of every stored notice: what `add` may skip."""
    return {r["path"]: (r["sha256"], r["version"]) for r in conn.execute("SELECT path, sha256, version FROM notices")}


def store(conn: sqlite3.Connection, rec: Record) -> int:
    """Insert a notice, or replace the one stored from the same path (same id), in one transaction."""
    with transaction(conn):
        old = conn.execute("SELECT id FROM notices WHERE path = ?", (rec.path,)).fetchone()
        if old:
            _delete(conn, old["id"])
        return _insert(conn, rec, old["id"] if old else None)


def note_failure(conn: sqlite3.Connection, path: str, error: str | None) -> None:
    """Keep the failure list: the file's last error, or none once it was added or found unchanged."""
    if error:
        conn.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (path, error, _now()))
    else:
        conn.execute("DELETE FROM failures WHERE path = ?", (path,))


def failures(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT path, error, at FROM failures ORDER BY path").fetchall()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def remove(conn: sqlite3.Connection, notice_id: int) -> bool:
    with transaction(conn):
        found = conn.execute("SELECT 1 FROM notices WHERE id = ?", (notice_id,)).fetchone()
        if found:
            _delete(conn, notice_id)
    return bool(found)


def _delete(conn: sqlite3.Connection, notice_id: int) -> None:
    conn.execute("DELETE FROM passages WHERE rowid IN (SELECT DISTINCT passage FROM rules WHERE notice_id = ?)",
                 (notice_id,))
    conn.execute("DELETE FROM notices WHERE id = ?", (notice_id,))  # the rest cascades


def _insert(conn: sqlite3.Connection, rec: Record, notice_id: int | None) -> int:
    doc = rec.rule_file.get("document") or {}
    issuer = doc.get("issuer") or []
    row = (notice_id, rec.path, rec.sha256, rec.version, _now(),
           doc.get("title"), doc.get("policy_title"), doc.get("doc_number"), number_key(doc.get("doc_number")),
           title_key(doc.get("policy_title") or doc.get("title")),
           "、".join(issuer) if isinstance(issuer, list) else str(issuer), doc.get("city"), doc.get("issued_on"),
           doc.get("valid_from"), doc.get("valid_until"), bool(doc.get("draft")), pack(rec.text), pack(rec.rule_file))
    cur = conn.execute("INSERT INTO notices VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
    nid = cur.lastrowid
    conn.executemany("INSERT INTO clauses VALUES (?,?,?,?,?,?)", [(nid, *c) for c in rec.clauses])
    conn.executemany("INSERT INTO refs VALUES (?,?,?,?,?,?)", list(_refs(nid, doc)))
    passages: dict[str, int] = {}
    for r, rule in enumerate(rec.rule_file.get("rules") or []):
        _insert_rule(conn, nid, r, rule, rec, passages)
    return nid


def _insert_rule(conn: sqlite3.Connection, nid: int, r: int, rule: dict, rec: Record, passages: dict) -> None:
    text = rule.get("text") or rule.get("quote") or ""
    if text not in passages:
        passages[text] = conn.execute("INSERT INTO passages(text) VALUES (?)", (fold(text),)).lastrowid
    span, src = rule.get("span") or [None, None], rule.get("source_span") or [None, None]
    review = rule.get("review")
    logic = rule.get("logic")
    rid = conn.execute(
        "INSERT INTO rules VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (nid, str(rule.get("id")), rule.get("kind"), rule.get("clause"), rule.get("clause_label"),
         rule.get("clause_title"), rule.get("quote"), passages[text], span[0], span[1], src[0], src[1],
         rule.get("page"), bool(rule.get("needs_review")), json.dumps(review, ensure_ascii=False) if review else None,
         json.dumps(logic, ensure_ascii=False) if logic is not None else None),
    ).lastrowid
    rows = []
    for key, role, figures in figure_lists(rule):
        for f, fig in enumerate(figures):
            if isinstance(fig, dict):
                place = rec.places.get((r, key, f), (None,) * 5)
                rows.append((rid, nid, role, *_figure(fig), *place))
    conn.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    units = [(rid, nid, u, False) for u in rule.get("responsible_units") or []]
    units += [(rid, nid, u, True) for u in rule.get("lead_units") or []]
    conn.executemany("INSERT INTO units VALUES (?,?,?,?)", units)
    names = {("metric", n) for row in rows for n in row[4:6] if n} | {("unit", u[2]) for u in units}
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", sorted(names))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _figure(fig: dict) -> tuple:
    """(kind, metric, variable, period, op, value, amount, unit, per, text, quote) of one figure.

    `amount` is what amount filters compare: the value, else the top of a range (or its floor)."""
    value = _number(fig.get("value"))
    ends = [_number((fig.get(k) or {}).get("value")) if isinstance(fig.get(k), dict) else _number(fig.get(k))
            for k in ("max", "min")]
    amount = value if value is not None else next((v for v in ends if v is not None), None)
    unit = fig.get("unit") or next((fig[k].get("unit") for k in ("max", "min") if isinstance(fig.get(k), dict)), None)
    return (fig.get("kind"), fig.get("metric"), fig.get("variable"), fig.get("period"), fig.get("op"), value, amount,
            unit, fig.get("per"), fig.get("text"), fig.get("quote"))


def _refs(nid: int, doc: dict) -> Iterator[tuple]:
    """Cited documents (《title》 with or without 文号) and repealed ones (a 文号 or a title)."""
    for ref in doc.get("references") or []:
        if isinstance(ref, dict):
            title, number = ref.get("title"), ref.get("doc_number")
            yield nid, "cites", title, number, number_key(number), title_key(title)
    for item in doc.get("supersedes") or []:
        if isinstance(item, str):
            is_number = bool(DOC_NUMBER.fullmatch(item.strip()))
            title, number = (None, item) if is_number else (item, None)
            yield nid, "supersedes", title, number, number_key(number), title_key(title)


def notices(conn: sqlite3.Connection, limit: int = -1) -> list[sqlite3.Row]:
    """The stored notices in the order they were added (the first `limit` of them)."""
    return conn.execute(
        "SELECT n.id, n.doc_number, COALESCE(n.policy_title, n.title) AS name, n.issued_on, n.path, n.added_at,"
        " (SELECT count(*) FROM rules r WHERE r.notice_id = n.id) AS rules FROM notices n ORDER BY n.id LIMIT ?",
        (limit,)).fetchall()


def notice(conn: sqlite3.Connection, notice_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM notices WHERE id = ?", (notice_id,)).fetchone()


def rule_file(conn: sqlite3.Connection, notice_id: int) -> dict | None:
    row = conn.execute("SELECT rule_file FROM notices WHERE id = ?", (notice_id,)).fetchone()
    return json.loads(unpack(row["rule_file"])) if row else None


def rule_files(conn: sqlite3.Connection, in_force_on: str | None = None) -> Iterator[tuple[int, dict]]:
    """(id, rule file) of every notice, or of those not expired on a day (YYYY-MM-DD)."""
    for r in conn.execute("SELECT id, rule_file FROM notices WHERE ? IS NULL OR valid_until IS NULL OR valid_until >= ?"
                          " ORDER BY id", (in_force_on, in_force_on)):
        yield r["id"], json.loads(unpack(r["rule_file"]))


def cites(conn: sqlite3.Connection, notice_id: int) -> list[sqlite3.Row]:
    """What a notice cites or repeals, each with the library's notice of that number or title (or None)."""
    return conn.execute(
        "SELECT f.relation, f.title, f.doc_number, (SELECT n.id FROM notices n WHERE n.id != f.notice_id AND"
        " (n.number_key = f.number_key OR n.title_key = f.title_key) ORDER BY n.id LIMIT 1) AS target"
        " FROM refs f WHERE f.notice_id = ?", (notice_id,)).fetchall()


def cited_by(conn: sqlite3.Connection, notice_id: int) -> list[sqlite3.Row]:
    """The library's notices that cite or repeal this one (by its 文号 or its title)."""
    return conn.execute(
        "SELECT DISTINCT f.relation, n.id, n.doc_number, COALESCE(n.policy_title, n.title) AS name"
        " FROM notices me JOIN refs f ON f.number_key = me.number_key OR f.title_key = me.title_key"
        " JOIN notices n ON n.id = f.notice_id WHERE me.id = ? AND n.id != me.id ORDER BY n.id",
        (notice_id,)).fetchall()
