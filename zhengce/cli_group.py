"""The command group: help a person can read, and no traceback ever.

Typer 0.29 prints required arguments as `{file}` and lists as `<list[Path]>`, and click cuts each
command's summary in the top-level list to the terminal width ("a bad file is..."). A bug, or an
input no reader foresaw, must still end in one line, not a traceback."""

from __future__ import annotations

import click
import typer
from typer.core import TyperArgument, TyperGroup
from typer.exceptions import TyperException


class PlainGroup(TyperGroup):
    """Commands listed with their whole first paragraph (wrapped), arguments shown by their metavar
    (by default their name in capitals, as are repeatable options); an unexpected exception is one `error:` line
    and exit code 1."""

    def invoke(self, ctx: click.Context):
        command = " ".join([ctx.command_path, *(getattr(ctx, "_protected_args", None) or []), *ctx.args])
        try:
            return super().invoke(ctx)
        except (TyperException, typer.Exit, typer.Abort):  # usage errors and exits: click says them itself
            raise
        except Exception as exc:
            words = " ".join(str(exc).split())[:300]
            typer.echo(f"error: {command}: internal error: {type(exc).__name__}: {words}", err=True)
            raise typer.Exit(1) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, (command.help or "").split("\n\n")[0].replace("\n", " ").strip()))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        for param in command.params if command else ():
            if isinstance(param, TyperArgument):
                param.metavar = param.metavar or param.name.upper() + ("..." if param.nargs != 1 else "")
                param.__class__ = _PlainArgument
            elif getattr(param, "multiple", False) and not param.metavar:  # a repeatable option: not <list[str]>
                param.metavar = param.name.upper()
        return command


class _PlainArgument(TyperArgument):
    """An argument shown as its metavar alone (FILE, RULES...), in the usage line and in the list."""

    def _usage_display_name(self) -> str:
        return self.metavar if self.required else f"[{self.metavar}]"

    def _rich_display_name(self) -> str:
        return self.metavar

    def display_type(self, ctx: click.Context) -> str:
        return ""
