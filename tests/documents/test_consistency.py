"""Mismatches between a document and the declared practices, each with both sides."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.documents import DeclaredPractices, analyse
from ccpa_readiness.evidence.documents.model import Mismatch
from tests.documents.conftest import FIXTURES, TODAY, report_for

CONTACT_CENTER = DeclaredPractices(
    categories_collected=["identifiers", "sensory_data", "biometric_information"],
    records_calls=True,
    sells_or_shares=False,
    vendor_roles=["service_provider", "third_party"],
    retention_days_by_category={"identifiers": 730, "sensory_data": 90},
    languages=["en"],
    today=TODAY,
)


def by_subject(mismatches: list[Mismatch]) -> dict[str, Mismatch]:
    return {m.subject: m for m in mismatches}


def test_inconsistent_policy_has_every_kind_of_mismatch() -> None:
    found = by_subject(report_for("policy_inconsistent.md", CONTACT_CENTER).mismatches)
    assert sorted(found) == [
        "biometric_information",
        "recording",
        "retention:identifiers",
        "sensory_data",
        "third_party",
    ]
    assert found["sensory_data"].declared == "collected"
    assert found["recording"].declared == "calls are recorded"
    assert found["recording"].document == "no mention of call recording"
    assert found["retention:identifiers"].declared == "730 days"
    assert found["retention:identifiers"].document == "five years (1825 days)"
    third_party = found["third_party"]
    assert "third_party" in third_party.declared
    assert third_party.document.startswith("says: ") and "We do not sell or share" in third_party.document


def test_consistent_policy_has_none() -> None:
    assert (
        report_for(
            "policy_conventional.md",
            CONTACT_CENTER.model_copy(
                update={
                    "categories_collected": ["identifiers", "sensory_data"],
                    "vendor_roles": ["service_provider"],
                }
            ),
        ).mismatches
        == []
    )


def test_stated_period_matching_within_tolerance_is_no_mismatch() -> None:
    declared = CONTACT_CENTER.model_copy(update={"retention_days_by_category": {"sensory_data": 92}})
    subjects = by_subject(report_for("policy_conventional.md", declared).mismatches)
    assert "retention:sensory_data" not in subjects  # "90 days" against 92: within 4 %
    longer = CONTACT_CENTER.model_copy(update={"retention_days_by_category": {"sensory_data": 365}})
    mismatch = by_subject(report_for("policy_conventional.md", longer).mismatches)["retention:sensory_data"]
    assert (mismatch.declared, mismatch.document) == ("365 days", "90 days (90 days)")


def test_declared_selling_without_disclosure() -> None:
    declared = CONTACT_CENTER.model_copy(update={"sells_or_shares": True, "vendor_roles": []})
    mismatch = by_subject(report_for("policy_conventional.md", declared).mismatches)["sells_or_shares"]
    assert mismatch.declared == "sells or shares personal information"
    assert "We do not sell or share your personal information" in mismatch.document


def test_a_language_served_needs_a_document_of_the_same_kind_in_it() -> None:
    declared = CONTACT_CENTER.model_copy(update={"languages": ["en", "es"]})
    analysis = analyse([FIXTURES / "policy_conventional.md", FIXTURES / "script_inbound.txt"], declared)
    for report in analysis.documents:
        languages = [m for m in report.mismatches if m.subject.startswith("language:")]
        assert [(m.subject, m.declared) for m in languages] == [
            ("language:es", "consumers are served in 'es'")
        ]
        assert f"this {report.kind.value} is in 'en'" in languages[0].document


def test_a_spanish_version_satisfies_the_language(tmp_path: Path) -> None:
    spanish = tmp_path / "politica-de-privacidad.md"
    spanish.write_text(
        "# Política de privacidad\n\nEsta política explica cómo recopilamos y usamos los datos de los "
        "clientes que llaman a nuestro centro de contacto y para qué los usamos con su permiso.\n",
        encoding="utf-8",
    )
    declared = CONTACT_CENTER.model_copy(update={"languages": ["en", "es"]})
    analysis = analyse([FIXTURES / "policy_conventional.md", spanish], declared)
    assert sorted(r.language or "" for r in analysis.documents) == ["en", "es"]
    for report in analysis.documents:
        assert not [m for m in report.mismatches if m.subject.startswith("language:")]


def test_scripts_are_not_compared_with_the_inventory() -> None:
    assert report_for("script_no_disclosure.txt", CONTACT_CENTER).mismatches == []


def test_without_declared_practices_there_are_no_mismatches() -> None:
    (report,) = analyse([FIXTURES / "policy_inconsistent.md"]).documents
    assert report.mismatches == []


def test_a_document_in_another_language_is_unclear_not_absent(tmp_path: Path) -> None:
    spanish = tmp_path / "politica-de-privacidad.md"
    spanish.write_text(
        "# Política de privacidad\n\nEsta política explica cómo recopilamos y usamos los datos de los "
        "clientes que llaman a nuestro centro de contacto y para qué los usamos con su permiso.\n",
        encoding="utf-8",
    )
    (report,) = analyse([spanish], CONTACT_CENTER).documents
    assert report.language == "es"
    assert {e.status.value for e in report.elements} == {"unclear"}
    assert report.elements[0].note == "written in 'es'; the cues are in 'en' only: read it"
    assert [m.subject for m in report.mismatches] == ["language:en"]


def test_a_spanish_script_counts_for_the_scripts_in_spanish(tmp_path: Path) -> None:
    spanish = tmp_path / "saludo-es.txt"
    spanish.write_text(
        "Gracias por llamar a Acme. Esta llamada puede ser grabada y monitoreada para fines de calidad y "
        "capacitación. Para conocer nuestro aviso de privacidad, visite acme.example/privacidad.\n",
        encoding="utf-8",
    )
    declared = CONTACT_CENTER.model_copy(update={"languages": ["en", "es"]})
    analysis = analyse([FIXTURES / "script_inbound.txt", spanish], declared)
    assert sorted((r.kind.value, r.language) for r in analysis.documents) == [
        ("script", "en"),
        ("script", "es"),
    ]
    assert all(r.mismatches == [] for r in analysis.documents)
