"""The `ccpa` command. Importing a command module registers its commands on `app`."""

from ccpa_readiness.cli import assess_commands, catalog_commands, workspace_commands  # noqa: F401
from ccpa_readiness.cli.app import app

__all__ = ["app"]
