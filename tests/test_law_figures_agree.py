"""A figure of law that a scanner keeps beside its data (scanners cannot read the catalog) must
agree with the catalog's figure."""

from __future__ import annotations

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.evidence.documents.definitions import check_vocabulary


def test_privacy_policy_refresh_limit_matches_the_catalog() -> None:
    figure = default_catalog().figure("privacy_policy_refresh_months")
    assert check_vocabulary().last_updated_max_months == figure.value
