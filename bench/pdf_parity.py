"""Does a 公文 PDF of a notice score what its text version scores? (issue #15)

    python bench/pdf_parity.py [--only STEM] [--probes] [--layouts lines,wrapped,run_together] [--markdown FILE]

Every notice of both development sets that is a text file (the bundled five in `corpus/`, the dev2
`.txt` notices read from ../shared/eval at run time, never copied here) is typeset at bench time as
a 公文 PDF (tests/make_fixtures.py `build_gongwen_pdf`, the CJK font tests/conftest.py finds): the
paragraphs the text version reads as, each with a first-line indent, a red 版头 line
(`<issuer>文件`), `— N —` page numbers, tables ruled, and a 版记 (抄送, `…印发`) at the end. Layouts:

- `lines`: lines filled to the margin, a figure kept on one line (as Word sets it);
- `wrapped`: the same, figures and dates broken anywhere (`5` / `000万元`, `2026年3月3` / `1日`);
- `run_together`: wrapped, and the items of each part run on in one paragraph (`…。第二条 …`, `…：（一）…；（二）…`).

Both versions are extracted and scored against the gold with the shared score.py; the script prints,
per notice, the text version's F1 (money and percent with role, units) and document fields, and
each layout's difference from it, then the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench import devscore  # noqa: E402

LAYOUTS = {
    "lines": {"break_figures": False},
    "wrapped": {"break_figures": True},
    "run_together": {"break_figures": True, "run_together": True},
}
METRICS = ("money", "percent", "units", "fields", "overall")
CC = "抄送：市委各部门，市人大常委会办公厅，市政协办公厅，市纪委监委，市法院，市检察院。"


def notices(only: str | None, probes: bool = False) -> list[tuple[Path, Path]]:
    """(text, gold) of every text notice of both sets (and of the role tests' probe notices)."""
    sets = devscore.ALL if probes else devscore.SETS
    pairs = [pair for name in sets for pair in devscore.documents(name) if pair[0].suffix == ".txt"]
    return [(t, g) for t, g in pairs if only is None or t.stem == only]


def typeset(text_path: Path, out: Path, layout: str) -> Path:
    """The notice as a 公文 PDF: the paragraphs its text version reads as, 版头 and 版记 from its fields."""
    from make_fixtures import build_gongwen_pdf

    from zhengce.pipeline import parse

    doc = parse(text_path)
    issuer = "".join(doc.meta.issuer[:1])
    colophon = [CC]
    if issuer and doc.meta.issued_on:
        y, m, d = (int(x) for x in doc.meta.issued_on.split("-"))
        colophon.append(f"{issuer}　　{y}年{m}月{d}日印发")
    return build_gongwen_pdf(doc.text.text, out, banner=f"{issuer}文件" if issuer else None,
                             colophon=tuple(colophon), page_label="— {} —", **LAYOUTS[layout])


def f1(res: dict, key: str) -> float:
    gold, system, tp = res[key]["gold"], res[key]["system"], res[key]["tp_strict"]
    return 1.0 if gold == system == 0 else 2 * tp / (gold + system)


def per_notice(scored: dict) -> dict[str, dict[str, float]]:
    out = {}
    for stem, res in scored["documents"].items():
        tp = sum(res[k]["tp_strict"] for k in ("money", "percent", "units"))
        n = sum(res[k]["gold"] + res[k]["system"] for k in ("money", "percent", "units"))
        out[stem] = {"money": f1(res, "money"), "percent": f1(res, "percent"), "units": f1(res, "units"),
                     "fields": res["document"]["right"] / res["document"]["total"],
                     "overall": 1.0 if n == 0 else 2 * tp / n}
    return out


def totals(scored: dict) -> dict[str, float]:
    s = scored["summary"]
    return {"money": s["money"]["f1_with_role"], "percent": s["percent"]["f1_with_role"], "units": s["units"]["f1"],
            "fields": s["document_fields"], "overall": s["overall_f1"]}


def run(pairs: list[tuple[Path, Path]], layouts: list[str], keep: Path | None) -> dict[str, dict]:
    """Scores per version: {"text": scored, layout: scored}, each the scorer's JSON."""
    from zhengce.pipeline import extract

    with tempfile.TemporaryDirectory() as tmp:
        work = keep or Path(tmp)
        gold_dir = work / "gold"
        gold_dir.mkdir(parents=True, exist_ok=True)
        for _, gold in pairs:
            (gold_dir / gold.name).write_bytes(gold.read_bytes())
        result = {}
        for version in ["text", *layouts]:
            out = work / version
            out.mkdir(exist_ok=True)
            for text, _ in pairs:
                source = text if version == "text" else typeset(text, out / f"{text.stem}.pdf", version)
                rules = extract(source)
                (out / f"{text.stem}.rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
            result[version] = devscore.score_dir(out, gold_dir)
        return result


def table(result: dict[str, dict], layouts: list[str]) -> list[str]:
    """Markdown: per notice the text version's scores and each layout's difference, then the totals."""
    head = "| notice | " + " | ".join(f"{m} text | " + " | ".join(f"Δ {lay}" for lay in layouts) for m in METRICS)
    lines = [head + " |", "|---" * (1 + len(METRICS) * (1 + len(layouts))) + "|"]
    text = per_notice(result["text"])
    pdfs = {lay: per_notice(result[lay]) for lay in layouts}
    rows = [(stem, text[stem], {lay: pdfs[lay][stem] for lay in layouts}) for stem in text]
    rows.append(("**total**", totals(result["text"]), {lay: totals(result[lay]) for lay in layouts}))
    for stem, base, other in rows:
        cells = []
        for m in METRICS:
            cells.append(f"{base[m]:.3f}")
            cells += [_delta(other[lay][m] - base[m]) for lay in layouts]
        lines.append(f"| {stem} | " + " | ".join(cells) + " |")
    return lines


def _delta(d: float) -> str:
    return "0" if abs(d) < 0.0005 else f"{d:+.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="one notice (its file stem)")
    ap.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated, of: " + ", ".join(LAYOUTS))
    ap.add_argument("--probes", action="store_true", help="also the probe notices of tests/data/roles")
    ap.add_argument("--keep", type=Path, help="keep the PDFs and rule files in this folder")
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    args = ap.parse_args()
    layouts = [lay for lay in args.layouts.split(",") if lay]
    if unknown := set(layouts) - set(LAYOUTS):
        ap.error(f"unknown layout(s): {', '.join(sorted(unknown))}")
    from conftest import find_cjk_font

    if find_cjk_font() is None:
        sys.exit("no CJK font to typeset the PDFs: apt-get install fonts-wqy-microhei")
    lines = table(run(notices(args.only, args.probes), layouts, args.keep), layouts)
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
