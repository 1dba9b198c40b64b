"""Actors in the log, and the resolver that turns names into actors and actors into sides.

Tables: ``actors`` (one row per actor the log defines or extends), ``actor_aliases`` and
``actor_affiliations``. The built-in registry (:mod:`timeline.actors.registry`) is reference
data, like the countries table: it is not copied here.

:class:`Resolver` layers the log's actors over the registry. Names in developments and
figures are stored as written; they are resolved when read, so an alias added later applies
everywhere at once, and every read of the same log gives the same answer.

**Which knowledge of actors a query uses.** Every query, as-of queries included, resolves
names with every actor, alias and affiliation event in the log (the log as it stands, not
as of the query's knowledge time): aliases say how names are spelled, not what was known
when. Affiliations hold in *occurred* time: a voice speaks for a side only while its
affiliation is valid at the development's occurred start. So an alias or affiliation event
can change how figures are grouped, never a figure's value, and the answer does not depend
on the order in which independent files were ingested.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlite_utils import Database

from projections.base import EventRecord, Projection
from timeline.actors.names import name_key
from timeline.actors.registry import ActorRecord, Affiliation, Registry, build, builtin


class ActorsProjection(Projection):
    name = "actors"
    tables = ("actor_affiliations", "actor_aliases", "actors")
    handles: ClassVar[frozenset[str]] = frozenset(
        {
            "Actor.Defined",
            "Actor.Extended",
            "Actor.Aliased",
            "Actor.Affiliated",
            "Actor.Renamed",
        }
    )

    def create(self, db: Database) -> None:
        db.table("actors").create(
            {
                "id": str,
                "aggregate_id": str,
                "name": str,
                "kind": str,
                "country": str,
                "origin": str,
                "position": int,
                "recorded_at": str,
            },
            pk="id",
            if_not_exists=True,
        )
        db.table("actor_aliases").create(
            {"actor": str, "alias": str, "key": str, "position": int},
            pk=("actor", "key"),
            foreign_keys=[("actor", "actors", "id")],
            if_not_exists=True,
        )
        db.table("actor_aliases").create_index(["key"], if_not_exists=True)
        db.table("actor_affiliations").create(
            {
                "actor": str,
                "idx": int,
                "relation": str,
                "target": str,
                "valid_from": str,
                "valid_to": str,
                "position": int,
            },
            pk=("actor", "idx"),
            foreign_keys=[("actor", "actors", "id")],
            if_not_exists=True,
        )

    def apply(self, db: Database, records: list[EventRecord]) -> None:
        conn = db.conn
        slugs: dict[str, str] = {
            row[0]: row[1] for row in conn.execute("SELECT aggregate_id, id FROM actors")
        }
        for r in records:
            p = r.payload
            if r.type in ("Actor.Defined", "Actor.Extended"):
                slugs[r.originator_id] = p["slug"]
                conn.execute(
                    "INSERT OR IGNORE INTO actors(id, aggregate_id, name, kind, country, origin, "
                    "position, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        p["slug"],
                        r.originator_id,
                        p.get("name"),
                        p.get("kind"),
                        p.get("country"),
                        "log" if r.type == "Actor.Defined" else "registry",
                        r.position,
                        r.recorded_at,
                    ],
                )
                for alias in p.get("aliases") or []:
                    _alias(conn, p["slug"], alias, r.position)
                continue
            slug = slugs[r.originator_id]
            if r.type == "Actor.Aliased":
                _alias(conn, slug, p["alias"], r.position)
            elif r.type == "Actor.Renamed":
                old = conn.execute("SELECT name FROM actors WHERE id = ?", [slug]).fetchone()
                if old and old[0]:
                    _alias(conn, slug, old[0], r.position)
                conn.execute("UPDATE actors SET name = ? WHERE id = ?", [p["name"], slug])
            elif r.type == "Actor.Affiliated":
                idx = conn.execute(
                    "SELECT COUNT(*) FROM actor_affiliations WHERE actor = ?", [slug]
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO actor_affiliations(actor, idx, relation, target, valid_from, "
                    "valid_to, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        slug,
                        idx,
                        p["relation"],
                        p["target"],
                        p["valid_from"],
                        p["valid_to"],
                        r.position,
                    ],
                )


def _alias(conn: Any, slug: str, alias: str, position: int) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO actor_aliases(actor, alias, key, position) VALUES (?, ?, ?, ?)",
        [slug, alias, name_key(alias), position],
    )


@dataclass(frozen=True)
class Voice:
    """A name as written, what it resolves to, and the side it speaks for."""

    name: str
    actor: str | None  # actor id, None when unresolved
    actor_name: str  # the actor's display name (the name as written when unresolved)
    side: str  # side id (the name as written when unresolved)
    side_name: str
    side_kind: str | None

    @property
    def resolved(self) -> bool:
        return self.actor is not None

    def describe(self) -> str:
        """'Government of Armenia' or 'Government of Armenia, via Security Council of
        Armenia' when the voice is not the side itself."""
        if self.actor is None or self.actor == self.side:
            return self.side_name
        return f"{self.side_name}, via {self.actor_name}"


