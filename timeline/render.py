"""Terminal rendering with rich. Every piece of article text goes through ``safe``.

``safe`` builds a ``Text`` object directly (no markup or emoji parsing) from cleaned text,
so ``[bold red]``, ``:smile:`` and escape sequences show literally or are stripped.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from timeline.serialize import figure_text
from timeline.text import clean
from timeline.zones import local_occurred_group


def make_console(*, stderr: bool = False) -> Console:
    """A console that never interprets markup or emoji, and has no colour when piped."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False)


def safe(text: object, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _join(parts: Iterable[Text], separator: str = ", ") -> Text:
    return Text(separator).join(list(parts))


VERIFICATION_STYLE = {
    "confirmed": "green",
    "claimed": "yellow",
    "disputed": "red",
    "unverified": "magenta",
}


def development_lines(row: dict[str, Any]) -> RenderableType:
    """One development: when and what, summary, places, claim, figures."""
    head = Text()
    head.append_text(safe(row["occurred_label"], "bold"))
    head.append("  ")
    head.append_text(safe(row["kind_label"], "cyan"))
    if row["status"] != "active":
        head.append("  ")
        head.append_text(safe(row["status"].upper(), "bold red"))
    body: list[RenderableType] = [safe(row["summary"])]
    if row["places"]:
        places = Text("Places: ", style="dim")
        places.append_text(_join(safe(f"{p['name']} ({p['country']})") for p in row["places"]))
        body.append(places)
    claim = Text("Claimed by ", style="dim")
    claim.append_text(_join(safe(a) for a in row.get("asserted_sides", row["asserted_by"])))
    claim.append(" · ")
    claim.append_text(safe(row["verification"], VERIFICATION_STYLE.get(row["verification"], "")))
    if row["disputed_by"]:
        claim.append(" · disputed by ", style="dim")
        claim.append_text(_join(safe(a) for a in row["disputed_by"]))
    body.append(claim)
    if row.get("review_status") == "machine-extracted":
        body.append(Text("Machine-extracted, unreviewed", style="italic magenta"))
    if row["figures"]:
        figures = Text("Figures: ", style="dim")
        figures.append_text(
            Text("; ").join(
                safe(f"{f['party']} {f['category']} {figure_text(f)} (per {f['voice']})")
                for f in row["figures"]
            )
        )
        body.append(figures)
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def timeline(
    title: str, subtitle: str, rows: list[dict[str, Any]], tally: list[dict[str, Any]] | None
) -> RenderableType:
    parts: list[RenderableType] = [safe(title, "bold"), safe(subtitle, "dim")]
    if not rows:
        parts.append(Text("No developments match.", style="italic"))
    for heading, group in groupby(
        rows,
        key=lambda r: local_occurred_group(
            r["occurred_start"], r["occurred_end"], r["occurred_precision"], r.get("occurred_tz")
        ),
    ):
        parts.append(Rule(safe(heading, "bold"), align="left", characters="─"))
        for row in group:
            parts.append(Padding(development_lines(row), (0, 0, 1, 1), expand=False))
    if tally:
        parts.append(tally_table(tally))
    return Group(*parts)


def tally_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(
        title=safe("Casualty figures (latest per side; never summed)"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column in ("Party", "Category", "Figure", "Side (and voice)", "Reported"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            safe(r["party"]),
            safe(r["category"]),
            safe(figure_text(r)),
            safe(r["voice"]),
            safe(r["reported_at"][:10]),
        )
    return table


def listing(
    title: str, columns: list[str], rows: list[list[object]], *, no_wrap: tuple[str, ...] = ()
) -> Table:
    """A compact table for listings; ``no_wrap`` columns keep ids and dates whole."""
    table = Table(title=safe(title), box=box.SIMPLE_HEAD, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in no_wrap)
    for row in rows:
        table.add_row(*(_cell(cell) for cell in row))
    return table


def _cell(cell: object) -> Text:
    """A table cell; a tuple is several lines, each cleaned separately."""
    if isinstance(cell, tuple):
        return Text("\n").join(safe(line) for line in cell if line)
    return safe("" if cell is None else cell)
