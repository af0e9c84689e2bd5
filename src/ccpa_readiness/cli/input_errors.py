"""Turn input errors into a clear message and exit code 2, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from ccpa_readiness.cli.app import stderr_console
from ccpa_readiness.errors import InputError, Problem

BAD_INPUT_EXIT = 2


def print_problems(problems: list[Problem], heading: str = "error") -> None:
    for problem in problems:
        stderr_console().print(f"[bold red]{heading}[/]: {problem}", highlight=False, soft_wrap=True)


@contextmanager
def exit_on_input_error() -> Iterator[None]:
    """Run a command body; an `InputError` prints each problem and exits 2."""
    try:
        yield
    except InputError as error:
        print_problems(error.problems)
        raise typer.Exit(BAD_INPUT_EXIT) from None
