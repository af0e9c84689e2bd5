"""Small transcripts in every input format, with known personal values, written into a folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SSN, CARD, PHONE, EMAIL = "078-05-1123", "4111 1111 1111 1111", "(415) 555-0132", "jane.doe@example.com"
NAME = "Jane Whitaker"
SPOKEN_CARD = "four one one one one one one one one one one one one one one one"
RAW_VALUES = (SSN, CARD, PHONE, EMAIL, NAME, SPOKEN_CARD, "Whitaker", "4111111111111111", "555-0132")

OPENING = "Thank you for calling Acme, this call may be recorded for quality and training purposes."
NOTICE = "We collect personal information to help you, as described in our privacy notice."

TRANSCRIBE = {
    "jobName": "call-7",
    "results": {
        "transcripts": [{"transcript": "..."}],
        "speaker_labels": {"segments": []},
        "items": [
            {"type": "pronunciation", "speaker_label": "spk_0", "alternatives": [{"content": w}]}
            for w in ["this", "call", "is", "being", "recorded"]
        ]
        + [{"type": "punctuation", "alternatives": [{"content": "."}]}]
        + [
            {"type": "pronunciation", "speaker_label": "spk_1", "alternatives": [{"content": w}]}
            for w in ["my", "social", "is", "078-05-1123"]
        ],
    },
}
CONTACT_LENS = {
    "CustomerMetadata": {"ContactId": "contact-9"},
    "Participants": [{"ParticipantId": "AGENT"}, {"ParticipantId": "CUSTOMER"}],
    "Transcript": [
        {"ParticipantId": "AGENT", "Content": "Hello, how can I help?", "BeginOffsetMillis": 0},
        {"ParticipantId": "CUSTOMER", "Content": f"My card is {CARD}.", "BeginOffsetMillis": 900},
    ],
}


def write_samples(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        {
            "id": "conv-1",
            "turns": [
                {"speaker": "AGENT", "text": OPENING},
                {"speaker": "CUSTOMER", "text": f"Hi, my name is {NAME}, my SSN is {SSN}."},
                {"speaker": "AGENT", "text": NOTICE},
            ],
        },
        {"id": "text-1", "text": f"USER: mail me at {EMAIL}\nAGENT: {OPENING}"},
    ]
    lines = [json.dumps(r) for r in records]
    (folder / "chats.jsonl").write_text(lines[0] + "\n{broken\n" + lines[1] + "\n", encoding="utf-8")
    (folder / "call.txt").write_text(f"AGENT: {OPENING}\nCUSTOMER: card is {SPOKEN_CARD}\n", encoding="utf-8")
    (folder / "call.vtt").write_text(
        f"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Agent>{OPENING}</v>\n\n"
        f"00:00:04.000 -> broken\n<v Customer>lost cue\n\n"
        f"00:00:05.000 --> 00:00:07.000\n<v Customer>call me on {PHONE}</v>\n",
        encoding="utf-8",
    )
    (folder / "call.srt").write_text(
        f"1\n00:00:01,000 --> 00:00:03,000\nAGENT: {OPENING}\n\n2\n00:00:04,000 --> 00:00:06,000\n"
        f"CUSTOMER: my SSN is {SSN}\n",
        encoding="utf-8",
    )
    (folder / "notes.csv").write_text(
        f'id,agent,text\nrow-1,sam,"card {CARD} on file"\nrow-2,sam,"x","extra"\n', encoding="utf-8"
    )
    (folder / "transcribe.json").write_text(json.dumps(TRANSCRIBE), encoding="utf-8")
    (folder / "lens.json").write_text(json.dumps(CONTACT_LENS), encoding="utf-8")
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "gz-1", "text": f"my phone is {PHONE}"}) + "\n")
    return folder
