"""`scan_documents`: the observations `ccpa assess` reads, the same analysis as the command."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.documents import DeclaredPractices, analyse, scan_documents
from ccpa_readiness.evidence.documents.render import to_json
from tests.documents.conftest import FIXTURES, TODAY

DECLARED = DeclaredPractices(
    categories_collected=["identifiers", "sensory_data"], records_calls=True, languages=["en"], today=TODAY
)


def test_one_document_observation_per_file_and_one_per_element() -> None:
    result = scan_documents([FIXTURES / "stale_policy.txt", FIXTURES / "script_inbound.txt"], DECLARED)
    documents = [o for o in result.observations if o.kind == "NOTICE-DOCUMENT"]
    assert [(Path(o.source).name, o.subject) for o in documents] == [
        ("script_inbound.txt", "script"),
        ("stale_policy.txt", "privacy_policy"),
    ]
    stale = documents[1]
    assert stale.attributes["kind"] == "privacy_policy"
    assert stale.attributes["last_updated"] == "2023-03-03"
    assert isinstance(stale.attributes["reading_ease"], float)
    elements = [o for o in result.observations if o.kind == "NOTICE-ELEMENT" and o.source == stale.source]
    updated = next(o for o in elements if o.subject == "PP-LAST-UPDATED")
    assert updated.attributes["status"] == "absent"
    assert updated.attributes["document_kind"] == "privacy_policy"
    assert updated.attributes["citation"] == "Civ. §1798.130(a)(5); CCR §7011(e)"
    assert updated.location == "ACME PRIVACY POLICY"
    assert updated.snippet == "Last updated: March 3, 2023"


def test_snippets_are_masked() -> None:
    result = scan_documents([FIXTURES / "stale_policy.txt"], DECLARED)
    contact = next(o for o in result.observations if o.subject == "PP-CONTACT")
    assert "privacy@acme.example" not in contact.snippet
    assert contact.snippet.endswith("email *******@****.*******.")  # no letter of an address shows


def test_mismatches_carry_both_sides() -> None:
    result = scan_documents([FIXTURES / "stale_policy.txt"], DECLARED)
    mismatches = {o.subject: o for o in result.observations if o.kind == "NOTICE-MISMATCH"}
    assert sorted(mismatches) == ["recording", "sensory_data"]
    assert mismatches["recording"].attributes == {
        "declared": "calls are recorded",
        "document": "no mention of call recording",
        "message": "every recorded call collects audio, but the document never mentions call recording",
    }


def test_bad_files_are_problems_and_the_rest_is_scanned(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    (tmp_path / "policy.md").write_text("# Privacy Policy\n\nLast updated: May 1, 2026\n", encoding="utf-8")
    result = scan_documents([tmp_path], DECLARED)
    assert sorted((Path(p.source).name, p.message.split(":")[0]) for p in result.problems) == [
        ("broken.pdf", "broken PDF"),
        ("empty.txt", "empty file"),
    ]
    assert [Path(o.source).name for o in result.observations if o.kind == "NOTICE-DOCUMENT"] == ["policy.md"]


def test_output_is_deterministic() -> None:
    first = to_json(analyse([FIXTURES], DECLARED))
    second = to_json(analyse([FIXTURES], DECLARED))
    assert first == second
    assert [Path(d["path"]).name for d in first["documents"]] == sorted(p.name for p in FIXTURES.iterdir())


def test_folders_are_walked_hidden_files_skipped_even_under_dot_dot(tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "policy.md").write_text(
        "# Privacy Policy\n\nWe collect identifiers.\n", encoding="utf-8"
    )
    via_dot_dot = folder / "sub" / ".." / "."
    result = scan_documents([via_dot_dot], DECLARED)
    assert [Path(o.source).name for o in result.observations if o.kind == "NOTICE-DOCUMENT"] == ["policy.md"]
