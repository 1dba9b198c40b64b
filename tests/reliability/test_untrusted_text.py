"""Untrusted text everywhere: the hostile corpus in every text field, through every command.

Extends tests/timeline/test_hostile_text.py (one hand-written hostile development, six
commands through the console script) with the reusable corpus in ``hostile_strings``:
every string goes into every free-text field of a dispatch (outlet, headline, URL, conflict
names and aliases, summary, quote, occurred phrase, actors, places, asserters, disputers,
figure parties and claimants) and of the revisions made to it (notes, quotes, disputing
parties, corrected summaries and places, revised figures' claimants). Then every terminal
command renders it with and without ``--json``, piped and with FORCE_COLOR=1 (in-process),
and a few in a real pseudo-terminal (console script):

* no control, C1 or bidi character and no escape sequence from the input reaches the output
  (rich's own colour codes aside);
* rich markup and emoji codes are shown literally, never interpreted;
* JSON escapes control characters (``\\u001b``) and round-trips to the original text.
"""

from __future__ import annotations

import errno
import json
import os
import pty
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile_strings import (
    BY_NAME,
    HOSTILE,
    HOSTILE_STRINGS,
    TERMINAL_CONTROLS,
    json_leaks,
    terminal_leaks,
)
from support import console_script, write_document
from workload import assert_clean_exit, run_timeline, timeline_env

from timeline.cli import cli
from timeline.dispatch import Dispatch, load_dispatch

ALM = "\u061c"  # Arabic letter mark: a bidi control (U+061C)
KNOWN_LEAKS = frozenset(ALM)
EVERYTHING = " | ".join(HOSTILE_STRINGS)
URL = "https://hostile.example/report?q=" + EVERYTHING[:1900]
PUBLISHED = "2022-10-01T08:00:00+03:00"
REVISED = "2022-10-02T08:00:00Z"
BEFORE_REVISIONS = "2022-10-01T12:00Z"
EMOJI = ("😄", "⚠", "🔴", "👍")


def key(n: int) -> str:
    return f"hostile-{n:02d}"


def development(n: int | None, text: str) -> dict[str, Any]:
    """A development carrying ``text`` in every free-text field."""
    strings = HOSTILE_STRINGS if n is None else [text]
    return {
        "key": "hostile-all" if n is None else key(n),
        "kind": "armed_clash",
        "summary": f"Summary {text}",
        "quote": text,
        "occurred": {"start": "2022-09-30", "precision": "day", "phrase": text[:200]},
        "countries": ["ARM", "AZE"],
        "actors": [*(f"Actor {s}" for s in strings), "Hostile Army"],
        "places": [{"name": f"Place {s}", "country": "AZE"} for s in strings],
        "conflicts": ["hostile-all"] if n is None else ["hostile-all", key(n)],
        "claim": {
            "asserted_by": [f"Asserter {s}" for s in strings],
            "verification": "disputed",
            "disputed_by": [f"Disputer {s}" for s in strings],
        },
        "figures": [
            {"party": f"group {s}", "category": "killed", "low": 3 + i, "claimant": f"Claimant {s}"}
            for i, s in enumerate(strings)
        ],
    }


def first_report() -> dict[str, Any]:
    return {
        "format": "timeline-dispatch/1",
        "report": {
            "outlet": f"Outlet {EVERYTHING}",
            "url": URL,
            "headline": f"Headline {EVERYTHING}",
            "published": PUBLISHED,
        },
        "conflicts": [
            {"id": "hostile-all", "name": "Hostile corpus", "parties": ["ARM", "AZE"]},
            *(
                {
                    "id": key(n),
                    "name": f"Conflict {h.text}",
                    "parties": ["AZE"],
                    "aliases": [h.text],
                }
                for n, h in enumerate(HOSTILE)
            ),
        ],
        "developments": [
            development(None, EVERYTHING),
            *(development(n, h.text) for n, h in enumerate(HOSTILE)),
        ],
    }


def revisions_report() -> dict[str, Any]:
    revisions: list[dict[str, Any]] = []
    targets = [("hostile-all", EVERYTHING), *((key(n), h.text) for n, h in enumerate(HOSTILE))]
    for target_key, text in targets:
        target = {"report": {"url": URL}, "key": target_key}
        revisions += [
            {"action": "dispute", "target": target, "party": f"Party {text}", "note": text},
            {
                "action": "correct",
                "target": target,
                "changes": {
                    "summary": f"Corrected {text}",
                    "places": [{"name": f"Corrected place {text}", "country": "ARM"}],
                },
                "quote": text,
            },
            {
                "action": "revise_figure",
                "target": target,
                "figure": {"party": "ARM", "category": "wounded", "best": 7, "claimant": text},
            },
        ]
    return {
        "format": "timeline-dispatch/1",
        "report": {
            "outlet": f"Reviser {EVERYTHING}",
            "headline": f"Revisions {EVERYTHING}",
            "published": REVISED,
        },
        "revisions": revisions,
    }


