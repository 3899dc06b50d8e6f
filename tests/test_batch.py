"""Batches at scale (issue #6): every kind of bad input is one error line and the batch goes on;
a killed batch resumes to exactly the outputs of an uninterrupted one; Dask gives the same outputs."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from zhengce.rulegen.batch import MANIFEST, output_names, run

from tests.conftest import make_gbk, make_pdf, notice_excerpt, require_cjk_font
from tests.helpers import CORPUS
from zhengce.cli import app

runner = CliRunner()


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every file a batch leaves (rule files, index.csv, failures.txt), by name; the manifest aside."""
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir()) if p.name != MANIFEST}


def numbered_copies(folder: Path, count: int) -> Path:
    """`count` distinct notices: the corpus round-robin, each with its numbers shifted so no two are alike."""
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"\d+(?=万元)", lambda m, i=i: str(int(m.group()) + i), text)
        (folder / f"notice_{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory) -> tuple[Path, Path, list[str], int]:
    """One batch over every kind of bad input next to a good notice: (docs, out, failure lines, exit code)."""
    from fpdf import FPDF

    docs = tmp_path_factory.mktemp("bad") / "docs"
    docs.mkdir()
    shutil.copy(next(CORPUS.glob("003_*.txt")), docs / "good.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "junk.txt").write_bytes(bytes(range(256)) * 8)
    pdf_bytes = make_pdf(notice_excerpt(), docs / "whole.pdf").read_bytes()
    (docs / "truncated.pdf").write_bytes(pdf_bytes[: len(pdf_bytes) // 2])
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(require_cjk_font()))
    pdf.set_font("cjk", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, notice_excerpt())
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(docs / "encrypted.pdf"))
    (docs / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))  # OLE: what Word encrypts to
    (docs / "nav.html").write_text("<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a href='/'>首页</a>"
                                   "</nav><footer>版权所有</footer></body></html>", encoding="utf-8")
    make_gbk(notice_excerpt(lines=40), docs / "gbk.txt")
    with (docs / "huge.txt").open("wb") as f:
        f.truncate(50 * 2**20)
    (docs / "prose.txt").write_text("为进一步做好企业服务工作，各单位要加强协作，提升服务水平。\n" * 5, encoding="utf-8")
    (docs / "recipe.md").write_text("# Tomato soup\n\nChop 3 tomatoes, boil for 20 minutes.\n\n番茄炒蛋：鸡蛋2个。\n",
                                    encoding="utf-8")
    out = docs.parent / "out"
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    return docs, out, (out / "failures.txt").read_text(encoding="utf-8").splitlines(), result.exit_code


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty"),
    ("junk.txt", "binary"),
    ("truncated.pdf", "truncated"),
    ("encrypted.pdf", "encrypted"),
    ("locked.docx", "encrypted"),
    ("nav.html", "no article"),
    ("huge.txt", "above the 20 MB limit"),
])
def test_a_bad_file_is_one_line_naming_it_and_why(bad_batch, name, reason):
    docs, out, failures, exit_code = bad_batch
    assert exit_code == 1
    line = next(f for f in failures if f.startswith(str(docs / name) + ":"))
    assert reason in line
    assert "internal error" not in line
    assert not (out / f"{Path(name).stem}.rules.json").exists()


@pytest.mark.parametrize("name", ["good.txt", "gbk.txt", "prose.txt", "recipe.md"])
def test_odd_but_readable_files_still_get_a_rule_file(bad_batch, name):
    docs, out, failures, _ = bad_batch
    data = json.loads((out / f"{Path(name).stem}.rules.json").read_text(encoding="utf-8"))
    assert data["source"]["path"] == str(docs / name)
    assert not any(f.startswith(str(docs / name)) for f in failures)


def test_gbk_is_decoded_not_failed(bad_batch):
    _, out, _, _ = bad_batch
    data = json.loads((out / "gbk.rules.json").read_text(encoding="utf-8"))
    assert data["source"]["encoding"].lower() in ("gbk", "gb2312", "gb18030")
    assert data["document"]["title"]


def test_the_size_limit_can_be_raised(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(next(CORPUS.glob("003_*.txt")), docs / "a.txt")  # 13 KB
    small = runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "o1"), "-j", "1", "--max-mb", "0.01"])
    assert small.exit_code == 1 and "above the 0.01 MB limit" in small.output
    big = runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "o2"), "-j", "1", "--max-mb", "0"])
    assert big.exit_code == 0, big.output


