"""``timeline extract --explain``: the article, sentence by sentence, with the words behind
each proposed field highlighted and listed beside the field they produced.

Article text is untrusted: every piece goes through ``timeline.text.clean`` into a rich
``Text`` built directly (no markup or emoji parsing), as ``timeline.render.safe`` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from timeline.dates import iso, occurred_interval, occurred_label
from timeline.extract.draft import Evidence, Extraction, Proposed
from timeline.render import safe
from timeline.serialize import figure_label
from timeline.text import clean
from timeline.vocabulary import kind_label

FIELD_STYLES = {
    "kind": "bold cyan",
    "occurred": "bold green",
    "countries": "yellow",
    "actors": "magenta",
    "places": "blue",
    "figures": "bold red",
    "claim": "underline",
}
FIELDS = ("kind", "occurred", "countries", "actors", "places", "figures", "claim")


def _piece(text: str, style: str = "") -> Text:
    """A cleaned piece of article text that keeps a single space at each broken edge."""
    cleaned = clean(text)
    if not cleaned:
        return Text(" " if text[:1].isspace() or text[-1:].isspace() else "")
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    piece = Text(lead)
    piece.append_text(Text(cleaned, style=style))
    piece.append(trail)
    return piece


def highlighted(text: str, start: int, end: int, spans: Iterable[tuple[int, int, str]]) -> Text:
    """``text[start:end]`` with the given (start, end, style) spans highlighted."""
    marks: list[tuple[int, int, str]] = sorted(
        (max(s, start), min(e, end), style) for s, e, style in spans if s < end and e > start
    )
    out = Text()
    position = start
    for s, e, style in marks:
        if s < position:  # overlapping: keep the first highlight whole
            s = position
        if e <= s:
            continue
        out.append_text(_piece(text[position:s]))
        out.append_text(_piece(text[s:e], f"reverse {style}".strip()))
        position = e
    out.append_text(_piece(text[position:end]))
    return out


def _value(development: Proposed, field: str) -> str:
    if field == "kind":
        return kind_label(development.kind)
    if field == "occurred":
        occurred = development.occurred
        start, end = occurred_interval(
            occurred["start"], occurred.get("end"), occurred["precision"]
        )
        label = occurred_label(iso(start), iso(end), occurred["precision"])
        return label if development.occurred.get("phrase") else f"{label} (no time phrase)"
    if field == "countries":
        return " ".join(development.countries)
    if field == "actors":
        return ", ".join(development.actors) or "—"
    if field == "places":
        return ", ".join(f"{p['name']} ({p['country']})" for p in development.places) or "—"
    if field == "figures":
        return (
            "; ".join(
                f"{f['party']} {f['category']} {_figure(f)} per {f['claimant']}"
                for f in development.figures
            )
            or "—"
        )
    claim = development.claim
    return f"{', '.join(claim['asserted_by'])} · {claim['verification']}"


def _figure(figure: dict[str, object]) -> str:
    """A figure's label as the dispatch format reads it (a lone ``best`` is an exact count)."""
    low, best, high = (figure.get(k) for k in ("low", "best", "high"))
    if best is not None and low is None and high is None:
        low = high = best
    return figure_label(
        low if isinstance(low, int) else None,
        best if isinstance(best, int) else None,
        high if isinstance(high, int) else None,
    )


def _relevant(development: Proposed, item: Evidence) -> bool:
    """Evidence for a value the development kept (a per-claimant split drops some)."""
    if item.field == "countries" and item.value:
        return any(code in development.countries for code in item.value.split(", "))
    if item.field == "actors" and item.value:
        return item.value in development.actors
    return True


def _words(text: str, evidence: list[Evidence]) -> Text:
    words = Text()
    for n, item in enumerate(evidence):
        if n:
            words.append(" · ", style="dim")
        words.append("“")
        words.append_text(_piece(text[item.start : item.end], FIELD_STYLES.get(item.field, "")))
        words.append("”")
        if item.value and item.field in ("occurred", "claim") and not item.value[:1].isdigit():
            words.append(f" ({clean(item.value)})", style="dim")
    return words


