"""Development versions and the per-country, per-conflict and per-actor timelines.

Tables (all rows carry the knowledge interval ``[valid_from, valid_to)`` in reported time):

* ``development_versions`` - every version of every development; ``valid_to`` is NULL
  while a version is current. The ``developments`` view is the current ones.
* ``country_timeline``, ``conflict_timeline``, ``actor_timeline`` - one row per version and
  country / conflict / actor, indexed so that "timeline of X as known at D" is a range scan.
* ``version_figures`` - casualty figures of each version, per party, category and claimant.
* ``casualty_tally`` - the current tally per conflict, party, category and claimant.

A batch re-folds each development it touches from the projection's own copy of that
development's events (``_development_events``), so a rebuild and an incremental catch-up in
any chunks give identical rows. It rewrites only the versions the batch changes, so the rows
written per event do not grow with a development's history.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

import orjson
from sqlite_utils import Database

from projections import temporal
from projections.base import EventRecord, Projection
from projections.fold import FOLDERS, Version, fold
from projections.tally import current_figure_keys, rebuild_tally, update_tally
from timeline.dates import occurred_label
from timeline.vocabulary import kind_label
from timeline.zones import local_occurred_label

EVENTS = "_development_events"

VERSION_COLUMNS = (
    "version_id",
    "development_id",
    "key",
    "seq",
    "valid_from",
    "valid_to",
    "recorded_at",
    "position",
    "cause",
    "report_id",
    "first_reported_at",
    "kind",
    "kind_label",
    "summary",
    "quote",
    "occurred_start",
    "occurred_end",
    "occurred_precision",
    "occurred_phrase",
    "occurred_anchor",
    "occurred_label",
    "occurred_tz",
    "status",
    "verification",
    "asserted_by",
    "disputed_by",
    "countries",
    "actors",
    "places",
    "conflicts",
    "figures",
    "contradicts",
    "reports",
    "merged_into",
    "merged_from",
    "review_status",
    "revision_notes",
    "counts",
)

#: The version columns that hold JSON lists; queries decode them.
JSON_COLUMNS = (
    "asserted_by",
    "disputed_by",
    "countries",
    "actors",
    "places",
    "conflicts",
    "figures",
    "contradicts",
    "reports",
    "merged_from",
    "revision_notes",
    "counts",
)

LINK_TABLES = {
    "country_timeline": "country",
    "conflict_timeline": "conflict",
    "actor_timeline": "actor",
}


#: The full-text index over the versions' summaries and quotes (sqlite-utils' FTS5 table).
TEXT_INDEX = "development_versions_fts"

#: Labels repeat (whole days, nights), and rendering one parses two dates.
_label = lru_cache(maxsize=1 << 16)(occurred_label)


_SELECT_EVENTS = f"SELECT development_id, position, type, recorded_at, payload FROM {EVENTS}"


def _stored_record(row: tuple[Any, ...]) -> EventRecord:
    """A development event as this projection stored it (a row of ``_SELECT_EVENTS``)."""
    development_id, position, type_, recorded_at, payload = row
    return EventRecord(
        position=position,
        originator_id=development_id,
        originator_version=0,
        type=type_,
        recorded_at=recorded_at,
        payload=orjson.loads(payload),
    )


def _occurred_label(occurred: dict[str, Any]) -> str:
    """The occurred label, in the zone the source gave (UTC beside an hour), if any."""
    if occurred.get("tz") is None:
        return _label(occurred["start"], occurred["end"], occurred["precision"])
    return local_occurred_label(
        occurred["start"], occurred["end"], occurred["precision"], occurred["tz"]
    )


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _dumps(value: Any) -> str:
    """Compact JSON text, non-ASCII kept as is (orjson; the standard library for what orjson
    refuses, such as lone surrogates or integers beyond 64 bits)."""
    if value == []:  # most list columns of most versions (a third of the calls)
        return "[]"
    try:
        return orjson.dumps(value).decode()
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def version_row(version: Version) -> tuple[Any, ...]:
    s = version.state
    occ = s["occurred"]
    return (
        f"{version.development_id}/{version.seq}",
        version.development_id,
        s["key"],
        version.seq,
        version.valid_from,
        version.valid_to,
        version.recorded_at,
        version.position,
        version.cause,
        s["report_id"],
        s["first_reported_at"],
        s["kind"],
        kind_label(s["kind"]),
        s["summary"],
        s["quote"],
        occ["start"],
        occ["end"],
        occ["precision"],
        occ["phrase"],
        occ["anchor"],
        _occurred_label(occ),
        occ.get("tz"),
        s["status"],
        s["claim"]["verification"],
        _dumps(s["claim"]["asserted_by"]),
        _dumps(s["claim"].get("disputed_by", [])),
        _dumps(s["countries"]),
        _dumps(s["actors"]),
        _dumps(s["places"]),
        _dumps(s["conflicts"]),
        _dumps(s["figures"]),
        _dumps(s["contradicts"]),
        _dumps(list(version.reports_added)),
        s.get("merged_into"),
        _dumps(s.get("merged_from", [])),
        (s.get("review") or {}).get("status"),
        _dumps([version.note] if version.note is not None else []),
        _dumps(s.get("counts", [])),
    )


class TimelinesProjection(Projection):
    name = "timelines"
    tables = (
        *(temporal.box_index_name(table) for table in LINK_TABLES),
        EVENTS,
        "development_versions",
        "country_timeline",
        "conflict_timeline",
        "actor_timeline",
        "version_figures",
        "casualty_tally",
    )
    views = (
        "developments",
        "current_figures",
        "latest_figures",
        "country_timelines",
        "development_reports",
        "current_developments",
        "places",
    )
    handles = frozenset(FOLDERS)

    def create(self, db: Database) -> None:
        db.table(EVENTS).create(
            {
                "development_id": str,
                "position": int,
                "type": str,
                "recorded_at": str,
                "payload": str,
            },
            pk=("development_id", "position"),
            if_not_exists=True,
        )
        columns: dict[str, Any] = {name: str for name in VERSION_COLUMNS}
        columns.update(seq=int, position=int)
        db.table("development_versions").create(
            columns,
            pk="version_id",
            foreign_keys=[("report_id", "reports", "id")],
            if_not_exists=True,
        )
        db.table("development_versions").create_index(
            ["development_id", "seq"], unique=True, if_not_exists=True
        )
        db.table("development_versions").create_index(["key"], if_not_exists=True)
        db.table("development_versions").create_index(
            ["valid_to", "occurred_start"], if_not_exists=True
        )
        for table, key in LINK_TABLES.items():
            fks = [("version_id", "development_versions", "version_id")]
            if key == "country":
                fks.append(("country", "countries", "iso3"))
            if key == "conflict":
                fks.append(("conflict", "conflicts", "id"))
            db.table(table).create(
                {
                    key: str,
                    "version_id": str,
                    "development_id": str,
                    "valid_from": str,
                    "valid_to": str,
                    "occurred_start": str,
                    "occurred_end": str,
                    **{name: int for name in temporal.BOX_COLUMNS},
                },
                pk=(key, "version_id"),
                foreign_keys=fks,
                if_not_exists=True,
            )
            db.table(table).create_index([key, "valid_to"], if_not_exists=True)
            db.table(table).create_index(["development_id"], if_not_exists=True)
            temporal.create_box_index(db, table)
        db.table("version_figures").create(
            {
                "version_id": str,
                "idx": int,
                "development_id": str,
                "party": str,
                "category": str,
                "low": int,
                "best": int,
                "high": int,
                "claimant": str,
                "reported_at": str,
                "report_id": str,
                "valid_from": str,
                "valid_to": str,
                "bound": str,
                "provisional": int,
                "includes": str,
                "country": str,
            },
            pk=("version_id", "idx"),
            foreign_keys=[
                ("version_id", "development_versions", "version_id"),
                ("report_id", "reports", "id"),
            ],
            if_not_exists=True,
        )
        db.table("version_figures").create_index(["development_id"], if_not_exists=True)
        db.table("version_figures").create_index(
            ["claimant", "party", "category", "valid_to"], if_not_exists=True
        )
        db.table("casualty_tally").create(
            {
                "conflict": str,
                "party": str,
                "category": str,
                "claimant": str,
                "low": int,
                "best": int,
                "high": int,
                "reported_at": str,
                "report_id": str,
                "development_id": str,
                "bound": str,
                "provisional": int,
                "includes": str,
                "country": str,
            },
            pk=("conflict", "party", "category", "claimant"),
            foreign_keys=[("conflict", "conflicts", "id"), ("report_id", "reports", "id")],
            if_not_exists=True,
        )
        db.create_view(
            "developments",
            "SELECT * FROM development_versions WHERE valid_to IS NULL",
            ignore=True,
        )
        db.create_view(
            "current_figures",
            "SELECT f.* FROM version_figures f WHERE f.valid_to IS NULL",
            ignore=True,
        )
        _create_question_views(db)
        if not db.table(TEXT_INDEX).exists():
            db.table("development_versions").enable_fts(
                ["summary", "quote"], create_triggers=True, replace=True
            )

    def apply(self, db: Database, records: list[EventRecord]) -> None:
        by_development: dict[str, list[EventRecord]] = defaultdict(list)
        for record in records:
            by_development[record.originator_id].append(record)
        # The write side appends revisions only to developments already in the log, so a
        # development whose Reported event is in this batch has no earlier events: it needs
        # no reads and no deletes. Only revised developments are re-read and rewritten.
        revised = sorted(
            d for d, recs in by_development.items() if recs[0].type != "Development.Reported"
        )
        previous_figures = current_figure_keys(db, revised)
        earlier = self._events_of(db, revised)
        self._store_events(db, records)
        # Only the versions that the new events change are folded and rewritten: those from
        # the first new event in knowledge-time order on, and the one before it (its
        # valid_to). For a revision reported after every earlier one (the usual case) that
        # is two versions, whatever the development's history, so the rows written per
        # event stay bounded.
        folded = [
            fold(
                development_id,
                earlier.get(development_id, []) + recs,
                changed_after=max((r.position for r in earlier[development_id]), default=None)
                if development_id in earlier
                else None,
            )
            for development_id, recs in sorted(by_development.items())
        ]
        for versions in folded:
            if versions[0].development_id in earlier:
                self._replace(db, versions, len(earlier[versions[0].development_id]))
        if len(records) >= self.INDEX_AFTER:
            _write_indexed(db, _rows(folded))
        else:
            self._insert(db, folded)
        update_tally(db, set(by_development), previous_figures, folded)

    @staticmethod
    def _replace(db: Database, versions: list[Version], stored: int) -> None:
        """Delete the stored rows of a revised development's versions that ``versions`` (the
        changed ones, from :func:`fold` with ``changed_after``) replace. ``stored`` versions
        (seq 0 to stored - 1) were written before."""
        start = versions[0].seq
        development_id = versions[0].development_id
        stale = [f"{development_id}/{seq}" for seq in range(start, stored)]
        conn = db.conn
        if stored - start == 1:
            # One version: delete its rows by primary key (its link keys are those of its
            # state, unchanged), not by scanning the development's rows.
            rows = _rows([[versions[0]]])
            for table, key in LINK_TABLES.items():
                conn.executemany(
                    f"DELETE FROM {table} WHERE {key} = ? AND version_id = ?",
                    [(row[0], row[1]) for row in rows.links[table]],
                )
        else:
            for chunk in _chunks(stale):
                marks = ", ".join("?" for _ in chunk)
                for table in LINK_TABLES:
                    conn.execute(
                        f"DELETE FROM {table} WHERE development_id = ? AND version_id IN ({marks})",
                        [development_id, *chunk],
                    )
        for chunk in _chunks(stale):
            marks = ", ".join("?" for _ in chunk)
            conn.execute(f"DELETE FROM version_figures WHERE version_id IN ({marks})", chunk)
        conn.execute(
            "DELETE FROM development_versions WHERE development_id = ? AND seq >= ?",
            [development_id, start],
        )

    #: From this many events a batch, the new rows are indexed (FTS, R*Tree) after they
    #: are written, in one statement per index, as the bulk rebuild does, rather than row by
    #: row through the insert triggers.
    INDEX_AFTER = 2000

    # Full rebuilds (projections/bulk.py): store the development events first; then fold
    # each development once, in id order, write its rows and index them; then compute the
    # tally in one query. (Folding in a worker thread while this one writes was measured
    # no faster: each row's insert gives up the GIL and waits to get it back.)

    FOLD_GROUP = 2000  # developments folded, written and indexed per round

    def bulk_apply(self, db: Database, records: list[EventRecord]) -> None:
        self._store_events(db, records)

    def bulk_finish(self, db: Database) -> Iterator[int]:
        cursor = db.conn.execute(f"{_SELECT_EVENTS} ORDER BY development_id, position")
        indexed = _Indexed()
        for groups in _groups(cursor, self.FOLD_GROUP):
            yield indexed.write(db, *_fold_groups(groups))
        rebuild_tally(db)

    @staticmethod
    def _store_events(db: Database, records: list[EventRecord]) -> None:
        db.conn.executemany(
            f"INSERT INTO {EVENTS}(development_id, position, type, recorded_at, payload) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (r.originator_id, r.position, r.type, r.recorded_at, _dumps(r.payload))
                for r in records
            ],
        )

    @staticmethod
    def _events_of(db: Database, development_ids: list[str]) -> dict[str, list[EventRecord]]:
        found: dict[str, list[EventRecord]] = defaultdict(list)
        for chunk in _chunks(development_ids):
            marks = ", ".join("?" for _ in chunk)
            for row in db.execute(
                f"{_SELECT_EVENTS} WHERE development_id IN ({marks}) "
                "ORDER BY development_id, position",
                chunk,
            ):
                found[row[0]].append(_stored_record(row))
        return found

    @staticmethod
    def _delete(db: Database, development_ids: list[str]) -> None:
        for chunk in _chunks(development_ids):
            marks = ", ".join("?" for _ in chunk)
            for table in (*LINK_TABLES, "version_figures", "development_versions"):
                db.conn.execute(f"DELETE FROM {table} WHERE development_id IN ({marks})", chunk)

    @staticmethod
    def _insert(db: Database, folded: list[list[Version]]) -> None:
        _write_rows(db, _rows(folded))


@dataclass
class Rows:
    """The rows that some folded developments add to the timeline tables."""

    versions: list[tuple[Any, ...]] = field(default_factory=list)
    links: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {table: [] for table in LINK_TABLES}
    )
    figures: list[tuple[Any, ...]] = field(default_factory=list)


def _rows(folded: list[list[Version]]) -> Rows:
    """Build the rows of folded developments (pure: no database)."""
    rows = Rows()
    links = rows.links
    for v in (v for versions in folded for v in versions):
        rows.versions.append(version_row(v))
        vid = f"{v.development_id}/{v.seq}"
        s = v.state
        occ = s["occurred"]
        common = (vid, v.development_id, v.valid_from, v.valid_to, occ["start"], occ["end"])
        box = temporal.box(occ["start"], occ["end"], v.valid_from, v.valid_to)
        for value in sorted(set(s["countries"])):
            links["country_timeline"].append((value, *common, temporal.key_id(value), *box))
        for value in sorted(set(s["conflicts"])):
            links["conflict_timeline"].append((value, *common, temporal.key_id(value), *box))
        for value in sorted(set(s["actors"]) | set(s["claim"]["asserted_by"])):
            links["actor_timeline"].append((value, *common, temporal.key_id(value), *box))
        for idx, f in enumerate(s["figures"]):
            rows.figures.append(
                (
                    vid,
                    idx,
                    v.development_id,
                    f["party"],
                    f["category"],
                    f["low"],
                    f["best"],
                    f["high"],
                    f["claimant"],
                    f["reported_at"],
                    f["report_id"],
                    v.valid_from,
                    v.valid_to,
                    f.get("bound"),
                    int(bool(f.get("provisional"))),
                    _dumps(f.get("includes") or []),
                    f.get("country"),
                )
            )
    return rows


_INSERT_VERSION = (
    f"INSERT INTO development_versions({', '.join(VERSION_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in VERSION_COLUMNS)})"
)
_INSERT_LINK = {
    table: f"INSERT INTO {table}({key}, version_id, development_id, valid_from, valid_to, "
    f"occurred_start, occurred_end, {', '.join(temporal.BOX_COLUMNS)}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    for table, key in LINK_TABLES.items()
}
_INSERT_FIGURE = (
    "INSERT INTO version_figures(version_id, idx, development_id, party, category, low, "
    "best, high, claimant, reported_at, report_id, valid_from, valid_to, bound, provisional, "
    "includes, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _groups(cursor: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[list[tuple[Any, ...]]]]:
    """The rows of ``_development_events`` in development order, ``size`` developments at
    a time, one list per development."""
    batch: list[list[tuple[Any, ...]]] = []
    for _, rows in groupby(cursor, key=itemgetter(0)):
        batch.append(list(rows))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fold_groups(groups: list[list[tuple[Any, ...]]]) -> tuple[Rows, int]:
    """Fold developments from their stored events and build their rows (pure)."""
    folded = [fold(rows[0][0], [_stored_record(row) for row in rows]) for rows in groups]
    return _rows(folded), sum(len(rows) for rows in groups)


class _Indexed:
    """Writes rows during a bulk load and indexes them (FTS, R*Tree) straight away, without
    the triggers, which the bulk load has dropped."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {table: 0 for table in ("development_versions", *LINK_TABLES)}

    def write(self, db: Database, rows: Rows, events: int) -> int:
        _write_rows(db, rows)
        fill_text_index(db, after=self.last["development_versions"])
        self.last["development_versions"] = _max_rowid(db, "development_versions")
        for table in LINK_TABLES:
            temporal.fill_box_index(db, table, after=self.last[table])
            self.last[table] = _max_rowid(db, table)
        return events


