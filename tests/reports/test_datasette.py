"""The read-model file opens cleanly in Datasette: views for the common questions, full-text
search, label columns and foreign keys, internal tables hidden. Uses Datasette's own Python
API on a read-model file built from the fixtures, and runs ``timeline serve`` for real."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support import clean_env, console_script

from timeline.reports import datasette as serving
from timeline.session import Session
from timeline.store import resolve_home

datasette_app = pytest.importorskip("datasette.app")


def _metadata(home: Path) -> dict[str, Any]:
    with Session(resolve_home(home)) as session:
        return serving.metadata(session.fresh_views().db)


async def _get(ds: Any, path: str) -> Any:
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json() if ".json" in path else response.text


def _run(home: Path, check: Any) -> Any:
    async def main() -> Any:
        ds = datasette_app.Datasette(
            [str(home / "views.sqlite3")], metadata=_metadata(home), settings={"num_sql_threads": 1}
        )
        await ds.invoke_startup()
        return await check(ds)

    # In a thread of its own: a Playwright session elsewhere in the run may own this
    # thread's event loop, and asyncio.run refuses to start inside a running loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


def test_latest_figures_per_conflict_view(series_home: Path) -> None:
    async def check(ds: Any) -> Any:
        return await _get(ds, "/views/latest_figures.json?_shape=array&conflict=armenia-azerbaijan")

    rows = _run(series_home, check)
    assert [(r["party_name"], r["best"], r["claimant"], r["outlet"]) for r in rows] == [
        ("Armenia", 135, "Government of Armenia", "Timeline Desk"),
        ("Azerbaijan", 80, "Government of Azerbaijan", "Timeline Desk"),
    ]
    assert {r["conflict_name"] for r in rows} == {"Armenia–Azerbaijan conflict"}


def test_full_text_search_and_a_real_query(series_home: Path) -> None:
    async def check(ds: Any) -> tuple[Any, Any, Any, Any]:
        searched = await _get(ds, "/views/development_versions.json?_search=Jermuk&_shape=array")
        canned = await _get(ds, "/views/search_current_developments.json?q=Goris&_shape=array")
        result = await ds.execute(
            "views",
            "SELECT country_name, count(*) AS n FROM country_timelines "
            "WHERE country = :c GROUP BY country_name",
            {"c": "KGZ"},
        )
        as_of = await _get(
            ds,
            "/views/conflict_timeline_as_of.json?_shape=array&conflict=armenia-azerbaijan"
            "&as_of=2022-09-13T23:59:59Z",
        )
        return searched, canned, [tuple(r) for r in result.rows], as_of

    searched, canned, counted, as_of = _run(series_home, check)
    assert searched and all("Jermuk" in (r["summary"] + (r["quote"] or "")) for r in searched)
    assert [r["kind"] for r in canned] == ["Shelling or bombardment"]
    assert next(iter(canned[0])) == "summary"  # summary first
    assert counted == [("Kyrgyzstan", 7)]
    assert len(as_of) == 25  # the Reuters dispatch alone


def test_canned_search_escapes_what_people_type(series_home: Path) -> None:
    async def check(ds: Any) -> list[tuple[int, Any]]:
        found = []
        for q in ("Nagorno-Karabakh", '"Armenian sabotage', "AND OR (", "Jermuk*"):
            response = await ds.client.get(
                f"/views/search_current_developments.json?_shape=array&q={quote(q)}"
            )
            found.append((response.status_code, response.json()))
        return found

    results = _run(series_home, check)
    assert [status for status, _ in results] == [200, 200, 200, 200]
    karabakh = results[0][1]
    assert (karabakh and all("Nagorno-Karabakh" in r["summary"] for r in karabakh[:1])) or any(
        "Karabakh" in r["summary"] for r in karabakh
    )


def _cli_count(home: Path, as_of: str) -> int:
    from projections import queries
    from timeline.dates import parse_instant

    with Session(resolve_home(home)) as session:
        views = session.fresh_views()
        # The CLI's rule for --as-of (timeline.commands.options.DATE): a bare date is the
        # end of that day, no zone means UTC.
        query = queries.TimelineQuery(
            conflict="armenia-azerbaijan", as_of=parse_instant(as_of, date_means="end").iso
        )
        return len(queries.timeline(views.db, query))


@pytest.mark.parametrize(
    "as_of",
    ["2022-09-13", "13 Sep 2022", "2022-09-14T18:00", "2022-09-14T18:00+04:00", "2022-09-15"],
)
def test_canned_as_of_reads_dates_as_the_cli_does(series_home: Path, as_of: str) -> None:
    async def check(ds: Any) -> Any:
        return await _get(
            ds,
            "/views/conflict_timeline_as_of.json?_shape=array&conflict=armenia-azerbaijan"
            f"&as_of={quote(as_of)}",
        )

    rows = _run(series_home, check)
    assert len(rows) == _cli_count(series_home, as_of)


def test_canned_as_of_refuses_a_date_it_cannot_read(series_home: Path) -> None:
    async def check(ds: Any) -> Any:
        json_response = await ds.client.get(
            "/views/conflict_timeline_as_of.json?conflict=armenia-azerbaijan&as_of=yesterday-ish"
        )
        page = await ds.client.get(
            "/views/conflict_timeline_as_of?conflict=armenia-azerbaijan&as_of=31/02/2022"
        )
        return json_response, page

    json_response, page = _run(series_home, check)
    assert json_response.status_code == 400
    assert json_response.json()["error"].startswith("as_of: ")
    assert page.status_code == 400 and "Cannot read the date" in page.text


def test_default_facets_summary_first_and_a_places_map(series_home: Path) -> None:
    async def check(ds: Any) -> tuple[Any, Any, Any]:
        current = await _get(ds, "/views/current_developments.json?_size=100")
        places = await _get(ds, "/views/places.json?_shape=array&_size=max")
        page = await _get(ds, "/views/current_developments")
        return current, places, page

    current, places, page = _run(series_home, check)
    assert current["columns"][0] == "summary"
    facets = current["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them
    assert {"kind", "country", "verification", "sides"} <= set(facets)
    sides = {value["value"] for value in facets["sides"]["results"]}
    assert {"Government of Armenia", "Government of Azerbaijan"} <= sides
    assert "Government of Armenia" in page
    jermuk = next(p for p in places if p["name"] == "Jermuk")
    assert (jermuk["latitude"], jermuk["longitude"]) == pytest.approx((39.8411, 45.6697), abs=0.01)
    assert isinstance(jermuk["latitude"], float) and jermuk["country"] == "ARM"
    karabakh = [p for p in places if p["name"] == "Nagorno-Karabakh"]
    assert karabakh and karabakh[0]["latitude"] is None  # a region: no point is guessed


def test_tables_have_labels_and_foreign_keys_and_internal_ones_are_hidden(
    series_home: Path,
) -> None:
    async def check(ds: Any) -> tuple[Any, Any, Any, str]:
        database = await _get(ds, "/views.json")
        labelled = await _get(ds, "/views/version_figures.json?_labels=on&_shape=array&_size=1")
        keys = await ds.get_database("views").foreign_keys_for_table("version_figures")
        page = await _get(ds, "/views/latest_figures")
        return database, labelled, keys, page

    database, labelled, keys, page = _run(series_home, check)
    tables = {t["name"]: t for t in database["tables"]}
    internal = [name for name in tables if name.startswith("_")]
    assert internal and all(tables[name]["hidden"] for name in internal)
    for name in ("reports", "conflicts", "countries", "development_versions", "casualty_tally"):
        assert not tables[name]["hidden"], name
    assert tables["development_versions"]["fts_table"] == "development_versions_fts"
    assert {"latest_figures", "country_timelines", "development_reports"} <= {
        v["name"] for v in database["views"]
    }
    assert {(k["column"], k["other_table"]) for k in keys} >= {
        ("report_id", "reports"),
        ("version_id", "development_versions"),
    }
    report = labelled[0]["report_id"]  # expanded to {value, label}: the report's headline
    assert report["label"] in {
        "Azerbaijan, Armenia border clashes kill 99",
        "Kyrgyzstan and Tajikistan agree ceasefire after deadly border fighting",
    }
    assert "Latest figures per conflict" in page


def test_every_table_and_view_has_a_description(series_home: Path) -> None:
    tables = _metadata(series_home)["databases"]["views"]["tables"]
    with Session(resolve_home(series_home)) as session:
        db = session.fresh_views().db
        names = [*db.table_names(), *db.view_names()]
    for name in names:
        if name.startswith("_"):
            assert tables[name]["hidden"], name
            continue
        if "_fts" in name:  # Datasette hides FTS tables itself
            continue
        assert tables[name].get("description"), name


def test_serve_without_datasette_prints_the_install_hint(
    run_cli: Any, series_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "available", lambda: False)
    result = run_cli("serve", home=series_home)
    assert result.exit_code != 0
    assert "pip install 'news-timeline[serve]'" in str(result.exception) + result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.e2e
@pytest.mark.slow
def test_timeline_serve_starts_datasette_on_the_read_models(series_copy: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(console_script()), "serve", "--home", str(series_copy), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=clean_env(),
    )
    url = f"http://127.0.0.1:{port}/views/latest_figures.json?_shape=array"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
                    rows = json.loads(response.read())
                break
            except OSError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "timeline serve did not answer in time"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert {r["conflict"] for r in rows} == {"armenia-azerbaijan", "kyrgyzstan-tajikistan"}


def test_served_queries_are_bounded(series_home: Path, tmp_path: Path) -> None:
    """One query such as zeroblob(200000000) is refused rather than taking the server's
    memory; the row and time limits are set; arbitrary SQL is off beyond loopback."""
    plugins = serving.write_limits_plugin(tmp_path)

    async def main() -> Any:
        ds = datasette_app.Datasette(
            [str(series_home / "views.sqlite3")],
            metadata=_metadata(series_home),
            settings=serving.settings(allow_sql=True),
            plugins_dir=str(plugins),
        )
        await ds.invoke_startup()
        big = await ds.client.get("/views.json?sql=select+length(zeroblob(200000000))")
        small = await ds.client.get("/views.json?sql=select+length(zeroblob(1000))&_shape=array")
        closed = datasette_app.Datasette(
            [str(series_home / "views.sqlite3")], settings=serving.settings(allow_sql=False)
        )
        denied = await closed.client.get("/views.json?sql=select+1")
        return big, small, denied, ds.setting("max_returned_rows"), ds.setting("sql_time_limit_ms")

    with ThreadPoolExecutor(max_workers=1) as pool:
        big, small, denied, rows, millis = pool.submit(asyncio.run, main()).result()
    assert big.status_code == 400 and "too big" in big.text
    assert small.status_code == 200 and small.json() == [{"length(zeroblob(1000))": 1000}]
    assert denied.status_code == 403
    assert (rows, millis) == (1000, 1000)
