"""Render a diff report (rulegen.diff) as a reviewer's 修订对照表: JSON, Markdown, HTML, DOCX or XLSX.

Every format shows the same things, worked out here once: the summary (counts, money,
validity, units), and one row per clause with 修订前 | 修订后 | 说明, the clause cited as the
notice writes it and the changed words marked inside each cell (deleted struck through in the
old text, added underlined and bold in the new one). The page is A4, landscape only when a
clause is too long for a portrait column.
"""

from __future__ import annotations

import re
from importlib import resources

import jinja2

from .write import json_text

TEXT_FORMATS = ("html", "md", "json")
BINARY_FORMATS = ("docx", "xlsx")
FORMATS = TEXT_FORMATS + BINARY_FORMATS

KIND_NAMES = {
    "modified": "修改",
    "renumbered": "重新编号",
    "moved": "移动",
    "added": "新增",
    "removed": "删除",
    "split": "拆分",
    "merged": "合并",
    "unchanged": "未修改",
}
ROLE_NAMES = {"benefit": "奖补", "threshold": "门槛", "target": "目标", "other": "其他数额", "unit": "责任单位",
              "validity": "有效期"}
FIELD_NAMES = {"title": "标题", "policy_title": "政策名称", "doc_number": "文号", "issuer": "发文机关",
               "issued_on": "成文日期", "valid_from": "施行日期", "valid_until": "有效期至", "supersedes": "废止文件"}
OP_WORDS = {">=": "不低于", ">": "超过", "<=": "不超过", "<": "低于"}
# A portrait A4 column of the 对照表 holds about 1000 characters a page; a longer clause goes landscape.
LANDSCAPE_CHARS = 1000


def amount(side: dict | None) -> str:
    """`{"value": 500000, "unit": "CNY"}` -> `50万元`: figures as the notice itself writes them."""
    if side is None:
        return "—"
    value, unit = side["value"], side.get("unit") or ""
    if isinstance(value, dict):
        return "–".join(amount({"value": v, "unit": unit}) for v in value.values() if v is not None)
    if unit.startswith("CNY"):
        per = unit[3:]
        if value >= 1e8 and value % 1e7 == 0:
            return f"{value / 1e8:g}亿元{per}"
        if value >= 1e4:
            return f"{value / 1e4:g}万元{per}"
        return f"{value:g}元{per}"
    return f"{value:g}{unit}" if isinstance(value, (int, float)) else f"{value}{unit}"


def figure(side: dict | None) -> str:
    """An amount with its comparison as words: `不低于6000万元`."""
    if side is None:
        return "—"
    return OP_WORDS.get(side.get("op") or "", "") + amount(side)


def delta(old: dict | None, new: dict | None) -> str:
    """What a figure did: `新增`, `删除`, `+20万元`, `−5个百分点`, or `改为…` when not comparable."""
    if old is None or new is None:
        return "删除" if new is None else "新增"
    a, b = old["value"], new["value"]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and old.get("unit") == new.get("unit"):
        sign = "+" if b > a else "−"
        if a == b:
            return f"{figure(old)} → {figure(new)}"
        size = amount({"value": abs(b - a), "unit": new.get("unit")})
        return f"{sign}{size[:-1]}个百分点" if new.get("unit") == "%" else sign + size
    return f"{figure(old)} → {figure(new)}"


def plain(value: object) -> str:
    if value is None:
        return "—"
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def notes(change: dict) -> list[str]:
    """The 说明 column: the kind of change, then every figure, unit, condition and review note that changed."""
    kind, old, new = change["kind"], change["old"], change["new"]
    head = KIND_NAMES[kind]
    if old and new and old["label"] != new["label"]:
        head += f"（原{old['label']}，现{new['label']}）"
    out = [head]
    for q in change["quantities"]:
        what = ROLE_NAMES[q["role"]] + (f"（{q['metric']}）" if q["metric"] else "")
        if q["old"] and q["new"]:
            out.append(f"{what}：{figure(q['old'])} → {figure(q['new'])}")
        else:
            out.append(f"{delta(q['old'], q['new'])}{what}：{figure(q['old'] or q['new'])}")
    for field, v in (change.get("validity") or {}).items():
        out.append(f"{FIELD_NAMES[field]}：{v['old'] or '—'} → {v['new'] or '—'}")
    for key, name in (("units", "责任单位"), ("conditions", "条件"), ("review", "待复核")):
        for verb, items in (("新增", change[key]["added"]), ("删除", change[key]["removed"])):
            if items:
                out.append(f"{verb}{name}：{'、'.join(items)}")
    return out


