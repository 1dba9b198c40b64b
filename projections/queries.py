"""Plain queries over the read-model tables. Views, the CLI and reports read only through here.

Knowledge time (``as_of``) selects the version of each development that was current at that
reported time: ``valid_from <= as_of < valid_to``. With ``as_of`` None the current versions
are read. Occurred time filters (``occurred_from``, ``occurred_to``) are separate and overlap-
based: a development is kept if its occurred interval meets ``[occurred_from, occurred_to]``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import orjson
from sqlite_utils import Database

from projections import temporal
from projections.actors import resolver
from projections.sides import latest_by_side, row_figures
from projections.timelines import JSON_COLUMNS
from timeline.errors import NotFoundError


@dataclass(frozen=True)
class TimelineQuery:
    conflict: str | None = None
    country: str | None = None
    actor: str | None = None
    as_of: str | None = None
    occurred_from: str | None = None
    occurred_to: str | None = None
    include_merged: bool = False
    #: With ``actor``: every spelling in the log that resolves to that actor (see
    #: :func:`resolve_actor`); empty means ``actor`` exactly as written.
    names: tuple[str, ...] = ()
    #: Only developments that one of this side's voices names or asserts, at the
    #: development's occurred time (see :func:`resolve_side`).
    side: str | None = None

    @property
    def dimension(self) -> tuple[str, str, str] | None:
        if self.conflict:
            return ("conflict_timeline", "conflict", self.conflict)
        if self.country:
            return ("country_timeline", "country", self.country)
        if self.actor:
            return ("actor_timeline", "actor", self.actor)
        if self.side:
            return ("actor_timeline", "actor", self.side)
        return None


#: A run of digits that may be an integer beyond 64 bits, which orjson reads as a float.
_LONG_NUMBER = re.compile(r"\d{19}")


def _loads(text: str) -> Any:
    """``json.loads(text)``, by orjson where it gives the same value (two to three times
    faster on these columns): not for text with a 19-digit run (a big integer, which orjson
    reads as a float), and not for what orjson refuses (NaN, infinities, lone surrogates)."""
    if _LONG_NUMBER.search(text) is None:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for column in JSON_COLUMNS:
        value = row.get(column)
        if type(value) is str:  # _loads, inline: this runs for every JSON value a read decodes
            if len(value) < 19 or _LONG_NUMBER.search(value) is None:
                try:
                    row[column] = orjson.loads(value)
                    continue
                except orjson.JSONDecodeError:
                    pass
            row[column] = json.loads(value)
        elif value is not None and isinstance(value, str):
            row[column] = _loads(value)
    return row


def _rows(db: Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _visible(alias: str, as_of: str | None) -> tuple[str, list[Any]]:
    if as_of is None:
        return f"{alias}.valid_to IS NULL", []
    return f"{alias}.valid_from <= ? AND ({alias}.valid_to IS NULL OR {alias}.valid_to > ?)", [
        as_of,
        as_of,
    ]


def timeline(db: Database, query: TimelineQuery) -> list[dict[str, Any]]:
    """Development versions visible to the query, in occurred order. Each row's figures are
    its latest per side, each with its side and voice (see :mod:`projections.sides`)."""
    return _decoded(db, query, _raw_rows(db, query, every_version=False))


def figure_versions(db: Database, query: TimelineQuery) -> list[dict[str, Any]]:
    """Every active version with figures that the query's timeline held at some knowledge
    time up to its ``as_of`` (current or not), decoded and filtered as :func:`timeline`
    does: the figure-giving rows of the timeline as known at any moment D are exactly the
    rows here with ``valid_from <= D < valid_to``. (What a figure history needs.)"""
    return _decoded(db, query, _raw_rows(db, query, every_version=True))


def timeline_tail(
    db: Database, query: TimelineQuery, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """The last ``limit`` rows of :func:`timeline` (those that occurred last), and how many
    rows it has in all. Only the rows kept are decoded and resolved to sides, unless a side
    filter must see every row to count them."""
    if query.side is not None:
        rows = timeline(db, query)
    elif not query.names:
        kept, total = _tail_rows(db, query, limit)
        return _decoded(db, query, kept), total
    else:
        rows = _raw_rows(db, query, every_version=False)
    total = len(rows)
    kept = rows[total - limit :] if limit else []
    return (kept if query.side is not None else _decoded(db, query, kept)), total


def _tail_rows(db: Database, query: TimelineQuery, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The last ``limit`` rows of the timeline's own query, undecoded, and how many it has:
    the query runs for the row ids alone (the versions' wide rows stay in SQLite), then only
    the rows kept are read (at 1M events, 0.05 s instead of 0.14-0.24 s for 8,000 rows)."""
    sql, params = timeline_sql(query, columns="v.rowid")
    ids = [row[0] for row in db.execute(sql, params).fetchall()]
    kept = ids[len(ids) - limit :] if limit else []
    return _versions_by_rowid(db, kept), len(ids)


