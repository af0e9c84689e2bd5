"""Time `ccpa assess` stages on generated workspaces at 1x, 2x, 4x, 8x of 50 channels, 500 data
elements, 200 systems, and print the time per item (channel + data element + system) at each scale:
assess is linear when that figure stays flat.

Run: .venv/bin/python bench/assess_bench.py [--scales 1,2,4,8 --repeat 3 --findings-dir DIR]
Times are CPU seconds of this process (time.process_time), best of --repeat, so that a loaded
machine disturbs them less than wall-clock time; `--findings-dir` keeps each scale's findings.json
(to check that a change leaves the findings byte-identical).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.workspace_builder import ALL_CLAUSES, SECURE_SYSTEM, compliant, write_workspace  # noqa: E402

from ccpa_readiness.pipeline import run_assessment  # noqa: E402
from ccpa_readiness.reports.findings_json import write_findings_json  # noqa: E402
from ccpa_readiness.reports.html_report import render_report  # noqa: E402

KINDS = ["voice_ivr", "agent_voice", "chat", "email", "sms", "social"]
CATEGORIES = ["identifiers", "customer_records", "commercial_information", "sensory_data", "inferences"]


def large_workspace(channels: int, elements: int, systems: int, seed: int = 7) -> dict[str, Any]:
    """The compliant baseline scaled up, with one in five items broken at random."""
    rng = random.Random(seed)
    files = compliant()
    notice_ids = [n["id"] for n in files["inventory/practices.yaml"]["notices"]]
    files["inventory/channels.yaml"]["channels"] = [
        {
            "id": f"ch-{i}",
            "name": f"Channel {i}",
            "kind": KINDS[i % len(KINDS)],
            "recorded": rng.random() < 0.7,
            "analytics": rng.random() < 0.4,
            "languages": ["en", "es"] if i % 3 else ["en"],
            "notices": rng.sample(notice_ids, 3),
            "decline_recording_option": rng.random() < 0.8,
        }
        for i in range(channels)
    ]
    files["inventory/systems.yaml"]["systems"] = [
        {**SECURE_SYSTEM, "id": f"sys-{i}", "name": f"System {i}", "kind": "crm", "mfa": rng.random() < 0.8}
        for i in range(systems)
    ]
    files["inventory/vendors.yaml"]["vendors"] += [
        {
            "id": f"v-{i}",
            "name": f"Vendor {i}",
            "role": "service_provider",
            "contract_clauses": ALL_CLAUSES[: rng.randint(3, 10)],
        }
        for i in range(40)
    ]
    files["inventory/data.yaml"]["data_elements"] = [
        {
            "id": f"el-{i}",
            "name": f"Element {i}",
            "category": rng.choice(CATEGORIES),
            "channels": [f"ch-{rng.randrange(channels)}" for _ in range(3)],
            "purposes": ["service"] if rng.random() < 0.9 else [],
            "systems": [f"sys-{rng.randrange(systems)}" for _ in range(2)],
            "sources": ["consumer"],
            "disclosed_to": [f"v-{rng.randrange(40)}"],
        }
        for i in range(elements)
    ]
    return files


def measure(channels: int, elements: int, systems: int, repeat: int, keep: Path | None) -> None:
    """Print one scale's CPU times: load + facts + assess, then findings.json + report.html."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_workspace(Path(folder), large_workspace(channels, elements, systems))
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        timings = []
        for _ in range(repeat):
            start = time.process_time()
            run = run_assessment(root, dt.date(2026, 11, 29))
            assessed = time.process_time()
            out = root / "out"
            out.mkdir(exist_ok=True)
            written = write_findings_json(run.assessment, out)
            (out / "report.html").write_text(render_report(run.assessment), encoding="utf-8")
            timings.append((assessed - start, time.process_time() - assessed))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"findings-{channels}-{elements}-{systems}.json").write_bytes(written.read_bytes())
    best_assess = min(t[0] for t in timings)
    best_report = min(t[1] for t in timings)
    items = channels + elements + systems
    print(
        f"{channels:5d} ch {elements:5d} el {systems:5d} sys ({size / 1024:5.0f} KiB YAML): "
        f"assess {best_assess:7.3f} s = {best_assess / items * 1000:6.3f} ms/item; "
        f"findings.json + report.html {best_report:6.3f} s; {len(run.assessment.findings)} findings"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--elements", type=int, default=500)
    parser.add_argument("--systems", type=int, default=200)
    parser.add_argument("--scales", default="1,2,4,8", help="multiples of the 1x workspace")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--findings-dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:  # warm-up: imports and the catalog load once
        run_assessment(write_workspace(Path(folder), large_workspace(5, 50, 20)), dt.date(2026, 11, 29))
    print("CPU seconds, best of", args.repeat, "(the machine may be loaded; CPU time is steadier)")
    for scale in (int(s) for s in args.scales.split(",")):
        measure(
            args.channels * scale, args.elements * scale, args.systems * scale, args.repeat, args.findings_dir
        )


if __name__ == "__main__":
    main()
