"""Terminal rendering with rich. Every piece of article text goes through ``safe``.

``safe`` builds a ``Text`` object directly (no markup or emoji parsing) from cleaned text,
so ``[bold red]``, ``:smile:`` and escape sequences show literally or are stripped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import groupby
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from timeline.serialize import figure_text
from timeline.text import clean


class _TrimmedLines:
    """A text stream that drops the spaces rich pads lines with: piped output then has no
    trailing spaces (rich pads every table row to the table's width)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending.strip(" "):
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def make_console(*, stderr: bool = False) -> Console:
    """A console that never interprets markup or emoji, has no colour when piped, and then
    writes no trailing spaces."""
    stream = sys.stderr if stderr else sys.stdout
    file = None if stream.isatty() else _TrimmedLines(stream)
    return Console(
        file=file,  # type: ignore[arg-type]
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


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


def change_lines(change: str, when: str, summary: str, detail: str) -> RenderableType:
    """One change in knowledge (``timeline diff``): what and when, then the development's
    summary and the change itself, indented; wraps at any width."""
    head = Text()
    head.append_text(safe(change, "bold cyan"))
    head.append("  ")
    head.append_text(safe(when, "dim"))
    body: list[RenderableType] = [safe(summary)]
    if detail:
        body.append(safe(detail))
    return Padding(Group(head, Padding(Group(*body), (0, 0, 0, 2))), (1, 0, 0, 0))


def timeline(
    title: str, subtitle: str, rows: list[dict[str, Any]], tally: list[dict[str, Any]] | None
) -> RenderableType:
    from timeline.zones import local_occurred_group  # not at the top: errors print light

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


def tally_table(rows: list[dict[str, Any]]) -> RenderableType:
    return listing(
        "Casualty figures (latest per side; never summed)",
        ["Party", "Category", "Figure", "Side (and voice)", "Reported"],
        [
            [
                r["party"],
                r["category"],
                figure_text(r),
                r["voice"],
                r["reported_at"][:10],
            ]
            for r in rows
        ],
        no_wrap=("Party", "Category", "Figure", "Reported"),
    )


def listing(
    title: str,
    columns: list[str],
    rows: list[list[object]],
    *,
    no_wrap: tuple[str, ...] = (),
    fold: tuple[str, ...] = (),
    caption: str = "",
) -> RenderableType:
    """A compact table for listings that fits the terminal's width.

    ``no_wrap`` columns (ids, positions, dates) are never shortened; other columns wrap
    between words and are never narrower than their longest word while the table can fit;
    ``fold`` columns (long identifiers such as UUIDs) may be broken anywhere, and give up
    their width first. A ``caption`` is printed below, wrapped to the width.
    """
    table = _Listing(title, columns, [[_cell(cell) for cell in row] for row in rows], no_wrap, fold)
    return Group(table, safe(caption, "dim")) if caption else table


class _Listing:
    def __init__(
        self,
        title: str,
        columns: list[str],
        rows: list[list[Text]],
        keep: tuple[str, ...],
        fold: tuple[str, ...],
    ) -> None:
        self.title = title
        self.columns = columns
        self.rows = rows
        self.keep = keep
        self.fold = fold

    def widths(self, width: int) -> list[int]:
        """Each column's width for a terminal ``width`` wide (see :func:`listing`)."""
        lowest: list[int] = []
        natural: list[int] = []
        for i, column in enumerate(self.columns):
            lines = [line for row in self.rows for line in row[i].plain.split("\n")]
            widest = max((cell_len(line) for line in lines), default=0)
            header_word = max(cell_len(word) for word in column.split())
            word = max((cell_len(w) for line in lines for w in line.split()), default=0)
            natural.append(max(widest, cell_len(column)))
            if column in self.keep:  # a kept column's header is kept whole too
                lowest.append(max(widest, cell_len(column)))
            elif column in self.fold:
                lowest.append(max(min(widest, 8), header_word))
            else:
                lowest.append(max(word, header_word))
        room = width - _overhead(len(self.columns))
        if sum(natural) <= room:
            return natural
        widths = list(lowest)
        spare = room - sum(widths)
        if spare < 0:  # even the least is too wide: folded columns give way, then the rest
            for group in (self.fold, [c for c in self.columns if c not in self.keep]):
                for i, column in enumerate(self.columns):
                    if column in group and spare < 0:
                        give = min(widths[i] - 4, -spare)
                        if give > 0:
                            widths[i] -= give
                            spare += give
            return widths
        # Share the spare width among the columns that can use it, in proportion to need.
        needs = [natural[i] - widths[i] for i in range(len(widths))]
        total_need = sum(needs)
        for i, need in enumerate(needs):
            widths[i] += need * spare // total_need if total_need else 0
        leftover = room - sum(widths)
        for i in sorted(range(len(widths)), key=lambda i: -needs[i]):
            if leftover <= 0:
                break
            if natural[i] > widths[i]:
                widths[i] += 1
                leftover -= 1
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        table = Table(
            title=safe(self.title) if self.title else None,
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            show_edge=False,
        )
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(
                column,
                width=width,
                no_wrap=column in self.keep,
                overflow="fold",
            )
        for row in self.rows:
            table.add_row(*row)
        yield table


def _overhead(columns: int) -> int:
    """What a listing's table adds to its columns' widths: one space of padding on each
    inner side of a cell, and a one-character divider between columns."""
    return 2 * (columns - 1) + (columns - 1)


def _cell(cell: object) -> Text:
    """A table cell; a tuple is several lines, each cleaned separately."""
    if isinstance(cell, tuple):
        return Text("\n").join(safe(line) for line in cell if line)
    return safe("" if cell is None else cell)
