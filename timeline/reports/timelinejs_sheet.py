"""The ``timelinejs-sheet`` format: Knight Lab's Google Sheets template as CSV.

Most desks author TimelineJS in a Google Sheet with the template's 19 columns; this writes
the same timeline as the ``timelinejs`` JSON in that layout, so it can be imported into
the template (File > Import > Replace current sheet) and edited there, or loaded directly:
TimelineJS3 reads a URL ending in ``.csv`` with the same parser it uses for published sheets
(``readCSVFromURL`` in ``src/js/core/ConfigFactory.js``).

Rows: the title slide (``Type`` = ``title``), one per event, then one per era
(``Type`` = ``era``). Dates are split into the template's parts; ``Time`` is ``HH:MM`` (UTC)
for hour-precise developments. Text cells are HTML, as TimelineJS renders them; a cell that
would start a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final

from timeline.reports.document import ReportDocument
from timeline.reports.escape import spreadsheet
from timeline.reports.options import RenderOptions
from timeline.reports.timelinejs import document

COLUMNS: Final = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Alt Text",
    "Type",
    "Group",
    "Background",
)


def _date_cells(date: dict[str, str] | None, prefix: str) -> dict[str, str]:
    if not date:
        return {}
    cells = {
        f"{prefix}Year": date["year"],
        f"{prefix}Month": date.get("month", ""),
        f"{prefix}Day": date.get("day", ""),
    }
    if "hour" in date:
        cells[f"{prefix}Time"] = f"{int(date['hour']):02d}:{int(date.get('minute', '0')):02d}"
    return cells


def row(slide: dict[str, Any], slide_type: str = "") -> dict[str, str]:
    """One sheet row from a TimelineJS slide (title, event or era)."""
    shown = slide.get("media") or {}
    return {
        **_date_cells(slide.get("start_date"), ""),
        **_date_cells(slide.get("end_date"), "End "),
        "Display Date": slide.get("display_date", ""),
        "Headline": slide["text"].get("headline", ""),
        "Text": slide["text"].get("text", ""),
        "Media": shown.get("url", ""),
        "Media Credit": shown.get("credit", ""),
        "Media Caption": shown.get("caption", ""),
        "Media Thumbnail": shown.get("thumbnail", ""),
        "Alt Text": shown.get("alt", ""),
        "Type": slide_type,
        "Group": slide.get("group", ""),
        "Background": "",
    }


def rows(doc: ReportDocument, options: RenderOptions | None = None) -> list[dict[str, str]]:
    timeline = document(doc, options)
    return [
        row(timeline["title"], "title"),
        *(row(event) for event in timeline["events"]),
        *(row(era, "era") for era in timeline["eras"]),
    ]


def write(doc: ReportDocument, options: RenderOptions | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cells in rows(doc, options):
        writer.writerow([spreadsheet(cells.get(column, "")) for column in COLUMNS])
    return buffer.getvalue()
