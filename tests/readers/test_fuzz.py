"""Issue 18 item 2: every reader on malformed, hostile and oversized inputs (cut short, flipped
bytes, noise, 100,000-level nesting, values of the wrong type, gzip, other encodings, megabytes of
repetition), each reader in a child process capped at 1.5 GB and 60 s of CPU. A crash is an
exception the reader lets out or a skip through the last safety net ("unexpected failure")."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.readers.capped import run_capped

pytestmark = pytest.mark.slow

SEED = 20261201
CASES = {"flows": 120, "transcripts": 180, "documents": 40, "yaml": 120, "datastores": 60, "review": 60}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_reader_survives_fuzzed_inputs(kind: str, tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv = ['fuzz_runner', "
        f"{kind!r}, '{SEED}', '{CASES[kind]}', {str(tmp_path)!r}]; "
        "runpy.run_module('tests.readers.fuzz_runner', run_name='__main__')"
    )
    done = run_capped(code)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["cases"] == CASES[kind]
    assert result["crashes"] == [], "\n\n".join(result["crashes"][:5])
    print(f"{kind}: {result['cases']} cases", file=sys.stderr)
