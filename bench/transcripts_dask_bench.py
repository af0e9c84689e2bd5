"""`ccpa scan transcripts` in-process against `--workers 2` (a local Dask cluster), as whole
processes side by side on the same generated corpus, at several sizes.

Run: .venv/bin/python bench/transcripts_dask_bench.py [--sizes 20 100 300] [--runs 1] [--mode full]

The corpus is synthetic (tests/transcripts/corpus.py: JSONL, CSV, gzip, text, WebVTT, SRT, AWS
Transcribe, Contact Lens), generated under a temporary folder. For each size and run the two
commands run one after the other (interleaved), each writing `--format spans`; the bench prints
wall-clock and CPU seconds (the whole process tree: user + system of every process, from
`getrusage(RUSAGE_CHILDREN)`), the coordinator's own CPU, the speedup, the peak resident memory of
every process of the tree (psutil, sampled every 0.1 s), and whether the spans are identical.
The machine may be shared: the load average is printed, and CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.transcripts.corpus import write_corpus  # noqa: E402

CCPA = Path(sys.executable).with_name("ccpa")
MB = 1_000_000
MIB = 1 << 20


@dataclass
class Run:
    wall: float = 0.0
    cpu: float = 0.0
    coordinator_cpu: float = 0.0
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (role, peak RSS)
    cpus: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds when last seen

    def peak_of(self, role: str) -> int:
        return max((rss for r, rss in self.peaks.values() if r == role), default=0)


def _role(process: psutil.Process, root: int) -> str:
    if process.pid == root:
        return "coordinator"
    command = " ".join(process.cmdline())
    return "helper" if "resource_tracker" in command else "worker"


def _sample(process: subprocess.Popen[bytes], run: Run, stop: threading.Event) -> None:
    """Peak RSS of every process of the tree, and the coordinator's CPU, until `stop`."""
    root = psutil.Process(process.pid)
    while not stop.is_set():
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for member in tree:
            try:
                rss = member.memory_info().rss
                role = run.peaks.get(member.pid, (_role(member, root.pid), 0))[0]
                run.peaks[member.pid] = (role, max(rss, run.peaks.get(member.pid, (role, 0))[1]))
                times = member.cpu_times()
                run.cpus[member.pid] = times.user + times.system
                if member.pid == root.pid:
                    run.coordinator_cpu = run.cpus[member.pid]
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        stop.wait(0.1)


def measure(command: list[str]) -> Run:
    run = Run()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(process, run, stop))
    sampler.start()
    _, stderr = process.communicate()
    run.wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 300], help="corpus sizes in MB")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", default="full", choices=["full", "patterns"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="ccpa-dask-bench-") as scratch:
        for size in args.sizes:
            corpus = write_corpus(Path(scratch) / f"corpus-{size}", size * MB, seed=size)
            actual = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
            _bench(corpus, actual, Path(scratch), args)
            for path in sorted(corpus.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


def _bench(corpus: Path, actual: int, scratch: Path, args: argparse.Namespace) -> None:
    variants = {"in-process": [], f"--workers {args.workers}": ["--workers", str(args.workers)]}
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    identical = True
    for index in range(args.runs):
        outputs = []
        for name, extra in variants.items():
            out = scratch / f"{name.strip('-').replace(' ', '')}-{index}.spans.jsonl"
            command = [str(CCPA), "scan", "transcripts", str(corpus), "--mode", args.mode]
            runs[name].append(measure([*command, "--format", "spans", "--out", str(out), *extra]))
            outputs.append(out)
        identical &= filecmp.cmp(outputs[0], outputs[1], shallow=False)
        for out in outputs:
            out.unlink()
    print(f"\n{actual / MB:.0f} MB of transcripts ({args.mode} mode), median of {args.runs} run(s):")
    medians = {}
    busiest: dict[str, float] = {}
    for name, samples in runs.items():
        wall = statistics.median(r.wall for r in samples)
        cpu = statistics.median(r.cpu for r in samples)
        coordinator = statistics.median(r.coordinator_cpu for r in samples)
        medians[name] = (wall, cpu)
        last = samples[-1]
        workers = sorted((rss for role, rss in last.peaks.values() if role == "worker"), reverse=True)
        peaks = f"coordinator {last.peak_of('coordinator') / MIB:.0f} MiB"
        if workers:
            peaks += ", workers " + ", ".join(f"{rss / MIB:.0f}" for rss in workers) + " MiB"
        worker_cpu = sorted(
            (last.cpus.get(pid, 0.0) for pid, (role, _) in last.peaks.items() if role == "worker")
        )
        busiest[name] = worker_cpu[-1] if worker_cpu else coordinator
        if worker_cpu:
            peaks += "; workers' CPU " + ", ".join(f"{c:.1f}" for c in reversed(worker_cpu)) + " s"
        print(
            f"  {name:12s} wall {wall:7.1f} s  CPU {cpu:7.1f} s (coordinator {coordinator:6.1f} s)  "
            f"{actual / MB / wall:5.2f} MB/s  peak RSS: {peaks}"
        )
    (wall_in, cpu_in), (wall_dask, cpu_dask) = medians.values()
    print(
        f"  speedup {wall_in / wall_dask:.2f}x wall (target >= 1.8x at 300 MB), "
        f"CPU {cpu_dask / cpu_in:.2f}x of in-process; spans identical: {'yes' if identical else 'NO'}"
    )
    bound = busiest["in-process"] / max(busiest[f"--workers {args.workers}"], 1e-9)
    print(
        f"  CPU of the busiest process: {bound:.2f}x less with workers (the wall-clock speedup on "
        "free cores; where the machine shares CPU per session, as Linux autogroup does, the "
        "workers share one session's time and the wall-clock speedup cannot show)"
    )


if __name__ == "__main__":
    main()
