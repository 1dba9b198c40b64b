"""Help that travels with the package: the bundled documentation and shell completion."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import click
from click.shell_completion import get_completion_class

from timeline.errors import NotFoundError, UsageError

SHELLS = ("bash", "zsh", "fish")


def _docs_folder() -> Traversable:
    return resources.files("timeline").joinpath("docs")


def topics() -> list[str]:
    """The bundled documentation topics, by file name without ``.md``."""
    folder = _docs_folder()
    if not folder.is_dir():
        return []
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".md"))


def doc_text(topic: str) -> str:
    """One bundled document's Markdown."""
    known = topics()
    if topic not in known:
        raise NotFoundError(
            f"no documentation topic {topic!r}; known: {', '.join(known) or 'none bundled'}"
        )
    return _docs_folder().joinpath(f"{topic}.md").read_text(encoding="utf-8")


@click.command()
@click.argument("topic", required=False)
def docs(topic: str | None) -> None:
    """Print a bundled document (Markdown), or list the topics without TOPIC.

    These are the source tree's documentation files, installed with the package so
    that help is at hand without a clone. Pipe to a pager or a Markdown viewer.

    Example: timeline docs time-travel
    """
    if topic is None:
        for name in topics():
            click.echo(name)
        return
    click.echo(doc_text(topic.removesuffix(".md")), nl=False)


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for SHELL (bash, zsh or fish).

    Load it in the current shell with eval "$(timeline completion bash)", or add that
    line to your shell's start-up file (~/.bashrc; for zsh, ~/.zshrc); for fish, save the
    output as ~/.config/fish/completions/timeline.fish.

    Example: timeline completion zsh >> ~/.zshrc
    """
    completer = get_completion_class(shell)
    if completer is None:  # click knows the three shells of SHELLS
        raise UsageError(f"no completion for {shell}")
    root = ctx.find_root()
    script = completer(root.command, {}, "timeline", "_TIMELINE_COMPLETE").source()
    click.echo(script)
