"""A throwaway PostgreSQL cluster on loopback for the tests, started from Debian's binaries.

Outside CI, tests that need it are skipped when no PostgreSQL server binaries are installed;
under CI (``CI`` set) they fail instead, because ``.ci/setup.d/10-postgres.sh`` installs them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; run it as the postgres user when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


#: A role that must give its password: the cluster's pg_hba.conf asks it for scram-sha-256 on
#: loopback (everyone else is trusted, so the other tests need no password). It owns a
#: database of its own name.
PASSWORD_ROLE = "timeline_pw"
PASSWORD = "right-password"


def _require_password(data: Path) -> None:
    """Put a scram-sha-256 rule for :data:`PASSWORD_ROLE` first in pg_hba.conf (the first
    matching rule wins), before initdb's trust rules."""
    hba = data / "pg_hba.conf"
    rules = "".join(
        f"host all {PASSWORD_ROLE} {address} scram-sha-256\n"
        for address in ("127.0.0.1/32", "::1/128")
    )
    hba.write_text(rules + hba.read_text())


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield an admin URL (trust auth on 127.0.0.1, except for
    :data:`PASSWORD_ROLE`, which must give its password); stop and delete it."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        unavailable("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    assert initdb and pg_ctl
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'news-timeline[postgres]')")
    root = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_owner([initdb, "-D", str(data), "-U", "timeline", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    _require_password(data)
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        admin = f"postgresql://timeline@127.0.0.1:{port}/postgres"
        _create_password_role(admin)
        yield admin
    finally:
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def _create_password_role(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SET password_encryption = 'scram-sha-256'")
        conn.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f"CREATE DATABASE {PASSWORD_ROLE} OWNER {PASSWORD_ROLE}")


def password_url(admin_url: str, password: str) -> str:
    """The URL of :data:`PASSWORD_ROLE`'s own database, with ``password``."""
    server = admin_url.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://{PASSWORD_ROLE}:{password}@{server}/{PASSWORD_ROLE}"


def new_database(admin_url: str) -> str:
    """Create an empty database in the cluster and return its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"
