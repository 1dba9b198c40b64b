"""Untrusted article text in reports: no injected markup in HTML (or in TimelineJS text,
which TimelineJS renders as HTML), no Markdown or HTML in the brief, no formulas in CSV.

Two hostile dispatches: tests/data/hostile.yaml (terminal escapes, rich markup, bidi
controls, ``<script>``) and tests/reports/data/attribute-breaking.yaml (text that tries to
close attributes, elements, titles and comments, and to start handlers and formulas).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_support import HERE, document
from support import HOSTILE

from timeline.dispatch import load_dispatch
from timeline.reports import render
from timeline.session import Session
from timeline.store import resolve_home
from timeline.text import clean

BREAKING = HERE / "data" / "attribute-breaking.yaml"
LINE_START = HERE / "data" / "line-start.yaml"
FILES = {"hostile-test": HOSTILE, "attribute-breaking": BREAKING, "line-start": LINE_START}
CONFLICTS = list(FILES)

#: Every element the HTML writer itself produces.
PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "strong",
    "section", "table", "thead", "tbody", "tr", "th", "td", "a", "time", "figure", "figcaption",
    "svg", "rect", "line", "text", "g", "path", "circle", "ul", "ol", "li", "details",
    "summary", "article", "span", "blockquote", "code", "div",
}  # fmt: skip


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(html_text: str) -> Elements:
    parser = Elements()
    parser.feed(html_text)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "home"
    with Session(resolve_home(path)) as session:
        for file in FILES.values():
            session.app.ingest(load_dispatch(file))
        session.fresh_views()
    return path


def _texts(conflict: str) -> list[str]:
    """The article text of a hostile conflict, as it should appear (cleaned) in reports."""
    dispatch = load_dispatch(FILES[conflict])
    development = dispatch.developments[0]
    return [clean(development.summary), clean(dispatch.report.headline)]


@pytest.mark.parametrize("conflict", CONFLICTS)
def test_html_page_contains_no_injected_markup(hostile_home: Path, conflict: str) -> None:
    page = render(document(hostile_home, conflict=conflict), "html")
    parsed = parse(page)
    tags = [tag for tag, _ in parsed.elements]
    assert set(tags) <= PAGE_TAGS
    assert "script" not in tags and "img" not in tags
    assert tags.count("style") == 1
    assert not parsed.comments
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("autofocus", "src", "srcdoc"), (tag, name)
            if name == "href":
                assert value is not None
                assert value.startswith(("#", "https://second-wire.example/")), value
    text = "".join(parsed.text)
    for expected in _texts(conflict):
        assert expected in text  # shown literally, as text
    assert "alert(" not in "".join(str(attrs) for _, attrs in parsed.elements)


def test_the_unsafe_url_is_shown_but_not_linked(hostile_home: Path) -> None:
    page = render(document(hostile_home, conflict="attribute-breaking"), "html")
    assert "&lt;script&gt;alert(&#x27;url&#x27;)" in page
    assert 'href="https://evil.example' not in page


@pytest.mark.parametrize("conflict", CONFLICTS)
def test_timelinejs_text_is_escaped_html(hostile_home: Path, conflict: str) -> None:
    exported = json.loads(render(document(hostile_home, conflict=conflict), "timelinejs"))
    slides = [exported["title"], *exported["events"], *exported["eras"]]
    for slide in slides:
        for field in ("headline", "text"):
            fragment = slide["text"].get(field, "")
            tags = {tag for tag, _ in parse(fragment).elements}
            assert tags <= {"p", "small", "ul", "li", "b"}, fragment
        shown = slide.get("media") or {}
        for field in ("credit", "caption", "alt", "link"):
            assert "<" not in shown.get(field, ""), shown
        if shown:
            elements = parse(shown["url"]).elements
            assert [tag for tag, _ in elements] in (["blockquote"], ["iframe"]), shown
            for _, attrs in elements:
                assert set(attrs) <= {"src", "title", "width", "height"}, attrs
                if "src" in attrs:
                    assert str(attrs["src"]).startswith(
                        "https://www.openstreetmap.org/export/embed.html?"
                    )
    assert all("<" not in event["group"] for event in exported["events"])
    assert all("<" not in event["display_date"] for event in exported["events"])


@pytest.mark.parametrize("conflict", CONFLICTS)
def test_markdown_brief_renders_no_html_from_the_text(hostile_home: Path, conflict: str) -> None:
    from markdown_it import MarkdownIt

    brief = render(document(hostile_home, conflict=conflict), "md")
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(brief)
    tags = {tag for tag, _ in parse(rendered).elements}
    assert tags <= {"h1", "h2", "h3", "p", "strong", "ul", "ol", "li", "table", "thead",
                    "tbody", "tr", "th", "td", "code", "a"}  # fmt: skip
    for tag, attrs in parse(rendered).elements:
        if tag == "a":
            assert str(attrs.get("href", "")).startswith("https://second-wire.example/")
    assert "\x1b" not in brief and "\u202e" not in brief


def test_markdown_brief_starts_no_block_from_the_text(hostile_home: Path) -> None:
    """Text that would start a rule, a setext heading or a list at the start of a line
    (where a list item's continuation puts it) is escaped."""
    from markdown_it import MarkdownIt

    brief = render(document(hostile_home, conflict="line-start"), "md")
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(brief)
    elements = [tag for tag, _ in parse(rendered).elements]
    assert "hr" not in elements and elements.count("h1") == 1
    headings = re.findall(r"<h2>(.*?)</h2>", rendered)
    assert headings == [
        "Summary", "Latest figures by party", "Timeline", "Contested accounts", "Sources"
    ]  # fmt: skip
    assert "<ol>" in rendered  # the Sources list only: one ordered list
    assert rendered.count("<ol>") == 1
    assert rendered.count("<ul>") == 1  # the timeline's list; no list from the text
    for text in ("- item one", "1. first 2) second", "---", "==="):
        assert text in rendered


@pytest.mark.parametrize("format_name", ["csv", "acled", "timelinejs-sheet"])
@pytest.mark.parametrize("conflict", CONFLICTS)
def test_spreadsheet_formats_start_no_formula(
    hostile_home: Path, conflict: str, format_name: str
) -> None:
    text = render(document(hostile_home, conflict=conflict), format_name)
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            first = unicodedata.normalize("NFKC", cell[:1])
            assert not first.startswith(("=", "+", "-", "@", "\t", "\r", "\u2212")), cell
            assert "\x1b" not in cell and "\u202e" not in cell


@pytest.mark.parametrize("conflict", CONFLICTS)
def test_json_keeps_the_text_with_controls_escaped(hostile_home: Path, conflict: str) -> None:
    text = render(document(hostile_home, conflict=conflict), "json")
    assert "\x1b" not in text and "\u202e" not in text
    report: dict[str, Any] = json.loads(text)
    summaries = [d["summary"] for d in report["developments"]]
    dispatch = load_dispatch(FILES[conflict])
    assert dispatch.developments[0].summary in summaries  # the original text, exactly


def test_report_output_path_is_shown_safely_and_written_atomically(
    hostile_home: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    def report(output: Path) -> Any:
        return CliRunner().invoke(
            cli,
            [
                *("report", "--conflict", "line-start", "--format", "md", "-o", str(output)),
                *("--home", str(hostile_home)),
            ],
        )

    hostile = tmp_path / "brief\x1b]52;c;ZXZpbA==\x07.md"
    done = report(hostile)
    assert done.exit_code == 0, done.output
    assert "\x1b" not in done.output and "\\x1b]52" in done.output
    assert hostile.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == [hostile.name]  # no temporary file left
    target = tmp_path / "target.md"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    refused = report(link)
    assert refused.exit_code != 0 and "symbolic link" in str(refused.exception)
    assert target.read_text(encoding="utf-8") == "keep" and link.is_symlink()


@given(st.text(max_size=12))
def test_no_text_cell_starts_a_formula_or_a_look_alike(text: str) -> None:
    from timeline.reports.escape import spreadsheet

    cell = spreadsheet(text)
    first = unicodedata.normalize("NFKC", cell[:1])
    assert cell.startswith("'") or not first.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@given(st.text(max_size=12))
def test_no_markdown_text_starts_a_block(text: str) -> None:
    from markdown_it import MarkdownIt

    from timeline.reports.escape import markdown

    rendered = MarkdownIt("commonmark").render(f"- item\n  {markdown(text)}\n")
    for tag in ("<h1>", "<h2>", "<hr", "<ol", "<ul>\n<li>item\n<ul>", "<blockquote>"):
        assert tag not in rendered, (text, rendered)
