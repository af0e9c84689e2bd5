"""The `ccpa` command and its groups; each group's commands live in a module of their own."""

from __future__ import annotations

import os
import sys
from typing import Annotated, TextIO

import typer
from rich.console import Console

from ccpa_readiness.cli.lazy import LazyCommandGroup, LazyScanGroup

app = typer.Typer(
    name="ccpa",
    cls=LazyCommandGroup,
    help="Assess a contact center's readiness for the CCPA/CPRA, find the gaps, plan the fixes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
catalog_app = typer.Typer(help="The requirements catalog: list, show, validate.", no_args_is_help=True)
flows_app = typer.Typer(
    help="Contact-flow exports (IVR): disclaimers and data handling.", no_args_is_help=True
)
scan_app = typer.Typer(
    cls=LazyScanGroup, help="Scan evidence: transcripts, data stores.", no_args_is_help=True
)
notices_app = typer.Typer(help="Privacy policy, notices and agent scripts.", no_args_is_help=True)
users_app = typer.Typer(help="Review-app users.", no_args_is_help=True)
audit_app = typer.Typer(help="The review app's audit trail.", no_args_is_help=True)

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


console = Console(width=_width(sys.stdout))
err_console = Console(stderr=True, width=_width(sys.stderr))


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
