"""The reports in a real browser: headless Chromium (Debian's package) through Playwright.

* The ``html`` report renders its timeline and chart with no console error and no request
  beyond the file itself; hostile text runs nothing.
* The ``timelinejs`` export loads in a page that uses TimelineJS3 from the npm registry
  (installed here into a cache directory, never from a CDN) and renders every event.

Without Chromium or npm these tests skip, saying why; with CI set they fail instead.
Screenshots go to artifacts/ (gitignored). Chromium comes from .ci/setup.d/20-chromium.sh;
never ``playwright install``.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from report_support import HERE, REPO, document

from timeline.dispatch import load_dispatch
from timeline.reports import render
from timeline.session import Session
from timeline.store import resolve_home

pytestmark = pytest.mark.slow

WEB = HERE / "web"
ARTIFACTS = REPO / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Computed at import, before any fixture points HOME at a temporary directory.
_LOCK = (WEB / "package-lock.json").read_bytes()
NPM_CACHE = (
    Path(os.environ.get("TIMELINE_TEST_CACHE") or Path.home() / ".cache" / "news-timeline-tests")
    / f"timelinejs-{hashlib.sha256(_LOCK).hexdigest()[:12]}"
)


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI, where everything must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        unavailable(
            "Chromium is not installed: apt-get install chromium (.ci/setup.d/20-chromium.sh)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def timelinejs_dist() -> Path:
    """TimelineJS3's dist/ folder, installed once with npm from tests/reports/web/."""
    dist = NPM_CACHE / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    if (dist / "js" / "timeline.js").exists():
        return dist
    npm = shutil.which("npm")
    if npm is None:
        unavailable("npm is not installed, so TimelineJS3 cannot be installed from the registry")
    NPM_CACHE.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(WEB / name, NPM_CACHE / name)
    done = subprocess.run(
        [npm, "ci", "--prefix", str(NPM_CACHE), "--no-audit", "--no-fund", "--ignore-scripts"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not (dist / "js" / "timeline.js").exists():
        unavailable(f"npm ci of TimelineJS3 failed: {done.stderr[-2000:]}")
    return dist


class PageLog:
    """Console errors, page errors, dialogs and requests of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)


def test_html_report_renders_timeline_and_chart(
    chromium: Any, series_home: Path, tmp_path: Path
) -> None:
    doc = document(series_home, conflict="armenia-azerbaijan")
    path = tmp_path / "report.html"
    path.write_text(render(doc, "html"), encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1100, "height": 900})
    log = PageLog(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    assert page.locator("ol.timeline article.development").count() == len(doc.developments)
    assert page.locator("ol.timeline > li").count() >= 5  # grouped by occurred day
    chart = page.locator("svg.chart")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert page.locator("svg.chart g.series").count() == len(doc.figure_history) == 2
    points = sum(1 for s in doc.figure_history for p in s["points"] if p["best"] is not None)
    assert page.locator("svg.chart circle.point").count() == points
    assert page.locator("#contested .pair").count() == len(doc.contested)
    assert "As known at 2022-09-16T12:00:00Z" in page.inner_text(".knowledge")
    assert log.errors == []
    assert log.requests == [path.as_uri()]  # self-contained: nothing else is fetched

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.close()


def _report_page(chromium: Any, series_home: Path, tmp_path: Path, **options: Any) -> Any:
    doc = document(series_home, conflict="armenia-azerbaijan")
    path = tmp_path / "report.html"
    path.write_text(render(doc, "html"), encoding="utf-8")
    page = chromium.new_page(**options)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def test_html_report_fits_a_phone(chromium: Any, series_home: Path, tmp_path: Path) -> None:
    page = _report_page(
        chromium,
        series_home,
        tmp_path,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
    )
    # Nothing is wider than the phone: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The figures table stacks: each row a block, each cell labelled by its column.
    row = page.locator("table.figures tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    cell = page.locator("table.figures tbody td").first
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"Party: "'
    box = page.locator("table.figures").bounding_box()
    assert box is not None and box["width"] <= 375
    # Technical details are folded; the sources stay visible.
    assert page.locator("details.technical[open]").count() == 0
    assert not page.locator("details.technical p.meta").first.is_visible()
    assert page.locator("article.development p.meta").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-phone.png"), full_page=True)
    page.close()


def test_html_report_prints_without_split_cards_and_with_open_tables(
    chromium: Any, series_home: Path, tmp_path: Path
) -> None:
    page = _report_page(chromium, series_home, tmp_path)
    page.emulate_media(media="print")
    card = page.locator("article.development").first
    assert card.evaluate("c => getComputedStyle(c).breakInside") == "avoid"
    # The data table behind the chart is printed open; its folded screen copy is not.
    assert page.locator(".print-only table").is_visible()
    assert not page.locator("details.screen-only").is_visible()
    assert not page.locator("details.technical").first.is_visible()
    # External links print their address.
    outside = page.locator('#timeline a[href^="http"], #summary a[href^="http"]')
    if outside.count():
        after = outside.first.evaluate("a => getComputedStyle(a, '::after').content")
        assert "http" in after
    assert "http" in page.inner_text("#sources")  # sources print their URLs as text
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 12, pages
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    page.close()


def test_revised_figures_say_what_they_were_revised_from(
    chromium: Any, series_home: Path, tmp_path: Path
) -> None:
    page = _report_page(chromium, series_home, tmp_path)
    figures = page.inner_text("table.figures")
    assert "revised from ≥49, reported 2022-09-13" in figures
    assert "revised from 50, reported 2022-09-13" in figures
    page.close()


def test_hostile_text_runs_nothing_in_the_page(chromium: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Session(resolve_home(home)) as session:
        session.app.ingest(load_dispatch(HERE / "data" / "attribute-breaking.yaml"))
        session.fresh_views()
    path = tmp_path / "hostile.html"
    path.write_text(render(document(home, conflict="attribute-breaking"), "html"), "utf-8")
    page = chromium.new_page()
    log = PageLog(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.mouse.move(200, 200)
    assert log.dialogs == []
    assert log.errors == []
    assert page.locator("script, img, iframe").count() == 0
    assert "onerror=alert('summary')" in page.inner_text("#timeline")  # shown, as text
    page.close()


def _timelinejs_page(dist: Path, exported: dict[str, Any]) -> str:
    data = json.dumps(exported).replace("</", "<\\/")
    options = json.dumps({"script_path": (dist / "js").as_uri() + "/", "font": None})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS check</title>
<link rel="stylesheet" href="{(dist / "css" / "timeline.css").as_uri()}">
<script src="{(dist / "js" / "timeline.js").as_uri()}"></script>
<style>html, body {{ height: 100%; margin: 0; }} #timeline {{ width: 100%; height: 650px; }}</style>
</head><body><div id="timeline"></div>
<script>window.timeline = new TL.Timeline("timeline", {data}, {options});</script>
</body></html>
"""


def test_timelinejs_export_renders_every_event(
    chromium: Any, timelinejs_dist: Path, series_home: Path, tmp_path: Path
) -> None:
    exported = json.loads(
        render(document(series_home, conflict="armenia-azerbaijan"), "timelinejs")
    )
    events = exported["events"]
    path = tmp_path / "timelinejs.html"
    path.write_text(_timelinejs_page(timelinejs_dist, exported), encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1200, "height": 700})
    log = PageLog(page)
    # Nothing may come from the network: only the local page and the npm-installed files
    # (the OpenStreetMap frames of the map media are asked for, and refused here).
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else route.abort())  # fmt: skip
    page.goto(path.as_uri())
    page.wait_for_function(
        f"document.querySelectorAll('.tl-timemarker').length >= {len(events)}", timeout=20000
    )
    assert page.locator(".tl-timemarker").count() == len(events)
    assert page.locator(".tl-slide").count() == len(events) + 1  # and the title slide
    assert page.locator(".tl-timeera").count() == len(exported["eras"])
    for event in events:
        assert page.locator(f"[id='{event['unique_id']}']").count() >= 1, event["unique_id"]
    assert "error" not in page.inner_text("#timeline").lower()[:200]
    assert page.locator(".tl-headline", has_text="Armenia said at least 49").count() >= 1
    # Media load as their slide comes near: go to a quoted one and to a mapped one.
    quoted = next(e for e in events if e["media"]["url"].startswith("<blockquote>"))
    mapped = next(e for e in events if e["media"]["url"].startswith("<iframe"))
    page.evaluate(f"window.timeline.goToId('{quoted['unique_id']}')")
    page.wait_for_selector(f"[id='{quoted['unique_id']}'] .tl-media-blockquote blockquote")
    page.evaluate(f"window.timeline.goToId('{mapped['unique_id']}')")
    page.wait_for_selector(f"[id='{mapped['unique_id']}'] iframe[src^='{OSM}']", state="attached")
    assert _errors_beyond_maps(log) == []
    assert all(url.startswith(("file:", OSM)) for url in log.requests), log.requests

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timelinejs.png"))
    page.close()


