"""The ``json`` format: the report document as versioned JSON.

The shape is published as a JSON Schema in ``timeline/schemas/report.schema.json`` and
documented in docs/reports.md. ``version`` changes only when a field is removed, renamed or
changes meaning; new optional fields keep the version.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from timeline.reports.document import ReportDocument
from timeline.text import dumps

FORMAT = "news-timeline/report"
VERSION = 1


def document(doc: ReportDocument) -> dict[str, Any]:
    subject = doc.subject
    return {
        "format": FORMAT,
        "version": VERSION,
        "subject": {
            "kind": subject.kind,
            "id": subject.id,
            "name": subject.name,
            "title": subject.title,
            "parties": list(subject.parties),
            "aliases": list(subject.aliases),
            "started": subject.started,
        },
        "as_of": doc.as_of,
        "knowledge_time": doc.knowledge_time,
        "knowledge_statement": doc.knowledge_statement,
        "log_position": doc.log_position,
        "summary": doc.summary,
        "figures": list(doc.figures),
        "figure_history": list(doc.figure_history),
        "developments": list(doc.developments),
        "contested": [{"first": a, "second": b} for a, b in doc.contested],
        "sources": [asdict(s) for s in doc.sources],
        "countries": dict(sorted(doc.country_names.items())),
    }


def write(doc: ReportDocument) -> str:
    return dumps(document(doc)) + "\n"
