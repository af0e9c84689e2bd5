"""The offsets `split` counts with bytes operations while planning are those the text reader counts
(`count_through`, the reader's own `Lines`), whatever the lines hold: CRLF, a lone CR (a line break
to the reader), blank lines of ASCII or Unicode white space, invalid UTF-8, a byte order mark, lines
at and over the record limit; and a byte range reads as its part of the whole file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import parts, read_file
from ccpa_readiness.evidence.transcripts.readers.parts import START, count_through, split

LIMIT = 120  # CCPA_LIMIT_RECORD_BYTES in these tests, so some lines pass it

FRAGMENTS = [
    json.dumps({"id": "a", "text": "my number is (415) 555-0199"}) + "\n",
    json.dumps({"id": "b", "turns": [{"speaker": "AGENT", "text": "hello"}]}) + "\r\n",
    json.dumps({"text": "no id: named by its line"}) + "\n",
    json.dumps({"id": "é", "text": "café olé ünïcode"}, ensure_ascii=False) + "\n",
    "\n",
    "\r\n",
    "   \t \n",
    "\u3000\u2028\n",  # Unicode white space only: blank to str.strip
    "\x1c\x1f \n",
    "\u0085\n",
    "\x1cx\n",  # not blank
    "{broken record\n",
    '{"id": "cr", "text": "a lone CR\rsplits this line"}\n',
    "\r",
    b"\xff\xfe broken utf-8 \n".decode("latin-1"),  # written as bytes below
    json.dumps({"id": "long", "text": "x" * (LIMIT + 40)}) + "\n",
    json.dumps({"id": "edge", "text": "y" * (LIMIT - 24)}) + "\n",  # around the limit
    json.dumps({"id": "edge2", "text": "y" * (LIMIT - 23)}) + "\r\n",
]


def _write(path: Path, pieces: list[str]) -> Path:
    data = b"".join(
        piece.encode("latin-1") if piece.startswith("\xff") else piece.encode("utf-8") for piece in pieces
    )
    path.write_bytes(data)
    return path


def _counted_by_the_reader(path: Path, found: list[parts.FilePart]) -> list[parts.Offsets]:
    chain, before = [], START
    for part in found:
        chain.append(before)
        before = count_through(path, part, before)
    return chain


def _key(item: Document | Problem) -> tuple[object, ...]:
    if isinstance(item, Problem):
        return ("problem", item.location, item.message)
    return (item.id, item.line, item.text)


@pytest.mark.parametrize("block", [parts.COUNT_BLOCK, 7])
def test_offsets_counted_while_planning_are_the_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setenv("CCPA_LIMIT_RECORD_BYTES", str(LIMIT))
    monkeypatch.setattr(parts, "COUNT_BLOCK", block)  # 7: lines cross the blocks read
    rng = random.Random(17)
    for number in range(40):
        pieces = [rng.choice(FRAGMENTS) for _ in range(rng.randint(5, 60))]
        if number % 3 == 0:  # files without the awkward lines: the fast count alone
            pieces = [p for p in pieces if "\r" not in p and len(p) < LIMIT // 2] or ["\n"]
        if number == 1:
            pieces.insert(0, "\ufeff")
        path = _write(tmp_path / f"f{number}.jsonl", pieces)
        size = path.stat().st_size
        for target in (1, 40, 200):
            found = split(path, size, target)
            assert [part.before for part in found] == _counted_by_the_reader(path, found), (number, target)
            if b"\xff" in path.read_bytes():
                continue  # the whole file is unreadable from its bad byte on; each range up to its own
            whole = [_key(item) for item in read_file(path)]
            ranges = [_key(i) for part in found for i in read_file(path, part=part, before=part.before)]
            assert ranges == whole, (number, target)


def test_the_fast_count_is_used_where_bytes_tell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain JSONL is counted without the text reader (so planning costs bytes operations only)."""
    path = _write(tmp_path / "plain.jsonl", [FRAGMENTS[0], FRAGMENTS[3], "\n", FRAGMENTS[2]] * 500)

    def refused(*args: object) -> parts.Offsets:
        raise AssertionError("the text reader was used")

    monkeypatch.setattr(parts, "count_through", refused)
    found = split(path, path.stat().st_size, 10_000)
    assert len(found) > 3
    data = path.read_bytes()
    for part in found:
        lines = data[: part.start].split(b"\n")[:-1]
        assert part.before == parts.Offsets(len(lines), sum(1 for line in lines if line.strip()))
