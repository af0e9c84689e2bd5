"""The hand-written PII material (`material/*.txt`): cases with `[[LABEL:value]]` gold marks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MATERIAL = Path(__file__).parent / "material"
SCORED = ("PERSON", "ADDRESS", "PHONE_NUMBER", "US_SSN", "BANK_ACCOUNT")
_MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    gold: tuple[tuple[int, int, str], ...]


def load(half: str) -> list[Case]:
    """The cases of `dev` or `heldout`."""
    cases = []
    for line in (MATERIAL / f"{half}.txt").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        case_id, marked = line.split("\t", 1)
        marked = marked.replace("\\n", "\n")
        text, gold, cursor = [], [], 0
        length = 0
        for match in _MARK.finditer(marked):
            before = marked[cursor : match.start()]
            text.append(before)
            length += len(before)
            value = match.group(2)
            gold.append((length, length + len(value), match.group(1)))
            text.append(value)
            length += len(value)
            cursor = match.end()
        text.append(marked[cursor:])
        cases.append(Case(case_id, "".join(text), tuple(gold)))
    return cases


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(cases: list[Case], predict: object) -> dict[str, dict[str, float]]:
    """Per scored label: gold, pred, tp (relaxed overlap, as pii_score.py), P, R, F1, and for
    ADDRESS and PERSON `whole`: the share of gold spans a prediction of the label covers wholly."""
    assert callable(predict)
    table: dict[str, dict[str, float]] = {}
    for label in SCORED:
        gold_n = pred_n = tp_gold = tp_pred = whole = 0
        for case in cases:
            golds = [(s, e) for s, e, lab in case.gold if lab == label]
            preds = [(s, e) for s, e, lab in predict(case.text) if lab == label]
            gold_n += len(golds)
            pred_n += len(preds)
            tp_gold += sum(any(overlaps(g, p) for p in preds) for g in golds)
            tp_pred += sum(any(overlaps(g, p) for g in golds) for p in preds)
            whole += sum(any(p[0] <= g[0] and g[1] <= p[1] for p in preds) for g in golds)
        precision = tp_pred / pred_n if pred_n else 1.0
        recall = tp_gold / gold_n if gold_n else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {
            "gold": gold_n,
            "pred": pred_n,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "whole": whole / gold_n if gold_n else 1.0,
        }
    return table
