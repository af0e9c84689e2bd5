"""The issue's targets on the real labelled dialogues (sgd_pii), scored by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ccpa_readiness.evidence.pii import detect


def test_sgd_targets(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "data/pii-bench/sgd_pii.jsonl"
    preds = tmp_path / "preds.jsonl"
    with corpus.open(encoding="utf-8") as source, preds.open("w", encoding="utf-8") as out:
        for line in source:
            doc = json.loads(line)
            spans = [{"start": d.start, "end": d.end, "label": d.label} for d in detect(doc["text"])]
            out.write(json.dumps({"id": doc["id"], "preds": spans}) + "\n")
    scorer = shared_dir / "tools/pii_score.py"
    done = subprocess.run(
        [sys.executable, str(scorer), str(corpus), str(preds), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["PHONE_NUMBER"]["f1"] >= 0.99
    assert result["PERSON"]["f1"] >= 0.80
    assert result["ADDRESS"]["f1"] >= 0.70
