"""A seeded generator of JSON Lines archives: one ``timeline-dispatch/1`` document a line.

The archive is what a newsroom would feed ``timeline ingest archive.jsonl``: the first line
defines about 50 conflicts between about 150 countries (``synthetic.conflicts``); then, in
publication order, reports from several outlets state one to five developments each, some
with casualty figures from the parties, some contradicting each other; and later reports
revise developments that earlier reports stated (revise_figure, corroborate, dispute,
correct, retract, and now and then a merge), naming them by ``{report: {...}, key: ...}``.

The density is that of ``synthetic.batches()`` (about 900 events a day), so a bigger archive
covers more days and the as-of benchmark's random dates fall inside it. Generation streams:
only the developments of the last few days are kept, to be revised, so memory is constant.

Events are counted as the engine makes them: one ``Report.Published`` per dispatch, one
``Conflict.Defined`` per new conflict, one ``Development.Reported`` per development, one
event per revision and two per merge.

Usage: python -m benchmarks.archive OUT.jsonl [--events 100000] [--seed 20220913]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.synthetic import OUTLETS, START, SyntheticConflict, conflicts, span_days
from timeline.dates import iso
from timeline.dispatch import FORMAT
from timeline.vocabulary import KINDS

SEED = 20220913
#: Developments stay revisable for this long after their first report (older ones are
#: forgotten by the generator, which keeps its memory constant).
REVISABLE_FOR = timedelta(days=3)
#: Outlets that give their reports URLs (the others are named by outlet, time and headline).
WITH_URLS = {"Reuters": "www.reuters.com", "AP": "apnews.com", "BBC Monitoring": "bbc.co.uk"}


@dataclass
class _Stated:
    """A development an earlier line stated, as a later line names it, and what it knows."""

    report: dict[str, str]  # the natural key of the report that first stated it
    key: str
    reported_at: str
    figure: dict[str, Any] | None
    alive: bool = True  # False once retracted or merged away: no further revisions


@dataclass
class ArchiveSummary:
    path: Path
    dispatches: int = 0
    events: int = 0
    developments: int = 0
    revisions: int = 0
    bytes: int = 0
    actions: dict[str, int] = field(default_factory=dict)


def _figure(rng: random.Random, party: str, claimant: str) -> dict[str, Any]:
    """One casualty figure in the dispatch format (as ``synthetic._figure``, without nulls)."""
    best = rng.randint(1, 60)
    roll = rng.random()
    if roll < 0.6:
        return {"party": party, "category": "killed", "best": best, "claimant": claimant}
    if roll < 0.85:
        return {"party": party, "category": "killed", "low": best, "claimant": claimant}
    return {
        "party": party,
        "category": "wounded",
        "low": best,
        "best": best + 3,
        "high": best + 9,
        "claimant": claimant,
    }


def _raised(rng: random.Random, figure: dict[str, Any]) -> dict[str, Any]:
    """The claimant's higher toll, keeping low <= best <= high."""
    current = figure.get("best", figure.get("low", 0))
    best = current + rng.randint(1, 30)
    raised = {k: figure[k] for k in ("party", "category", "claimant")}
    raised.update(low=best, best=best)
    if "high" in figure:
        raised["high"] = max(figure["high"], best)
    return raised


def _occurred(rng: random.Random, published: datetime) -> dict[str, Any]:
    day = (published - timedelta(days=rng.randint(0, 3))).date()
    if rng.random() < 0.15:
        evening = day - timedelta(days=1)
        return {
            "start": evening.isoformat(),
            "end": day.isoformat(),
            "precision": "night",
            "phrase": "overnight",
        }
    return {"start": day.isoformat(), "precision": "day"}


