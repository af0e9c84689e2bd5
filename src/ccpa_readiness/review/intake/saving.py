"""Read a section from the workspace and save answers into it, validated by `ccpa assess`'s loader.

A save merges the answers into the file's text (workspace.writer), then loads a copy of the
workspace's YAML files holding the new text as `ccpa assess` does (`load_workspace`, then the
catalog's terms: categories, sensitive-PI kinds, contract clauses).
A problem the change brings (in this file or another: an id a data element still names) stops
the save; problems the workspace had before are shown but do not block. Nothing is written
until the copy loads.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.pipeline import workspace_term_problems
from ccpa_readiness.review.intake.sections import Section
from ccpa_readiness.workspace.loader import ORGANIZATION_FILE, load_workspace
from ccpa_readiness.workspace.writer import changes, merge_yaml
from ccpa_readiness.yamlfile import parse_yaml

_FIELD_MESSAGE = re.compile(r"^(?P<field>[^:]+): (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Current:
    """A section's file as it is: its text (None: no file yet), plain data, and digest."""

    text: str | None
    data: dict[str, Any]
    problem: str = ""  # the file does not parse

    @property
    def digest(self) -> str:
        return hashlib.sha256((self.text or "").encode("utf-8")).hexdigest()

    def part(self, section: Section) -> Any:
        return self.data.get(section.part) if section.part else self.data


def read_current(root: Path, section: Section) -> Current:
    path = root / section.file
    if not path.exists():
        return Current(None, {})
    text = path.read_text(encoding="utf-8")
    try:
        data = parse_yaml(text, path).data
    except InputError as error:
        return Current(text, {}, "; ".join(p.message for p in error.problems))
    return Current(text, data if isinstance(data, dict) else {})


@dataclass
class Outcome:
    """What a save would do: the new text, or the problems that stop it (by field, and not at one)."""

    text: str = ""
    field_errors: dict[str, list[str]] = field(default_factory=dict)
    other_errors: list[str] = field(default_factory=list)
    changed: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.field_errors and not self.other_errors


def _problems(root: Path, replaced: str, text: str | None) -> set[tuple[str, str]]:
    """(file relative to the workspace, message) of every problem the loader finds in a copy of
    the workspace's YAML files where `replaced` holds `text` (None: the file left out)."""
    with tempfile.TemporaryDirectory(prefix="ccpa-intake-") as folder:
        copy = Path(folder)
        for source in [root / ORGANIZATION_FILE, *sorted((root / "inventory").glob("*.y*ml"))]:
            if source.is_file():
                target = copy / source.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        target = copy / replaced
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            workspace = load_workspace(copy)
        except InputError as error:
            return {(_relative(p, copy), p.message) for p in error.problems}
        return {
            (_relative(p, copy), p.message) for p in workspace_term_problems(workspace, default_catalog())
        }


def _relative(problem: Problem, copy: Path) -> str:
    source = Path(problem.source)
    return str(source.relative_to(copy)) if source.is_relative_to(copy) else problem.source


def check_save(root: Path, section: Section, current: Current, answers: dict[str, Any]) -> Outcome:
    """Merge `answers` (this section's part) into the file and validate the result."""
    if current.problem:
        return Outcome(
            other_errors=[f"{section.file} does not parse: {current.problem}; fix it by hand first"]
        )
    document = {section.part: answers} if section.part else answers
    text = merge_yaml(current.text, document)
    before = _problems(root, section.file, current.text)
    after = _problems(root, section.file, text)
    outcome = Outcome(text=text)
    for relative, message in sorted(after - before):
        match = _FIELD_MESSAGE.match(message)
        if relative == section.file and match is not None:
            outcome.field_errors.setdefault(match["field"], []).append(match["message"])
        else:
            outcome.other_errors.append(f"{relative}: {message}")
    new_data = parse_yaml(text, root / section.file).data or {}
    keep = [(section.part,)] if section.part else []
    outcome.changed = changes(current.data, new_data, keep)
    return outcome
