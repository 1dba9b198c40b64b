"""``timeline verify``: is the log intact, and do the read models match it?

The checks, all read-only (see docs/integrity.md for what each proves and what it cannot):

0. storage: the events file's pages and B-trees are sound (SQLite: ``PRAGMA quick_check``);
   on PostgreSQL every row reads back whole, the indexes hold every row, the id sequence is
   ahead of every id, and with amcheck each B-tree index passes ``bt_index_check``;
1. decode: every stored event decodes through the library's mapper (upcasting old versions);
2. versions: each aggregate's versions are contiguous from 1, counted by the originator id
   exactly as stored, the form the library selects by;
3. chain: the hash chain (see :mod:`timeline.chain`) matches every stored row, hashed as
   stored: each link is recomputed from the stored previous link, so a changed event is
   named by its position; links without their event report deleted events;
4. anchor (when heads are given): each head published earlier is a link of this chain,
   recomputed from the events, so nothing up to its position was changed, truncated or
   re-hashed since;
5. read_models: the read models equal a fresh rebuild from the log, table for table, and
   so do their schema (SQL views, triggers, indexes) and the index structures that queries
   read (the R*Tree boxes and the full-text index hold exactly their tables' rows).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from projections import compare
from projections.runner import ReadModels
from timeline.application import TimelineApp
from timeline.chain import ALGORITHM, CHAIN_TABLE, GENESIS, Backfill, StoredRecord, link
from timeline.errors import UsageError

#: The originator id as the library writes and selects it on SQLite.
_STORED_ID = re.compile(r"[0-9a-f]{32}")
_STORED_TYPES = ("text", "integer", "text", "blob")
_COLUMNS = ("originator_id", "originator_version", "topic", "state")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Finding:
    check: str
    message: str
    position: int | None = None


@dataclass(frozen=True)
class Head:
    """A head of the chain published elsewhere: its hash, and its position when known."""

    hash: str
    position: int | None = None

    @classmethod
    def parse(cls, text: str, where: str) -> Head:
        """``HASH``, ``POSITION HASH`` or a ``--print-head`` line
        (``sha256-chain/1 POSITION HASH [RECORDED_AT]``)."""
        words = text.split()
        if words and words[0] == ALGORITHM:
            words = words[1:]
        if len(words) >= 2 and words[0].isdigit() and len(words[0]) <= 19:
            position: int | None = int(words[0])
            words = words[1:]
        else:
            position = None
        if len(words) > 2 or not words or not _HEX64.fullmatch(words[0].lower()):
            raise UsageError(
                f"{where}: expected a head as '{ALGORITHM} POSITION HASH' or a 64-digit hex "
                f"hash, found {text.strip()[:80]!r}"
            )
        return cls(words[0].lower(), position)

    def line(self) -> str:
        return f"{ALGORITHM} {self.position} {self.hash}"


def read_head_file(path: Path) -> list[Head]:
    """Every head in a file: one a line, blank lines and ``#`` comments skipped."""
    try:
        if not path.is_file():
            raise UsageError(f"head file {path}: not a regular file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"head file {path}: cannot be read: {exc}") from None
    heads = [
        Head.parse(line, f"{path}:{number}")
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not heads:
        raise UsageError(f"head file {path}: holds no head")
    return heads


@dataclass
class Verification:
    events: int = 0
    aggregates: int = 0
    head_hash: str | None = None
    head_position: int | None = None
    checks: dict[str, str] = field(default_factory=dict)  # check -> "ok" | "failed" | "skipped"
    findings: list[Finding] = field(default_factory=list)
    backfills: list[Backfill] = field(default_factory=list)
    #: How far a check went when that depends on the store (PostgreSQL's amcheck).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def head(self) -> Head | None:
        if self.head_hash is None:
            return None
        return Head(self.head_hash, self.head_position)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "aggregates": self.aggregates,
            "algorithm": ALGORITHM,
            "head_hash": self.head_hash,
            "head_position": self.head_position,
            "checks": self.checks,
            "findings": [f.__dict__ for f in self.findings],
            "backfills": [b.__dict__ for b in self.backfills],
            "notes": self.notes,
        }

    def _settle(self, checks: Sequence[str]) -> None:
        for check in checks:
            failed = any(f.check == check for f in self.findings)
            self.checks[check] = "failed" if failed else "ok"


def check_sqlite_file(path: Path) -> list[Finding]:
    """SQLite's own consistency check of an events file (read-only); empty when sound."""
    if not path.exists():
        return []
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
        ) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return [Finding("storage", f"the events file cannot be read: {exc}")]
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    return [Finding("storage", f"the events file is damaged: {p}") for p in problems[:20]]


