"""``timeline extract``: propose a draft dispatch from a news article, for a person to review.

Nothing reaches the log without ``--append``; with it, every development is marked
machine-extracted and unreviewed, and the views show that status.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import click

from projections import queries
from timeline import render
from timeline.commands.options import echo_json, home_options, json_option, open_session
from timeline.errors import UsageError
from timeline.store import resolve_home

if TYPE_CHECKING:
    from timeline.extract import KnownConflict

#: Mirrors timeline.extract.lexicon.ENV_DATA; the extractor is imported only when it runs, to
#: keep the CLI's start-up fast.
ENV_DATA = "TIMELINE_EXTRACT_DATA"


def _known_conflicts(home: Path | None, store: str | None) -> tuple[KnownConflict, ...]:
    """Conflicts the log already holds, read only when there is a log (an SQLite store that
    does not exist yet has none, and is not created by reading it)."""
    from timeline.extract import KnownConflict

    resolved = resolve_home(home, store)
    sqlite = (urlparse(resolved.store_url).scheme or resolved.store_url) == "sqlite"
    if sqlite and not resolved.events_path.exists():
        return ()
    with open_session(home, store) as session:
        rows = queries.conflicts(session.fresh_views().db)
    return tuple(
        KnownConflict(
            row["id"], tuple(row["parties"]), row["name"], tuple(row["aliases"]), row["started"]
        )
        for row in rows
    )


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "--published",
    required=True,
    metavar="DATE",
    help="When the article was published: relative times ('on Tuesday', 'overnight') are "
    "resolved against it. No zone means UTC.",
)
@click.option("--outlet", help="Who published it, e.g. Reuters. Default: from the page or text.")
@click.option("--url", help="The article's URL, if it has one (it becomes the report's identity).")
@click.option("--headline", help="The headline. Default: the article's first line or HTML title.")
@click.option(
    "--conflict",
    metavar="ID",
    help="Conflict id for the developments. Default: the conflict in the log or in the "
    "conflicts table whose parties the article names most; none if no conflict fits.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the draft dispatch here (YAML; JSON if the name ends in .json).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print the article with the words behind each proposed field highlighted.",
)
@click.option(
    "--append",
    is_flag=True,
    help="Append the draft to the log now, marked machine-extracted and unreviewed.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar=ENV_DATA,
    help=f"A directory of extra lexicon and alias files merged over the built-in ones. Env: {ENV_DATA}.",
)
@home_options
@json_option
def extract(
    article: Path,
    published: str,
    outlet: str | None,
    url: str | None,
    headline: str | None,
    conflict: str | None,
    output_path: Path | None,
    explain: bool,
    append: bool,
    data_dir: Path | None,
    home: Path | None,
    store: str | None,
    as_json: bool,
) -> None:
    """Propose a draft dispatch from a news article (plain text or HTML); ARTICLE may be
    - for standard input.

    Page boilerplate is removed; each proposed development gets a kind, an occurred time
    resolved against --published, countries, places, actors, casualty figures and who
    asserts it, each with the character offsets of the words that support it. The draft is
    printed (or written with -o) for review; nothing is appended to the log unless --append
    is given. Needs the optional extra: pip install 'news-timeline[extract]'. See:
    timeline docs extraction.

    Example: timeline extract fixtures/seed-article.txt --published 2022-09-13T12:00Z
    --outlet Reuters -o draft.yaml --explain
    """
    from timeline.extract import Options, extract, lexicon, output, read_article, require
    from timeline.extract import explain as explain_view
    from timeline.extract.draft import parse_published
    from timeline.extract.source import from_bytes

    require()  # the 'extract' extra, before anything is read
    if explain and as_json:
        raise UsageError("give --explain or --json, not both")
    from_stdin = str(article) == "-"
    if output_path is not None and not from_stdin and output_path.resolve() == article.resolve():
        raise UsageError(f"-o {output_path}: would overwrite the article itself")
    if url is not None and not url.startswith(("http://", "https://")):
        raise UsageError(f"--url {url!r}: expected an http:// or https:// URL")
    override = lexicon.override_dir(data_dir)
    # A bad file fails here, before anything is opened; "-" is standard input.
    source = from_bytes("<stdin>", sys.stdin.buffer.read()) if from_stdin else read_article(article)
    parse_published(source.path, published)
    options = Options(
        published=published,
        outlet=outlet,
        url=url,
        headline=headline,
        conflict=conflict,
        known_conflicts=_known_conflicts(home, store),
        data=override,
    )
    extraction = extract(source, options)
    err = render.make_console(stderr=True)
    for note in extraction.notes:
        err.print(render.safe(f"note: {note}"))
    if output_path is not None:
        output.write(extraction, output_path)
    console = render.make_console()
    if explain:
        console.print(explain_view.render(extraction))
    elif as_json and not append:
        echo_json(extraction.document)
    elif output_path is None and not append:
        click.echo(output.to_yaml(extraction), nl=False)
    count = len(extraction.developments)
    if output_path is not None and not as_json:
        (err if explain else console).print(
            render.safe(
                f"{output_path}: draft with {count} developments (machine-extracted, "
                f"unreviewed); review it, then: timeline ingest {output_path}"
            )
        )
    if append:
        with open_session(home, store) as session:
            result = session.app.ingest(extraction.dispatch)
        if as_json:
            echo_json(
                {
                    "article": str(article),
                    "status": "skipped" if result.skipped else "appended",
                    "report_id": str(result.report_id),
                    "developments": result.developments,
                    "events": result.appended,
                    "review": "machine-extracted",
                }
            )
        elif result.skipped:
            console.print(render.safe(f"{article}: already in the log, nothing appended"))
        else:
            console.print(
                render.safe(
                    f"{article}: appended {result.appended} events ({result.developments} new "
                    "developments, machine-extracted, unreviewed)"
                )
            )
