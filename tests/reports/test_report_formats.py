"""Every report format on the fixtures: golden files, the JSON Schema, escaping, and each
format's own rules (ACLED coding, TimelineJS dates and eras).

Goldens live in tests/reports/golden/. Recorded times are "now", so they are replaced with a
marker. After an intended change, rerun with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_support import check_golden, document, normalise

from timeline.reports import FORMATS, RenderOptions, acled, render, timelinejs, timelinejs_sheet
from timeline.reports.escape import markdown, spreadsheet
from timeline.text import clean
from timeline.vocabulary import KINDS

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "timeline" / "schemas" / "report.schema.json").read_text()
)
AA = {"conflict": "armenia-azerbaijan"}

#: (golden file, query, format)
GOLDENS = [
    *[
        (f"armenia-azerbaijan.{suffix}", AA, name)
        for name, suffix in (
            ("md", "md"),
            ("html", "html"),
            ("json", "json"),
            ("csv", "csv"),
            ("acled", "acled.csv"),
            ("timelinejs", "timelinejs.json"),
            ("timelinejs-sheet", "timelinejs-sheet.csv"),
        )
    ],
    ("armenia-azerbaijan-as-of-2022-09-14.md", {**AA, "as_of": "2022-09-14T23:59:59Z"}, "md"),
    ("armenia-azerbaijan-as-of-2022-09-14.json", {**AA, "as_of": "2022-09-14T23:59:59Z"}, "json"),
    ("country-kgz.md", {"country": "KGZ"}, "md"),
    ("actor-government-of-russia.csv", {"actor": "Government of Russia"}, "csv"),
]


@pytest.mark.parametrize(("name", "query", "format_name"), GOLDENS, ids=[g[0] for g in GOLDENS])
def test_golden(series_home: Path, name: str, query: dict[str, Any], format_name: str) -> None:
    text = render(document(series_home, **query), format_name)
    check_golden(name, normalise(text, series_home))


def test_every_format_is_registered_with_a_writer() -> None:
    assert list(FORMATS) == [
        "md",
        "html",
        "json",
        "csv",
        "acled",
        "timelinejs",
        "timelinejs-sheet",
    ]


@pytest.mark.parametrize(
    "query",
    [AA, {**AA, "as_of": "2022-09-13T23:59:59Z"}, {"country": "ARM"}, {"actor": "Reuters"}],
)
def test_json_validates_against_the_published_schema(
    series_home: Path, query: dict[str, Any]
) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    report = json.loads(render(document(series_home, **query), "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["version"] == 1
    assert report["format"] == "news-timeline/report"


# --- the knowledge time ------------------------------------------------------------------


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_every_format_states_its_knowledge_time(series_home: Path, format_name: str) -> None:
    as_of = "2022-09-14T18:00:00Z"
    text = render(document(series_home, **AA, as_of=as_of), format_name)
    assert as_of in text
    now = render(document(series_home, **AA), format_name)
    assert "2022-09-16T12:00:00Z" in now  # the latest report in the log


def test_as_of_shows_what_was_known_then(series_home: Path) -> None:
    early = document(series_home, **AA, as_of="2022-09-13T23:59:59Z")
    assert [(f["party"], f["label"]) for f in early.figures] == [("ARM", "≥49"), ("AZE", "50")]
    assert early.summary["retracted"] == 0
    assert [s.outlet for s in early.sources] == ["Reuters"]
    later = document(series_home, **AA, as_of="2022-09-14T23:59:59Z")
    assert [(f["party"], f["label"]) for f in later.figures] == [("ARM", "105"), ("AZE", "71")]
    assert len(later.developments) == len(early.developments) + 2  # second wire's two items


# --- markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script> <img src=x onerror=alert(1)>",
        "*bold* _it_ **b** __b__ [link](http://x) ![img](http://x/i.png) `code`",
        "| cell | cell | ~~struck~~ #heading & &amp; \\* <http://x> https://x.example/a_b_c",
        "1. not a list \x1b[31mred\x1b[0m \u202eevil",
    ],
)
def test_markdown_escape_renders_as_literal_text(hostile: str) -> None:
    from markdown_it import MarkdownIt

    rendered = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .render(f"- Summary: {markdown(hostile)}\n")
    )
    assert _tags(rendered) == ["ul", "li", "/li", "/ul"]
    assert _text(rendered).strip() == "Summary: " + clean(hostile)


def _tags(html_text: str) -> list[str]:
    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append(tag)

        def handle_endtag(self, tag: str) -> None:
            found.append("/" + tag)

    Tags().feed(html_text)
    return found


def _text(html_text: str) -> str:
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(html_text)
    parser.close()
    return "".join(parts)


def test_markdown_renders_to_the_expected_sections(series_home: Path) -> None:
    from markdown_it import MarkdownIt

    text = render(document(series_home, **AA), "md")
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    for heading in (
        "Summary",
        "Latest figures by party",
        "Timeline",
        "Contested accounts",
        "Sources",
    ):
        assert f"<h2>{heading}</h2>" in rendered
    assert rendered.count("<table>") == 2  # figures, contested accounts side by side


# --- csv and acled ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'=1"),
        ("\r=1", "'=1"),
        ("plain", "plain"),
        (-70.5, "-70.5"),
        (3, "3"),
        (None, ""),
        ("a\x1b[31mb", "a [31mb"),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(value: object, expected: str) -> None:
    assert spreadsheet(value) == expected


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_development_with_three_times(series_home: Path) -> None:
    doc = document(series_home, **AA)
    rows = _rows(render(doc, "csv"))
    assert [r["id"] for r in rows] == [d["id"] for d in doc.developments]
    for row in rows:
        assert row["occurred_start"] and row["occurred_precision"]
        assert row["reported_at"] and row["recorded_at"]
        assert row["knowledge_time"] == "2022-09-16T12:00:00Z"


def test_every_kind_has_an_acled_type_among_acleds_own() -> None:
    sub_types = {
        "Battles": {
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        },
        "Explosions/Remote violence": {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        },
        "Violence against civilians": {
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        },
        "Protests": {
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        },
        "Riots": {"Violent demonstration", "Mob violence"},
        "Strategic developments": {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        },
    }
    assert sum(len(s) for s in sub_types.values()) == 25
    assert set(acled.KIND_TO_ACLED) == set(KINDS)
    for event_type, sub_type, mapping in acled.KIND_TO_ACLED.values():
        assert sub_type in sub_types[event_type]
        assert mapping in ("direct", "nearest", "none")
        if mapping == "none":
            assert (event_type, sub_type) == ("Strategic developments", "Other")


def test_acled_rows_follow_acled_semantics(series_home: Path) -> None:
    doc = document(series_home, **AA)
    rows = _rows(render(doc, "acled"))
    assert list(rows[0])[: len(acled.ACLED_COLUMNS)] == list(acled.ACLED_COLUMNS)
    by_development: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_development.setdefault(row["timeline_development_id"], []).append(row)
    assert set(by_development) == {d["id"] for d in doc.developments}
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)  # ids are unique

    shelling = by_development["d81011eb-4189-595f-8256-d6735cd38a30"]  # Jermuk, Goris, Kapan
    assert [r["location"] for r in shelling] == ["Jermuk", "Goris", "Kapan"]
    assert {r["event_type"] for r in shelling} == {"Explosions/Remote violence"}
    assert all(r["event_id_cnty"].startswith("ARM") for r in shelling)
    assert {(r["time_precision"], r["event_date"], r["geo_precision"]) for r in shelling} == {
        ("1", "2022-09-12", "1")
    }

    # Fatalities: the lowest figure (ACLED codes the lowest), here the latest claim.
    armenian = by_development["b831cbf3-c693-595b-ab44-29f1ad75c141"]
    assert [r["fatalities"] for r in armenian] == ["135"]
    early = _rows(render(document(series_home, **AA, as_of="2022-09-13T23:59:59Z"), "acled"))
    assert [
        r["fatalities"]
        for r in early
        if r["timeline_development_id"] == armenian[0]["timeline_development_id"]
    ] == ["49"]

    # Statements and UN sessions have no ACLED type: Strategic developments / Other, noted.
    un = next(r for r in rows if r["timeline_kind"] == "un_security_council")
    assert (un["event_type"], un["sub_event_type"], un["acled_mapping"]) == (
        "Strategic developments",
        "Other",
        "none",
    )
    assert "Not an ACLED event type" in un["notes"]

    # A month-precise development is ACLED time precision 3, dated mid-month.
    talks = next(r for r in rows if r["timeline_kind"] == "bilateral_talks")
    assert (talks["time_precision"], talks["event_date"]) == ("3", "2022-08-16")
    # The retracted development keeps its row, with no fatalities and a note.
    retracted = next(r for r in rows if "Retracted" in r["notes"])
    assert retracted["fatalities"] == "0"


def test_acled_fatalities_take_the_lowest_claim_and_split_over_places() -> None:
    development = {
        "status": "active",
        "figures": [
            {
                "party": "ARM",
                "category": "killed",
                "low": 10,
                "best": 12,
                "high": 15,
                "claimant": "A",
            },
            {
                "party": "ARM",
                "category": "killed",
                "low": None,
                "best": 7,
                "high": 7,
                "claimant": "B",
            },
            {
                "party": "AZE",
                "category": "killed",
                "low": None,
                "best": 4,
                "high": 4,
                "claimant": "C",
            },
            {
                "party": "AZE",
                "category": "wounded",
                "low": None,
                "best": 90,
                "high": 90,
                "claimant": "C",
            },
        ],
    }
    assert acled.fatalities(development) == 7 + 4
    assert acled.fatalities({**development, "status": "retracted"}) == 0


def test_acled_event_ids_are_stable() -> None:
    first = acled.event_id("ARM", "b831cbf3-c693-595b-ab44-29f1ad75c141", 0)
    assert first == acled.event_id("ARM", "b831cbf3-c693-595b-ab44-29f1ad75c141", 0)
    assert first != acled.event_id("ARM", "b831cbf3-c693-595b-ab44-29f1ad75c141", 1)
    assert first.startswith("ARM") and first[3:].isdigit()


@pytest.mark.parametrize(
    ("occurred", "expected"),
    [
        (
            {"start": "2022-09-13T00:00:00Z", "end": "2022-09-14T00:00:00Z", "precision": "day"},
            ("2022-09-13", 1),
        ),
        (
            {"start": "2022-09-15T23:50:00Z", "end": "2022-09-16T00:50:00Z", "precision": "hour"},
            ("2022-09-15", 1),
        ),
        (
            {"start": "2022-09-12T00:00:00Z", "end": "2022-09-14T00:00:00Z", "precision": "night"},
            ("2022-09-12", 1),
        ),
        (
            {"start": "2022-09-14T00:00:00Z", "end": "2022-09-17T00:00:00Z", "precision": "day"},
            ("2022-09-15", 2),
        ),
        (
            {"start": "2022-09-05T00:00:00Z", "end": "2022-09-12T00:00:00Z", "precision": "week"},
            ("2022-09-08", 2),
        ),
        (
            {"start": "2022-08-01T00:00:00Z", "end": "2022-09-01T00:00:00Z", "precision": "month"},
            ("2022-08-16", 3),
        ),
        (
            {"start": "2020-01-01T00:00:00Z", "end": "2021-01-01T00:00:00Z", "precision": "year"},
            ("2020-07-02", 3),
        ),
    ],
)
def test_acled_time_precision(occurred: dict[str, str], expected: tuple[str, int]) -> None:
    assert acled.event_date(occurred) == expected


# --- timelinejs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "start_date", "end_date"),
    [
        (
            "2022-09-15T23:50:00Z",
            "2022-09-16T00:50:00Z",
            "hour",
            {"year": "2022", "month": "9", "day": "15", "hour": "23", "minute": "50"},
            None,
        ),
        (
            "2022-09-13T00:00:00Z",
            "2022-09-14T00:00:00Z",
            "day",
            {"year": "2022", "month": "9", "day": "13"},
            None,
        ),
        (
            "2022-09-12T00:00:00Z",
            "2022-09-14T00:00:00Z",
            "night",
            {"year": "2022", "month": "9", "day": "12"},
            {"year": "2022", "month": "9", "day": "13"},
        ),
        (
            "2022-08-01T00:00:00Z",
            "2022-09-01T00:00:00Z",
            "month",
            {"year": "2022", "month": "8"},
            None,
        ),
        ("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", "year", {"year": "2020"}, None),
        (
            "1988-01-01T00:00:00Z",
            "1995-01-01T00:00:00Z",
            "approximate",
            {"year": "1988"},
            {"year": "1994"},
        ),
        (
            "2022-09-13T00:00:00Z",
            "2022-09-14T00:00:00Z",
            "approximate",
            {"year": "2022", "month": "9", "day": "13"},
            None,
        ),
    ],
)
def test_timelinejs_dates_carry_only_what_the_precision_justifies(
    start: str,
    end: str,
    precision: str,
    start_date: dict[str, str],
    end_date: dict[str, str] | None,
) -> None:
    occurred = {"start": start, "end": end, "precision": precision}
    dates = timelinejs.dates(start, end, timelinejs.granularity(occurred))
    assert dates["start_date"] == start_date
    assert dates.get("end_date") == end_date


def test_timelinejs_headlines_groups_media_ids_and_eras(series_home: Path) -> None:
    doc = document(series_home, **AA)
    exported = json.loads(render(doc, "timelinejs"))
    events = exported["events"]
    on_scale = [d for d in doc.developments if d["kind"] != "background"]
    assert [e["unique_id"] for e in events] == [f"dev-{d['id']}" for d in on_scale]
    assert json.loads(render(document(series_home, **AA), "timelinejs")) == exported  # stable
    # The headline is the summary (shortened), the kind is the group.
    by_id = {f"dev-{d['id']}": d for d in on_scale}
    for event in events:
        development = by_id[event["unique_id"]]
        assert event["group"] == development["kind_label"]
        assert len(event["text"]["headline"]) <= timelinejs.HEADLINE_LENGTH + 30
    assert {e["group"] for e in events} >= {"Armed clash", "Accusation", "Casualty report"}
    assert sum(e["group"] == "Accusation" for e in events) == 4
    assert len({e["text"]["headline"] for e in events}) == len(events)  # no "Accusation" x4
    # Media: a map where a place has coordinates, else the source's words.
    shelling = next(e for e in events if e["group"] == "Shelling or bombardment")
    assert shelling["media"]["url"].startswith('<iframe src="https://www.openstreetmap.org/')
    assert "marker=39.84" in shelling["media"]["url"]  # Jermuk, the first place
    assert all("media" in e for e in events)
    # Background developments are on the title slide, not the scale; no background era.
    title = exported["title"]["text"]["text"]
    assert "Background (kept off the time scale)" in title and "c. 1988–1994" in title
    eras = [(e["text"]["headline"], e["start_date"], e["end_date"]) for e in exported["eras"]]
    assert eras == [
        (
            "Fighting, 12–13 Sep 2022",
            {"year": "2022", "month": "9", "day": "12"},
            {"year": "2022", "month": "9", "day": "13"},
        ),
    ]


def test_timelinejs_background_on_scale_when_asked(series_home: Path) -> None:
    doc = document(series_home, **AA)
    exported = json.loads(render(doc, "timelinejs", RenderOptions(background_on_scale=True)))
    assert [e["unique_id"] for e in exported["events"]] == [
        f"dev-{d['id']}" for d in doc.developments
    ]
    assert "Background (kept off" not in exported["title"]["text"]["text"]
    assert [e["text"]["headline"] for e in exported["eras"]] == [
        "Background, 1988–1994",
        "Background, 2020",
        "Fighting, 12–13 Sep 2022",
    ]
    assert exported["eras"][0]["end_date"] == {"year": "1994", "month": "12", "day": "31"}


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "Armenia said at least 49 of its soldiers were killed.",
            "Armenia said at least 49 of its soldiers were killed",
        ),
        (
            "Russian President Vladimir Putin appealed for calm; Kremlin spokesman Dmitry Peskov "
            "said Putin was doing all he could to help defuse tensions.",
            "Russian President Vladimir Putin appealed for calm…",
        ),
        (
            "Azerbaijan accused Armenian troops of carrying out intelligence activities and moving "
            "weapons along the border and said its positions were attacked.",
            "Azerbaijan accused Armenian troops of carrying out intelligence activities and moving…",
        ),
        ("x" * 200, "x" * 89 + "…"),
    ],
)
def test_timelinejs_headline_shortens_a_summary(summary: str, expected: str) -> None:
    assert timelinejs.headline(summary) == expected
    assert len(timelinejs.headline(summary)) <= timelinejs.HEADLINE_LENGTH


def test_timelinejs_sheet_has_knight_labs_columns_and_the_same_slides(series_home: Path) -> None:
    doc = document(series_home, **AA)
    text = render(doc, "timelinejs-sheet")
    rows = _rows(text)
    assert list(rows[0]) == list(timelinejs_sheet.COLUMNS)
    assert len(timelinejs_sheet.COLUMNS) == 19
    exported = json.loads(render(doc, "timelinejs"))
    assert [r["Type"] for r in rows] == (
        ["title"] + [""] * len(exported["events"]) + ["era"] * len(exported["eras"])
    )
    for row, event in zip(rows[1:], exported["events"], strict=False):
        assert row["Headline"] == event["text"]["headline"]
        assert row["Group"] == event["group"]
        assert row["Year"] == event["start_date"]["year"]
        assert row["Month"] == event["start_date"].get("month", "")
        assert row["Media"] == event["media"]["url"]
        if "hour" in event["start_date"]:
            assert row["Time"] == "{:02d}:{:02d}".format(
                int(event["start_date"]["hour"]), int(event["start_date"]["minute"])
            )
        if "end_date" in event:
            assert row["End Year"] == event["end_date"]["year"]


# --- the CLI ----------------------------------------------------------------------------


def test_report_command_writes_a_file_and_stdout(
    run_cli: Any, series_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    result = run_cli(
        "report",
        "--conflict",
        "armenia-azerbaijan",
        "--as-of",
        "2022-09-14",
        "--format",
        "md",
        "-o",
        str(target),
        home=series_home,
    )
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    assert "As known at 2022-09-14T23:59:59Z" in written
    printed = run_cli(
        "report",
        "--conflict",
        "armenia-azerbaijan",
        "--as-of",
        "2022-09-14",
        "--format",
        "md",
        home=series_home,
    )
    assert printed.exit_code == 0
    assert printed.output == written


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "md"], 2, "exactly one of"),
        (["--conflict", "nope", "--format", "md"], 5, "no conflict"),
        (["--country", "XYZ", "--format", "csv"], 5, "XYZ"),
        (["--actor", "Nobody At All", "--format", "json"], 5, "no actor"),
        (["--conflict", "armenia-azerbaijan", "--format", "pdf"], 2, "pdf"),
        (
            ["--conflict", "armenia-azerbaijan", "--as-of", "01/02/2022", "--format", "md"],
            2,
            "as-of",
        ),
    ],
)
def test_report_errors_are_messages(
    run_script: Any, series_home: Path, args: list[str], code: int, message: str
) -> None:
    done = run_script(["report", *args, "--home", str(series_home)])
    assert done.returncode == code, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
