"""The `ccpa` command. Each command's module is imported when the command is run (see `cli/lazy.py`)."""

from ccpa_readiness.cli.app import app

__all__ = ["app"]
