"""The labels this package detects and the CCPA keys each maps to (data in `labels.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ccpa_readiness.yamlfile import Loader

MODES = ("full", "patterns")


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """A label's CCPA category key, sensitive-PI kind key (or None), whether it is structured, and
    how many trailing characters its masked form keeps."""

    label: str
    category: str
    sensitive_kind: str | None
    structured: bool
    mask_tail: int


@cache
def label_table() -> dict[str, LabelInfo]:
    """Every label, in the order of `labels.yaml`."""
    text = resources.files(__package__).joinpath("labels.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=Loader)
    return {
        name: LabelInfo(
            name,
            entry["category"],
            entry["sensitive_kind"],
            bool(entry["structured"]),
            int(entry["mask_tail"]),
        )
        for name, entry in raw.items()
    }


def labels_for_mode(mode: str) -> frozenset[str]:
    """`full`: every label; `patterns`: the structured identifiers only."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: expected one of {', '.join(MODES)}")
    table = label_table()
    return frozenset(name for name, info in table.items() if mode == "full" or info.structured)
