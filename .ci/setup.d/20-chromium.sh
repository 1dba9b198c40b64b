#!/usr/bin/env bash
# The browser tests (tests/reports/test_browser.py) need Debian's Chromium, driven through the
# playwright Python package with executable_path (never `playwright install`), and npm to
# install TimelineJS3 from the npm registry. Idempotent: installs only what is missing.
# Runs as root in CI.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -eq 0 ]; then
    echo "20-chromium: chromium and npm already installed"
    exit 0
fi
echo "20-chromium: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
