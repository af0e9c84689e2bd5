#!/usr/bin/env python3
"""Patterns mode as a command beside one raw RE2 set of the same patterns, in the same run.

Builds a JSONL corpus of `--mb` megabytes from the real dialogues of `../shared/data/pii-bench/
sgd_pii.jsonl` (records repeated under new ids), and a second one whose every copy has its digits
permuted (a permutation drawn per record), so that phone numbers, cards and ids are new values as
in a real corpus and no cache keyed by a value can flatter the figure; then measures on each:

- `ccpa scan transcripts CORPUS --mode patterns --format spans` as a child process (start-up,
  reading, detection, writing): MB per CPU second of the child; `--format summary` (the
  command's default) and `--format json` the same way, whose outputs count or hold each
  conversation's disclosure verdicts (the spans output shows none, so its scan assesses no
  conversation);
- `--mode full` the same way on the repeated corpus, for reference (`--full`);
- one google-re2 set of exactly the patterns patterns mode compiles (`Analyzer("patterns")`),
  matched over every document of the same corpus in this process: the engine's own speed;
- detection alone in a fresh process: `Analyzer("patterns").analyze` over every document (the
  analyzer's one-time costs, such as loading phone metadata, included; no reading, no output);
- matching alone the same way: the analyzer's `PatternSet.scan`, every match of every pattern
  with its position, before any check (phone plan, checksum, context, overlaps): what the patterns
  cost beside the RE2 set that only says which of them match.

CPU seconds are the figure to read on a shared machine (wall time is printed too). The child
processes load the project's modules from byte code, as an installed package does (a cache under
the bench's temporary folder, filled by a first run that is not counted), whatever
`PYTHONDONTWRITEBYTECODE` says: compiling the sources at every start is no cost of the command.

usage: python bench/patterns_bench.py [--mb 20] [--shared DIR] [--repeat 3] [--full]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import re2

from ccpa_readiness.evidence.pii.analyzer import Analyzer
from child_processes import child_environment

REPO = Path(__file__).resolve().parents[1]
CCPA = Path(sys.executable).with_name("ccpa")
DIGITS = "0123456789"


def build_corpus(source: Path, target: Path, megabytes: float, unique: bool = False) -> list[str]:
    """`target` of at least `megabytes` MB of records from `source`; returns the texts. `unique`:
    every copy after the first has its digits permuted (values new, shapes kept)."""
    records = [json.loads(line) for line in source.open(encoding="utf-8")]
    texts: list[str] = []
    size, copy = 0, 0
    rng = random.Random(5)
    with target.open("w", encoding="utf-8") as handle:
        while size < megabytes * 1e6:
            for record in records:
                text = record["text"]
                if unique and copy:
                    text = text.translate(str.maketrans(DIGITS, "".join(rng.sample(DIGITS, len(DIGITS)))))
                line = json.dumps({"id": f"{record['id']}-{copy}", "text": text}) + "\n"
                handle.write(line)
                texts.append(text)
                size += len(line.encode("utf-8"))
            copy += 1
    return texts


def command(
    corpus: Path, mode: str, out: Path, environment: dict[str, str], output: str = "spans"
) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one `ccpa scan transcripts` child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    arguments = ["scan", "transcripts", str(corpus), "--mode", mode, "--format", output, "--out", str(out)]
    subprocess.run([str(CCPA), *arguments], check=True, capture_output=True, env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def raw_set(texts: list[str]) -> float:
    """CPU seconds of one RE2 set of patterns mode's patterns over every document (UTF-8 bytes)."""
    options = re2.Options()
    options.max_mem = 64 << 20
    patterns = re2.Set.SearchSet(options)
    for pattern in Analyzer("patterns").patterns.patterns:
        patterns.Add(pattern.encode("utf-8"))
    patterns.Compile()
    data = [text.encode("utf-8") for text in texts]
    start = time.process_time()
    for item in data:
        patterns.Match(item)
    return time.process_time() - start


def in_fresh_process(corpus: Path, environment: dict[str, str], call: str) -> float:
    """CPU seconds of `analyzer.CALL(text)` (`Analyzer("patterns")`) over every document, in a
    fresh process: `analyze` (detection) or `patterns.scan` (matching)."""
    code = (
        "import json, sys, time\n"
        "from ccpa_readiness.evidence.pii.analyzer import Analyzer\n"
        "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8')]\n"
        "analyzer = Analyzer('patterns')\n"
        f"call = analyzer.{call}\n"
        "start = time.process_time()\n"
        "for text in texts:\n"
        "    call(text)\n"
        "print(time.process_time() - start)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best CPU time counts")
    parser.add_argument("--full", action="store_true", help="also `--mode full` on the repeated corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ccpa-patterns-bench-") as work:
        measure(args, Path(work))


def measure(args: argparse.Namespace, work: Path) -> None:
    """Prints every figure; the corpora and the outputs are written under `work`."""
    source = args.shared / "data" / "pii-bench" / "sgd_pii.jsonl"
    environment = child_environment(work)
    for mode in ("patterns", "full") if args.full else ("patterns",):  # fills the byte-code cache
        command(source, mode, work / "warm-up.spans.jsonl", environment)
    for name, unique in (("repeated", False), ("unique values", True)):
        corpus = work / f"corpus-{'unique' if unique else 'repeated'}.jsonl"
        texts = build_corpus(source, corpus, args.mb, unique)
        megabytes = corpus.stat().st_size / 1e6
        text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        size = f"{megabytes:.1f} MB of JSONL ({text_mb:.1f} MB of text, {len(texts):,} documents)"
        print(f"\ncorpus, {name}: {size}")
        engine = min(raw_set(texts) for _ in range(args.repeat))
        engine_rate = text_mb / engine
        print(f"one RE2 set, same patterns, in process: {engine_rate:8.1f} MB of text per CPU s")
        for label, call in (
            ("matching alone (PatternSet.scan)", "patterns.scan"),
            ("detection alone (Analyzer.analyze)", "analyze"),
        ):
            cpu = min(in_fresh_process(corpus, environment, call) for _ in range(args.repeat))
            print(
                f"{label:<38}: {text_mb / cpu:8.1f} MB of text per CPU s "
                f"({cpu:.2f} CPU s); the RE2 set is {engine_rate * cpu / text_mb:.1f}x faster"
            )
        runs = [("patterns", output) for output in ("spans", "summary", "json")]
        runs += [("full", "spans")] * (not unique and args.full)
        for mode, output in runs:
            out = work / f"{mode}.{output}"
            cpu, wall = min(command(corpus, mode, out, environment, output) for _ in range(args.repeat))
            rate = megabytes / cpu
            print(
                f"ccpa scan transcripts --mode {mode:<8} --format {output:<7}: {rate:8.1f} MB per CPU s "
                f"({cpu:.2f} CPU s, {wall:.2f} s wall); the RE2 set is {engine_rate / rate:.1f}x faster"
            )


if __name__ == "__main__":
    main()
