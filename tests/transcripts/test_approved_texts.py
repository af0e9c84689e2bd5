"""Approved texts (`--disclosure FILE`, the workspace's notices) add to recognition by meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.evidence.transcripts.disclosure import (
    NOTICE,
    RECORDING,
    DisclosureMatcher,
    UnusableText,
    approved_texts,
)


def chat(tmp_path: Path, agent_line: str, notice_line: str) -> Path:
    turns = [
        {"speaker": "AGENT", "text": agent_line},
        {"speaker": "CUSTOMER", "text": "Hi, I need help."},
        {"speaker": "AGENT", "text": notice_line},
        {"speaker": "CUSTOMER", "text": "My SSN is 078-05-1123."},
    ]
    path = tmp_path / "chat.jsonl"
    path.write_text(json.dumps({"id": "c1", "turns": turns}) + "\n", encoding="utf-8")
    return path


def scan(tmp_path: Path, transcript: Path, approved: str | None) -> tuple[int, str, dict[str, str]]:
    args = ["scan", "transcripts", str(transcript), "--format", "json", "--out", str(tmp_path / "o.json")]
    if approved is not None:
        (tmp_path / "approved.txt").write_text(approved, encoding="utf-8")
        args += ["--disclosure", str(tmp_path / "approved.txt")]
    result = CliRunner().invoke(app, args)
    if result.exit_code:
        return result.exit_code, result.output, {}
    conversation = json.loads((tmp_path / "o.json").read_text("utf-8"))["conversations"][0]
    return 0, result.output, conversation


def test_a_recording_only_file_keeps_the_default_notice_recognition(tmp_path: Path) -> None:
    transcript = chat(
        tmp_path,
        "Acme line, quality folks may hear us.",  # the company's own wording, unknown to the defaults
        "We use the details you share to help you; our privacy policy explains more.",
    )
    code, _, without = scan(tmp_path, transcript, None)
    assert code == 0 and without["recording_disclosure"] == "missing"
    code, _, with_file = scan(
        tmp_path, transcript, "recording_disclosure: Acme line, quality folks may hear us.\n"
    )
    assert code == 0
    assert with_file["recording_disclosure"] == "given"
    assert with_file["notice_at_collection"] == "given"  # defaults still apply


@pytest.mark.parametrize(
    ("content", "line", "why"),
    [
        ("This call may be recorded for quality.\nHello there, welcome to Acme support.\n", "2", "neither"),
        ("# approved texts\n\nrecorded\n", "3", "too short"),
    ],
)
def test_a_line_that_cannot_be_used_is_an_error_naming_file_and_line(
    tmp_path: Path, content: str, line: str, why: str
) -> None:
    transcript = chat(tmp_path, "Hello.", "Okay.")
    code, output, _ = scan(tmp_path, transcript, content)
    assert code == 2
    assert f"approved.txt:{line}:" in output.replace("\n", "") and why in output
    assert "Traceback" not in output


def test_kinds_are_read_by_meaning_or_said_in_the_line() -> None:
    texts = approved_texts(
        [
            "Your call with Acme is recorded and monitored for training.",
            "We collect personal information to help you, as described in our privacy notice.",
            "notice_at_collection: Acme keeps what you tell us to serve you.",
        ]
    )
    assert [t.kind for t in texts] == [RECORDING, NOTICE, NOTICE]
    with pytest.raises(UnusableText) as error:
        approved_texts(["This call is not recorded at all."])
    assert error.value.line == 1


def test_workspace_texts_carry_their_declared_kind() -> None:
    matcher = DisclosureMatcher.from_texts([(NOTICE, "Acme keeps what you tell us to serve you")])
    assert matcher.gives(NOTICE, "ok so acme keeps what you tell us to serve you, alright")
    assert matcher.gives(RECORDING, "calls are monitored and recorded")  # the defaults stay