OSM = "https://www.openstreetmap.org/export/embed.html"


def _errors_beyond_maps(log: PageLog) -> list[str]:
    """Console errors other than the refused map frames' "Failed to load resource"."""
    refused = sum(url.startswith(OSM) for url in log.requests)
    errors = list(log.errors)
    for _ in range(refused):
        failed = next((e for e in errors if e.startswith("Failed to load resource")), None)
        if failed is not None:
            errors.remove(failed)
    return errors


@pytest.fixture
def local_server(tmp_path: Path, timelinejs_dist: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a folder with TimelineJS3's dist/ in it:
    TimelineJS fetches a CSV with fetch(), which a file: page may not do."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copytree(timelinejs_dist, root / "dist")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_timelinejs_sheet_loads_in_timelinejs(
    chromium: Any, local_server: tuple[str, Path], series_home: Path
) -> None:
    """The Google Sheets layout, read by TimelineJS3's own CSV reader (the one it uses for a
    published sheet) from a URL ending in .csv: every row becomes its slide."""
    base, root = local_server
    doc = document(series_home, conflict="armenia-azerbaijan")
    sheet = render(doc, "timelinejs-sheet")
    (root / "sheet.csv").write_text(sheet, encoding="utf-8")
    exported = json.loads(render(doc, "timelinejs"))
    options = json.dumps({"script_path": f"{base}/dist/js/", "font": None})
    (root / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS sheet check</title>
<link rel="stylesheet" href="dist/css/timeline.css">
<script src="dist/js/timeline.js"></script>
<style>html, body {{ height: 100%; margin: 0; }} #timeline {{ width: 100%; height: 650px; }}</style>
</head><body><div id="timeline"></div>
<script>window.timeline = new TL.Timeline("timeline", "{base}/sheet.csv", {options});</script>
</body></html>
""",
        encoding="utf-8",
    )
    page = chromium.new_page(viewport={"width": 1200, "height": 700})
    log = PageLog(page)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
               else route.abort())  # fmt: skip
    page.goto(f"{base}/index.html")
    events = exported["events"]
    page.wait_for_function(
        f"document.querySelectorAll('.tl-timemarker').length >= {len(events)}", timeout=20000
    )
    assert page.locator(".tl-timemarker").count() == len(events)
    assert page.locator(".tl-slide").count() == len(events) + 1  # and the title slide
    assert page.locator(".tl-timeera").count() == len(exported["eras"])
    for event in events[:5]:
        headline = event["text"]["headline"].replace("&#x27;", "'")
        assert page.locator(".tl-headline", has_text=headline[:40]).count() >= 1, headline
    assert "error" not in page.inner_text("#timeline").lower()[:200]
    assert _errors_beyond_maps(log) == []
    assert f"{base}/sheet.csv" in log.requests

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timelinejs-sheet.png"))
    page.close()


@pytest.fixture
def served(series_copy: Path) -> Iterator[str]:
    """``timeline serve`` on a free loopback port, with the packaged metadata and plugin."""
    import socket
    import time
    import urllib.request

    from support import clean_env, console_script

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(console_script()), "serve", "--home", str(series_copy), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=clean_env(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/views.json", timeout=2):  # loopback only
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "timeline serve did not answer in time"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_datasette_pages_browse_themselves(chromium: Any, served: str, series_home: Path) -> None:
    """The Datasette pages a desk opens: default facets on the developments, a search for a
    hyphenated name, an as-of replay typed as people type dates, a refused date, and the
    places with their coordinates."""
    page = chromium.new_page(viewport={"width": 1300, "height": 900})
    log = PageLog(page)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served)
               else route.abort())  # fmt: skip

    page.goto(f"{served}/views/current_developments")
    facets = {
        name.strip()
        for name in page.locator(".facet-info").evaluate_all(
            "els => els.map(e => e.getAttribute('data-column'))"
        )
    }
    assert {"kind", "country", "verification", "sides"} <= facets, facets
    assert (
        page.locator("table.rows-and-columns th").first.inner_text().strip().startswith("summary")
    )
    assert "Government of Armenia" in page.inner_text(".facet-info[data-column='sides']")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "datasette-developments.png"), full_page=True)

    page.goto(f"{served}/views/search_current_developments?q=Nagorno-Karabakh")
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1
    assert "Karabakh" in page.inner_text("table.rows-and-columns")

    response = page.goto(
        f"{served}/views/conflict_timeline_as_of?conflict=armenia-azerbaijan&as_of=14+Sep+2022"
    )
    assert response is not None and response.status == 200
    with_cli_rule = document(
        series_home, conflict="armenia-azerbaijan", as_of="2022-09-14T23:59:59Z"
    )
    merged = sum(d["status"] == "merged" for d in with_cli_rule.developments)
    shown = page.locator("table.rows-and-columns tbody tr").count()
    assert shown == len(with_cli_rule.developments) - merged == 27

    refused = page.goto(
        f"{served}/views/conflict_timeline_as_of?conflict=armenia-azerbaijan&as_of=13/13/2022"
    )
    assert refused is not None and refused.status == 400
    assert "Cannot read the date" in page.inner_text("body")

    page.goto(f"{served}/views/places?name=Jermuk")
    assert "39.84" in page.inner_text("table.rows-and-columns")
    errors = [e for e in log.errors if "400" not in e]  # the refused date's own status
    assert errors == []
    assert all(url.startswith(served) for url in log.requests), log.requests
    page.close()
