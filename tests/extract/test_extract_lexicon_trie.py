"""The prefix-tree alternation finds exactly what the flat, longest-first one finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract import lexicon
from timeline.extract.mentions import matcher

# A small alphabet with a hyphen, a space, a dot and case, so words share prefixes, nest
# inside each other and meet the word-boundary lookarounds often.
_CHARS = st.sampled_from(list("abAB -."))
_WORDS = st.lists(st.text(_CHARS, min_size=1, max_size=6), min_size=1, max_size=25)
_BOUNDED = (r"(?<![\w-])(?:{})(?![\w-])", r"(?<!\w)(?:{})(?!\w)", r"(?:{})")


@settings(max_examples=400, deadline=None)
@given(_WORDS, st.text(_CHARS, max_size=60), st.sampled_from(_BOUNDED))
def test_trie_matches_the_flat_alternation(words: list[str], text: str, bounded: str) -> None:
    flat = re.compile(bounded.format(lexicon.alternation(words)))
    tree = re.compile(bounded.format(lexicon.trie(words)))
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_prefers_the_longest_word_that_ends_at_a_boundary() -> None:
    pattern = re.compile(rf"(?<![\w-])(?:{lexicon.trie(['Armenia', 'Armenian', 'Arm'])})(?!\w)")
    assert [m.group() for m in pattern.finditer("Armenian troops, Armenia, Armed")] == [
        "Armenian",
        "Armenia",
    ]


def test_trie_escapes_regex_characters() -> None:
    pattern = re.compile(lexicon.trie(["a.b", "a+b", "(c)"]))
    assert [m.group() for m in pattern.finditer("axb a.b a+b (c) c")] == ["a.b", "a+b", "(c)"]


def test_outlet_is_an_actor_without_rebuilding_the_tables() -> None:
    plain = matcher(None, None)
    with_outlet = matcher(None, "Kabul Evening Ledger")
    assert with_outlet._actor_aliases is plain._actor_aliases  # the big table is shared
    found = [m for m in with_outlet.find("The Kabul Evening Ledger said so.") if m.type == "actor"]
    assert [(m.text, m.value) for m in found] == [("Kabul Evening Ledger", "Kabul Evening Ledger")]
    assert "Kabul Evening Ledger" in with_outlet.actor_entries
    assert "Kabul Evening Ledger" not in plain.actor_entries
    assert not [m for m in plain.find("The Kabul Evening Ledger said so.") if m.type == "actor"]
