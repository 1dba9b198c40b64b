"""The Python API: a small facade over the queries the CLI uses, for notebooks and scripts.

    >>> import timeline
    >>> with timeline.open_home("~/news") as home:
    ...     known = home.timeline(conflict="armenia-azerbaijan", as_of="2022-09-14")
    ...     frame = known.to_pandas()

Dates follow the CLI's rules (:func:`timeline.dates.parse_instant`): no zone means UTC, and a
bare date as a knowledge time means the end of that day. Results are typed, frozen records in
a :class:`Records` list; ``to_pandas()`` turns one into a DataFrame when pandas is installed
(``pip install 'news-timeline[pandas]'``). Errors are the CLI's: subclasses of
:class:`timeline.errors.TimelineError`. See ``docs/python.md`` (``timeline docs python``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from uuid import UUID

from projections import queries
from timeline import serialize
from timeline.application import IngestResult
from timeline.dates import parse_instant
from timeline.dispatch import load_dispatch, parse_document
from timeline.errors import UsageError
from timeline.session import Session
from timeline.store import resolve_home

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Change",
    "Development",
    "Figure",
    "History",
    "Home",
    "Records",
    "TrailEntry",
    "open_home",
    "sample_dispatches",
]

Moment = str | date | datetime
R = TypeVar("R")

#: Columns of a DataFrame that hold times: parsed as UTC timestamps by ``to_pandas()``.
_TIME_COLUMNS = (
    "occurred_start",
    "occurred_end",
    "reported_at",
    "first_reported_at",
    "recorded_at",
    "known_until",
)


class Records(list[R], Generic[R]):
    """A list of typed records that can become a pandas DataFrame."""

    def to_pandas(self) -> pandas.DataFrame:
        """One row per record, one column per field; times as UTC timestamps. Nested
        records (a development's figures) stay as Python objects in their column."""
        try:
            import pandas
        except ImportError:
            raise UsageError(
                "DataFrames need pandas: pip install 'news-timeline[pandas]'"
            ) from None
        rows = [_flat(record) for record in self]
        frame = pandas.DataFrame(rows)
        for column in _TIME_COLUMNS:
            if column in frame.columns:
                frame[column] = pandas.to_datetime(frame[column], utc=True, format="ISO8601")
        return frame


def _flat(record: Any) -> dict[str, Any]:
    if is_dataclass(record) and not isinstance(record, type):
        return {f.name: getattr(record, f.name) for f in fields(record)}
    return dict(record)


@dataclass(frozen=True)
class Figure:
    """A casualty figure: its values, who gave it (``voice``) and the side it speaks for."""

    party: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    label: str
    claimant: str
    side: str | None
    side_name: str | None
    voice: str | None
    reported_at: str
    report_id: str | None
    development_id: str | None

    @classmethod
    def of(cls, row: Mapping[str, Any], development_id: str | None = None) -> Figure:
        return cls(
            party=row["party"],
            category=row["category"],
            low=row.get("low"),
            best=row.get("best"),
            high=row.get("high"),
            label=serialize.figure_label(row.get("low"), row.get("best"), row.get("high")),
            claimant=row["claimant"],
            side=row.get("side"),
            side_name=row.get("side_name"),
            voice=row.get("voice", row["claimant"]),
            reported_at=row["reported_at"],
            report_id=row.get("report_id"),
            development_id=row.get("development_id", development_id),
        )


@dataclass(frozen=True)
class Development:
    """One development as known at the query's knowledge time (one version of it)."""

    id: str
    version: int
    kind: str
    kind_label: str
    summary: str
    status: str
    occurred_start: str
    occurred_end: str
    occurred_precision: str
    occurred_label: str
    reported_at: str
    first_reported_at: str
    recorded_at: str
    countries: tuple[str, ...]
    conflicts: tuple[str, ...]
    actors: tuple[str, ...]
    asserted_by: tuple[str, ...]
    verification: str
    disputed_by: tuple[str, ...]
    figures: tuple[Figure, ...]
    review_status: str | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Development:
        return cls(
            id=row["development_id"],
            version=row["seq"],
            kind=row["kind"],
            kind_label=row["kind_label"],
            summary=row["summary"],
            status=row["status"],
            occurred_start=row["occurred_start"],
            occurred_end=row["occurred_end"],
            occurred_precision=row["occurred_precision"],
            occurred_label=row["occurred_label"],
            reported_at=row["valid_from"],
            first_reported_at=row["first_reported_at"],
            recorded_at=row["recorded_at"],
            countries=tuple(row["countries"]),
            conflicts=tuple(row["conflicts"]),
            actors=tuple(row["actors"]),
            asserted_by=tuple(row["asserted_by"]),
            verification=row["verification"],
            disputed_by=tuple(row["disputed_by"]),
            figures=tuple(Figure.of(f, row["development_id"]) for f in row["figures"]),
            review_status=row.get("review_status"),
        )


@dataclass(frozen=True)
class Change:
    """One thing that became known between two knowledge times (``Home.diff``)."""

    change: str  # new, figure, corrected, retracted, merged, disputed, corroborated
    detail: str
    development: Development
    figure: Figure | None = None
    previous: Figure | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class TrailEntry:
    """One event in a development's history."""

    event: str
    reported_at: str
    recorded_at: str
    version: int
    outlet: str | None
    headline: str | None
    url: str | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class History:
    """A development's whole trail, and each figure's claimed values over time."""

    development_id: str
    current: Development | None
    trail: Records[TrailEntry]
    figures: dict[str, Records[dict[str, Any]]]


class Home:
    """A data directory (or store) opened for reading and appending. Use it as a context
    manager, or call :meth:`close`."""

    def __init__(
        self, home: str | os.PathLike[str] | None = None, store: str | None = None
    ) -> None:
        if home is not None:
            home = Path(home).expanduser()
        self._session = Session(resolve_home(home, store))

    @property
    def path(self) -> Path:
        return self._session.home.root

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Home:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # Reading ------------------------------------------------------------------------------

    def _db(self, recorded_as_of: Moment | None = None) -> Any:
        if recorded_as_of is not None:
            return self._session.views_recorded_as_of(_when(recorded_as_of)).db
        return self._session.fresh_views().db

    def timeline(
        self,
        *,
        conflict: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        side: str | None = None,
        as_of: Moment | None = None,
        occurred_from: Moment | None = None,
        occurred_to: Moment | None = None,
        recorded_as_of: Moment | None = None,
    ) -> Records[Development]:
        """The developments of a conflict, country, actor or side (all without one), in
        occurred order, as known at ``as_of`` (now by default): ``timeline show``."""
        db = self._db(recorded_as_of)
        query = _query(db, conflict, country, actor, side, as_of, occurred_from, occurred_to)
        return Records(Development.of(row) for row in queries.timeline(db, query))

    def figures(
        self,
        *,
        conflict: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        side: str | None = None,
        as_of: Moment | None = None,
        occurred_from: Moment | None = None,
        occurred_to: Moment | None = None,
        recorded_as_of: Moment | None = None,
    ) -> Records[Figure]:
        """Each side's latest figure per party and category: ``timeline figures``."""
        db = self._db(recorded_as_of)
        query = _query(
            db, conflict, country, actor, side, as_of, occurred_from, occurred_to, required=True
        )
        return Records(Figure.of(row) for row in queries.tally_for(db, query))

    def diff(
        self,
        since: Moment,
        until: Moment,
        *,
        conflict: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        side: str | None = None,
    ) -> Records[Change]:
        """What became known after ``since`` up to ``until``: ``timeline diff``."""
        d1, d2 = _when(since), _when(until)
        if d2 < d1:
            raise UsageError("until must not be before since")
        db = self._db()
        query = _query(db, conflict, country, actor, side, None, None, None)
        return Records(
            Change(
                change=c["change"],
                detail=c["detail"],
                development=Development.of(c["row"]),
                figure=Figure.of(c["figure"]) if c.get("figure") else None,
                previous=Figure.of(c["previous"]) if c.get("previous") else None,
                old=c.get("old"),
                new=c.get("new"),
            )
            for c in queries.diff(db, query, d1, d2)
        )

    def history(self, development: str) -> History:
        """One development's trail (by id, 8+ character id prefix or key): ``timeline
        history``."""
        from timeline.commands.audit import development_history

        db = self._db()
        development_id = queries.resolve_development(db, development)
        record = development_history(self._session, development_id)
        versions = queries.versions(db, development_id)
        return History(
            development_id=development_id,
            current=Development.of(versions[-1]) if versions else None,
            trail=Records(
                TrailEntry(
                    event=e["event"],
                    reported_at=e["reported_at"],
                    recorded_at=e["recorded_at"],
                    version=e["version"],
                    outlet=e["report"]["outlet"],
                    headline=e["report"]["headline"],
                    url=e["report"]["url"],
                    detail={
                        k: v
                        for k, v in e.items()
                        if k not in ("event", "reported_at", "recorded_at", "version", "report")
                    },
                )
                for e in record["trail"]
            ),
            figures={key: Records(claims) for key, claims in record["figures"].items()},
        )

    def conflicts(self) -> Records[dict[str, Any]]:
        """The conflicts in the log, with counts and date ranges: ``timeline conflicts``."""
        return Records(queries.conflicts(self._db()))

    def countries(self) -> Records[dict[str, Any]]:
        """The countries developments name: ``timeline countries``."""
        return Records(queries.countries(self._db()))

    def actors(self, *, unresolved: bool = False) -> Records[dict[str, Any]]:
        """The actors developments name, grouped by resolved actor: ``timeline actors``."""
        return Records(queries.actors(self._db(), unresolved=unresolved))

    # Appending ----------------------------------------------------------------------------

    def append(self, dispatch: str | os.PathLike[str] | Mapping[str, Any]) -> IngestResult:
        """Append one dispatch: a file (YAML or JSON) or a mapping in the dispatch format
        (``timeline docs dispatch-format``), validated exactly like ``timeline ingest``.
        Appending a report already in the log appends nothing (``result.skipped``)."""
        if isinstance(dispatch, Mapping):
            parsed = parse_document(_plain(dispatch), "<python>")
        else:
            parsed = load_dispatch(Path(dispatch).expanduser())
        return self._session.app.ingest(parsed)


def open_home(home: str | os.PathLike[str] | None = None, store: str | None = None) -> Home:
    """Open a data directory like ``--home`` (and ``--store``) does; without one, the
    ``TIMELINE_HOME`` directory or the per-user default."""
    return Home(home, store)


def sample_dispatches() -> list[Path]:
    """The dispatches bundled with the package, in the order to append them: the seed
    report of 13 Sep 2022, a second conflict, then a series of revisions (14 to 16 Sep)."""
    from importlib import resources

    demo = resources.files("timeline").joinpath("demo")
    found: list[Path] = []
    for folder in ("dispatches", "series"):
        place = demo.joinpath(folder)
        found += sorted(Path(str(f)) for f in place.iterdir() if f.name.endswith(".yaml"))
    return found


def _when(value: Moment, date_means: str = "end") -> str:
    """A moment by the CLI's date rules, as a UTC ISO string."""
    return parse_instant(value, date_means=date_means).iso


def _query(
    db: Any,
    conflict: str | None,
    country: str | None,
    actor: str | None,
    side: str | None,
    as_of: Moment | None,
    occurred_from: Moment | None,
    occurred_to: Moment | None,
    *,
    required: bool = False,
) -> queries.TimelineQuery:
    chosen = [o for o in (conflict, country, actor, side) if o]
    if len(chosen) > 1 or (required and not chosen):
        raise UsageError("give exactly one of conflict, country, actor or side")
    query = queries.TimelineQuery(
        conflict=conflict,
        country=country.upper() if country else None,
        actor=actor,
        side=side,
        as_of=_when(as_of) if as_of is not None else None,
        occurred_from=_when(occurred_from, "start") if occurred_from is not None else None,
        occurred_to=_when(occurred_to) if occurred_to is not None else None,
    )
    if query.conflict:
        queries.conflict(db, query.conflict)  # an unknown conflict is NotFoundError
    elif query.country:
        queries.country_name(db, query.country)
    if query.actor or query.side:
        _, query = queries.with_resolved_actor(db, query)
    return query


def _plain(value: Any) -> Any:
    """A mapping as the YAML loader would give it: dates as ISO strings, tuples as lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def records(items: Iterable[R]) -> Records[R]:
    """Wrap any iterable of records (for example a filtered list) as :class:`Records`."""
    return Records(items)
