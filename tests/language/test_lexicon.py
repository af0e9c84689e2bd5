"""The lexicon and meanings files read as plain records: the same data the pydantic models that
read them before gave, the same files refused, each refusal naming its place; and a scan that
reads meanings imports no pydantic."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from ccpa_readiness.evidence.language.lexicon import (
    FrameSpec,
    LanguageDataError,
    Polarity,
    Scope,
    _load,
    language_data,
    read_meanings,
)


class _ReferenceFrame(BaseModel):
    """The frame model the lexicon had (pydantic), the reference the plain reading must agree with."""

    act: list[str] = Field(min_length=1)
    with_: list[list[str]] = Field(default_factory=list, alias="with")
    without: list[str] = Field(default_factory=list)
    scope: Scope = Scope.CLAUSE
    polarity: Polarity = Polarity.POSITIVE

    @field_validator("with_", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> Any:
        return [item if isinstance(item, list) else [item] for item in value or []]


class _ReferenceLexicon(BaseModel):
    irregular: dict[str, str]
    contractions: dict[str, list[str]]
    concepts: dict[str, list[str]]


def _as_reference(frame: FrameSpec) -> dict[str, Any]:
    return {
        "act": list(frame.act),
        "with_": [list(group) for group in frame.with_],
        "without": list(frame.without),
        "scope": frame.scope,
        "polarity": frame.polarity,
    }


def test_the_shipped_files_read_as_the_pydantic_models_read_them() -> None:
    data = language_data()
    reference = _ReferenceLexicon.model_validate(_load("lexicon.yaml"))
    assert (data.lexicon.irregular, data.lexicon.contractions, data.lexicon.concepts) == (
        reference.irregular,
        reference.contractions,
        reference.concepts,
    )
    raw = _load("meanings.yaml")["meanings"]
    assert set(data.meanings) == set(raw)
    for name, frames in raw.items():
        expected = [_ReferenceFrame.model_validate(frame).model_dump() for frame in frames]
        assert [_as_reference(frame) for frame in data.meanings[name]] == expected, name


_VALUES: list[Any] = [
    "record",
    ["record"],
    ["record", "monitor"],
    [],
    None,
    7,
    [7],
    [["record", "monitor"], "conversation"],
    [[]],
    "sentence",
    "clause",
    "negative",
    "any",
    "sometimes",
    {"a": 1},
]
_KEYS = ["act", "with", "without", "scope", "polarity"]
_VALID: dict[str, list[Any]] = {
    "act": [["record"], ["record", "monitor"]],
    "with": [["conversation"], [["record", "monitor"], "conversation"], [], None],
    "without": [["voicemail"], []],
    "scope": ["sentence", "clause"],
    "polarity": ["positive", "negative", "any"],
}


def test_generated_frames_are_accepted_and_refused_as_by_the_pydantic_model() -> None:
    rng = random.Random(17)
    accepted = refused = 0
    for _ in range(3_000):
        frame = {
            key: rng.choice(_VALID[key] if rng.random() < 0.85 else _VALUES)
            for key in rng.sample(_KEYS, rng.randint(0, len(_KEYS)))
        }
        # where the two differ on purpose: the reference read a text or a mapping given as `with`
        # by its letters or keys (the plain reading refuses it), and took `without: null` as an
        # error (the plain reading as none)
        if isinstance(frame.get("with"), str | dict) or ("without" in frame and frame["without"] is None):
            continue
        try:
            expected: dict[str, Any] | None = _ReferenceFrame.model_validate(frame).model_dump()
        except (ValidationError, TypeError):  # TypeError: a number as `with`
            expected = None
        try:
            found: dict[str, Any] | None = _as_reference(FrameSpec.read(frame, "frame"))
        except LanguageDataError:
            found = None
        assert found == expected, frame
        accepted += found is not None
        refused += found is None
    assert accepted > 100 and refused > 100  # both sides exercised


@pytest.mark.parametrize(
    ("meanings", "place"),
    [
        ({"meanings": {"x": [{"act": "record"}]}}, r"meanings\.x\[0\]\.act"),
        ({"meanings": {"x": [{"act": []}]}}, r"meanings\.x\[0\]\.act: at least one"),
        ({"meanings": {"x": [{"act": ["record"], "scope": "paragraph"}]}}, r"meanings\.x\[0\]\.scope"),
        ({"meanings": {"x": [{"act": ["record"], "wihtout": ["tone"]}]}}, r"unknown key 'wihtout'"),
        (
            {"meanings": {"x": [{"act": ["record"], "with": [["call", 3]]}]}},
            r"meanings\.x\[0\]\.with\[0\]\[1\]",
        ),
        ({"meanings": {"x": "record"}}, r"meanings\.x: a list of frames"),
        ({"meanings": ["x"]}, r"meanings\.yaml: meanings: a mapping"),
    ],
)
def test_a_malformed_meanings_file_is_refused_at_its_place(meanings: Any, place: str) -> None:
    with pytest.raises(LanguageDataError, match=place):
        read_meanings(meanings, "meanings.yaml")


def test_a_scan_that_reads_meanings_imports_no_pydantic(tmp_path: Path) -> None:
    corpus = tmp_path / "calls.jsonl"
    corpus.write_text(
        '{"id": "c", "text": "Agent: This call may be recorded.\\nCustomer: My social is 078-05-1120."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    code = (
        "import sys\n"
        "from ccpa_readiness.cli import app\n"
        "try:\n"
        f"    app(['scan', 'transcripts', {str(corpus)!r}, '--mode', 'patterns', '--format', 'json',"
        f" '--out', {str(out)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert '"recording_disclosure": "given"' in out.read_text(encoding="utf-8")  # meanings were read