def check_postgres_store(recorder: Any) -> tuple[list[Finding], list[str]]:
    """PostgreSQL's counterpart of ``PRAGMA quick_check`` for the event store (read-only):
    findings (empty when sound) and notes saying how far the check went.

    Always: every row of the events and chain tables is read by a sequential scan, with each
    event's state column detoasted (a damaged page or TOAST value is an error here); the same
    rows are counted through each table's B-tree indexes, which must hold as many; and no
    notification id may lie beyond the id sequence (the next append would reuse it). With the
    ``amcheck`` extension installed in the database, also ``bt_index_check(index, true)`` on
    every B-tree index of those tables: each index is well-formed and indexes every row."""
    import psycopg
    from psycopg.sql import SQL, Identifier

    schema = recorder.datastore.schema
    events = recorder.events_table_name
    tables = [events, CHAIN_TABLE]
    findings: list[Finding] = []
    notes: list[str] = []

    def qualified(table: str) -> Any:
        return SQL("{0}.{1}").format(Identifier(schema), Identifier(table))

    try:
        with recorder.datastore.get_connection() as conn, conn.transaction(force_rollback=True):
            curs = conn.cursor()
            for table in tables:
                name = f"{schema}.{table}"
                curs.execute("SELECT to_regclass(%s) AS oid", [name])
                if curs.fetchone()["oid"] is None:
                    continue
                for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan"):
                    curs.execute(SQL("SET LOCAL {0} = off").format(Identifier(setting)))
                detoast = ", bool_and(md5(state) IS NOT NULL) AS read" if table == events else ""
                curs.execute(
                    SQL("SELECT count(*) AS rows{0} FROM {1}").format(
                        SQL(detoast), qualified(table)
                    )
                )
                rows = int(curs.fetchone()["rows"])
                curs.execute("SET LOCAL enable_seqscan = off")
                curs.execute("SET LOCAL enable_indexscan = on")
                curs.execute("SET LOCAL enable_indexonlyscan = on")
                curs.execute(
                    "SELECT c.relname AS index, array_agg(a.attname ORDER BY k.ord) AS columns "
                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_am m ON m.oid = c.relam "
                    "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
                    "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                    "WHERE i.indrelid = %s::regclass AND m.amname = 'btree' AND i.indpred IS NULL "
                    "GROUP BY c.relname ORDER BY c.relname",
                    [name],
                )
                for index in curs.fetchall():
                    columns = SQL(", ").join(Identifier(c) for c in index["columns"])
                    curs.execute(
                        SQL(
                            "SELECT count(*) AS rows FROM (SELECT {0} FROM {1} ORDER BY {0}) s"
                        ).format(columns, qualified(table))
                    )
                    counted = int(curs.fetchone()["rows"])
                    if counted != rows:
                        findings.append(
                            Finding(
                                "storage",
                                f"index {index['index']} of {table} holds {counted} rows, "
                                f"the table {rows}",
                            )
                        )
                curs.execute("RESET enable_seqscan")
                for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan"):
                    curs.execute(SQL("RESET {0}").format(Identifier(setting)))
            curs.execute(
                SQL("SELECT coalesce(max(notification_id), 0) AS top FROM {0}").format(
                    qualified(events)
                )
            )
            top = int(curs.fetchone()["top"])
            curs.execute(
                "SELECT pg_get_serial_sequence(%s, 'notification_id') AS seq",
                [f'"{schema}"."{events}"'],
            )
            sequence = curs.fetchone()["seq"]
            if sequence is not None:
                curs.execute(SQL("SELECT last_value, is_called FROM {0}").format(SQL(sequence)))
                row = curs.fetchone()
                last = int(row["last_value"]) if row["is_called"] else int(row["last_value"]) - 1
                if top > last:
                    findings.append(
                        Finding(
                            "storage",
                            f"the events table holds notification id {top}, beyond its "
                            f"sequence ({sequence} is at {last}): the next append would reuse "
                            "an id",
                        )
                    )
            findings.extend(_amcheck(conn, curs, schema, tables, notes))
    except psycopg.Error as exc:
        findings.append(Finding("storage", f"the event store cannot be read: {exc}"))
    return findings, notes


