"""The `zhengce` command: a thin shell over zhengce.pipeline and zhengce.rulegen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from zhengce import limits
from zhengce.cli_group import PlainGroup

app = typer.Typer(
    cls=PlainGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Chinese policy documents to machine-readable rules.",
    rich_markup_mode=None,  # plain click help: rendering it with rich costs more than the rest of start-up
    pretty_exceptions_enable=False,
)
LIMIT_HELP = ("A limit on what one document may cost, e.g. pdf_pages=1000 (0: none); repeatable. Names: "
              f"{', '.join(limits.names())}.")


def _show_version(value: bool) -> None:
    if value:
        from zhengce import __version__

        typer.echo(f"zhengce {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Options before the command (--version)."""


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _check_output(path: Path | None, folder: bool = False) -> None:
    """Fail before the work when `path` cannot be written (a folder given as file, a file on the way)."""
    from zhengce.rulegen.write import output_problem

    problem = path and output_problem(path, folder)
    if problem:
        _fail(problem)


def _write(path: Path, data: str | bytes) -> None:
    from zhengce.rulegen.write import atomic_write_bytes, atomic_write_text

    try:
        if isinstance(data, bytes):
            atomic_write_bytes(path, data)
        else:
            atomic_write_text(path, data)
    except OSError as e:
        _fail(f"cannot write {path}: {e.strerror or e}")


def _limits(settings: list[str]) -> limits.Limits:
    try:
        return limits.parse(settings, limits.current())
    except ValueError as e:
        _fail(str(e))


def _check_format(fmt: str, choices: tuple[str, ...], what: str = "format") -> None:
    if fmt not in choices:
        _fail(f"unknown {what} {fmt!r} ({', '.join(choices[:-1])} or {choices[-1]})")


@app.command()
def parse(
    file: Path,
    outline: bool = typer.Option(False, "--outline", help="Print an indented outline instead of JSON."),
) -> None:
    """Print a document's metadata and clause tree."""
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import parse as parse_doc
    from zhengce.rulegen.outline import document_json, outline_text
    from zhengce.rulegen.write import json_text

    try:
        doc = parse_doc(file)
    except ZhengceError as e:
        _fail(str(e))
    if outline:
        typer.echo(outline_text(doc))
    else:
        typer.echo(json_text(document_json(doc)))


