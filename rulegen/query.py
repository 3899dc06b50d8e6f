"""Rules across the library: filters in, rows out (shared by `zhengce query` and the web app).

Every filter is a parameter of one SQL statement. Rules come about in the order they were
added (notice by notice; with text, passage by passage), in whichever such order the driving
index already yields, so SQLite stops at the limit instead of sorting every match.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from zhengce.normalize.numbers import find_amounts

from .library_db import fold, number_key
from .report import amount as shown_amount

KINDS = ("benefit", "eligibility", "criterion", "target", "measure")  # rule kinds of the rule file
KIND_NAMES = {"responsibility": "measure"}  # a measure's only fact is who is responsible
FORMATS = ("table", "json", "csv")
COLUMNS = ["notice", "doc_number", "title", "rule", "kind", "clause", "label", "quote", "amounts", "units"]
DEFAULT_LIMIT = 100


class QueryError(ValueError):
    """A filter that cannot be read (a bad date, an amount that is no amount): one line for the user or a 400."""


@dataclass
class Filters:
    text: str | None = None
    issuer: str | None = None
    city: str | None = None
    valid_on: str | None = None
    kind: str | None = None
    metric: str | None = None
    min_amount: float | None = None
    max_amount: float | None = None
    unit: str | None = None
    cites: str | None = None
    limit: int = DEFAULT_LIMIT
    where: list[str] = field(default_factory=list, repr=False)
    args: list = field(default_factory=list, repr=False)

    def any(self) -> bool:
        return any(getattr(self, k) not in (None, "") for k in ("text", "issuer", "city", "valid_on", "kind", "metric",
                                                               "min_amount", "max_amount", "unit", "cites"))


def parse_amount(written: str) -> float:
    """`50万`, `50万元`, `1.5亿`, `500000` -> yuan."""
    written = written.strip()
    for text in (written, written + "元"):
        found = find_amounts(text)
        if len(found) == 1 and found[0].written == text and str(found[0].unit).startswith("CNY"):
            return float(found[0].value)
    try:
        return float(written)
    except ValueError:
        raise QueryError(f"not an amount: {written!r} (write 50万, 50万元 or 500000)") from None


def filters(text: str | None = None, issuer: str | None = None, city: str | None = None,
            valid_on: str | None = None, kind: str | None = None, metric: str | None = None,
            min_amount: str | None = None, max_amount: str | None = None, unit: str | None = None,
            cites: str | None = None, limit: int | str = DEFAULT_LIMIT) -> Filters:
    """Filters from what a user typed (empty means not given); a bad value raises QueryError."""
    blank = lambda v: (v or "").strip() or None  # noqa: E731
    if blank(valid_on):
        try:
            valid_on = date.fromisoformat(valid_on.strip()).isoformat()
        except ValueError:
            raise QueryError(f"not a date: {valid_on!r} (write YYYY-MM-DD)") from None
    kind = KIND_NAMES.get(blank(kind) or "", blank(kind))
    if kind and kind not in KINDS:
        raise QueryError(f"unknown kind {kind!r} ({', '.join(KINDS)} or responsibility)")
    try:
        limit = int(limit)
    except ValueError:
        raise QueryError(f"not a number: {limit!r}") from None
    if not 0 < limit <= 10000:
        raise QueryError("the limit is between 1 and 10000")
    return Filters(blank(text), blank(issuer), blank(city), blank(valid_on), kind, blank(metric),
                   parse_amount(min_amount) if blank(min_amount) else None,
                   parse_amount(max_amount) if blank(max_amount) else None, blank(unit), blank(cites), limit)


def _text_clause(words: str) -> tuple[list[str], list]:
    """Conditions for rules whose passage holds every word (quotes folded away, as in the index).

    Words of three characters or more go to the trigram index. Shorter ones are looked for in
    each candidate's passage with instr(): FTS5 cannot index them, and SQLite 3.40 answers a
    two-character LIKE on a trigram table with no rows at all."""
    terms = [t for t in (fold(w) for w in words.split()) if t]
    where, args = [], []
    long = [t for t in terms if len(t) >= 3]
    if long:
        where.append("r.passage IN (SELECT rowid FROM passages WHERE passages MATCH ?)")
        args.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long))
    short = [t for t in terms if len(t) < 3]
    if short:
        where.append("(SELECT " + " AND ".join(["instr(text, ?) > 0"] * len(short))
                     + " FROM passages WHERE rowid = r.passage)")
        args += short
    return where, args


def _where(f: Filters) -> tuple[str, list, str]:
    """The WHERE clause, its parameters, and the ORDER BY that lets the most selective index stop at the limit."""
    where, args = [], []
    if f.text and fold(f.text):
        where, args = _text_clause(f.text)
    if f.issuer:
        where.append("n.issuer LIKE ?")
        args.append(f"%{f.issuer}%")
    if f.city:
        where.append("n.city LIKE ?")
        args.append(f"%{f.city.removesuffix('市')}%")
    if f.valid_on:
        where.append("COALESCE(n.valid_from, n.issued_on, '') <= ? AND (n.valid_until IS NULL OR n.valid_until >= ?)")
        args += [f.valid_on, f.valid_on]
    if f.kind:
        where.append("r.kind = ?")
        args.append(f.kind)
    if f.metric:
        names = "(SELECT name FROM names WHERE kind = 'metric' AND name LIKE ?)"
        where.append(f"r.id IN (SELECT rule_id FROM figures WHERE metric IN {names}"
                     f" UNION SELECT rule_id FROM figures WHERE variable IN {names})")
        args += [f"%{f.metric}%"] * 2
    if f.min_amount is not None or f.max_amount is not None:
        low = f.min_amount if f.min_amount is not None else float("-inf")
        high = f.max_amount if f.max_amount is not None else float("inf")
        where.append("r.id IN (SELECT rule_id FROM figures WHERE role = 'benefit' AND amount BETWEEN ? AND ?"
                     " AND unit LIKE 'CNY%')")
        args += [low, high]
    if f.unit:
        where.append("r.id IN (SELECT rule_id FROM units WHERE name IN"
                     " (SELECT name FROM names WHERE kind = 'unit' AND name LIKE ?))")
        args.append(f"%{f.unit}%")
    if f.cites:
        where.append("r.notice_id IN (SELECT notice_id FROM refs WHERE number_key = ? OR title_key = ?)")
        args += [number_key(f.cites), fold(f.cites)]
    order = ("r.passage, r.id" if f.text and any(len(fold(w)) >= 3 for w in f.text.split())
             else "r.notice_id, r.id" if f.cites else "r.id")
    return " AND ".join(where) or "1", args, order


def run(conn: sqlite3.Connection, f: Filters) -> list[dict]:
    """The rules that pass every filter, with their notice, clause, quote, amounts and units."""
    where, args, order = _where(f)
    rows = conn.execute(
        "SELECT r.id, r.notice_id, r.rule, r.kind, r.clause, r.clause_label, r.quote, n.doc_number,"
        " COALESCE(n.policy_title, n.title) AS title FROM rules r JOIN notices n ON n.id = r.notice_id"
        f" WHERE {where} ORDER BY {order} LIMIT ?", [*args, f.limit]).fetchall()
    ids = [r["id"] for r in rows]
    marks = ",".join("?" * len(ids))
    amounts: dict[int, list[dict]] = {}
    for fig in conn.execute(f"SELECT rule_id, role, value, amount, unit, per, text, metric FROM figures"
                            f" WHERE rule_id IN ({marks}) AND role != 'other' ORDER BY rowid", ids):
        amounts.setdefault(fig["rule_id"], []).append(
            {"role": fig["role"], "value": fig["value"], "unit": fig["unit"], "per": fig["per"],
             "text": fig["text"], "metric": fig["metric"]})
    units: dict[int, list[str]] = {}
    for u in conn.execute(f"SELECT rule_id, name FROM units WHERE rule_id IN ({marks}) ORDER BY rowid", ids):
        units.setdefault(u["rule_id"], []).append(u["name"])
    return [{"notice": r["notice_id"], "doc_number": r["doc_number"], "title": r["title"], "rule": r["rule"],
             "kind": r["kind"], "clause": r["clause"], "label": r["clause_label"], "quote": r["quote"],
             "amounts": amounts.get(r["id"], []), "units": list(dict.fromkeys(units.get(r["id"], [])))}
            for r in rows]


def amount_text(fig: dict) -> str:
    """A figure as the notice writes it (`50万元`), else its own words."""
    if fig.get("value") is not None and fig.get("unit"):
        return shown_amount({"value": fig["value"], "unit": fig["unit"]})
    return fig.get("text") or ""


def cells(row: dict) -> list[str]:
    amounts = "；".join(f"{a['role']} {amount_text(a)}" for a in row["amounts"])
    return [str(row["notice"]), row["doc_number"] or "", row["title"] or "", row["rule"], row["kind"] or "",
            row["clause"] or "", row["label"] or "", row["quote"] or "", amounts, "、".join(row["units"])]


def render_csv(rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark, which Excel needs to read the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(cells(r) for r in rows)
    return "\ufeff" + out.getvalue()


def render_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def render_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("notice", "文号", "title", "clause", "kind", "quote", "amounts", "units")
    for row in rows:
        c = cells(row)
        table.add_row(*(Text(x) for x in (c[0], c[1], c[2], f"{c[6]} {c[5]}".strip(), c[4], c[7], c[8], c[9])))
    Console().print(table)
