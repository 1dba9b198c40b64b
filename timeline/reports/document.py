"""One report document, built from the read models through ``projections.queries``.

Every format writes the same :class:`ReportDocument`: the subject (a conflict, a country or
an actor), the knowledge time it is stated at, the developments as known then (each with
its three times), each side's latest figures, the figures over knowledge time,
contested accounts, and numbered sources. The writers only arrange and escape it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlite_utils import Database

from projections import figure_history, queries
from timeline import serialize


@dataclass(frozen=True)
class Subject:
    """What a report is about: ``kind`` is conflict, country or actor; ``id`` is the conflict
    id, the ISO 3166-1 alpha-3 code or the actor's name."""

    kind: str
    id: str
    name: str
    parties: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    started: str | None = None

    @property
    def title(self) -> str:
        return self.name if self.kind in ("actor", "side") else f"{self.name} ({self.id})"


@dataclass(frozen=True)
class Source:
    """A source document, numbered in publication order within one report."""

    number: int
    id: str
    outlet: str
    headline: str
    url: str | None
    published: str
    published_offset: str | None
    #: The IANA zone the source gave its time in, and that time shown locally with UTC.
    published_tz: str | None = None
    published_local: str | None = None

    @property
    def stated(self) -> str:
        """`` (stated offset +03:00)``, or `` (13 Sep 2022 10:00 MSK (07:00 UTC))`` for a
        time given in a named zone; empty when the source stated neither."""
        if self.published_tz is not None:
            return f" ({self.published_local}, {self.published_tz})"
        return f" (stated offset {self.published_offset})" if self.published_offset else ""


#: The formats written for people (Markdown, HTML) show a development's account side by side
#: with at most this many contradicting accounts, and say how many more pairs there are, so
#: that a report's size stays linear in its input (700 developments that each contradict 200
#: others made a 146 MB page: every pair repeated both accounts in full).
CONTESTED_SHOWN_PER_DEVELOPMENT = 5
#: A development's card in the HTML page links at most this many developments it
#: contradicts, then says "and K more". The JSON and CSV reports list every link.
CONTRADICTS_LINKS_SHOWN = 20


@dataclass(frozen=True)
class ReportDocument:
    subject: Subject
    #: The ``--as-of`` knowledge time, or None for "as known now".
    as_of: str | None
    #: The knowledge time the report states: ``as_of``, or else the latest publication time
    #: in the log (nothing later is known). None only when the log holds no report at all.
    knowledge_time: str | None
    #: The last log position the read models had applied when the report was built.
    log_position: int
    #: Developments as known at ``knowledge_time`` in occurred order, in the shape of
    #: :func:`timeline.serialize.development`, plus ``sources`` (source numbers).
    developments: tuple[dict[str, Any], ...]
    #: Each claimant's latest figure per party and category (``serialize.tally_row`` shape
    #: plus ``source``), never summed.
    figures: tuple[dict[str, Any], ...]
    #: Each claimant's figure over knowledge time (see ``projections.figure_history``).
    figure_history: tuple[dict[str, Any], ...]
    #: Pairs of development ids whose accounts contradict each other, both in this report.
    contested: tuple[tuple[str, str], ...]
    sources: tuple[Source, ...]
    #: Names of the ISO 3166 codes that the report mentions.
    country_names: dict[str, str] = field(default_factory=dict)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {d["id"]: d for d in self.developments}

    def development(self, development_id: str) -> dict[str, Any]:
        return self._by_id[development_id]

    @cached_property
    def contested_shown(self) -> tuple[tuple[str, str], ...]:
        """The contested pairs that the formats for people show side by side: in order, a
        pair is shown while both of its developments are in fewer than
        :data:`CONTESTED_SHOWN_PER_DEVELOPMENT` shown pairs, so each account is repeated a
        bounded number of times. The others are counted, not shown."""
        shown: list[tuple[str, str]] = []
        uses: Counter[str] = Counter()
        for first, second in self.contested:
            if max(uses[first], uses[second]) < CONTESTED_SHOWN_PER_DEVELOPMENT:
                shown.append((first, second))
                uses[first] += 1
                uses[second] += 1
        return tuple(shown)

    def source(self, report_id: str) -> Source:
        return next(s for s in self.sources if s.id == report_id)

    def country(self, code: str) -> str:
        """``ARM (Armenia)`` for an ISO code, or the text itself for anything else."""
        name = self.country_names.get(code)
        return f"{code} ({name})" if name else code

    @property
    def knowledge_statement(self) -> str:
        """The sentence every format uses to state the knowledge time."""
        if self.knowledge_time is None:
            return "As known now: the log holds no reports yet."
        if self.as_of is not None:
            return (
                f"As known at {self.knowledge_time} (UTC): only what was reported by then, "
                "with the revisions known by then."
            )
        return (
            f"As known at {self.knowledge_time} (UTC), the publication time of the latest "
            "report in the log."
        )

    @property
    def headline(self) -> str:
        """The headline summary as plain text: how much is known, what is contested, and
        each side's latest toll. Writers escape it for their format."""
        s = self.summary
        if not s["developments"]:
            return "No developments were known at this knowledge time."
        text = (
            f"{_count(s['developments'], 'development')} from "
            f"{_count(s['sources'], 'source')}; the earliest occurred "
            f"{s['earliest_label']}, the latest {s['latest_label']}"
        )
        if s["retracted"]:
            text += f"; {s['retracted']} retracted"
        text += (
            f". {_count(s['contested_pairs'], 'pair')} of contested accounts; "
            f"{_count(s['disputed'], 'development')} disputed by a named party."
        )
        if self.figures:
            latest = "; ".join(
                f"{self.country(f['party'])} {f['category']} {f['label']} per {f['voice']} "
                f"(reported {f['reported_at']})"
                for f in self.figures
            )
            text += f" Latest casualty figures, each side's own (never summed): {latest}."
        return text

    @property
    def summary(self) -> dict[str, Any]:
        """Counts for the headline summary."""
        developments = self.developments
        statuses = Counter(d["status"] for d in developments)
        occurred = sorted(
            (d["occurred"] for d in developments), key=lambda o: (o["start"], o["end"])
        )
        return {
            "developments": len(developments),
            "retracted": statuses.get("retracted", 0),
            "disputed": sum(1 for d in developments if d["claim"]["disputed_by"]),
            "contested_pairs": len(self.contested),
            "sources": len(self.sources),
            "first_occurred": occurred[0]["start"] if occurred else None,
            "last_occurred": max(o["end"] for o in occurred) if occurred else None,
            "earliest_label": occurred[0]["label"] if occurred else None,
            "latest_label": occurred[-1]["label"] if occurred else None,
            "kinds": dict(sorted(Counter(d["kind"] for d in developments).items())),
        }


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def subject_of(db: Database, query: queries.TimelineQuery) -> tuple[Subject, queries.TimelineQuery]:
    """Resolve the query's conflict, country or actor (raising NotFoundError if unknown)."""
    if query.conflict:
        meta = queries.conflict(db, query.conflict)
        return (
            Subject(
                kind="conflict",
                id=meta["id"],
                name=meta["name"],
                parties=tuple(meta["parties"]),
                aliases=tuple(meta["aliases"]),
                started=meta["started"],
            ),
            query,
        )
    if query.country:
        return Subject("country", query.country, queries.country_name(db, query.country)), query
    assert query.actor is not None or query.side is not None
    display, resolved = queries.with_resolved_actor(db, query)
    kind = "side" if query.side is not None else "actor"
    key = resolved.side if query.side is not None else (query.actor or display)
    return Subject(kind, key or display, display), resolved


