"""`ccpa scan transcripts` in-process against `--workers 2` (a local Dask cluster), as whole
processes side by side on the same generated corpus, at several sizes, in each mode.

Run: .venv/bin/python bench/transcripts_dask_bench.py [--sizes 20 100 300] [--runs 1]
     [--mode patterns full] [--workers 2]

The corpus is synthetic (tests/transcripts/corpus.py: JSONL, CSV, gzip, text, WebVTT, SRT, AWS
Transcribe, Contact Lens), generated under a temporary folder. For each size, mode and run the two
commands run one after the other (interleaved), each writing `--format spans`; the bench prints
wall-clock and CPU seconds (the whole process tree: user + system of every process, from
`getrusage(RUSAGE_CHILDREN)`), the coordinator's own CPU, the CPU per MB of the workers against the
scan in process, the speedup (the issue's target: >= 1.8x at 300 MB), the peak resident memory of
every process of the tree (psutil, sampled every 0.1 s; the issue's bound: none over 300 MiB), and
whether the spans are identical. Two figures say what the machine allows:

- the parallel ceiling: the same in-process scan of a small corpus run alone, then as N copies at
  once; N x (time alone) / (time of the N together) is the most any N-process speedup can reach
  here (below N when the cores share a physical core or the machine is busy);
- the fixed cost of a cluster: `--workers N` against in process on a corpus of a few files
  (start-up of N worker processes and their imports, and closing them).

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
MEMORY_BOUND = 300 * MIB
CEILING_MB = 4  # the corpus of the parallel ceiling and of the fixed cost


@dataclass
class Run:
    wall: float = 0.0
    cpu: float = 0.0
    coordinator_cpu: float = 0.0
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (role, peak RSS)
    cpus: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds when last seen

    def peak_of(self, role: str) -> int:
        return max((rss for r, rss in self.peaks.values() if r == role), default=0)

    def of_role(self, role: str) -> list[int]:
        return [pid for pid, (r, _) in self.peaks.items() if r == role]


def _role(process: psutil.Process, root: int) -> str:
    """The coordinator (the command), its helpers (multiprocessing's resource tracker and the fork
    server, whose command line the workers forked from it share) or a worker."""
    if process.pid == root:
        return "coordinator"
    command = " ".join(process.cmdline())
    helper = "resource_tracker" in command or "forkserver" in command
    return "helper" if helper and process.ppid() == root else "worker"


def _sample(process: subprocess.Popen[bytes], run: Run, stop: threading.Event) -> None:
    """Peak RSS and CPU of every process of the tree, until `stop`."""
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


def _scan(corpus: Path, mode: str, out: Path, *extra: str) -> list[str]:
    command = [str(CCPA), "scan", "transcripts", str(corpus), "--mode", mode]
    return [*command, "--format", "spans", "--out", str(out), *extra]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 300], help="corpus sizes in MB")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mode", nargs="+", default=["patterns", "full"], choices=["full", "patterns"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ccpa-dask-bench-") as scratch_name:
        scratch = Path(scratch_name)
        small = write_corpus(scratch / "small", CEILING_MB * MB, seed=3)
        for mode in args.mode:
            _machine(small, mode, scratch, args.workers)
        for size in args.sizes:
            corpus = write_corpus(scratch / f"corpus-{size}", size * MB, seed=size)
            actual = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
            for mode in args.mode:
                summary.append(_bench(corpus, actual, mode, scratch, args))
            for path in sorted(corpus.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    print("\nThe issue's figures (speedup at --workers 2 vs in process, peak memory, coordinator CPU):")
    for line in summary:
        print("  " + line)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


def _machine(corpus: Path, mode: str, scratch: Path, workers: int) -> None:
    """The parallel ceiling (N copies of one in-process scan at once) and the fixed cost of a cluster."""
    alone = measure(_scan(corpus, mode, scratch / "alone.jsonl"))
    start = time.perf_counter()
    copies = [
        subprocess.Popen(_scan(corpus, mode, scratch / f"copy{n}.jsonl"), stdout=subprocess.DEVNULL)
        for n in range(workers)
    ]
    for copy in copies:
        copy.wait()
    together = time.perf_counter() - start
    cluster = measure(_scan(corpus, mode, scratch / "cluster.jsonl", "--workers", str(workers)))
    ceiling = workers * alone.wall / together
    print(
        f"\n{mode} mode, {CEILING_MB} MB: parallel ceiling of this machine {ceiling:.2f}x "
        f"({workers} in-process scans at once took {together:.1f} s, one alone {alone.wall:.1f} s); "
        f"fixed cost of --workers {workers}: +{cluster.wall - alone.wall:.1f} s wall, "
        f"+{cluster.cpu - alone.cpu:.1f} s CPU (cluster start-up, worker imports, closing)"
    )


def _bench(corpus: Path, actual: int, mode: str, scratch: Path, args: argparse.Namespace) -> str:
    dask = f"--workers {args.workers}"
    variants: dict[str, list[str]] = {"in-process": [], dask: ["--workers", str(args.workers)]}
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    identical = True
    for index in range(args.runs):
        outputs = []
        for name, extra in variants.items():
            out = scratch / f"{name.strip('-').replace(' ', '')}-{index}.spans.jsonl"
            runs[name].append(measure(_scan(corpus, mode, out, *extra)))
            outputs.append(out)
        identical &= filecmp.cmp(outputs[0], outputs[1], shallow=False)
        for out in outputs:
            out.unlink()
    megabytes = actual / MB
    print(f"\n{megabytes:.0f} MB of transcripts ({mode} mode), median of {args.runs} run(s):")
    medians: dict[str, tuple[float, float, float]] = {}
    for name, samples in runs.items():
        wall = statistics.median(r.wall for r in samples)
        cpu = statistics.median(r.cpu for r in samples)
        coordinator = statistics.median(r.coordinator_cpu for r in samples)
        medians[name] = (wall, cpu, coordinator)
        last = samples[-1]
        workers = sorted((last.peaks[pid][1] for pid in last.of_role("worker")), reverse=True)
        peaks = f"coordinator {last.peak_of('coordinator') / MIB:.0f} MiB"
        if workers:
            peaks += ", workers " + ", ".join(f"{rss / MIB:.0f}" for rss in workers) + " MiB"
            worker_cpu = sorted((last.cpus.get(pid, 0.0) for pid in last.of_role("worker")), reverse=True)
            peaks += "; workers' CPU " + ", ".join(f"{c:.1f}" for c in worker_cpu) + " s"
        print(
            f"  {name:12s} wall {wall:7.1f} s  CPU {cpu:7.1f} s (coordinator {coordinator:6.1f} s)  "
            f"{megabytes / wall:5.2f} MB/s  peak RSS: {peaks}"
        )
    (wall_in, cpu_in, _), (wall_dask, cpu_dask, coordinator_dask) = medians.values()
    last = runs[dask][-1]
    worker_cpu = sum(last.cpus.get(pid, 0.0) for pid in last.of_role("worker"))
    highest = max(rss for _, rss in last.peaks.values())
    print(
        f"  speedup {wall_in / wall_dask:.2f}x wall; CPU {cpu_dask / cpu_in:.2f}x of in-process; "
        f"CPU per MB: in process {cpu_in / megabytes:.3f} s, on the workers {worker_cpu / megabytes:.3f} s; "
        f"spans identical: {'yes' if identical else 'NO'}"
    )
    memory = "under" if highest <= MEMORY_BOUND else "OVER"
    return (
        f"{megabytes:4.0f} MB {mode:8s}: speedup {wall_in / wall_dask:.2f}x (target >= 1.8x at 300 MB); "
        f"highest process peak {highest / MIB:.0f} MiB ({memory} 300 MiB); coordinator CPU "
        f"{coordinator_dask:.1f} s of {cpu_dask:.1f} s; spans identical: {'yes' if identical else 'NO'}"
    )


if __name__ == "__main__":
    main()
