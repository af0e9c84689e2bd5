"""The audit chain's key: a secret kept outside the database, in a file of its own.

The file (`DIR/.ccpa/audit.key` by default, or the path in `CCPA_AUDIT_KEY_FILE`) holds JSON:
the key (hex) and `keyed_from`, the first entry it signs. Entries before it were written before
the store had a key and are checked by plain sha256. The file is made with mode 0600 and never
copied into the database; the head row keeps only the key's id (a hash of it).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

KEY_FILE_ENV = "CCPA_AUDIT_KEY_FILE"
KEY_BYTES = 32


class AuditKeyError(Exception):
    """The key file cannot be read or written; the message names it."""


@dataclass(frozen=True)
class AuditKey:
    secret: bytes
    keyed_from: int = 1

    @property
    def id(self) -> str:
        """16 hex digits that name the key without revealing it."""
        return hashlib.sha256(b"ccpa-readiness audit key id\0" + self.secret).hexdigest()[:16]


def key_file(workspace: Path | None, db_url: str) -> Path | None:
    """Where the key lives: `CCPA_AUDIT_KEY_FILE`, else `DIR/.ccpa/audit.key`, else beside a SQLite
    file; None for a server store named without a workspace (then the variable must be set)."""
    if os.environ.get(KEY_FILE_ENV):
        return Path(os.environ[KEY_FILE_ENV])
    if workspace is not None:
        return workspace / ".ccpa" / "audit.key"
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url.removeprefix("sqlite:///")).parent / "audit.key"
    return None


def pending_file(path: Path) -> Path:
    """Where a rotation writes the new key before the store is re-signed with it."""
    return path.with_name(path.name + ".next")


def load(path: Path) -> AuditKey | None:
    """The key in `path`, or None when there is no such file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return AuditKey(bytes.fromhex(raw["key"]), int(raw["keyed_from"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AuditKeyError(f"{path}: not a readable audit key file ({error})") from None


def write(path: Path, key: AuditKey, exclusive: bool = False) -> bool:
    """Write `key` to `path` (mode 0600) whole or not at all. `exclusive`: only if no file is there
    yet (returns False when another process made one first)."""
    text = json.dumps({"key": key.secret.hex(), "keyed_from": key.keyed_from}) + "\n"
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if not exclusive:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    except OSError as error:
        raise AuditKeyError(f"{path}: cannot write the audit key ({error.strerror})") from None
    finally:
        temporary.unlink(missing_ok=True)


def new_key(keyed_from: int = 1) -> AuditKey:
    return AuditKey(secrets.token_bytes(KEY_BYTES), keyed_from)
