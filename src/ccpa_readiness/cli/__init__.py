"""The `ccpa` command. Importing a command module registers its commands on `app`."""

from ccpa_readiness.cli import (  # noqa: F401  (each import registers its commands)
    assess_commands,
    catalog_commands,
    datastore_commands,
    flows_commands,
    history_commands,
    input_errors,
    notices_commands,
    review_commands,
    roadmap_commands,
    transcripts_commands,
    workspace_commands,
)
from ccpa_readiness.cli.app import app

__all__ = ["app"]
