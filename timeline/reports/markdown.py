"""The ``md`` format: a Markdown brief for an editor.

Sections: the knowledge time, a headline summary, the latest figures by party, the
timeline grouped by occurred day, contested accounts side by side, and numbered sources.
Article text goes through :func:`timeline.reports.escape.markdown`.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from timeline.reports.document import CONTESTED_SHOWN_PER_DEVELOPMENT, ReportDocument
from timeline.reports.escape import markdown as md
from timeline.reports.escape import safe_url
from timeline.serialize import figure_text, revision_line
from timeline.zones import local_occurred_group


def _sources(numbers: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers) if numbers else "none"


def _figure(f: dict[str, Any], doc: ReportDocument) -> str:
    return (
        f"{md(doc.country(f['party']))} {md(f['category'])} "
        f"{md(figure_text(f))} per {md(f['voice'])}"
    )


def _development(d: dict[str, Any], doc: ReportDocument) -> list[str]:
    occ = d["occurred"]
    status = f" · **{d['status'].upper()}**" if d["status"] != "active" else ""
    if d.get("review_status") == "machine-extracted":
        status += " · *machine-extracted, unreviewed*"
    lines = [
        f"- **{md(occ['label'])}** · {md(d['kind_label'])} · {md(d['claim']['verification'])}"
        f"{status}",
        f"  {md(d['summary'])}",
    ]
    if d["quote"]:
        lines.append(f"  Quote: “{md(d['quote'])}”")
    claim = f"  Claimed by {md(', '.join(d['claim']['asserted_by']))}"
    if d["claim"]["disputed_by"]:
        claim += f"; disputed by {md(', '.join(d['claim']['disputed_by']))}"
    lines.append(claim + ".")
    if d["places"]:
        places = ", ".join(f"{p['name']} ({p['country']})" for p in d["places"])
        lines.append(f"  Places: {md(places)}.")
    if d["figures"]:
        figures = "; ".join(
            f"{_figure(f, doc)} (reported {f['reported_at']})" for f in d["figures"]
        )
        lines.append(f"  Figures: {figures}.")
    if d.get("counts"):
        counted = ", ".join(f"`{other[:8]}`" for other in d["counts"])
        lines.append(f"  Counts the dead of: {counted}.")
    for entry in d.get("revision_notes") or []:
        lines.append(f"  Revision, {md(revision_line(entry))}")
    phrase = f", “{md(occ['phrase'])}”" if occ["phrase"] else ""
    lines.append(
        f"  Occurred [{occ['start']}, {occ['end']}) ({md(occ['precision'])}{phrase}, resolved "
        f"against {occ['resolved_against']}) · reported {d['reported_at']} (first "
        f"{d['first_reported_at']}) · recorded {d['recorded_at']} · sources "
        f"{_sources(d['sources'])} · id `{d['id']}`"
    )
    return lines


def _more_pairs(hidden: int) -> str:
    return (
        f"{hidden} more {'pair' if hidden == 1 else 'pairs'} of contradicting accounts, not "
        f"shown side by side (at most {CONTESTED_SHOWN_PER_DEVELOPMENT} per development; the "
        "JSON and CSV reports list every link)"
    )


def _account(d: dict[str, Any]) -> str:
    return (
        f"**{md(d['kind_label'])}**, {md(d['occurred']['label'])}: {md(d['summary'])} "
        f"(claimed by {md(', '.join(d['claim']['asserted_by']))}; {md(d['claim']['verification'])}"
        f"; sources {_sources(d['sources'])})"
    )


def write(doc: ReportDocument) -> str:
    out: list[str] = [f"# {md(doc.subject.title)}", ""]
    subject = doc.subject
    if subject.kind == "conflict":
        about = f"Conflict; parties {md(', '.join(doc.country(p) for p in subject.parties))}"
        if subject.aliases:
            about += f"; also known as {md(', '.join(subject.aliases))}"
        if subject.started:
            about += f"; started {md(subject.started)}"
        out += [about + ".", ""]
    else:
        out += [f"{subject.kind.capitalize()} timeline.", ""]
    out += [
        f"**{md(doc.knowledge_statement)}** Built from the event log up to position "
        f"{doc.log_position}. All times are UTC; occurred intervals are half-open [start, end).",
        "",
        "## Summary",
        "",
        md(doc.headline),
        "",
        "## Latest figures by party",
        "",
    ]
    if doc.figures:
        out += [
            "| Party | Category | Figure | Claimant | Reported | Source |",
            "|---|---|---|---|---|---|",
        ]
        for f in doc.figures:
            source = f"[{f['source']}]" if f["source"] else ""
            out.append(
                f"| {md(doc.country(f['party']))} | {md(f['category'])} | "
                f"{md(f['label'])} | {md(f['voice'])} | {f['reported_at']} | {source} |"
            )
        out += ["", "Figures from different sides are shown side by side, never summed.", ""]
    else:
        out += ["No casualty figures were known.", ""]

    out += ["## Timeline", ""]
    if not doc.developments:
        out += ["No developments.", ""]
    for heading, group in groupby(
        doc.developments,
        key=lambda d: local_occurred_group(
            d["occurred"]["start"],
            d["occurred"]["end"],
            d["occurred"]["precision"],
            d["occurred"].get("tz"),
        ),
    ):
        out += [f"### {md(heading)}", ""]
        for d in group:
            out += [*_development(d, doc), ""]

    out += ["## Contested accounts", ""]
    if doc.contested:
        out += [
            "Accounts that contradict each other, side by side.",
            "",
            "| Account | Contradicting account |",
            "|---|---|",
        ]
        for first, second in doc.contested_shown:
            out.append(
                f"| {_account(doc.development(first))} | {_account(doc.development(second))} |"
            )
        out.append("")
        hidden = len(doc.contested) - len(doc.contested_shown)
        if hidden:
            out += [f"…and {_more_pairs(hidden)}.", ""]
    else:
        out += ["No contradicting accounts.", ""]
    disputed = [d for d in doc.developments if d["claim"]["disputed_by"]]
    if disputed:
        out += ["Disputed by a named party:", ""]
        out += [
            f"- {_account(d)}; disputed by {md(', '.join(d['claim']['disputed_by']))}"
            for d in disputed
        ]
        out.append("")

    out += ["## Sources", ""]
    if not doc.sources:
        out += ["No sources.", ""]
    for s in doc.sources:
        url = safe_url(s.url)
        link = f" <{url}>" if url else (f" {md(s.url)}" if s.url else "")
        out.append(
            f"{s.number}. {md(s.outlet)}, “{md(s.headline)}”, published {s.published}"
            f"{' ' + md(s.stated.strip()) if s.stated else ''}."
            f"{link}"
        )
    out.append("")
    return "\n".join(out)
