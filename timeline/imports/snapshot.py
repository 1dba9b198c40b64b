"""One snapshot of a dataset, streamed into the log as dispatches.

For each row the dataset states, the log gets at most one dispatch, whose report is the
dataset at the snapshot time (``outlet`` the dataset's name, ``published`` the snapshot,
``headline`` naming the row): its report id is a pure function of dataset, snapshot and
row. The development's key is the dataset's slug and the row's id (``acled-arm1234``).

* A row the log has never seen becomes a new development.
* A row whose development is in the log (and not retracted) is compared with it: changed
  figures become ``revise_figure`` revisions (a figure that is gone is revised to 0),
  changed kind, summary, occurred time, countries or places one ``correct`` revision, and an
  unchanged row appends nothing.
* A development of the dataset whose row is absent from the snapshot is retracted, when the
  file covers it: it starts within the file's range of occurred times (an export of one
  month retracts nothing in others) and, for a ``partial`` file (an export of some
  countries), one of its countries is in the file.

So importing the same snapshot twice appends nothing, and ``replay --as-of`` a snapshot's
time answers "what did the dataset say then". Snapshots must come in order: one older than
the latest imported would rewrite history out of order, and is refused.

Rows are read lazily, a batch at a time; what the log holds is read from the read models
(caught up before the import starts) for each batch's keys only. Memory holds one batch
and the set of row ids seen (for the retractions).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlite_utils import Database

from timeline.application import IngestFailure, IngestResult, TimelineApp
from timeline.dates import iso, occurred_interval, parse_instant
from timeline.dispatch import FORMAT, Dispatch, parse_document
from timeline.errors import DispatchError, TimelineError, UsageError

#: Rows read, compared and written per transaction.
BATCH_SIZE = 500


@dataclass(frozen=True)
class RowRecord:
    """One dataset row: its id in the dataset and the development it states (a dispatch
    ``developments`` entry without ``key``)."""

    row_id: str
    line: int
    development: dict[str, Any]


class RowError(DispatchError):
    """A row that cannot be read: names the file and line, the column and what was expected."""


@dataclass(frozen=True)
class Dataset:
    name: str  # the outlet of its reports: "ACLED", "UCDP GED"
    slug: str  # the prefix of its development keys: "acled", "ucdp-ged"
    id_column: str
    columns: tuple[str, ...]  # the columns a file must have
    parse_row: Callable[[dict[str, str], str], RowRecord]  # (row, "file:line") -> record

    def key(self, row_id: str) -> str:
        return f"{self.slug}-{re.sub(r'[^a-z0-9]+', '-', row_id.lower()).strip('-')}"[:80]


@dataclass
class ImportSummary:
    rows: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    retracted: int = 0
    failed: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, path: Path, dataset: Dataset, snapshot: str) -> str:
        return (
            f"{path}: {dataset.name} snapshot {snapshot}: {self.rows} rows, {self.new} new, "
            f"{self.revised} revised, {self.unchanged} unchanged, {self.retracted} retracted, "
            f"{self.failed} failed; appended {self.events} events"
        )


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary file, for the progress bar."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _rows(reader: csv.DictReader[str], path: Path) -> Iterator[dict[str, str]]:
    """The reader's rows; a line the csv module cannot split (a field over its limit of
    131,072 characters) ends the file with an error naming the line. Rows before it were
    imported; nothing after it is, and nothing is retracted, since the file was not read to
    its end."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DispatchError(
                f"{path}:{reader.line_num + 1}",
                "",
                f"a CSV line it can read ({exc}); the rows before it were imported, none "
                "after it, and no row was retracted",
            ) from None
        yield row


def snapshot_time(value: str) -> str:
    """The snapshot's knowledge time: a date (the end of that day, as everywhere) or a time."""
    try:
        return parse_instant(value, date_means="end").iso
    except TimelineError as exc:
        raise UsageError(f"--snapshot: cannot read {value!r} as a date ({exc})") from None


