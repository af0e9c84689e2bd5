"""`ccpa scan transcripts` in-process against `--workers 2` (a local Dask cluster), as whole
processes side by side on the same generated corpus, at several sizes, in each mode.

Run: .venv/bin/python bench/transcripts_dask_bench.py [--sizes 20 100 300] [--runs 1]
     [--mode patterns full] [--workers 2] [--ceiling-mb 8]

The corpus is synthetic (tests/transcripts/corpus.py: JSONL, CSV, gzip, text, WebVTT, SRT, AWS
Transcribe, Contact Lens), generated under a temporary folder. For each size and mode, `--runs`
rounds, each: the command in process, then with `--workers N`, each writing `--format spans`,
then N in-process scans of the corpus at once (the round's ceiling, below); the bench prints
wall-clock and CPU seconds (the whole process tree: user + system of every process, from
`getrusage(RUSAGE_CHILDREN)`), the coordinator's own CPU, the CPU per MB of the workers against the
scan in process, the speedup (the issue's target: >= 1.8x at 300 MB), each round's and their median
(the host's speed drifts from minute to minute, so each speedup is read against the ceiling of its
own round), the peak resident memory of every process of the tree (psutil, sampled every 0.1 s;
the issue's bound: none over 300 MiB), and whether the spans are identical. Where the workers'
wall time goes is split three ways, for each worker process (its CPU time, and its threads'
run-queue time from `/proc/PID/task/TID/schedstat`):
on a CPU, runnable but waiting for one (this machine's other processes), and asleep (waiting for
a partition, for the coordinator or for I/O); beside it the whole machine's idle time and steal
time over the run (`/proc/stat`: CPU time the host gave to other guests while this VM wanted it).
Two figures say what the machine allows:

- the parallel ceiling: one command run alone, then as N copies at once; N x (time alone) / (time
  of the N together) is the most any N-process speedup can reach here (below N when the cores
  share a physical core or caches, or the machine is busy), and the CPU seconds of a copy beside
  the others over those alone say whether the copies slow each other down where CPU time counts
  it. Measured for a pure Python loop, a C loop (sha256 of a buffer in cache) and the in-process
  scan of a small corpus (the scan's figure is the one printed beside the speedup);
- the same ceiling at each size of the bench, in each round: N in-process scans of the whole
  corpus at once against the round's in-process run (long runs side by side can slow each other
  more than short ones), with the CPU per MB of each scan beside the workers' (when the workers
  need more CPU per MB than in process, whether plain processes side by side need it too);
- the fixed cost of a cluster: `--workers N` against in process on a corpus of a few files
  (start-up of N worker processes and their imports, and closing them).

The machine may be shared: the load average is printed, and CPU time is the steadier figure. The
commands run with the project's byte code cached, as an installed package runs (`child_processes.py`),
after one uncounted run of each kind that fills the cache.
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

from child_processes import child_environment  # noqa: E402

CCPA = Path(sys.executable).with_name("ccpa")
MB = 1_000_000
MIB = 1 << 20
MEMORY_BOUND = 300 * MIB
CEILING_MB = 8  # by default, the corpus of the parallel ceiling and of the fixed cost


@dataclass(frozen=True)
class Waits:
    """A process's seconds since it started: `lifetime`, `on_cpu`, `queued` (runnable, waiting for a
    CPU); the rest it was asleep."""

    lifetime: float
    on_cpu: float
    queued: float

    @property
    def asleep(self) -> float:
        return max(0.0, self.lifetime - self.on_cpu - self.queued)


def _waits(member: psutil.Process) -> Waits | None:
    """The process's time since it started: on a CPU, its threads' CPU seconds (`cpu_times`: those
    of threads that have ended too; a Dask worker's executor replaces an idle thread); waiting for
    a CPU, the run-queue time of its live threads (`/proc/PID/task/TID/schedstat`); None without
    them."""
    try:
        queued = sum(
            int(path.read_text().split()[1]) / 1e9
            for path in Path(f"/proc/{member.pid}/task").glob("*/schedstat")
        )
        times = member.cpu_times()
        return Waits(time.time() - member.create_time(), times.user + times.system, queued)
    except (OSError, ValueError, IndexError, psutil.Error):
        return None


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class MachineTime:
    """CPU seconds of all this machine's CPUs (`/proc/stat`): busy, idle (and I/O wait), and stolen
    by the host."""

    busy: float
    idle: float
    steal: float

    @staticmethod
    def now() -> MachineTime | None:
        try:
            fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        except (OSError, ValueError):
            return None
        user, nice, system, idle, iowait, irq, softirq, steal = fields
        busy = user + nice + system + irq + softirq
        return MachineTime(busy / CLOCK_TICKS, (idle + iowait) / CLOCK_TICKS, steal / CLOCK_TICKS)

    def __sub__(self, other: MachineTime) -> MachineTime:
        return MachineTime(self.busy - other.busy, self.idle - other.idle, self.steal - other.steal)

    def __str__(self) -> str:
        busy, idle, steal = f"{self.busy:.1f}", f"{self.idle:.1f}", f"{self.steal:.1f}"
        return f"machine busy {busy} s, idle {idle} s, stolen by the host {steal} s"


@dataclass
class Run:
    wall: float = 0.0
    cpu: float = 0.0
    coordinator_cpu: float = 0.0
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (role, peak RSS)
    cpus: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds when last seen
    waits: dict[int, Waits] = field(default_factory=dict)  # pid -> its time when last seen
    machine: MachineTime | None = None

    def peak_of(self, role: str) -> int:
        return max((rss for r, rss in self.peaks.values() if r == role), default=0)

    def of_role(self, role: str) -> list[int]:
        return [pid for pid, (r, _) in self.peaks.items() if r == role]

    def workers_cpu(self) -> list[float]:
        """The CPU seconds of each worker process."""
        return [self.cpus.get(pid, 0.0) for pid in self.of_role("worker")]


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
                waits = _waits(member)
                if waits is not None:
                    run.waits[member.pid] = waits
                if member.pid == root.pid:
                    run.coordinator_cpu = run.cpus[member.pid]
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        stop.wait(0.1)


def measure(command: list[str]) -> Run:
    run = Run()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = MachineTime.now()
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
    machine_after = MachineTime.now()
    if machine is not None and machine_after is not None:
        run.machine = machine_after - machine
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
    parser.add_argument(
        "--ceiling-mb", type=float, default=CEILING_MB, help="MB of the corpus of the ceiling and fixed cost"
    )
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ccpa-dask-bench-") as scratch_name:
        scratch = Path(scratch_name)
        # every command, its workers too, with the project's byte code cached (child_processes.py)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ.update(child_environment(scratch))
        small = write_corpus(scratch / "small", int(args.ceiling_mb * MB), seed=3)
        for extra in ([], ["--workers", str(args.workers)]):  # fills the cache, not counted
            measure(_scan(small, args.mode[0], scratch / "warm.jsonl", *extra))
        ceilings = {mode: _machine(small, mode, scratch, args) for mode in args.mode}
        for size in args.sizes:
            corpus = write_corpus(scratch / f"corpus-{size}", size * MB, seed=size)
            actual = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
            for mode in args.mode:
                summary.append(_bench(corpus, actual, mode, scratch, args, ceilings[mode][-1]))
            for path in sorted(corpus.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
    print("\nThe issue's figures (speedup at --workers 2 vs in process, peak memory, coordinator CPU):")
    for line in summary:
        print("  " + line)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


# CPU-bound loops without I/O: how far N processes at once scale here when nothing is shared but
# the cores (a pure Python loop: the interpreter; a C loop: hashing a buffer that fits in cache)
LOOPS = {
    "pure Python loop": "n = 0\nfor i in range(12_000_000):\n    n += i & 7",
    "C loop (sha256)": (
        "import hashlib\nblock = bytes(1 << 20)\nfor _ in range(600):\n    hashlib.sha256(block)"
    ),
}


@dataclass
class Ceiling:
    """N copies of one command at once against one alone: `wall` N x (time alone) / (time of the N
    together), the most any N-process speedup can reach here; `cpu` the CPU seconds of a copy run
    beside the others over those of the copy alone (above 1 when the copies slow each other down
    in ways CPU time counts: shared caches, memory bandwidth, a busy host)."""

    name: str
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.name} {self.wall:.2f}x (CPU per copy {self.cpu:.2f}x of alone)"


def together(commands: list[list[str]]) -> tuple[float, list[float]]:
    """Wall seconds of the commands run at once, and the CPU seconds of each (its process tree)."""
    start = time.perf_counter()
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
    cpus = []
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(commands[0])} failed")
        cpus.append(usage.ru_utime + usage.ru_stime)
    return time.perf_counter() - start, cpus


def ceiling(name: str, command: list[str], copies: int, runs: int) -> Ceiling:
    """Alone and `copies` at once, interleaved `runs` times; medians."""
    walls, cpus = [], []
    for _ in range(runs):
        (alone_wall, (alone_cpu,)) = together([command])
        wall, each = together([command] * copies)
        walls.append(copies * alone_wall / wall)
        cpus.append(statistics.mean(each) / alone_cpu)
    return Ceiling(name, statistics.median(walls), statistics.median(cpus))


def _machine(corpus: Path, mode: str, scratch: Path, args: argparse.Namespace) -> list[Ceiling]:
    """The parallel ceilings of this machine (loops, and N copies of one in-process scan at once)
    and the fixed cost of a cluster."""
    workers, runs = args.workers, args.runs
    found = [ceiling(name, [sys.executable, "-c", code], workers, runs) for name, code in LOOPS.items()]
    found.append(
        ceiling(
            f"{args.ceiling_mb:g} MB in-process scans",
            _scan(corpus, mode, scratch / "copy.jsonl"),
            workers,
            runs,
        )
    )
    alone = measure(_scan(corpus, mode, scratch / "alone.jsonl"))
    cluster = measure(_scan(corpus, mode, scratch / "cluster.jsonl", "--workers", str(workers)))
    print(
        f"\n{mode} mode: parallel ceiling of this machine, {workers} copies at once "
        f"(load {os.getloadavg()[0]:.1f}):"
    )
    for item in found:
        print(f"  {item}")
    print(
        f"  fixed cost of --workers {workers} on {args.ceiling_mb:g} MB: "
        f"+{cluster.wall - alone.wall:.1f} s wall, +{cluster.cpu - alone.cpu:.1f} s CPU "
        "(cluster start-up, worker imports, closing)"
    )
    return found


def _time_spent(run: Run) -> str:
    """Each worker's (or, in process, the coordinator's) seconds on a CPU, waiting for one, asleep;
    the machine's idle and stolen time over the run."""
    pids = run.of_role("worker") or run.of_role("coordinator")
    parts = [
        f"{run.peaks[pid][0]} {w.lifetime:.1f} s: on a CPU {w.on_cpu:.1f}, waiting for a CPU {w.queued:.1f}, "
        f"asleep {w.asleep:.1f}"
        for pid, w in ((pid, run.waits.get(pid)) for pid in pids)
        if w is not None
    ]
    if run.machine is not None:
        parts.append(str(run.machine))
    return "; ".join(parts) or "not measured (no /proc)"


