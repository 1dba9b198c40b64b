"""The ``html`` format: one self-contained page with a vertical timeline and an SVG chart.

No scripts, no external assets: the CSS is inline, the chart is inline SVG, and a Content
Security Policy forbids the page any request. Every piece of text from the log goes through
:func:`timeline.reports.escape.html`; the only markup is the page's own.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from timeline.reports import chart
from timeline.reports.document import (
    CONTESTED_SHOWN_PER_DEVELOPMENT,
    CONTRADICTS_LINKS_SHOWN,
    ReportDocument,
)
from timeline.reports.escape import html as h
from timeline.reports.escape import safe_url
from timeline.serialize import figure_label, figure_text, revision_line
from timeline.zones import local_occurred_group

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
  margin: 0 auto; max-width: 980px; padding: 1.5rem; }
h1 { margin-bottom: .25rem; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.knowledge { background: #fff6d6; border: 1px solid #e8d48a; padding: .5rem .75rem;
  border-radius: 6px; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.chart { max-width: 100%; height: auto; font-size: 12px; }
.chart .tick { fill: #555; } .chart .axis { fill: #333; font-size: 13px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.legend svg { vertical-align: middle; margin-right: .3rem; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.6rem; border-left: 3px solid #b8c4d6; }
ol.timeline > li { position: relative; margin-bottom: 1.25rem; }
ol.timeline > li::before { content: ""; position: absolute; left: -2.2rem; top: .55rem;
  width: .8rem; height: .8rem; border-radius: 50%; background: #fff;
  border: 3px solid #44577a; }
ol.timeline h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
.development { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .75rem;
  margin-bottom: .6rem; background: #fff; }
.development header { font-weight: 600; }
.development p, .account p { margin: .3rem 0; }
.development .meta, .account .meta { color: #555; font-size: .85rem; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 4px;
  background: #eee; margin-left: .3rem; font-weight: 500; }
.badge.disputed { background: #fde2e1; } .badge.confirmed { background: #dff3e4; }
.badge.claimed { background: #fff1cc; } .badge.unverified { background: #efe3f7; }
.status-retracted { opacity: .75; border-style: dashed; }
.badge.retracted { background: #333; color: #fff; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin-bottom: .9rem; }
.account { border: 1px solid #ddd; border-left: 4px solid #c0392b; border-radius: 6px;
  padding: .5rem .75rem; }
.pair .account + .account { border-left-color: #2c6fbb; }
blockquote { margin: .3rem 0; padding-left: .75rem; border-left: 3px solid #ddd; color: #444; }
.revised { color: #8a4b00; font-style: italic; }
details.technical { margin-top: .3rem; }
details.technical summary { color: #555; font-size: .8rem; cursor: pointer; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.print-only { display: none; }
code { overflow-wrap: anywhere; }
@media (max-width: 600px) {
  body { padding: .75rem; font-size: 14px; }
  .pair { grid-template-columns: 1fr; }
  ol.timeline { padding-left: 1.1rem; }
  ol.timeline > li::before { left: -1.65rem; }
  table.figures thead { position: absolute; left: -9999px; }
  table.figures, table.figures tbody, table.figures tr, table.figures td { display: block; }
  table.figures tr { border: 1px solid #ddd; border-radius: 6px; margin-bottom: .5rem;
    padding: .25rem .5rem; }
  table.figures td { border: 0; padding: .1rem 0; }
  table.figures td::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .development, .account, .pair, figure, tr, .sources li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .screen-only, details.technical { display: none; }
  .print-only { display: block; }
  .table-scroll { overflow: visible; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em;
    overflow-wrap: anywhere; }
  .sources a[href^="http"]::after { content: none; }
  .knowledge, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _figure(f: dict[str, Any], doc: ReportDocument) -> str:
    return h(f"{doc.country(f['party'])} {f['category']} {figure_text(f)} per {f['voice']}")


def _sources(numbers: list[int]) -> str:
    return ", ".join(f'<a href="#source-{n}">[{n}]</a>' for n in numbers) or "none"


def _development(d: dict[str, Any], doc: ReportDocument) -> str:
    occ = d["occurred"]
    claim = d["claim"]
    verification = claim["verification"]
    status = d["status"]
    badges = f'<span class="badge {h(verification)}">{h(verification)}</span>'
    if status != "active":
        badges += f'<span class="badge {h(status)}">{h(status.upper())}</span>'
    if d.get("review_status") == "machine-extracted":
        badges += '<span class="badge unreviewed">machine-extracted, unreviewed</span>'
    parts = [
        f'<article class="development status-{h(status)}" id="dev-{h(d["id"])}">',
        f"<header>{h(occ['label'])} · {h(d['kind_label'])}{badges}</header>",
        f'<p class="summary">{h(d["summary"])}</p>',
    ]
    if d["quote"]:
        parts.append(f"<blockquote>{h(d['quote'])}</blockquote>")
    claimed = f"Claimed by {h(', '.join(claim['asserted_by']))}"
    if claim["disputed_by"]:
        claimed += f"; disputed by {h(', '.join(claim['disputed_by']))}"
    parts.append(f'<p class="claim">{claimed}.</p>')
    if d["places"]:
        places = ", ".join(f"{p['name']} ({p['country']})" for p in d["places"])
        parts.append(f'<p class="places">Places: {h(places)}.</p>')
    if d["figures"]:
        figures = "; ".join(
            f"{_figure(f, doc)} (reported {h(f['reported_at'])}){_revised(d['id'], f, doc)}"
            for f in d["figures"]
        )
        parts.append(f'<p class="figures">Figures: {figures}.</p>')
    if d.get("counts"):
        links = ", ".join(f'<a href="#dev-{h(other)}">{h(other[:8])}</a>' for other in d["counts"])
        parts.append(f'<p class="counts">Counts the dead of: {links}.</p>')
    for entry in d.get("revision_notes") or []:
        parts.append(f'<p class="revision">Revision, {h(revision_line(entry))}</p>')
    if d["contradicts"]:
        links = ", ".join(
            f'<a href="#dev-{h(other)}">{h(other[:8])}</a>'
            for other in d["contradicts"][:CONTRADICTS_LINKS_SHOWN]
        )
        more = len(d["contradicts"]) - CONTRADICTS_LINKS_SHOWN
        if more > 0:
            links += f" and {more} more"
        parts.append(f'<p class="contradicts">Contradicts: {links}.</p>')
    phrase = f", “{h(occ['phrase'])}”" if occ["phrase"] else ""
    parts.append(f'<p class="meta">Sources {_sources(d["sources"])}.</p>')
    parts.append(
        '<details class="technical"><summary>Technical details</summary>'
        f'<p class="meta">Occurred <time datetime="{h(occ["start"])}">{h(occ["start"])}</time> '
        f"to <time>{h(occ['end'])}</time> (exclusive; {h(occ['precision'])}{phrase}, "
        f"resolved against {h(occ['resolved_against'])}) · reported "
        f"<time>{h(d['reported_at'])}</time> · recorded <time>{h(d['recorded_at'])}</time> · "
        f"id <code>{h(d['id'])}</code></p></details>"
    )
    parts.append("</article>")
    return "".join(parts)


def _revised(development_id: str, f: dict[str, Any], doc: ReportDocument) -> str:
    """ " (revised from ≥49 on 2022-09-13)" when this development's figure for the same party,
    category and side was first reported with other values; else nothing."""
    for series in doc.figure_history:
        if (series["party"], series["category"], series["side"]) != (
            f["party"],
            f["category"],
            f.get("side"),
        ):
            continue
        own = [
            p
            for p in series["points"]
            if p["development_id"] == development_id and chart.value(p) is not None
        ]
        label = figure_label(f["low"], f["best"], f["high"])
        earlier = [p for p in own if figure_label(p["low"], p["best"], p["high"]) != label]
        if earlier:
            first = earlier[0]
            was = figure_label(first["low"], first["best"], first["high"])
            return (
                f' <span class="revised">(revised from {h(was)}, reported '
                f"{h(first['reported_at'][:10])})</span>"
            )
    return ""


def _account(d: dict[str, Any]) -> str:
    claim = d["claim"]
    return (
        f'<article class="account"><header><a href="#dev-{h(d["id"])}">'
        f"{h(d['kind_label'])}</a>, {h(d['occurred']['label'])}</header>"
        f'<p>{h(d["summary"])}</p><p class="meta">Claimed by '
        f"{h(', '.join(claim['asserted_by']))} ({h(claim['verification'])}); sources "
        f"{_sources(d['sources'])}</p></article>"
    )


def _figures_section(doc: ReportDocument) -> list[str]:
    out = ['<section id="figures"><h2>Latest figures by party</h2>']
    if doc.figures:
        out.append(
            '<div class="table-scroll"><table class="figures"><thead><tr><th>Party</th>'
            "<th>Category</th><th>Figure</th><th>Claimant</th><th>Reported</th>"
            "<th>Source</th></tr></thead><tbody>"
        )
        for f in doc.figures:
            source = _sources([f["source"]]) if f["source"] else ""
            out.append(
                f'<tr><td data-label="Party">{h(doc.country(f["party"]))}</td>'
                f'<td data-label="Category">{h(f["category"])}</td>'
                f'<td data-label="Figure">{h(f["label"])}'
                f"{_revised(f['development_id'], f, doc)}</td>"
                f'<td data-label="Claimant">{h(f["voice"])}</td>'
                f'<td data-label="Reported"><time>{h(f["reported_at"])}</time></td>'
                f'<td data-label="Source">{source}</td></tr>'
            )
        out.append(
            "</tbody></table></div><p>Figures from different sides are shown side by side, "
            "never summed.</p>"
        )
    else:
        out.append("<p>No casualty figures were known.</p>")
    title = f"Casualty figures over knowledge time: {doc.subject.title}"
    out.append(f"<figure>{chart.svg(list(doc.figure_history), title=title)}")
    if doc.figure_history:
        out.append('<figcaption><ul class="legend">')
        for index, series in enumerate(doc.figure_history):
            dash = chart.DASHES.get(series["category"], "")
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<li><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" '
                f'x2="28" y2="5" stroke="{chart.colour(index)}" stroke-width="3"{dash_attr}/>'
                f"</svg>{h(chart.series_label(series))}</li>"
            )
        out.append(
            "</ul>Each line is one side's figure for one party and category, from the "
            "time it was reported until superseded.</figcaption>"
        )
    out.append("</figure>")
    if doc.figure_history:
        # Folded on screen; on paper a closed <details> prints nothing, so the same table is
        # printed open from a print-only copy.
        table = _history_table(doc)
        out.append(
            '<details class="screen-only"><summary>Figures over knowledge time, as a table'
            f'</summary><div class="table-scroll">{table}</div></details>'
        )
        out.append(f'<div class="print-only"><h3>Figures over knowledge time</h3>{table}</div>')
    out.append("</section>")
    return out


def _history_table(doc: ReportDocument) -> str:
    rows = [
        "<table><thead><tr><th>Series</th><th>Known from</th><th>Figure</th></tr></thead><tbody>"
    ]
    for series in doc.figure_history:
        for p in series["points"]:
            shown = "withdrawn" if chart.value(p) is None else figure_text(p)
            rows.append(
                f"<tr><td>{h(chart.series_label(series))}</td>"
                f"<td><time>{h(p['known_from'])}</time></td><td>{h(shown)}</td></tr>"
            )
    rows.append("</tbody></table>")
    return "".join(rows)


def write(doc: ReportDocument) -> str:
    subject = doc.subject
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(subject.title)}: as known at {h(doc.knowledge_time or 'now')}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<header><h1>{h(subject.title)}</h1>",
    ]
    if subject.kind == "conflict":
        about = f"Conflict; parties {', '.join(doc.country(p) for p in subject.parties)}"
        if subject.aliases:
            about += f"; also known as {', '.join(subject.aliases)}"
        if subject.started:
            about += f"; started {subject.started}"
        out.append(f'<p class="about">{h(about)}.</p>')
    else:
        out.append(f'<p class="about">{h(subject.kind.capitalize())} timeline.</p>')
    out.append(
        f'<p class="knowledge"><strong>{h(doc.knowledge_statement)}</strong> Built from the '
        f"event log up to position {doc.log_position}. All times are UTC.</p></header>"
    )
    out.append(f'<section id="summary"><h2>Summary</h2><p>{h(doc.headline)}</p></section>')
    out.extend(_figures_section(doc))

    out.append('<section id="timeline"><h2>Timeline</h2>')
    if doc.developments:
        out.append('<ol class="timeline">')
        for heading, group in groupby(
            doc.developments,
            key=lambda d: local_occurred_group(
                d["occurred"]["start"],
                d["occurred"]["end"],
                d["occurred"]["precision"],
                d["occurred"].get("tz"),
            ),
        ):
            out.append(f'<li class="day"><h3>{h(heading)}</h3>')
            out.extend(_development(d, doc) for d in group)
            out.append("</li>")
        out.append("</ol>")
    else:
        out.append("<p>No developments.</p>")
    out.append("</section>")

    out.append('<section id="contested"><h2>Contested accounts</h2>')
    if doc.contested:
        for first, second in doc.contested_shown:
            out.append(
                f'<div class="pair">{_account(doc.development(first))}'
                f"{_account(doc.development(second))}</div>"
            )
        hidden = len(doc.contested) - len(doc.contested_shown)
        if hidden:
            out.append(
                f'<p class="more">…and {hidden} more {"pair" if hidden == 1 else "pairs"} of '
                "contradicting accounts, not shown side by side (at most "
                f"{CONTESTED_SHOWN_PER_DEVELOPMENT} per development; each card lists what it "
                "contradicts, and the JSON and CSV reports list every link).</p>"
            )
    else:
        out.append("<p>No contradicting accounts.</p>")
    disputed = [d for d in doc.developments if d["claim"]["disputed_by"]]
    if disputed:
        out.append("<h3>Disputed by a named party</h3><ul>")
        out.extend(
            f'<li><a href="#dev-{h(d["id"])}">{h(d["summary"])}</a>: disputed by '
            f"{h(', '.join(d['claim']['disputed_by']))}</li>"
            for d in disputed
        )
        out.append("</ul>")
    out.append("</section>")

    out.append('<section id="sources"><h2>Sources</h2><ol class="sources">')
    for s in doc.sources:
        url = safe_url(s.url)
        link = (
            f' <a href="{h(url)}" rel="noopener noreferrer nofollow">{h(url)}</a>'
            if url
            else (f" {h(s.url)}" if s.url else "")
        )
        offset = f" {h(s.stated.strip())}" if s.stated else ""
        out.append(
            f'<li id="source-{s.number}">{h(s.outlet)}, “{h(s.headline)}”, published '
            f"<time>{h(s.published)}</time>{offset}.{link}</li>"
        )
    out.append("</ol></section></body></html>")
    return "\n".join(out) + "\n"
