"""The extractor proposes the link between one toll and the one fighting it counts."""

from __future__ import annotations

from pathlib import Path

from timeline.extract import Options, extract_file

OPTIONS = Options(published="2022-09-13T12:00:00+00:00", outlet="Reuters")
CLASH = (
    "Armenian and Azerbaijani troops clashed overnight near the border town of Jermuk, "
    "Armenia's defence ministry said on Tuesday."
)
TOLL = "At least 15 Armenian soldiers were killed in the fighting, the ministry said."
SECOND_CLASH = "Azerbaijani forces shelled the town of Goris on Tuesday, Armenia said."


def _drafted(tmp_path: Path, *paragraphs: str) -> list[dict[str, object]]:
    article = tmp_path / "article.txt"
    article.write_text("Border clashes\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return list(extract_file(article, OPTIONS).document["developments"])


def test_one_clash_and_one_toll_are_linked(tmp_path: Path) -> None:
    drafted = _drafted(tmp_path, CLASH, TOLL)
    clash = next(d for d in drafted if d["kind"] == "armed_clash")
    toll = next(d for d in drafted if d["kind"] == "casualty_report")
    assert toll["counts"] == [clash["key"]]


def test_with_two_fights_the_link_is_left_to_the_editor(tmp_path: Path) -> None:
    drafted = _drafted(tmp_path, CLASH, SECOND_CLASH, TOLL)
    assert sum(d["kind"] in ("armed_clash", "shelling") for d in drafted) == 2
    assert all("counts" not in d for d in drafted)