def _versions_by_rowid(db: Database, rowids: list[int]) -> list[dict[str, Any]]:
    """The rows of ``development_versions`` with these row ids, in their order, as the
    timeline's query gives them (``SELECT v.*``)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        cursor = db.execute(
            f"SELECT rowid, * FROM development_versions WHERE rowid IN ({marks})", chunk
        )
        names = [d[0] for d in cursor.description][1:]
        for values in cursor.fetchall():
            found[values[0]] = dict(zip(names, values[1:], strict=True))
    return [found[rowid] for rowid in rowids]


def _raw_rows(db: Database, query: TimelineQuery, *, every_version: bool) -> list[dict[str, Any]]:
    if not query.names:
        sql, params = timeline_sql(query, every_version=every_version)
        return _rows(db, sql, params)
    found: dict[str, dict[str, Any]] = {}
    for name in query.names:
        sql, params = timeline_sql(
            replace(query, actor=name, names=(), side=None), every_version=every_version
        )
        for row in _rows(db, sql, params):
            found.setdefault(row["version_id"], row)
    return sorted(found.values(), key=_occurred_order)


def _decoded(
    db: Database, query: TimelineQuery, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows decoded and resolved to sides, and kept only if they pass the side filter."""
    decoded = with_sides(db, with_history_lists(db, [_decode(row) for row in rows]))
    if query.side is not None:
        resolve = resolver(db)
        decoded = [
            row
            for row in decoded
            if any(
                resolve.voice(name, row["occurred_start"]).side == query.side
                for name in (*row["actors"], *row["asserted_by"])
            )
        ]
    return decoded


def _occurred_order(row: dict[str, Any]) -> tuple[str, str, str, str]:
    return (row["occurred_start"], row["occurred_end"], row["kind"], row["development_id"])


@dataclass(frozen=True)
class ActorMatch:
    """What ``--actor`` or ``--side`` typed resolves to."""

    actor: str | None  # the actor id; None when the name resolves to no actor
    display: str
    names: tuple[str, ...]  # the spellings in the log that name it


