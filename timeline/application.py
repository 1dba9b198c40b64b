"""The application: commands that append events, and reads of the raw log.

Appends use eventsourcing's own mapper and application recorder, so the stored format is the
library's. A dispatch is built into aggregates with pending events; its events are mapped
with ``self.mapper`` and written with one ``self.recorder.insert_events`` call, which the
recorder runs in one transaction. :meth:`TimelineApp.ingest` writes one dispatch per
transaction; :meth:`TimelineApp.ingest_many` writes a batch of dispatches per transaction and
still appends each dispatch wholly or not at all.

This leaves out the rest of the library's ``Application.save()``: its runtime protocol
checks (a third of the time of a large save), snapshots and the aggregate cache (neither is
enabled here) and the notify hooks (not overridden here).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, Repository
from eventsourcing.persistence import IntegrityError, Notification
from eventsourcing.utils import get_topic

from timeline.actors.names import name_key
from timeline.dispatch import ActorDraft, Dispatch, Reference, RevisionDraft, plain
from timeline.domain import (
    Actor,
    ActorName,
    ActorRuleError,
    Conflict,
    Development,
    Report,
    Revising,
    RevisionRuleError,
    actor_id,
    actor_name_id,
    conflict_id,
    development_id,
    report_id,
)
from timeline.errors import (
    ConflictingDispatchError,
    DispatchError,
    NotFoundError,
    StoreError,
    TimelineError,
)
from timeline.nearest import KnownReport, compared, near_keys, phrase, suggestion

#: Dispatches per transaction in :meth:`TimelineApp.ingest_many` (and ``timeline ingest``).
DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class IngestResult:
    source: str
    report_id: UUID
    appended: int  # events appended; 0 when the file was already in the log
    developments: int

    @property
    def skipped(self) -> bool:
        return self.appended == 0


@dataclass(frozen=True)
class IngestFailure:
    """A dispatch that appended nothing because it is invalid against the log."""

    source: str
    error: TimelineError


IngestOutcome = IngestResult | IngestFailure


def _merge(
    target: Development, revision: RevisionDraft, by: Revising, into: Development | None
) -> None:
    assert into is not None
    target.merge_into(into, by)


#: Each dispatch revision action and the ``Development`` command it runs (with the target,
#: the revision, the revising report and, for a merge, the survivor). The rules live in the
#: commands.
REVISION_COMMANDS: dict[
    str, Callable[[Development, RevisionDraft, Revising, Development | None], None]
] = {
    "revise_figure": lambda d, r, by, _: d.revise_figure(by, plain(r.figure)),
    "correct": lambda d, r, by, _: d.correct(by, dict(r.changes)),
    "retract": lambda d, r, by, _: d.retract(by),
    "dispute": lambda d, r, by, _: d.dispute(by, str(r.party)),
    "corroborate": lambda d, r, by, _: d.corroborate(by),
    "merge": _merge,
}


class _Workspace:
    """The aggregates one dispatch reads and changes, seen through the aggregates that earlier
    dispatches of the same batch built but have not yet written (``overlay``, by id; ``None``
    records an id known to be absent from the log).

    The dispatch works on its own copies of overlay developments (the only aggregates that
    revisions change), so a dispatch that fails leaves the overlay as it was. Only
    :meth:`commit` changes the overlay.
    """

    def __init__(self, repository: Repository[UUID], overlay: dict[UUID, Any]) -> None:
        self.repository = repository
        self.overlay = overlay
        self.seen: dict[UUID, Any] = {}

    def get(self, aggregate_id: UUID) -> Any | None:
        if aggregate_id in self.seen:
            return self.seen[aggregate_id]
        if aggregate_id in self.overlay:
            found = self.overlay[aggregate_id]
            if isinstance(found, Development | Actor):
                found = found.detached()
        else:
            try:
                found = self.repository.get(aggregate_id)
            except AggregateNotFoundError:
                found = None
        self.seen[aggregate_id] = found
        return found

    def commit(self, aggregates: Iterable[Any]) -> None:
        """Make this dispatch's reads and its (now written or collected) aggregates visible
        to the next dispatches of the batch."""
        self.overlay.update(self.seen)
        self.overlay.update((aggregate.id, aggregate) for aggregate in aggregates)


@dataclass(frozen=True)
class LoggedEvent:
    """One stored event in global order, decoded."""

    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    event: Any

    @property
    def type(self) -> str:
        return type(self.event).__qualname__

    @property
    def recorded_at(self) -> datetime:
        stamp: datetime = self.event.timestamp
        return stamp


class TimelineApp(Application[UUID]):
    """The write side: ingest dispatches into the event log."""

    name = "timeline"

    #: The log position up to which :meth:`_known_reports` has read reports, and them.
    _report_cache: tuple[int, list[KnownReport]] = (0, [])

    def ingest(self, dispatch: Dispatch, *, attempts: int = 5) -> IngestResult:
        """Append one dispatch atomically. Re-ingesting identical content appends nothing.

        If another writer appends to the same aggregates first (an optimistic-concurrency
        conflict), the whole file is re-validated against the new state and retried.
        """
        content_hash = dispatch.content_hash
        for attempt in range(1, attempts + 1):
            workspace = _Workspace(self.repository, self._prefetch([dispatch]))
            result, pending = self._build(dispatch, content_hash, workspace)
            try:
                self._append_events(
                    [event for aggregate in pending for event in aggregate.collect_events()]
                )
            except IntegrityError:
                if attempt == attempts:
                    raise StoreError(
                        f"{dispatch.source}: other writers kept changing the same developments; "
                        f"gave up after {attempts} attempts, nothing from this file was appended"
                    ) from None
                time.sleep(0.01 * attempt)
                continue
            return result
        raise AssertionError("unreachable")

    def ingest_many(
        self, dispatches: Iterable[Dispatch], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Iterator[IngestOutcome]:
        """Append many dispatches, ``batch_size`` of them per transaction, and yield one
        outcome per dispatch, in order, once its batch is written.

        Each dispatch is still all-or-nothing: one that is invalid (against the log and the
        dispatches before it in the batch) becomes an :class:`IngestFailure` and contributes
        no events, and the rest of its batch is appended. A dispatch already in the log, or
        earlier in the batch, with the same content appends nothing; with other content it
        fails with :class:`ConflictingDispatchError`. If another writer appended to the same
        aggregates first, that batch is ingested again one dispatch at a time, each with
        :meth:`ingest`'s retries. Stop iterating early and the unfinished batch is not
        written.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if getattr(self.recorder, "pipelined_appends", False):
            yield from self._ingest_pipelined(dispatches, batch_size)
            return
        batch: list[Dispatch] = []
        for dispatch in dispatches:
            batch.append(dispatch)
            if len(batch) == batch_size:
                yield from self._ingest_batch(batch)
                batch = []
        if batch:
            yield from self._ingest_batch(batch)

    def _ingest_pipelined(
        self, dispatches: Iterable[Dispatch], batch_size: int
    ) -> Iterator[IngestOutcome]:
        """:meth:`ingest_many` for a recorder that waits on a server (PostgreSQL): each
        batch's transaction runs in a writer thread while this one reads and parses the
        next batch's dispatches, which needs no store. The next batch is built only once the
        previous one is written (it reads what that one wrote), and outcomes are yielded in
        order once their batch is written, so a batch is still all-or-nothing and stopping
        early still leaves the unfinished batch unwritten."""
        from concurrent.futures import ThreadPoolExecutor

        writing: tuple[Sequence[Dispatch], list[IngestOutcome], Future[Any]] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-append") as writer:
            batch: list[Dispatch] = []
            try:
                for dispatch in dispatches:
                    batch.append(dispatch)
                    if len(batch) == batch_size:
                        if writing is not None:
                            done, writing = writing, None
                            yield from self._written(*done)
                        outcomes, events = self._built_batch(batch)
                        writing = (batch, outcomes, writer.submit(self._append_events, events))
                        batch = []
            except Exception:
                if writing is not None:  # written whatever happens: say so first
                    done, writing = writing, None
                    yield from self._written(*done)
                raise
            if writing is not None:
                yield from self._written(*writing)
        if batch:
            yield from self._ingest_batch(batch)

    def _written(
        self, batch: Sequence[Dispatch], outcomes: list[IngestOutcome], write: Future[Any]
    ) -> list[IngestOutcome]:
        """A pipelined batch's outcomes once its write is done (as :meth:`_ingest_batch`)."""
        try:
            write.result()
        except IntegrityError:
            return [self._ingest_one(dispatch) for dispatch in batch]
        return outcomes

    def _ingest_batch(self, batch: Sequence[Dispatch]) -> list[IngestOutcome]:
        outcomes, events = self._built_batch(batch)
        try:
            self._append_events(events)
        except IntegrityError:
            return [self._ingest_one(dispatch) for dispatch in batch]
        return outcomes

    def _built_batch(self, batch: Sequence[Dispatch]) -> tuple[list[IngestOutcome], list[Any]]:
        """Build a batch's aggregates against the log, without writing: the outcomes, and
        the events to append."""
        overlay = self._prefetch(batch)
        outcomes: list[IngestOutcome] = []
        events: list[Any] = []
        for dispatch in batch:
            workspace = _Workspace(self.repository, overlay)
            try:
                result, pending = self._build(dispatch, dispatch.content_hash, workspace)
            except TimelineError as exc:
                outcomes.append(IngestFailure(dispatch.source, exc))
                continue
            for aggregate in pending:
                events.extend(aggregate.collect_events())
            workspace.commit(pending)
            outcomes.append(result)
        return outcomes, events

    def _ingest_one(self, dispatch: Dispatch) -> IngestOutcome:
        try:
            return self.ingest(dispatch)
        except TimelineError as exc:
            return IngestFailure(dispatch.source, exc)

    def _prefetch(self, dispatches: Sequence[Dispatch]) -> dict[UUID, Any]:
        """The aggregates these dispatches will look up, read with one query: each id maps to
        its aggregate, or to None when it is not in the log. Empty when the recorder cannot
        read many aggregates at once; each is then read from the repository when needed."""
        select = getattr(self.recorder, "select_events_of", None)
        if select is None:
            return {}
        wanted: dict[UUID, Any] = {}
        for dispatch in dispatches:
            wanted.update(dict.fromkeys(self._lookups(dispatch)))
        for stored in select(list(wanted)):
            event: Any = self.mapper.to_domain_event(stored)
            wanted[event.originator_id] = event.mutate(wanted[event.originator_id])
        return wanted

    def _lookups(self, dispatch: Dispatch) -> Iterator[UUID]:
        """The ids of the aggregates that building this dispatch reads from the log."""
        report = dispatch.report
        yield report_id(report.url, report.outlet, report.published, report.headline)
        for conflict in dispatch.conflicts:
            yield conflict_id(conflict.slug)
        for draft in dispatch.developments:
            yield from map(conflict_id, draft.conflicts)
        for actor in dispatch.actors:
            yield actor_id(actor.id)
            for affiliation in actor.affiliations:
                yield actor_id(affiliation.actor)
            for alias in (actor.name, *actor.aliases):
                if alias:
                    yield actor_name_id(name_key(alias))
        for draft in dispatch.developments:
            for counted in draft.counts:
                if counted.local is None:
                    yield self._resolve(counted, {})
        for revision in dispatch.revisions:
            for ref in (revision.target, revision.into):
                if ref is not None and ref.local is None:
                    yield self._resolve(ref, {})

    def _append_events(self, events: Sequence[Any]) -> None:
        """Write domain events in one transaction: the library's mapper, then its recorder."""
        if events:
            self.recorder.insert_events([self.mapper.to_stored_event(e) for e in events])

    def _build(
        self, dispatch: Dispatch, content_hash: str, workspace: _Workspace
    ) -> tuple[IngestResult, list[Any]]:
        """Validate a dispatch against the log as ``workspace`` sees it and build (without
        writing) the aggregates it creates or changes; none when it is already in the log."""
        report = dispatch.report
        rid = report_id(report.url, report.outlet, report.published, report.headline)
        existing = workspace.get(rid)
        if existing is not None:
            return self._already_ingested(dispatch, rid, existing, content_hash), []
        pending = self._pending(dispatch, rid, content_hash, workspace)
        appended = sum(len(aggregate.pending_events) for aggregate in pending)
        return IngestResult(dispatch.source, rid, appended, len(dispatch.developments)), pending

    def _pending(
        self, dispatch: Dispatch, rid: UUID, content_hash: str, workspace: _Workspace
    ) -> list[Any]:
        """Build (without saving) every aggregate this dispatch creates or changes."""
        report = dispatch.report

        pending: list[Any] = []
        defined_here = set()
        for i, conflict in enumerate(dispatch.conflicts):
            definition = {
                "slug": conflict.slug,
                "name": conflict.name,
                "parties": list(conflict.parties),
                "aliases": list(conflict.aliases),
                "started": conflict.started,
            }
            defined_here.add(conflict.slug)
            known = workspace.get(conflict_id(conflict.slug))
            if known is None:
                pending.append(Conflict.define(id=conflict_id(conflict.slug), **definition))
            elif known.definition() != definition:
                raise DispatchError(
                    dispatch.source,
                    f"conflicts[{i}]",
                    f"the same definition as conflict {conflict.slug!r} already in the log "
                    "(conflict definitions cannot be changed by a later file)",
                )

        pending.extend(self._actors(dispatch.source, dispatch.actors, workspace))

        ids = {d.key: development_id(rid, d.key) for d in dispatch.developments}
        for i, draft in enumerate(dispatch.developments):
            for j, slug in enumerate(draft.conflicts):
                if slug not in defined_here and workspace.get(conflict_id(slug)) is None:
                    raise DispatchError(
                        dispatch.source,
                        f"developments[{i}].conflicts[{j}]",
                        "a conflict id defined in this file's conflicts or already in the log",
                        slug,
                    )
            pending.append(
                Development.report(
                    id=ids[draft.key],
                    report_id=str(rid),
                    reported_at=report.published,
                    key=draft.key,
                    kind=draft.kind,
                    summary=draft.summary,
                    quote=draft.quote,
                    occurred=plain(draft.occurred),
                    countries=list(draft.countries),
                    actors=list(draft.actors),
                    places=[plain(p) for p in draft.places],
                    conflicts=list(draft.conflicts),
                    claim={
                        "asserted_by": list(draft.claim.asserted_by),
                        "verification": draft.claim.verification,
                        "disputed_by": list(draft.claim.disputed_by),
                    },
                    figures=[plain(f) for f in draft.figures],
                    contradicts=[str(ids[k]) for k in draft.contradicts],
                    review=plain(draft.review) if draft.review is not None else None,
                    provenance=[plain(p) for p in draft.provenance],
                    counts=[
                        str(
                            self._counted(
                                dispatch.source,
                                f"developments[{i}].counts[{j}]",
                                ref,
                                ids,
                                workspace,
                                report.published,
                            )
                        )
                        for j, ref in enumerate(draft.counts)
                    ],
                )
            )
        created = {
            aggregate.key: aggregate for aggregate in pending if isinstance(aggregate, Development)
        }
        pending.extend(self._apply_revisions(dispatch, rid, ids, created, workspace))
        pending.insert(
            0,
            Report.publish(
                id=rid,
                outlet=report.outlet,
                url=report.url,
                headline=report.headline,
                published=report.published,
                published_offset=report.published_offset,
                published_tz=report.published_tz,
                language=report.language,
                content_hash=content_hash,
                development_ids=[str(ids[d.key]) for d in dispatch.developments],
            ),
        )
        return pending

    def record_actors(self, source: str, drafts: Sequence[ActorDraft]) -> int:
        """Append the events of actor definitions and extensions alone (``timeline actor``),
        atomically; returns how many events were appended (0: all already known)."""
        workspace = _Workspace(self.repository, {})
        pending = self._actors(source, drafts, workspace)
        events = [event for aggregate in pending for event in aggregate.collect_events()]
        try:
            self._append_events(events)
        except IntegrityError:
            raise StoreError(
                f"{source}: another writer changed the same actors; nothing was appended, try again"
            ) from None
        return len(events)

    def rename_actor(self, source: str, slug: str, name: str) -> int:
        """Give an actor a new display name (the old one stays an alias); returns the number
        of events appended (0 when it already has that name)."""
        from timeline.actors.registry import builtin

        workspace = _Workspace(self.repository, {})
        actor = workspace.get(actor_id(slug))
        registry = builtin()
        if actor is None:
            if registry.get(slug) is None:
                raise NotFoundError(f"no actor with id {slug!r} (try `timeline actors`)")
            actor = Actor.extend(slug=slug)
        key = name_key(name)
        owner = registry.resolve(name)
        claimed = workspace.get(actor_name_id(key))
        taken = claimed.actor if claimed is not None else owner
        if taken is not None and taken != slug:
            raise DispatchError(source, "name", f"a name not already given to {taken!r}", name)
        try:
            changed = actor.rename(name)
        except ActorRuleError as exc:
            raise DispatchError(source, "name", str(exc)) from None
        pending: list[Any] = [actor] if changed else []
        if changed and claimed is None:
            pending.append(ActorName.claim(key=key, name=name, actor=slug))
        events = [event for aggregate in pending for event in aggregate.collect_events()]
        try:
            self._append_events(events)
        except IntegrityError:
            raise StoreError(
                f"{source}: another writer changed actor {slug!r}; try again"
            ) from None
        return len(events)

    def _actors(
        self, source: str, drafts: Sequence[ActorDraft], workspace: _Workspace
    ) -> list[Any]:
        """Build the events that define or extend actors, with the rules that span actors:
        an id is defined once (a built-in one only extended), an alias belongs to one actor,
        and an affiliation names a known actor."""
        if not drafts:
            return []
        from timeline.actors.registry import builtin

        registry = builtin()
        touched: dict[str, Actor] = {}
        claimed: dict[str, str] = {}
        names: list[ActorName] = []
        here = {d.id for d in drafts}

        def known(slug: str) -> bool:
            return (
                slug in here
                or registry.get(slug) is not None
                or workspace.get(actor_id(slug)) is not None
            )

        for i, draft in enumerate(drafts):
            where = f"actors[{i}]"
            actor = workspace.get(actor_id(draft.id))
            if draft.name is not None:
                assert draft.kind is not None
                if registry.get(draft.id) is not None:
                    raise DispatchError(
                        source,
                        f"{where}.id",
                        f"an id not in the built-in registry ({draft.id!r} is built in: "
                        "give only aliases and affiliations to extend it)",
                        draft.id,
                    )
                if actor is None:
                    actor = Actor.define(
                        slug=draft.id,
                        name=draft.name,
                        kind=draft.kind,
                        country=draft.country,
                        aliases=[],
                    )
                elif (actor.name, actor.kind, actor.country) != (
                    draft.name,
                    draft.kind,
                    draft.country,
                ) and draft.name not in actor.aliases:
                    raise DispatchError(
                        source,
                        where,
                        f"the same name, kind and country as actor {draft.id!r} already in "
                        f"the log ({actor.name}, {actor.kind}, {actor.country}); rename it "
                        "with `timeline actor rename`",
                    )
            elif actor is None:
                if registry.get(draft.id) is None and draft.id not in touched:
                    raise DispatchError(
                        source,
                        f"{where}.id",
                        "an actor of the built-in registry or already in the log "
                        "(or give name and kind to define it)",
                        draft.id,
                    )
                actor = touched.get(draft.id) or Actor.extend(slug=draft.id)
            touched[draft.id] = actor
            spellings = [draft.name] if draft.name is not None else []
            for j, alias in enumerate([*spellings, *draft.aliases]):
                at = (
                    f"{where}.name"
                    if j < len(spellings)
                    else f"{where}.aliases[{j - len(spellings)}]"
                )
                key = name_key(alias)
                owner = registry.resolve(alias)
                if owner is not None and owner != draft.id:
                    raise DispatchError(
                        source,
                        at,
                        f"a name not already given to {owner!r} by the built-in registry",
                        alias,
                    )
                taken = claimed.get(key)
                if taken is None:
                    found = workspace.get(actor_name_id(key))
                    taken = found.actor if found is not None else None
                if taken is not None and taken != draft.id:
                    raise DispatchError(
                        source, at, f"a name not already given to actor {taken!r}", alias
                    )
                if taken is None:
                    claimed[key] = draft.id
                    names.append(ActorName.claim(key=key, name=alias, actor=draft.id))
                if j >= len(spellings):
                    actor.add_alias(alias)
            for j, affiliation in enumerate(draft.affiliations):
                at = f"{where}.affiliations[{j}]"
                if not known(affiliation.actor):
                    raise DispatchError(
                        source,
                        f"{at}.actor",
                        "an actor of the built-in registry, the log or this file",
                        affiliation.actor,
                    )
                try:
                    actor.affiliate(
                        relation=affiliation.relation,
                        target=affiliation.actor,
                        valid_from=affiliation.valid_from,
                        valid_to=affiliation.valid_to,
                    )
                except ActorRuleError as exc:
                    raise DispatchError(source, at, str(exc)) from None
        changed = [a for a in touched.values() if a.pending_events]
        return [*changed, *names]

    def _counted(
        self,
        source: str,
        where: str,
        ref: Reference,
        ids: dict[str, UUID],
        workspace: _Workspace,
        published: str,
    ) -> UUID:
        """The id of a development a casualty report counts: one in this file, or one
        already in the log (or earlier in the batch) first reported no later than it."""
        counted = self._resolve(ref, ids)
        if ref.local is not None:
            return counted
        found = workspace.get(counted)
        if not isinstance(found, Development):
            raise self._missing(source, where, ref, workspace)
        if found.reported_at > published:
            raise DispatchError(
                source,
                where,
                f"a development first reported no later than this report ({published}); it "
                f"was first reported at {found.reported_at}",
            )
        return counted

    def _missing(
        self, source: str, where: str, ref: Reference, workspace: _Workspace
    ) -> DispatchError:
        """The error for a reference to a development the log does not hold: what was
        compared, and the nearest reports (or keys) the log and the batch do hold. Read
        from the log itself (Report aggregates), never from the read models."""
        expected = "a development already in the log or in this file (by id, key or {report, key})"
        if ref.report is None or ref.key is None:
            if ref.id is not None:
                expected += f"; no development in the log has id {ref.id}"
            return DispatchError(source, where, expected, ref.id or ref.local)
        first = ref.report
        wanted = KnownReport(first.outlet, first.published, first.headline, first.url)
        report = workspace.get(report_id(first.url, first.outlet, first.published, first.headline))
        if isinstance(report, Report):
            keys = [
                found.key
                for found in map(workspace.get, map(UUID, report.development_ids))
                if isinstance(found, Development)
            ]
            known = KnownReport(report.outlet, report.published, report.headline, report.url)
            return DispatchError(
                source,
                where,
                f"{expected}; {phrase(known)} is in the log but states no development with "
                f"key {ref.key!r}{near_keys(ref.key, keys)}",
                ref.key,
            )
        return DispatchError(
            source,
            where,
            f"{expected}; no report in the log has {compared(wanted)}"
            f"{suggestion(wanted, self._known_reports(workspace))}",
            ref.key,
        )

    def _known_reports(self, workspace: _Workspace) -> list[KnownReport]:
        """Every report the log holds (its Report.Published events, read by topic) and the
        reports earlier dispatches of the batch built. The log's reports are read once and
        then only those appended since, so a batch with many bad references reads each
        report once."""
        topic = get_topic(Report.Published)
        position, known = self._report_cache
        known = list(known)
        while True:
            page = self.recorder.select_notifications(position + 1, 1000, topics=[topic])
            if not page:
                break
            for notification in page:
                event: Any = self.mapper.to_domain_event(notification)
                known.append(KnownReport(event.outlet, event.published, event.headline, event.url))
            position = page[-1].id
        self._report_cache = (position, known)
        batch = [
            KnownReport(aggregate.outlet, aggregate.published, aggregate.headline, aggregate.url)
            for aggregate in workspace.overlay.values()
            if isinstance(aggregate, Report)
        ]
        return [*known, *batch]

    def _resolve(self, ref: Reference, ids: dict[str, UUID]) -> UUID:
        if ref.id is not None:
            return UUID(ref.id)
        if ref.local is not None:
            return ids[ref.local]
        assert ref.report is not None and ref.key is not None
        first = ref.report
        return development_id(
            report_id(first.url, first.outlet, first.published, first.headline), ref.key
        )

    def _apply_revisions(
        self,
        dispatch: Dispatch,
        rid: UUID,
        ids: dict[str, UUID],
        created: dict[str, Development],
        workspace: _Workspace,
    ) -> list[Development]:
        """Trigger one revision event per revision on the target developments."""
        report = dispatch.report
        by_id: dict[UUID, Development] = {ids[k]: agg for k, agg in created.items()}
        changed: dict[UUID, Development] = {}

        def load(ref: Reference, where: str) -> Development:
            target_id = self._resolve(ref, ids)
            if target_id in by_id:
                return by_id[target_id]
            found = workspace.get(target_id)
            if not isinstance(found, Development):
                raise self._missing(dispatch.source, where, ref, workspace)
            by_id[target_id] = found
            return found

        for i, revision in enumerate(dispatch.revisions):
            where = f"revisions[{i}]"
            target = load(revision.target, f"{where}.target")
            survivor = load(revision.into, f"{where}.into") if revision.into is not None else None
            by = Revising(
                report_id=str(rid),
                reported_at=report.published,
                note=revision.note,
                quote=revision.quote,
            )
            try:
                REVISION_COMMANDS[revision.action](target, revision, by, survivor)
            except RevisionRuleError as exc:
                field = f"{where}.{exc.part}" if exc.part else where
                raise DispatchError(dispatch.source, field, exc.expected, exc.found) from None
            if survivor is not None:
                changed[survivor.id] = survivor
            changed[target.id] = target
        new_here = set(ids.values())
        return [aggregate for key, aggregate in changed.items() if key not in new_here]

    def _already_ingested(
        self, dispatch: Dispatch, rid: UUID, existing: Report, content_hash: str
    ) -> IngestResult:
        if existing.content_hash != content_hash:
            raise ConflictingDispatchError(
                f"{dispatch.source}: report {rid} ({existing.outlet}, {existing.published}) is "
                "already in the log with different content; the log is immutable, so express "
                "changes as revisions in a new dispatch file"
            )
        return IngestResult(dispatch.source, rid, 0, len(dispatch.developments))

    # Reading the raw log -------------------------------------------------------------

    def max_position(self) -> int:
        return self.recorder.max_notification_id() or 0

    def notifications(
        self, since: int = 0, *, batch: int = 1000, stop: int | None = None
    ) -> Iterator[list[Notification]]:
        """Yield the stored events after position ``since``, in batches, in global order."""
        start = since + 1
        while True:
            page = self.recorder.select_notifications(start, batch, stop=stop)
            if not page:
                return
            yield list(page)
            start = page[-1].id + 1

    def decode(self, notification: Notification) -> LoggedEvent:
        return LoggedEvent(
            position=notification.id,
            originator_id=UUID(str(notification.originator_id)),
            originator_version=notification.originator_version,
            topic=notification.topic,
            event=self.mapper.to_domain_event(notification),
        )

    def read_log(self, since: int = 0, *, batch: int = 1000) -> Iterator[LoggedEvent]:
        for page in self.notifications(since, batch=batch):
            yield from map(self.decode, page)
