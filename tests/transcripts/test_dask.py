"""Dask that scales: partitions by bytes give the outputs whole files give, in this process, on a
local cluster and on an existing scheduler; no process is left when the command ends, even when
it is interrupted."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import psutil
import pytest

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts import ScanOptions, scan
from ccpa_readiness.evidence.transcripts.disclosure import DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.outputs import JsonOutput, SarifOutput, SpansOutput
from ccpa_readiness.evidence.transcripts.partitions import (
    IN_FLIGHT_PER_WORKER,
    MIN_PARTITION_BYTES,
    PARTITION_BYTES,
    Executor,
    Packed,
    PartitionSizes,
    connected,
    executor,
    inputs,
    on_dask,
    packed,
    plan,
    scan_packed,
)
from ccpa_readiness.evidence.transcripts.readers import read_file
from ccpa_readiness.evidence.transcripts.readers.parts import START, count_through, split
from ccpa_readiness.evidence.transcripts.work import Partition, Piece, Work, scan_partition
from tests.ports import free_port
from tests.transcripts.corpus import write_corpus

BIN = Path(sys.executable).parent
SMALL = 8_000  # bytes a partition: the test corpora's JSONL files are cut into several ranges


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dask") / "corpus", 250_000, broken=True)


def _copies(folder: Path) -> dict[str, str]:
    """The redacted copies by relative path, gzip read through."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found[str(path.relative_to(folder))] = (
            gzip.decompress(data) if path.suffix == ".gz" else data
        ).decode()
    return found


def test_byte_ranges_of_a_file_read_as_the_whole_file(corpus: Path) -> None:
    path = corpus / "chats-000.jsonl"
    parts = split(path, path.stat().st_size, 4_000)
    assert len(parts) > 3 and parts[-1].final and not parts[0].final
    whole = list(read_file(path))
    pieces: list[Document | Problem] = []
    before = START
    for part in parts:
        assert part.before == before  # counted while planning as the reader counts
        pieces.extend(read_file(path, part=part, before=part.before))
        before = count_through(path, part, before)
    assert [_key(item) for item in pieces] == [_key(item) for item in whole]
    assert any(isinstance(item, Problem) for item in whole)  # the broken records, with their lines


def test_a_file_read_whole_is_planned_by_the_text_it_holds(tmp_path: Path) -> None:
    """A gzip file weighs what it expands to; a file read whole of a partition size or more is a
    partition of its own that runs first (one of 1 to 2 sizes too: read whole, it often costs more
    per byte than the JSONL ranges, and submitted last it ran alone at the end); small files are
    grouped."""
    lines = "".join(
        f'{{"id": "r{n}", "text": "call {n} from (415) 555-0{n % 1000:03d}"}}\n' for n in range(2_000)
    )
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(lines)
    (tmp_path / "b.csv").write_text("id,text\n" + "x,hello there\n" * 2_000, encoding="utf-8")
    for n in range(6):
        (tmp_path / f"c{n}.txt").write_text("AGENT: hello\nCUSTOMER: hi\n" * 100, encoding="utf-8")
    found = [p for p in plan(inputs([tmp_path]), 20_000) if isinstance(p, Partition)]
    archive, table, *calls = found
    assert archive.pieces[0].source.endswith("a.jsonl.gz") and len(archive.pieces) == 1
    assert archive.size == (tmp_path / "a.jsonl.gz").stat().st_size < 20_000
    assert archive.weight == len(lines.encode()) and archive.priority == archive.weight // 20_000 > 1
    assert table.pieces[0].source.endswith("b.csv") and table.priority == 1
    assert all(p.priority == 0 for p in calls) and len(calls) == 1
    assert sorted(p.source for c in calls for p in c.pieces) == sorted(
        str(tmp_path / f"c{n}.txt") for n in range(6)
    )


