"""Reading articles: plain text, HTML through trafilatura, and clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import ExtractionError
from timeline.extract import Options, extract_file, read_article
from timeline.extract.layout import analyse

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed-article.txt"
HTML = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "articles"
    / "2022-10-10-ukraine-missile-strikes.html"
)


def test_plain_text_is_used_as_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHeadline here\n\nArmenia said something.\n".encode())
    source = read_article(path)
    assert source.format == "text"
    assert source.text == "Headline here\n\nArmenia said something.\n"


def test_html_goes_through_trafilatura_to_its_main_text() -> None:
    source = read_article(HTML)
    assert source.format == "html"
    assert source.sitename == "Timeline Desk"
    assert source.title is not None and source.title.startswith("Russian missiles hit Kyiv")
    assert "Russia fired dozens of missiles" in source.text
    for chrome in ("Accept all cookies", "Related articles", "Leave a comment", "Subscribe"):
        assert chrome not in source.text


def test_html_is_detected_by_content_too(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "<!DOCTYPE html><html><body><article><h1>Title of it</h1><p>Fighting broke out overnight"
        " along the border, officials said on Tuesday.</p><p>Two soldiers were killed.</p>"
        "</article></body></html>",
        "utf-8",
    )
    source = read_article(path)
    assert source.format == "html"
    assert "Fighting broke out overnight" in source.text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "found binary data"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(0, 32)) * 4, "found binary data"),
        ("Caf\u00e9 clash".encode("latin-1"), "UTF-8 text (invalid byte 0xe9 at offset 3"),
    ],
)
def test_bad_bytes_get_a_clear_error_naming_the_file(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as caught:
        read_article(path)
    assert str(caught.value).startswith(f"{path}: expected ")
    assert expected in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="expected an existing article file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ExtractionError, match="not a directory"):
        read_article(tmp_path)


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    with pytest.raises(ExtractionError, match="at least one development"):
        extract_file(path, Options(published="2022-09-13"))
    path.write_text("<html><head><title>x</title></head><body></body></html>", "utf-8")
    with pytest.raises(ExtractionError, match="found no main text"):
        read_article(path)


def test_seed_layout_drops_the_comment_form_and_keeps_offsets() -> None:
    text = SEED.read_text("utf-8")
    layout = analyse(text)
    assert layout.headline_text() == "Azerbaijan, Armenia border clashes kill 99"
    removed = [text[r.start : r.end] for r in layout.removed]
    assert removed == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert all(s.text == text[s.start : s.end] for s in layout.sentences)
    assert len(layout.sentences) == 26
