"""The `ccpa` command and its groups; each group's commands live in a module of their own."""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from typer.core import MarkupMode, TyperGroup

from ccpa_readiness.cli.lazy import LazyCommandGroup, LazyScanGroup

if TYPE_CHECKING:  # Rich is imported when a console is first used
    from rich.console import Console

# Help in click's plain layout: Rich's (typer.rich_utils, which imports Markdown, tracebacks and
# syntax highlighting) costs 0.1 s of imports on every `--help`; issue 17 wants `ccpa --help` < 0.3 s.
HELP_MARKUP: MarkupMode = None


def command_group(help: str, cls: type[TyperGroup] | None = None) -> typer.Typer:
    """A `ccpa` sub-command group: its help when run without a command, in the plain layout."""
    return typer.Typer(cls=cls, help=help, no_args_is_help=True, rich_markup_mode=HELP_MARKUP)


app = typer.Typer(
    name="ccpa",
    cls=LazyCommandGroup,
    help="Assess a contact center's readiness for the CCPA/CPRA, find the gaps, plan the fixes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=HELP_MARKUP,
    context_settings={"max_content_width": 120},  # help as wide as the terminal, up to 120 columns
)
catalog_app = command_group("The requirements catalog: list, show, validate.")
flows_app = command_group("Contact-flow exports (IVR): disclaimers and data handling.")
scan_app = command_group("Scan evidence: transcripts, data stores.", cls=LazyScanGroup)
notices_app = command_group("Privacy policy, notices and agent scripts.")
users_app = command_group("Review-app users.")
audit_app = command_group("The review app's audit trail.")

app.add_typer(catalog_app, name="catalog")
app.add_typer(flows_app, name="flows")
app.add_typer(scan_app, name="scan")
app.add_typer(notices_app, name="notices")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")

PIPED_WIDTH = 10_000  # piped output: lines and table rows are never wrapped or split


def _width(stream: TextIO) -> int | None:
    """No width for a terminal (or where COLUMNS says one); a pipe or file gets lines unwrapped."""
    return None if stream.isatty() or "COLUMNS" in os.environ else PIPED_WIDTH


# Rich's console (0.05 s of imports) is made when a command first prints: a scan writing its
# output to --out with nothing to report never does. Modules import them as `console` (stdout)
# and `err_console` (stderr): see `__getattr__`.
console: Console
err_console: Console


@cache
def stdout_console() -> Console:
    from rich.console import Console

    return Console(width=_width(sys.stdout))


@cache
def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, width=_width(sys.stderr))


def __getattr__(name: str) -> Console:
    """`console` and `err_console`, made on first use."""
    if name == "console":
        return stdout_console()
    if name == "err_console":
        return stderr_console()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def progress_shown() -> bool:
    """Whether Rich would draw a progress bar on stderr (its console `is_terminal`), asked only
    where it may: on a terminal, or with FORCE_COLOR or TTY_COMPATIBLE set (which Rich reads).
    A redirected run then makes no console (and imports no Rich) for a bar it would not draw."""
    try:
        isatty = sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one: Rich says no terminal too
        isatty = False
    if not isatty and "FORCE_COLOR" not in os.environ and "TTY_COMPATIBLE" not in os.environ:
        return False
    return stderr_console().is_terminal


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # 0.1 s of imports that only `--version` needs

        typer.echo(f"ccpa {version('ccpa-readiness')}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """The options before any command (the group's help is the `help` given to `typer.Typer`)."""