@app.command()
def extract(
    file: Path = typer.Argument(..., metavar="FILE", help="A notice: PDF, DOCX, HTML, Markdown or text."),
    output: Path = typer.Option(None, "-o", "--output", metavar="FILE", help="Write the rule file here, not stdout."),
    fmt: str = typer.Option("json", "--format", help="json or yaml."),
    limit: list[str] = typer.Option([], "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
) -> None:
    """Extract the rules of one document."""
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import extract as extract_rules
    from zhengce.rulegen.write import dumps

    _check_format(fmt, ("json", "yaml"))
    _check_output(output)
    try:
        with limits.applied(_limits(limit)):
            data = extract_rules(file)
    except ZhengceError as e:
        _fail(str(e))
    for warning in data["warnings"]:
        typer.echo(f"warning: {file}: {warning}", err=True)
    if output:
        _write(output, dumps(data, fmt))
    else:
        sys.stdout.write(dumps(data, fmt))


@app.command()
def batch(
    targets: list[str] = typer.Argument(..., metavar="DIR_OR_GLOB...", help="Folders, files or globs of documents."),
    outdir: Path = typer.Option(..., "-o", "--outdir", metavar="DIR",
                                help="Where rule files, index.csv and failures.txt go."),
    workers: int = typer.Option(min(4, os.cpu_count() or 1), "--workers", "-j", min=1, help="Worker processes."),
    fmt: str = typer.Option("json", "--format", help="json or yaml."),
    force: bool = typer.Option(False, "--force", help="Reprocess documents whose rule file is up to date."),
    max_mb: float = typer.Option(20.0, "--max-mb", min=0, help="Reject larger files with an error line (0: no limit)."),
    limit: list[str] = typer.Option([], "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
    prune: bool = typer.Option(False, "--prune", help="Remove rule files whose source is gone."),
    scheduler: str = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                                  help="Run on a dask.distributed scheduler."),
    dask_workers: int = typer.Option(0, "--dask-workers", min=0, metavar="N",
                                     help="Run on a local Dask cluster of N processes."),
) -> None:
    """Extract every document of folders or globs; a bad file is reported, never stops the batch.

    A rerun skips documents whose input and tool version are unchanged since their rule file
    was written (see OUTDIR/.zhengce-manifest.json), so an interrupted batch just resumes.
    Exit code 0, 1 if a document failed, 130 if interrupted (Ctrl-C, kill).
    """
    from zhengce.rulegen.batch import inputs, report_stale

    _check_format(fmt, ("json", "yaml"))
    _check_output(outdir, folder=True)
    settings = _limits(limit)
    try:
        paths = inputs(targets)
    except ValueError as e:
        _fail(str(e))
    tally = _run_batch(paths, outdir, workers, fmt, force=force, max_mb=max_mb or None, scheduler=scheduler,
                       dask_workers=dask_workers, limits=settings)
    typer.echo(tally.summary(outdir), err=True)
    for line in report_stale(outdir, fmt, prune):
        typer.echo(line, err=True)
    if tally.failed:
        raise typer.Exit(1)


def _run_batch(paths: list[Path], outdir: Path, *args, **kwargs):
    """Run the batch with a progress bar, a line per failed document and per text that is not a policy; one
    line and exit 130 when interrupted, exit 1 when the output folder cannot be written."""
    from contextlib import closing

    from rich.progress import Progress

    from zhengce.rulegen.batch import Tally, interruptible, run

    tally = Tally(len(paths))
    try:
        with interruptible(), Progress(transient=True, disable=not sys.stderr.isatty()) as progress, \
                closing(run(paths, outdir, *args, **kwargs)) as outcomes:
            task = progress.add_task("extracting", total=len(paths))
            for outcome in outcomes:
                for line in tally.add(outcome):
                    typer.echo(line, err=True)
                progress.advance(task)
    except KeyboardInterrupt:
        typer.echo(f"interrupted: {tally.done} of {tally.total} documents done; the same command resumes", err=True)
        raise typer.Exit(130) from None
    except RuntimeError as e:  # Dask requested but not installed, or its cluster could not start
        _fail(str(e))
    except OSError as e:  # the output folder: not writable, disk full
        _fail(f"cannot write to {outdir}: {e.strerror or e}")
    return tally


def _rule_files(paths: list[Path]) -> list[dict]:
    """The rule files of `paths`; a file that cannot be read is one error line and is skipped."""
    from zhengce.rulegen.match_io import load_rule_files

    try:
        files, errors = load_rule_files(paths)
    except ValueError as e:
        _fail(str(e))
    for error in errors:
        typer.echo(f"error: {error} (skipped)", err=True)
    if not files:
        _fail("no rule file could be read")
    return files


def _print_rows(rows: list[dict], columns, fmt: str) -> None:
    from zhengce.rulegen.match_io import render_csv, render_md, render_table
    from zhengce.rulegen.write import json_text

    if fmt == "json":
        typer.echo(json_text(rows))
    elif fmt in ("md", "csv"):
        sys.stdout.write((render_md if fmt == "md" else render_csv)(rows, columns))
    elif rows:
        render_table(rows, columns)
    else:
        typer.echo("no rule to show", err=True)


@app.command()
def match(
    profile: Path = typer.Argument(..., help="A company profile (YAML or JSON), as `zhengce profile` writes it."),
    rules: list[Path] = typer.Argument(..., help="Rule files, folders of them, or documents (extracted first)."),
    fmt: str = typer.Option("table", "--format", help="table, json, md or csv."),
    status: list[str] = typer.Option([], "--status", help="Show only rows of this status (repeatable)."),
    valid_on: str = typer.Option(None, "--valid-on", help="YYYY-MM-DD: only policies valid on that day."),
    today: str = typer.Option(None, "--today", help="YYYY-MM-DD for marking expired policies (default: today)."),
) -> None:
    """Match a company profile against rule files: applies, does not apply (the failed condition),
    unknown (the facts to supply), needs review (why); expired policies come last."""
    from datetime import date

    from zhengce.rulegen.match import STATUSES
    from zhengce.rulegen.match import match as match_rules
    from zhengce.rulegen.match import valid_on as is_valid_on
    from zhengce.rulegen.match_io import MATCH_COLUMNS
    from zhengce.rulegen.profile import ProfileError, load_profile, read_profile, tested

    _check_format(fmt, ("table", "json", "md", "csv"))
    for wanted in status:
        _check_format(wanted, STATUSES, "status")
    try:
        day, valid_day = (date.fromisoformat(d) if d else None for d in (today, valid_on))
    except ValueError as e:
        _fail(f"--today/--valid-on: {e}")
    try:
        data = load_profile(profile)
        files = _rule_files(rules)
        files = [f for f in files if not valid_day or is_valid_on(f["document"], valid_day)]
        read = read_profile(data, set(tested(files)))
    except ProfileError as e:
        _fail(f"{profile}: {e}")
    for warning in read.warnings:
        typer.echo(f"warning: {profile}: {warning}", err=True)
    rows = [r for r in match_rules(data, files, day or date.today()) if not status or r["status"] in status]
    _print_rows(rows, MATCH_COLUMNS, fmt)


@app.command()
def profile(
    rules: list[Path] = typer.Argument(..., help="Rule files, folders of them, or documents (extracted first)."),
    output: Path = typer.Option(None, "-o", "--output", help="Write the template here instead of stdout."),
    fmt: str = typer.Option("yaml", "--format", help="yaml (with a comment per variable) or json."),
) -> None:
    """Write a profile template: every variable the rule files test, each null, to fill in for `match`."""
    from zhengce.rulegen.profile import render_template, template_rows
    from zhengce.rulegen.write import atomic_write_text

    _check_format(fmt, ("yaml", "json"))
    text = render_template(template_rows(_rule_files(rules)), fmt)
    if output:
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)


