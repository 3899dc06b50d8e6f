"""Render a diff report (rulegen.diff) as JSON, Markdown for code review, or a printable HTML page."""

from __future__ import annotations

from importlib import resources

import jinja2

from .write import json_text

KIND_NAMES = {
    "modified": "修改 modified",
    "renumbered": "重新编号 renumbered",
    "moved": "移动 moved",
    "added": "新增 added",
    "removed": "删除 removed",
    "split": "拆分 split",
    "merged": "合并 merged",
    "unchanged": "未变 unchanged",
}
ROLE_NAMES = {"benefit": "奖补 benefit", "threshold": "门槛 threshold", "target": "目标 target"}


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


def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: (resources.files("zhengce.templates") / name).read_text("utf-8"))
    env = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape(["html.j2"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["amount"] = amount
    env.globals.update(kind_names=KIND_NAMES, role_names=ROLE_NAMES)
    return env


def render(report: dict, fmt: str = "json") -> str:
    """The report as `json`, `md` or `html` text."""
    if fmt == "json":
        return json_text(report) + "\n"
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown format {fmt!r} (html, md or json)")
    return _environment().get_template(f"diff.{fmt}.j2").render(report=report)
