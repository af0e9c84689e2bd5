"""Fuzz one reader: `python -m tests.readers.fuzz_runner KIND SEED CASES DIR`.

Builds `CASES` malformed, hostile or oversized inputs from valid seeds (seeded, so a failure
repeats), reads each through the reader's public function and prints one JSON line: the cases run
and the crashes, i.e. an exception the reader let out, or an input skipped with the guard's
"unexpected failure" words (the last safety net caught what no check foresaw).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.common.guard import UNEXPECTED

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GOOD_FLOW = {
    "Version": "2019-10-30",
    "StartAction": "hello",
    "Actions": [
        {
            "Identifier": "hello",
            "Type": "MessageParticipant",
            "Parameters": {"Text": "This call may be recorded."},
            "Transitions": {
                "NextAction": "bye",
                "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
            },
        },
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ],
}
ARCHY = b"""inboundCall:
  name: Main
  startUpTaskActions:
    - playAudio:
        name: Greeting
        audio:
          tts: "This call may be recorded."
    - disconnect:
        name: Bye
"""
TWILIO = {
    "description": "IVR",
    "initial_state": "Trigger",
    "states": [
        {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "say"}]},
        {"name": "say", "type": "say-play", "properties": {"say": "Hello"}, "transitions": []},
    ],
}
JSONL = (
    b'{"id": "c1", "turns": [{"speaker": "AGENT", "text": "This call is recorded."}, '
    b'{"speaker": "CUSTOMER", "text": "My SSN is 123-45-6789"}]}\n'
    b'{"id": "c2", "text": "AGENT: hi\\nCUSTOMER: call me at 415-555-0134"}\n'
)
TRANSCRIBE = json.dumps(
    {
        "jobName": "job",
        "results": {
            "transcripts": [{"transcript": "Hello there."}],
            "speaker_labels": {"segments": [{"items": [{"start_time": "0.1", "speaker_label": "spk_0"}]}]},
            "items": [
                {"start_time": "0.1", "type": "pronunciation", "alternatives": [{"content": "Hello"}]},
                {"type": "punctuation", "alternatives": [{"content": "."}]},
            ],
        },
    }
).encode()
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Agent>Hello, this call is recorded.\n\n"
CSV = b'id,text\nr1,"AGENT: hello"\nr2,"CUSTOMER: my card is 4111 1111 1111 1111"\n'
HTML = (
    b"<html><body><h1>Privacy Policy</h1><p>We collect your name and phone number.</p>"
    b"<h2>Your rights</h2><p>You may ask us to delete it.</p></body></html>"
)
MARKDOWN = b"# Privacy Policy\n\nWe collect your **name**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"


def minimal_pdf() -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (Privacy Policy: we collect your name.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def minimal_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Privacy Policy", 1)
    document.add_paragraph("We collect your name and phone number.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "category"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def minimal_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["email", "phone"])
    sheet.append(["a@example.com", "415-555-0134"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- mutations -----------------------------------------------------------------------------------


def _json_wrong_types(data: bytes, rng: random.Random) -> bytes:
    try:
        value = json.loads(data)
    except ValueError:
        return data
    replacements: list[Any] = [None, 0, -1, 1.5, True, "", "x" * 1000, [], {}, [[[]]], {"a": {}}]
    nodes: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        keys = list(item) if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else []
        for key in keys:
            nodes.append((item, key))
            stack.append(item[key])
    for container, key in rng.sample(nodes, min(len(nodes), rng.randint(1, 4))):
        container[key] = rng.choice(replacements)
    return json.dumps(value).encode()


def _mutate(seed: bytes, rng: random.Random) -> bytes:
    data = bytearray(seed)
    choice = rng.randrange(11)
    if choice == 0 and data:
        return bytes(data[: rng.randrange(len(data))])  # cut short
    if choice == 1 and data:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)  # flipped bytes
        return bytes(data)
    if choice == 2:
        at = rng.randrange(len(data) + 1)
        return bytes(data[:at]) + rng.randbytes(rng.randint(1, 200)) + bytes(data[at:])
    if choice == 3 and data:
        start = rng.randrange(len(data))
        piece = bytes(data[start : start + rng.randint(1, 64)])
        at = rng.randrange(len(data) + 1)
        return bytes(data[:at]) + piece * rng.randint(1_000, 20_000) + bytes(data[at:])  # oversized
    if choice == 4:
        depth = rng.choice([500, 5_000, 100_000])
        opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}"), (b"- ", b"")])
        return opener * depth + seed + closer * depth  # deep nesting
    if choice == 5:
        return _json_wrong_types(seed, rng)
    if choice == 6:
        return rng.randbytes(rng.randint(0, 4096))  # noise
    if choice == 7:
        return b""
    if choice == 8:
        return seed.replace(b"\n", b"\r", rng.randint(1, 5)) + b"\x00" * rng.randint(0, 3)
    if choice == 9:
        import gzip

        return gzip.compress(seed)[: rng.choice([None, 20, 40])]  # gzip, maybe cut
    return seed.decode("utf-8", "replace").encode(rng.choice(["utf-16", "latin-1", "utf-32"]), "replace")


def cases(seeds: list[tuple[str, bytes]], count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for index in range(count):
        name, data = seeds[index % len(seeds)]
        yield name, (data if index < len(seeds) else _mutate(data, rng))


# --- readers -------------------------------------------------------------------------------------


def _problems_crash(problems: list[Problem]) -> str | None:
    found = [str(p) for p in problems if UNEXPECTED in p.message]
    return found[0] if found else None


def read_flows(path: Path) -> str | None:
    from ccpa_readiness.evidence.flows import scan_flows

    return _problems_crash(scan_flows([path]).problems)


def read_transcripts(path: Path) -> str | None:
    from ccpa_readiness.evidence.transcripts.readers import read_file

    return _problems_crash([item for item in read_file(path) if isinstance(item, Problem)])


def read_documents(path: Path) -> str | None:
    from ccpa_readiness.evidence.documents import analyse

    return _problems_crash(analyse([path]).problems)


def read_workspace_yaml(path: Path) -> str | None:
    from ccpa_readiness.workspace.loader import load_workspace

    folder = path.parent / f"ws-{path.stem}"
    (folder / "inventory").mkdir(parents=True)
    path.rename(folder / ("ccpa.yaml" if "ccpa" in path.name else "inventory/vendors.yaml"))
    with contextlib.suppress(InputError):
        load_workspace(folder)
    return None


def read_datastore(path: Path) -> str | None:
    from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores

    return _problems_crash(scan_datastores([StoreTarget(url=str(path))], sample=50).problems)


def read_review_inputs(path: Path) -> str | None:
    from ccpa_readiness.review.inputs import load_inputs

    folder = path.parent / f"review-{path.stem}"
    (folder / "out").mkdir(parents=True)
    path.rename(folder / "out" / "findings.json")
    (folder / "out" / "roadmap.json").write_text("{}", encoding="utf-8")
    with contextlib.suppress(InputError):
        load_inputs(folder)
    return None


def _sqlite_seed(folder: Path) -> bytes:
    path = folder / "seed.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (email TEXT, ssn TEXT, created DATE)")
        connection.execute("INSERT INTO customers VALUES ('a@example.com', '123-45-6789', '2020-01-01')")
    data = path.read_bytes()
    path.unlink()
    return data


def _shared_flows() -> list[tuple[str, bytes]]:
    picks = [
        "connect/amazon-connect-snippets__RecordLastAgent.json",
        "twilio/flex-project-template__template_example_callback_flow.json",
        "archy/genesys-cloud-call-park__default-in-queue-flow.yaml__inqueueCall.yaml",
    ]
    return [
        (Path(p).name, (SHARED / "flows" / p).read_bytes()) for p in picks if (SHARED / "flows" / p).is_file()
    ]


def seeds_of(kind: str, folder: Path) -> tuple[list[tuple[str, bytes]], Callable[[Path], str | None]]:
    if kind == "flows":
        own = [("connect.json", json.dumps(GOOD_FLOW).encode()), ("archy.yaml", ARCHY)]
        return [*own, ("twilio.json", json.dumps(TWILIO).encode()), *_shared_flows()], read_flows
    if kind == "transcripts":
        seeds = [("calls.jsonl", JSONL), ("job.json", TRANSCRIBE), ("call.vtt", VTT), ("rows.csv", CSV)]
        return [*seeds, ("call.srt", VTT[8:]), ("call.txt", b"AGENT: hi\nCUSTOMER: bye\n")], read_transcripts
    if kind == "documents":
        seeds = [("policy.html", HTML), ("policy.md", MARKDOWN), ("policy.txt", MARKDOWN)]
        return [*seeds, ("policy.pdf", minimal_pdf()), ("policy.docx", minimal_docx())], read_documents
    if kind == "yaml":
        ccpa = b"organization:\n  name: Acme\n  annual_revenue_usd: 30000000\nplan: &p {start: 2027-01-04}\n"
        vendors = b"vendors:\n  - id: v1\n    name: Speech Co\n    role: service_provider\n"
        return [
            ("ccpa.yaml", ccpa),
            ("vendors.yaml", vendors),
            ("ccpa-flows.yaml", ARCHY),
        ], read_workspace_yaml
    if kind == "datastores":
        seeds = [
            ("table.sqlite", _sqlite_seed(folder)),
            ("customers.csv", CSV),
            ("sheet.xlsx", minimal_xlsx()),
        ]
        return seeds, read_datastore
    if kind == "review":
        findings = json.dumps({"organization": "Acme", "as_of": "2026-12-01", "findings": []}).encode()
        return [("findings.json", findings)], read_review_inputs
    raise SystemExit(f"unknown reader kind {kind!r}")


def main(kind: str, seed: int, count: int, folder: Path) -> None:
    seeds, read = seeds_of(kind, folder)
    crashes: list[str] = []
    run = 0
    for index, (name, data) in enumerate(cases(seeds, count, seed)):
        path = folder / f"{index:04d}-{name}"
        path.write_bytes(data)
        run += 1
        try:
            found = read(path)
        except Exception:
            found = traceback.format_exc(limit=-3)
        if found is not None:
            crashes.append(f"case {index} ({name}, {len(data):,} bytes): {found}")
    print(json.dumps({"kind": kind, "cases": run, "crashes": crashes}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
