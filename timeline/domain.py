"""Domain model: the aggregates and their past-tense events.

Every fact enters the log as an immutable event on one of three aggregates:

* :class:`Report` - a source document (article, wire dispatch, statement);
* :class:`Conflict` - a conflict definition (id, name, parties, aliases, start);
* :class:`Development` - one thing that happened in the world, as a report states it.

Ids are deterministic (UUIDv5), so re-ingesting the same dispatch finds the same aggregates.
The library stamps each event with its recorded (system) time in ``timestamp``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

#: Namespace for every deterministic id this engine derives.
NAMESPACE = UUID("5d0e4c3a-8f1e-5b7a-9c2d-1e6f0a4b3c21")


#: Ids are pure functions of their inputs, and bulk ingest derives the same ones many times.
_IDS = lru_cache(maxsize=4096)


@_IDS
def report_id(url: str | None, outlet: str, published: str, headline: str) -> UUID:
    """A report's natural key is its URL; without one, outlet, publication time and headline."""
    natural = url if url else f"{outlet}|{published}|{headline}"
    return uuid5(NAMESPACE, f"report:{natural}")


@_IDS
def development_id(report: UUID, key: str) -> UUID:
    return uuid5(NAMESPACE, f"development:{report}:{key}")


@_IDS
def conflict_id(slug: str) -> UUID:
    return uuid5(NAMESPACE, f"conflict:{slug}")


class Report(Aggregate):
    """A source document. Its knowledge time is ``published``."""

    class Published(Aggregate.Created):
        """Version 2 added ``language`` (ISO 639-1, or None when the dispatch does not say);
        version 3 ``published_tz`` (the IANA zone the time was given in, or None)."""

        class_version = 3

        outlet: str
        url: str | None
        headline: str
        published: str
        published_offset: str | None
        content_hash: str
        development_ids: list[str]
        language: str | None
        published_tz: str | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Reports recorded before version 2 did not state their language."""
            state["language"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Reports recorded before version 3 gave no zone."""
            state["published_tz"] = None

    def __init__(
        self,
        outlet: str,
        url: str | None,
        headline: str,
        published: str,
        published_offset: str | None,
        content_hash: str,
        development_ids: list[str],
        language: str | None,
        published_tz: str | None = None,
    ) -> None:
        self.language = language
        self.published_tz = published_tz
        self.outlet = outlet
        self.url = url
        self.headline = headline
        self.published = published
        self.published_offset = published_offset
        self.content_hash = content_hash
        self.development_ids = development_ids

    @classmethod
    def publish(cls, *, id: UUID, **fields: Any) -> Report:
        return cls._create(cls.Published, id=id, **fields)


class Conflict(Aggregate):
    """A conflict with its parties (ISO alpha-3) and aliases."""

    class Defined(Aggregate.Created):
        slug: str
        name: str
        parties: list[str]
        aliases: list[str]
        started: str | None

    def __init__(
        self, slug: str, name: str, parties: list[str], aliases: list[str], started: str | None
    ) -> None:
        self.slug = slug
        self.name = name
        self.parties = parties
        self.aliases = aliases
        self.started = started

    @classmethod
    def define(cls, *, id: UUID, **fields: Any) -> Conflict:
        return cls._create(cls.Defined, id=id, **fields)

    def definition(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "parties": list(self.parties),
            "aliases": list(self.aliases),
            "started": self.started,
        }


@dataclass(frozen=True)
class Revising:
    """The report that makes a revision, its publication (knowledge) time, and its words."""

    report_id: str
    reported_at: str
    note: str | None = None
    quote: str | None = None

    def fields(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "reported_at": self.reported_at,
            "note": self.note,
            "quote": self.quote,
        }


