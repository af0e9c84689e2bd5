"""`ccpa init DIR` and `ccpa schema`: start a workspace and let editors check it."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ccpa_readiness.cli.app import app, console, err_console
from ccpa_readiness.cli.input_errors import BAD_INPUT_EXIT, exit_on_input_error
from ccpa_readiness.workspace.template_files import create_workspace
from ccpa_readiness.workspace_schemas import workspace_files, workspace_schemas


@app.command("init")
def init_command(directory: Path = typer.Argument(..., help="folder to create the workspace in")) -> None:
    """Create a workspace from the commented template.

    Example: ccpa init my-contact-center
    """
    with exit_on_input_error():
        written = create_workspace(directory)
    for path in written:
        console.print(f"wrote {path}", highlight=False)
    console.print(f"Fill in the files, then run: ccpa assess {directory}", highlight=False)


@app.command("schema")
def schema_command(
    file: str | None = typer.Argument(None, help="one file, e.g. ccpa.yaml or inventory/data.yaml"),
    out: Path | None = typer.Option(
        None, "--out", help="write one <file>.schema.json per file into this folder"
    ),
) -> None:
    """Print the JSON Schema of the workspace files, for editor completion and checking.

    Draft 2020-12, with `$id` urn:ccpa-readiness:workspace:<file>; the catalog's categories,
    sensitive-PI kinds, contract clauses and requirement ids as enums.

    Example: ccpa schema inventory/channels.yaml
    """
    if file is not None and file not in workspace_files():
        known = ", ".join(workspace_files())
        err_console.print(f"[bold red]error[/]: unknown file '{file}'; one of: {known}", highlight=False)
        raise typer.Exit(BAD_INPUT_EXIT)
    with exit_on_input_error():
        schemas = workspace_schemas()
    chosen = {file: schemas[file]} if file else schemas
    if out is None:
        document = chosen[file] if file else chosen
        typer.echo(json.dumps(document, indent=2))
        return
    for name, schema in chosen.items():
        target = out / f"{name.replace('/', '-')}.schema.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {target}", highlight=False)
