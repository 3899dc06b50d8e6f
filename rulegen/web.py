"""`zhengce serve`: the library as a local web app (Starlette, the project's jinja2 templates, no JavaScript).

Pages: search (`/`), a notice with every fact highlighted where it was read (`/notice/ID`),
the comparison of two notices (`/compare?a=ID&b=ID`, the `diff` report), and matching an
enterprise profile (`/match`). Every text goes through jinja2's autoescape; a bad parameter
is a 400 page and anything unexpected a 500 page, never a traceback.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path

import jinja2
import yaml
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from . import library_db as db
from . import query
from .logic import vocabulary

NOTICES_LISTED = 500  # on the search page, below the results
MATCH_ROWS = 500  # rules shown by the match page, those that apply first
STATUS_ORDER = ("applies", "unknown", "needs_review", "does_not_apply")
ROLE_LABELS = {"benefit": "奖补 benefit", "condition": "条件 condition", "target": "目标 target", "other": "其他 other"}


def _environment() -> jinja2.Environment:
    folder = resources.files("zhengce.templates")
    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text("utf-8")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["amount"] = query.amount_text
    env.filters["anchor"] = lambda rule: "rule-" + re.sub(r"[^\w.]", "-", str(rule))  # `3.1#2` -> `rule-3.1-2`
    env.globals.update(role_labels=ROLE_LABELS)
    return env


def citations(text: str, cites: list) -> list[dict]:
    """Where the text names a cited or repealed notice the library holds (its title or its 文号): links."""
    out = []
    for c in cites:
        for needle in (c["title"], c["doc_number"]) if c["target"] else ():
            at = text.find(needle) if needle else -1
            while at != -1:
                out.append({"start": at, "end": at + len(needle), "target": c["target"]})
                at = text.find(needle, at + len(needle))
    return out


def highlighted(text: str, marks: list[dict]) -> list[tuple[str, dict | None]]:
    """The text cut into (piece, mark or None): each mark (a figure or a citation) once, overlaps after the first
    dropped."""
    out, at = [], 0
    for fig in sorted(marks, key=lambda f: (f["start"], -f["end"])):
        if fig["start"] < at or fig["end"] > len(text):
            continue
        out += [(text[at : fig["start"]], None), (text[fig["start"] : fig["end"]], fig)]
        at = fig["end"]
    out.append((text[at:], None))
    return [(piece, fig) for piece, fig in out if piece]


def comparison(conn: sqlite3.Connection, old: int, new: int) -> str:
    """The `diff` HTML report of two stored notices: their rule files written out and compared as files are."""
    from .diff import diff
    from .report import render

    names = []
    with tempfile.TemporaryDirectory(prefix="zhengce-compare-") as tmp:
        for nid in (old, new):
            data = db.rule_file(conn, nid)
            if data is None:
                raise HTTPException(404, f"no notice {nid}")
            path = Path(tmp) / f"{nid}.rules.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            names.append(str(path))
        report = diff(*names)
    for side, nid in (("old", old), ("new", new)):
        report[side]["path"] = f"notice {nid}"
    return render(report, "html")


def _number(value: str, name: str) -> int:
    if not value.isdigit():
        raise HTTPException(400, f"{name} must be a notice number, not {value!r}")
    return int(value)


def _int(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "").strip()
    return _number(value, name) if value else None


def _today(request: Request) -> date:
    value = request.query_params.get("today", "").strip()
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise HTTPException(400, f"not a date: {value!r} (write YYYY-MM-DD)") from None


def _profile(request: Request) -> dict:
    """Figures typed as `营业收入.上一年度: 8000万元` lines (YAML), plus the ticked recognitions."""
    text = request.query_params.get("profile", "")
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError:
        raise HTTPException(400, "the figures are lines of `variable: value`") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "the figures are lines of `variable: value`")
    known = vocabulary()
    for name in request.query_params.getlist("rec"):
        if name not in known:
            raise HTTPException(400, f"unknown recognition {name!r}")
        data[name] = True
    return data


def create_app(db_path: str | Path) -> Starlette:
    env = _environment()
    db_path = Path(db_path)

    def page(template: str, code: int = 200, **context: object) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context), status_code=code)

    @contextmanager
    def library() -> Iterator[sqlite3.Connection]:
        try:
            conn = db.connect(db_path, create=False)
        except db.LibraryError as e:
            raise HTTPException(503, str(e)) from None
        try:
            yield conn
        finally:
            conn.close()

    def search(request: Request) -> HTMLResponse:
        p = request.query_params
        try:
            f = query.filters(p.get("q"), p.get("issuer"), p.get("city"), p.get("valid_on"), p.get("kind"),
                              p.get("metric"), p.get("min_amount"), p.get("max_amount"), p.get("unit"),
                              p.get("cites"), p.get("limit") or query.DEFAULT_LIMIT)
        except query.QueryError as e:
            raise HTTPException(400, str(e)) from None
        with library() as conn:
            rows = query.run(conn, f) if f.any() else None
            total = conn.execute("SELECT count(*) FROM notices").fetchone()[0]
            return page("library_search.html.j2", params=p, rows=rows, limit=f.limit, kinds=query.KINDS,
                        notices=db.notices(conn, NOTICES_LISTED), total=total)

    def notice(request: Request) -> HTMLResponse:
        nid = _number(request.path_params["id"], "the notice")
        with library() as conn:
            row = db.notice(conn, nid)
            if row is None:
                raise HTTPException(404, f"no notice {nid}")
            rules = [dict(r) for r in conn.execute("SELECT * FROM rules WHERE notice_id = ? ORDER BY id", (nid,))]
            figures = [dict(f) for f in conn.execute("SELECT * FROM figures WHERE notice_id = ? ORDER BY rowid",
                                                     (nid,))]
            units = conn.execute("SELECT rule_id, name, lead FROM units WHERE notice_id = ?", (nid,)).fetchall()
            by_rule = {r["id"]: r | {"figures": [], "units": [], "leads": [], "review": json.loads(r["review"] or "[]")}
                       for r in rules}
            for fig in figures:
                by_rule[fig["rule_id"]]["figures"].append(fig)
            for u in units:
                by_rule[u["rule_id"]]["leads" if u["lead"] else "units"].append(u["name"])
            for fig in figures:
                fig["rule"] = by_rule[fig["rule_id"]]
                fig["conditions"] = [c["text"] or c["quote"] for c in fig["rule"]["figures"]
                                     if c["role"] == "condition"]
            located = [f for f in figures if f["start"] is not None]
            document = json.loads(db.unpack(row["rule_file"])).get("document") or {}
            text, cites = db.unpack(row["text"]), db.cites(conn, nid)
            return page("library_notice.html.j2", notice=row, document=document, rules=list(by_rule.values()),
                        pieces=highlighted(text, located + citations(text, cites)), cites=cites,
                        cited_by=db.cited_by(conn, nid), unlocated=len(figures) - len(located))

    def compare(request: Request) -> HTMLResponse:
        old, new = _int(request, "a"), _int(request, "b")
        with library() as conn:
            if old is None or new is None:
                return page("library_compare.html.j2", notices=db.notices(conn), a=old, b=new)
            report = comparison(conn, old, new)
        nav = '<p id="library-nav"><a href="/">← 政策库 library</a> · <a href="/compare">对比 compare</a></p>'
        return HTMLResponse(report.replace("<body>", "<body>\n" + nav, 1))

    def match_page(request: Request) -> HTMLResponse:
        from .match import match
        from .profile import ProfileError

        asked = "profile" in request.query_params or "rec" in request.query_params
        profile, today = _profile(request), _today(request)
        rows, counts = None, {}
        with library() as conn:
            if asked:
                in_force = db.rule_files(conn, today.isoformat())
                try:
                    rows = [row | {"notice": nid} for nid, rf in in_force for row in match(profile, [rf], today)]
                except ProfileError as e:  # a value of the wrong kind (text for a money variable)
                    raise HTTPException(400, str(e)) from None
                rows.sort(key=lambda r: STATUS_ORDER.index(r["status"]))
                counts = {status: sum(r["status"] == status for r in rows) for status in STATUS_ORDER}
        recognitions = [name for name in vocabulary() if name.startswith("认定.")]
        variables = [name for name in vocabulary() if not name.startswith("认定.")]
        return page("library_match.html.j2", rows=rows and rows[:MATCH_ROWS], counts=counts, total=len(rows or []),
                    params=request.query_params, recognitions=recognitions,
                    variables=variables, ticked=set(request.query_params.getlist("rec")), today=today.isoformat())

    async def error(request: Request, exc: Exception) -> HTMLResponse:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = exc.detail if isinstance(exc, HTTPException) else "internal error"
        return page("library_error.html.j2", status, status=status, message=message)

    routes = [Route("/", search), Route("/notice/{id}", notice), Route("/compare", compare),
              Route("/match", match_page)]
    return Starlette(routes=routes, exception_handlers={HTTPException: error, Exception: error})