def test_gzip_is_known_by_its_bytes_where_it_changes_the_plan(tmp_path: Path) -> None:
    """A JSONL file that holds gzip under a plain name is read whole, never cut into byte ranges
    (its bytes are opened to tell); a file of a format read whole weighs what its name says (its
    size where the name does not say gzip: a small file is not opened while planning)."""
    lines = "".join(f'{{"id": "r{n}", "text": "call {n} from (415) 555-0{n:03d}"}}\n' for n in range(900))
    (tmp_path / "a.jsonl").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "b.txt").write_bytes(gzip.compress(b"AGENT: hello\n" * 1_000))
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"AGENT: hello\n" * 1_000))
    size = (tmp_path / "a.jsonl").stat().st_size // 4
    listed = inputs([tmp_path])
    weights = {Path(item.path).name: item.weight for item in listed if not isinstance(item, Problem)}
    assert weights == {
        "a.jsonl": len(lines.encode()),
        "b.txt": (tmp_path / "b.txt").stat().st_size,
        "c.txt.gz": len(b"AGENT: hello\n" * 1_000),
    }
    (archive,) = [p for p in plan(listed, size) if p.pieces[0].source.endswith("a.jsonl")]
    assert archive.part is None and len(archive.pieces) == 1
    documents = [item for item in read_file(tmp_path / "a.jsonl") if isinstance(item, Document)]
    assert len(documents) == 900


def test_files_under_the_partition_size_are_grouped_up_to_it(tmp_path: Path) -> None:
    """Whole files are grouped in input order, a group never over the partition size (so that the
    workers' partitions are alike: a group that closed only once past the size reached twice it)."""
    turn = "AGENT: hello, how can I help?\n"
    for name, turns in zip("abcde", (300, 300, 150, 150, 300), strict=True):
        (tmp_path / f"{name}.txt").write_text(turn * turns, encoding="utf-8")
    target = len(turn) * 500
    found = [p for p in plan(inputs([tmp_path]), target) if isinstance(p, Partition)]
    assert [[Path(piece.source).stem for piece in p.pieces] for p in found] == [["a"], ["b", "c"], ["d", "e"]]
    assert all(p.weight == p.size <= target for p in found)


class _Done:
    def __init__(self, value: object) -> None:
        self.value = value

    def result(self) -> object:
        return self.value


class _RecordingClient:
    """What `on_dask` asks of a Dask client: the partitions in the order they are submitted."""

    def __init__(self) -> None:
        self.submitted: list[Packed] = []

    def scheduler_info(self) -> dict[str, dict[str, object]]:
        return {"workers": {"a": {}, "b": {}}}

    def submit(self, function: object, partition: Packed, *args: object, **options: object) -> _Done:
        self.submitted.append(partition)
        return _Done(partition)


