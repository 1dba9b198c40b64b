#!/usr/bin/env bash
# PostgreSQL server binaries for the store contract tests. The tests start (and remove) their
# own throwaway cluster on 127.0.0.1; this script only makes sure the binaries are there.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
id postgres >/dev/null
