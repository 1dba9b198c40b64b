"""The ``csv`` format: one row per development, every field flat.

Lists are joined with ``"; "``. Every row carries the report's knowledge time, so a file
states what it knew even when rows are copied elsewhere. Cells are made safe for
spreadsheets by :func:`timeline.reports.escape.spreadsheet`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from timeline.reports.document import ReportDocument
from timeline.reports.escape import spreadsheet
from timeline.serialize import figure_text, revision_line

COLUMNS = (
    "id",
    "version",
    "kind",
    "kind_label",
    "status",
    "summary",
    "quote",
    "occurred_start",
    "occurred_end",
    "occurred_precision",
    "occurred_label",
    "occurred_phrase",
    "occurred_resolved_against",
    "reported_at",
    "first_reported_at",
    "known_until",
    "recorded_at",
    "countries",
    "actors",
    "places",
    "conflicts",
    "asserted_by",
    "verification",
    "disputed_by",
    "figures",
    "contradicts",
    "sources",
    "source_ids",
    "review_status",
    "revision_notes",
    "knowledge_time",
)


def joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


def write_rows(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with a header, every cell through :func:`spreadsheet`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet(row.get(column)) for column in columns])
    return buffer.getvalue()


def row(d: dict[str, Any], doc: ReportDocument) -> dict[str, Any]:
    occ = d["occurred"]
    return {
        "id": d["id"],
        "version": d["version"],
        "kind": d["kind"],
        "kind_label": d["kind_label"],
        "status": d["status"],
        "summary": d["summary"],
        "quote": d["quote"],
        "occurred_start": occ["start"],
        "occurred_end": occ["end"],
        "occurred_precision": occ["precision"],
        "occurred_label": occ["label"],
        "occurred_phrase": occ["phrase"],
        "occurred_resolved_against": occ["resolved_against"],
        "reported_at": d["reported_at"],
        "first_reported_at": d["first_reported_at"],
        "known_until": d["known_until"],
        "recorded_at": d["recorded_at"],
        "countries": joined(d["countries"]),
        "actors": joined(d["actors"]),
        "places": joined(f"{p['name']} ({p['country']})" for p in d["places"]),
        "conflicts": joined(d["conflicts"]),
        "asserted_by": joined(d["claim"]["asserted_by"]),
        "verification": d["claim"]["verification"],
        "disputed_by": joined(d["claim"]["disputed_by"]),
        "figures": joined(
            f"{f['party']} {f['category']} {figure_text(f)} "
            f"per {f['voice']} (reported {f['reported_at']})"
            for f in d["figures"]
        ),
        "contradicts": joined(d["contradicts"]),
        "sources": joined(
            f"[{n}] {doc.sources[n - 1].outlet} {doc.sources[n - 1].published}"
            for n in d["sources"]
        ),
        "source_ids": joined(doc.sources[n - 1].id for n in d["sources"]),
        "review_status": d.get("review_status") or "",
        "revision_notes": joined(revision_line(e) for e in d.get("revision_notes") or []),
        "knowledge_time": doc.knowledge_time,
    }


def write(doc: ReportDocument) -> str:
    return write_rows(COLUMNS, (row(d, doc) for d in doc.developments))
