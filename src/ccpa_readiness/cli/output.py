"""`--format text|json` for the commands that print results: with json, stdout holds only the
JSON document and every message goes to stderr."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from ccpa_readiness.cli.app import console, err_console


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", help="text, or json: only the JSON document on stdout, messages on stderr"),
]


def messages(output_format: OutputFormat) -> Console:
    """Where a command's messages go: stdout for text, stderr when stdout holds the JSON."""
    return err_console if output_format is OutputFormat.json else console


def print_json(document: Any) -> None:
    """The one JSON document on stdout, keys as given, ending with a newline."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
