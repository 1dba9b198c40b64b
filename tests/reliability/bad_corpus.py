"""The hostile-input corpus in fixtures/bad: its index, and the huge files made at test time.

``INDEX.yaml`` lists every committed file (section ``files``) and every generated one
(section ``generated``) with the field path and message fragment the error must have. The
generators below write the generated files; each is named after the file it makes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO_ROOT, minimal_dispatch

from timeline.dispatch import MAX_FILE_BYTES

BAD = REPO_ROOT / "fixtures" / "bad"
INDEX = BAD / "INDEX.yaml"


@dataclass(frozen=True)
class BadFile:
    file: str  # path under fixtures/bad, or the generated file's name
    what: str
    field: str | None  # None: only the message is checked
    message: str
    exit: int = 3
    bug: str | None = None
    isolate: bool = False
    slow: bool = False
    generated: bool = False

    @property
    def is_article(self) -> bool:
        return self.file.startswith("articles/")

    def path(self, scratch: Path) -> Path:
        """The file to ingest: the committed one, or a freshly generated one in ``scratch``."""
        return generate(self.file, scratch) if self.generated else BAD / self.file

    def marks(self) -> list[Any]:
        marks: list[Any] = []
        if self.bug:
            marks.append(pytest.mark.xfail(reason=self.bug, strict=True))
        if self.slow:
            marks.append(pytest.mark.slow)
        return marks


def load_index() -> list[BadFile]:
    index = yaml.safe_load(INDEX.read_text(encoding="utf-8"))
    files = [BadFile(**entry) for entry in index["files"]]
    files += [BadFile(**entry, generated=True) for entry in index["generated"]]
    return files


CORPUS = load_index()


def params(entries: list[BadFile]) -> list[Any]:
    return [pytest.param(entry, id=entry.file, marks=entry.marks()) for entry in entries]


# --- generators -----------------------------------------------------------------------------


def _over_the_limit_yaml(path: Path) -> None:
    text = yaml.safe_dump(minimal_dispatch(), sort_keys=False)
    padding = MAX_FILE_BYTES + 1 - len(text.encode("utf-8"))
    lines, rest = divmod(padding, 100)
    path.write_text(text + ("#" * 99 + "\n") * lines + "#" * rest, encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES + 1


def _over_the_limit_json(path: Path) -> None:
    document = minimal_dispatch()
    document["developments"][0]["summary"] = "Troops exchanged fire. " * 260_000
    path.write_text(json.dumps(document), encoding="utf-8")


def _huge_article(path: Path) -> None:
    paragraph = (
        "Armenia and Azerbaijan blamed each other for renewed fighting that began overnight "
        "at several points along their border.\n\n"
    )
    path.write_text(paragraph * (8_000_000 // len(paragraph)), encoding="utf-8")


def _long_sentence_article(path: Path) -> None:
    phrase = "Armenian troops shelled Azerbaijani positions near the border and "
    path.write_text(f"Armenia said on Tuesday that {phrase * 16_000}nobody was hurt.\n")


def _many_sentences_article(path: Path) -> None:
    path.write_text("Armenia said that 5 soldiers were killed. " * 5_001, encoding="utf-8")


def _sparse_article(path: Path) -> None:
    with path.open("wb") as sparse:
        sparse.truncate(50 * 1024**3)


def _just_under_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    document["developments"][0]["summary"] = ""
    skeleton = len(json.dumps(document).encode("utf-8"))
    document["developments"][0]["summary"] = "x" * (MAX_FILE_BYTES - 1 - skeleton)
    path.write_text(json.dumps(document), encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES - 1


def _sparse_4_gib(path: Path) -> None:
    with path.open("wb") as sparse:
        sparse.truncate(4 * 1024**3)


def _many_errors(path: Path) -> None:
    document = minimal_dispatch()
    document["developments"][0]["countries"] = []
    skeleton = len(json.dumps(document, separators=(",", ":")))
    document["developments"][0]["countries"] = ["XX"] * ((4_900_000 - skeleton) // 5)
    path.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")


def _actors_over_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    document["developments"][0]["actors"] = [f"Militia {n}" for n in range(201)]
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def _places_over_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    document["developments"][0]["places"] = [
        {"name": f"Village {n}", "country": "ARM"} for n in range(201)
    ]
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def _revisions_over_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    key = document["developments"][0]["key"]
    document["revisions"] = [
        {"action": "dispute", "target": key, "party": f"Ministry {n}"} for n in range(1001)
    ]
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def _figures_revised_over_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    development = document["developments"][1]
    development["figures"] = [
        {"party": "ARM", "category": "killed", "low": 1, "claimant": f"Ministry {n}"}
        for n in range(200)
    ]
    document["revisions"] = [
        {
            "action": "revise_figure",
            "target": development["key"],
            "figure": {"party": "ARM", "category": "killed", "low": 2, "claimant": "Ministry 200"},
        }
    ]
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


def _disputes_over_the_limit(path: Path) -> None:
    document = minimal_dispatch()
    development = document["developments"][0]
    development["claim"] = {
        "asserted_by": ["Test Wire"],
        "verification": "disputed",
        "disputed_by": [f"Ministry {n}" for n in range(50)],
    }
    document["revisions"] = [
        {"action": "dispute", "target": development["key"], "party": "Ministry 50"}
    ]
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "figures-revised-over-the-limit.json": _figures_revised_over_the_limit,
    "disputes-over-the-limit.json": _disputes_over_the_limit,
    "actors-over-the-limit.json": _actors_over_the_limit,
    "places-over-the-limit.json": _places_over_the_limit,
    "revisions-over-the-limit.json": _revisions_over_the_limit,
    "over-the-limit.yaml": _over_the_limit_yaml,
    "over-the-limit.json": _over_the_limit_json,
    "articles/huge-article.txt": _huge_article,
    "articles/long-sentence.txt": _long_sentence_article,
    "articles/many-sentences.txt": _many_sentences_article,
    "articles/sparse-50-gib.txt": _sparse_article,
    "just-under-the-limit.json": _just_under_the_limit,
    "sparse-4-gib.yaml": _sparse_4_gib,
    "many-errors.json": _many_errors,
}


def generate(name: str, folder: str | Path) -> Path:
    """Write the generated file ``name`` under ``folder`` and return its path."""
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    GENERATORS[name](path)
    return path