#: (name, argv, whether it shows article text)
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("show-conflict", ["show", "--conflict", "hostile-all"], True),
    ("show-actor", ["show", "--actor", "Hostile Army"], True),
    ("show-country", ["show", "--country", "AZE"], True),
    ("replay", ["replay", "--as-of", "2022-12-31"], True),
    ("replay-before-revisions", ["replay", "--as-of", BEFORE_REVISIONS], True),
    ("history", ["history", "hostile-all"], True),
    ("diff", ["diff", "--from", "2022-09-01", "--to", "2022-12-31"], True),
    ("figures", ["figures", "--conflict", "hostile-all"], True),
    ("conflicts", ["conflicts"], True),
    ("countries", ["countries"], False),
    ("actors", ["actors"], True),
    ("log", ["log"], False),
]
MODES = {"piped": {}, "forced-colour": {"FORCE_COLOR": "1", "TERM": "xterm-256color"}}


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both hostile dispatches, ingested through the console script into a fresh home."""
    root = tmp_path_factory.mktemp("untrusted")
    first = write_document(root / "hostile-first.json", first_report())
    second = write_document(root / "hostile-revisions.json", revisions_report())
    home = root / "home"
    ingested = run_timeline(
        ["ingest", str(first), str(second), "--home", str(home)], user_home=root
    )
    yield {
        "home": home,
        "root": root,
        "ingested": ingested,
        "dispatch": load_dispatch(first),
        "revisions": load_dispatch(second),
    }


def test_the_corpus_fits_every_field() -> None:
    assert len(EVERYTHING) <= 4000 and len(URL) <= 2000
    assert all(1 <= len(text) <= 200 and text.strip() for text in HOSTILE_STRINGS)
    assert len({h.name for h in HOSTILE}) == len(HOSTILE)


def test_ingesting_the_hostile_dispatches(hostile_home: dict[str, Any]) -> None:
    result = hostile_home["ingested"]
    assert_clean_exit(result)
    assert not terminal_leaks(result.stdout + result.stderr)
    assert result.stdout.count(": appended ") == 2


# --- every command, in-process ----------------------------------------------------------------


def invoke(home: Path, argv: list[str], env: dict[str, str]) -> Any:
    result = CliRunner().invoke(cli, [*argv, "--home", str(home)], env={"COLUMNS": "2000", **env})
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result


def squeezed(text: str) -> str:
    """Text without whitespace, so that wrapping inside table cells cannot hide a fragment."""
    return re.sub(r"\s+", "", text)


def assert_literal_markup(output: str) -> None:
    flat = squeezed(output)
    for hostile in HOSTILE:
        for fragment in hostile.literal:
            assert squeezed(fragment) in flat, f"{hostile.name}: {fragment!r} not shown literally"
    for glyph in EMOJI:
        assert glyph not in output, f"an emoji code was turned into {glyph}"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("name", "argv", "textual"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_terminal_output_is_inert(
    hostile_home: dict[str, Any], mode: str, name: str, argv: list[str], textual: bool
) -> None:
    result = invoke(hostile_home["home"], argv, MODES[mode])
    output = result.output
    assert not terminal_leaks(output, colour=mode != "piped", ignore=KNOWN_LEAKS)
    if mode == "piped":
        assert "\x1b" not in output
    if textual:
        assert_literal_markup(output)
        assert "]52;c;ZXZpbCBjbGlwYm9hcmQ=" in output  # the payload stays, inert, without ESC


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("name", "argv", "textual"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_json_output_escapes_controls(
    hostile_home: dict[str, Any], mode: str, name: str, argv: list[str], textual: bool
) -> None:
    result = invoke(hostile_home["home"], [*argv, "--json"], MODES[mode])
    assert not json_leaks(result.stdout, ignore=KNOWN_LEAKS)
    assert "\x1b" not in result.stdout
    json.loads(result.stdout, parse_constant=_refuse_constant)
    if textual:
        assert "\\u001b" in result.stdout


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"{name} is not JSON")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def test_json_round_trips_every_field_of_the_original(hostile_home: dict[str, Any]) -> None:
    dispatch: Dispatch = hostile_home["dispatch"]
    result = invoke(
        hostile_home["home"],
        ["replay", "--as-of", BEFORE_REVISIONS, "--conflict", "hostile-all", "--json"],
        {},
    )
    shown = {d["id"]: d for d in json.loads(result.stdout)["developments"]}
    assert len(shown) == len(dispatch.developments)
    by_summary = {d["summary"]: d for d in shown.values()}
    for draft in dispatch.developments:
        row = by_summary[draft.summary]
        assert row["quote"] == draft.quote
        assert row["occurred"]["phrase"] == draft.occurred.phrase
        assert row["actors"] == list(draft.actors)
        assert [p["name"] for p in row["places"]] == [p.name for p in draft.places]
        assert row["claim"]["asserted_by"] == list(draft.claim.asserted_by)
        assert row["claim"]["disputed_by"] == list(draft.claim.disputed_by)
        assert [(f["party"], f["claimant"]) for f in row["figures"]] == [
            (f.party, f.claimant) for f in draft.figures
        ]


def test_json_round_trips_revisions_and_reports(hostile_home: dict[str, Any]) -> None:
    record = json.loads(
        invoke(hostile_home["home"], ["history", "hostile-all", "--json"], {}).stdout
    )
    report = hostile_home["dispatch"].report
    strings = set(_strings(record))
    assert {report.outlet, report.headline, report.url} <= strings
    assert {f"Party {EVERYTHING}", EVERYTHING, f"Corrected {EVERYTHING}"} <= strings
    assert record["current"]["summary"] == f"Corrected {EVERYTHING}"
    conflicts = json.loads(invoke(hostile_home["home"], ["conflicts", "--json"], {}).stdout)
    names = {c["name"] for c in conflicts}
    assert {f"Conflict {h.text}".strip() for h in HOSTILE} <= names
    aliases = {a for c in conflicts for a in c["aliases"]}
    assert set(HOSTILE_STRINGS) <= aliases


# --- a real terminal ------------------------------------------------------------------------


def run_in_pty(argv: list[str], env: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    """Run the console script with stdin, stdout and stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(console_script()), *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
    finally:
        os.close(slave)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError as exc:  # EIO: the child closed the terminal
                if exc.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=timeout)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("name", "argv"),
    [(name, argv) for name, argv, _ in COMMANDS if name in ("show-conflict", "history", "diff")],
)
def test_a_real_terminal_gets_no_control_sequences(
    hostile_home: dict[str, Any], name: str, argv: list[str]
) -> None:
    env = timeline_env(hostile_home["root"], TERM="xterm-256color", COLUMNS="2000")
    code, output = run_in_pty([*argv, "--home", str(hostile_home["home"])], env)
    assert code == 0, output
    assert "Traceback" not in output
    assert re.search(r"\x1b\[[0-9;]*m", output), "rich should colour a real terminal"
    assert not terminal_leaks(output, colour=True, ignore=KNOWN_LEAKS)
    assert_literal_markup(output)


