"""Time the flow analyser over the 249 real exports in ../shared/data/flows.

Run: .venv/bin/python bench/flows_bench.py [FOLDER]   (target: under 5 seconds)
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from ccpa_readiness.evidence.flows import ANALYSED, scan_flows

REPO = Path(__file__).resolve().parents[1]
DEFAULT = Path(os.environ.get("CCPA_SHARED_DIR", REPO.parent / "shared")) / "data" / "flows"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        sys.exit(f"no flows folder at {folder}")
    started = time.perf_counter()
    scan = scan_flows([folder])
    elapsed = time.perf_counter() - started
    kinds = Counter(o.kind for o in scan.observations)
    files = len({o.source for o in scan.observations if o.kind in (ANALYSED, "FLOW-INVALID")})
    invalid = kinds["FLOW-INVALID"]
    print(f"{files} files: {kinds[ANALYSED]} flows read, {invalid} FLOW-INVALID, {elapsed:.2f} s")
    for kind, count in sorted(kinds.items()):
        if kind != ANALYSED:
            print(f"  {kind:<34} {count}")


if __name__ == "__main__":
    main()
