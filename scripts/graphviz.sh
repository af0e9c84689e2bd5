#!/usr/bin/env bash
# Debian's Graphviz (`dot`), which lays out the call-flow diagrams (`ccpa flows check --diagram`).
# Idempotent: does nothing when `dot` is already on the PATH.
set -euo pipefail

if command -v dot >/dev/null 2>&1; then
    exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
    echo "needs root to install graphviz with apt-get (or: sudo $0)" >&2
    exit 1
fi
"$(dirname "$0")/apt-install.sh" --no-install-recommends graphviz
