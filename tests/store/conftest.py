"""The ``store`` fixture: every contract test runs against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_cluster import cluster, new_database


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty event store URL of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'events.sqlite3'}"
    admin = request.getfixturevalue("postgres_admin")
    return new_database(admin)
