#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; its own browser
# download is not used). Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
    echo "needs root to install chromium with apt-get (or: sudo $0)" >&2
    exit 1
fi
"$(dirname "$0")/apt-install.sh" --no-install-recommends chromium