@app.command()
def review(
    rules: list[Path] = typer.Argument(..., help="Rule files, folders of them, or documents (extracted first)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, md or json."),
) -> None:
    """List every benefit or eligibility rule that needs review, with its reasons and quote."""
    from zhengce.rulegen.match_io import REVIEW_COLUMNS
    from zhengce.rulegen.review import compile_rate, review_rows

    _check_format(fmt, ("table", "csv", "md", "json"))
    files = _rule_files(rules)
    _print_rows(review_rows(files), REVIEW_COLUMNS, fmt)
    ready, total = compile_rate(files)
    typer.echo(f"{ready} of {total} benefit or eligibility rules with conditions compile and need no review", err=True)


@app.command()
def diff(
    old: Path,
    new: Path,
    output: Path = typer.Option(None, "-o", "--output", help="Write the report here instead of stdout."),
    fmt: str = typer.Option("json", "--format", help="html, md, json, docx or xlsx (docx and xlsx need -o)."),
    only_changed: bool = typer.Option(True, "--only-changed/--all", help="List changed clauses only, or all."),
) -> None:
    """Compare two versions of a policy (documents or rule files, JSON or YAML): a 修订对照表, clause by clause."""
    from zhengce.errors import ZhengceError
    from zhengce.rulegen.diff import diff as diff_versions
    from zhengce.rulegen.report import BINARY_FORMATS, FORMATS, render_bytes

    _check_format(fmt, FORMATS)
    if fmt in BINARY_FORMATS and not output:
        _fail(f"--format {fmt} writes a file: give it with -o")
    _check_output(output)
    try:
        data = render_bytes(diff_versions(old, new, all_clauses=not only_changed), fmt)
    except ZhengceError as e:
        _fail(str(e))
    if output:
        _write(output, data)
    else:
        sys.stdout.buffer.write(data)


library_app = typer.Typer(cls=PlainGroup, no_args_is_help=True,
                          help="The policy library: notices stored in one SQLite database.")
app.add_typer(library_app, name="library")
DB_OPTION = typer.Option("zhengce.db", "--db", envvar="ZHENGCE_DB", help="The library database.")


def _library(db: Path, create: bool = False):
    from zhengce.rulegen.library_db import LibraryError, connect

    try:
        return connect(db, create=create)
    except LibraryError as e:
        _fail(str(e))


