"""Command-line manners (issue 16 item 5): --version, shell completion, `--format json` with only
the JSON document on stdout, unwrapped piped output, errors on stderr, no store created by reading,
a warning beyond loopback, and nothing saying "applies" while applicability is undetermined."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccpa_readiness.catalog.loader import DATA_DIR, default_catalog
from ccpa_readiness.cli import app
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()
CCPA = str(Path(sys.executable).parent / "ccpa")  # the installed script: its program name is `ccpa`


def _plain_env(**extra: str) -> dict[str, str]:
    """The environment of a pipe: no COLUMNS, no forced terminal."""
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"}}
    return {**env, **extra}


def _json_only(args: list[str], code: int = 0) -> Any:
    """Run `ccpa ARGS`; its stdout must be exactly one JSON document."""
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert "\n\n" not in "\n" + result.stderr, "no blank line where a progress bar stood"
    return json.loads(result.stdout)


def test_version_comes_from_the_package_metadata() -> None:
    done = subprocess.run([CCPA, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"ccpa {version('ccpa-readiness')}\n"


def test_the_completion_script_is_produced() -> None:
    """Typer detects the shell from the parent processes: run from bash (`; exit` keeps bash the
    parent instead of exec-ing ccpa)."""
    command = f"{CCPA} --show-completion; exit $?"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "_CCPA_COMPLETE=complete_bash" in done.stdout
    assert "complete -o default -F _ccpa_completion ccpa" in done.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("ccpa as", "1", ["assess"]),
        ("ccpa r", "1", ["roadmap", "report", "review"]),
        ("ccpa catalog s", "2", ["show"]),
    ],
)
def test_completing_a_command_name(words: str, cword: str, expected: list[str]) -> None:
    env = _plain_env(_CCPA_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)
    done = subprocess.run([CCPA], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == expected


def test_completing_a_top_level_name_imports_no_command_module() -> None:
    script = (
        "import os, sys\n"
        "os.environ.update(_CCPA_COMPLETE='complete_bash', COMP_WORDS='ccpa as', COMP_CWORD='1')\n"
        "sys.argv = ['ccpa']\n"
        "from ccpa_readiness.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('_commands')))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["assess", "[]"]


def test_catalog_show_json_and_its_error_on_stderr() -> None:
    shown = _json_only(["catalog", "show", "notice-at-collection-01", "--format", "json"])
    requirement = default_catalog().requirement("NOTICE-AT-COLLECTION-01")
    assert shown["id"] == requirement.id and shown["citations"] == requirement.citations
    assert [t["id"] for t in shown["remediation_tasks"]] == requirement.remediation
    for output_format in ("text", "json"):
        result = runner.invoke(app, ["catalog", "show", "NO-SUCH-99", "--format", output_format])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "no requirement 'NO-SUCH-99'" in result.stderr


def test_catalog_validate_json_valid_and_not(tmp_path: Path) -> None:
    valid = _json_only(["catalog", "validate", "--format", "json"])
    catalog = default_catalog()
    assert valid["valid"] is True and valid["problems"] == []
    assert valid["requirements"] == len(catalog.requirements) and valid["law_as_of"] == "2026-11-29"
    copy = tmp_path / "catalog"
    shutil.copytree(DATA_DIR, copy)
    notices = copy / "requirements" / "notices.yaml"
    notices.write_text(notices.read_text().replace("checks: [bot_disclosure]", "checks: [no_such_check]"))
    result = runner.invoke(app, ["catalog", "validate", str(copy), "--format", "json"])
    assert result.exit_code == 2
    invalid = json.loads(result.stdout)
    assert invalid["valid"] is False
    assert any("no check 'no_such_check'" in p["message"] for p in invalid["problems"])
    assert "no check 'no_such_check'" in result.stderr


@pytest.mark.slow
def test_assess_roadmap_review_import_audit_verify_print_only_json(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", compliant())
    assessed = _json_only(["assess", str(root), "--as-of", "2026-11-29", "--format", "json"])
    assert set(assessed) == {"assessment", "roadmap", "written"}
    assert assessed["assessment"] == json.loads((root / "out/findings.json").read_text())
    assert assessed["roadmap"] == json.loads((root / "out/roadmap.json").read_text())
    assert str(root / "out/report.html") in assessed["written"]

    planned = _json_only(["roadmap", str(root), "--as-of", "2026-11-29", "--format", "json"])
    assert planned["roadmap"]["tasks"] == assessed["roadmap"]["tasks"]
    assert str(root / "out/milestones.ics") in planned["written"]

    imported = _json_only(["review", "import", str(root), "--format", "json"])
    assert imported["created"] is True and imported["version"] == 1 and len(imported["content_hash"]) == 64
    again = _json_only(["review", "import", str(root), "--format", "json"])
    assert (again["created"], again["version"]) == (False, 1)

    verified = _json_only(["audit", "verify", str(root), "--format", "json"])
    assert verified["intact"] is True and verified["entries"] >= 1 and verified["broken_seq"] is None


def test_piped_tables_are_not_wrapped_nor_their_cells_split() -> None:
    longest = max(default_catalog().requirements, key=lambda r: len(r.title))
    assert len(longest.title) > 80
    done = subprocess.run(
        [CCPA, "catalog", "list"], stdout=subprocess.PIPE, text=True, env=_plain_env(), check=True
    )
    rows = [line for line in done.stdout.splitlines() if longest.id in line]
    assert len(rows) == 1 and longest.title in rows[0]


def test_review_export_does_not_create_an_empty_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "export", str(tmp_path)])
    assert result.exit_code == 2
    store = tmp_path / ".ccpa" / "review.db"
    assert f"{store}: no review store" in result.stderr and result.stdout == ""
    assert not store.exists()
    elsewhere = tmp_path / "other.db"
    result = runner.invoke(app, ["audit", "verify", str(tmp_path), "--db", f"sqlite:///{elsewhere}"])
    assert result.exit_code == 2 and str(elsewhere) in result.stderr and not elsewhere.exists()


@pytest.mark.parametrize(
    ("options", "warned"),
    [
        (["--host", "0.0.0.0"], True),
        (["--host", "192.168.1.20"], True),
        (["--host", "review.example.com"], True),
        (["--host", "0.0.0.0", "--behind-proxy"], False),
        ([], False),
        (["--host", "::1"], False),
        (["--host", "localhost"], False),
    ],
)
def test_serve_warns_beyond_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], warned: bool
) -> None:
    import uvicorn

    served: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, host, **_: served.append(host))
    result = runner.invoke(app, ["serve", str(tmp_path), *options])
    assert result.exit_code == 0, result.output
    assert len(served) == 1
    assert ("WARNING" in result.stderr) is warned
    assert "WARNING" not in result.stdout


def test_the_blank_template_is_undetermined_not_applies(tmp_path: Path) -> None:
    root = tmp_path / "blank"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    result = runner.invoke(app, ["assess", str(root), "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert "applies" not in result.stdout.split("Readiness")[0]
    assert "undetermined" in result.stdout and "revenue not declared" in result.stdout
    applicability = json.loads((root / "out/findings.json").read_text())["applicability"]
    assert applicability["determined"] is False
    assert "CCPA applies" not in applicability["statement"]
    assert applicability["statement"].startswith("Undetermined whether the CCPA reaches")
    assert "CCPA applies" not in (root / "out/report.html").read_text()


def test_transcript_progress_has_a_total_in_bytes_and_an_eta(tmp_path: Path) -> None:
    from rich.console import Console
    from rich.progress import Progress, TimeRemainingColumn

    from ccpa_readiness.cli.transcripts_progress import BytesRead
    from ccpa_readiness.evidence.transcripts import ScanOptions, scan
    from ccpa_readiness.evidence.transcripts.readers import expand
    from tests.transcripts.samples import write_samples

    folder = write_samples(tmp_path)
    files = [p for p in expand([str(folder)]) if isinstance(p, Path)]
    progress = Progress(TimeRemainingColumn(), console=Console(file=io.StringIO()))
    sink = BytesRead([str(folder)], progress)
    task = progress.tasks[0]
    assert task.total == sum(p.stat().st_size for p in files) > 0
    seen: list[float] = []

    def advance(documents: int, input_bytes: int) -> None:
        sink.advance(documents, input_bytes)
        seen.append(task.completed)

    aggregate, _ = scan([str(folder)], ScanOptions(partition_bytes=1), None, advance)
    assert task.fields["documents"] == aggregate.documents
    assert seen == sorted(seen) and 0 < seen[0] < task.total  # advances partition by partition
    assert task.completed == task.total
