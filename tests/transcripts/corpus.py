"""A synthetic transcript corpus of a given size in every supported format, generated (seeded) for
the Dask tests and `bench/transcripts_dask_bench.py`: conversations with an agent's opening (a
recording disclosure or not), customers giving names, phone, card and social security numbers,
emails and addresses, notices early, late or never; most bytes in large JSONL files (which are
split into byte ranges), the rest in CSV, gzip and one-conversation files (text, WebVTT, SRT, AWS
Transcribe, Contact Lens)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = ["Maria", "James", "Aisha", "Wei", "Carlos", "Priya", "John", "Fatima", "Olga", "Kenji", "Grace"]
LAST = ["Garcia", "Smith", "Khan", "Chen", "Lopez", "Patel", "Johnson", "Okafor", "Ivanova", "Sato"]
STREETS = ["Main", "Oak", "Hollis", "Market", "Mission", "Cedar", "Lake", "Sunset"]
CITIES = ["Oakland", "Fresno", "San Diego", "Sacramento", "Irvine", "Emeryville"]
OPENINGS = [
    "Thank you for calling Acme Wireless, this call may be recorded for quality and training purposes.",
    "Hi, thanks for calling Acme, my name is Sam, how can I help you today?",
    "Welcome to Acme support. Calls are monitored and recorded. How can I help?",
    "Hello, you have reached the billing team.",
]
NOTICE = "We collect personal information to help you, as described in our privacy notice."
REQUESTS = [
    "I want to pay my bill and update my details.",
    "My last statement looks wrong, there is a charge I do not recognise.",
    "I need to change the address on my account.",
    "Can you tell me when my order will arrive?",
]
FILLER = [
    "Sure, let me pull that up for you, it will take a moment.",
    "Thanks for waiting, the system is a little slow today.",
    "Is there anything else I can help you with?",
    "No, that is all, thank you so much for your help.",
    "I see the payment went through yesterday afternoon.",
    "Let me check the notes on the account first.",
]


def _luhn(digits: str) -> str:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def _values(rng: random.Random) -> list[str]:
    card = _luhn("4" + "".join(rng.choice("0123456789") for _ in range(14)))
    ssn = f"{rng.randint(101, 665):03d}-{rng.randint(10, 99):02d}-{rng.randint(1000, 9999):04d}"
    phone = f"({rng.choice(['415', '510', '213', '916'])}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city = f"{rng.choice(CITIES)}, CA 9{rng.randint(1000, 6999)}"
    street = f"{rng.randint(10, 9999)} {rng.choice(STREETS)} Street, {city}"
    return [
        f"Hi, my name is {first} {last}.",
        f"You can reach me at {phone}.",
        f"The card is {' '.join(card[i : i + 4] for i in range(0, 16, 4))}.",
        f"My social is {ssn}.",
        f"Email me at {first.lower()}.{last.lower()}@example.com please.",
        f"I live at {street}.",
    ]


def conversation(rng: random.Random) -> list[tuple[str, str]]:
    """One call: (speaker, words) turns."""
    turns = [("AGENT", rng.choice(OPENINGS)), ("CUSTOMER", rng.choice(REQUESTS))]
    notice_at = rng.choice([2, 4, 99])
    for index, value in enumerate(rng.sample(_values(rng), rng.randint(1, 4))):
        if index * 2 + 2 == notice_at:
            turns.append(("AGENT", NOTICE))
        else:
            turns.append(("AGENT", rng.choice(FILLER)))
        turns.append(("CUSTOMER", value))
    turns.extend(
        ("AGENT" if i % 2 == 0 else "CUSTOMER", rng.choice(FILLER)) for i in range(rng.randint(1, 6))
    )
    return turns


def _jsonl(rng: random.Random, name: str, count: int, broken: bool) -> Iterator[str]:
    for number in range(count):
        turns = conversation(rng)
        kind = number % 7
        if kind == 0:
            record: dict[str, object] = {"text": "\n".join(f"{s}: {t}" for s, t in turns)}  # id from the line
        elif kind == 1:
            record = {"id": f"{name}-{number}", "text": " ".join(t for _, t in turns)}
        else:
            record = {"id": f"{name}-{number}", "turns": [{"speaker": s, "text": t} for s, t in turns]}
        yield json.dumps(record) + "\n"
        if broken and number % 97 == 5:
            yield "{broken record\n"
        if number % 53 == 7:
            yield "\n"


def _text(turns: list[tuple[str, str]]) -> str:
    return "".join(f"{speaker}: {words}\n" for speaker, words in turns)


def _vtt(turns: list[tuple[str, str]]) -> str:
    cues = [
        f"00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\n<v {s.title()}>{t}</v>\n"
        for i, (s, t) in enumerate(turns)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def _srt(turns: list[tuple[str, str]]) -> str:
    cues = [
        f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\n{s}: {t}\n" for i, (s, t) in enumerate(turns)
    ]
    return "\n".join(cues)


def _transcribe(name: str, turns: list[tuple[str, str]]) -> str:
    items = [
        {
            "type": "pronunciation",
            "speaker_label": f"spk_{0 if s == 'AGENT' else 1}",
            "alternatives": [{"content": w}],
        }
        for s, t in turns
        for w in t.split()
    ]
    data = {"jobName": name, "results": {"transcripts": [{"transcript": ""}], "items": items}}
    return json.dumps(data)


def _contact_lens(name: str, turns: list[tuple[str, str]]) -> str:
    data = {
        "CustomerMetadata": {"ContactId": name},
        "Transcript": [{"ParticipantId": s, "Content": t} for s, t in turns],
    }
    return json.dumps(data)


def _csv(rng: random.Random, name: str, count: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "agent", "text"])
    for number in range(count):
        text = "\n".join(t for s, t in conversation(rng) if s == "CUSTOMER")  # quoted line breaks
        writer.writerow([f"{name}-{number}", "sam", text])
    return buffer.getvalue()


ONE_FILE = {
    "txt": lambda name, turns: _text(turns),
    "vtt": lambda name, turns: _vtt(turns),
    "srt": lambda name, turns: _srt(turns),
    "json": _transcribe,
    "lens.json": _contact_lens,
}


def write_corpus(folder: Path, total_bytes: int, seed: int = 7, broken: bool = False) -> Path:
    """About `total_bytes` of transcripts under `folder`: 70% in JSONL files of at most a tenth of
    the total (and 40 MB), 10% CSV, 10% gzip JSONL, 10% one-conversation files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_record = 900
    jsonl_bytes = int(total_bytes * 0.7)
    file_bytes = max(min(total_bytes // 10, 40_000_000), 1)
    number = 0
    while jsonl_bytes > 0:
        size = min(file_bytes, jsonl_bytes)
        name = f"chats-{number:03d}"
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(_jsonl(rng, name, max(size // per_record, 1), broken))
        jsonl_bytes -= size
        number += 1
    share = max(total_bytes // 10, 1)
    (folder / "notes.csv").write_text(_csv(rng, "notes", max(share // 500, 1)), encoding="utf-8")
    with gzip.open(folder / "archive.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(_jsonl(rng, "archive", max(share // per_record, 1), broken))
    calls = folder / "calls"
    calls.mkdir(exist_ok=True)
    kinds = list(ONE_FILE)
    for index in range(max(share // 1500, len(kinds))):
        kind = kinds[index % len(kinds)]
        name = f"call-{index:05d}"
        (calls / f"{name}.{kind}").write_text(ONE_FILE[kind](name, conversation(rng)), encoding="utf-8")
    return folder
