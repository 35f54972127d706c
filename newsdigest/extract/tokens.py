"""Words with their offsets, the unit every name lookup works on."""

from __future__ import annotations

import re
from typing import NamedTuple

# Dotted abbreviations (U.S., U.K.) stay one word; apostrophes and hyphens split words,
# so "Japan's" gives "Japan" and "Guinea-Bissau" matches the name "Guinea Bissau".
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+")


class Token(NamedTuple):  # a tuple: made hundreds of thousands of times per run
    text: str
    start: int
    end: int


def tokenize(text: str, words: list[str] | None = None) -> list[Token]:
    """The words of ``text`` with their offsets; ``words``, if given, are its word_texts
    (read already: not read again)."""
    # findall and str.find cost less than a match object per word. The words come in
    # order and nothing between them can start one (it has no letter or digit), so each
    # word's first place after the one before is where the pattern found it.
    tokens, end, find = [], 0, text.find
    for word in _TOKEN.findall(text) if words is None else words:
        start = find(word, end)
        end = start + len(word)
        tokens.append(_new_tuple(Token, (word, start, end)))
    return tokens


# Token(word, start, end) without the Python-level __new__ a NamedTuple adds: the tuple
# type's own, which makes the same Token.
_new_tuple = tuple.__new__


def word_texts(text: str) -> list[str]:
    """The words of ``tokenize(text)`` without their offsets (a fraction of the cost)."""
    return _TOKEN.findall(text)


def key(text: str) -> tuple[str, ...]:
    """The lookup key of a name: its words, as written."""
    return tuple(m.group(0) for m in _TOKEN.finditer(text))


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()
