"""Downstream outputs: report formats built from one report document, and the change feed.

Each format is one small module with a ``write(document) -> str`` function; they all take
the :class:`~timeline.reports.document.ReportDocument` that
:func:`~timeline.reports.document.build_document` builds from ``projections.queries``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import timeline.reports.acled as acled
import timeline.reports.json_format as json_format
import timeline.reports.markdown as markdown
import timeline.reports.page as page
import timeline.reports.table as table
import timeline.reports.timelinejs as timelinejs
from timeline.reports.document import ReportDocument, build_document


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable[[ReportDocument], str]
    suffix: str
    description: str


#: The report formats, in one greppable place.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", markdown.write, ".md", "a Markdown brief"),
        Format("html", page.write, ".html", "one self-contained HTML page with a chart"),
        Format("json", json_format.write, ".json", "the versioned report document"),
        Format("csv", table.write, ".csv", "one row per development"),
        Format("acled", acled.write, ".csv", "CSV with ACLED's columns"),
        Format("timelinejs", timelinejs.write, ".json", "TimelineJS3 JSON"),
    )
}


def render(document: ReportDocument, format_name: str) -> str:
    return FORMATS[format_name].write(document)


__all__ = ["FORMATS", "Format", "ReportDocument", "build_document", "render"]
