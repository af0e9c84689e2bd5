"""The YAML writer behind the intake forms: what it does not change stays as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ccpa_readiness.workspace.template_files import TEMPLATE_DIR
from ccpa_readiness.workspace.writer import ABSENT, changes, merge_yaml

HAND_WRITTEN = """\
# Channels of Acme, kept by Operations (reviewed 2026-11)
channels:
- id: ivr
  name: Main line   # the 800 number
  kind: voice_ivr
  recorded: true
  languages: [en, es]   # Spanish since 2025

# the chat is run by the BPO
- id: chat
  name: Web chat
  kind: chat
  bot: yes
complete_lists: [channels]
"""


def _comments(text: str) -> list[str]:
    return [line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line]


def test_a_changed_value_keeps_every_comment_and_the_order() -> None:
    merged = merge_yaml(HAND_WRITTEN, {"channels": [{"id": "ivr", "recorded": False}, {"id": "chat"}]})
    assert _comments(merged) == _comments(HAND_WRITTEN)
    assert "  recorded: false\n" in merged
    assert merged.replace("recorded: false", "recorded: true") == HAND_WRITTEN  # nothing else moved


def test_items_are_matched_by_id_so_removing_one_keeps_the_others_comments() -> None:
    merged = merge_yaml(HAND_WRITTEN, {"channels": [{"id": "chat", "name": "Web chat"}]})
    assert "id: ivr" not in merged and "Spanish since 2025" not in merged
    assert "# Channels of Acme, kept by Operations (reviewed 2026-11)" in merged
    assert yaml.safe_load(merged)["channels"] == [
        {"id": "chat", "name": "Web chat", "kind": "chat", "bot": True}
    ]


def test_a_new_key_goes_where_the_model_order_puts_it_and_absent_removes_one() -> None:
    order = {"id": "ivr", "name": "Main line", "kind": "voice_ivr", "direction": "both", "recorded": ABSENT}
    merged = merge_yaml(HAND_WRITTEN, {"channels": [order, {"id": "chat"}]})
    first = yaml.safe_load(merged)["channels"][0]
    assert list(first) == ["id", "name", "kind", "direction", "languages"]


def test_values_the_loader_would_misread_are_quoted() -> None:
    merged = merge_yaml(None, {"vendors": [{"id": "v", "agents_location": "NO", "name": "2027-01-04"}]})
    vendor = yaml.safe_load(merged)["vendors"][0]
    assert vendor == {"id": "v", "agents_location": "NO", "name": "2027-01-04"}


def test_null_is_written_as_null_and_dates_as_dates() -> None:
    template = (TEMPLATE_DIR / "ccpa.yaml").read_text(encoding="utf-8")
    merged = merge_yaml(
        template, {"plan": {"start": dt.date(2027, 2, 1)}, "volumes": {"calls_per_year": None}}
    )
    assert "  calls_per_year: null                  # null = not known" in merged
    assert "  start: 2027-02-01\n" in merged
    assert _comments(merged) == _comments(template)
    assert yaml.safe_load(merged)["plan"]["start"] == dt.date(2027, 2, 1)


def test_the_template_round_trips_unchanged(tmp_path: Path) -> None:
    for path in sorted(TEMPLATE_DIR.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert merge_yaml(text, data) == text, path.name


def test_changes_name_each_field_from_what_to_what() -> None:
    before = yaml.safe_load(HAND_WRITTEN)
    after = yaml.safe_load(
        merge_yaml(HAND_WRITTEN, {"channels": [{"id": "ivr", "recorded": None}, {"id": "chat"}]})
    )
    assert changes(before, after) == [("channels.0.recorded", True, None)]
