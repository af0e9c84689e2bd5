"""Load a workspace folder into models, with the file and line of every declaration."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.workspace.models import (
    Attestations,
    Channels,
    DataInventory,
    OrganizationFile,
    Practices,
    Procedures,
    Systems,
    Technology,
    Training,
    Vendors,
)
from ccpa_readiness.yamlfile import YamlDocument, read_yaml, validate_document

ORGANIZATION_FILE = "ccpa.yaml"
INVENTORY_MODELS: dict[str, type[BaseModel]] = {
    "practices.yaml": Practices,
    "channels.yaml": Channels,
    "data.yaml": DataInventory,
    "systems.yaml": Systems,
    "procedures.yaml": Procedures,
    "technology.yaml": Technology,
    "training.yaml": Training,
    "vendors.yaml": Vendors,
    "attestations.yaml": Attestations,
}
EVIDENCE_KINDS = ("flows", "transcripts", "notices", "scripts", "exports")

Model = TypeVar("Model", bound=BaseModel)


@dataclass
class Workspace:
    """A loaded workspace. Inventory files not present are `None`: their facts are unknown."""

    root: Path
    organization: OrganizationFile
    inventory: dict[str, BaseModel]
    documents: dict[str, YamlDocument] = field(repr=False)

    def part(self, filename: str, model: type[Model]) -> Model | None:
        value = self.inventory.get(filename)
        return value if isinstance(value, model) else None

    def line_of(self, relative_file: str, *path: str | int) -> int | None:
        document = self.documents.get(relative_file)
        return None if document is None else document.line_of(tuple(path))

    def problem_at(self, relative_file: str, path: tuple[str | int, ...], message: str) -> Problem:
        """A problem about the declaration at `path` in one of this workspace's files."""
        line = self.line_of(relative_file, *path)
        field = ".".join(str(part) for part in path)
        return Problem(
            source=str(self.root / relative_file),
            location="" if line is None else str(line),
            message=f"{field}: {message}",
        )

    def evidence_dir(self, kind: str) -> Path:
        return self.root / "evidence" / kind

    @property
    def out_dir(self) -> Path:
        return self.root / "out"


def load_workspace(root: Path) -> Workspace:
    """Read `ccpa.yaml` and every `inventory/*.yaml`; all problems found are raised together."""
    if not root.is_dir():
        raise InputError.single(str(root), "workspace folder not found (create one with `ccpa init DIR`)")
    problems: list[Problem] = []
    documents: dict[str, YamlDocument] = {}

    def load(relative: str, model: type[Model]) -> Model | None:
        try:
            document = read_yaml(root / relative)
            documents[relative] = document
            if document.data is None:
                raise InputError.single(str(root / relative), "file is empty")
            return validate_document(document, model)
        except InputError as error:
            problems.extend(error.problems)
            return None

    organization = load(ORGANIZATION_FILE, OrganizationFile)
    inventory: dict[str, BaseModel] = {}
    inventory_dir = root / "inventory"
    known = set(INVENTORY_MODELS)
    if inventory_dir.is_dir():
        for path in sorted(inventory_dir.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.name not in known:
                problems.append(
                    Problem(
                        source=str(path),
                        message=f"unknown inventory file; expected one of: {', '.join(sorted(known))}",
                    )
                )
    for filename, model in INVENTORY_MODELS.items():
        if (inventory_dir / filename).exists():
            loaded = load(f"inventory/{filename}", model)
            if loaded is not None:
                inventory[filename] = loaded
    if organization is None or problems:
        raise InputError(problems)
    workspace = Workspace(root=root, organization=organization, inventory=inventory, documents=documents)
    cross_problems = _cross_reference_problems(workspace)
    if cross_problems:
        raise InputError(cross_problems)
    return workspace


def _cross_reference_problems(workspace: Workspace) -> list[Problem]:
    """Ids that point nowhere: a data element's channel, system or vendor that is not declared."""
    channels = workspace.part("channels.yaml", Channels)
    systems = workspace.part("systems.yaml", Systems)
    vendors = workspace.part("vendors.yaml", Vendors)
    data = workspace.part("data.yaml", DataInventory)
    practices = workspace.part("practices.yaml", Practices)
    known = {
        "channel": {c.id for c in channels.channels} if channels else None,
        "system": {s.id for s in systems.systems} if systems else None,
        "vendor": {v.id for v in vendors.vendors} if vendors else None,
        "notice": {n.id for n in practices.notices} if practices else None,
    }
    problems: list[Problem] = []

    def expect(kind: str, value: str, relative: str, *path: str | int) -> None:
        ids = known[kind]
        if ids is not None and value not in ids:
            problems.append(workspace.problem_at(relative, path, f"no {kind} with id '{value}'"))

    id_lists: list[tuple[str, str, list[str]]] = [
        ("inventory/channels.yaml", "channels", [c.id for c in channels.channels] if channels else []),
        ("inventory/systems.yaml", "systems", [s.id for s in systems.systems] if systems else []),
        ("inventory/vendors.yaml", "vendors", [v.id for v in vendors.vendors] if vendors else []),
        ("inventory/practices.yaml", "notices", [n.id for n in practices.notices] if practices else []),
        ("inventory/data.yaml", "data_elements", [e.id for e in data.data_elements] if data else []),
    ]
    for relative, list_key, ids_in_order in id_lists:
        seen: set[str] = set()
        for index, item_id in enumerate(ids_in_order):
            if item_id in seen:
                problems.append(
                    workspace.problem_at(relative, (list_key, index, "id"), f"duplicate id '{item_id}'")
                )
            seen.add(item_id)

    for index, element in enumerate(data.data_elements if data else []):
        for position, channel_id in enumerate(element.channels):
            expect("channel", channel_id, "inventory/data.yaml", "data_elements", index, "channels", position)
        for position, system_id in enumerate(element.systems):
            expect("system", system_id, "inventory/data.yaml", "data_elements", index, "systems", position)
        for position, vendor_id in enumerate(element.disclosed_to):
            expect(
                "vendor", vendor_id, "inventory/data.yaml", "data_elements", index, "disclosed_to", position
            )
    for index, channel in enumerate(channels.channels if channels else []):
        for position, notice_id in enumerate(channel.notices):
            expect("notice", notice_id, "inventory/channels.yaml", "channels", index, "notices", position)
    for index, system in enumerate(systems.systems if systems else []):
        if system.hosted_by is not None:
            expect("vendor", system.hosted_by, "inventory/systems.yaml", "systems", index, "hosted_by")
    return problems
