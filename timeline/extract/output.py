"""Writing a draft dispatch: YAML with a header comment (or JSON), atomically."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import ExtractionError
from timeline.extract.draft import EXTRACTOR, Extraction
from timeline.text import FORMAT_CONTROL, clean

#: Mappings written on one line, to keep a draft short enough to review.
_FLOW_KEYS = frozenset({"occurred", "claim", "review"})
_FLOW_LISTS = frozenset({"places", "figures", "provenance", "countries", "conflicts"})


class _Flow(dict[str, Any]):
    """A mapping written in flow style: ``{start: '2022-09-12', precision: night}``."""


class _FlowList(list[Any]):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _flow_mapping(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _flow_sequence(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_DATE_LIKE = re.compile(r"^\d{4}(-\d\d){0,2}(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$")


#: Characters YAML would print raw but a terminal must not see (the shared list,
#: :data:`timeline.text.FORMAT_CONTROLS`). Scalars holding them are double-quoted and the
#: characters escaped (\uXXXX), so the draft still parses to exactly the article's text.
_UNSAFE = FORMAT_CONTROL


def _string(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Dates and years are always quoted, as docs/dispatch-format.md asks."""
    if _DATE_LIKE.match(data) or _UNSAFE.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_Dumper.add_representer(str, _string)
_Dumper.add_representer(_Flow, _flow_mapping)
_Dumper.add_representer(_FlowList, _flow_sequence)


def _styled(development: dict[str, Any]) -> dict[str, Any]:
    styled: dict[str, Any] = {}
    for key, value in development.items():
        if key in _FLOW_KEYS and isinstance(value, dict):
            styled[key] = _Flow(value)
        elif key in ("countries", "conflicts", "actors"):
            styled[key] = _FlowList(value)
        elif key in _FLOW_LISTS and isinstance(value, list):
            styled[key] = [_Flow(v) if isinstance(v, dict) else v for v in value]
        else:
            styled[key] = value
    return styled


def to_yaml(extraction: Extraction) -> str:
    document = dict(extraction.document)
    document["developments"] = [_styled(d) for d in document["developments"]]
    if "conflicts" in document:
        document["conflicts"] = [
            {k: _FlowList(v) if isinstance(v, list) else v for k, v in c.items()}
            for c in document["conflicts"]
        ]
    source = extraction.source
    basis = (
        "the decoded file"
        if source.format == "text"
        else "the main text trafilatura extracted from the HTML (shown by --explain)"
    )
    header = [
        f"# Draft dispatch proposed by {EXTRACTOR} from {clean(source.path)}.",
        "# Every development is machine-extracted and unreviewed: check each one (timeline extract",
        "# --explain shows the words behind every field), fix what is wrong, set",
        "# review: {status: reviewed}, then append it with: timeline ingest THIS-FILE",
        f"# Provenance offsets are character offsets into {basis}.",
    ]
    header.extend(f"# Note: {clean(note)}" for note in extraction.notes)
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    body = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    return "\n".join(header) + "\n" + body


def to_json(extraction: Extraction) -> str:
    return json.dumps(extraction.document, ensure_ascii=False, indent=2) + "\n"


def write(extraction: Extraction, path: Path) -> None:
    """Write the draft to ``path`` (JSON for ``.json``, else YAML) in one atomic rename."""
    text = to_json(extraction) if path.suffix.lower() == ".json" else to_yaml(extraction)
    if path.is_symlink():  # the rename would replace the link itself: say so instead
        raise ExtractionError(
            str(path), "a draft location that is not a symbolic link (give the target's path)"
        )
    if path.exists() and not path.is_file():
        raise ExtractionError(str(path), "a draft location that is a regular file")
    folder = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise ExtractionError(str(path), f"a writable draft location ({exc.strerror})") from None
