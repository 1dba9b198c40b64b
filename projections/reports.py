"""The ``reports`` table: one row per source document."""

from __future__ import annotations

from sqlite_utils import Database

from projections.base import EventRecord, Projection
from timeline.zones import moment_label


class ReportsProjection(Projection):
    name = "reports"
    tables = ("reports",)
    handles = frozenset({"Report.Published"})

    def create(self, db: Database) -> None:
        db.table("reports").create(
            {
                "id": str,
                "outlet": str,
                "url": str,
                "headline": str,
                "published": str,
                "published_offset": str,
                "published_tz": str,
                "published_local": str,
                "language": str,
                "content_hash": str,
                "developments": int,
                "recorded_at": str,
                "position": int,
            },
            pk="id",
            if_not_exists=True,
        )
        db.table("reports").create_index(["published"], if_not_exists=True)

    def apply(self, db: Database, records: list[EventRecord]) -> None:
        db.conn.executemany(
            "INSERT INTO reports(id, outlet, url, headline, published, published_offset, "
            "published_tz, published_local, language, content_hash, developments, "
            "recorded_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.originator_id,
                    r.payload["outlet"],
                    r.payload["url"],
                    r.payload["headline"],
                    r.payload["published"],
                    r.payload["published_offset"],
                    r.payload.get("published_tz"),
                    moment_label(r.payload["published"], r.payload.get("published_tz")),
                    r.payload["language"],
                    r.payload["content_hash"],
                    len(r.payload["development_ids"]),
                    r.recorded_at,
                    r.position,
                )
                for r in records
            ],
        )