def latest_snapshot(db: Database, dataset: Dataset) -> str | None:
    row = db.execute("SELECT max(published) FROM reports WHERE outlet = ?", [dataset.name])
    found = row.fetchone()
    return str(found[0]) if found and found[0] else None


def _existing(db: Database, dataset: Dataset, keys: list[str]) -> dict[str, dict[str, Any]]:
    """The current version of each key's development from this dataset, by key (the active
    one when a row was retracted and came back)."""
    if not keys:
        return {}
    marks = ", ".join("?" for _ in keys)
    rows = db.execute(
        f"""
        SELECT v.development_id, v.key, v.kind, v.summary, v.occurred_start, v.occurred_end,
               v.occurred_precision, v.countries, v.places, v.figures, v.status
        FROM development_versions v
        JOIN development_versions f ON f.development_id = v.development_id AND f.seq = 0
        JOIN reports r ON r.id = f.report_id
        WHERE v.valid_to IS NULL AND v.key IN ({marks}) AND r.outlet = ?
        """,
        [*keys, dataset.name],
    )
    columns = [c[0] for c in rows.description]
    found: dict[str, dict[str, Any]] = {}
    for values in rows.fetchall():
        current = dict(zip(columns, values, strict=True))
        if current["status"] == "merged":
            continue
        if current["key"] not in found or current["status"] == "active":
            found[current["key"]] = current
    return found


def _figure_map(figures: list[dict[str, Any]], claimant: str) -> dict[tuple[str, str], Any]:
    found = {}
    for f in figures:
        if f["claimant"] != claimant:
            continue
        low, best, high = f.get("low"), f.get("best"), f.get("high")
        if best is not None and low is None and high is None:
            low = high = best
        found[(f["party"], f["category"])] = (low, best, high)
    return found


def _places(places: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(p["name"], p["country"], p.get("lat"), p.get("lon")) for p in places]


def revisions(
    development: dict[str, Any], current: dict[str, Any], claimant: str
) -> list[dict[str, Any]]:
    """The revisions that bring a development in the log to what the row now states."""
    target = current["development_id"]
    found: list[dict[str, Any]] = []
    old = _figure_map(json.loads(current["figures"] or "[]"), claimant)
    new = _figure_map(development.get("figures", []), claimant)
    for (party, category), values in new.items():
        if old.get((party, category)) != values:
            low, best, high = values
            figure: dict[str, Any] = {"party": party, "category": category}
            bounds = {"low": low, "best": best, "high": high}
            figure.update({k: v for k, v in bounds.items() if v is not None}, claimant=claimant)
            found.append({"action": "revise_figure", "target": target, "figure": figure})
    for party, category in old.keys() - new.keys():
        gone = {"party": party, "category": category, "best": 0, "claimant": claimant}
        found.append({"action": "revise_figure", "target": target, "figure": gone})
    changes: dict[str, Any] = {}
    if development["kind"] != current["kind"]:
        changes["kind"] = development["kind"]
    if development["summary"] != current["summary"]:
        changes["summary"] = development["summary"]
    occ = development["occurred"]
    start, end = occurred_interval(occ["start"], occ.get("end"), occ["precision"])
    if (iso(start), iso(end), occ["precision"]) != (
        current["occurred_start"],
        current["occurred_end"],
        current["occurred_precision"],
    ):
        changes["occurred"] = occ
    if development["countries"] != json.loads(current["countries"] or "[]"):
        changes["countries"] = development["countries"]
    if _places(development.get("places", [])) != _places(json.loads(current["places"] or "[]")):
        changes["places"] = development.get("places", [])
    if changes:
        found.append({"action": "correct", "target": target, "changes": changes})
    for revision in found:
        revision["note"] = "Changed in this snapshot of the dataset."
    return found


def _report(dataset: Dataset, row_id: str, published: str, label: str) -> dict[str, Any]:
    return {
        "outlet": dataset.name,
        "headline": f"{dataset.name} {row_id} as of {label}",
        "published": published,
    }


