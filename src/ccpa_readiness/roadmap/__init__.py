"""The roadmap: remediation tasks from the findings, a schedule within the team's capacity and
deadline (OR-Tools CP-SAT), a budget, and the draft documents the tasks call for."""

from ccpa_readiness.roadmap.models import Roadmap
from ccpa_readiness.roadmap.plan import build_roadmap

__all__ = ["Roadmap", "build_roadmap"]
