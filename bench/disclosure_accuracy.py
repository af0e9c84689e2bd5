#!/usr/bin/env python3
"""Recognition by meaning: accuracy on the paraphrase sets, and transcript throughput in full mode.

Accuracy: the dev and held-back halves of tests/language/paraphrases (written before tuning;
the held-back half was never tuned on), per disclosure kind, per flow-prompt question, per
policy element and per document kind. Throughput: `ccpa scan transcripts`'s per-document
function (PII detection in `full` mode plus both disclosure verdicts) over the dialogues of
`../shared/data/pii-bench/sgd_pii.jsonl`, in CPU seconds (the machine is shared: wall time is
noise), with the share spent recognising disclosures, beside Presidio's full engine as the
corpus README publishes it.

usage: python bench/disclosure_accuracy.py [--shared DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.language.scoring import Score, disclosure_scores, element_scores, prompt_scores  # noqa: E402

from ccpa_readiness.evidence.documents.definitions import element_catalog  # noqa: E402
from ccpa_readiness.evidence.transcripts.analysis import analyze  # noqa: E402
from ccpa_readiness.evidence.transcripts.disclosure import DisclosureMatcher  # noqa: E402
from ccpa_readiness.evidence.transcripts.models import Document, TurnBuilder  # noqa: E402

PRESIDIO_FULL_CHARS_PER_S = 18743  # ../shared/data/pii-bench/README.md (2 cores, one process)


class NoDisclosures:
    """A matcher that recognises nothing: the scan's cost without disclosure recognition."""

    def gives(self, kind: str, turn: str) -> bool:
        return False

    def may_give(self, text: str) -> bool:
        """No turn can give one, so none is read (as the scan's prefilter answers for most)."""
        return False


def accuracy() -> None:
    kinds = {e.id: e.kinds[0].value for e in element_catalog().elements}
    print(f"{'kind':38s} {'dev':>9s} {'held-out':>9s}")
    for name, scorer in (("disclosure", disclosure_scores), ("prompt", prompt_scores)):
        dev, held = scorer("dev"), scorer("heldout")
        for kind in dev:
            print(f"{name + ':' + kind:38s} {_cell(dev[kind]):>9s} {_cell(held[kind]):>9s}")
    dev, held = element_scores("dev"), element_scores("heldout")
    groups: dict[str, tuple[Score, Score]] = {}
    for element_id in dev:
        print(f"{'element:' + element_id:38s} {_cell(dev[element_id]):>9s} {_cell(held[element_id]):>9s}")
        group = groups.setdefault(kinds[element_id], (Score(), Score()))
        for total, part in zip(group, (dev[element_id], held[element_id]), strict=True):
            total.right += part.right
            total.wrong += part.wrong
    for kind, (d, h) in groups.items():
        print(f"{'elements of ' + kind:38s} {_cell(d):>9s} {_cell(h):>9s}  {h.accuracy:.1%} held-out")


def _cell(score: Score) -> str:
    return f"{score.right}/{score.total}"


def conversations(shared: Path) -> list[Document]:
    items = []
    for line in (shared / "data" / "pii-bench" / "sgd_pii.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        builder = TurnBuilder()
        for turn in record["text"].splitlines():
            speaker, _, text = turn.partition(": ")
            if text:
                builder.add(speaker, text)
        doc = builder.document(record["id"], "sgd_pii", 1, "jsonl", None)
        items.append(doc)
    return items


def throughput(shared: Path, repeat: int) -> None:
    items = conversations(shared)
    chars = sum(len(item.text) for item in items) * repeat
    timings = {}
    for name, matcher in (("full mode, disclosures by meaning", DisclosureMatcher.from_texts()),
                          ("full mode, no disclosure recognition", NoDisclosures())):  # fmt: skip
        start = time.process_time()
        for _ in range(repeat):
            for item in items:
                analyze(item, "full", matcher)  # type: ignore[arg-type]
        timings[name] = time.process_time() - start
    print(f"\n{len(items)} conversations x {repeat}, {chars:,} characters (CPU time, shared machine)")
    for name, seconds in timings.items():
        rate = chars / seconds
        print(f"{name:40s} {rate:10,.0f} chars/s  {rate / PRESIDIO_FULL_CHARS_PER_S:5.1f}x Presidio full")
    with_, without = timings.values()
    print(f"share of CPU time recognising disclosures: {(with_ - without) / with_:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    accuracy()
    throughput(args.shared, args.repeat)


if __name__ == "__main__":
    main()