def cells(change: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The 修订前 and 修订后 cells as runs of (mark, text): `same`, `del` (old cell) or `ins` (new cell)."""
    old = [("same", r.get("old", r["text"])) if r["op"] == "same" else ("del", r["text"])
           for r in change["redline"] if r["op"] != "ins"]
    new = [(r["op"], r["text"]) for r in change["redline"] if r["op"] != "del"]
    return (old if change["old"] else []), (new if change["new"] else [])


def rows(report: dict) -> list[dict]:
    """One row of the 对照表 per change, ready for any renderer."""
    out = []
    for c in report["changes"]:
        old, new = cells(c)
        out.append({"kind": c["kind"], "old_label": (c["old"] or {}).get("label", ""),
                    "new_label": (c["new"] or {}).get("label", ""), "old": old, "new": new, "notes": notes(c)})
    return out


def figures(report: dict) -> list[dict]:
    """One line per changed figure, responsible unit and validity date: the spreadsheet's rows."""
    out = []
    for c in report["changes"]:
        label = (c["new"] or c["old"])["label"]
        for q in c["quantities"]:
            out.append({"clause": label, "role": ROLE_NAMES[q["role"]], "metric": q["metric"] or "",
                        "old": figure(q["old"]) if q["old"] else "", "new": figure(q["new"]) if q["new"] else "",
                        "change": delta(q["old"], q["new"]), "unit": (q["new"] or q["old"])["unit"] or "",
                        "old_value": (q["old"] or {}).get("value"), "new_value": (q["new"] or {}).get("value")})
        for verb, key in (("新增", "added"), ("删除", "removed")):
            for unit in c["units"][key]:
                out.append({"clause": label, "role": ROLE_NAMES["unit"], "metric": "", "unit": "",
                            "old": unit if key == "removed" else "", "new": unit if key == "added" else "",
                            "change": verb, "old_value": None, "new_value": None})
    for d in report["document_changes"]:
        if d["field"] in ("valid_from", "valid_until"):
            out.append({"clause": "", "role": ROLE_NAMES["validity"], "metric": FIELD_NAMES[d["field"]], "unit": "",
                        "old": plain(d["old"]), "new": plain(d["new"]), "change": "修改", "old_value": None,
                        "new_value": None})
    return out


def orientation(report: dict) -> str:
    """`portrait`, or `landscape` when some clause is too long for a portrait column."""
    longest = max((len(side["text"]) for c in report["changes"] for side in (c["old"], c["new"]) if side), default=0)
    return "landscape" if longest > LANDSCAPE_CHARS else "portrait"


def counts_line(report: dict) -> str:
    """`修改 2 条，新增 1 条；未修改 67 条`: the clause counts, changed kinds first."""
    counts = report["summary"]["counts"]
    changed = [f"{KIND_NAMES[k]} {n} 条" for k, n in counts.items() if n and k != "unchanged"]
    return "，".join(changed or ["无条款修改"]) + f"；未修改 {counts['unchanged']} 条"


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: (resources.files("zhengce.templates") / name).read_text("utf-8"))
    env = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape(["html.j2"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(figure=figure, plain=plain, md_cell=md_cell, md_runs=md_runs)
    env.globals.update(role_names=ROLE_NAMES, field_names=FIELD_NAMES)
    return env


_MD_SPECIAL = re.compile(r"([\\*_~|<>`\[\]])")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: markup characters escaped (`2021年**月**日` stays as
    written), line breaks as <br>."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")


def md_runs(runs: list[tuple[str, str]]) -> str:
    """Marked runs as one Markdown cell: ~~deleted~~ and **added**, marks kept off whitespace and line breaks."""
    out = []
    for op, text in runs:
        mark = {"del": "~~", "ins": "**"}.get(op, "")
        for i, line in enumerate(text.split("\n")):
            if i:
                out.append("<br>")
            core = line.strip()
            if mark and core:
                lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()) :]
                out.append(f"{lead}{mark}{md_cell(core)}{mark}{trail}")
            else:
                out.append(md_cell(line))
    return "".join(out)


def context(report: dict) -> dict:
    """What the templates and the DOCX writer are given."""
    return {"report": report, "rows": rows(report), "orientation": orientation(report),
            "counts_line": counts_line(report)}


def render(report: dict, fmt: str = "json") -> str:
    """The report as `json`, `md` or `html` text (docx and xlsx: `render_bytes`)."""
    if fmt == "json":
        return json_text(report) + "\n"
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown format {fmt!r} ({', '.join(TEXT_FORMATS)})")
    return _environment().get_template(f"diff.{fmt}.j2").render(**context(report))


def render_bytes(report: dict, fmt: str) -> bytes:
    """The report as a Word (`docx`) or Excel (`xlsx`) file, or any text format encoded as UTF-8."""
    if fmt == "docx":
        from .report_docx import docx_bytes

        return docx_bytes(report)
    if fmt == "xlsx":
        from .report_xlsx import xlsx_bytes

        return xlsx_bytes(report)
    return render(report, fmt).encode("utf-8")
