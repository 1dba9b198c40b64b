#!/usr/bin/env bash
# PostgreSQL server binaries for the store contract tests. The tests start (and remove) their
# own throwaway cluster on 127.0.0.1; this script only makes sure the binaries are there.
# The cluster (tests/postgres_cluster.py) trusts loopback, except for one role, timeline_pw,
# which pg_hba.conf asks for a scram-sha-256 password, so a wrong password is really refused.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
id postgres >/dev/null