@dataclass
class _Run:
    app: TimelineApp
    db: Database
    dataset: Dataset
    path: Path
    published: str
    label: str
    summary: ImportSummary
    on_error: Callable[[str], None]
    tick: Callable[[int, int | None], None] | None
    partial: bool = False
    seen: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # the file's scope, for retractions
    first_day: str | None = None
    last_day: str | None = None
    kinds: dict[str, str] = field(default_factory=dict)  # dispatch source -> new/revised/...

    def fail(self, message: str) -> None:
        self.summary.failed += 1
        if len(self.summary.errors) < 1000:
            self.summary.errors.append(message)
        self.on_error(message)

    def records(self) -> Iterator[list[RowRecord]]:
        """Parsed rows, a batch at a time; bad rows are reported and skipped."""
        size = self.path.stat().st_size
        with self.path.open("rb") as raw:
            counter = _CountingReader(raw)
            # Bytes that are not UTF-8 become lone surrogates (U+DC80-U+DCFF), which no UTF-8
            # text holds, so a row that has them is refused alone, with its line.
            text = io.TextIOWrapper(
                io.BufferedReader(counter),
                encoding="utf-8-sig",
                errors="surrogateescape",
                newline="",
            )
            reader = csv.DictReader(text)
            try:
                header = reader.fieldnames or []
            except csv.Error as exc:
                raise UsageError(f"{self.path}:1: not a CSV header ({exc})") from None
            if any(_NOT_UTF8.search(name) for name in header):
                raise UsageError(f"{self.path}:1: the header is not UTF-8 text")
            missing = [c for c in self.dataset.columns if c not in header]
            if missing:
                raise UsageError(
                    f"{self.path}: missing {self.dataset.name} column(s): " + ", ".join(missing)
                )
            batch: list[RowRecord] = []
            for row in _rows(reader, self.path):
                where = f"{self.path}:{reader.line_num}"
                self.summary.rows += 1
                row_id = (row.get(self.dataset.id_column) or "").strip()
                try:
                    if None in row or any(v is None for v in row.values()):
                        raise RowError(where, "", f"{len(reader.fieldnames or [])} columns")
                    if any(_NOT_UTF8.search(v) for v in row.values()):
                        raise RowError(where, "", "UTF-8 text")
                    if not row_id:
                        raise RowError(where, self.dataset.id_column, "the row's id", row_id)
                    if row_id in self.seen:
                        raise RowError(
                            where,
                            self.dataset.id_column,
                            "an id not seen before in this file",
                            row_id,
                        )
                    self.seen.add(row_id)
                    record = self.dataset.parse_row(row, where)
                    self._widen_scope(record)
                    batch.append(record)
                except DispatchError as exc:
                    if row_id:
                        self.seen.add(row_id)  # a row we cannot read is never retracted
                    self.fail(str(exc))
                if len(batch) >= BATCH_SIZE:
                    yield batch
                    batch = []
                    if self.tick:
                        self.tick(counter.count, size)
            if batch:
                yield batch
            if self.tick:
                self.tick(size, size)

    def _widen_scope(self, record: RowRecord) -> None:
        self.countries.update(record.development["countries"])
        occ = record.development["occurred"]
        start, end = occurred_interval(occ["start"], occ.get("end"), occ["precision"])
        if self.first_day is None or iso(start) < self.first_day:
            self.first_day = iso(start)
        if self.last_day is None or iso(end) > self.last_day:
            self.last_day = iso(end)

    def in_scope(self, countries: list[str], start: str) -> bool:
        """Whether the file covers a development: its start is within the file's range of
        occurred times, and, for a partial file, one of its countries is in the file. A file
        that covers one month (or, partial, some countries) says nothing about the others,
        so their rows are not retracted."""
        if self.first_day is None or self.last_day is None:
            return False
        if self.partial and not self.countries & set(countries):
            return False
        return self.first_day <= start < self.last_day

    def dispatches(self) -> Iterator[Dispatch]:
        for batch in self.records():
            existing = _existing(self.db, self.dataset, [self.dataset.key(r.row_id) for r in batch])
            for record in batch:
                yield from self._dispatch(record, existing.get(self.dataset.key(record.row_id)))
        yield from self._retractions()

    def _parse(self, document: dict[str, Any], source: str, kind: str) -> Iterator[Dispatch]:
        try:
            dispatch = parse_document(document, source)
        except DispatchError as exc:
            self.fail(str(exc))
            return
        self.kinds[source] = kind
        yield dispatch

    def _dispatch(self, record: RowRecord, current: dict[str, Any] | None) -> Iterator[Dispatch]:
        source = f"{self.path}:{record.line}"
        report = _report(self.dataset, record.row_id, self.published, self.label)
        key = self.dataset.key(record.row_id)
        if current is None or current["status"] != "active":
            document = {
                "format": FORMAT,
                "report": report,
                "developments": [{"key": key, **record.development}],
            }
            yield from self._parse(document, source, "new")
            return
        changed = revisions(record.development, current, self.dataset.name)
        if not changed:
            self.summary.unchanged += 1
            return
        document = {"format": FORMAT, "report": report, "revisions": changed}
        yield from self._parse(document, source, "revised")

    def _retractions(self) -> Iterator[Dispatch]:
        rows = self.db.execute(
            """
            SELECT v.development_id, v.key, v.countries, v.occurred_start
            FROM development_versions v
            JOIN development_versions f ON f.development_id = v.development_id AND f.seq = 0
            JOIN reports r ON r.id = f.report_id
            WHERE v.valid_to IS NULL AND v.status = 'active' AND r.outlet = ?
            ORDER BY v.key
            """,
            [self.dataset.name],
        )
        prefix = f"{self.dataset.slug}-"
        wanted = {self.dataset.key(row_id) for row_id in self.seen}
        for development_id, key, countries, start in rows:
            if not key.startswith(prefix) or key in wanted:
                continue
            if not self.in_scope(json.loads(countries or "[]"), start):
                continue
            row_id = key.removeprefix(prefix).upper()
            report = _report(self.dataset, row_id, self.published, self.label)
            report["headline"] += ": no longer in the dataset"
            document = {
                "format": FORMAT,
                "report": report,
                "revisions": [
                    {
                        "action": "retract",
                        "target": development_id,
                        "note": f"Not in the {self.dataset.name} snapshot of {self.label}.",
                    }
                ],
            }
            yield from self._parse(document, f"{self.path}: retraction of {key}", "retracted")


