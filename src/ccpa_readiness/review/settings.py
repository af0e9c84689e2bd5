"""How one review server runs: its store, its workspace, its login limit, its evidence uploads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ccpa_readiness.evidence.common.guard import limits


@dataclass(frozen=True)
class Settings:
    db_url: str
    workspace: Path | None = None  # where admins import `out/` from; None: imports by command only
    login_attempts_per_minute: int = 10  # per client address
    migrate: bool = True  # bring the schema up to date on start
    # the largest evidence file accepted from the browser: the readers' own limit (CCPA_LIMIT_FILE_BYTES)
    upload_bytes: int = field(default_factory=lambda: limits().file_bytes)
    virus_scan: tuple[str, ...] | None = (
        None  # a command run on each upload, e.g. ("clamdscan", "--no-summary")
    )
