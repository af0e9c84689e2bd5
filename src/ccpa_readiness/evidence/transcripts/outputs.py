"""The command's output formats: `spans` and `json` (as `pii_score.py` and the issue define them),
`sarif`, and the `summary` tables. Each streams: nothing grows with the corpus but counters.

An output's `render` makes a document's entries where the document is analysed (a Dask worker or
this process); `write` puts a partition's entries in the output, in input order."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from ccpa_readiness.evidence.pii import label_table
from ccpa_readiness.evidence.pii.masking import mask_label
from ccpa_readiness.evidence.transcripts.aggregate import Aggregate
from ccpa_readiness.evidence.transcripts.analysis import GIVEN, DocResult
from ccpa_readiness.evidence.transcripts.disclosure import KINDS
from ccpa_readiness.evidence.transcripts.models import Document

if TYPE_CHECKING:  # Rich is imported only by the summary, which prints (0.07 CPU s a scan otherwise)
    from rich.console import Console

Entries = Sequence[str]


def spans_entries(doc: Document, result: DocResult) -> Iterator[str]:
    """The document's line of the `spans` output: what `json.dumps` writes of
    `{"id", "preds": [{"start", "end", "label", "score"}]}`, put together from its values' JSON
    (offsets are whole numbers, scores floats, whose JSON is their `repr`)."""
    preds = ", ".join(
        f'{{"start": {s}, "end": {e}, "label": {_json_string(label)}, "score": {score!r}}}'
        for s, e, label, score in result.spans
    )
    yield f'{{"id": {_json_string(doc.id)}, "preds": [{preds}]}}'


_json_string = json.JSONEncoder().encode


def conversation_entries(doc: Document, result: DocResult) -> Iterator[str]:
    """The document's entry in the `json` output's `conversations`, when it is a conversation: what
    `json.dumps` writes of `{"id", "recording_disclosure", "notice_at_collection",
    "first_collection_turn", "collected_before_notice"}`, put together from its values' JSON."""
    conversation = result.conversation
    if conversation is None:
        return
    first = conversation.first_collection_turn
    before = ", ".join(map(_json_string, conversation.collected_before_notice))
    yield (
        f'{{"id": {_json_string(doc.id)}, '
        f'"recording_disclosure": {_json_string(conversation.recording_disclosure)}, '
        f'"notice_at_collection": {_json_string(conversation.notice_at_collection)}, '
        f'"first_collection_turn": {"null" if first is None else first}, '
        f'"collected_before_notice": [{before}]}}'
    )


def sarif_entries(doc: Document, result: DocResult) -> Iterator[str]:
    """The document's SARIF results: each detection (masked value), each late or missing disclosure."""
    for start, end, label, score in result.spans:
        value = mask_label(doc.text[start:end], label)
        yield _sarif_result(label, "warning", f"{label} {value} at {start}-{end} (score {score})", doc)
    if result.conversation is not None:
        for kind in KINDS:
            verdict = getattr(result.conversation, kind)
            if verdict != GIVEN:
                yield _sarif_result(kind, "error", f"{kind} {verdict} in conversation {doc.id}", doc)


def _sarif_result(rule: str, level: str, message: str, doc: Document) -> str:
    region = {"startLine": doc.line}
    location = {"physicalLocation": {"artifactLocation": {"uri": doc.source}, "region": region}}
    result = {
        "ruleId": rule,
        "level": level,
        "message": {"text": message},
        "locations": [location],
        "properties": {"document": doc.id},
    }
    return json.dumps(result)


class SpansOutput:
    """One line a document: `{"id", "preds": [{"start", "end", "label", "score"}]}`."""

    render = staticmethod(spans_entries)
    verdicts = False  # spans alone: no conversation is assessed for it

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, entries: Entries) -> None:
        for entry in entries:
            self.handle.write(entry + "\n")

    def close(self, aggregate: Aggregate) -> None:
        return None


class _ListOutput:
    """Entries written as the items of a JSON list, one a line."""

    verdicts = True

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.count = 0

    def write(self, entries: Entries) -> None:
        for entry in entries:
            self.handle.write(("," if self.count else "") + "\n  " + entry)
            self.count += 1


class JsonOutput(_ListOutput):
    """`{"documents", "detections": {LABEL: count}, "conversations": [...]}`; conversations are
    spooled to a temporary file so memory stays flat."""

    render = staticmethod(conversation_entries)

    def __init__(self, handle: IO[str]) -> None:
        super().__init__(tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115  (closed by `close`)
        self.out = handle

    def close(self, aggregate: Aggregate) -> None:
        head = {"documents": aggregate.documents, "detections": aggregate.detections()}
        self.out.write(json.dumps(head, indent=1)[:-2] + ',\n "conversations": [')
        self.handle.seek(0)
        while chunk := self.handle.read(1 << 16):
            self.out.write(chunk)
        self.out.write("\n ]\n}\n")
        self.handle.close()


class SarifOutput(_ListOutput):
    """SARIF 2.1.0: one result per detection (masked value) and per late or missing disclosure."""

    render = staticmethod(sarif_entries)

    def __init__(self, handle: IO[str]) -> None:
        super().__init__(handle)
        rules = [
            {
                "id": label,
                "shortDescription": {"text": f"{label} in a transcript"},
                "properties": _keys(label),
            }
            for label in label_table()
        ] + [{"id": kind, "shortDescription": {"text": f"{kind} late or missing"}} for kind in KINDS]
        head = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "ccpa scan transcripts", "rules": rules}}, "results": []}],
        }
        text = json.dumps(head, indent=1)
        cut = text.rindex('"results": []') + len('"results": [')
        self.handle.write(text[:cut])
        self._tail = text[cut:]

    def close(self, aggregate: Aggregate) -> None:
        self.handle.write("\n" + self._tail.lstrip() + "\n")


def _keys(label: str) -> dict[str, Any]:
    info = label_table()[label]
    return {"category": info.category, "sensitive_kind": info.sensitive_kind}


def render_summary(aggregate: Aggregate, console: Console) -> None:
    from rich.table import Table

    totals = f"{aggregate.documents:,} documents, {aggregate.conversations:,} conversations"
    console.print(f"{totals}, {aggregate.chars:,} characters")
    table = Table(title="Personal information found")
    for column in ("label", "CCPA category", "sensitive kind", "count", "documents", "example (masked)"):
        table.add_column(column, justify="right" if column in ("count", "documents") else "left")
    info = label_table()
    for label, stats in ((name, aggregate.labels[name]) for name in info if name in aggregate.labels):
        kind = info[label].sensitive_kind or "-"
        table.add_row(
            label, info[label].category, kind, f"{stats.count:,}", f"{stats.documents:,}", stats.snippet
        )
    console.print(table)
    if not aggregate.conversations:
        return
    disclosures = Table(title="Disclosures (conversations)")
    for column in ("disclosure", "given", "late", "missing", "examples (late or missing)"):
        disclosures.add_column(column)
    for kind, disclosure in aggregate.disclosures.items():
        counts = [f"{disclosure.verdicts[v]:,}" for v in ("given", "late", "missing")]
        disclosures.add_row(kind, *counts, ", ".join(disclosure.examples))
    console.print(disclosures)
