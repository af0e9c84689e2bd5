"""The Word drafts: built from the template with real properties, DRAFT in the header of every
section's every page, and Spanish draft translations of the caller-facing drafts exactly where a
channel they play on serves Spanish."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ccpa_readiness.reports.proposal_docx import DraftProperties, write_docx
from ccpa_readiness.reports.roadmap_files import write_proposals
from ccpa_readiness.roadmap.proposals import build_proposals
from ccpa_readiness.roadmap.tasks import build_tasks
from ccpa_readiness.workspace.models import Channels
from tests.roadmap.builders import assessment, catalog, facts, finding, requirement, roadmap_for, task

CALLER_FACING = ["notice_at_collection_ivr", "notice_at_collection_agent", "recording_disclosure"]
MARKDOWN = "# Spoken notice\n\n> **DRAFT for counsel review.**\n\n## Steps\n\n" + "Para.\n\n" * 150


def _app_properties(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/app.xml").decode("utf-8")


def test_properties_are_the_drafts_own(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    path = write_docx(MARKDOWN, tmp_path / "d.docx", DraftProperties("Spoken notice", "Acme & Sons <CA>"))
    core = Document(str(path)).core_properties
    assert core.title == "Spoken notice" and core.language == "en-US"
    assert core.author.startswith("ccpa-readiness") and core.last_modified_by.startswith("ccpa-readiness")
    assert "python-docx" not in f"{core.author}{core.comments}{core.last_modified_by}"
    assert core.created is not None and before <= core.created.replace(tzinfo=None) <= before + dt.timedelta(
        minutes=5
    )
    assert core.modified == core.created
    app = _app_properties(path)
    assert (
        "<Company>Acme &amp; Sons &lt;CA&gt;</Company>" in app
        and "<Application>ccpa-readiness</Application>" in app
    )


def test_draft_is_in_the_header_of_every_page_of_every_section(tmp_path: Path) -> None:
    path = write_docx(MARKDOWN, tmp_path / "d.docx", DraftProperties("Spoken notice", "Acme"))
    document = Document(str(path))
    assert not document.settings.odd_and_even_pages_header_footer  # one header for every page
    for section in document.sections:
        assert not section.different_first_page_header_footer  # the first page has it too
        header = " ".join(p.text for p in section.header.paragraphs)
        assert header == "DRAFT for counsel review · Acme · Spoken notice"
    body = [p.text for p in document.paragraphs]
    assert body[:3] == ["Spoken notice", "DRAFT for counsel review.", "Steps"] and len(body) == 153
    assert "{{" not in " ".join(body) and "{{" not in " ".join(
        p.text for p in document.sections[0].footer.paragraphs
    )


def _drafts(tmp_path: Path, channels: list[dict[str, Any]]) -> list[Any]:
    tasks = [task(f"write-{key.replace('_', '-')}", proposal=key) for key in CALLER_FACING]
    shipped = catalog(tasks, [requirement("NOT-01", [t.id for t in tasks])])
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}})
    the_facts.workspace.inventory["channels.yaml"] = Channels.model_validate({"channels": channels})
    return build_proposals(
        build_tasks(assessment([finding("NOT-01")]), shipped, the_facts), shipped, the_facts
    )


def _channel(channel_id: str, kind: str, languages: list[str], recorded: bool = True) -> dict[str, Any]:
    return {"id": channel_id, "name": channel_id, "kind": kind, "languages": languages, "recorded": recorded}


@pytest.mark.parametrize(
    ("channels", "spanish"),
    [
        (
            [_channel("ivr", "voice_ivr", ["en", "es"]), _channel("agents", "agent_voice", ["en", "es-US"])],
            CALLER_FACING,
        ),
        (
            [_channel("ivr", "voice_ivr", ["en", "Spanish"]), _channel("agents", "agent_voice", ["en"])],
            ["notice_at_collection_ivr", "recording_disclosure"],
        ),
        (
            [
                _channel("ivr", "voice_ivr", ["en"], recorded=False),
                _channel("agents", "agent_voice", ["es"], recorded=False),
            ],
            ["notice_at_collection_agent"],
        ),
        ([_channel("ivr", "voice_ivr", ["en"]), _channel("chat", "chat", ["es"])], []),
    ],
)
def test_a_spanish_draft_exists_only_where_spanish_is_served(
    tmp_path: Path, channels: list[dict[str, Any]], spanish: list[str]
) -> None:
    proposals = _drafts(tmp_path, channels)
    assert [p.key for p in proposals if p.translations] == spanish
    for proposal in proposals:
        for translation in proposal.translations:
            assert translation.language == "es"
            assert "TRADUCCIÓN EN BORRADOR" in translation.markdown
            assert "DRAFT translation for counsel review" in translation.markdown
            assert f'"{proposal.title}"' in translation.markdown  # names the English draft it renders


def test_the_spanish_texts_say_what_the_english_ones_say(tmp_path: Path) -> None:
    proposals = _drafts(
        tmp_path, [_channel("ivr", "voice_ivr", ["en", "es"]), _channel("agents", "agent_voice", ["es"])]
    )
    spanish = {p.key: p.translations[0].markdown for p in proposals}
    ivr = spanish["notice_at_collection_ivr"]
    assert "Test Co recopila información personal en esta llamada" in ivr
    assert "Las llamadas pueden ser grabadas y monitoreadas." in ivr
    assert "[por completar]" in ivr and "[to be completed]" not in ivr  # no privacy-policy URL declared
    recording = spanish["recording_disclosure"]
    assert "Esta llamada se graba y puede ser monitoreada por Test Co" in recording
    assert '"sin grabación"' in recording
    agent = spanish["notice_at_collection_agent"]
    assert (
        "Antes de continuar: Test Co recopila información personal" in agent
        and "Esta llamada puede ser grabada." in agent
    )


def test_spanish_word_drafts_carry_their_own_properties_and_header(tmp_path: Path) -> None:
    tasks = [task("write-notice", proposal="notice_at_collection_ivr")]
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}})
    channels = [_channel("ivr", "voice_ivr", ["en", "es"])]
    the_facts.workspace.inventory["channels.yaml"] = Channels.model_validate({"channels": channels})
    roadmap = roadmap_for(tasks, [requirement("NOT-01", ["write-notice"])], [finding("NOT-01")], the_facts)
    written = {p.name: p for p in write_proposals(roadmap, tmp_path / "out")}
    assert sorted(written) == [
        "notice_at_collection_ivr.docx",
        "notice_at_collection_ivr.es.docx",
        "notice_at_collection_ivr.es.md",
        "notice_at_collection_ivr.md",
    ]
    document = Document(str(written["notice_at_collection_ivr.es.docx"]))
    assert document.core_properties.language == "es-US"
    assert document.core_properties.title == "Aviso verbal en el momento de la recopilación: IVR"
    for section in document.sections:
        header = section.header.paragraphs[0].text
        assert header.startswith(
            "BORRADOR para revisión del asesor legal · DRAFT translation for counsel review"
        )
    english = Document(str(written["notice_at_collection_ivr.docx"]))
    assert english.sections[0].header.paragraphs[0].text.startswith("DRAFT for counsel review · ")
    assert english.core_properties.title == "Spoken notice at collection: IVR"
