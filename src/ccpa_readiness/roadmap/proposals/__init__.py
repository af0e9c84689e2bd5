"""Process and policy proposals: the draft documents the roadmap's tasks call for.

Each is a Jinja2 Markdown template filled from the workspace's inventory and the catalog's figures
of law (never a figure written in a template). Every draft says it is for counsel's review.
A caller-facing draft also gets a draft translation into each language a channel it plays on
serves (`translations.yaml`), marked as a draft translation to be reviewed by counsel.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, Field

from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.models import Proposal, ProposalTranslation, RoadmapTask
from ccpa_readiness.roadmap.proposals.context import UNSTATED, proposal_context
from ccpa_readiness.vocabulary import ChannelKind
from ccpa_readiness.yamlfile import read_yaml, validate_document

TRANSLATIONS_FILE = Path(__file__).parent / "translations.yaml"

TITLES = {
    "notice_at_collection_ivr": "Spoken notice at collection: IVR",
    "notice_at_collection_agent": "Spoken notice at collection: agent script",
    "recording_disclosure": "Recording and monitoring disclosure",
    "privacy_policy_sections": "Privacy policy: sections to add or revise",
    "request_intake_sop": "Consumer-request intake SOP for phone agents",
    "retention_schedule": "Retention schedule per data category",
    "vendor_contract_clauses": "Service-provider contract clauses missing per vendor",
}


class Language(BaseModel):
    name: str
    codes: list[str] = Field(description="how channels.yaml may write the language, lower case")
    titles: dict[str, str] = Field(description="each translated draft's title, by draft key")
    categories: dict[str, str] = Field(description="the taxonomy's categories named in this language")
    unstated: str = Field(description="the placeholder for what the inventory does not say")


class TranslatedDraft(BaseModel):
    channel_kinds: list[ChannelKind]
    recorded_only: bool = False


class Translations(BaseModel):
    languages: dict[str, Language]
    drafts: dict[str, TranslatedDraft]


@cache
def translations() -> Translations:
    return validate_document(read_yaml(TRANSLATIONS_FILE), Translations)


def languages_served(key: str, facts: Facts) -> list[str]:
    """The languages (keys of translations.yaml) a channel the draft `key` plays on serves callers in."""
    draft = translations().drafts.get(key)
    if draft is None:
        return []
    channels = [
        c
        for c in facts.channels or []
        if c.kind in draft.channel_kinds and (c.recorded or not draft.recorded_only)
    ]
    spoken = {code.strip().lower() for c in channels for code in c.languages}
    return [name for name, language in translations().languages.items() if spoken & set(language.codes)]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ccpa_readiness.roadmap.proposals", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def build_proposals(tasks: list[RoadmapTask], catalog: Catalog, facts: Facts) -> list[Proposal]:
    """One draft per proposal key the roadmap's tasks name, in the order of `TITLES`."""
    wanted: dict[str, list[str]] = {}
    for task in tasks:
        if task.proposal is not None:
            wanted.setdefault(task.proposal, []).append(task.id)
    if not wanted:
        return []
    context = proposal_context(catalog, facts)
    return [
        Proposal(
            key=key,
            title=title,
            task_ids=sorted(wanted[key]),
            markdown=_render(key, title=title, tasks=sorted(wanted[key]), **context),
            translations=[
                _translated(key, name, title, sorted(wanted[key]), context)
                for name in languages_served(key, facts)
            ],
        )
        for key, title in TITLES.items()
        if key in wanted
    ]


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(f"{template}.md.j2").render(**context)


def _translated(
    key: str, name: str, english_title: str, tasks: list[str], context: dict[str, Any]
) -> ProposalTranslation:
    language = translations().languages[name]
    title = language.titles[key]
    local = {
        **context,
        "unstated": language.unstated,
        "policy_url": language.unstated if context["policy_url"] == UNSTATED else context["policy_url"],
        "category_names": language.categories,
    }
    markdown = _render(f"{key}.{name}", title=title, english_title=english_title, tasks=tasks, **local)
    return ProposalTranslation(language=name, title=title, markdown=markdown)
