"""Store URLs, connection failures and recovery: each gives a clear error, never an internal
one, and the read models (disposable) are replaced when damaged."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from eventsourcing.persistence import OperationalError
from eventsourcing.sqlite import SQLiteApplicationRecorder
from postgres_cluster import PASSWORD, password_url
from support import SEED, console_script

from timeline.cli import cli
from timeline.dispatch import load_dispatch
from timeline.errors import StoreError, UsageError
from timeline.session import Session
from timeline.store import postgres_env, resolve_home, sqlite_path, storage_problem


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(console_script()), *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )


def test_sqlite_urls_name_relative_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert sqlite_path("sqlite://data/events.sqlite3") == tmp_path / "data" / "events.sqlite3"
    assert sqlite_path("sqlite:data/events.sqlite3") == tmp_path / "data" / "events.sqlite3"
    assert sqlite_path("sqlite:///srv/log/events.sqlite3") == Path("/srv/log/events.sqlite3")
    assert sqlite_path("sqlite:////srv/events.sqlite3") == Path("/srv/events.sqlite3")
    assert sqlite_path("sqlite://data/my%20log.sqlite3") == tmp_path / "data" / "my log.sqlite3"
    assert sqlite_path("sqlite") is None and sqlite_path("sqlite://") is None
    for refused in ("sqlite://data/e.sqlite3?mode=ro", "sqlite://e#x", "sqlite://a%00b"):
        with pytest.raises(UsageError):
            sqlite_path(refused)


def test_a_relative_sqlite_store_is_written_where_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Session(resolve_home(tmp_path / "home", "sqlite://data/events.sqlite3")) as session:
        session.app.ingest_many([])
        assert session.home.events_path == tmp_path / "data" / "events.sqlite3"
        session.app.max_position()
    assert (tmp_path / "data" / "events.sqlite3").exists()


def test_postgres_urls_pass_libpq_parameters_and_validate_the_schema() -> None:
    pytest.importorskip("psycopg")
    env = postgres_env("postgresql://u:p@db:5433/news?sslmode=require&schema=desk")
    assert json.loads(env["POSTGRES_LIBPQ_PARAMETERS"]) == {"sslmode": "require"}
    assert env["POSTGRES_SCHEMA"] == "desk" and env["POSTGRES_PORT"] == "5433"
    for bad in (
        "postgresql://u:p@db/news?schema=a;drop",
        "postgresql://u:p@db/news?schema=a&schema=b",
        "postgresql://u:p@db/news?nosuch=1",
        "postgresql://u:p@db:99999/news",
        "postgresql://u:p@db:port/news",
        "postgresql://u:p@db:0/news",
    ):
        with pytest.raises(UsageError) as refused:
            postgres_env(bad)
        assert ":p@" not in str(refused.value)


@pytest.mark.parametrize(
    "url",
    ["postgresql://u:secret@127.0.0.1:99999/x", "postgresql://u:secret@127.0.0.1:5432/x?schema=1"],
)
def test_a_bad_postgres_url_is_a_usage_error(tmp_path: Path, url: str) -> None:
    pytest.importorskip("psycopg")
    done = _run("log", "--home", str(tmp_path), "--store", url)
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr and "secret" not in done.stderr


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("postgresql://u:secret@[::1/x", 2),  # urlparse: "Invalid IPv6 URL"
        ("postgresql://u:secret@" + "h" * 300 + "/x", 6),  # the IDNA codec: label too long
        ("sqlite:///" + "a" * 5000, 6),  # ENAMETOOLONG while explaining the failure
    ],
)
def test_a_store_url_that_cannot_be_read_is_not_an_internal_error(
    tmp_path: Path, url: str, code: int
) -> None:
    if url.startswith("postgresql") and code == 6:
        pytest.importorskip("psycopg")
    done = _run("log", "--home", str(tmp_path), "--store", url)
    assert done.returncode == code, done.stderr
    assert "internal error" not in done.stderr and "secret" not in done.stderr


def test_postgres_errors_show_their_cause_at_once(tmp_path: Path, postgres_admin: str) -> None:
    started = time.monotonic()
    refused = _run("log", "--home", str(tmp_path), "--store", "postgresql://u:pw@127.0.0.1:1/x")
    assert refused.returncode == 6 and "refused" in refused.stderr.lower()
    missing = _run("log", "--home", str(tmp_path), "--store", postgres_admin + "_nosuchdb")
    assert missing.returncode == 6 and "does not exist" in missing.stderr
    assert time.monotonic() - started < 8  # not "couldn't get a connection after 10.00 sec"
    # sslmode reaches libpq: the throwaway cluster has no TLS, so 'require' must fail.
    ssl = _run("log", "--home", str(tmp_path), "--store", postgres_admin + "?sslmode=require")
    assert ssl.returncode == 6 and "ssl" in ssl.stderr.lower(), ssl.stderr
    plain = _run("log", "--home", str(tmp_path), "--store", postgres_admin + "?sslmode=disable")
    assert plain.returncode == 0, plain.stderr


def test_a_wrong_postgres_password_is_refused_with_postgres_reason(
    tmp_path: Path, postgres_admin: str
) -> None:
    """The test cluster trusts loopback, except for a role that pg_hba.conf asks for a
    scram-sha-256 password, so a wrong password is really refused."""
    started = time.monotonic()
    wrong = _run("log", "--home", str(tmp_path), "--store", password_url(postgres_admin, "wrong"))
    assert time.monotonic() - started < 8
    assert wrong.returncode == 6, wrong.stderr
    assert "password authentication failed" in wrong.stderr, wrong.stderr
    assert "internal error" not in wrong.stderr.lower() and "Traceback" not in wrong.stderr
    assert ":wrong@" not in wrong.stderr
    right = _run("log", "--home", str(tmp_path), "--store", password_url(postgres_admin, PASSWORD))
    assert right.returncode == 0, right.stderr
    assert PASSWORD not in right.stdout + right.stderr


def test_rebuild_replaces_a_damaged_read_model_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Session(resolve_home(home)) as session:
        session.app.ingest(load_dispatch(SEED))
        session.fresh_views()
    views = home / "views.sqlite3"
    data = bytearray(views.read_bytes())
    data[8192:] = bytes(range(256)) * ((len(data) - 8192) // 256)
    views.write_bytes(bytes(data))
    broken = _run("conflicts", "--home", str(home))
    assert broken.returncode == 6 and "timeline rebuild" in broken.stderr
    checked = _run("verify", "--home", str(home))
    assert checked.returncode == 8, checked.stderr  # a failed check, not a crash
    assert "read_models" in checked.stdout and "internal error" not in checked.stderr
    rebuilt = _run("rebuild", "--home", str(home))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "moved aside" in rebuilt.stderr and (home / "views.sqlite3.damaged").exists()
    assert _run("verify", "--home", str(home)).returncode == 0


def test_a_full_disk_during_ingest_is_a_clear_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Any, stored_events: Any, **kwargs: Any) -> Any:
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(SQLiteApplicationRecorder, "insert_events", full)
    done = CliRunner().invoke(cli, ["ingest", str(SEED), "--home", str(tmp_path / "h")])
    assert isinstance(done.exception, StoreError), done.output  # exit code 6 at the edge
    message = str(done.exception)
    assert "is full" in message and "nothing of this batch was appended" in message


def test_storage_problems_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    class ReadOnly:
        f_flag = os.ST_RDONLY

    assert "full" in storage_problem(tmp_path / "x", OSError(28, "No space left on device"))
    monkeypatch.setattr(os, "statvfs", lambda _path: ReadOnly())
    problem = storage_problem(tmp_path / "x", Exception("attempt to write a readonly database"))
    assert "read-only file system" in problem


def test_the_demo_never_appends_to_an_existing_log(tmp_path: Path) -> None:
    home = tmp_path / "real"
    assert _run("ingest", "--home", str(home), str(SEED)).returncode == 0
    before = (home / "events.sqlite3").read_bytes()
    refused = _run("demo", "--home", str(home))
    assert refused.returncode == 2 and "never appends" in refused.stderr
    assert (home / "events.sqlite3").read_bytes() == before
    elsewhere = tmp_path / "elsewhere.sqlite3"
    import os

    env = {**os.environ, "TIMELINE_STORE": f"sqlite:///{elsewhere}"}
    demo = _run("demo", "--home", str(tmp_path / "demo"), env=env)
    assert demo.returncode == 0, demo.stderr
    assert not elsewhere.exists() and (tmp_path / "demo" / "events.sqlite3").exists()
    again = _run("demo", "--home", str(tmp_path / "demo"))
    assert again.returncode == 0 and "already in the log" in again.stdout


def test_watch_reads_the_store_url_like_every_other_command(
    tmp_path: Path, postgres_admin: str
) -> None:
    """watch LISTENs on a connection of its own: it takes the URL's libpq parameters and
    its ?schema= the same way (libpq alone refuses 'schema')."""
    import psycopg
    from postgres_cluster import new_database

    database = new_database(postgres_admin)
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA desk")
    url = database + "?schema=desk&application_name=timeline-watch"
    home = str(tmp_path / "home")
    assert _run("ingest", "--home", home, "--store", url, str(SEED)).returncode == 0
    watched = _run("watch", "--home", home, "--store", url, "--idle-exit", "0.5", "--json")
    assert watched.returncode == 0, watched.stderr


def _pg(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def test_verify_checks_postgres_storage(tmp_path: Path, postgres_admin: str) -> None:
    """PostgreSQL's storage check: every row read back, the indexes counted against the
    table, the id sequence ahead of every id; with amcheck, bt_index_check on each index."""
    from postgres_cluster import new_database

    url = new_database(postgres_admin)
    home = ["--home", str(tmp_path), "--store", url]
    assert _run("ingest", str(SEED), *home).returncode == 0
    plain = _run("verify", "--log-only", "--json", *home)
    assert plain.returncode == 0, plain.stderr
    report = json.loads(plain.stdout)
    assert report["checks"]["storage"] == "ok"
    assert any("amcheck extension is not installed" in n for n in report["notes"])

    _pg(url, "CREATE EXTENSION amcheck")
    checked = _run("verify", "--log-only", *home)
    assert checked.returncode == 0, checked.stderr
    assert "bt_index_check passed" in checked.stdout

    # A sequence set back behind the stored ids: the next append would reuse an id.
    _pg(
        url,
        "SELECT setval(pg_get_serial_sequence(format('%I', tablename), 'notification_id'), 1) "
        "FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%events'",
    )
    failed = _run("verify", "--log-only", "--json", *home)
    assert failed.returncode == 8, failed.stderr
    report = json.loads(failed.stdout)
    assert report["checks"]["storage"] == "failed"
    assert any("beyond its sequence" in f["message"] for f in report["findings"])
    assert "internal error" not in failed.stderr.lower()


def test_verify_says_when_amcheck_may_not_be_used(tmp_path: Path, postgres_admin: str) -> None:
    """amcheck's functions are for superusers unless granted: a plain owner gets the counted
    check and a note saying so, not a failure."""
    url = password_url(postgres_admin, PASSWORD)
    home = ["--home", str(tmp_path), "--store", url]
    assert _run("ingest", str(SEED), *home).returncode == 0
    _pg(postgres_admin.rsplit("/", 1)[0] + "/timeline_pw", "CREATE EXTENSION IF NOT EXISTS amcheck")
    done = _run("verify", "--log-only", "--json", *home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["checks"]["storage"] == "ok"
    assert any("may not run bt_index_check" in n for n in report["notes"]), report["notes"]
