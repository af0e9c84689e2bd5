"""`ccpa --help` starts without the heavy libraries, and the lazy loading loses no command or option."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ccpa_readiness.cli.lazy import COMMANDS

CCPA = str(Path(sys.executable).parent / "ccpa")

HEAVY = ["ortools", "pyarrow", "sqlalchemy", "fastapi", "dask", "pypdf", "networkx", "docx", "pydantic"]
HEAVY += ["matplotlib"]  # charts: imported when one is drawn
HEAVY += ["typer.rich_utils"]  # Rich's help layout (Markdown, tracebacks): the help is plain
HEAVY += ["rich.console"]  # the consoles are made when a command first prints

# Every command path `ccpa` had when each module was imported up front (public interface).
COMMAND_PATHS = {
    "", "serve", "assess", "history", "diff", "roadmap", "report", "init", "schema",
    "catalog", "catalog list", "catalog show", "catalog validate", "flows", "flows check",
    "scan", "scan datastore", "scan transcripts", "notices", "notices check",
    "users", "users add", "audit", "audit verify", "audit head", "audit rotate-key",
    "review", "review import", "review export", "tasks", "tasks list", "tasks set",
}  # fmt: skip

# Prints {command path: its --help} for the paths under the top-level commands in sys.argv[1]
# (comma-separated; "" is the root alone, or with "eager" everything), rendered in a fresh process;
# with sys.argv[2] == "eager" every command module is imported first, as before.
HELP_SCRIPT = """
import json, sys
import typer
from typer.testing import CliRunner
from ccpa_readiness.cli import app
from ccpa_readiness.cli.lazy import load_all_commands

tops, mode = [top for top in sys.argv[1].split(",") if top], sys.argv[2]
if mode == "eager":
    load_all_commands()
runner = CliRunner()
helps = {}

def render(path):
    helps[" ".join(path)] = runner.invoke(app, [*path, "--help"], terminal_width=100).output

if not tops:
    render([])
root = typer.main.get_command(app)
context = typer.main._click.Context(root, info_name="ccpa")
for name in root.list_commands(context) if mode == "eager" else tops:
    command = root.get_command(context, name)
    if hasattr(command, "list_commands"):
        for sub in command.list_commands(context):
            render([name, sub])
    render([name])
print(json.dumps(helps))
"""


def _helps(top: str, mode: str) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    done = subprocess.run(
        [sys.executable, "-c", HELP_SCRIPT, top, mode], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, str] = json.loads(done.stdout)
    return result


def _loaded(argv: list[str], which: str) -> tuple[str, str]:
    """`ccpa ARGV` run in a fresh process: its output, and the modules `which` (an expression over
    `sys.modules`) printed after it."""
    script = (
        "import sys\n"
        "from ccpa_readiness.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit:\n    pass\n"
        f"print({which})"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout, done.stdout.strip().splitlines()[-1]


def test_help_imports_no_heavy_library() -> None:
    output, heavy = _loaded(["--help"], f"[name for name in {HEAVY!r} if name in sys.modules]")
    assert "Commands" in output
    assert heavy == "[]"


def test_running_a_command_imports_only_its_modules() -> None:
    _, commands = _loaded(
        ["catalog", "list", "--help"], "sorted(m for m in sys.modules if m.endswith('_commands'))"
    )
    assert commands == "['ccpa_readiness.cli.catalog_commands']"


def test_a_scan_imports_only_its_scanner() -> None:
    which = "sorted(m for m in sys.modules if m.endswith('_commands') or 'datastores' in m)"
    _, modules = _loaded(["scan", "transcripts", "--help"], which)
    assert modules == "['ccpa_readiness.cli.transcripts_commands']"


@pytest.mark.slow
def test_every_help_is_the_same_as_with_every_module_imported() -> None:
    eager = _helps("", "eager")
    assert set(eager) == COMMAND_PATHS
    lazy = _helps("", "lazy")  # `ccpa --help`
    # each top-level command alone in a fresh process, or with those whose modules it loads anyway
    alike: dict[tuple[str, ...], list[str]] = {}
    for top, entry in COMMANDS.items():
        alike.setdefault(entry.modules or (top,), []).append(top)
    for tops in alike.values():
        alone = _helps(",".join(tops), "lazy")
        assert {path.split(" ")[0] for path in alone} == set(tops)
        lazy.update(alone)
    assert set(lazy) == COMMAND_PATHS
    for path in sorted(COMMAND_PATHS):
        assert lazy[path] == eager[path], path
        assert "Usage: ccpa" in lazy[path]


def test_an_unknown_command_still_suggests_from_every_command() -> None:
    done = subprocess.run([sys.executable, "-m", "ccpa_readiness", "asess"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "'assess'" in done.stderr


def _conversation(tmp_path: Path) -> Path:
    path = tmp_path / "calls.jsonl"
    turns = "Agent: This call may be recorded.\nCustomer: My social is 078-05-1120."
    path.write_text(json.dumps({"id": "call-1", "text": turns}) + "\n", encoding="utf-8")
    return path


def test_a_transcripts_scan_into_a_file_loads_no_progress_bar_nor_rich_nor_pydantic(tmp_path: Path) -> None:
    """stderr is a pipe: Rich would draw no bar, so its progress module stays out; nothing is
    printed (the spans go to the file), so Rich stays out whole. Nothing on the scan's path is a
    pydantic model and the CLI parses its options without pydantic (typer before 0.29), so pydantic,
    a fifth of a second to import and build, stays out too."""
    out = tmp_path / "spans.jsonl"
    argv = ["scan", "transcripts", str(_conversation(tmp_path)), "--mode", "patterns"]
    which = "sorted(m for m in sys.modules if m.startswith(('rich', 'pydantic')) or m.endswith('_progress'))"
    _, loaded = _loaded([*argv, "--format", "spans", "--out", str(out)], which)
    assert loaded == "[]"
    assert json.loads(out.read_text(encoding="utf-8"))["preds"]  # the scan ran: the SSN was found


def test_a_datastore_scan_loads_the_workspace_models_and_rich_only_when_needed(tmp_path: Path) -> None:
    store = tmp_path / "crm.sqlite"
    with sqlite3.connect(store) as connection:
        connection.execute("create table customers (email text)")
        connection.execute("insert into customers values ('ana@example.com')")
    out = tmp_path / "datastores.json"
    argv = ["scan", "datastore", str(store), "--format", "json", "--out", str(out)]
    models = ("ccpa_readiness.workspace", "ccpa_readiness.catalog", "rich")
    _, loaded = _loaded(argv, f"sorted(m for m in sys.modules if m.startswith({models!r}))")
    assert loaded == "[]"  # nor Rich: nothing printed, no bar drawn on a pipe
    assert "DATASTORE-COLUMN" in out.read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    done = subprocess.run([CCPA, *argv], capture_output=True, text=True, env=env, check=True)
    assert done.stderr == ""  # no blank line where a bar would have stood


@pytest.mark.parametrize(
    ("environment", "shown"),
    [
        ({}, False),
        ({"TTY_COMPATIBLE": "1"}, True),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, False),
    ],
)
def test_the_progress_bar_shows_where_rich_says_stderr_is_a_terminal(
    environment: dict[str, str], shown: bool
) -> None:
    """stderr is a pipe here; Rich's console is asked (and made) only where the environment may
    make it a terminal all the same."""
    script = (
        "import sys\n"
        "from ccpa_readiness.cli.app import progress_shown\n"
        "print(progress_shown(), 'rich.console' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE"}}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={**env, **environment}
    )
    assert done.stdout.split() == [str(shown), str(bool(environment))]
