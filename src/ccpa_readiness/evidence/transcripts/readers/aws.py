"""Amazon output JSON: AWS Transcribe jobs (`results.items` with speaker labels) and Contact Lens
analysis (`Transcript` with `ParticipantId`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import Limits, ReadError, load_json
from ccpa_readiness.evidence.transcripts.models import Document, Path_, TurnBuilder


def read(lines: Iterable[str], source: str, bounds: Limits) -> Iterator[Document | Problem]:
    """The one document of the file; a field of the wrong type or missing is a problem naming it."""
    try:
        data = load_json("".join(lines), bounds)
    except ReadError as error:
        where = f"line {error.location.split(':')[0]}" if error.location else ""
        yield Problem(source=source, location=where, message=f"broken JSON skipped: {error.message}")
        return
    try:
        if isinstance(data, dict) and isinstance(data.get("Transcript"), list):
            yield contact_lens(data, source)
        elif isinstance(data, dict) and isinstance(data.get("results"), dict):
            yield transcribe(data, source)
        else:
            raise ValueError("neither AWS Transcribe nor Contact Lens output")
    except KeyError as error:
        yield Problem(source=source, message=f"file skipped: no field {error}")
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        yield Problem(source=source, message=f"file skipped: a field of the wrong type ({error})")


def contact_lens(data: dict[str, Any], source: str) -> Document:
    builder = TurnBuilder()
    for index, turn in enumerate(data["Transcript"]):
        builder.add(str(turn["ParticipantId"]), str(turn["Content"]), ("Transcript", index, "Content"))
    doc_id = str(data.get("CustomerMetadata", {}).get("ContactId", source))
    return builder.document(doc_id, source, 1, "contact_lens", data)


def _speaker_of_items(results: dict[str, Any]) -> dict[str, str]:
    """Item start time -> speaker label, from `speaker_labels.segments` when present."""
    speakers: dict[str, str] = {}
    for segment in results.get("speaker_labels", {}).get("segments", []):
        for item in segment.get("items", []):
            speakers[str(item["start_time"])] = str(item["speaker_label"])
    return speakers


def transcribe(data: dict[str, Any], source: str) -> Document:
    results = data["results"]
    items = results["items"]
    by_time = _speaker_of_items(results)
    builder = TurnBuilder()
    words: list[tuple[str, Path_, bool]] = []
    speaker = "spk_0"
    for index, item in enumerate(items):
        item_speaker = str(item.get("speaker_label") or by_time.get(str(item.get("start_time")), speaker))
        punctuation = item.get("type") == "punctuation"
        if words and item_speaker != speaker and not punctuation:
            builder.add_words(speaker, words)
            words = []
        if not punctuation:
            speaker = item_speaker
        content = str(item["alternatives"][0]["content"])
        words.append((content, ("results", "items", index, "alternatives", 0, "content"), punctuation))
    if words:
        builder.add_words(speaker, words)
    return builder.document(str(data.get("jobName", source)), source, 1, "transcribe", data)


def rebuild_transcript(data: dict[str, Any]) -> None:
    """Transcribe's `transcript` string is its items joined: rebuild it from the (redacted) items."""
    results = data.get("results")
    if not isinstance(results, dict) or "items" not in results:
        return
    pieces: list[str] = []
    for item in results["items"]:
        content = str(item["alternatives"][0]["content"])
        pieces.append(content if item.get("type") == "punctuation" or not pieces else " " + content)
    results["transcripts"] = [{"transcript": "".join(pieces)}]


def write(handle: IO[str], data: Any, first: bool) -> None:
    rebuild_transcript(data)
    json.dump(data, handle, ensure_ascii=False, indent=1)
    handle.write("\n")
