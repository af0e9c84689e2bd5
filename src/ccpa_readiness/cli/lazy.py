"""The `ccpa` group that imports a command's module only when the command is run or its help shown.

`ccpa --help` lists every command from `COMMANDS` without importing the modules (and the heavy
libraries they use); `tests/cli/test_startup.py` checks the listing matches the loaded commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from typer import _click
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a top-level command or group is registered, and its one-line help for the listing."""

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
    "scan": LazyCommand((_CLI + "datastore_commands", _CLI + "transcripts_commands")),
    "notices": LazyCommand((_CLI + "notices_commands",)),
    "users": LazyCommand(_REVIEW),
    "audit": LazyCommand(_REVIEW),
    "review": LazyCommand(_REVIEW, "Review versions: import `out/`, export the sign-off record."),
    "tasks": LazyCommand(
        _HISTORY,
        "The roadmap's tasks tracked to done: `ccpa tasks DIR` lists, `ccpa tasks set DIR TASK_ID` changes.",
    ),
}


def load_all_commands() -> None:
    """Import every command module (registers every command on `app`)."""
    for entry in COMMANDS.values():
        for module in entry.modules:
            importlib.import_module(module)


class LazyCommandGroup(TyperGroup):
    """A Typer group whose commands are built from their module the first time they are needed."""

    _listing = False

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        entry = COMMANDS.get(cmd_name)
        built = self.commands.get(cmd_name)
        if entry is None or getattr(built, "_lazy_loaded", False):
            return built
        if self._listing:  # the listing needs only the one-line help
            return built or TyperCommand(name=cmd_name, help=entry.summary)
        return self._load(cmd_name, entry)

    def _load(self, cmd_name: str, entry: LazyCommand) -> _click.Command | None:
        from ccpa_readiness.cli.app import app

        for module in entry.modules:
            importlib.import_module(module)
        built = typer.main.get_group(app).commands.get(cmd_name)
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

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        if args and args[0] not in COMMANDS and args[0] not in self.commands:
            for name in COMMANDS:  # an unknown name: "did you mean" picks from every command
                self.commands.setdefault(name, TyperCommand(name=name))
        return super().resolve_command(ctx, args)
