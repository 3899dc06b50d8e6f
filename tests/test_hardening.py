"""Issue #16: no traceback, no hang, no runaway memory. Every case goes through the command line and
ends with one line on stderr, the documented exit code (0 done, 1 a document failed or bad
output path, 2 bad usage, 130 interrupted) and a consistent output folder."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from zhengce.rulegen.batch import MANIFEST
from zhengce.rulegen.schema import schema, validate

from tests.conftest import make_html, notice_excerpt
from tests.crafted import many_pages_pdf, pdf_of, tiny_dpi_pdf, zip_bomb
from tests.helpers import CORPUS
from tests.make_fixtures import build_cid_pdf
from zhengce.cli import app

runner = CliRunner()
NOTICE = next(CORPUS.glob("003_*.txt"))
REWARD = next(CORPUS.glob("000_*.txt"))


def cli(*args: str | Path, code: int) -> str:
    """Run the command line; check its exit code and that nothing escaped as an exception (a traceback)."""
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    return result.stderr if code else result.output


def error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    return lines[0]


# --- outputs that cannot be written -----------------------------------------------------------------

def test_extract_to_an_existing_folder_is_one_line(tmp_path):
    line = error_line(cli("extract", NOTICE, "-o", tmp_path, code=1))
    assert line == f"error: {tmp_path} is a folder; give a file name"


@pytest.mark.parametrize("command", [["extract", NOTICE], ["diff", NOTICE, NOTICE], ["batch", NOTICE]])
def test_an_output_under_a_file_is_one_line(tmp_path, command):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    line = error_line(cli(*command, "-o", blocker / "out", code=1))
    assert line == f"error: cannot write under {blocker}: it is a file, not a folder"
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_batch_into_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    assert error_line(cli("batch", NOTICE, "-o", blocker, code=1)) == f"error: {blocker} is a file, not a folder"


# --- the command line itself --------------------------------------------------------------------------

def test_version():
    from zhengce import __version__

    assert cli("--version", code=0) == f"zhengce {__version__}\n"


def test_help_shows_names_not_types_and_whole_summaries():
    top = cli("--help", code=0)
    assert "a bad file is reported, never stops the batch" in " ".join(top.split())
    assert "..." not in top.split("Commands:")[1].replace("*.rules.json", "")
    for command in re.findall(r"^  (\w+) ", top.split("Commands:")[1], re.M):
        text = cli(command, "--help", code=0)
        assert not re.search(r"\{\w+\}|<list\[", text), text
    assert "match [OPTIONS] PROFILE RULES...\n" in cli("match", "--help", code=0)


@pytest.mark.parametrize(("option", "message"), [
    (["--max-mb", "-1"], "Invalid value for '--max-mb': Input should be greater than or equal to 0"),
    (["--limit", "pdf_pages=-3"], "limit pdf_pages: -3 is negative"),
    (["--limit", "pages=3"], "unknown limit 'pages=3'"),
])
def test_bad_settings_are_refused_before_any_work(tmp_path, option, message):
    result = runner.invoke(app, ["batch", str(NOTICE), "-o", str(tmp_path / "out"), *option])
    assert result.exit_code in (1, 2) and message in " ".join(result.stderr.split())
    assert not (tmp_path / "out").exists()


def test_batch_takes_several_paths_as_an_unquoted_glob_gives_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("00[03]_*.txt")):
        shutil.copy(path, docs / path.name)
    out = tmp_path / "out"
    cli("batch", *sorted(docs.iterdir()), "-o", out, "-j", "1", code=0)
    assert sorted(p.name for p in out.glob("*.rules.json")) == [
        "000_8ea254492c89ce78.rules.json", "003_2df374d9f4d9fda4.rules.json"]
    assert error_line(cli("batch", docs / "nope*.txt", "-o", tmp_path / "o2", code=1)) == (
        f"error: {docs / 'nope*.txt'}: no documents found")


# --- what a batch leaves ------------------------------------------------------------------------------

def test_not_a_policy_is_said_in_the_rule_file_on_stderr_and_in_the_count(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "poem.txt").write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n", encoding="utf-8")
    shutil.copy(NOTICE, docs / "notice.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {docs / 'poem.txt'}: no rules found: this does not read as a policy notice",
        f"2 of 2 documents extracted to {out} (1 with no rules: not a policy notice?)"]
    poem = json.loads((out / "poem.rules.json").read_text(encoding="utf-8"))
    assert poem["rules"] == [] and poem["warnings"] == ["no rules found: this does not read as a policy notice"]
    assert "no rules found" not in (out / "notice.rules.json").read_text(encoding="utf-8")


def test_an_extract_of_a_poem_warns_in_one_line(tmp_path):
    poem = tmp_path / "poem.txt"
    poem.write_text("床前明月光，疑是地上霜。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(poem)])
    assert result.exit_code == 0
    assert result.stderr == f"warning: {poem}: no rules found: this does not read as a policy notice\n"


def test_a_spreadsheet_is_refused_in_one_line(tmp_path):
    import zipfile

    sheet = tmp_path / "table.xlsx"
    with zipfile.ZipFile(sheet, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("xl/workbook.xml", "<workbook/>")
    line = error_line(cli("extract", sheet, code=1))
    assert line.startswith(f"error: {sheet}: corrupt or not a .docx file")


def test_index_csv_opens_in_excel_and_has_the_columns_people_filter_on(tmp_path):
    out = tmp_path / "out"
    cli("batch", REWARD, "-o", out, "-j", "1", code=0)
    raw = (out / "index.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdocument,title,doc_number,rule,kind,clause,clause_label,role,metric,operator,"
                          b"value,unit,per,page,needs_review,responsible_units,quote\r\n")
    with (out / "index.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["quote"].startswith("对本计划实施后新认定的国家高新技术企业"))
    assert {k: v for k, v in row.items() if k not in ("document", "title", "quote")} == {
        "doc_number": "清府办函〔2024〕57号", "rule": "3.3#1", "kind": "benefit", "clause": "3.3",
        "clause_label": "（三）", "role": "benefit", "metric": "一次性奖励", "operator": "<=", "value": "300000",
        "unit": "CNY", "per": "家", "page": "", "needs_review": "", "responsible_units": "市科技局、市财政局、市发展改革局"}
    assert row["title"].startswith("清远市人民政府办公室关于印发《清远市先进制造业和高技术制造业企业扶优计划")


def test_rule_files_of_deleted_sources_are_reported_then_pruned(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NOTICE, docs / "a.txt")
    shutil.copy(REWARD, docs / "b.txt")
    out = tmp_path / "out"
    cli("batch", docs, "-o", out, "-j", "1", code=0)
    forced = runner.invoke(app, ["batch", str(docs / "a.txt"), "-o", str(out), "-j", "1", "--force"])
    assert forced.exit_code == 0 and "no source" not in forced.stderr  # b is not in this batch, but it is there
    (docs / "b.txt").unlink()
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0
    assert (f"warning: 1 rule file(s) in {out} have no source any more (deleted, renamed or now failing): "
            "b.rules.json; --prune removes them") in result.stderr
    assert (out / "b.rules.json").exists()
    pruned = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1", "--prune"])
    assert "removed 1 rule file(s) whose source is gone: b.rules.json" in pruned.stderr
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.rules.json", "failures.txt", "index.csv"]
    assert list(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["documents"]) == [str(docs / "a.txt")]
    again = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert "no source" not in again.stderr


# --- HTML offsets -------------------------------------------------------------------------------------

def test_html_source_span_points_at_the_quote_in_the_page_as_read(tmp_path):
    lines = ["各区人民政府，市政府各部门：",
             "一、对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励50万元。",
             "二、对年营业收入首次突破1亿元的工业企业，给予奖励20万元；R&D投入占比不低于3%的，再奖励10万元。"]
    page = make_html("\n".join(lines), tmp_path / "notice.html", title="关于印发某市促进中小企业发展若干措施的通知")
    data = json.loads(cli("extract", page, code=0))
    raw = page.read_text(encoding="utf-8")
    quotes = {r["quote"]: r["source_span"] for r in data["rules"] if r["quote"]}
    assert len(quotes) >= 2
    for quote, (start, end) in quotes.items():
        shown = html.unescape(re.sub(r"<[^>]+>", "", raw[start:end]))
        assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", quote)
    first = next(q for q in quotes if "对首次认定" in q)
    assert quotes[first][0] == raw.index("一、对首次认定")
    third = next(q for q in quotes if q.startswith("R&D"))
    assert raw[quotes[third][0]:].startswith("R&amp;D投入")  # the entity as written in the file


def test_html_source_span_of_a_table_row_covers_its_cells(tmp_path):
    page = tmp_path / "table.html"
    page.write_text("<!DOCTYPE html><html><head><title>关于印发某区扶持措施的通知_某区政府</title></head><body>\n"
                    "<div class=\"zoom\"><p>一、对新认定的高新技术企业，给予一次性奖励20万元。</p>\n"
                    "<table><tr><td>项目</td><td>奖励标准（万元）</td></tr>\n"
                    "<tr><td>获得国家级绿色工厂的企业</td><td>50</td></tr>\n"
                    "<tr><td>获得省级绿色工厂的企业</td><td>30</td></tr></table>\n"
                    "<p>二、对年营业收入首次超过5亿元的企业，给予奖励100万元。</p></div></body></html>\n", encoding="utf-8")
    raw = page.read_text(encoding="utf-8")
    spans = {r["quote"]: r["source_span"] for r in json.loads(cli("extract", page, code=0))["rules"]}
    assert {quote: raw[start:end] for quote, (start, end) in spans.items()} == {
        "一、对新认定的高新技术企业，给予一次性奖励20万元。": "一、对新认定的高新技术企业，给予一次性奖励20万元。",
        "获得国家级绿色工厂的企业\t50": "获得国家级绿色工厂的企业</td><td>50",
        "获得省级绿色工厂的企业\t30": "获得省级绿色工厂的企业</td><td>30",
        "二、对年营业收入首次超过5亿元的企业，给予奖励100万元。": "二、对年营业收入首次超过5亿元的企业，给予奖励100万元。"}


# --- the schema documents the rule file ---------------------------------------------------------------

def _nodes(node: dict, where: str):
    yield where, node
    for key in ("properties", "$defs"):
        for name, child in node.get(key, {}).items():
            yield from _nodes(child, f"{where}.{name}")
    if "properties" in node.get("items", {}):  # an array of objects; a list of strings is its array's
        yield from _nodes(node["items"], f"{where}[]")


def test_every_field_of_the_schema_has_a_type_and_a_description():
    missing = [where for where, node in _nodes(schema(), "") if where.count(".") and (
        "description" not in node or not ({"type", "$ref", "enum", "const", "oneOf", "anyOf"} & set(node)))]
    assert missing == []


def test_the_schema_allows_review_notes_and_other_quantities():
    data = json.loads(cli("extract", REWARD, code=0))
    data["rules"][0]["review"] = ["the cap may be per year"]
    data["rules"][0]["others"] = [{"value": 3, "unit": "年", "text": "3年"}]
    validate(data)


# --- limits on untrusted files ------------------------------------------------------------------------

def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.docx", 1024)  # 1 MB on disk, 1 GB inflated
    assert bomb.stat().st_size < 2**21
    line = error_line(cli("extract", bomb, code=1))
    assert line == (f"error: {bomb}: zip container inflates to 1,024 MB, above the 100 MB limit "
                    "(raise it with --limit unzip_mb=N)")


def test_a_zip_of_many_members_is_refused(tmp_path):
    bomb = zip_bomb(tmp_path / "many.docx", 1, members=3)
    line = error_line(cli("extract", bomb, "--limit", "zip_members=2", code=1))
    assert line == f"error: {bomb}: zip container of 3 files, above the limit of 2 (raise it with --limit zip_members=N)"


def test_a_pdf_of_too_many_pages_is_refused(tmp_path):
    pdf = many_pages_pdf(tmp_path / "long.pdf", 600)
    line = error_line(cli("extract", pdf, code=1))
    assert line == f"error: {pdf}: PDF of 600 pages, above the limit of 500 (raise it with --limit pdf_pages=N)"


def test_a_scan_of_too_many_pages_is_refused_before_ocr(tmp_path, monkeypatch):
    from zhengce.extract import ocr

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)
    monkeypatch.setattr(ocr, "ocr_image", lambda image: pytest.fail("no page is read"))
    pdf = many_pages_pdf(tmp_path / "scan.pdf", 3)
    line = error_line(cli("extract", pdf, "--limit", "ocr_pages=2", code=1))
    assert line == (f"error: {pdf}: scanned PDF of 3 pages to read by OCR, above the limit of 2 "
                    "(raise it with --limit ocr_pages=N)")


def test_a_page_claiming_a_tiny_dpi_is_rendered_within_the_pixel_limit(tmp_path, monkeypatch):
    from zhengce.extract import ocr

    sizes = []
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)
    monkeypatch.setattr(ocr, "ocr_image", lambda image: (sizes.append(image.size), ("", []))[1])
    pdf = tiny_dpi_pdf(tmp_path / "tiny.pdf")  # 300 dpi would be 60,000 pixels a side
    assert error_line(cli("extract", pdf, "--limit", "ocr_megapixels=1", code=1)).endswith("OCR found no text")
    assert len(sizes) == 1 and sizes[0][0] * sizes[0][1] <= 1e6 and sizes[0][0] > 990


def test_an_image_claiming_1_dpi_is_upscaled_at_most_by_the_limit(tmp_path, monkeypatch):
    from PIL import Image
    from zhengce.extract import ocr

    sizes = []
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)
    monkeypatch.setattr(ocr, "ocr_image", lambda image: (sizes.append(image.size), ("", []))[1])
    Image.new("L", (400, 300), 255).save(tmp_path / "scan.png", dpi=(1, 1))
    cli("extract", tmp_path / "scan.png", code=1)
    assert sizes == [(1600, 1200)]  # x4, not x300


def test_an_image_above_the_pixel_limit_is_refused_before_decoding(tmp_path):
    from PIL import Image

    Image.new("L", (1200, 1000), 255).save(tmp_path / "big.png")
    line = error_line(cli("extract", tmp_path / "big.png", "--limit", "ocr_megapixels=1", code=1))
    assert line == (f"error: {tmp_path / 'big.png'}: image of 1200x1000 pixels, above the limit of 1 megapixels "
                    "(raise it with --limit ocr_megapixels=N)")


@pytest.mark.parametrize("procs", [1, 3])
def test_tesseract_processes_per_worker_are_limited(tmp_path, monkeypatch, procs):
    from PIL import Image
    from zhengce.extract import ocr

    running, most, lock = [0], [0], threading.Lock()

    def page(image):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return "", []

    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)
    monkeypatch.setattr(ocr, "ocr_image", page)
    frames = [Image.new("L", (50, 50), 255) for _ in range(6)]
    frames[0].save(tmp_path / "scan.tif", save_all=True, append_images=frames[1:])
    cli("extract", tmp_path / "scan.tif", "--limit", f"tesseract_procs={procs}", code=1)
    assert most[0] == procs


def test_a_damaged_pdf_page_is_a_warning(tmp_path):
    text = b"BT /F1 12 Tf 72 720 Td (Notice of the city government) Tj ET"
    font = b"/Resources << /Font << /F1 6 0 R >> >>"
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % font,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R %s >>" % font,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length 20 /Filter /FlateDecode >>\nstream\nnot a deflate stream\nendstream"]))
    result = runner.invoke(app, ["extract", str(pdf)])
    assert result.exit_code == 0
    assert (f"warning: {pdf}: page 2: 1 content stream(s) could not be decompressed (damaged file); "
            "their text is missing") in result.stderr.splitlines()


def test_a_document_over_its_time_limit_fails_and_the_batch_goes_on(tmp_path, monkeypatch):
    import zhengce.pipeline

    real = zhengce.pipeline.extract

    def slow(path):
        if Path(path).name == "a_slow.txt":
            time.sleep(60)
        return real(path)

    monkeypatch.setattr(zhengce.pipeline, "extract", slow)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NOTICE, docs / "a_slow.txt")
    shutil.copy(NOTICE, docs / "b.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    line = error_line(cli("batch", docs, "-o", out, "-j", "1", "--limit", "doc_seconds=1", code=1))
    assert time.monotonic() - started < 30
    assert line == (f"error: {docs / 'a_slow.txt'}: took longer than the 1 s limit per document "
                    "(raise it with --limit doc_seconds=N)")
    assert sorted(p.name for p in out.glob("*.rules.json")) == ["b.rules.json"]
    assert (out / "failures.txt").read_text(encoding="utf-8") == line.removeprefix("error: ") + "\n"


def test_a_worker_stuck_where_python_cannot_stop_it_is_ended(tmp_path, monkeypatch):
    import signal

    import zhengce.pipeline

    real = zhengce.pipeline.extract

    def stuck(path):
        if Path(path).name == "a_stuck.txt":
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # as if in native code
            time.sleep(60)
        return real(path)

    real(NOTICE)  # forked workers start warm
    monkeypatch.setattr(zhengce.pipeline, "extract", stuck)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NOTICE, docs / "a_stuck.txt")
    for i in range(12):  # more than are in flight at once (8): the last ones go to a fresh pool
        (docs / f"b{i:02d}.txt").write_text(notice_excerpt(lines=8), encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    stderr = cli("batch", docs, "-o", out, "-j", "2", "--limit", "doc_seconds=1", code=1)
    assert time.monotonic() - started < 30
    assert f"error: {docs / 'a_stuck.txt'}: worker failed" in stderr
    assert (out / "b11.rules.json").exists()


# --- however a batch ends, its workers end with it ----------------------------------------------------

def _children(pid: int) -> set[int]:
    return {int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker processes from /proc (Linux)")
@pytest.mark.parametrize(("how", "code"), [("kill", 130), ("ctrl-c", 130), ("kill -9", -9)])
def test_a_stopped_batch_leaves_no_workers_and_resumes(tmp_path, how, code):
    import os
    import signal
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(24):
        (docs / f"n{i:02d}.txt").write_text(notice_excerpt(lines=20 + i), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from zhengce.cli import app; app()", "batch", str(docs), "-j", "2", "-o", str(out)]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out / MANIFEST).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(proc.pid)
    assert workers and proc.poll() is None, "the batch ended before it was stopped"
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole foreground group
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM if how == "kill" else signal.SIGKILL)
    stderr = proc.communicate(timeout=30)[1]
    assert proc.returncode == code
    assert "Traceback" not in stderr
    if code == 130:
        assert re.search(r"^interrupted: \d+ of 24 documents done; the same command resumes$", stderr, re.M), stderr
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
    json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    rerun = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert rerun.exit_code == 0 and "up to date)" in rerun.stderr
    assert len(list(out.glob("*.rules.json"))) == 24 and not list(out.glob(".*.tmp"))


def test_a_batch_of_hostile_files_fails_each_in_one_line_and_keeps_its_folder_consistent(tmp_path):
    from PIL import Image

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NOTICE, docs / "good.txt")
    zip_bomb(docs / "bomb.docx", 1024)
    many_pages_pdf(docs / "long.pdf", 600)
    many_pages_pdf(docs / "scan.pdf", 3)  # no text layer: all three pages would go to OCR
    Image.new("L", (1200, 1000), 255).save(docs / "big.png")
    out = tmp_path / "out"
    stderr = cli("batch", docs, "-o", out, "-j", "1", "--limit", "ocr_pages=2,ocr_megapixels=1", code=1)
    failures = (out / "failures.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[0] for line in failures] == [str(docs / n) for n in
                                                            ("big.png", "bomb.docx", "long.pdf", "scan.pdf")]
    assert [re.search(r"--limit (\w+)=N\)$", line)[1] for line in failures] == [
        "ocr_megapixels", "unzip_mb", "pdf_pages", "ocr_pages"]
    assert stderr.splitlines()[-1] == f"1 of 5 documents extracted to {out}"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "failures.txt", "good.rules.json", "index.csv"]
    assert list(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["documents"]) == [str(docs / "good.txt")]
    with (out / "index.csv").open(encoding="utf-8-sig") as f:
        assert {row["document"] for row in csv.DictReader(f)} == {str(docs / "good.txt")}


def test_limits_can_be_set_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHENGCE_LIMITS", "pdf_pages=2")
    pdf = many_pages_pdf(tmp_path / "three.pdf", 3)
    line = error_line(cli("extract", pdf, code=1))
    assert line == f"error: {pdf}: PDF of 3 pages, above the limit of 2 (raise it with --limit pdf_pages=N)"


def test_pages_with_a_broken_text_layer_are_read_by_ocr_up_to_the_limit(tmp_path, monkeypatch):
    from zhengce.extract import ocr, read_pdf

    tried = []
    monkeypatch.setattr(ocr, "tesseract_problem", lambda: None)
    monkeypatch.setattr(read_pdf, "_ocr_page", lambda data, i: tried.append(i))
    pdf = build_cid_pdf(tmp_path / "cid.pdf", notice_excerpt(lines=60))  # pages with a wrong ToUnicode map
    result = runner.invoke(app, ["extract", str(pdf), "--limit", "ocr_pages=1"])
    assert tried == [0]
    reasons = [line.split("; ")[-1] for line in result.stderr.splitlines() if "broken text layer" in line]
    assert len(reasons) >= 2 and reasons[0] == "its text was dropped (OCR could not read it either)"
    assert set(reasons[1:]) == {
        "its text was dropped (the limit of 1 pages read by OCR is reached (raise it with --limit ocr_pages=N))"}


def test_a_page_nested_too_deep_is_refused(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 1200 + "对企业给予一次性奖励10万元。" + "</div>" * 1200 + "</body></html>",
                    encoding="utf-8")
    line = error_line(cli("extract", page, code=1))
    assert line == f"error: {page}: HTML nested more than 1000 elements deep (raise it with --limit html_depth=N)"


def test_an_unforeseen_error_is_one_line_not_a_traceback(monkeypatch):
    import zhengce.pipeline

    def overflow(path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(zhengce.pipeline, "extract", overflow)
    line = error_line(cli("extract", NOTICE, code=1))
    assert line == f"error: root extract {NOTICE}: internal error: RecursionError: maximum recursion depth exceeded"


@pytest.mark.skipif(not shutil.which("setpriv"), reason="util-linux setpriv sets the parent-death signal")
def test_a_tesseract_outlives_no_killed_worker(tmp_path):
    import signal
    import subprocess
    import sys

    from zhengce.extract.ocr import dies_with_parent

    script = ("import subprocess, sys, time; from zhengce.extract.ocr import dies_with_parent; "
              "p = subprocess.Popen(dies_with_parent(['sleep', '60'])); print(p.pid, flush=True); time.sleep(60)")
    worker = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(worker.stdout.readline())
    assert _alive(child) and dies_with_parent(["x"])[-1] == "x"
    # setpriv sets the parent-death signal and then becomes `sleep`: kill the worker only after that
    deadline = time.monotonic() + 5
    while Path(f"/proc/{child}/comm").read_text().strip() != "sleep" and time.monotonic() < deadline:
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(child)