class _Generator:
    def __init__(self, seed: int, events: int) -> None:
        self.rng = random.Random(seed)
        self.wars = conflicts(self.rng)
        self.events = events
        self.span_minutes = span_days(events) * 24 * 60
        if START + timedelta(minutes=self.span_minutes) > datetime.now(UTC):
            raise ValueError(
                f"{events:,} events at the benchmark's density would reach past today; "
                "use fewer events"
            )
        self.kinds = [k for k in KINDS if k != "background"]
        self.recent: dict[str, deque[_Stated]] = {w.slug: deque() for w in self.wars}
        self.made = 0
        self.serial = 0
        self.actions: dict[str, int] = {}

    def documents(self) -> Iterator[tuple[dict[str, Any], int]]:
        """Yield (dispatch document, events it makes) until about ``events`` events."""
        while self.made < self.events:
            self.serial += 1
            document, count = self._dispatch(first=self.serial == 1)
            self.made += count
            yield document, count

    def _dispatch(self, *, first: bool) -> tuple[dict[str, Any], int]:
        rng = self.rng
        minutes = self.span_minutes * self.made // max(1, self.events)
        published = START + timedelta(minutes=minutes)
        war = rng.choice(self.wars)
        recent = self._revisable(war, iso(published))
        outlet = rng.choice(OUTLETS)
        report: dict[str, Any] = {
            "outlet": outlet,
            "headline": f"{outlet} report {self.serial} on the {war.slug} fighting",
            "published": iso(published),
            "language": "en",
        }
        if outlet in WITH_URLS:
            report["url"] = f"https://{WITH_URLS[outlet]}/world/{published:%Y/%m/%d}/{self.serial}"
        document: dict[str, Any] = {"format": FORMAT, "report": report}
        count = 1  # Report.Published
        if first:
            document["conflicts"] = [
                {
                    "id": w.slug,
                    "name": f"{w.parties[0]}–{w.parties[1]} conflict",
                    "parties": list(w.parties),
                    "started": "2019-01-01",
                }
                for w in self.wars
            ]
            count += len(self.wars)
        follow_up = bool(recent) and not first and rng.random() < 0.4
        if not follow_up:
            developments = self._developments(war, report, published)
            document["developments"] = developments
            count += len(developments)
        if recent and (follow_up or rng.random() < 0.5):
            revisions, revision_events = self._revisions(war, recent, rng.randint(1, 4))
            if revisions:
                document["revisions"] = revisions
                count += revision_events
        if "developments" not in document and "revisions" not in document:
            document["developments"] = self._developments(war, report, published)
            count += len(document["developments"])
        return document, count

    def _revisable(self, war: SyntheticConflict, now: str) -> list[_Stated]:
        recent = self.recent[war.slug]
        horizon = iso(datetime.fromisoformat(now) - REVISABLE_FOR)
        while recent and (recent[0].reported_at < horizon or not recent[0].alive):
            recent.popleft()
        return [s for s in recent if s.alive]

    def _developments(
        self, war: SyntheticConflict, report: dict[str, Any], published: datetime
    ) -> list[dict[str, Any]]:
        rng = self.rng
        natural = (
            {"url": report["url"]}
            if "url" in report
            else {k: report[k] for k in ("outlet", "published", "headline")}
        )
        developments = []
        for k in range(rng.randint(1, 5)):
            claimant = rng.choice(war.actors[:2])
            party = war.parties[0] if claimant == war.actors[0] else war.parties[1]
            figure = _figure(rng, party, claimant) if rng.random() < 0.3 else None
            development: dict[str, Any] = {
                "key": f"d{k}",
                "kind": "casualty_report" if figure else rng.choice(self.kinds),
                "summary": (
                    f"Synthetic development {self.serial}.{k} in {war.slug}: "
                    "reported clash near the border."
                ),
                "occurred": _occurred(rng, published),
                "countries": list(war.parties),
                "actors": rng.sample(war.actors, 2),
                "conflicts": [war.slug],
                "claim": {"asserted_by": [claimant], "verification": "claimed"},
            }
            if figure:
                development["figures"] = [figure]
            developments.append(development)
            self.recent[war.slug].append(
                _Stated(natural, f"d{k}", report["published"], dict(figure) if figure else None)
            )
        if len(developments) >= 2 and rng.random() < 0.1:  # two sides' accounts of one event
            developments[0]["contradicts"] = [developments[1]["key"]]
            developments[1]["contradicts"] = [developments[0]["key"]]
        return developments

    def _revisions(
        self, war: SyntheticConflict, recent: list[_Stated], wanted: int
    ) -> tuple[list[dict[str, Any]], int]:
        rng = self.rng
        revisions: list[dict[str, Any]] = []
        events = 0
        for target in rng.sample(recent, min(wanted, len(recent))):
            if not target.alive:
                continue  # merged away earlier in this dispatch
            reference = {"report": target.report, "key": target.key}
            roll = rng.random()
            revision: dict[str, Any]
            if target.figure and roll < 0.5:
                target.figure = _raised(rng, target.figure)
                revision = {"action": "revise_figure", "target": reference, "figure": target.figure}
            elif roll < 0.7:
                revision = {"action": "corroborate", "target": reference}
            elif roll < 0.85:
                revision = {"action": "dispute", "target": reference, "party": war.actors[1]}
            elif roll < 0.96:
                changes: dict[str, Any] = {"summary": f"Corrected account {self.serial}."}
                if rng.random() < 0.3:
                    day = datetime.fromisoformat(target.reported_at).date() - timedelta(days=1)
                    changes["occurred"] = {"start": day.isoformat(), "precision": "day"}
                revision = {"action": "correct", "target": reference, "changes": changes}
            elif roll < 0.99:
                target.alive = False
                revision = {"action": "retract", "target": reference}
            else:
                survivors = [s for s in recent if s.alive and s is not target]
                if not survivors:
                    continue
                survivor = rng.choice(survivors)
                target.alive = False
                revision = {
                    "action": "merge",
                    "target": reference,
                    "into": {"report": survivor.report, "key": survivor.key},
                }
            if rng.random() < 0.2:
                revision["note"] = "Reported by a second source."
            revisions.append(revision)
            events += 2 if revision["action"] == "merge" else 1
            self.actions[revision["action"]] = self.actions.get(revision["action"], 0) + 1
        return revisions, events


def documents(seed: int, events: int) -> Iterator[tuple[dict[str, Any], int]]:
    """Yield (dispatch document, events the engine makes of it), about ``events`` in all."""
    return _Generator(seed, events).documents()


def write_archive(path: Path, seed: int, events: int) -> ArchiveSummary:
    """Write a JSON Lines archive of about ``events`` events; return what it holds."""
    generator = _Generator(seed, events)
    summary = ArchiveSummary(path)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document, count in generator.documents():
            line = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
            out.write(line)
            summary.dispatches += 1
            summary.events += count
            summary.developments += len(document.get("developments", ()))
            summary.revisions += len(document.get("revisions", ()))
            summary.bytes += len(line.encode("utf-8"))
    summary.actions = dict(sorted(generator.actions.items()))
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.archive", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    summary = write_archive(args.out, args.seed, args.events)
    print(
        f"{summary.path}: {summary.dispatches:,} dispatches, {summary.events:,} events "
        f"({summary.developments:,} developments, {summary.revisions:,} revisions: "
        + ", ".join(f"{n:,} {a}" for a, n in summary.actions.items())
        + f"), {summary.bytes / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