def test_on_a_cluster_files_read_whole_of_several_partition_sizes_start_first(tmp_path: Path) -> None:
    """Long partitions (a large CSV or gzip file, read whole) are submitted first, largest first,
    wherever they are in the input, so that none of them runs alone at the end; the results still
    come back in input order."""
    planned: list[Partition | Problem] = [
        Partition((Piece(f"p{n}", f"/p{n}"),), weight, weight, priority=weight // 2_000)
        for n, weight in enumerate([1_000, 3_000, 900, 1_000, 1_000, 7_000, 1_000])
    ]
    planned.insert(3, Problem(source="broken.txt", message="unreadable"))
    client = _RecordingClient()
    work = Work("patterns", DisclosureMatcher.from_texts(()))
    collected = list(on_dask(connected(client), planned, work))
    assert collected == [p if isinstance(p, Problem) else packed(p) for p in planned]
    order = [pieces[0][0] for pieces, _, _ in client.submitted]
    assert order[:2] == ["p5", "p1"] and order[2:] == ["p0", "p2", "p3", "p4", "p6"]


def test_on_a_cluster_files_read_whole_start_early_within_a_horizon(tmp_path: Path) -> None:
    """However many long partitions there are, those submitted ahead of their turn in input order
    stay within a horizon (`window` partitions of the largest size), so the results waiting on the
    workers do not grow with the corpus."""
    planned: list[Partition | Problem] = [
        Partition((Piece(f"p{n}", f"/p{n}"),), 20_000_000, 20_000_000, priority=2) for n in range(200)
    ]
    client = _RecordingClient()
    collected = 0
    ahead = []
    for _ in on_dask(connected(client), planned, Work("patterns", DisclosureMatcher.from_texts(()))):
        collected += 1
        ahead.append(len(client.submitted) - collected)
    window = IN_FLIGHT_PER_WORKER * 2 + 1
    assert collected == 200 and max(ahead) <= window + window * PARTITION_BYTES // 20_000_000 + 1
    assert [pieces[0][0] for pieces, _, _ in client.submitted] == [f"p{n}" for n in range(200)]


def test_on_a_cluster_the_first_partitions_are_submitted_before_the_rest_is_planned() -> None:
    """Once the cluster is up, partitions are planned only as far ahead as the horizon needs (the
    plan of a large input, a JSONL file read through to be cut at line breaks, no longer holds up
    the first partitions); while it starts, planning goes on."""
    pulled = 0

    def partitions() -> Iterator[Partition]:
        nonlocal pulled
        for n in range(500):
            pulled += 1
            yield Partition((Piece(f"p{n}", f"/p{n}"),), 1_000_000, 1_000_000)

    client = _RecordingClient()
    results = on_dask(connected(client), partitions(), Work("patterns", DisclosureMatcher.from_texts(())))
    next(results)
    window = IN_FLIGHT_PER_WORKER * 2 + 1
    assert len(client.submitted) == window and pulled <= window + window * PARTITION_BYTES // 1_000_000 + 1
    assert sum(1 for _ in results) == 499 and pulled == 500
    starting: Future[object] = Future()
    pulled, planned_when_up = 0, []

    def cluster_up() -> None:
        planned_when_up.append(pulled)
        starting.set_result(_RecordingClient())

    waiting = on_dask(starting, partitions(), Work("patterns", DisclosureMatcher.from_texts(())))
    threading.Timer(0.5, cluster_up).start()
    assert sum(1 for _ in waiting) == 500 and planned_when_up == [500]


def test_the_fork_servers_quick_exit_does_nothing_where_it_is_imported_elsewhere() -> None:
    """Only the fork server leaves without the interpreter's teardown: imported in any other
    process, the module changes nothing (an exit code stays the one given)."""
    program = "import sys, ccpa_readiness.evidence.transcripts.fork_server_exit; sys.exit(3)"
    assert subprocess.run([sys.executable, "-c", program], check=False).returncode == 3


def test_a_partition_goes_to_a_worker_as_plain_tuples_and_is_scanned_as_itself(corpus: Path) -> None:
    """What is submitted pickles without the dataclasses (a partition of small files holds thousands
    of pieces); the worker scans it as the partition planned."""
    work = Work("patterns", DisclosureMatcher.from_texts(()), render=SpansOutput.render)
    planned = [p for p in plan(inputs([corpus]), SMALL) if isinstance(p, Partition)]
    group = next(p for p in planned if len(p.pieces) > 3)
    ranged = next(p for p in planned if p.part is not None and p.part.index > 0)
    for partition in (group, ranged):
        sent = packed(partition)
        assert all(type(piece) is tuple for piece in sent[0])
        assert scan_packed(sent, work).entries == scan_partition(partition, work).entries != []


def test_on_a_cluster_the_input_is_cut_into_a_few_partitions_a_worker(tmp_path: Path) -> None:
    """By default a cluster gets about four partitions a worker (so no worker idles long at the
    end), never under 1 MB nor over 8 MB; in process, or when given, the size is kept."""
    with (tmp_path / "a.jsonl").open("wb") as handle:
        handle.truncate(24_000_000)  # sparse: only its size counts here

    def target(workers: int, given: int | None = None) -> int:
        sizes = Executor(lambda partitions, work: iter(()), workers).target(inputs([tmp_path]), given)
        return sizes.largest

    assert target(1) == PARTITION_BYTES and target(2, 5_000) == 5_000
    assert target(2) == 3_000_000 and target(200) == MIN_PARTITION_BYTES
    with (tmp_path / "b.jsonl").open("wb") as handle:
        handle.truncate(10**11)
    assert target(2) == PARTITION_BYTES


def test_on_a_cluster_partitions_get_smaller_towards_the_end_of_the_input(tmp_path: Path) -> None:
    """On a cluster each partition is at most 1/(2 x workers) of the text left to plan (not under
    the smallest size), so the last ones are small and the workers end together; a file read whole
    that is larger than the size where it stands runs first; the ranges of a file still cover it in
    order, numbered one after the other; in process the size is constant."""
    record = '{"id": "r", "text": "hello there, how can I help you today?"}\n'
    for name in ("a", "b"):
        (tmp_path / f"{name}.jsonl").write_text(record * 1_500, encoding="utf-8")  # 93 KB each
    for n in range(40):
        (tmp_path / f"c{n:02d}.txt").write_text("AGENT: hello\n" * 100, encoding="utf-8")  # 1.3 KB
    (tmp_path / "d.csv").write_text("id,text\n" + "x,hello there\n" * 1_000, encoding="utf-8")  # 14 KB
    found = inputs([tmp_path])
    left = sum(item.weight for item in found if not isinstance(item, Problem))
    planned = [
        p for p in plan(found, PartitionSizes(20_000, workers=2, smallest=2_000)) if isinstance(p, Partition)
    ]
    assert [p.pieces[0].source for p in planned if p.priority] == [str(tmp_path / "d.csv")]
    for partition in planned:
        assert partition.priority or partition.weight <= max(left // 4, 2_000) + len(record)
        left -= partition.weight
    tapered = [p for p in planned if not p.priority]
    assert left == 0 and tapered[0].weight >= 19_000 and tapered[-1].weight < 4_000
    for name in ("a", "b"):
        parts = [p.part for p in tapered if p.pieces[0].source.endswith(f"{name}.jsonl")]
        assert [part.index for part in parts if part] == list(range(len(parts)))
        assert all(x.end == y.start for x, y in itertools.pairwise(parts) if x and y)
        assert parts[-1] is not None and parts[-1].final and parts[-1].end is None
    constant = [p for p in plan(found, 20_000) if isinstance(p, Partition)]
    assert not any(p.priority for p in constant)
    ranges = [p.part for p in constant if p.part]
    assert len(ranges) == 10 and all(p.end - p.start >= 20_000 for p in ranges if p.end is not None)


def _key(item: Document | Problem) -> tuple[object, ...]:
    if isinstance(item, Problem):
        return ("problem", item.source, item.location, item.message)
    return (item.id, item.line, item.text, tuple(item.turns))


@pytest.mark.parametrize("output", [SpansOutput, JsonOutput, SarifOutput])
def test_partitions_by_bytes_give_the_outputs_of_whole_files(
    corpus: Path, tmp_path: Path, output: type[SpansOutput | JsonOutput | SarifOutput]
) -> None:
    small = [p for p in plan(inputs([corpus]), SMALL) if isinstance(p, Partition)]
    assert sum(1 for p in small if p.part is not None and p.part.index > 0) >= 14
    results = {}
    for name, size in (("whole", 10**9), ("ranges", SMALL)):
        handle = io.StringIO()
        options = ScanOptions(redact=tmp_path / name, partition_bytes=size)
        aggregate, problems = scan([corpus], options, output(handle))
        results[name] = (handle.getvalue(), problems, aggregate.observations(), _copies(tmp_path / name))
    assert results["ranges"] == results["whole"]
    text, problems, observations, copies = results["whole"]
    assert len(problems) >= 8 and len(copies) > 20 and len(observations) > 5 and text


def test_the_documents_limit_holds_across_the_ranges_of_a_file(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCPA_LIMIT_DOCUMENTS", "12")
    path = corpus / "chats-001.jsonl"
    found = {size: scan([path], ScanOptions(partition_bytes=size)) for size in (10**9, 1_500)}
    (whole, whole_problems), (ranges, range_problems) = found.values()
    assert range_problems == whole_problems and 0 < ranges.documents == whole.documents <= 12
    assert sum("CCPA_LIMIT_DOCUMENTS" in p.message for p in range_problems) == 1


# --- the command as a whole process ---------------------------------------------------------------


def _command(corpus: Path, out: Path, *more: str) -> list[str]:
    args = ["scan", "transcripts", str(corpus), "--format", "spans", "--out", str(out / "spans.jsonl")]
    return [
        str(BIN / "ccpa"),
        *args,
        "--redact",
        str(out / "redacted"),
        "--partition-bytes",
        str(SMALL),
        *more,
    ]


def _environment(marker: str, **more: str) -> dict[str, str]:
    return {**os.environ, "CCPA_TEST_RUN": marker, "COLUMNS": "200", **more}


def _result(out: Path, stderr: str) -> tuple[str, list[str], dict[str, str]]:
    problems = [line for line in stderr.splitlines() if line.startswith("skipped: ")]
    return (out / "spans.jsonl").read_text(encoding="utf-8"), problems, _copies(out / "redacted")


def _left_behind(marker: str, wait: float = 15.0) -> list[str]:
    """The processes started by a run (they inherit its marker) still alive after `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for process in psutil.process_iter(["pid", "cmdline"]):
            try:
                if process.environ().get("CCPA_TEST_RUN") == marker:
                    alive.append(f"{process.pid}: {' '.join(process.info['cmdline'] or [])[:120]}")
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.3)


def _scan_process(corpus: Path, out: Path, *more: str, env: dict[str, str] | None = None) -> tuple[str, int]:
    done = subprocess.run(
        _command(corpus, out, *more), capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done.stderr, done.returncode


def _too_long_for_a_socket(tmp_path: Path) -> Path:
    """A new temporary folder whose path is too long for a Unix socket in it: the local cluster
    then has no fork server, and its workers start as Dask starts them."""
    folder = tmp_path / ("temporary-" + "t" * 110)
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def in_process(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[str], dict[str, str]]:
    out = tmp_path_factory.mktemp("in-process")
    stderr, _ = _scan_process(corpus, out)
    return _result(out, stderr)


@pytest.mark.slow
def test_local_cluster_gives_the_same_outputs_and_leaves_no_process_nor_file(
    corpus: Path, tmp_path: Path, in_process: tuple[str, list[str], dict[str, str]]
) -> None:
    marker = uuid.uuid4().hex
    # short enough a path for the fork server's socket
    with tempfile.TemporaryDirectory(prefix="ccpa-test-") as folder:
        temporary = Path(folder)
        environment = _environment(marker, TMPDIR=str(temporary))
        stderr, _ = _scan_process(corpus, tmp_path, "--workers", "2", env=environment)
        assert _result(tmp_path, stderr) == in_process
        assert in_process[0].count("\n") > 200 and len(in_process[1]) >= 8
        assert _left_behind(marker) == []
        assert list(temporary.iterdir()) == []  # the workers' scratch space, its lock files too


@pytest.mark.slow
def test_a_local_cluster_runs_without_a_fork_server_and_its_scratch_space_stays_where_dask_puts_it(
    corpus: Path, tmp_path: Path
) -> None:
    configured = tmp_path / "configured"
    temporary = _too_long_for_a_socket(tmp_path)
    environment = _environment(
        uuid.uuid4().hex, TMPDIR=str(temporary), DASK_TEMPORARY_DIRECTORY=str(configured)
    )
    _scan_process(corpus, tmp_path, "--workers", "1", env=environment)
    assert list(temporary.iterdir()) == []
    assert (configured / "dask-scratch-space").is_dir()  # the user's folder, left as Dask leaves it


@pytest.fixture
def external_cluster(tmp_path: Path) -> Iterator[str]:
    """`dask scheduler` and one `dask worker` (in another working folder), as a team starts them."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    elsewhere = tmp_path / "worker-home"
    elsewhere.mkdir()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    dask = str(BIN / "dask")
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard"],
        cwd=elsewhere,
        **quiet,
    )
    try:
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.slow
def test_an_existing_scheduler_gives_the_same_outputs(
    corpus: Path,
    tmp_path: Path,
    external_cluster: str,
    in_process: tuple[str, list[str], dict[str, str]],
) -> None:
    out = tmp_path / "out"
    stderr, _ = _scan_process(corpus, out, "--scheduler", external_cluster)
    assert _result(out, stderr) == in_process


def test_an_unreachable_scheduler_is_a_named_error(corpus: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    done = subprocess.run(
        _command(corpus, tmp_path, "--scheduler", address),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr and address in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("fork_server", [True, False], ids=["fork server", "no fork server"])
def test_an_interrupted_scan_leaves_no_process(tmp_path: Path, fork_server: bool) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3_000_000, seed=11)
    marker = uuid.uuid4().hex
    command = _command(corpus, tmp_path / "out", "--workers", "2")
    temporary = {} if fork_server else {"TMPDIR": str(_too_long_for_a_socket(tmp_path))}
    process = subprocess.Popen(
        command,
        env=_environment(marker, **temporary),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        copies = tmp_path / "out" / "redacted"
        while not any(copies.rglob("*.*")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # the workers start, then write the first partitions' redacted copies
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C at a terminal: the whole process group
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0, "the scan ended before it was interrupted"
    assert b"Traceback" not in stderr
    assert _left_behind(marker) == []


@pytest.mark.slow
def test_local_workers_start_with_the_scanning_modules_imported_and_nothing_outlives_the_scan() -> None:
    """The workers are forked from a fork server that imported the scanning modules (so no worker
    imports them itself); the fork server is stopped when the cluster is."""
    imported = "'ccpa_readiness.evidence.transcripts.work' in __import__('sys').modules"
    me = psutil.Process()
    with executor(workers=1) as where:
        client = where.run.args[0].result()  # the Dask client the partitions go to, once its cluster is up
        (worker_imported,) = client.run(eval, imported).values()  # before any partition
        (worker,) = client.run(os.getpid).values()
        server = psutil.Process(worker).parent()
        assert server is not None and "forkserver" in " ".join(server.cmdline())
        assert server.parent() == me
    assert worker_imported is True
    assert not psutil.pid_exists(server.pid) and not psutil.pid_exists(worker)