def _latest_publication(db: Database, as_of: str | None) -> str | None:
    if as_of is not None:
        return as_of
    row = db.execute("SELECT MAX(published) FROM reports").fetchone()
    return str(row[0]) if row and row[0] else None


def _contested(developments: list[dict[str, Any]]) -> list[tuple[str, str]]:
    order = {d["id"]: i for i, d in enumerate(developments)}
    pairs: set[tuple[str, str]] = set()
    for development in developments:
        for other in development["contradicts"]:
            if other in order and other != development["id"]:
                first, second = sorted((development["id"], other), key=order.__getitem__)
                pairs.add((first, second))
    return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))


def _country_codes(
    subject: Subject, developments: list[dict[str, Any]], figures: list[dict[str, Any]]
) -> set[str]:
    codes = set(subject.parties)
    if subject.kind == "country":
        codes.add(subject.id)
    for d in developments:
        codes.update(d["countries"])
        codes.update(p["country"] for p in d["places"])
        codes.update(f["party"] for f in d["figures"])
    codes.update(f["party"] for f in figures)
    return codes


def build_document(
    db: Database, query: queries.TimelineQuery, *, log_position: int
) -> ReportDocument:
    """Build the report for one conflict, country or actor, as known at ``query.as_of``."""
    subject, query = subject_of(db, query)
    rows = queries.timeline(db, query)
    developments = [serialize.development(row) for row in rows]
    latest = figure_history.latest_figures(rows)
    history = figure_history.figure_history(db, query)

    revisions = figure_history.revision_reports(db, [d["id"] for d in developments], query.as_of)
    cited: list[str] = []
    for d in developments:
        cited.extend(d["reports"])
        cited.extend(revisions[d["id"]])
        cited.extend(f["report_id"] for f in d["figures"])
    cited.extend(f["report_id"] for f in latest)
    cited.extend(p["report_id"] for s in history for p in s["points"] if p["report_id"])
    known = queries.reports(db, cited)
    ordered = sorted(
        {r for r in cited if r in known},
        key=lambda r: (known[r]["published"], known[r]["outlet"], r),
    )
    sources = tuple(
        Source(
            number=n,
            id=rid,
            outlet=known[rid]["outlet"],
            headline=known[rid]["headline"],
            url=known[rid]["url"],
            published=known[rid]["published"],
            published_offset=known[rid]["published_offset"],
            published_tz=known[rid].get("published_tz"),
            published_local=known[rid].get("published_local"),
        )
        for n, rid in enumerate(ordered, start=1)
    )
    number = {s.id: s.number for s in sources}
    for d in developments:
        d["sources"] = sorted(
            {number[r] for r in [*d["reports"], *revisions[d["id"]]] if r in number}
            | {number[f["report_id"]] for f in d["figures"] if f["report_id"] in number}
        )
    figures = [{**serialize.tally_row(f), "source": number.get(f["report_id"])} for f in latest]
    codes = _country_codes(subject, developments, figures)
    names = {
        str(row[0]): str(row[1])
        for row in db.execute(
            f"SELECT iso3, name FROM countries WHERE iso3 IN ({', '.join('?' for _ in codes)})",
            sorted(codes),
        )
    }
    return ReportDocument(
        subject=subject,
        as_of=query.as_of,
        knowledge_time=_latest_publication(db, query.as_of),
        log_position=log_position,
        developments=tuple(developments),
        figures=tuple(figures),
        figure_history=tuple(history),
        contested=tuple(_contested(developments)),
        sources=sources,
        country_names=names,
    )
