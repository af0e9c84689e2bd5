"""Fixtures every test may use: where the shared real-world material is, and the example workspace
assessed once per test process."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CCPA_SHARED_DIR", REPO.parent / "shared"))
EXAMPLE = REPO / "examples" / "acme-contact-center"
EXAMPLE_AS_OF = "2026-11-29"
# `ccpa assess` lays out report.pdf only in the tests that ask for it (`--pdf`): it takes seconds
os.environ.setdefault("CCPA_PDF", "0")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip only when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@dataclass(frozen=True)
class AssessedExample:
    """A copy of the example workspace after `ccpa assess DIR --as-of 2026-11-29`: `root` holds its
    out/ and .ccpa/; `exit_code` and `output` are the command's. Tests read it; one that writes
    works on `copy_to(...)`."""

    root: Path
    exit_code: int
    output: str

    def copy_to(self, target: Path) -> Path:
        """The assessed workspace (out/ and the store with its key included) copied to `target`."""
        shutil.copytree(self.root, target)
        return target


@pytest.fixture(scope="session")
def assessed_example(tmp_path_factory: pytest.TempPathFactory) -> AssessedExample:
    """The example assessed once per test process (each xdist worker), by the command in-process, as
    each of its tests did before on its own copy: an assessment takes seconds."""
    from typer.testing import CliRunner

    from ccpa_readiness.cli import app
    from ccpa_readiness.review.audit_key import KEY_FILE_ENV

    root = tmp_path_factory.mktemp("assessed-example") / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out", ".ccpa"))
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(KEY_FILE_ENV, raising=False)  # the audit key in root/.ccpa, whoever asks first
        result = CliRunner().invoke(app, ["assess", str(root), "--as-of", EXAMPLE_AS_OF])
    return AssessedExample(root, result.exit_code, result.output)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules that hold slow tests run first (each module's tests stay together and in order),
    so under xdist the long tests start early and no worker is left running one alone at the end."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