def _logged_names(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT actor FROM actor_timeline")]


def resolve_actor(db: Database, typed: str) -> ActorMatch:
    """An actor typed as any alias (or its id): every spelling in the log that names it.
    A name that resolves to no actor matches itself, case-insensitively."""
    resolve = resolver(db)
    actor = resolve.actor(typed) or (typed if resolve.record(typed) else None)
    if actor is None:
        name = actor_exists(db, typed)
        return ActorMatch(None, name, (name,))
    record = resolve.record(actor)
    names = tuple(n for n in _logged_names(db) if resolve.actor(n) == actor)
    return ActorMatch(actor, record.name if record else actor, names)


def resolve_side(db: Database, typed: str) -> ActorMatch:
    """A side typed as any alias or id: every spelling in the log whose actor can speak for
    it (the timeline then keeps a development only if the voice spoke for it then)."""
    resolve = resolver(db)
    side = resolve.actor(typed) or (typed if resolve.record(typed) else None)
    if side is None:
        raise NotFoundError(f"no actor or side named {typed!r} (try `timeline actors`)")
    record = resolve.record(side)
    names = tuple(n for n in _logged_names(db) if side in _chain(resolve, resolve.actor(n)))
    return ActorMatch(side, record.name if record else side, names)


def with_resolved_actor(db: Database, query: TimelineQuery) -> tuple[str, TimelineQuery]:
    """For ``--actor`` or ``--side``: the display name, and the query with every spelling in
    the log that names that actor (or a voice of that side). Other queries pass through."""
    if query.side is not None and not query.names:
        match = resolve_side(db, query.side)
        names = match.names or (match.display,)
        return match.display, replace(query, actor=names[0], names=names, side=match.actor)
    if query.actor is not None and not query.names:
        match = resolve_actor(db, query.actor)
        names = match.names or (match.display,)
        return match.display, replace(query, actor=names[0], names=names)
    return query.actor or "", query


def _chain(resolve: Any, actor: str | None) -> set[str]:
    """Every actor ``actor`` speaks for at any time, itself included."""
    found: set[str] = set()
    todo = [actor] if actor else []
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        record = resolve.record(current)
        if record is not None:
            todo.extend(a.target for a in record.affiliations)
    return found


def with_sides(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Resolve each decoded row's figures to sides (latest per side within the row), and
    its claimants: ``asserted_sides`` is how each asserter is shown ("Government of
    Kyrgyzstan, via Kyrgyz Health Ministry"; the name as written when unresolved)."""
    if not rows:
        return rows
    resolve = resolver(db)
    for row in rows:
        if row.get("figures"):
            row["figures"] = row_figures(row, resolve)
        if "asserted_by" in row:
            row["asserted_sides"] = [
                resolve.voice(name, row["occurred_start"]).describe() for name in row["asserted_by"]
            ]
        if "actors" in row:
            row["actor_sides"] = [
                _voice_record(resolve, name, row["occurred_start"]) for name in row["actors"]
            ]
    return rows


def _voice_record(resolve: Any, name: str, when: str) -> dict[str, Any]:
    """A named actor as JSON: the name as written, the actor and kind it resolves to (None
    when unresolved), and its side with the side's kind at the development's occurred time."""
    voice = resolve.voice(name, when)
    record = resolve.record(voice.actor) if voice.actor else None
    side = resolve.record(voice.side) if voice.actor else None
    return {
        "name": name,
        "actor": voice.actor,
        "actor_name": voice.actor_name if voice.actor else None,
        "kind": record.kind if record else None,
        "side": voice.side if voice.actor else None,
        "side_name": voice.side_name if voice.actor else None,
        "side_kind": side.kind if side else None,
        "country": (side.country if side else None) or (record.country if record else None),
        "acled_name": side.acled_name if side else None,
    }


def timeline_sql(
    query: TimelineQuery, *, every_version: bool = False, columns: str = "v.*"
) -> tuple[str, list[Any]]:
    """The SQL behind :func:`timeline` (and, with ``every_version``, behind
    :func:`figure_versions`: every active version with figures known by ``as_of``).

    With a country, conflict or actor, the search goes through the R*Tree over
    (key, occurred, known) boxes (see ``projections.temporal``), then the exact filters run
    on its candidates. ``columns`` are those selected (of the versions, ``v``).
    """
    params: list[Any] = []
    dimension = query.dimension
    if dimension:
        table, column, value = dimension
        known = temporal.minute(query.as_of) if query.as_of else temporal.MAX
        sql = (
            # CROSS JOIN fixes the join order: the R*Tree drives, the B-trees are probed.
            f"SELECT {columns} FROM [{temporal.box_index_name(table)}] b "
            f"CROSS JOIN {table} t ON t.rowid = b.id "
            "CROSS JOIN development_versions v ON v.version_id = t.version_id "
            "WHERE b.key_lo <= ? AND b.key_hi >= ? AND b.known_lo <= ? "
            + ("" if every_version else "AND b.known_hi >= ? ")
            + f"AND t.{column} = ?"
        )
        key = temporal.key_id(value)
        params = [key, key, known] + ([] if every_version else [known]) + [value]
        if query.occurred_from:
            sql += " AND b.occ_hi >= ?"
            params.append(temporal.minute(query.occurred_from))
        if query.occurred_to:
            sql += " AND b.occ_lo <= ?"
            params.append(temporal.minute(query.occurred_to))
        alias = "t"
    else:
        sql = f"SELECT {columns} FROM development_versions v WHERE 1"
        alias = "v"
    if not every_version:
        clause, extra = _visible(alias, query.as_of)
        sql += f" AND {clause}"
        params.extend(extra)
    else:
        sql += " AND v.status = 'active' AND v.figures != '[]'"
        if query.as_of is not None:
            sql += f" AND {alias}.valid_from <= ?"
            params.append(query.as_of)
    if not query.include_merged:
        sql += " AND v.status != 'merged'"
    if query.occurred_from:
        sql += " AND v.occurred_end > ?"
        params.append(query.occurred_from)
    if query.occurred_to:
        sql += " AND v.occurred_start <= ?"
        params.append(query.occurred_to)
    sql += " ORDER BY v.occurred_start, v.occurred_end, v.kind, v.development_id"
    return sql, params


def tally(db: Database, conflict: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """The latest figure per party, category and side for one conflict (as known at
    ``as_of``): each side's own figure, whichever of its voices gave it, never summed."""
    clause, params = _visible("f", as_of)
    figures = _rows(
        db,
        "SELECT ct.conflict, f.party, f.category, f.claimant, f.low, f.best, f.high, "
        "f.reported_at, f.report_id, f.development_id, v.occurred_start, f.bound, "
        "f.provisional, f.includes, f.country "
        # In this order (CROSS JOIN fixes it; the rows come in the same order): a conflict's
        # versions, their figures, then the versions' wide rows only for those with figures.
        "FROM conflict_timeline ct "
        "CROSS JOIN version_figures f ON f.version_id = ct.version_id "
        "CROSS JOIN development_versions v ON v.version_id = f.version_id "
        f"WHERE ct.conflict = ? AND {clause} AND v.status = 'active'",
        [conflict, *params],
    )
    for figure in figures:
        figure["provisional"] = bool(figure["provisional"])
        figure["includes"] = json.loads(figure["includes"] or "[]")
    return latest_by_side(figures, resolver(db))


def tally_for(db: Database, query: TimelineQuery) -> list[dict[str, Any]]:
    """The latest figure per party, category and side among the developments a query
    sees (a conflict without an occurred range is :func:`tally` itself)."""
    if query.conflict and not (query.occurred_from or query.occurred_to):
        return tally(db, query.conflict, query.as_of)
    figures = (
        {**f, "development_id": row["development_id"], "occurred_start": row["occurred_start"]}
        for row in timeline(db, query)
        for f in row["figures"]
    )
    return latest_by_side(figures, resolver(db))


def conflict(db: Database, conflict_id: str) -> dict[str, Any]:
    rows = _rows(db, "SELECT * FROM conflicts WHERE id = ?", [conflict_id])
    if not rows:
        known = ", ".join(r["id"] for r in _rows(db, "SELECT id FROM conflicts ORDER BY id"))
        raise NotFoundError(
            f"no conflict with id {conflict_id!r}" + (f"; known: {known}" if known else "")
        )
    row = rows[0]
    row["aliases"] = json.loads(row["aliases"])
    row["parties"] = [
        r["country"]
        for r in _rows(
            db,
            "SELECT country FROM conflict_parties WHERE conflict = ? ORDER BY rowid",
            [conflict_id],
        )
    ]
    return row


def country_name(db: Database, iso3: str) -> str:
    rows = _rows(db, "SELECT name FROM countries WHERE iso3 = ?", [iso3])
    if not rows:
        raise NotFoundError(f"{iso3!r} is not an ISO 3166-1 alpha-3 country code")
    return str(rows[0]["name"])


#: The listings' dimensions: the link table and its key column.
_LISTED = {
    "conflict": ("conflict_timeline", "conflict"),
    "country": ("country_timeline", "country"),
}


@dataclass(frozen=True)
class Listing:
    """A listing's current, unmerged developments per key: date ranges and counts
    (``spans``), and developments first reported per day (``activity``)."""

    spans: dict[str, dict[str, Any]]
    activity: dict[str, dict[str, int]]


def listing(db: Database, dimension: str) -> Listing:
    """The current, unmerged developments of every conflict or country (``dimension``) in one
    pass: counted per key and first-reported day, then summed per key.

    One pass, not two (the spans, then the days): each is a scan of every current version
    of the log, joined to its link rows. It scans the versions in table order, which reads
    the wide rows sequentially, and finds each one's link rows by development id, instead
    of looking each version up by id from the link table (about twice as fast at 1M
    events). A development has one current version, and a key one link row per version, so
    its day's count is its key's count too: the days' distinct counts add up to the key's.
    """
    table, column = _LISTED[dimension]
    spans: dict[str, dict[str, Any]] = {}
    activity: dict[str, dict[str, int]] = {}
    for key, day, count, first_occurred, last_occurred, first_reported, last_reported in db.execute(
        f"""
        SELECT t.{column}, substr(v.first_reported_at, 1, 10) AS day,
               COUNT(DISTINCT t.development_id), MIN(v.occurred_start), MAX(v.occurred_end),
               MIN(v.first_reported_at), MAX(v.valid_from)
        FROM development_versions v NOT INDEXED
        CROSS JOIN {table} t ON t.development_id = v.development_id
             AND t.version_id = v.version_id
        WHERE v.valid_to IS NULL AND t.valid_to IS NULL AND v.status != 'merged'
        GROUP BY t.{column}, day
        """
    ):
        activity.setdefault(key, {})[day] = count
        span = spans.get(key)
        if span is None:
            spans[key] = {
                "developments": count,
                "first_occurred": first_occurred,
                "last_occurred": last_occurred,
                "first_reported": first_reported,
                "last_reported": last_reported,
            }
            continue
        span["developments"] += count
        for name, value, pick in (
            ("first_occurred", first_occurred, min),
            ("last_occurred", last_occurred, max),
            ("first_reported", first_reported, min),
            ("last_reported", last_reported, max),
        ):
            if value is not None:
                span[name] = value if span[name] is None else pick(span[name], value)
    return Listing(spans, activity)


_NO_SPAN = {
    "developments": 0,
    "first_occurred": None,
    "last_occurred": None,
    "first_reported": None,
    "last_reported": None,
}


def activity(db: Database, dimension: str) -> dict[str, dict[str, int]]:
    """Developments first reported per day (ISO date), per conflict or per country
    (``dimension``), among the current, unmerged ones the listings count."""
    return listing(db, dimension).activity


def conflicts(db: Database, found: Listing | None = None) -> list[dict[str, Any]]:
    """Every conflict with its development count and occurred/reported date ranges
    (``found``: the conflicts' :func:`listing`, when the caller has it already)."""
    spans = (found or listing(db, "conflict")).spans
    rows = _rows(
        db,
        """
        SELECT c.id, c.name, c.aliases, c.started,
               (SELECT json_group_array(country) FROM conflict_parties p
                 WHERE p.conflict = c.id) AS parties
        FROM conflicts c
        ORDER BY c.id
        """,
    )
    for row in rows:
        row["aliases"] = json.loads(row["aliases"])
        row["parties"] = json.loads(row["parties"])
        row.update(spans.get(row["id"], _NO_SPAN))
    return rows


def countries(db: Database, found: Listing | None = None) -> list[dict[str, Any]]:
    """Every country named by a current development, with counts and date ranges
    (``found``: the countries' :func:`listing`, when the caller has it already)."""
    spans = (found or listing(db, "country")).spans
    names = dict(db.execute("SELECT iso3, name FROM countries").fetchall())
    return [
        {"iso3": key, "name": names[key], **spans[key]} for key in sorted(spans) if key in names
    ]


def actors(db: Database, *, unresolved: bool = False) -> list[dict[str, Any]]:
    """Every actor named by (or asserting) a current development, grouped by the actor the
    names resolve to: display name, id, kind, side, the spellings the log uses, and counts.
    A name that resolves to no actor is listed on its own with ``id`` None; ``unresolved``
    lists only those."""
    resolve = resolver(db)
    groups: dict[str, dict[str, Any]] = {}
    for name, development_id, occurred_start, occurred_end, reported in db.execute(
        """
        SELECT t.actor, t.development_id, v.occurred_start, v.occurred_end, v.first_reported_at
        FROM actor_timeline t JOIN development_versions v ON v.version_id = t.version_id
        WHERE t.valid_to IS NULL AND v.status != 'merged'
        """
    ):
        voice = resolve.voice(name, occurred_start)
        if unresolved and voice.resolved:
            continue
        key = voice.actor or f"?{name}"
        group = groups.get(key)
        if group is None:
            record = resolve.record(voice.actor) if voice.actor else None
            group = groups[key] = {
                "actor": voice.actor_name,
                "id": voice.actor,
                "kind": record.kind if record else None,
                "country": record.country if record else None,
                "sides": set(),
                "names": set(),
                "ids": set(),
                "first_occurred": occurred_start,
                "last_occurred": occurred_end,
                "first_reported": reported,
                "last_reported": reported,
            }
        group["names"].add(name)
        group["ids"].add(development_id)
        if voice.resolved:
            group["sides"].add(voice.side_name)
        group["first_occurred"] = min(group["first_occurred"], occurred_start)
        group["last_occurred"] = max(group["last_occurred"], occurred_end)
        group["first_reported"] = min(group["first_reported"], reported)
        group["last_reported"] = max(group["last_reported"], reported)
    aliases: dict[str, list[str]] = {}
    for actor, alias in db.execute("SELECT actor, alias FROM actor_aliases ORDER BY position"):
        aliases.setdefault(actor, []).append(alias)
    affiliations: dict[str, list[dict[str, Any]]] = {}
    for actor, relation, target, valid_from, valid_to in db.execute(
        "SELECT actor, relation, target, valid_from, valid_to FROM actor_affiliations "
        "ORDER BY actor, idx"
    ):
        affiliations.setdefault(actor, []).append(
            {"relation": relation, "actor": target, "from": valid_from, "to": valid_to}
        )
    rows = []
    for group in groups.values():
        ids = group.pop("ids")
        rows.append(
            {
                **group,
                "sides": sorted(group["sides"]),
                "names": sorted(group["names"]),
                "developments": len(ids),
                # What this log records about the actor beyond the built-in registry.
                "aliases": aliases.get(group["id"], []) if group["id"] else [],
                "affiliations": affiliations.get(group["id"], []) if group["id"] else [],
            }
        )
    return sorted(rows, key=lambda r: (-r["developments"], r["actor"]))


def actor_exists(db: Database, name: str) -> str:
    """Resolve an actor name case-insensitively; raise with suggestions when unknown. The
    name is compared in NFC, the form dispatches are stored in, however it was typed."""
    name = unicodedata.normalize("NFC", name)
    rows = _rows(
        db, "SELECT DISTINCT actor FROM actor_timeline WHERE actor = ? COLLATE NOCASE", [name]
    )
    if rows:
        return str(rows[0]["actor"])
    like = _rows(
        db,
        "SELECT DISTINCT actor FROM actor_timeline WHERE actor LIKE ? ORDER BY actor LIMIT 5",
        [f"%{name}%"],
    )
    hint = "; did you mean: " + ", ".join(r["actor"] for r in like) if like else ""
    raise NotFoundError(f"no actor named {name!r}{hint}")


def reports(db: Database, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every report by id, or only those with these ids (what a report cites: its cost then
    grows with the answer, not the log)."""
    if ids is None:
        return {r["id"]: r for r in _rows(db, "SELECT * FROM reports")}
    wanted = sorted(set(ids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in _rows(db, f"SELECT * FROM reports WHERE id IN ({marks})", chunk):
            found[r["id"]] = r
    return found


def resolve_development(db: Database, ref: str) -> str:
    """A development id from a UUID, a unique id prefix, or a unique development key."""
    text = ref.strip()
    if "%" in text or "_" in text:  # LIKE's wildcards: as typed
        rows = _rows(
            db,
            "SELECT DISTINCT development_id, key FROM development_versions "
            "WHERE development_id = ? OR key = ? OR development_id LIKE ?",
            [text, text, f"{text}%" if len(text) >= 8 else text],
        )
    else:
        # The same matches through the indexes (a LIKE scanned every version: 0.5 s at 1M
        # events). Development ids are UUIDs in lower case, and LIKE ignores ASCII case, so
        # the prefix (the whole id under 8 characters) is a range of the lower-cased text.
        low = text.lower()
        rows = _rows(
            db,
            "SELECT DISTINCT development_id, key FROM development_versions "
            "WHERE development_id = ? OR key = ? OR (development_id >= ? AND development_id < ?)",
            [text, text, low, low + "\U0010ffff" if len(text) >= 8 else low + "\x00"],
        )
    ids = sorted({r["development_id"] for r in rows})
    if len(ids) == 1:
        return str(ids[0])
    if not ids:
        raise NotFoundError(f"no development with id or key {ref!r}")
    raise NotFoundError(
        f"{ref!r} names {len(ids)} developments; use one of their ids: " + ", ".join(ids)
    )


def versions(db: Database, development_id: str) -> list[dict[str, Any]]:
    """Every version of one development, oldest knowledge first."""
    return with_history_lists(
        db,
        [
            _decode(row)
            for row in _rows(
                db,
                "SELECT * FROM development_versions WHERE development_id = ? ORDER BY seq",
                [development_id],
            )
        ],
    )


def with_history_lists(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each decoded version row its ``revision_notes`` and ``reports``: the words of
    every revision known by then, in knowledge-time order, and every report that stated the
    development by then. Each version's row keeps only what the event that opened it added
    (so that rows do not repeat a long history: a thousand revisions with notes made a 4 GB
    read model); this joins them up to the row's ``seq``."""
    ids = sorted({row["development_id"] for row in rows})
    added: dict[str, list[tuple[int, list[dict[str, Any]], list[str]]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for development_id, seq, notes, reports in db.execute(
            "SELECT development_id, seq, revision_notes, reports FROM development_versions "
            f"WHERE development_id IN ({', '.join('?' for _ in chunk)}) "
            "AND (revision_notes != '[]' OR reports != '[]') ORDER BY development_id, seq",
            chunk,
        ):
            added.setdefault(development_id, []).append(
                (seq, json.loads(notes), json.loads(reports))
            )
    for row in rows:
        history = [
            entry for entry in added.get(row["development_id"], ()) if entry[0] <= row["seq"]
        ]
        row["revision_notes"] = [note for _, notes, _ in history for note in notes]
        row["reports"] = [report for _, _, reports in history for report in reports]
    return rows


def recorded_position(db: Database, recorded_as_of: str) -> int:
    """The last log position that this log held at a system time, cut at whole files.

    Each dispatch file (or CLI revision) is appended in one transaction that begins with its
    ``Report.Published`` event, so a file spans the positions from its report to the next
    report. Events are stamped when created, not when committed, so a file counts as held
    once its latest event's recorded time has passed; the prefix of files held at the time
    is kept, and a file is never cut in half. Costs one pass over the read models (audits).
    """
    rows = db.execute(
        """
        SELECT position, recorded_at, is_report FROM (
            SELECT position, recorded_at, 1 AS is_report FROM reports
            UNION ALL SELECT position, recorded_at, 0 FROM conflicts
            UNION ALL SELECT position, recorded_at, 0 FROM _development_events
        ) ORDER BY position
        """
    ).fetchall()
    held = 0
    file_last, file_recorded = 0, ""
    for position, recorded_at, is_report in rows:
        if is_report and file_last:
            if file_recorded > recorded_as_of:
                return held
            held = file_last
        file_last = position
        file_recorded = max(file_recorded, recorded_at) if not is_report else recorded_at
    if file_last and file_recorded <= recorded_as_of:
        held = file_last
    return held


def _figure_map(row: dict[str, Any] | None) -> dict[tuple[str, str, str], dict[str, Any]]:
    if row is None:
        return {}
    return {(f["party"], f["category"], f["side_key"]): f for f in row["figures"]}


CORRECTABLE = ("kind", "summary", "occurred_label", "countries", "places")


def _figure_claim(figure: dict[str, Any]) -> tuple[Any, ...]:
    """What a figure claims: its values and what qualifies them (a revision that only makes
    a figure final, or gives its breakdown, is a change too)."""
    return (
        figure["low"],
        figure["best"],
        figure["high"],
        figure.get("bound"),
        bool(figure.get("provisional")),
        figure.get("includes") or [],
    )


#: Which revision events' notes and quotes explain each kind of change in :func:`diff`.
_NOTE_EVENTS: dict[str, tuple[str, ...]] = {
    "figure": ("FigureRevised",),
    "corrected": ("Corrected",),
    "retracted": ("Retracted",),
    "merged": ("MergedInto",),
    "disputed": ("Disputed",),
    "corroborated": ("Corroborated", "Absorbed"),
}


def diff(
    db: Database, query: TimelineQuery, known_from: str, known_to: str
) -> list[dict[str, Any]]:
    """What became known after ``known_from`` up to ``known_to`` (both reported times)."""
    everything = {**query.__dict__, "include_merged": True}
    earlier = TimelineQuery(**{**everything, "as_of": known_from})
    later = TimelineQuery(**{**everything, "as_of": known_to})
    if query.side is not None:  # the side filter needs every row decoded
        before = {r["development_id"]: r for r in timeline(db, earlier)}
        after = timeline(db, later)
    elif not query.names:  # read and decode only the developments whose version changed
        columns = "v.rowid, v.development_id, v.version_id"
        sql, params = timeline_sql(earlier, columns=columns)
        known = {dev: (rowid, vid) for rowid, dev, vid in db.execute(sql, params).fetchall()}
        sql, params = timeline_sql(later, columns=columns)
        now = [
            (rowid, dev)
            for rowid, dev, vid in db.execute(sql, params).fetchall()
            if dev not in known or known[dev][1] != vid
        ]
        after = _decoded(db, later, _versions_by_rowid(db, [rowid for rowid, _ in now]))
        replaced = _versions_by_rowid(db, [known[dev][0] for _, dev in now if dev in known])
        before = {r["development_id"]: r for r in _decoded(db, earlier, replaced)}
    else:  # decode only the developments whose version changed
        raw_before = {r["development_id"]: r for r in _raw_rows(db, earlier, every_version=False)}
        changed = [
            row
            for row in _raw_rows(db, later, every_version=False)
            if row["development_id"] not in raw_before
            or raw_before[row["development_id"]]["version_id"] != row["version_id"]
        ]
        after = _decoded(db, later, changed)
        replaced = [
            raw_before[r["development_id"]] for r in changed if r["development_id"] in raw_before
        ]
        before = {r["development_id"]: r for r in _decoded(db, earlier, replaced)}
    changes: list[dict[str, Any]] = []

    def change(row: dict[str, Any], what: str, detail: str, **extra: Any) -> None:
        notes = [
            n
            for n in row.get("revision_notes") or []
            if known_from < n["reported_at"] <= known_to
            and n["event"] in _NOTE_EVENTS.get(what, ())
        ]
        changes.append({"change": what, "detail": detail, "row": row, "notes": notes, **extra})

    for row in after:
        old = before.get(row["development_id"])
        if old is None:
            change(row, "new", row["kind_label"])
            if row["status"] != "active":
                change(row, row["status"], row.get("merged_into") or "")
            continue
        if old["version_id"] == row["version_id"]:
            continue
        if old["status"] != row["status"]:
            change(row, row["status"], row.get("merged_into") or "")
        old_figures, new_figures = _figure_map(old), _figure_map(row)
        for key, figure in new_figures.items():
            previous = old_figures.get(key)
            if previous is None or _figure_claim(previous) != _figure_claim(figure):
                change(row, "figure", "", figure=figure, previous=previous)
        for party in row["disputed_by"]:
            if party not in old["disputed_by"]:
                change(row, "disputed", party)
        for name in CORRECTABLE:
            if old[name] != row[name]:
                change(row, "corrected", name, old=old[name], new=row[name])
        added = [r for r in row["reports"] if r not in old["reports"]]
        if added:
            change(row, "corroborated", f"{len(added)} more report(s)", reports=added)
    return changes
