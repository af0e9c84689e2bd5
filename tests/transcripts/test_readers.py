"""Each reader: documents, turns and offsets; broken records reported with file and line."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import read_file, read_paths
from tests.transcripts.samples import CARD, OPENING, PHONE, SSN, write_samples


def split(items: list[Document | Problem]) -> tuple[list[Document], list[Problem]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_jsonl_turns_text_and_broken_line(tmp_path: Path) -> None:
    docs, problems = split(list(read_file(write_samples(tmp_path) / "chats.jsonl")))
    assert [d.id for d in docs] == ["conv-1", "text-1"]
    conv = docs[0]
    assert conv.text.startswith(f"AGENT: {OPENING}\nCUSTOMER: Hi,")
    assert [t.speaker for t in conv.turns] == ["AGENT", "CUSTOMER", "AGENT"]
    assert conv.text[conv.turns[0].start : conv.turns[0].end] == OPENING
    assert [t.speaker for t in docs[1].turns] == ["USER", "AGENT"]  # turns parsed from `text`
    assert [(p.location, "broken record" in p.message) for p in problems] == [("line 2", True)]
    assert problems[0].source.endswith("chats.jsonl")


def test_plain_text_speakers(tmp_path: Path) -> None:
    (doc,) = read_file(write_samples(tmp_path) / "call.txt")
    assert isinstance(doc, Document)
    assert [t.speaker for t in doc.turns] == ["AGENT", "CUSTOMER"]


def test_webvtt_voices_and_broken_cue(tmp_path: Path) -> None:
    docs, problems = split(list(read_file(write_samples(tmp_path) / "call.vtt")))
    (doc,) = docs
    assert [t.speaker for t in doc.turns] == ["Agent", "Customer"]
    assert doc.text.endswith(f"Customer: call me on {PHONE}")
    assert [p.location for p in problems] == ["line 7"]


def test_srt(tmp_path: Path) -> None:
    (doc,) = read_file(write_samples(tmp_path) / "call.srt")
    assert isinstance(doc, Document)
    assert [t.speaker for t in doc.turns] == ["AGENT", "CUSTOMER"]
    assert doc.text.endswith(f"CUSTOMER: my SSN is {SSN}")


def test_csv_text_column_and_broken_row(tmp_path: Path) -> None:
    docs, problems = split(list(read_file(write_samples(tmp_path) / "notes.csv")))
    assert [(d.id, d.text) for d in docs] == [("row-1", f"card {CARD} on file")]
    assert [p.location for p in problems] == ["line 3"]
    _, missing = split(list(read_file(tmp_path / "notes.csv", text_column="body")))
    assert "no column 'body'" in missing[0].message


def test_aws_transcribe_and_contact_lens(tmp_path: Path) -> None:
    folder = write_samples(tmp_path)
    (call,) = read_file(folder / "transcribe.json")
    assert isinstance(call, Document)
    assert call.id == "call-7"
    assert call.text == "spk_0: this call is being recorded.\nspk_1: my social is 078-05-1123"
    (lens,) = read_file(folder / "lens.json")
    assert isinstance(lens, Document)
    assert [t.speaker for t in lens.turns] == ["AGENT", "CUSTOMER"]
    (folder / "bad.json").write_text('{"results": \n [1, 2', encoding="utf-8")
    (problem,) = read_file(folder / "bad.json")
    assert isinstance(problem, Problem)
    assert problem.location == "line 2"


def test_gzip_folder_and_glob(tmp_path: Path) -> None:
    folder = write_samples(tmp_path / "in")
    docs, problems = split(list(read_paths([folder])))
    assert {d.source.rsplit("/", 1)[-1] for d in docs} == {
        "chats.jsonl", "call.txt", "call.vtt", "call.srt", "notes.csv", "transcribe.json", "lens.json",
        "more.jsonl.gz",
    }  # fmt: skip
    assert len(problems) == 3  # the broken JSONL line, VTT cue and CSV row
    globbed, _ = split(list(read_paths([str(folder / "*.jsonl*")])))
    assert [d.id for d in globbed] == ["conv-1", "text-1", "gz-1"]
    _, missing = split(list(read_paths([str(tmp_path / "nothing*.txt")])))
    assert "no such file" in missing[0].message
