"""What the intake pages show: a section's questions with their explanation and the requirements
they decide, and progress per section and per department."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ccpa_readiness.assess.deciding_fields import requirements_reading
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.review.intake.forms import Explain, Question, State, build
from ccpa_readiness.review.intake.help import template_help
from ccpa_readiness.review.intake.saving import read_current
from ccpa_readiness.review.intake.sections import Section, sections
from ccpa_readiness.vocabulary import Department

STATES = (State.answered, State.unknown, State.not_started)


def explainer(section: Section) -> Explain:
    """A question's explanation (the field's description, the template's comment) and the
    requirements whose checks read it."""
    found = default_catalog()
    titles = {r.id: r.title for r in found.requirements}
    helps = template_help(section.file)

    def explain(model: type[BaseModel], name: str, help_key: str) -> tuple[list[str], list[tuple[str, str]]]:
        description = model.model_fields[name].description or ""
        template = helps.of(help_key)
        texts = [t for t in (description, template) if t]
        if len(texts) == 2 and texts[1].lower() in texts[0].lower():
            texts = texts[:1]
        return texts, [(rid, titles[rid]) for rid in requirements_reading(found, model, name)]

    return explain


def questions_of(section: Section, data: Any) -> list[Question]:
    """The section's questions answered from `data` (the plain data of its file or part)."""
    return build(section.model, data, section.prefix, explainer(section), section.prefix)


@dataclass(frozen=True)
class Progress:
    answered: int = 0
    unknown: int = 0
    not_started: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.not_started

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.answered + other.answered,
            self.unknown + other.unknown,
            self.not_started + other.not_started,
        )


def progress_of(questions: list[Question]) -> Progress:
    counts = Counter(leaf.state for q in questions for leaf in q.leaves())
    return Progress(counts[State.answered], counts[State.unknown], counts[State.not_started])


@dataclass(frozen=True)
class SectionSummary:
    section: Section
    owners: tuple[str, ...]
    progress: Progress
    exists: bool
    problem: str


def summaries(root: Path, owners: dict[str, tuple[str, ...]]) -> list[SectionSummary]:
    found = []
    for section in sections():
        current = read_current(root, section)
        progress = progress_of(questions_of(section, current.part(section)))
        if current.text is None:  # no file yet: nothing is started, whatever the defaults say
            progress = Progress(not_started=progress.total)
        found.append(
            SectionSummary(section, owners[section.key], progress, current.text is not None, current.problem)
        )
    return found


def by_department(found: list[SectionSummary]) -> dict[str, Progress]:
    """Each department's progress over the sections it owns."""
    totals = {d.value: Progress() for d in Department}
    for summary in found:
        for department in summary.owners:
            totals[department] = totals.get(department, Progress()) + summary.progress
    return totals
