"""SARIF 2.1.0: one run, a rule per flow rule, a result per finding with the node as logical location."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ccpa_readiness.evidence.common.models import Observation, ScanResult
from ccpa_readiness.evidence.flows.scan import ANALYSED
from ccpa_readiness.evidence.flows.tables import rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "ccpa flows check"


def _tool_version() -> str:
    try:
        return version("ccpa-readiness")
    except PackageNotFoundError:
        return "0"


def artifact_uri(source: str) -> str:
    """A relative path as it is (code scanning resolves it from the checkout), else a file URI."""
    path = Path(source)
    return path.as_uri() if path.is_absolute() else path.as_posix()


@cache
def _text(source: str) -> str:
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def node_line(source: str, node_id: str) -> int | None:
    """The line that declares the node (its Identifier, id or name), so annotations land on it."""
    text = _text(source)
    quoted = re.escape(json.dumps(node_id))
    declared = re.search(rf'"(?:Identifier|id|name)"\s*:\s*{quoted}', text)
    found = declared or re.search(quoted, text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _rule_descriptors() -> list[dict[str, Any]]:
    return [
        {
            "id": rule_id,
            "name": rule_id.title().replace("-", ""),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.help},
            "help": {"text": f"{rule.help} Citation: {rule.citation}." if rule.citation else rule.help},
            "defaultConfiguration": {"level": rule.severity},
            "properties": {"citation": rule.citation, "requirements": list(rule.requirements)},
        }
        for rule_id, rule in rules().items()
    ]


def _result(observation: Observation, rule_index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(observation.source)}},
    }
    line = node_line(observation.source, observation.location) if observation.location else None
    if line is not None:
        location["physicalLocation"]["region"] = {"startLine": line}
    if observation.location:
        location["logicalLocations"] = [
            {
                "name": observation.location,
                "fullyQualifiedName": f"{observation.subject}/{observation.location}",
            }
        ]
    return {
        "ruleId": observation.kind,
        "ruleIndex": rule_index[observation.kind],
        "level": observation.attributes["severity"],
        "message": {"text": str(observation.attributes["message"])},
        "locations": [location],
        "partialFingerprints": {
            "flowNode/v1": f"{observation.subject}/{observation.location}/{observation.kind}"
        },
        "properties": {
            "flow": observation.subject,
            "format": observation.attributes.get("format", ""),
            "path": observation.attributes.get("path", []),
            "snippet": observation.snippet,
        },
    }


def to_sarif(result: ScanResult) -> dict[str, Any]:
    descriptors = _rule_descriptors()
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": _tool_version(),
                        "rules": descriptors,
                    }
                },
                "results": [_result(o, rule_index) for o in result.observations if o.kind != ANALYSED],
                "properties": {"flowsAnalysed": sum(o.kind == ANALYSED for o in result.observations)},
            }
        ],
    }
