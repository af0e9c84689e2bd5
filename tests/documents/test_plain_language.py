"""Reading ease per section, long sentences and legal jargon."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.documents.readability import reading_ease, section_readability
from ccpa_readiness.evidence.documents.reader import read_document

PLAIN = "We keep your calls for ninety days. Then we delete them. You can ask us to delete them sooner."
LEGALESE = (
    "Notwithstanding the aforementioned provisions, and pursuant to applicable regulations promulgated "
    "thereunder, the organization shall retain recordings, including but not limited to telephonic "
    "communications, for such duration as is reasonably necessary to effectuate the enumerated purposes."
)


def test_plain_sentences_read_easier_than_legalese() -> None:
    assert reading_ease([PLAIN]) > 70
    assert reading_ease([LEGALESE]) < 10


def test_each_table_row_ends_a_sentence() -> None:
    rows = [f"Call recordings of queue {n}; ninety days" for n in range(10)]
    assert reading_ease(rows) > reading_ease([" ".join(rows)]) + 30


def test_sections_flag_long_sentences_and_jargon(tmp_path: Path) -> None:
    long_sentence = "Then " + " ".join(["word"] * 44) + "."
    path = tmp_path / "policy.md"
    path.write_text(
        f"# Policy\n\n## Retention\n\n{LEGALESE} {long_sentence}\n\n## Plain\n\n{PLAIN} {PLAIN} {PLAIN} "
        f"{PLAIN} {PLAIN}\n\n## Short\n\nToo short to score.\n",
        encoding="utf-8",
    )
    sections = {s.section: s for s in section_readability(read_document(path))}
    assert sorted(sections) == ["Plain", "Retention"]
    retention = sections["Retention"]
    assert retention.jargon == [
        "aforementioned",
        "including but not limited to",
        "notwithstanding",
        "pursuant to",
    ]
    assert retention.long_sentence_count == 1
    assert retention.long_sentences == ["Then " + " ".join(["word"] * 13) + " …"]
    assert sections["Plain"].jargon == [] and sections["Plain"].long_sentence_count == 0
    assert sections["Plain"].reading_ease > retention.reading_ease
