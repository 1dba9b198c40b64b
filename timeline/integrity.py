"""``timeline verify``: is the log intact, and do the read models match it?

Four checks, all read-only:

1. every stored event decodes through the library's mapper (upcasting old versions);
2. each aggregate's versions are contiguous from 1 (and no event was deleted: a chain link
   without its event is reported);
3. the hash chain (see :mod:`timeline.chain`) matches every stored event: each link is
   recomputed from the stored previous hash, so a changed event is named by its position;
4. the read models equal a fresh rebuild from the log, table for table.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from projections import compare
from projections.runner import ReadModels
from timeline.application import TimelineApp
from timeline.chain import GENESIS, link


@dataclass
class Finding:
    check: str
    message: str
    position: int | None = None


@dataclass
class Verification:
    events: int = 0
    aggregates: int = 0
    head_hash: str | None = None
    checks: dict[str, str] = field(default_factory=dict)  # check -> "ok" | "failed" | "skipped"
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "aggregates": self.aggregates,
            "head_hash": self.head_hash,
            "checks": self.checks,
            "findings": [f.__dict__ for f in self.findings],
        }


def verify(app: TimelineApp, views: ReadModels | None, *, batch: int = 2000) -> Verification:
    result = Verification()
    recorder: Any = app.recorder
    chained = hasattr(recorder, "chain_links")  # the chained SQLite or PostgreSQL recorder
    versions: dict[str, int] = {}
    previous_hash = GENESIS
    for page in app.notifications(0, batch=batch):
        stored = recorder.chain_links(page[0].id, page[-1].id) if chained else {}
        for n in page:
            result.events += 1
            originator = str(n.originator_id)
            try:
                event = app.mapper.to_domain_event(n)
            except Exception as exc:  # any failure to decode is the finding itself
                result.findings.append(
                    Finding("decode", f"event does not decode: {type(exc).__name__}: {exc}", n.id)
                )
                event = None
            expected = versions.get(originator, 0) + 1
            if n.originator_version != expected:
                result.findings.append(
                    Finding(
                        "versions",
                        f"aggregate {originator} jumps from version {expected - 1} to "
                        f"{n.originator_version}",
                        n.id,
                    )
                )
            versions[originator] = n.originator_version
            if chained:
                recorded = stored.get(n.id)
                computed = link(
                    previous_hash, n.id, n.originator_id, n.originator_version, n.topic, n.state
                )
                kind = type(event).__qualname__ if event is not None else n.topic
                if recorded is None:
                    result.findings.append(Finding("chain", "event has no hash-chain entry", n.id))
                elif recorded != computed:
                    result.findings.append(
                        Finding(
                            "chain",
                            f"event changed since it was appended: {kind} of {originator} "
                            f"version {n.originator_version} does not match its chain hash",
                            n.id,
                        )
                    )
                previous_hash = recorded or computed
    if chained:
        for position in recorder.orphaned_links():
            result.findings.append(
                Finding("chain", "event was deleted after it was appended", position)
            )
    result.aggregates = len(versions)
    result.head_hash = previous_hash if chained and result.events else None
    for check in ("decode", "versions", "chain"):
        failed = any(f.check == check for f in result.findings)
        result.checks[check] = "failed" if failed else "ok"
    if not chained:
        result.checks["chain"] = "skipped"
    if views is None:
        result.checks["read_models"] = "skipped"
        return result
    views.catch_up()
    with tempfile.TemporaryDirectory(prefix="timeline-verify-") as tmp:
        fresh = ReadModels(app, Path(tmp) / "fresh.sqlite3")
        fresh.catch_up(batch_size=batch)
        problems = compare.differences(compare.dump_tables(views.db), compare.dump_tables(fresh.db))
        fresh.close()
    for problem in problems:
        result.findings.append(Finding("read_models", problem))
    result.checks["read_models"] = "failed" if problems else "ok"
    return result
