"""Downstream outputs: report formats built from one report document, and the change feed.

Each format is one small module with a ``write(document) -> str`` function; they all take
the :class:`~timeline.reports.document.ReportDocument` that
:func:`~timeline.reports.document.build_document` builds from ``projections.queries``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import projections  # noqa: F401  # first: sqlite-utils without pandas (see there)
import timeline.reports.acled as acled
import timeline.reports.json_format as json_format
import timeline.reports.markdown as markdown
import timeline.reports.page as page
import timeline.reports.table as table
import timeline.reports.timelinejs as timelinejs
import timeline.reports.timelinejs_sheet as timelinejs_sheet
from timeline.reports.document import ReportDocument, build_document
from timeline.reports.options import RenderOptions

Writer: TypeAlias = Callable[[ReportDocument, RenderOptions], str]


def _plain(write: Callable[[ReportDocument], str]) -> Writer:
    """A writer that takes no options."""
    return lambda document, options: write(document)


@dataclass(frozen=True)
class Format:
    name: str
    write: Writer
    suffix: str
    description: str


#: The report formats, in one greppable place.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", _plain(markdown.write), ".md", "a Markdown brief"),
        Format("html", _plain(page.write), ".html", "one self-contained HTML page with a chart"),
        Format("json", _plain(json_format.write), ".json", "the versioned report document"),
        Format("csv", _plain(table.write), ".csv", "one row per development"),
        Format("acled", _plain(acled.write), ".csv", "CSV with ACLED's columns"),
        Format("timelinejs", timelinejs.write, ".json", "TimelineJS3 JSON"),
        Format(
            "timelinejs-sheet",
            timelinejs_sheet.write,
            ".csv",
            "Knight Lab's TimelineJS Google Sheets template as CSV",
        ),
    )
}


def render(document: ReportDocument, format_name: str, options: RenderOptions | None = None) -> str:
    return FORMATS[format_name].write(document, options or RenderOptions())


__all__ = ["FORMATS", "Format", "RenderOptions", "ReportDocument", "build_document", "render"]
