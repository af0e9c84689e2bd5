"""What the benches' child processes run with: the project's modules loaded from byte code, as an
installed package loads them, whatever `PYTHONDONTWRITEBYTECODE` says (where it is set, an editable
install compiles the project's sources at every start: about 0.2 CPU s that is no cost of the work
measured). The first run of a child fills the cache; the benches do not count it."""

from __future__ import annotations

import os
from pathlib import Path


def child_environment(work: Path) -> dict[str, str]:
    """The environment of the child processes: byte code cached under `work`."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return environment
