"""JSON: the observations exactly as `ccpa assess` receives them, plus a count per rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from ccpa_readiness.evidence.common.models import ScanResult


def to_json(result: ScanResult) -> dict[str, Any]:
    counts = Counter(o.kind for o in result.observations)
    return {
        "counts": dict(sorted(counts.items())),
        "observations": [o.model_dump() for o in result.observations],
        "problems": [asdict(p) for p in result.problems],
    }
