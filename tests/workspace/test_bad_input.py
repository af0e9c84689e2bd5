"""Bad workspaces: a clear error naming file, line and field; exit code 2; no traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.errors import InputError
from ccpa_readiness.workspace.loader import load_workspace
from tests.workspace_builder import compliant, write_workspace

runner = CliRunner()


def problems_of(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_workspace(root)
    return [str(p) for p in caught.value.problems]


def assess_fails_cleanly(root: Path) -> str:
    result = runner.invoke(app, ["assess", str(root)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    files: dict[str, Any] = compliant()
    files["inventory/vendors.yaml"] = "vendors:\n  - id: a\n    name: [unclosed\n"
    write_workspace(tmp_path, files)
    output = assess_fails_cleanly(tmp_path)
    assert "inventory/vendors.yaml:4" in output and "invalid YAML" in output


def test_wrong_type_names_the_field_and_its_line(tmp_path: Path) -> None:
    files = compliant()
    files["inventory/systems.yaml"]["systems"][0]["retention_days"] = "forever"
    write_workspace(tmp_path, files)
    [problem] = problems_of(tmp_path)
    assert "inventory/systems.yaml:" in problem and "systems.0.retention_days" in problem
    line = int(problem.split("systems.yaml:")[1].split(":")[0])
    text = (tmp_path / "inventory/systems.yaml").read_text().splitlines()
    assert "retention_days" in text[line - 1]


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    files = compliant()
    files["ccpa.yaml"]["organization"]["revnue"] = 5
    write_workspace(tmp_path, files)
    [problem] = problems_of(tmp_path)
    assert "ccpa.yaml:" in problem and "organization.revnue: unknown key" in problem


def test_every_bad_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    files = compliant()
    files["inventory/channels.yaml"]["channels"][0]["kind"] = "fax"
    files["inventory/training.yaml"]["programmes"][0]["completion_rate"] = 3
    write_workspace(tmp_path, files)
    problems = problems_of(tmp_path)
    assert any("channels.yaml" in p and "kind" in p for p in problems)
    assert any("training.yaml" in p and "completion_rate" in p for p in problems)


def test_missing_ccpa_yaml(tmp_path: Path) -> None:
    files = compliant()
    del files["ccpa.yaml"]
    write_workspace(tmp_path, files)
    assert "ccpa.yaml: file not found" in assess_fails_cleanly(tmp_path)


def test_empty_workspace_and_missing_folder(tmp_path: Path) -> None:
    assert "file not found" in assess_fails_cleanly(tmp_path)
    assert "workspace folder not found" in assess_fails_cleanly(tmp_path / "nope")


def test_empty_and_binary_files(tmp_path: Path) -> None:
    files = compliant()
    write_workspace(tmp_path, files)
    (tmp_path / "inventory/data.yaml").write_text("")
    (tmp_path / "inventory/vendors.yaml").write_bytes(b"\x00\x01\x02binary")
    problems = problems_of(tmp_path)
    assert any("data.yaml: file is empty" in p for p in problems)
    assert any("vendors.yaml: binary file" in p for p in problems)


def test_unknown_inventory_file_and_duplicate_key(tmp_path: Path) -> None:
    files: dict[str, Any] = compliant()
    files["inventory/sops.yaml"] = {"x": 1}
    files["inventory/technology.yaml"] = "voice_biometrics: true\nvoice_biometrics: false\n"
    write_workspace(tmp_path, files)
    problems = problems_of(tmp_path)
    assert any("sops.yaml: unknown inventory file" in p for p in problems)
    assert any("technology.yaml:2: key 'voice_biometrics' appears twice" in p for p in problems)


def test_references_that_point_nowhere_and_duplicate_ids(tmp_path: Path) -> None:
    files = compliant()
    files["inventory/data.yaml"]["data_elements"][0]["systems"] = ["crm", "ghost-system"]
    files["inventory/channels.yaml"]["channels"][1]["id"] = "ivr"
    write_workspace(tmp_path, files)
    problems = problems_of(tmp_path)
    assert any("data_elements.0.systems.1: no system with id 'ghost-system'" in p for p in problems)
    assert any("channels.1.id: duplicate id 'ivr'" in p for p in problems)


def test_unknown_ccpa_category_is_refused_with_its_line(tmp_path: Path) -> None:
    files = compliant()
    files["inventory/data.yaml"]["data_elements"][0]["category"] = "names"
    write_workspace(tmp_path, files)
    output = assess_fails_cleanly(tmp_path)
    assert "inventory/data.yaml:" in output and "unknown category 'names'" in output
