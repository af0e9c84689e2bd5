"""What the workspace tells each scanner: declared notice prompts, approved texts, practices.

Scanners know nothing of the workspace (DESIGN: they import only `evidence/common`), so the
commands and the pipeline translate declarations into each scanner's own input models here.
"""

from __future__ import annotations

import datetime as dt

from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.evidence.documents.declared import DeclaredPractices
from ccpa_readiness.workspace.loader import Workspace
from ccpa_readiness.workspace.models import Channels, DataInventory, Practices, Vendors

DISCLOSURE_KINDS = ("recording_disclosure", "notice_at_collection")


def notice_prompts(workspace: Workspace) -> list[str]:
    """IVR prompt ids and audio names declared to be notices (exports do not hold their words)."""
    practices = workspace.part("practices.yaml", Practices)
    return sorted(
        {prompt for notice in (practices.notices if practices else []) for prompt in notice.prompt_ids}
    )


def approved_disclosures(workspace: Workspace) -> list[str]:
    """The approved wording of the recording disclosure and notice at collection, to match in transcripts."""
    practices = workspace.part("practices.yaml", Practices)
    return sorted(
        {n.text for n in (practices.notices if practices else []) if n.kind in DISCLOSURE_KINDS and n.text}
    )


def declared_practices(workspace: Workspace, catalog: Catalog, as_of: dt.date) -> DeclaredPractices:
    """What notices must agree with: categories, recording, selling or sharing, vendors, languages."""
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
