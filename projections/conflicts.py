"""The ``conflicts`` table and ``conflict_parties``: conflict definitions from the log."""

from __future__ import annotations

import json

from sqlite_utils import Database

from projections.base import EventRecord, Projection


class ConflictsProjection(Projection):
    name = "conflicts"
    tables = ("conflicts", "conflict_parties")
    handles = frozenset({"Conflict.Defined"})

    def create(self, db: Database) -> None:
        db.table("conflicts").create(
            {
                "id": str,
                "name": str,
                "aliases": str,
                "started": str,
                "uuid": str,
                "recorded_at": str,
                "position": int,
            },
            pk="id",
            if_not_exists=True,
        )
        db.table("conflict_parties").create(
            {"conflict": str, "country": str},
            pk=("conflict", "country"),
            foreign_keys=[("conflict", "conflicts", "id"), ("country", "countries", "iso3")],
            if_not_exists=True,
        )

    def apply(self, db: Database, records: list[EventRecord]) -> None:
        db.conn.executemany(
            "INSERT INTO conflicts(id, name, aliases, started, uuid, recorded_at, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.payload["slug"],
                    r.payload["name"],
                    json.dumps(r.payload["aliases"], ensure_ascii=False),
                    r.payload["started"],
                    r.originator_id,
                    r.recorded_at,
                    r.position,
                )
                for r in records
            ],
        )
        db.conn.executemany(
            "INSERT INTO conflict_parties(conflict, country) VALUES (?, ?)",
            # A party listed twice ([ARM, ARM]) is one party: validation now refuses the
            # repeat, but a log written before that holds such events for ever.
            [
                (r.payload["slug"], party)
                for r in records
                for party in dict.fromkeys(r.payload["parties"])
            ],
        )
