"""How one review server runs: its store, its workspace, its login limit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    db_url: str
    workspace: Path | None = None  # where admins import `out/` from; None: imports by command only
    login_attempts_per_minute: int = 10  # per client address
    migrate: bool = True  # bring the schema up to date on start