@dataclass
class Round:
    """One round of the bench at one size: the in-process run, then the cluster run, then N
    in-process scans of the whole corpus at once (this round's ceiling: the host's speed drifts
    between rounds, so each speedup is read against the ceiling measured beside it)."""

    alone: Run
    cluster: Run
    copies_wall: float
    copies_cpu: list[float]

    @property
    def speedup(self) -> float:
        return self.alone.wall / self.cluster.wall

    @property
    def ceiling(self) -> float:
        return len(self.copies_cpu) * self.alone.wall / self.copies_wall


def _round(corpus: Path, mode: str, scratch: Path, workers: int, index: int) -> tuple[Round, bool]:
    """One round, and whether the cluster's spans are those of the in-process run."""
    outputs = [scratch / f"in-process-{index}.spans.jsonl", scratch / f"workers-{index}.spans.jsonl"]
    alone = measure(_scan(corpus, mode, outputs[0]))
    cluster = measure(_scan(corpus, mode, outputs[1], "--workers", str(workers)))
    identical = filecmp.cmp(outputs[0], outputs[1], shallow=False)
    for out in outputs:
        out.unlink()
    copies_wall, copies_cpu = together(
        [_scan(corpus, mode, scratch / f"copy-{n}.jsonl") for n in range(workers)]
    )
    return Round(alone, cluster, copies_wall, copies_cpu), identical


def _bench(
    corpus: Path, actual: int, mode: str, scratch: Path, args: argparse.Namespace, machine: Ceiling
) -> str:
    dask = f"--workers {args.workers}"
    rounds, identical = [], True
    for index in range(args.runs):
        one, same = _round(corpus, mode, scratch, args.workers, index)
        rounds.append(one)
        identical &= same
    megabytes = actual / MB
    print(f"\n{megabytes:.0f} MB of transcripts ({mode} mode), median of {args.runs} round(s):")
    medians: dict[str, tuple[float, float, float]] = {}
    for name, samples in (("in-process", [r.alone for r in rounds]), (dask, [r.cluster for r in rounds])):
        wall = statistics.median(r.wall for r in samples)
        cpu = statistics.median(r.cpu for r in samples)
        coordinator = statistics.median(r.coordinator_cpu for r in samples)
        medians[name] = (wall, cpu, coordinator)
        last = samples[-1]
        workers = sorted((last.peaks[pid][1] for pid in last.of_role("worker")), reverse=True)
        peaks = f"coordinator {last.peak_of('coordinator') / MIB:.0f} MiB"
        if workers:
            peaks += ", workers " + ", ".join(f"{rss / MIB:.0f}" for rss in workers) + " MiB"
            each_cpu = sorted(last.workers_cpu(), reverse=True)
            peaks += "; workers' CPU " + ", ".join(f"{c:.1f}" for c in each_cpu) + " s"
        print(
            f"  {name:12s} wall {wall:7.1f} s  CPU {cpu:7.1f} s (coordinator {coordinator:6.1f} s)  "
            f"{megabytes / wall:5.2f} MB/s  peak RSS: {peaks}"
        )
        print(f"    where the time went (last run): {_time_spent(last)}")
    (wall_in, cpu_in, _), (wall_dask, cpu_dask, coordinator_dask) = medians.values()
    print(f"  each round: in process, {dask}, then {args.workers} in-process scans of this corpus at once")
    for index, one in enumerate(rounds, 1):
        print(
            f"    {index}: speedup {one.speedup:.2f}x ({one.alone.wall:.1f} s, {one.cluster.wall:.1f} s); "
            f"ceiling {one.ceiling:.2f}x; {one.speedup / one.ceiling:.0%} of it; CPU per MB: in process "
            f"{one.alone.cpu / megabytes:.3f} s, "
            f"on the workers {sum(one.cluster.workers_cpu()) / megabytes:.3f} s, "
            f"each scan at once {statistics.mean(one.copies_cpu) / megabytes:.3f} s"
        )
    speedup = statistics.median(r.speedup for r in rounds)
    at_size = statistics.median(r.ceiling for r in rounds)
    of_ceiling = statistics.median(r.speedup / r.ceiling for r in rounds)
    highest = max(rss for r in rounds for _, rss in r.cluster.peaks.values())
    print(
        f"  speedup {speedup:.2f}x wall (median of the rounds; of the median times "
        f"{wall_in / wall_dask:.2f}x); "
        f"CPU {cpu_dask / cpu_in:.2f}x of in-process; the ceiling at this size {at_size:.2f}x, the speedup "
        f"{of_ceiling:.0%} of it; spans identical: {'yes' if identical else 'NO'}"
    )
    memory = "under" if highest <= MEMORY_BOUND else "OVER"
    each_round = ", ".join(f"{r.speedup:.2f}x" for r in rounds)
    return (
        f"{megabytes:4.0f} MB {mode:8s}: speedup {speedup:.2f}x (rounds {each_round}; target >= 1.8x at "
        f"300 MB; this machine's ceiling {machine.wall:.2f}x on {args.ceiling_mb:g} MB, {at_size:.2f}x at "
        f"this size, {of_ceiling:.0%} of it reached); highest process peak {highest / MIB:.0f} MiB "
        f"({memory} 300 MiB); coordinator CPU {coordinator_dask:.1f} s of {cpu_dask:.1f} s; "
        f"spans identical: {'yes' if identical else 'NO'}"
    )


if __name__ == "__main__":
    main()