#: The triggers that index each inserted row; a large batch indexes its rows afterwards.
INSERT_TRIGGERS = (
    f"{TEXT_INDEX[: -len('_fts')]}_ai",
    *(f"{temporal.box_index_name(table)}_insert" for table in LINK_TABLES),
)


def _write_indexed(db: Database, rows: Rows) -> None:
    """Write a large batch's rows with the insert triggers set aside, then index the new
    rows (those above each table's largest rowid before) in one statement per index, and
    put the triggers back: all inside the caller's transaction, so readers never see the
    triggers missing. Deletes keep their triggers."""
    conn = db.conn
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND name IN ({', '.join('?' for _ in INSERT_TRIGGERS)})",
        INSERT_TRIGGERS,
    ).fetchall()
    if len(triggers) != len(INSERT_TRIGGERS):  # not the schema this code expects
        _write_rows(db, rows)
        return
    before = {table: _max_rowid(db, table) for table in ("development_versions", *LINK_TABLES)}
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER [{name}]")
    _write_rows(db, rows)
    fill_text_index(db, after=before["development_versions"])
    for table in LINK_TABLES:
        temporal.fill_box_index(db, table, after=before[table])
    for _, sql in triggers:
        conn.execute(sql)


def fill_text_index(db: Database, *, after: int = 0) -> None:
    """Index the versions after rowid ``after`` in the full-text index in one statement (a
    bulk load, which runs without sqlite-utils' triggers)."""
    db.conn.execute(
        f"INSERT INTO {TEXT_INDEX}(rowid, summary, quote) "
        "SELECT rowid, summary, quote FROM development_versions WHERE rowid > ?",
        [after],
    )


