"""Fixtures every test may use: where the shared real-world material is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CCPA_SHARED_DIR", REPO.parent / "shared"))
# `ccpa assess` lays out report.pdf only in the tests that ask for it (`--pdf`): it takes seconds
os.environ.setdefault("CCPA_PDF", "0")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip only when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED
