"""What the workspace tells each scanner: declared notice prompts, approved texts, practices.

Scanners know nothing of the workspace (DESIGN: they import only `evidence/common`), so the
commands and the pipeline translate declarations into each scanner's own input models here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.errors import Problem
from ccpa_readiness.workspace.loader import Workspace
from ccpa_readiness.workspace.models import (
    Channels,
    DataElement,
    DataInventory,
    Practices,
    System,
    Systems,
    Vendors,
)

DISCLOSURE_KINDS = ("recording_disclosure", "notice_at_collection")
SYSTEMS_FILE = "inventory/systems.yaml"

if TYPE_CHECKING:  # the scanners' packages are imported when used: they load heavy libraries
    from ccpa_readiness.evidence.datastores.models import DeclaredStore, StoreTarget
    from ccpa_readiness.evidence.documents.declared import DeclaredPractices


def notice_prompts(workspace: Workspace) -> list[str]:
    """IVR prompt ids and audio names declared to be notices (exports do not hold their words)."""
    practices = workspace.part("practices.yaml", Practices)
    return sorted(
        {prompt for notice in (practices.notices if practices else []) for prompt in notice.prompt_ids}
    )


def approved_disclosures(workspace: Workspace) -> list[tuple[str, str]]:
    """The approved wording (kind, text) of the recording disclosure and notice at collection, to
    match in transcripts on top of the recognition by meaning."""
    practices = workspace.part("practices.yaml", Practices)
    return sorted(
        {
            (str(n.kind), n.text)
            for n in (practices.notices if practices else [])
            if n.kind in DISCLOSURE_KINDS and n.text
        }
    )


def declared_practices(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> DeclaredPractices:
    """What notices must agree with: categories, recording, selling or sharing, vendors, languages."""
    from ccpa_readiness.evidence.documents.declared import DeclaredPractices

    data = workspace.part("data.yaml", DataInventory)
    channels_file = workspace.part("channels.yaml", Channels)
    vendors_file = workspace.part("vendors.yaml", Vendors)
    practices = workspace.part("practices.yaml", Practices)
    elements = data.data_elements if data else []
    channels = channels_file.channels if channels_file else []
    retention: dict[str, int] = {}
    for element in elements:
        if element.retention_days is not None:
            retention[element.category] = max(retention.get(element.category, 0), element.retention_days)
    categories = {e.category for e in elements}
    if any(e.sensitive_kind for e in elements):
        categories.add("sensitive_personal_information")
    declared_selling = practices is not None and bool(
        practices.sells_personal_information or practices.shares_personal_information
    )
    consumers = workspace.organization.organization.consumers_per_year or 0
    return DeclaredPractices(
        categories_collected=sorted(categories),
        records_calls=any(c.recorded for c in channels),
        sells_or_shares=declared_selling or any(e.sold_or_shared for e in elements),
        vendor_roles=sorted({v.role for v in (vendors_file.vendors if vendors_file else [])}),
        retention_days_by_category=retention,
        languages=sorted({language for c in channels for language in c.languages}),
        over_10m_consumers=consumers >= catalog.figure("large_volume_consumers").value,
        today=as_of,
    )


def declared_store(system: System, elements: list[DataElement]) -> DeclaredStore:
    """What the inventory says about `system`; retention is the system's, else the shortest of
    the data elements it stores."""
    from ccpa_readiness.evidence.datastores.models import DeclaredElement, DeclaredStore

    held = [e for e in elements if system.id in e.systems]
    element_retention = [e.retention_days for e in held if e.retention_days is not None]
    retention = system.retention_days
    if retention is None and element_retention:
        retention = min(element_retention)
    return DeclaredStore(
        system_id=system.id,
        system_name=system.name,
        encrypted=system.encryption_at_rest,
        retention_days=retention,
        cardholder_data=system.cardholder_data,
        hosted_by=system.hosted_by,
        elements=[
            DeclaredElement(
                category=e.category,
                sensitive_kind=e.sensitive_kind,
                purposes=e.purposes,
                vendors=e.disclosed_to,
                collection_points=e.channels,
            )
            for e in held
        ],
    )


def workspace_targets(
    workspace: Workspace, environ: Mapping[str, str] | None = None
) -> tuple[list[StoreTarget], list[Problem]]:
    """A target for each system whose `connection_env` variable is set; a problem for each unset."""
    from ccpa_readiness.evidence.datastores.models import StoreTarget

    env = os.environ if environ is None else environ
    systems = workspace.part("systems.yaml", Systems)
    inventory = workspace.part("data.yaml", DataInventory)
    elements = [] if inventory is None else inventory.data_elements
    targets: list[StoreTarget] = []
    problems: list[Problem] = []
    for index, system in enumerate([] if systems is None else systems.systems):
        if system.connection_env is None:
            continue
        url = env.get(system.connection_env, "")
        if not url:
            problems.append(
                workspace.problem_at(
                    SYSTEMS_FILE,
                    ("systems", index, "connection_env"),
                    f"environment variable {system.connection_env} is not set: "
                    f"store of {system.id} not scanned",
                )
            )
            continue
        targets.append(StoreTarget(url=url, declared=declared_store(system, elements)))
    return targets, problems