class Resolver:
    """Names to actors and sides, by the registry with the log's actors over it."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def actor(self, name: str) -> str | None:
        return self.registry.resolve(name)

    def record(self, actor_id: str) -> ActorRecord | None:
        return self.registry.get(actor_id)

    def voice(self, name: str, when: str | None = None) -> Voice:
        actor_id = self.registry.resolve(name)
        if actor_id is None:
            return Voice(name, None, name, name, name, None)
        record = self.registry.actors[actor_id]
        side = self.registry.side(actor_id, when)
        side_record = self.registry.actors.get(side, record)
        return Voice(name, actor_id, record.name, side, side_record.name, side_record.kind)

    def side_key(self, name: str, when: str | None = None) -> str:
        """What figures supersede within: the side's id, or the name's normal form."""
        voice = self.voice(name, when)
        return voice.side if voice.resolved else f"?{name_key(name)}"


def resolver(db: Database) -> Resolver:
    """The registry with this read-model file's log actors layered over it (cached per file
    until the actors projection moves)."""
    try:
        position = db.execute(
            "SELECT position FROM _tracking WHERE projection = 'actors'"
        ).fetchone()
        rows = db.execute("SELECT COUNT(*) FROM actors").fetchone()
    except Exception:  # no actor tables (an old or partial read model): the registry alone
        return Resolver(builtin())
    key = (id(db), position[0] if position else 0, rows[0])
    cached = _CACHE.get(id(db))
    if cached is not None and cached[0] == key:
        return cached[1]
    made = Resolver(_with_log(db) if rows[0] else builtin())
    _CACHE[id(db)] = (key, made)
    return made


_CACHE: dict[int, tuple[tuple[int, int, int], Resolver]] = {}


def _with_log(db: Database) -> Registry:
    base = builtin()
    records = dict(base.actors)
    extra_aliases: dict[str, list[str]] = {}
    for alias_row in db.execute("SELECT actor, alias FROM actor_aliases ORDER BY position"):
        extra_aliases.setdefault(alias_row[0], []).append(alias_row[1])
    extra_affiliations: dict[str, list[Affiliation]] = {}
    for actor, relation, target, valid_from, valid_to in db.execute(
        "SELECT actor, relation, target, valid_from, valid_to FROM actor_affiliations "
        "ORDER BY actor, idx"
    ):
        extra_affiliations.setdefault(actor, []).append(
            Affiliation(relation, target, valid_from, valid_to)
        )
    log_aliases: dict[str, str] = {}
    for slug, name, kind, country in db.execute(
        "SELECT id, name, kind, country FROM actors ORDER BY position"
    ):
        known = records.get(slug)
        if known is None:
            known = ActorRecord(slug, name or slug, kind or "person", country, (), (), None, "log")
        elif name:
            known = replace(known, name=name)
        added = extra_aliases.get(slug, [])
        # The log's affiliations come first: they are the user's explicit statements.
        known = replace(
            known,
            aliases=tuple(dict.fromkeys([*known.aliases, known.name, *added])),
            affiliations=(*extra_affiliations.get(slug, []), *known.affiliations),
        )
        records[slug] = known
        for alias in [known.name, *added]:
            log_aliases[name_key(alias)] = slug
    merged = build(records.values())
    for key, slug in log_aliases.items():  # the log's claims settle registry ambiguities
        merged.aliases[key] = slug
        merged.ambiguous.pop(key, None)
    return merged
