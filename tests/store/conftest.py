"""The ``store`` fixture: every contract test runs against SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_cluster import new_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty event store URL of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'events.sqlite3'}"
    admin = request.getfixturevalue("postgres_admin")
    return new_database(admin)
