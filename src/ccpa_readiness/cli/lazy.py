"""The `ccpa` group that imports a command's module only when the command is run or its help shown.

`ccpa --help` lists every command from `COMMANDS` without importing the modules (and the heavy
libraries they use); `tests/cli/test_startup.py` checks the listing matches the loaded commands.
"""

from __future__ import annotations

import errno
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, NamedTuple

import typer
from typer import _click
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup


class LazyCommand(NamedTuple):
    """Where a top-level command or group is registered, and its one-line help for the listing
    (a named tuple: a dataclass costs 1.5 ms of every start-up to make)."""

    modules: tuple[str, ...]
    summary: str | None = None  # None: a group declared with its help in cli/app.py


_CLI = "ccpa_readiness.cli."
_REVIEW = (_CLI + "review_commands",)
_HISTORY = (_CLI + "history_commands",)
_WORKSPACE = (_CLI + "workspace_commands",)

# In the order `ccpa --help` lists them.
COMMANDS: dict[str, LazyCommand] = {
    "serve": LazyCommand(_REVIEW, "Serve the review app; --create makes a workspace in an empty folder."),
    "assess": LazyCommand(
        (_CLI + "assess_commands",),
        "Assess a contact center: applicability, every requirement, risk, then the roadmap; writes DIR/out/.",
    ),
    "history": LazyCommand(_HISTORY, "List the assessments recorded for the workspace, newest first."),
    "diff": LazyCommand(
        _HISTORY,
        "What changed between two assessments: findings new, closed, regressed, improved; the scores.",
    ),
    "roadmap": LazyCommand(
        (_CLI + "roadmap_commands",),
        "Plan the remediation: tasks, a schedule within the team and deadline, a budget, draft documents.",
    ),
    "report": LazyCommand(
        (_CLI + "report_commands",), "Render DIR/out/ as html, pdf, docx, xlsx or json, without re-assessing."
    ),
    "init": LazyCommand(_WORKSPACE, "Create a workspace from the commented template."),
    "schema": LazyCommand(
        _WORKSPACE, "Print the JSON Schema of the workspace files, for editor completion and checking."
    ),
    "catalog": LazyCommand((_CLI + "catalog_commands",)),
    "flows": LazyCommand((_CLI + "flows_commands",)),
    "scan": LazyCommand(()),  # a lazy group itself: `SCAN_COMMANDS`
    "notices": LazyCommand((_CLI + "notices_commands",)),
    "users": LazyCommand(_REVIEW),
    "audit": LazyCommand(_REVIEW),
    "review": LazyCommand(_REVIEW, "Review versions: import `out/`, export the sign-off record."),
    "tasks": LazyCommand(
        _HISTORY,
        "The roadmap's tasks tracked to done: `ccpa tasks DIR` lists, `ccpa tasks set DIR TASK_ID` changes.",
    ),
}


# The `ccpa scan` group's commands: `ccpa scan transcripts` never imports the data-store scanner.
SCAN_COMMANDS: dict[str, LazyCommand] = {
    "datastore": LazyCommand(
        (_CLI + "datastore_commands",),
        "Classify the personal information in databases and exports, read-only, from sampled rows.",
    ),
    "transcripts": LazyCommand(
        (_CLI + "transcripts_commands",),
        "Find personal information and check recording and collection disclosures in transcripts.",
    ),
}


def load_all_commands() -> None:
    """Import every command module (registers every command on `app`)."""
    for entry in [*COMMANDS.values(), *SCAN_COMMANDS.values()]:
        for module in entry.modules:
            importlib.import_module(module)


class LazyCommandGroup(TyperGroup):
    """A Typer group whose commands are built from their module the first time they are needed."""

    _listing = False
    lazy_commands: ClassVar[dict[str, LazyCommand]] = COMMANDS

    def list_commands(self, ctx: _click.Context) -> list[str]:
        table = self.lazy_commands
        return [*table, *(name for name in self.commands if name not in table)]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        entry = self.lazy_commands.get(cmd_name)
        built = self.commands.get(cmd_name)
        if entry is None or getattr(built, "_lazy_loaded", False):
            return built
        if self._listing:  # the listing needs only the one-line help
            return built or TyperCommand(name=cmd_name, help=entry.summary)
        return self._load(cmd_name, entry)

    def _typer_app(self) -> typer.Typer:
        """The Typer app whose commands this group lists."""
        from ccpa_readiness.cli.app import app

        return app

    def _load(self, cmd_name: str, entry: LazyCommand) -> _click.Command | None:
        for module in entry.modules:
            importlib.import_module(module)
        built = self.commands.get(cmd_name)
        if entry.modules or built is None:  # else no module to register: the command built is current
            built = typer.main.get_group(self._typer_app()).commands.get(cmd_name)
        if built is not None:
            built._lazy_loaded = True  # type: ignore[attr-defined]
            self.commands[cmd_name] = built
        return built

    @contextmanager
    def _listing_only(self) -> Iterator[None]:
        self._listing = True
        try:
            yield
        finally:
            self._listing = False

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        with self._listing_only():
            super().format_help(ctx, formatter)

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[CompletionItem]:
        """Command names complete from `COMMANDS` (a sub-command's own names load its module)."""
        with self._listing_only():
            return super().shell_complete(ctx, incomplete)

    def invoke(self, ctx: _click.Context) -> Any:
        """A file the command cannot write or read (a folder in the way, no permission, a full
        disk) is an error naming it, exit 2, never a traceback."""
        try:
            return super().invoke(ctx)
        except OSError as error:
            if error.errno == errno.EPIPE:  # a closed pipe: click's own handling
                raise
            from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, print_problems
            from ccpa_readiness.errors import Problem

            source = error.filename if error.filename is not None else "the command"
            print_problems([Problem(source=str(source), message=error.strerror or str(error))])
            raise typer.Exit(BAD_INPUT_EXIT) from None

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        if args and args[0] not in self.lazy_commands and args[0] not in self.commands:
            for name in self.lazy_commands:  # an unknown name: "did you mean" picks from every command
                self.commands.setdefault(name, TyperCommand(name=name))
        return super().resolve_command(ctx, args)


class LazyScanGroup(LazyCommandGroup):
    """`ccpa scan`: each scanner's command module imported only when that command is run."""

    lazy_commands = SCAN_COMMANDS

    def _typer_app(self) -> typer.Typer:
        from ccpa_readiness.cli.app import scan_app

        return scan_app