def _no_words(field: str) -> Text:
    """What stands in for the words of a field no words gave."""
    if field == "claim":
        return Text("(no attribution: the outlet's own voice)", style="dim")
    return Text("(from the claim)" if field == "actors" else "(no words)", style="dim")


def _fields(extraction: Extraction, development: Proposed) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("words", overflow="fold")
    for field in FIELDS:
        evidence = [
            e for e in development.evidence if e.field == field and _relevant(development, e)
        ]
        value = _value(development, field)
        if field in ("places", "figures", "actors") and value == "—" and not evidence:
            continue
        table.add_row(
            Text(field),
            safe(value, FIELD_STYLES.get(field, "")),
            _words(extraction.source.text, evidence) if evidence else _no_words(field),
        )
    return table


def render(extraction: Extraction) -> RenderableType:
    text = extraction.source.text
    layout = extraction.layout
    report = extraction.dispatch.report
    parts: list[RenderableType] = []
    title = Text("Draft for ")
    title.append_text(safe(extraction.source.path, "bold"))
    title.append(" · ")
    title.append_text(safe(report.outlet))
    title.append(" · published ")
    title.append_text(safe(report.published))
    parts.append(title)
    parts.append(safe(f"Headline: {report.headline}", "bold"))
    summary = (
        f"{len(extraction.developments)} developments proposed, all machine-extracted and "
        f"unreviewed; {len(layout.removed)} boilerplate block(s) removed."
    )
    parts.append(safe(summary, "dim"))
    for note in extraction.notes:
        parts.append(safe(f"Note: {note}", "yellow"))
    legend = Text("Highlights: ")
    for n, field in enumerate(FIELDS):
        if n:
            legend.append(" ")
        legend.append(field, style=f"reverse {FIELD_STYLES[field]}")
    parts.append(legend)
    by_sentence: dict[int, list[Proposed]] = {}
    for development in extraction.developments:
        by_sentence.setdefault(development.sentences[0].index, []).append(development)
    continued = {s.index for d in extraction.developments for s in d.sentences[1:]}
    skipped = {note.sentence: note.reason for note in extraction.skipped}
    paragraph = -1
    for sentence in layout.sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            parts.append(Rule(Text(f"¶{paragraph + 1}", style="dim"), align="left", characters="─"))
        developments = by_sentence.get(sentence.index, [])
        spans = [
            (e.start, e.end, FIELD_STYLES.get(e.field, ""))
            for d in developments
            for e in d.evidence
            if e.field in FIELD_STYLES
        ]
        for d in developments:
            for later in d.sentences[1:]:
                spans.extend(
                    (e.start, e.end, FIELD_STYLES.get(e.field, ""))
                    for e in d.evidence
                    if e.field in FIELD_STYLES and later.start <= e.start < later.end
                )
        style_dim = not developments and sentence.index not in continued
        line = highlighted(text, sentence.start, sentence.end, spans)
        if style_dim:
            line.stylize("dim")
        parts.append(line)
        if sentence.index in continued and not developments:
            parts.append(Text("  (continues the development above)", style="dim italic"))
        if sentence.index in skipped and not developments:
            parts.append(safe(f"  (no development: {skipped[sentence.index]})", "dim italic"))
        for development in developments:
            head = Text("  ")
            head.append_text(safe(development.key, "bold"))
            head.append(" · machine-extracted, unreviewed", style="italic magenta")
            parts.append(head)
            parts.append(Padding(_fields(extraction, development), (0, 0, 1, 4)))
    if layout.removed:
        removed = Table(title=safe("Removed as boilerplate"), box=box.SIMPLE_HEAD, pad_edge=False)
        removed.add_column("Text", overflow="fold")
        removed.add_column("Rule", overflow="fold")
        for block in layout.removed:
            removed.add_row(safe(text[block.start : block.end][:200]), safe(block.rule))
        parts.append(removed)
    return Group(*parts)
