"""Inputs and outputs of `zhengce match`, `profile` and `review`: rule files from paths (a bad one
reported and skipped), rows as a table that wraps to the terminal, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import orjson
import yaml

from .batch import SUFFIXES
from .match import amount_text

_RULE_SUFFIXES = (".rules.json", ".rules.yaml", ".rules.yml")
_STATUS_STYLE = {"applies": "green", "does_not_apply": "red", "unknown": "yellow", "needs_review": "magenta"}


def load_rule_files(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """(rule files, one error line per path that could not be read). Rule files are named directly
    or found in folders; a document is extracted first, and a folder without rule files is read as
    a folder of documents. ValueError when nothing at all was found."""
    from zhengce.errors import ZhengceError

    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.name.endswith(_RULE_SUFFIXES))
            found += inside or sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    if not found:
        raise ValueError(f"{', '.join(map(str, paths))}: no rule files or documents found")
    files, errors = [], []
    for path in found:
        try:
            files.append(_load(path))
        except OSError as e:
            errors.append(f"{path}: {e.strerror or e}")
        except (ValueError, yaml.YAMLError) as e:  # orjson.JSONDecodeError is a ValueError
            errors.append(str(e) if str(e).startswith(str(path)) else f"{path}: {e}")
        except ZhengceError as e:
            errors.append(str(e))
    return files, errors


def _load(path: Path) -> dict:
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        text = path.read_text(encoding="utf-8")
        data = orjson.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        if isinstance(data, dict) and "rules" in data and "document" in data:
            return data
        raise ValueError(f"{path}: not a rule file")
    from zhengce.pipeline import extract

    return extract(path)


def money(benefit: dict | None) -> str:
    if not benefit:
        return ""
    shown = amount_text(benefit["value"], benefit["unit"])
    return shown + (f"/{benefit['per']}" if benefit.get("per") and "/" not in benefit["unit"] else "")


def pays(row: dict) -> str:
    """What a rule pays: its kind and maximum (`一次性奖励 最高30万元/家`)."""
    most = money(row.get("benefit"))
    return " ".join(p for p in (row.get("benefit_kind"), f"最高{most}" if most else "") if p)


def policy(row: dict) -> str:
    return " ".join(p for p in (row["document"], row["doc_number"]) if p)


Column = tuple[str, Callable[[dict], str | list[str]]]  # a list is one line per item in a table
MATCH_COLUMNS: list[Column] = [
    ("policy", policy),
    ("measure", lambda r: r["measure"]),
    ("pays", pays),
    ("status", lambda r: r["status"]),
    ("reason", lambda r: r["reasons"]),
    ("valid until", lambda r: (r["valid_until"] or "") + (" expired" if r["expired"] else "")),
]
REVIEW_COLUMNS: list[Column] = [
    ("policy", policy),
    ("rule", lambda r: r["rule"]),
    ("measure", lambda r: r["measure"]),
    ("reason", lambda r: r["reasons"]),
    ("quote", lambda r: r["quote"] or ""),
]


def _text(value: str | list[str], sep: str = "; ") -> str:
    return value if isinstance(value, str) else sep.join(value)


def render_md(rows: list[dict], columns: list[Column]) -> str:
    lines = ["| " + " | ".join(h for h, _ in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_text(cell(r)).replace("|", "\\|") for _, cell in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_csv(rows: list[dict], columns: list[Column]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([h for h, _ in columns])
    writer.writerows([_text(cell(r)) for _, cell in columns] for r in rows)
    return out.getvalue()


def render_table(rows: list[dict], columns: list[Column]) -> None:
    """One section per policy (its title and number as a heading, expired policies last and marked),
    then a table of the other columns; every cell wraps, so nothing is cut at 80 columns."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(soft_wrap=False)
    shown = [(h, cell) for h, cell in columns if h not in ("policy", "valid until")]
    for key in dict.fromkeys((r.get("expired", False), policy(r)) for r in sorted(rows, key=_expired_last)):
        section = [r for r in rows if (r.get("expired", False), policy(r)) == key]
        until = section[0].get("valid_until")
        note = f"  [expired {until}]" if key[0] else (f"  (valid until {until})" if until else "")
        console.print(Text(key[1] + note, style="bold"), overflow="fold")
        table = Table(*[h for h, _ in shown], show_lines=True, expand=False)
        for column in table.columns:
            column.overflow = "fold"
        for row in section:
            cells = [Text(_text(cell(row), "\n")) for _, cell in shown]
            if "status" in row:
                cells[[h for h, _ in shown].index("status")].stylize(_STATUS_STYLE[row["status"]])
            table.add_row(*cells)
        console.print(table)


def _expired_last(row: dict) -> bool:
    return bool(row.get("expired"))
