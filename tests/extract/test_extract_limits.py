"""Extraction's limits: bounded reading, linear time in sentence length, and clear
messages (never "this is a bug") for long sentences and many sentences."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.errors import ExtractionError
from timeline.extract import Options, extract, read_article
from timeline.extract.source import MAX_ARTICLE_BYTES
from timeline.extract.spans import Spans

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


def _naive_carve(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    free = [i for i in range(start, end) if not any(s <= i < e for s, e in taken)]
    parts: list[tuple[int, int]] = []
    for i in free:
        if parts and parts[-1][1] == i:
            parts[-1] = (parts[-1][0], i + 1)
        else:
            parts.append((i, i + 1))
    return [(s, e) for s, e in parts if e - s >= 2]


@given(spans, st.integers(0, 70), st.integers(1, 20))
def test_spans_agree_with_the_plain_definitions(
    taken: list[tuple[int, int]], start: int, length: int
) -> None:
    union = Spans()
    for s, e in taken:
        union.add(s, e)
    end = start + length
    assert union.free(start, end) == (not any(start < e and s < end for s, e in taken))
    assert union.carve(start, end) == _naive_carve(start, end, taken)


PHRASE = "Armenian troops shelled Azerbaijani positions near the border and "


def test_a_sentence_of_16000_phrases_is_refused_quickly_with_the_limit(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text(f"Armenia said on Tuesday that {PHRASE * 16_000}nobody was hurt.\n")
    started = time.perf_counter()
    with pytest.raises(ExtractionError) as refused:
        extract(read_article(article), Options(published="2022-09-13"))
    assert "bug" not in str(refused.value)
    assert "at most 4,000 characters" in str(refused.value)
    assert time.perf_counter() - started < 10  # was 23 s, quadratic


def test_mention_finding_is_linear_in_sentence_length() -> None:
    """The mention and place finders, on one sentence, beyond the extraction limit."""
    from timeline.extract.gazetteer import gazetteer
    from timeline.extract.mentions import matcher

    def seconds(repeats: int) -> float:
        text = f"Armenia said that {PHRASE * repeats}nobody was hurt."
        started = time.perf_counter()
        taken = [(m.start, m.end) for m in matcher(None, None).find(text, 0)]
        gazetteer(None).find(text, 0, frozenset({"ARM"}), taken)
        return time.perf_counter() - started

    seconds(50)  # load the lexicons and the gazetteer
    small, large = seconds(500), seconds(4000)
    assert large < 8 * small * 3 + 0.5, (small, large)


def test_a_sentence_just_under_the_limit_is_extracted(tmp_path: Path) -> None:
    article = tmp_path / "under.txt"
    article.write_text(f"Armenia said on Tuesday that {PHRASE * 55}nobody was hurt.\n")
    extraction = extract(read_article(article), Options(published="2022-09-13"))
    assert extraction.developments


def test_many_sentences_are_refused_with_the_limit(tmp_path: Path) -> None:
    article = tmp_path / "many.txt"
    article.write_text("Armenia said that 5 soldiers were killed. " * 20_001)
    started = time.perf_counter()
    with pytest.raises(ExtractionError) as refused:
        extract(read_article(article), Options(published="2022-09-13"))
    assert "bug" not in str(refused.value) and "sentences" in str(refused.value)
    assert time.perf_counter() - started < 10


def test_a_sparse_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    article = tmp_path / "sparse.txt"
    with article.open("wb") as out:
        out.truncate(50 * 1024**3)  # 50 GB of holes
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match=f"at most {MAX_ARTICLE_BYTES} bytes"):
        read_article(article)
    assert time.perf_counter() - started < 1


def test_devices_and_fifos_are_refused_without_reading(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="regular file"):
        read_article("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match="regular file"):
        read_article(fifo)  # would block for ever if it were opened for reading
    assert time.perf_counter() - started < 1


def test_extract_output_refuses_a_symbolic_link(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import cli

    target = tmp_path / "target.yaml"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "draft.yaml"
    link.symlink_to(target)
    article = Path(__file__).parents[2] / "fixtures" / "seed-article.txt"
    done = CliRunner().invoke(
        cli,
        [
            "extract",
            str(article),
            "--published",
            "2022-09-13T12:00Z",
            "-o",
            str(link),
            "--home",
            str(tmp_path / "home"),
        ],
    )
    assert done.exit_code != 0 and "symbolic link" in str(done.exception)
    assert target.read_text(encoding="utf-8") == "keep" and link.is_symlink()