def _amcheck(
    conn: Any, curs: Any, schema: str, tables: list[str], notes: list[str]
) -> list[Finding]:
    """``bt_index_check(index, heapallindexed => true)`` on each B-tree index of the tables,
    when the amcheck extension is installed and may be used; else a note saying so."""
    import psycopg
    from psycopg.sql import SQL, Identifier

    curs.execute(
        "SELECT n.nspname AS schema FROM pg_extension e "
        "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'"
    )
    row = curs.fetchone()
    if row is None:
        notes.append(
            "storage: PostgreSQL's amcheck extension is not installed in this database, so the "
            "B-tree indexes were only counted, not checked (CREATE EXTENSION amcheck adds it)"
        )
        return []
    check = SQL("{0}.bt_index_check").format(Identifier(row["schema"]))
    findings: list[Finding] = []
    checked = 0
    for table in tables:
        curs.execute(
            "SELECT i.indexrelid::regclass::text AS index FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am m ON m.oid = c.relam "
            "WHERE i.indrelid = to_regclass(%s) AND m.amname = 'btree' ORDER BY 1",
            [f'"{schema}"."{table}"'],
        )
        for (index,) in [tuple(r.values()) for r in curs.fetchall()]:
            try:
                with conn.transaction():
                    curs.execute(SQL("SELECT {0}(%s::regclass, true)").format(check), [index])
                checked += 1
            except psycopg.errors.InsufficientPrivilege:
                notes.append(
                    "storage: amcheck is installed but this role may not run bt_index_check, "
                    "so the B-tree indexes were only counted, not checked"
                )
                return findings
            except psycopg.Error as exc:
                findings.append(Finding("storage", f"index {index} is damaged: {exc}"))
    if not findings:
        notes.append(f"storage: amcheck's bt_index_check passed {checked} B-tree index(es)")
    return findings


def storage_failure(findings: list[Finding]) -> Verification:
    """The result when the events file itself cannot be read: every other check skipped."""
    result = Verification(findings=findings)
    result.checks = {
        "storage": "failed",
        "decode": "skipped",
        "versions": "skipped",
        "chain": "skipped",
        "read_models": "skipped",
    }
    return result


def verify(
    app: TimelineApp,
    views: ReadModels | None,
    *,
    batch: int = 2000,
    heads: Sequence[Head] = (),
    storage: list[Finding] | None = None,
) -> Verification:
    result = Verification()
    if storage is not None:
        result.findings.extend(storage)
        result._settle(["storage"])
    recorder: Any = app.recorder
    chained = hasattr(recorder, "stored_records")  # the chained SQLite or PostgreSQL recorder
    wanted = {head.hash: head for head in heads}
    found: dict[str, int] = {}
    versions: dict[str, int] = {}
    previous_hash = GENESIS
    for page in _pages(app, batch):
        stored = recorder.chain_links(page[0].position, page[-1].position) if chained else {}
        for record in page:
            result.events += 1
            result.head_position = record.position
            originator = _check_row(result, record)
            event = _decode(app, result, record)
            expected = versions.get(originator, 0) + 1
            if record.originator_version != expected:
                result.findings.append(
                    Finding(
                        "versions",
                        f"aggregate {originator} jumps from version {expected - 1} to "
                        f"{record.originator_version}",
                        record.position,
                    )
                )
            if isinstance(record.originator_version, int):
                versions[originator] = record.originator_version
            if not chained:
                continue
            recorded = stored.get(record.position)
            computed = _link(previous_hash, record)
            if computed in wanted:
                found[computed] = record.position
            kind = type(event).__qualname__ if event is not None else str(record.topic)
            if recorded is None:
                result.findings.append(
                    Finding("chain", "event has no hash-chain entry", record.position)
                )
            elif recorded != computed:
                result.findings.append(
                    Finding(
                        "chain",
                        f"event changed since it was appended: {kind} of {originator} "
                        f"version {record.originator_version} does not match its chain hash",
                        record.position,
                    )
                )
            previous_hash = recorded or computed
    if chained:
        for position in recorder.orphaned_links():
            result.findings.append(
                Finding("chain", "event was deleted after it was appended", position)
            )
        result.backfills = recorder.backfills()
    result.aggregates = len(versions)
    result.head_hash = previous_hash if chained and result.events else None
    result._settle(["decode", "versions", "chain"])
    if not chained:
        result.checks["chain"] = "skipped"
    if heads:
        _check_anchors(result, heads, found, chained)
    if views is None:
        result.checks["read_models"] = "skipped"
        return result
    try:
        problems = _compare_read_models(app, views, batch)
    except sqlite3.DatabaseError as exc:  # a damaged read-model file is a finding, not a crash
        problems = [
            f"the read models cannot be read ({exc}); 'timeline rebuild' replaces a damaged file"
        ]
    for problem in problems:
        result.findings.append(Finding("read_models", problem))
    result.checks["read_models"] = "failed" if problems else "ok"
    return result


