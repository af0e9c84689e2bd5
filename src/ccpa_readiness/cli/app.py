"""The `ccpa` command and its groups; each group's commands live in a module of their own."""

from __future__ import annotations

import typer
from rich.console import Console

from ccpa_readiness.cli.lazy import LazyCommandGroup

app = typer.Typer(
    name="ccpa",
    cls=LazyCommandGroup,
    help="Assess a contact center's readiness for the CCPA/CPRA, find the gaps, plan the fixes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
catalog_app = typer.Typer(help="The requirements catalog: list, show, validate.", no_args_is_help=True)
flows_app = typer.Typer(
    help="Contact-flow exports (IVR): disclaimers and data handling.", no_args_is_help=True
)
scan_app = typer.Typer(help="Scan evidence: transcripts, data stores.", no_args_is_help=True)
notices_app = typer.Typer(help="Privacy policy, notices and agent scripts.", no_args_is_help=True)
users_app = typer.Typer(help="Review-app users.", no_args_is_help=True)
audit_app = typer.Typer(help="The review app's audit trail.", no_args_is_help=True)

app.add_typer(catalog_app, name="catalog")
app.add_typer(flows_app, name="flows")
app.add_typer(scan_app, name="scan")
app.add_typer(notices_app, name="notices")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")

console = Console()
err_console = Console(stderr=True)