def test_a_rerun_skips_up_to_date_files_and_redoes_changed_ones(tmp_path):
    docs = numbered_copies(tmp_path / "docs", 3)
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"]).exit_code == 0
    first = outputs(out)
    again = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert "(3 up to date)" in again.output
    assert outputs(out) == first  # index.csv rebuilt from the kept rule files
    (docs / "notice_01.txt").write_text(notice_excerpt(lines=30), encoding="utf-8")
    (out / "notice_02.rules.json").unlink()
    changed = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1"])
    assert "(1 up to date)" in changed.output
    assert (out / "notice_02.rules.json").read_bytes() == first["notice_02.rules.json"]
    forced = runner.invoke(app, ["batch", str(docs), "-o", str(out), "-j", "1", "--force"])
    assert "up to date" not in forced.output


def test_colliding_stems_get_distinct_rule_files(tmp_path):
    names = output_names([Path("a/x.txt"), Path("b/x.txt"), Path("x.md"), Path("y.txt")])
    assert len(set(names)) == 4 and names[3] == "y.rules.json"


def test_a_killed_batch_resumes_to_identical_outputs(tmp_path):
    n = 30  # the batch cannot finish between the first manifest save and the kill
    docs = numbered_copies(tmp_path / "docs", n)
    killed, fresh = tmp_path / "killed", tmp_path / "fresh"
    command = [sys.executable, "-c", "from zhengce.cli import app; app()", "batch", str(docs), "-j", "1", "-o"]
    proc = subprocess.Popen([*command, str(killed)], stderr=subprocess.DEVNULL, start_new_session=True)
    # the manifest is first saved with the first finished document (then about once a second)
    deadline = time.monotonic() + 60
    while not (killed / MANIFEST).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(killed.glob("*.rules.json")))
    assert 0 < done_before < n, "the batch was not killed midway"
    assert not (killed / "index.csv").exists()  # written only when a batch completes
    rerun = runner.invoke(app, ["batch", str(docs), "-o", str(killed), "-j", "1"])
    assert rerun.exit_code == 0, rerun.output
    assert "up to date)" in rerun.output  # the manifest saved before the kill spared some work
    assert not list(killed.glob(".*.tmp"))
    assert runner.invoke(app, ["batch", str(docs), "-o", str(fresh), "-j", "1"]).exit_code == 0
    assert outputs(killed) == outputs(fresh)  # source.path is the input path, the same in both runs
    assert len(list(killed.glob("*.rules.json"))) == n
    with (killed / "index.csv").open(encoding="utf-8-sig") as f:
        assert {row["document"] for row in csv.DictReader(f)} == {str(p) for p in docs.iterdir()}


def test_a_process_pool_gives_the_same_outputs(tmp_path):
    docs = numbered_copies(tmp_path / "docs", 4)
    assert runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "one"), "-j", "1"]).exit_code == 0
    assert runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "two"), "-j", "2"]).exit_code == 0
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_a_dying_worker_fails_its_documents_not_the_batch(tmp_path, monkeypatch):
    import zhengce.pipeline

    real = zhengce.pipeline.extract

    def crashy(path):
        if "notice_01" in str(path):
            os._exit(9)  # what a segfault in a native reader or the OOM killer looks like to the pool
        return real(path)

    real(next(CORPUS.glob("003_*.txt")))  # load the NLP pipeline once, here: forked workers then start warm
    monkeypatch.setattr(zhengce.pipeline, "extract", crashy)  # pool workers fork after this, so they see it
    docs = numbered_copies(tmp_path / "docs", 20)
    outcomes = list(run(sorted(docs.iterdir()), tmp_path / "out", workers=2))
    assert len(outcomes) == 20
    assert any(o.error and "notice_01" in o.error and "worker failed" in o.error for o in outcomes)
    assert outcomes[-1].output  # a fresh pool took over
    assert len((tmp_path / "out" / "failures.txt").read_text(encoding="utf-8").splitlines()) == sum(
        bool(o.error) for o in outcomes)


def test_dask_gives_the_same_outputs(tmp_path):
    pytest.importorskip("dask.distributed")
    docs = numbered_copies(tmp_path / "docs", 3)
    (docs / "empty.txt").write_bytes(b"")
    local = runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "local"), "-j", "1"])
    dask = runner.invoke(app, ["batch", str(docs), "-o", str(tmp_path / "dask"), "--dask-workers", "2"])
    assert local.exit_code == dask.exit_code == 1
    assert outputs(tmp_path / "local") == outputs(tmp_path / "dask")
    assert len(list((tmp_path / "dask").glob("*.rules.json"))) == 3
