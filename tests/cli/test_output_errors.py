"""A file a command cannot write is an error naming it, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()
EVIDENCE = Path(__file__).resolve().parents[2] / "examples" / "acme-contact-center" / "evidence"


def _blocked(tmp_path: Path) -> Path:
    """A path whose parent is a regular file: no command can create or write it."""
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder\n", encoding="utf-8")
    return in_the_way / "report" / "out.json"


@pytest.mark.parametrize(
    "arguments",
    [
        ["scan", "transcripts", str(EVIDENCE / "transcripts"), "--out", "{out}"],
        ["flows", "check", str(EVIDENCE / "flows"), "--out", "{out}"],
        ["flows", "check", str(EVIDENCE / "flows"), "--diagram", "{out}"],
        ["notices", "check", str(EVIDENCE / "notices"), "--out", "{out}"],
        ["schema", "--out", "{out}"],
    ],
    ids=["scan-transcripts", "flows-out", "flows-diagram", "notices", "schema"],
)
def test_an_output_path_that_cannot_be_written_is_named(tmp_path: Path, arguments: list[str]) -> None:
    out = _blocked(tmp_path)
    result = runner.invoke(app, [a.replace("{out}", str(out)) for a in arguments])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    [message] = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert str(tmp_path / "a-file") in message and "Not a directory" in message


def test_a_workspace_whose_out_is_a_file_is_named(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path / "ws", compliant())
    (workspace / "out").write_text("in the way\n", encoding="utf-8")
    result = runner.invoke(app, ["assess", str(workspace)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"error: {workspace / 'out'}: File exists" in result.stderr


def test_report_to_a_folder_it_cannot_create_is_named(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path / "ws", compliant())
    assert runner.invoke(app, ["assess", str(workspace)]).exit_code == 0
    out = _blocked(tmp_path)
    result = runner.invoke(app, ["report", str(workspace), "--format", "json", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert str(tmp_path / "a-file") in result.stderr and "Traceback" not in result.output
