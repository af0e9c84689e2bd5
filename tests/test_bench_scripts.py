"""The scripts of `bench/` still run against the code they measure: each one's module-level imports
resolve (loaded without running its main), and the assessment and patterns benches run end to end
on tiny inputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BENCHES = sorted((REPO / "bench").glob("*.py"))


def _python(*args: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=300, cwd=REPO, env=environment
    )


@pytest.mark.parametrize("script", BENCHES, ids=[s.name for s in BENCHES])
def test_every_bench_script_imports_what_it_measures(script: Path) -> None:
    # as `python bench/SCRIPT` loads it: its own folder first on the path (bench/child_processes.py)
    loader = f"import runpy, sys; sys.path.insert(0, {str(script.parent)!r}); "
    result = _python("-c", loader + f"runpy.run_path({str(script)!r}, run_name='loaded')")
    assert result.returncode == 0, result.stderr


def test_the_assessment_bench_runs_on_a_tiny_workspace() -> None:
    result = _python(
        str(REPO / "bench" / "assess_bench.py"),
        *("--channels", "2", "--elements", "5", "--systems", "2", "--scales", "1", "--repeat", "1"),
    )
    assert result.returncode == 0, result.stderr
    assert "ms/item" in result.stdout


def test_the_patterns_bench_measures_every_output_format_on_both_corpora(
    shared_dir: Path, tmp_path: Path
) -> None:
    result = _python(
        str(REPO / "bench" / "patterns_bench.py"),
        *("--mb", "0.05", "--repeat", "1", "--shared", str(shared_dir)),
        environment={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert not any(tmp_path.iterdir())  # its corpora and outputs removed
    for corpus in ("repeated", "unique values"):
        section = result.stdout.split(f"corpus, {corpus}:")[1].split("\ncorpus,")[0]
        assert "one RE2 set, same patterns" in section
        for output in ("spans", "summary", "json"):
            assert f"--mode patterns --format {output:<7}:" in section
            assert "x faster" in section.split(f"--format {output:<7}:")[1].splitlines()[0]


def test_the_dask_bench_prints_the_issues_figures_and_each_rounds_speedup_and_ceiling(
    tmp_path: Path,
) -> None:
    result = _python(
        str(REPO / "bench" / "transcripts_dask_bench.py"),
        *("--sizes", "1", "--runs", "2", "--mode", "patterns", "--ceiling-mb", "0.5"),
        environment={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert not any(tmp_path.iterdir())  # its corpora, outputs and the cluster's scratch removed
    rounds = result.stdout.split("each round: in process, --workers 2, then 2 in-process scans")[1]
    for index in ("1", "2"):
        line = rounds.split(f"\n    {index}: speedup ")[1].splitlines()[0]
        assert "ceiling" in line and "% of it" in line and "each scan at once" in line
    figures = result.stdout.split("The issue's figures")[1]
    assert "1 MB patterns: speedup" in figures and "rounds " in figures
    assert "(under 300 MiB)" in figures and "spans identical: yes" in figures
