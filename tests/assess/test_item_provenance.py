"""A list item's provenance is found through an index of ids, and points at the same line as before."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.loader import load_workspace
from tests.workspace_builder import SECURE_SYSTEM, compliant, write_workspace

SYSTEMS = "inventory/systems.yaml"


def _facts(tmp_path: Path, extra_systems: list[dict[str, object]]) -> tuple[Facts, list[dict[str, object]]]:
    """Facts of the compliant workspace with `extra_systems` appended, and the whole system list."""
    files = compliant()
    systems: list[dict[str, object]] = files[SYSTEMS]["systems"] + extra_systems
    files[SYSTEMS]["systems"] = systems
    return Facts(workspace=load_workspace(write_workspace(tmp_path, files))), systems


def test_every_item_points_at_its_own_entry(tmp_path: Path) -> None:
    facts, systems = _facts(
        tmp_path,
        [{**SECURE_SYSTEM, "id": f"sys-{i}", "name": f"System {i}", "kind": "crm"} for i in range(60)],
    )
    for index, system in enumerate(systems):
        provenance = facts.item(SYSTEMS, "systems", str(system["id"]), "mfa")
        expected = facts.workspace.line_of(SYSTEMS, "systems", index, "mfa")
        assert expected is not None
        assert provenance.location == str(expected)
    lines = {facts.item(SYSTEMS, "systems", str(system["id"])).location for system in systems}
    assert len(lines) == len(systems)


def test_an_unknown_id_or_list_points_at_the_file(tmp_path: Path) -> None:
    facts, systems = _facts(tmp_path, [])
    known = str(systems[0]["id"])
    whole_file = facts.declared(SYSTEMS)
    assert facts.item(SYSTEMS, "systems", "no-such-system", "mfa") == whole_file
    assert facts.item(SYSTEMS, "no_such_list", known) == whole_file
    assert facts.item("inventory/absent.yaml", "systems", known).location == ""
    assert facts.item(SYSTEMS, "systems", known) != whole_file