def import_snapshot(
    app: TimelineApp,
    db: Database,
    dataset: Dataset,
    path: Path,
    snapshot: str,
    *,
    on_error: Callable[[str], None] = lambda message: None,
    tick: Callable[[int, int | None], None] | None = None,
    batch_size: int = BATCH_SIZE,
    partial: bool = False,
) -> ImportSummary:
    """Import one snapshot file of a dataset (see the module docstring). ``db`` is the read
    models, caught up with the log; ``snapshot`` is the knowledge time, as the user typed it."""
    published = snapshot_time(snapshot)
    latest = latest_snapshot(db, dataset)
    if latest is not None and published < latest:
        raise UsageError(
            f"{path}: snapshot {published} is older than the latest {dataset.name} snapshot "
            f"already imported ({latest}); import snapshots in order"
        )
    summary = ImportSummary()
    run = _Run(
        app, db, dataset, path, published, snapshot.strip(), summary, on_error, tick, partial
    )
    for outcome in app.ingest_many(run.dispatches(), batch_size=batch_size):
        if isinstance(outcome, IngestFailure):
            run.fail(str(outcome.error))
            continue
        assert isinstance(outcome, IngestResult)
        summary.events += outcome.appended
        kind = run.kinds.pop(outcome.source, "new")
        if outcome.appended == 0:
            summary.unchanged += 1
        elif kind == "new":
            summary.new += 1
        elif kind == "revised":
            summary.revised += 1
        else:
            summary.retracted += 1
    return summary
