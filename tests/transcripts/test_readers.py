"""Each reader: documents, turns and offsets; broken records reported with file and line."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import struct
from pathlib import Path
from typing import Any

import pytest

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import ReadError, limits, load_json
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import FORMATS, expand, format_of, read_file, read_paths
from ccpa_readiness.evidence.transcripts.readers.jsonl import decode_record
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


@pytest.mark.parametrize(
    "name",
    ["a.jsonl", "a.JSONL.GZ", "x.gz", ".jsonl", "..jsonl", ".a.jsonl", "a.", "a.jsonl.", "a..jsonl",
     "a.tar.gz", "a.csv.gz.gz", "gz", "a.gz.jsonl", "a.txt.GZ", "noext", ".gz", ".txt.gz", "a. txt",
     "b.Vtt", "c.srt.gz", "d.ndjson", "e.json.gz", "f.pdf"],
)  # fmt: skip
def test_a_files_format_is_told_by_its_suffixes_as_path_suffixes_splits_them(name: str) -> None:
    suffixes = [suffix.lower() for suffix in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    assert format_of(Path(name)) == (FORMATS.get(suffixes[-1]) if suffixes else None)


def _as_rglob_lists(folder: Path) -> list[Path]:
    """The files of a transcript format under `folder` by `Path.rglob` and sorted `Path` objects:
    what a folder's listing was before it was made from the folder listings alone."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and format_of(p))


def test_a_folder_lists_as_rglob_and_sorted_paths_list_it(tmp_path: Path) -> None:
    """Names that sort differently as strings and as paths (`a-b/` before `a/` as text, after it as
    parts), case, hidden files and folders, suffixes in any case, gzip of any format, files of no
    transcript format, nested folders; a link to a file counts, a link to a folder is not followed,
    a broken link is no file."""
    names = [
        "a/x.txt", "a-b/x.txt", "a.b/x.jsonl", "a/b/c/d.vtt", "B.txt", "a.txt", "A.TXT",
        ".hidden.jsonl", ".folder/x.srt", "x.JSONL.GZ", "y.csv.gz", "notes.pdf", "noext",
        "archive.tar.gz", "dot.", "a/ z.json", "é/ü.txt", "z/..jsonl",
    ]  # fmt: skip
    for name in names:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("AGENT: hello\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "link.txt").symlink_to(folder / "a" / "x.txt")
    (folder / "linked-folder").symlink_to(folder / "a", target_is_directory=True)
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    listed = list(expand([folder]))
    assert listed == _as_rglob_lists(folder)
    assert folder / "link.txt" in listed and folder / "broken.txt" not in listed
    assert not any("linked-folder" in str(p) for p in listed)
    assert listed.index(folder / "a" / "x.txt") < listed.index(folder / "a-b" / "x.txt")


def test_real_folders_list_as_rglob_and_sorted_paths_list_them(shared_dir: Path) -> None:
    for folder in (shared_dir / "data", Path(__file__).parents[2] / "examples"):
        assert list(expand([folder])) == _as_rglob_lists(folder), folder


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value of every kind a record may hold: nested objects and arrays, strings with any
    characters, integers of every size (past 64 bits too), floats from random bits, literals."""
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return "".join(
            chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x10FFFF)]))
            for _ in range(rng.randrange(12))
        )
    if kind == 1:
        return rng.choice([-1, 1]) * rng.randrange(10 ** rng.randrange(1, 40))
    if kind == 2:
        number = struct.unpack("<d", rng.randbytes(8))[0]
        return number if math.isfinite(number) else rng.uniform(-1e30, 1e30)
    if kind == 3:
        return rng.choice([True, False, None, 0.0, -0.0, 2.0**63, -(2.0**63), 1e19, 5e-324])
    if kind == 4:
        return rng.choice(["", "\u2028", "\x00\x1f", "é", "😀", '"\\/', "\ud800"])
    if kind == 5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        _random_value(rng, 4) if rng.random() < 0.9 else "k": _random_value(rng, depth + 1)
        for _ in range(rng.randrange(4))
    }


def _decoded(line: str) -> str:
    """What `decode_record` gives for `line` (its value's repr, or its error), beside `load_json`'s."""
    try:
        return repr(decode_record(line, limits()))
    except ReadError as error:
        return f"ReadError({error.message!r}, {error.location!r})"


def _loaded(line: str) -> str:
    try:
        return repr(load_json(line, limits()))
    except ReadError as error:
        return f"ReadError({error.message!r}, {error.location!r})"


def test_jsonl_records_decode_as_json_does(shared_dir: Path) -> None:
    """orjson's fast path gives `load_json`'s value or error for every line: random values of
    every JSON kind (written by `json.dumps`, with and without escapes), the literals orjson reads
    otherwise (long integers, NaN, infinities, lone surrogates, a BOM), broken and deep lines, and
    every record of the labelled corpora."""
    rng = random.Random(17)
    lines = []
    for _ in range(3000):
        value = {"id": _random_value(rng, 3), "text": _random_value(rng), "meta": _random_value(rng)}
        lines.append(
            json.dumps(value, ensure_ascii=rng.random() < 0.5) + rng.choice(["\n", "\r\n", " \n", ""])
        )
    literals = [
        "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1.7976931348623159e308", "18446744073709551616",
        "-9223372036854775809", "123456789012345678901234567890", '"\\ud800"', '"\\udc00x"', "-0", "1E5",
    ]  # fmt: skip
    lines += [f'{{"id": 1, "text": {literal}}}\n' for literal in literals]
    lines += [
        '\ufeff{"id": 1}',
        '{"id": 1,}',
        '{"id": "x\x01"}',
        "[1, 2",
        "{}{}",
        '{"a": ' * 250 + "1" + "}" * 250,
    ]
    lines += ["[" * 150 + "]" * 150, "[" * 201 + "]" * 201, '{"a": "[[[[' + "[" * 300 + '"}']
    for name in ("sgd_pii.jsonl", "presidio_synth.jsonl", "presidio_unit_cases.jsonl"):
        lines += (
            (shared_dir / "data" / "pii-bench" / name).read_text(encoding="utf-8").splitlines(keepends=True)
        )
    differing = [line for line in lines if _decoded(line) != _loaded(line)]
    assert differing == []


def test_jsonl_records_nested_past_the_depth_limit_are_refused_as_json_does() -> None:
    shallow = dataclasses.replace(limits(), depth=3)
    for line in ['{"a": [{"b": 1}]}', '{"a": [{"b": [1]}]}', '[[["x", {}]]]', "[[[[]]]]", '{"a": "[[[[[["}']:
        try:
            expected = repr(load_json(line, shallow))
        except ReadError as error:
            expected = error.message
        try:
            got = repr(decode_record(line, shallow))
        except ReadError as error:
            got = error.message
        assert got == expected, line
    with pytest.raises(ReadError, match="nested more than 3 levels"):
        decode_record('{"a": [{"b": [1]}]}', shallow)
