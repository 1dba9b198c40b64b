"""Figures per side: the supersession rule every view, report and export applies.

A casualty figure is given by a voice (a claimant, stored as written). The voice speaks for
a side (see :mod:`projections.actors`): a government, an armed group, an organisation. The
latest figure a *side* gave for a party and category is that side's figure, whichever of its
voices gave it; the voice stays visible. Figures of different sides stay side by side and
are never summed. A name that resolves to no actor is its own side, compared by its normal
form, so free-text logs keep working.

Ties on reported time break on development id, then on the voice's name, for a
deterministic answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from projections.actors import Resolver

SideKey = tuple[str, str, str]  # party, category, side key


def annotate(figure: dict[str, Any], resolver: Resolver, when: str | None) -> dict[str, Any]:
    """The figure with its side: ``side`` (id, or the name as written when unresolved),
    ``side_name``, ``actor`` (the voice's actor id or None) and ``voice`` ("Government of
    Armenia, via Security Council of Armenia")."""
    voice = resolver.voice(figure["claimant"], when)
    return {
        **figure,
        "side": voice.side,
        "side_name": voice.side_name,
        "actor": voice.actor,
        "voice": voice.describe(),
        "side_key": resolver.side_key(figure["claimant"], when),
    }


def _rank(figure: dict[str, Any]) -> tuple[str, str, str]:
    return (figure["reported_at"], figure.get("development_id") or "", figure["claimant"])


def latest_by_side(figures: Iterable[dict[str, Any]], resolver: Resolver) -> list[dict[str, Any]]:
    """The latest figure per party, category and side. Each input figure needs party,
    category, claimant, low, best, high, reported_at and ``occurred_start`` (the occurred
    time its voice is resolved at); ``development_id`` breaks ties."""
    best: dict[SideKey, dict[str, Any]] = {}
    for figure in figures:
        annotated = annotate(figure, resolver, figure.get("occurred_start"))
        key = (annotated["party"], annotated["category"], annotated["side_key"])
        if key not in best or _rank(annotated) > _rank(best[key]):
            best[key] = annotated
    return sorted(
        best.values(), key=lambda f: (f["party"], f["category"], f["side_name"], f["side_key"])
    )


def row_figures(row: dict[str, Any], resolver: Resolver) -> list[dict[str, Any]]:
    """One development's own figures, latest per side, in the order the development gives
    them (a revision by another voice of the same side replaces the earlier voice's)."""
    kept = latest_by_side(
        (
            {
                **f,
                "development_id": row["development_id"],
                "occurred_start": row["occurred_start"],
                "_index": i,
            }
            for i, f in enumerate(row["figures"])
        ),
        resolver,
    )
    ordered = sorted(kept, key=lambda f: f["_index"])
    for figure in ordered:
        del figure["_index"]
        del figure["occurred_start"]
        del figure["development_id"]
    return ordered
