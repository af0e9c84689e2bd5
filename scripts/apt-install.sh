#!/usr/bin/env bash
# Installs Debian packages for the other scripts: `scripts/apt-install.sh [APT-GET OPTION...] PACKAGE...`.
# The package lists are updated once, not once per script: an update is skipped when one of these
# scripts did it in the last hour (the stamp file in $TMPDIR), so `make test` on a fresh machine runs
# `apt-get update` a single time however many of Chromium, Graphviz, Pango, PostgreSQL are missing.
set -euo pipefail

STAMP="${TMPDIR:-/tmp}/ccpa-apt-lists-updated"

if [[ -z "$(find "$STAMP" -mmin -60 2>/dev/null)" ]]; then
    apt-get update -q >&2
    touch "$STAMP"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
