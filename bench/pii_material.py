#!/usr/bin/env python3
"""PII detectors on the hand-written material of tests/pii/material: dev half and held-out half.

The material was written before the detectors were tuned for issue 13; tuning looked at `dev`
only. Prints P/R/F1 per scored label (relaxed overlap) and, for ADDRESS and PERSON, the share of
gold spans a prediction covers wholly (what redaction needs), and whether any character of a gold
ADDRESS survives `--redact`-style masking.

usage: PYTHONPATH=src:. python bench/pii_material.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.pii.marked import SCORED, Case, load, score  # noqa: E402

from ccpa_readiness.evidence.pii import detect  # noqa: E402


def predict(text: str) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.label) for d in detect(text)]


def leaked(cases: list[Case]) -> int:
    """Gold addresses with a letter or digit that no detection of any label covers."""
    count = 0
    for case in cases:
        covered = [(d.start, d.end) for d in detect(case.text)]
        for start, end, label in case.gold:
            if label != "ADDRESS":
                continue
            if any(
                case.text[i].isalnum() and not any(s <= i < e for s, e in covered) for i in range(start, end)
            ):
                count += 1
    return count


def main() -> None:
    for half in ("dev", "heldout"):
        cases = load(half)
        table = score(cases, predict)
        print(f"\n## {half} ({len(cases)} cases)\n")
        print("| label | gold | pred | P | R | F1 | whole span |")
        print("|---|---|---|---|---|---|---|")
        for label in SCORED:
            row = table[label]
            print(
                f"| {label} | {row['gold']} | {row['pred']} | {row['precision']:.2f} | {row['recall']:.2f} "
                f"| {row['f1']:.2f} | {row['whole']:.2f} |"
            )
        gold_addresses = sum(label == "ADDRESS" for c in cases for _, _, label in c.gold)
        print(f"\naddresses with some part left unmasked: {leaked(cases)} of {gold_addresses}")


if __name__ == "__main__":
    main()
