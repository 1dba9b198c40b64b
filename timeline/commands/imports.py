"""``timeline import acled|ucdp``: dataset snapshots as developments and revisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from timeline.application import DEFAULT_BATCH_SIZE
from timeline.commands.options import (
    echo_json,
    home_options,
    json_option,
    open_session,
    progress_bar,
)
from timeline.imports import Dataset, import_snapshot
from timeline.imports import acled as acled_rows
from timeline.imports import ucdp as ucdp_rows
from timeline.text import clean

F = TypeVar("F", bound=Callable[..., Any])


@click.group(name="import")
def import_group() -> None:
    """Import a snapshot of a conflict dataset (ACLED, UCDP GED) as developments.

    Each row becomes a development; a later snapshot of the same dataset appends revisions
    for what changed and retracts rows that left it, so `replay --as-of` answers what the
    dataset said at a date and `diff` shows what it changed. See: timeline docs imports.

    Example: timeline import acled fixtures/imports/acled-2022-09-20.csv --snapshot 2022-09-20
    """


def snapshot_options(command: F) -> F:
    for option in reversed(
        (
            click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
            click.option(
                "--snapshot",
                metavar="DATE",
                required=True,
                help="When the dataset said this: the download or release date, the knowledge "
                "time of every row. No zone means UTC; a bare date means the end of that day. "
                "Snapshots of a dataset must be imported in order.",
            ),
            click.option(
                "--partial",
                is_flag=True,
                help="The file is an export of some countries only: rows absent from it are "
                "retracted only in the countries it has (always only within its dates).",
            ),
            click.option(
                "--batch-size",
                type=click.IntRange(min=1),
                default=DEFAULT_BATCH_SIZE,
                show_default=True,
                help="Rows appended per transaction (each row is still all or nothing).",
            ),
            json_option,
        )
    ):
        command = option(command)
    return command


def run_import(
    dataset: Dataset,
    file: Path,
    snapshot: str,
    partial: bool,
    batch_size: int,
    as_json: bool,
    home: Path | None,
    store: str | None,
) -> None:
    errors: list[str] = []

    def report_error(message: str) -> None:
        errors.append(message)
        click.echo(clean(message), err=True)

    with open_session(home, store) as session:
        with progress_bar("Catching up") as tick:
            views = session.fresh_views(progress=tick)
        with progress_bar(f"Importing {file.name}") as tick:
            summary = import_snapshot(
                session.app,
                views.db,
                dataset,
                file,
                snapshot,
                on_error=report_error,
                tick=(lambda done, total: tick(done, total)) if tick else None,
                batch_size=batch_size,
                partial=partial,
            )
    if as_json:
        echo_json(
            {
                "file": str(file),
                "dataset": dataset.name,
                "snapshot": snapshot,
                "rows": summary.rows,
                "new": summary.new,
                "revised": summary.revised,
                "unchanged": summary.unchanged,
                "retracted": summary.retracted,
                "failed": summary.failed,
                "events": summary.events,
                "errors": summary.errors,
            }
        )
    else:
        click.echo(summary.line(file, dataset, snapshot))
    if summary.failed:
        raise SystemExit(3)


@import_group.command(name="acled")
@snapshot_options
@home_options
def acled(
    file: Path,
    snapshot: str,
    partial: bool,
    batch_size: int,
    as_json: bool,
    home: Path | None,
    store: str | None,
) -> None:
    """Import an ACLED export (CSV, ACLED's columns) as a snapshot taken at --snapshot.

    Example: timeline import acled fixtures/imports/acled-2022-09-20.csv --snapshot 2022-09-20
    """
    run_import(acled_rows.DATASET, file, snapshot, partial, batch_size, as_json, home, store)


@import_group.command(name="ucdp")
@snapshot_options
@home_options
def ucdp(
    file: Path,
    snapshot: str,
    partial: bool,
    batch_size: int,
    as_json: bool,
    home: Path | None,
    store: str | None,
) -> None:
    """Import a UCDP GED file (CSV, the GED codebook's columns) as a snapshot (release).

    Example: timeline import ucdp fixtures/imports/ged-23.1-sample.csv --snapshot 2023-06-20
    """
    run_import(ucdp_rows.DATASET, file, snapshot, partial, batch_size, as_json, home, store)