# --- error messages that quote hostile values -----------------------------------------------


def test_error_messages_quoting_hostile_values_are_inert(tmp_path: Path) -> None:
    files = []
    for n, hostile in enumerate(HOSTILE):
        document = first_report()
        document["report"]["url"] = f"https://bad.example/{n}"
        document["developments"] = [development(n, hostile.text)]
        document["developments"][0]["kind"] = hostile.text
        files.append(write_document(tmp_path / f"bad-{n:02d}.json", document))
    for mode, env in MODES.items():
        result = run_timeline(
            ["ingest", *map(str, files), "--home", str(tmp_path / "home")],
            user_home=tmp_path,
            env=env,
        )
        assert result.returncode == 3
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert result.stderr.count("developments[0].kind") == len(HOSTILE)
        assert not terminal_leaks(result.stdout + result.stderr, colour=mode != "piped")


# --- known gaps -----------------------------------------------------------------------------


def test_the_arabic_letter_mark_never_reaches_the_output(hostile_home: dict[str, Any]) -> None:
    home = hostile_home["home"]
    text = invoke(home, ["show", "--conflict", "hostile-all"], {}).output
    document = invoke(home, ["show", "--conflict", "hostile-all", "--json"], {}).stdout
    assert ALM not in text
    assert ALM not in document


def test_every_bidi_control_but_the_known_gap_is_stripped(hostile_home: dict[str, Any]) -> None:
    text = invoke(hostile_home["home"], ["show", "--conflict", "hostile-all"], {}).output
    assert not {c for c in text if c in TERMINAL_CONTROLS and c != "\n"} - KNOWN_LEAKS


def test_legitimate_text_survives(hostile_home: dict[str, Any]) -> None:
    """Right-to-left script, combining marks and emoji are text, not attacks. (Zero-width
    joiners are stripped with the other invisible characters, so a joined emoji sequence such
    as a family shows as its separate people: a deliberate trade-off, not checked here.)"""
    text = invoke(hostile_home["home"], ["show", "--conflict", "hostile-all"], {}).output
    for name in ("right-to-left-script", "combining-marks"):
        assert BY_NAME[name].text in text
    assert "🇦🇲 🔥" in text


def test_the_detectors_see_every_raw_hostile_string() -> None:
    """The checks above would catch a leak: each raw attack string is flagged."""
    for hostile in HOSTILE:
        raw = hostile.text
        dangerous = hostile.sequences or any(c in TERMINAL_CONTROLS for c in raw)
        assert bool(terminal_leaks(raw)) == bool(dangerous), hostile.name
    assert terminal_leaks("\x1b[31mRED", colour=True) == ["\x1b[31mRED"]
    assert json_leaks('"\u202e"') == ["U+202E"]
