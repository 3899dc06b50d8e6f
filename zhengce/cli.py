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


def _check_format(fmt: str, choices: tuple[str, ...]) -> None:
    if fmt not in choices:
        _fail(f"unknown format {fmt!r} ({', '.join(choices[:-1])} or {choices[-1]})")


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


@app.command()
def match(
    profile: Path = typer.Argument(..., help="A company profile (JSON or YAML) keyed by vocabulary variables."),
    rules: list[Path] = typer.Argument(..., help="Rule files, folders of them, or documents (extracted first)."),
    fmt: str = typer.Option("table", "--format", help="table, json or md."),
    today: str = typer.Option(None, "--today", help="YYYY-MM-DD for the validity check (default: today)."),
) -> None:
    """Match a company profile against rule files: applies, does not apply, unknown (what is missing), needs review."""
    from datetime import date

    import yaml

    from zhengce.errors import ZhengceError
    from zhengce.rulegen.match import match as match_rules
    from zhengce.rulegen.match_io import load_rule_files, render_md, render_table
    from zhengce.rulegen.write import json_text

    _check_format(fmt, ("table", "json", "md"))
    try:
        day = date.fromisoformat(today) if today else date.today()
        data = yaml.safe_load(profile.read_text(encoding="utf-8"))  # YAML reads JSON too
        files = load_rule_files(rules)
    except (OSError, ValueError, yaml.YAMLError, ZhengceError) as e:
        _fail(str(e))
    if not isinstance(data, dict):
        _fail(f"{profile}: a profile is a mapping of variables to values")
    rows = match_rules(data, files, day)
    if fmt == "json":
        typer.echo(json_text(rows))
    elif fmt == "md":
        typer.echo(render_md(rows))
    else:
        render_table(rows)


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
