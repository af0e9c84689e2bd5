"""Labels map to keys the shared CCPA taxonomy defines; modes select labels."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ccpa_readiness.evidence.pii import label_table, labels_for_mode

TAXONOMY = Path(__file__).resolve().parents[2] / "src/ccpa_readiness/catalog/data/taxonomy.yaml"
LABELS = {
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "US_SSN", "CREDIT_CARD", "BANK_ACCOUNT",
    "ABA_ROUTING_NUMBER", "DRIVER_LICENSE", "US_PASSPORT", "US_ITIN", "DATE_OF_BIRTH", "IP_ADDRESS",
    "ACCOUNT_ID", "HEALTH",
}  # fmt: skip


def test_every_label_maps_to_taxonomy_keys() -> None:
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    categories = {entry["key"] for entry in taxonomy["categories"]}
    kinds = {entry["key"] for entry in taxonomy["sensitive_kinds"]}
    table = label_table()
    assert set(table) == LABELS
    for info in table.values():
        assert info.category in categories, info
        assert info.sensitive_kind is None or info.sensitive_kind in kinds, info


def test_sensitive_kinds_of_government_ids_and_cards() -> None:
    table = label_table()
    assert table["US_SSN"].sensitive_kind == "government_id"
    assert table["CREDIT_CARD"].sensitive_kind == "account_credentials"
    assert table["HEALTH"].sensitive_kind == "health"


def test_patterns_mode_leaves_out_free_text_labels() -> None:
    assert labels_for_mode("full") == LABELS
    assert {"PERSON", "ADDRESS", "HEALTH"}.isdisjoint(labels_for_mode("patterns"))
    assert "US_SSN" in labels_for_mode("patterns")
    with pytest.raises(ValueError, match="unknown mode"):
        labels_for_mode("fast")