class RevisionRuleError(ValueError):
    """A revision the development's rules refuse. ``part`` is the part of the revision at
    fault (``target``, ``into``, or ``""`` for the revision as a whole); ``found`` what was
    found there, if it helps."""

    def __init__(self, expected: str, *, part: str = "target", found: Any = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.part = part
        self.found = found


#: The figures one development may hold (the dispatch limit on a development's ``figures``;
#: revisions for new parties, categories or claimants may not take it further).
FIGURES_AT_MOST = 200
#: The parties that may dispute one development (the dispatch limit on a claim's
#: ``disputed_by``; dispute revisions may not take it further).
DISPUTERS_AT_MOST = 50


def _figure_key(figure: dict[str, Any]) -> tuple[Any, Any, Any]:
    """What a revised figure supersedes within (as the fold does)."""
    return (figure.get("party"), figure.get("category"), figure.get("claimant"))


class Development(Aggregate):
    """One development as first reported. Later changes arrive as further events."""

    class Reported(Aggregate.Created):
        """Version 2 added ``review`` (``{status, extractor}`` for machine-extracted
        developments, or None); version 3 gave every figure ``bound``, ``provisional``,
        ``includes`` (its breakdown) and ``country`` (a group party's country),
        ``occurred`` its ``tz`` (the IANA zone its values were given in, or None), and
        added ``counts`` (the ids of the developments whose dead a casualty report counts)
        and ``provenance`` (the article's words behind each field, from ``timeline
        extract``), which dispatches accepted before but no event kept."""

        class_version = 3

        report_id: str
        reported_at: str
        key: str
        kind: str
        summary: str
        quote: str | None
        occurred: dict[str, Any]
        countries: list[str]
        actors: list[str]
        places: list[dict[str, Any]]
        conflicts: list[str]
        claim: dict[str, Any]
        figures: list[dict[str, Any]]
        contradicts: list[str]
        review: dict[str, Any] | None = None
        counts: list[str] | None = None
        provenance: list[dict[str, Any]] | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Developments recorded before version 2 were not machine-extracted."""
            state["review"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Figures recorded before version 3 had no bound, were not provisional and had
            no breakdown; occurred values had no zone (UTC)."""
            for figure in state["figures"]:
                _upcast_figure(figure)
            state["occurred"].setdefault("tz", None)
            state["counts"] = []
            state["provenance"] = []

    def __init__(
        self,
        report_id: str,
        reported_at: str,
        key: str,
        kind: str,
        summary: str,
        quote: str | None,
        occurred: dict[str, Any],
        countries: list[str],
        actors: list[str],
        places: list[dict[str, Any]],
        conflicts: list[str],
        claim: dict[str, Any],
        figures: list[dict[str, Any]],
        contradicts: list[str],
        review: dict[str, Any] | None = None,
        counts: list[str] | None = None,
        provenance: list[dict[str, Any]] | None = None,
    ) -> None:
        self.report_id = report_id
        self.counts = list(counts or [])
        self.review = review
        self.reported_at = reported_at
        self.key = key
        self.kind = kind
        self.summary = summary
        self.retracted = False
        self.merged_into: str | None = None
        #: The (party, category, claimant) of each figure it holds: a revised figure for a
        #: new one adds a figure, and a development holds at most FIGURES_AT_MOST.
        self.figure_keys = {_figure_key(f) for f in figures}
        #: The parties that dispute it: at most DISPUTERS_AT_MOST, as in a dispatch's claim.
        self.disputers = set(claim.get("disputed_by") or [])

    @classmethod
    def report(cls, *, id: UUID, **fields: Any) -> Development:
        return cls._create(cls.Reported, id=id, **fields)

    # Revisions. Each carries the revising report, its reported (knowledge) time, and the
    # report's own words: ``note`` (the editor's gloss) and ``quote`` (verbatim). Version 2
    # of every revision event added ``quote``, which dispatches accepted but never stored.

    class Revision(Aggregate.Event):
        """What every revision event carries."""

        class_version = 2

        report_id: str
        reported_at: str
        note: str | None
        quote: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Revisions recorded before version 2 lost their quote: it is unknown."""
            state["quote"] = None

    class FigureRevised(Revision):
        """A claimant gives a new figure; it supersedes that claimant's earlier one. Version
        3 gave the figure ``bound``, ``provisional``, ``includes`` and ``country``."""

        class_version = 3

        figure: dict[str, Any]

        def apply(self, aggregate: Development) -> None:  # type: ignore[override]
            aggregate.figure_keys.add(_figure_key(self.figure))

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            _upcast_figure(state["figure"])

    class Corrected(Revision):
        """A correction of occurred time, places, kind, countries or summary."""

        changes: dict[str, Any]

    class Retracted(Revision):
        def apply(self, aggregate: Development) -> None:  # type: ignore[override]
            aggregate.retracted = True

    class Disputed(Revision):
        party: str

        def apply(self, aggregate: Development) -> None:  # type: ignore[override]
            aggregate.disputers.add(self.party)

    class Corroborated(Revision):
        """Another report states the same development (many reports, one development)."""

    class MergedInto(Revision):
        """This development duplicates ``survivor``; it leaves the timelines."""

        survivor: str

        def apply(self, aggregate: Development) -> None:  # type: ignore[override]
            aggregate.merged_into = self.survivor

    class Absorbed(Revision):
        """The duplicate ``duplicate`` was merged into this development."""

        duplicate: str
        duplicate_report_id: str

    # Commands. Each checks the development's rules and triggers one revision event. A rule
    # that refuses raises RevisionRuleError naming the part of the revision at fault.

    def _revisable(self, by: Revising) -> None:
        """The rules every revision shares: not reported before the development itself, and
        not of a development that was merged away."""
        if by.reported_at < self.reported_at:
            raise RevisionRuleError(
                "a report published no earlier than the development's first report "
                f"({self.reported_at})",
                part="",
                found=by.reported_at,
            )
        if self.merged_into is not None:
            raise RevisionRuleError(
                f"a development not merged away (it was merged into {self.merged_into}; "
                "revise that one)"
            )

    def revise_figure(self, by: Revising, figure: dict[str, Any]) -> None:
        """A claimant's new figure; it supersedes that claimant's (side's) earlier one."""
        self._revisable(by)
        if _figure_key(figure) not in self.figure_keys and len(self.figure_keys) >= FIGURES_AT_MOST:
            raise RevisionRuleError(
                f"a figure for a party, category and claimant the development already has "
                f"a figure for: it holds {FIGURES_AT_MOST}, the documented limit",
                part="figure",
            )
        self.trigger_event(self.FigureRevised, figure=figure, **by.fields())

    def correct(self, by: Revising, changes: dict[str, Any]) -> None:
        self._revisable(by)
        self.trigger_event(self.Corrected, changes=changes, **by.fields())

    def retract(self, by: Revising) -> None:
        self._revisable(by)
        if self.retracted:
            raise RevisionRuleError("a development not already retracted")
        self.trigger_event(self.Retracted, **by.fields())

    def dispute(self, by: Revising, party: str) -> None:
        self._revisable(by)
        if party not in self.disputers and len(self.disputers) >= DISPUTERS_AT_MOST:
            raise RevisionRuleError(
                f"a party among those already disputing it: it is disputed by "
                f"{DISPUTERS_AT_MOST}, the documented limit",
                part="party",
            )
        self.trigger_event(self.Disputed, party=party, **by.fields())

    def corroborate(self, by: Revising) -> None:
        self._revisable(by)
        self.trigger_event(self.Corroborated, **by.fields())

    def merge_into(self, survivor: Development, by: Revising) -> None:
        """This development duplicates ``survivor``, which survives and absorbs it. The
        survivor must be first reported no later than the merging report, and not itself
        merged away (nor this development)."""
        self._revisable(by)
        if by.reported_at < survivor.reported_at:
            raise RevisionRuleError(
                "a development first reported no later than this report "
                f"(it was first reported at {survivor.reported_at})",
                part="into",
            )
        if survivor.merged_into is not None or survivor.id == self.id:
            raise RevisionRuleError("a development that is not itself merged away", part="into")
        self.trigger_event(self.MergedInto, survivor=str(survivor.id), **by.fields())
        survivor.absorb(self, by)

    def absorb(self, duplicate: Development, by: Revising) -> None:
        """Take in a duplicate merged into this development (its first report becomes one of
        this development's reports). Only :meth:`merge_into` calls this."""
        if duplicate.merged_into != str(self.id):
            raise RevisionRuleError(
                "a duplicate merged into this development", part="into", found=str(duplicate.id)
            )
        self.trigger_event(
            self.Absorbed,
            duplicate=str(duplicate.id),
            duplicate_report_id=duplicate.report_id,
            **by.fields(),
        )

    def detached(self) -> Development:
        """A copy that can be revised without changing this one. Events rebind attributes
        to immutable values and never change one in place, so a shallow copy with its own
        list of pending events is enough (a deep copy costs about ten times as much)."""
        clone = copy.copy(self)
        clone.__dict__["_pending_events"] = list(self.pending_events)
        return clone


#: What a figure recorded before figures had bounds, provisional status and breakdowns says.
FIGURE_DEFAULTS: dict[str, Any] = {
    "bound": None,
    "provisional": False,
    "includes": [],
    "country": None,
}


def _upcast_figure(figure: dict[str, Any]) -> None:
    for name, value in FIGURE_DEFAULTS.items():
        figure.setdefault(name, copy.copy(value))


def actor_id(slug: str) -> UUID:
    return uuid5(NAMESPACE, f"actor:{slug}")


def actor_name_id(key: str) -> UUID:
    """The id of the aggregate that records which actor a name (in normal form) belongs to."""
    return uuid5(NAMESPACE, f"actor-name:{key}")


class ActorRuleError(ValueError):
    """A command on an actor that its rules refuse; the application names the field."""


class Actor(Aggregate):
    """Someone who acts or speaks: a government, a ministry, a leader, an armed group, an
    organisation, a media outlet. Defined in the log, or ``Extended``: an actor of the
    built-in registry (``timeline/actors/data``) that this log gives more aliases or
    affiliations. Aliases and affiliations only grow; a rename keeps the old name as an
    alias."""

    class Defined(Aggregate.Created):
        slug: str
        name: str
        kind: str
        country: str | None
        aliases: list[str]

    class Extended(Aggregate.Created):
        """A built-in registry actor, named in the log so that it can be extended."""

        slug: str

    class Aliased(Aggregate.Event):
        alias: str

        def apply(self, aggregate: Actor) -> None:  # type: ignore[override]
            aggregate.aliases = [*aggregate.aliases, self.alias]

    class Affiliated(Aggregate.Event):
        """``relation`` (speaks_for or part_of) to the actor ``target`` (a slug), valid in
        occurred time from ``valid_from`` to ``valid_to`` (ISO dates; None is open)."""

        relation: str
        target: str
        valid_from: str | None
        valid_to: str | None

        def apply(self, aggregate: Actor) -> None:  # type: ignore[override]
            aggregate.affiliations = [
                *aggregate.affiliations,
                (self.relation, self.target, self.valid_from, self.valid_to),
            ]

    class Renamed(Aggregate.Event):
        """A new display name; the old one stays an alias."""

        name: str

        def apply(self, aggregate: Actor) -> None:  # type: ignore[override]
            if aggregate.name is not None:
                aggregate.aliases = [*aggregate.aliases, aggregate.name]
            aggregate.name = self.name

    def __init__(
        self,
        slug: str,
        name: str | None = None,
        kind: str | None = None,
        country: str | None = None,
        aliases: list[str] | None = None,
    ) -> None:
        self.slug = slug
        self.name = name
        self.kind = kind
        self.country = country
        self.aliases: list[str] = list(aliases or [])
        self.affiliations: list[tuple[str, str, str | None, str | None]] = []

    @classmethod
    def define(
        cls, *, slug: str, name: str, kind: str, country: str | None, aliases: list[str]
    ) -> Actor:
        from timeline.actors.names import name_key

        keys = {name_key(name)}
        unique = []
        for alias in aliases:
            if name_key(alias) not in keys:
                keys.add(name_key(alias))
                unique.append(alias)
        return cls._create(
            cls.Defined,
            id=actor_id(slug),
            slug=slug,
            name=name,
            kind=kind,
            country=country,
            aliases=unique,
        )

    @classmethod
    def extend(cls, *, slug: str) -> Actor:
        return cls._create(cls.Extended, id=actor_id(slug), slug=slug)

    def knows_alias(self, alias: str) -> bool:
        from timeline.actors.names import name_key

        key = name_key(alias)
        return any(name_key(a) == key for a in [*(filter(None, [self.name])), *self.aliases])

    def add_alias(self, alias: str) -> bool:
        """Record an alias; False (and no event) when this actor already has it."""
        if not alias.strip():
            raise ActorRuleError("a non-blank alias")
        if self.knows_alias(alias):
            return False
        self.trigger_event(self.Aliased, alias=alias)
        return True

    def affiliate(
        self, *, relation: str, target: str, valid_from: str | None, valid_to: str | None
    ) -> bool:
        """Record an affiliation; False when this exact one is already recorded."""
        if target == self.slug:
            raise ActorRuleError("another actor (an actor cannot speak for itself)")
        if valid_from is not None and valid_to is not None and valid_to <= valid_from:
            raise ActorRuleError(f"an end after the start ({valid_from})")
        if (relation, target, valid_from, valid_to) in self.affiliations:
            return False
        self.trigger_event(
            self.Affiliated,
            relation=relation,
            target=target,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        return True

    def detached(self) -> Actor:
        """A copy that can be changed without changing this one (see Development.detached)."""
        clone = copy.copy(self)
        clone.__dict__["_pending_events"] = list(self.pending_events)
        return clone

    def rename(self, name: str) -> bool:
        if not name.strip():
            raise ActorRuleError("a non-blank name")
        if self.name == name:
            return False
        self.trigger_event(self.Renamed, name=name)
        return True


class ActorName(Aggregate):
    """Which actor a name (in normal form) belongs to in this log: one aggregate per name, so
    two actors can never claim the same alias (the second append finds it taken)."""

    class Claimed(Aggregate.Created):
        key: str
        name: str
        actor: str  # the actor's slug

    def __init__(self, key: str, name: str, actor: str) -> None:
        self.key = key
        self.name = name
        self.actor = actor

    @classmethod
    def claim(cls, *, key: str, name: str, actor: str) -> ActorName:
        return cls._create(cls.Claimed, id=actor_name_id(key), key=key, name=name, actor=actor)
