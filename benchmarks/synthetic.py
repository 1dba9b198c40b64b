"""A seeded generator of realistic logs: about 50 conflicts across about 150 countries, reports
from several outlets stating several developments each, casualty figures from the parties,
and later revisions (raised tolls, corroborations by other outlets, disputes, corrections
and retractions).

Events are built as the engine's own aggregates and saved through the Application in large
batches, so the stored format is exactly the engine's.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pycountry

from timeline.application import TimelineApp
from timeline.dates import iso
from timeline.domain import (
    Conflict,
    Development,
    Report,
    Revising,
    conflict_id,
    development_id,
    report_id,
)
from timeline.vocabulary import KINDS

OUTLETS = ("Reuters", "AP", "AFP", "BBC Monitoring", "Al Jazeera", "Kyiv Independent", "TASS")
START = datetime(2020, 1, 1, tzinfo=UTC)
#: Logs grow by adding days, not by packing more into the same days: a constant density
#: (about 900 events a day over 50 conflicts), so 1M events cover about three years.
EVENTS_PER_DAY = 900


def span_days(events: int) -> int:
    return max(7, events // EVENTS_PER_DAY)


@dataclass(frozen=True)
class SyntheticConflict:
    slug: str
    parties: tuple[str, str]
    actors: tuple[str, ...]


def conflicts(rng: random.Random, count: int = 50) -> list[SyntheticConflict]:
    codes = sorted(c.alpha_3 for c in pycountry.countries)
    rng.shuffle(codes)
    pool = codes[:150]
    made = []
    for i in range(count):
        a, b = pool[(2 * i) % len(pool)], pool[(2 * i + 1 + i // 75) % len(pool)]
        actors = (
            f"Government of {a}",
            f"Government of {b}",
            f"{a} Armed Forces",
            f"{b} Armed Forces",
        )
        made.append(SyntheticConflict(f"conflict-{i:02d}", (a, b), actors))
    return made


def _figure(rng: random.Random, party: str, claimant: str, best: int) -> dict[str, Any]:
    kind = rng.random()
    if kind < 0.6:
        return {
            "party": party,
            "category": "killed",
            "low": best,
            "best": best,
            "high": best,
            "claimant": claimant,
        }
    if kind < 0.85:
        return {
            "party": party,
            "category": "killed",
            "low": best,
            "best": best,
            "high": None,
            "claimant": claimant,
        }
    return {
        "party": party,
        "category": "wounded",
        "low": best,
        "best": best + 3,
        "high": best + 9,
        "claimant": claimant,
    }


def batches(seed: int, events: int, batch_events: int = 5000) -> Iterator[list[Any]]:
    """Yield lists of aggregates with pending events, about ``events`` events in all."""
    rng = random.Random(seed)
    wars = conflicts(rng)
    pending: list[Any] = [
        Conflict.define(
            id=conflict_id(c.slug),
            slug=c.slug,
            name=f"{c.parties[0]}–{c.parties[1]} conflict",
            parties=list(c.parties),
            aliases=[],
            started="2019-01-01",
        )
        for c in wars
    ]
    made = len(pending)
    count = len(pending)
    kinds = [k for k in KINDS if k != "background"]
    serial = 0
    span_minutes = span_days(events) * 24 * 60
    while made < events:
        serial += 1
        war = rng.choice(wars)
        published = START + timedelta(minutes=rng.randrange(span_minutes))
        outlet = rng.choice(OUTLETS)
        rid = report_id(None, outlet, iso(published), f"report {serial}")
        developments = []
        for k in range(rng.randint(1, 5)):
            day = published - timedelta(days=rng.randint(0, 3))
            start = day.replace(hour=0, minute=0, second=0)
            claimant = rng.choice(war.actors[:2])
            party = war.parties[0] if claimant == war.actors[0] else war.parties[1]
            figures = (
                [_figure(rng, party, claimant, rng.randint(1, 60))] if rng.random() < 0.3 else []
            )
            development = Development.report(
                id=development_id(rid, f"d{k}"),
                report_id=str(rid),
                reported_at=iso(published),
                key=f"d{k}",
                kind=rng.choice(kinds),
                summary=f"Synthetic development {serial}.{k} in {war.slug}: reported clash near the border.",
                quote=None,
                occurred={
                    "start": iso(start),
                    "end": iso(start + timedelta(days=1)),
                    "precision": "day",
                    "phrase": None,
                    "anchor": iso(published),
                },
                countries=list(war.parties),
                actors=rng.sample(war.actors, 2),
                places=[],
                conflicts=[war.slug],
                claim={"asserted_by": [claimant], "verification": "claimed", "disputed_by": []},
                figures=figures,
                contradicts=[],
            )
            # Later knowledge: revisions reported hours to days after the first report.
            later = published
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
                later = later + timedelta(hours=rng.randint(2, 72))
                by = Revising(
                    report_id=str(
                        report_id(None, rng.choice(OUTLETS), iso(later), f"rev {serial}")
                    ),
                    reported_at=iso(later),
                )
                roll = rng.random()
                if figures and roll < 0.5:
                    raised = dict(figures[0], best=(figures[0]["best"] or 0) + rng.randint(1, 30))
                    raised["low"] = raised["best"]
                    if raised["high"] is not None:
                        raised["high"] = max(raised["high"], raised["best"])
                    development.revise_figure(by, raised)
                elif roll < 0.7:
                    development.corroborate(by)
                elif roll < 0.85:
                    development.dispute(by, war.actors[1])
                elif roll < 0.97:
                    development.correct(by, {"summary": f"Corrected account {serial}.{k}."})
                else:
                    development.retract(by)
                    break
            developments.append(development)
        report = Report.publish(
            id=rid,
            outlet=outlet,
            url=None,
            headline=f"report {serial}",
            published=iso(published),
            published_offset=None,
            language="en",
            content_hash=f"{serial:064x}",
            development_ids=[str(d.id) for d in developments],
        )
        for aggregate in (report, *developments):
            made += len(aggregate.pending_events)
            count += len(aggregate.pending_events)
            pending.append(aggregate)
        if count >= batch_events:
            yield pending
            pending, count = [], 0
    if pending:
        yield pending


def populate(app: TimelineApp, seed: int, events: int) -> int:
    """Append about ``events`` synthetic events; return how many were appended."""
    appended = 0
    for aggregates in batches(seed, events):
        appended += sum(len(a.pending_events) for a in aggregates)
        app.save(*aggregates)
    return appended


def pick_conflict(seed: int) -> str:
    return conflicts(random.Random(seed))[7].slug
