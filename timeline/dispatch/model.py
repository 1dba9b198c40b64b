"""The dispatch model: frozen drafts of a report, its conflicts, developments, revisions
and actors, and the normalised content a dispatch is hashed by."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

FORMAT = "timeline-dispatch/1"
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Occurred:
    start: str
    end: str
    precision: str
    phrase: str | None
    anchor: str  # the publication time the phrase was resolved against
    tz: str | None = None  # the IANA zone the source gave the values in (None: UTC)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class FigurePart:
    """A share of a figure: a country's (``group`` None) or a group's within a country."""

    party: str  # the country (ISO alpha-3)
    group: str | None
    category: str
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True)
class Figure:
    party: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    claimant: str
    #: The kind of number the source gives (``BOUNDS``); None when it does not say.
    bound: str | None = None
    provisional: bool = False
    includes: tuple[FigurePart, ...] = ()
    #: For a group party: the country the group belongs to.
    country: str | None = None


@dataclass(frozen=True)
class Claim:
    asserted_by: tuple[str, ...]
    verification: str
    disputed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportDraft:
    outlet: str
    url: str | None
    headline: str
    published: str
    published_offset: str | None
    language: str | None = None  # ISO 639-1; left out of the content hash when None
    #: The IANA zone the publication time was given in; left out of the hash when None.
    published_tz: str | None = None


@dataclass(frozen=True)
class ConflictDraft:
    slug: str
    name: str
    parties: tuple[str, ...]
    aliases: tuple[str, ...]
    started: str | None


@dataclass(frozen=True)
class Provenance:
    """The article's words at ``[start, end)`` that support one field (``timeline extract``)."""

    field: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True)
class Review:
    """Whether a person has reviewed a machine-extracted development."""

    status: str  # "machine-extracted" or "reviewed"
    extractor: str | None = None
    reviewer: str | None = None


@dataclass(frozen=True)
class DevelopmentDraft:
    key: str
    kind: str
    summary: str
    quote: str | None
    occurred: Occurred
    countries: tuple[str, ...]
    actors: tuple[str, ...]
    places: tuple[Place, ...]
    conflicts: tuple[str, ...]
    claim: Claim
    figures: tuple[Figure, ...]
    contradicts: tuple[str, ...]
    # Optional, from `timeline extract`; left out of the content hash when unset.
    provenance: tuple[Provenance, ...] = ()
    review: Review | None = None
    #: A casualty report's counted developments; left out of the content hash when empty.
    counts: tuple[Reference, ...] = ()


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def plain(value: Any) -> Any:
    """A draft as plain dicts and lists: what ``dataclasses.asdict`` gives, as JSON sees it,
    without its deep copies (the drafts are frozen and hold only text, numbers and None)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _ATOMS else plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _ATOMS else plain(v) for k, v in value.items()}
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    names = _FIELD_NAMES[kind]
    if names is None:
        return value
    body = {}
    for name in names:
        v = getattr(value, name)
        body[name] = v if type(v) in _ATOMS else plain(v)
    return body


#: A figure's fields added after files were first hashed, with the values that leave a
#: file's content hash as it was.
_FIGURE_DEFAULTS: dict[str, Any] = {
    "bound": None,
    "provisional": False,
    "includes": [],
    "country": None,
}


def figure_body(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure's hashed content: its later fields only when given."""
    return {
        k: v for k, v in figure.items() if k not in _FIGURE_DEFAULTS or _FIGURE_DEFAULTS[k] != v
    }


def _development_body(draft: DevelopmentDraft) -> dict[str, Any]:
    """A development's hashed content: files without provenance or review keep their hash."""
    body: dict[str, Any] = plain(draft)
    if not body["provenance"]:
        del body["provenance"]
    if body["review"] is None:
        del body["review"]
    body["figures"] = [figure_body(f) for f in body["figures"]]
    _untimed(body["occurred"])
    if not body["counts"]:
        del body["counts"]
    return body


def _untimed(occurred: dict[str, Any]) -> None:
    """Occurred values without a zone keep the hash they had before ``tz`` existed."""
    if occurred.get("tz", "") is None:
        del occurred["tz"]


def _revision_body(revision: RevisionDraft) -> dict[str, Any]:
    body: dict[str, Any] = plain(revision)
    if body["figure"] is not None:
        body["figure"] = figure_body(body["figure"])
    for name, value in body["changes"]:
        if name == "occurred":
            _untimed(value)
    for ref in (body["target"], body["into"]):
        if (
            ref is not None
            and ref.get("report") is not None
            and ref["report"]["published_tz"] is None
        ):
            del ref["report"]["published_tz"]
    return body


@dataclass(frozen=True)
class Reference:
    """How a revision names a development: exactly one of the three forms is set."""

    id: str | None = None  # a stable id (UUID)
    local: str | None = None  # the key of a development in the same file
    report: ReportDraft | None = None  # natural key: the first report ...
    key: str | None = None  # ... and the development's key in it


@dataclass(frozen=True)
class RevisionDraft:
    action: str
    target: Reference
    into: Reference | None = None
    figure: Figure | None = None
    changes: tuple[tuple[str, Any], ...] = ()
    party: str | None = None
    note: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class AffiliationDraft:
    relation: str
    actor: str
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class ActorDraft:
    """An actor the file defines (``name`` and ``kind`` given) or extends (only ``id`` with
    aliases and affiliations)."""

    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    affiliations: tuple[AffiliationDraft, ...] = ()


@dataclass(frozen=True)
class Dispatch:
    source: str
    report: ReportDraft
    conflicts: tuple[ConflictDraft, ...]
    developments: tuple[DevelopmentDraft, ...] = field(default_factory=tuple)
    revisions: tuple[RevisionDraft, ...] = field(default_factory=tuple)
    actors: tuple[ActorDraft, ...] = field(default_factory=tuple)

    @property
    def content_hash(self) -> str:
        """SHA-256 over the normalised content (not the file's bytes), so formatting is free."""
        report = plain(self.report)
        for later in ("language", "published_tz"):
            if report[later] is None:
                del report[later]  # files written before the field keep their hash
        body = {
            "report": report,
            "conflicts": plain(self.conflicts),
            "developments": [_development_body(d) for d in self.developments],
        }
        if self.revisions:
            body["revisions"] = [_revision_body(r) for r in self.revisions]
        if self.actors:
            body["actors"] = plain(self.actors)
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