def _max_rowid(db: Database, table: str) -> int:
    return int(db.conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM [{table}]").fetchone()[0])


def _write_rows(db: Database, rows: Rows) -> None:
    conn = db.conn
    conn.executemany(_INSERT_VERSION, rows.versions)
    for table, statement in _INSERT_LINK.items():
        conn.executemany(statement, rows.links[table])
    conn.executemany(_INSERT_FIGURE, rows.figures)


def _create_question_views(db: Database) -> None:
    """Views for the common questions, named for Datasette users (see docs/reports.md).

    ``latest_figures``: each claimant's latest casualty figure per conflict, party and
    category, with names and the source report. ``country_timelines``: the current
    developments under each country, in occurred order. ``development_reports``: every
    event of every development with the report that brought it (one development, many
    reports, like GDELT's mentions table). ``current_developments``: the current
    developments, summary first, with their first country and the sides asserting them (the
    ``timeline_sides`` SQL function of the news-timeline Datasette plugin). ``places``: one
    row per place of a current development, with ``latitude`` and ``longitude`` for map
    plugins.
    """
    db.create_view(
        "development_reports",
        f"""
        SELECT e.development_id, e.position, e.type AS event,
               json_extract(e.payload, '$.report_id') AS report_id,
               json_extract(e.payload, '$.reported_at') AS reported_at, e.recorded_at
        FROM {EVENTS} e
        ORDER BY e.development_id, e.position
        """,
        ignore=True,
    )
    db.create_view(
        "latest_figures",
        """
        SELECT t.conflict, c.name AS conflict_name, t.party, p.name AS party_name, t.category,
               t.low, t.best, t.high, t.bound, t.provisional, t.includes, t.claimant,
               t.reported_at, r.outlet, r.headline, t.report_id, t.development_id
        FROM casualty_tally t
        LEFT JOIN conflicts c ON c.id = t.conflict
        LEFT JOIN countries p ON p.iso3 = t.party
        LEFT JOIN reports r ON r.id = t.report_id
        ORDER BY t.conflict, t.party, t.category, t.claimant
        """,
        ignore=True,
    )
    db.create_view(
        "country_timelines",
        """
        SELECT t.country, c.name AS country_name, v.occurred_label, v.occurred_start,
               v.occurred_end, v.occurred_precision, v.kind_label, v.summary, v.status,
               v.verification, v.valid_from AS reported_at, v.recorded_at, v.development_id,
               v.version_id
        FROM country_timeline t
        JOIN development_versions v ON v.version_id = t.version_id
        LEFT JOIN countries c ON c.iso3 = t.country
        WHERE t.valid_to IS NULL AND v.status != 'merged'
        ORDER BY t.country, v.occurred_start, v.occurred_end, v.kind, v.development_id
        """,
        ignore=True,
    )
    db.create_view(
        "current_developments",
        """
        SELECT v.summary, v.kind_label AS kind, v.occurred_label AS occurred,
               json_extract(v.countries, '$[0]') AS country, v.verification,
               timeline_sides(v.asserted_by, v.occurred_start) AS sides, v.status,
               v.valid_from AS reported_at, v.occurred_start, v.occurred_end,
               v.countries, v.asserted_by, v.places, v.recorded_at, v.development_id,
               v.version_id
        FROM development_versions v
        WHERE v.valid_to IS NULL AND v.status != 'merged'
        ORDER BY v.occurred_start, v.occurred_end, v.kind, v.development_id
        """,
        ignore=True,
    )
    db.create_view(
        "places",
        """
        SELECT json_extract(p.value, '$.name') AS name,
               json_extract(p.value, '$.country') AS country,
               json_extract(p.value, '$.lat') AS latitude,
               json_extract(p.value, '$.lon') AS longitude,
               v.summary, v.kind_label AS kind, v.occurred_label AS occurred, v.verification,
               v.status, v.valid_from AS reported_at, v.occurred_start, v.development_id
        FROM development_versions v, json_each(v.places) p
        WHERE v.valid_to IS NULL AND v.status != 'merged'
        ORDER BY v.occurred_start, name
        """,
        ignore=True,
    )
