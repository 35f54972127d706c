"""Raw article text to headline and paragraphs.

The input is what editors paste: a headline line, then a body with one
paragraph per line, or hard-wrapped wire copy where a new paragraph starts
after a blank line or on an indented line. Page furniture lines are dropped.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import cache

from newsdigest.model import ParsedText
from newsdigest.parse.dateline import find_dateline
from newsdigest.vocabulary import load_json

# Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen, NUL.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"))
# Line ends besides \n that Unicode (and str.splitlines) knows: vertical tab, form feed,
# file/group/record separators, NEL, line and paragraph separators.
_LINE_ENDS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# What no text file means and XML cannot hold: other C0 and C1 controls, noncharacters
# U+FFFE/U+FFFF, lone surrogates (left by undecodable bytes).
_NOT_TEXT = re.compile(r"[\x01-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_WRAPPED_LINE_MAX = 100
_INDENT = re.compile(r"^(?:\t| {2,})\S")
# A first line this long is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 300


class ParseError(ValueError):
    """The text cannot be read as an article (the message says why)."""


@dataclass(frozen=True)
class Leftovers:
    """Compiled patterns for page furniture and credit lines."""

    furniture: re.Pattern[str]
    credit: re.Pattern[str]
    either: re.Pattern[str]  # one or the other, tried in one call

    def is_leftover(self, line: str) -> bool:
        """Whether the line is furniture or a credit line, whole."""
        return self.either.fullmatch(line) is not None


@cache
def leftovers() -> Leftovers:
    """Patterns from ``parse/data/leftovers.json``, compiled once."""
    data = load_json(__package__, "leftovers.json", {"furniture": list, "credit": list})

    def union(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return Leftovers(
        union(data["furniture"]),
        union(data["credit"]),
        union([*data["furniture"], *data["credit"]]),
    )


def normalize(text: str) -> str:
    """Unify line ends, drop invisible characters and controls, compose Unicode (NFC)."""
    text = _NOT_TEXT.sub("", _LINE_ENDS.sub("\n", text).translate(_INVISIBLE))
    return unicodedata.normalize("NFC", text)


def parse_text(text: str) -> ParsedText:
    """Split ``text`` into headline, paragraphs and dateline.

    Raises ParseError when there is no headline or no body.
    """
    patterns = leftovers()
    lines = normalize(text).split("\n")
    removed: list[str] = []
    headline = ""
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 - index is used after the loop
        stripped = _clean_line(line)
        if not stripped:
            continue
        if patterns.is_leftover(stripped):
            removed.append(stripped)
            continue
        headline = line.strip()  # inner spacing as written: the headline is quoted exactly
        break
    if not headline:
        raise ParseError("no text: the file is empty or holds only page leftovers")
    if len(headline) > MAX_HEADLINE_CHARS:
        raise ParseError(
            f"no headline: the first line is {len(headline)} characters long, a paragraph"
        )
    body_lines = []
    for line in lines[index + 1 :]:
        if patterns.is_leftover(_clean_line(line)):
            removed.append(_clean_line(line))
            continue
        body_lines.append(line.rstrip())
    paragraphs = tuple(_paragraphs(body_lines))
    if not paragraphs:
        raise ParseError("no body: the file has a headline but no article text")
    dateline = find_dateline(paragraphs[0])
    return ParsedText(headline, paragraphs, dateline, tuple(removed))


def _clean_line(line: str) -> str:
    return " ".join(line.split())


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            paragraphs.extend(_block_paragraphs(block))
            block = []
    return paragraphs


def _block_paragraphs(block: list[str]) -> list[str]:
    """One paragraph per line, unless the block is hard-wrapped (then indented lines start one)."""
    if not _is_hard_wrapped(block):
        return [_clean_line(line) for line in block]
    paragraphs: list[list[str]] = []
    for line in block:
        if not paragraphs or _INDENT.match(line):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [_clean_line(" ".join(words)) for words in paragraphs]


def _is_hard_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    lengths = [len(line.strip()) for line in block[:-1]]
    if max(lengths) > _WRAPPED_LINE_MAX:
        return False
    # Wrapped copy fills its lines to a similar width; a list of short paragraphs does not.
    return (statistics.median(lengths) >= 45 and len(block) >= 3) or all(
        not line.rstrip().endswith((".", '"', "”", ":", "?", "!")) for line in block[:-1]
    )
