"""Inputs and outputs of `zhengce match`: rule files from paths, results as a table or Markdown."""

from __future__ import annotations

from pathlib import Path

import yaml

from .batch import SUFFIXES

_RULE_SUFFIXES = (".rules.json", ".rules.yaml", ".rules.yml")
_STATUS_STYLE = {"applies": "green", "does_not_apply": "red", "unknown": "yellow", "needs_review": "magenta"}


def load_rule_files(paths: list[Path]) -> list[dict]:
    """Rule files named directly or found in folders; a document is extracted first, and a
    folder without rule files is read as a folder of documents."""
    out: list[dict] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.name.endswith(_RULE_SUFFIXES))
            found = found or sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            out += [_load(p) for p in found]
        else:
            out.append(_load(path))
    return out


def _load(path: Path) -> dict:
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "rules" in data and "document" in data:
            return data
        raise ValueError(f"{path}: not a rule file")
    from zhengce.pipeline import extract

    return extract(path)


def money(benefit: dict | None) -> str:
    if not benefit:
        return ""
    value, unit = benefit["value"], benefit["unit"]
    shown = f"{value / 10000:g}万元" if unit == "CNY" else f"{value:g} {unit}"
    return shown + (f"/{benefit['per']}" if benefit.get("per") else "")


def _cells(row: dict) -> list[str]:
    status = row["status"] + (f" ({', '.join(row['missing'])})" if row["missing"] else "")
    validity = (row["valid_until"] or "") + (" expired" if row["expired"] else "")
    units = "、".join(row["responsible_units"])
    return [row["doc_number"] or row["document"] or "", row["rule"], status, money(row["benefit"]), units, validity]


_HEADERS = ["document", "rule", "status", "maximum", "responsible units", "valid until"]


def render_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*_HEADERS)
    for row in rows:
        cells = [Text(c) for c in _cells(row)]
        cells[2].stylize(_STATUS_STYLE[row["status"]])
        table.add_row(*cells)
    Console().print(table)


def render_md(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(_HEADERS) + " |", "|" + "---|" * len(_HEADERS)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |" for r in rows]
    return "\n".join(lines)
