#!/usr/bin/env bash
# Debian's Pango, which WeasyPrint lays out report.pdf with (`ccpa assess`, `ccpa report --format pdf`).
# Idempotent: does nothing when the libraries are already installed.
set -euo pipefail

if /sbin/ldconfig -p | grep -q 'libpango-1.0.so.0' && /sbin/ldconfig -p | grep -q 'libpangoft2-1.0.so.0'; then
    exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
    echo "needs root to install Pango with apt-get for report.pdf (or: sudo $0; or ccpa assess --no-pdf)" >&2
    exit 1
fi
"$(dirname "$0")/apt-install.sh" --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0
