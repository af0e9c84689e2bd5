"""The store under a server that never answers and under concurrent first use: bounded waits,
named errors, no "database is locked"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.conftest import write_out

# far above the store's own connect timeout: only a hang reaches it
HANG_SECONDS = 60


def _ccpa(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ccpa_readiness", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections (the kernel's backlog) and never says a word."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_import_at_a_server_that_never_answers_fails_with_a_named_error(
    tmp_path: Path, silent_port: int
) -> None:
    write_out(tmp_path)
    url = f"postgresql+psycopg://ccpa:secret-pw@127.0.0.1:{silent_port}/review"
    process = _ccpa("review", "import", str(tmp_path), "--db", url)
    try:
        _, stderr = process.communicate(timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"review import still waiting after {HANG_SECONDS} s")
    assert process.returncode == 2
    assert (
        f"cannot open the review store postgresql+psycopg://ccpa:***@127.0.0.1:{silent_port}/review" in stderr
    )
    assert "Traceback" not in stderr and "secret-pw" not in stderr


@pytest.mark.slow
def test_concurrent_first_imports_on_a_fresh_sqlite_store(tmp_path: Path) -> None:
    """Rounds of two imports at once, each on a store that does not exist yet."""
    for round_ in range(4):  # the old code crashed in about one round of four
        folder = tmp_path / f"ws{round_}"
        write_out(folder)
        processes = [_ccpa("review", "import", str(folder)) for _ in range(2)]
        results = [p.communicate(timeout=HANG_SECONDS) for p in processes]
        for process, (_, stderr) in zip(processes, results, strict=True):
            assert process.returncode == 0, stderr
            assert "locked" not in stderr and "Traceback" not in stderr
        said = sorted(stdout.split(" version")[0] for stdout, _ in results)
        assert said == ["imported as", "unchanged: already"]