@library_app.command("add")
def library_add(
    paths: list[str] = typer.Argument(..., help="Documents, folders or globs."),
    db: Path = DB_OPTION,
    workers: int = typer.Option(min(4, os.cpu_count() or 1), "--workers", "-j", help="Worker processes."),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Reject larger files with an error line (0: no limit)."),
) -> None:
    """Extract documents and store them; unchanged ones are skipped, changed ones replaced, failures listed."""
    from contextlib import closing

    from rich.progress import Progress

    from zhengce.rulegen.batch import inputs
    from zhengce.rulegen.library import add

    try:
        found = inputs(paths)
    except ValueError as e:
        _fail(str(e))
    conn = _library(db, create=True)
    stored = failed = skipped = 0
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress, \
            closing(add(conn, found, workers, max_mb or None)) as outcomes:
        task = progress.add_task("adding", total=len(found))
        for outcome in outcomes:
            failed, skipped = failed + bool(outcome.error), skipped + outcome.skipped
            stored += not outcome.error and not outcome.skipped
            if outcome.error:
                typer.echo(f"error: {outcome.error}", err=True)
            progress.advance(task)
    typer.echo(f"{stored} stored, {skipped} unchanged, {failed} failed: {db}", err=True)
    if failed:
        raise typer.Exit(1)


@library_app.command("list")
def library_list(
    db: Path = DB_OPTION,
    failures: bool = typer.Option(False, "--failures", help="List the files that could not be added instead."),
) -> None:
    """The stored notices: id, 文号, title, rules, source path."""
    from zhengce.rulegen import library_db

    if failures:
        for f in library_db.failures(_library(db)):
            typer.echo(f"{f['at']}\t{f['error']}")
        return
    for n in library_db.notices(_library(db)):
        typer.echo(f"{n['id']}\t{n['doc_number'] or '-'}\t{n['name'] or '-'}\t{n['rules']} rules\t{n['path']}")


@library_app.command("remove")
def library_remove(notice_id: int = typer.Argument(..., metavar="ID"), db: Path = DB_OPTION) -> None:
    """Remove a notice (its id as `library list` shows it)."""
    from zhengce.rulegen.library_db import remove

    if not remove(_library(db), notice_id):
        _fail(f"{db}: no notice {notice_id}")


@app.command()
def query(
    db: Path = DB_OPTION,
    text: str = typer.Option(None, "--text", help="Words every rule's text must contain (full-text search)."),
    issuer: str = typer.Option(None, "--issuer"),
    city: str = typer.Option(None, "--city"),
    valid_on: str = typer.Option(None, "--valid-on", help="YYYY-MM-DD: notices in force that day."),
    kind: str = typer.Option(None, "--kind", help="benefit, eligibility, target or measure (responsibility)."),
    metric: str = typer.Option(None, "--metric", help="A figure's metric, e.g. 营业收入."),
    min_amount: str = typer.Option(None, "--min-amount", help="A benefit of at least this much, e.g. 50万."),
    max_amount: str = typer.Option(None, "--max-amount", help="A benefit of at most this much."),
    unit: str = typer.Option(None, "--unit", help="A responsible or lead unit."),
    cites: str = typer.Option(None, "--cites", help="Notices citing or repealing this 文号 or title."),
    limit: int = typer.Option(100, "--limit"),
    fmt: str = typer.Option("table", "--format", help="table, json or csv (UTF-8 with BOM)."),
) -> None:
    """Rules across the library that pass every filter given."""
    from zhengce.rulegen import query as q

    _check_format(fmt, q.FORMATS)
    try:
        rows = q.run(_library(db), q.filters(text, issuer, city, valid_on, kind, metric, min_amount, max_amount,
                                             unit, cites, limit))
    except q.QueryError as e:
        _fail(str(e))
    if fmt == "table":
        q.render_table(rows)
    else:
        sys.stdout.write(q.render_csv(rows) if fmt == "csv" else q.render_json(rows))


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Listen here (default: this machine only)."),
    port: int = typer.Option(8765, "--port"),
) -> None:
    """The library as a local web app: search, notices with their facts highlighted, comparison, matching."""
    import uvicorn

    from zhengce.rulegen.web import create_app

    _library(db).close()
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: anyone who can reach it can read the library", err=True)
    typer.echo(f"serving {db} on http://{host}:{port} (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
