"""The `zhengce` command: a thin shell over zhengce.pipeline and zhengce.rulegen."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Chinese policy documents to machine-readable rules."
)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def parse(
    file: Path,
    outline: bool = typer.Option(False, "--outline", help="Print an indented outline instead of JSON."),
) -> None:
    """Print a document's metadata and clause tree."""
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import parse as parse_doc
    from zhengce.rulegen.outline import document_json, outline_text

    try:
        doc = parse_doc(file)
    except ZhengceError as e:
        _fail(str(e))
    if outline:
        typer.echo(outline_text(doc))
    else:
        typer.echo(json.dumps(document_json(doc), ensure_ascii=False, indent=2))


@app.command()
def extract(
    file: Path,
    output: Path = typer.Option(None, "-o", "--output", help="Write the rule file here instead of stdout."),
    fmt: str = typer.Option("json", "--format", help="json or yaml."),
) -> None:
    """Extract the rules of one document."""
    from zhengce.errors import ZhengceError
    from zhengce.pipeline import extract as extract_rules
    from zhengce.rulegen.write import atomic_write_text, dumps

    if fmt not in ("json", "yaml"):
        _fail(f"unknown format {fmt!r} (json or yaml)")
    try:
        data = extract_rules(file)
    except ZhengceError as e:
        _fail(str(e))
    for warning in data["warnings"]:
        typer.echo(f"warning: {file}: {warning}", err=True)
    if output:
        atomic_write_text(output, dumps(data, fmt))
    else:
        sys.stdout.write(dumps(data, fmt))


@app.command()
def batch(
    target: str = typer.Argument(..., help="A folder or a glob of documents."),
    outdir: Path = typer.Option(..., "-o", "--outdir", help="Where rule files, index.csv and failures.txt go."),
    workers: int = typer.Option(min(4, os.cpu_count() or 1), "--workers", "-j", help="Worker processes."),
    fmt: str = typer.Option("json", "--format", help="json or yaml."),
) -> None:
    """Extract every document of a folder or glob; a bad file is reported, never stops the batch."""
    from rich.progress import Progress

    from zhengce.rulegen.batch import inputs, run, write_index

    paths = inputs(target)
    if not paths:
        _fail(f"{target}: no documents found")
    outcomes = []
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("extracting", total=len(paths))
        for outcome in run(paths, outdir, workers, fmt):
            outcomes.append(outcome)
            if outcome.error:
                typer.echo(f"error: {outcome.error}", err=True)
            progress.advance(task)
    write_index(outcomes, outdir)
    failed = sum(1 for o in outcomes if o.error)
    typer.echo(f"{len(outcomes) - failed} of {len(outcomes)} documents extracted to {outdir}", err=True)
    if failed:
        raise typer.Exit(1)
