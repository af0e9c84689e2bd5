"""Call-flow analyser: reads IVR exports as graphs and finds missing notices and risky data handling.

`scan_flows` is what `ccpa assess` calls; `ccpa flows check` runs the same `analyse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.flows.scan import ANALYSED, analyse, observations

__all__ = ["ANALYSED", "scan_flows"]


def scan_flows(paths: list[Path], notice_prompts: Sequence[str] = ()) -> ScanResult:
    """Observations for every flow file under `paths`: one per rule result, one `FLOW-ANALYSED` per flow.

    `notice_prompts` are prompt ids, ARNs, audio names or node ids the workspace declares to be
    the notice (and recording disclosure) whose words the export does not hold.
    """
    return observations(analyse(paths, notice_prompts))