def _compare_read_models(app: TimelineApp, views: ReadModels, batch: int) -> list[str]:
    views.catch_up()
    with tempfile.TemporaryDirectory(prefix="timeline-verify-") as tmp:
        fresh = ReadModels(app, Path(tmp) / "fresh.sqlite3")
        fresh.catch_up(batch_size=batch)
        problems = compare.differences(compare.dump_tables(views.db), compare.dump_tables(fresh.db))
        problems += compare.schema_differences(views.db, fresh.db)
        fresh.close()
    return problems + compare.index_differences(views.db)


def _pages(app: TimelineApp, batch: int) -> Any:
    """The stored rows as stored (chained recorders), or the library's notifications."""
    recorder: Any = app.recorder
    if hasattr(recorder, "stored_records"):
        start = 1
        while page := recorder.stored_records(start, batch):
            yield page
            start = page[-1].position + 1
        return
    for notifications in app.notifications(0, batch=batch):
        yield [
            StoredRecord(n.id, n.originator_id, n.originator_version, n.topic, n.state)
            for n in notifications
        ]


def _check_row(result: Verification, record: StoredRecord) -> str:
    """The originator id as stored, and findings for columns the library would not read
    back as it wrote them (another storage class, another form of the id)."""
    if isinstance(record.originator_id, UUID):
        return str(record.originator_id)
    for column, expected, found in zip(_COLUMNS, _STORED_TYPES, record.types, strict=True):
        if found != expected:
            result.findings.append(
                Finding(
                    "versions" if column != "state" else "decode",
                    f"{column} is stored as {found}, not {expected}: the library would not "
                    "read this event as it was written",
                    record.position,
                )
            )
    originator = str(record.originator_id)
    if record.types[0] == "text" and not _STORED_ID.fullmatch(originator):
        result.findings.append(
            Finding(
                "versions",
                f"originator id {originator!r} is not stored as 32 lower-case hex digits, the "
                "form the library selects by, so its aggregate no longer sees this event",
                record.position,
            )
        )
    return originator


def _decode(app: TimelineApp, result: Verification, record: StoredRecord) -> Any:
    try:
        originator = (
            record.originator_id
            if isinstance(record.originator_id, UUID)
            else UUID(str(record.originator_id))
        )
        stored = StoredEvent(
            originator_id=originator,
            originator_version=record.originator_version,
            topic=record.topic,
            state=bytes(record.state),
        )
        return app.mapper.to_domain_event(stored)
    except Exception as exc:  # any failure to decode is the finding itself
        result.findings.append(
            Finding(
                "decode", f"event does not decode: {type(exc).__name__}: {exc}", record.position
            )
        )
        return None


def _link(previous: str, record: StoredRecord) -> str:
    state = record.state
    if isinstance(state, str):
        state = state.encode("utf-8", "surrogatepass")
    elif not isinstance(state, bytes | bytearray | memoryview):
        state = str(state).encode()
    originator = record.originator_id
    if not isinstance(originator, UUID):
        originator = str(originator)
    return link(
        previous, record.position, originator, record.originator_version, record.topic, state
    )


def _check_anchors(
    result: Verification, heads: Sequence[Head], found: dict[str, int], chained: bool
) -> None:
    if not chained:
        result.checks["anchor"] = "skipped"
        return
    for head in heads:
        position = found.get(head.hash)
        if position is None:
            if head.position is not None and (result.head_position or 0) < head.position:
                why = (
                    f"the log ends at position {result.head_position or 0}, before the "
                    "head's: it was truncated"
                )
            else:
                why = "the events up to it were changed, deleted or the chain re-hashed"
            result.findings.append(
                Finding("anchor", f"published head {head.hash} is not in this chain: {why}")
            )
        elif head.position is not None and head.position != position:
            result.findings.append(
                Finding(
                    "anchor",
                    f"published head {head.hash} was given for position {head.position} "
                    f"but is the link of position {position}",
                    position,
                )
            )
    result._settle(["anchor"])
