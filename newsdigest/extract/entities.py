"""People and organisations named in an article, without titles, de-duplicated.

A person is a run of capitalised words that a title precedes (``Menteri Luar
Negeri AS Antony Blinken``) or a speech verb follows or precedes (``..., kata
Tito Karnavian``); the title words are dropped. An organisation is a run with an
organisation word (``Bank``, ``Kementerian``, ``Party``) or an acronym given
with its expansion (``Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)``),
or an acronym used more than once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsdigest.extract.gazetteer import Gazetteer, load_gazetteer
from newsdigest.model import ParsedText

_CONNECTORS = r"of|the|and|for|on|dan|untuk|de|da|dos|van|von|der|bin|binti|al|el|&"
_CAP = r"[A-Z][\w'’.-]*"
_RUN = re.compile(rf"{_CAP}(?:[ ](?:{_CAP}|(?:{_CONNECTORS})(?=[ ][A-Z])))*")
_EXPANSION = re.compile(
    rf"(?P<long>{_CAP}(?:,?[ ](?:{_CAP}|{_CONNECTORS})){{1,10}})"
    r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTOR = re.compile(r" (?:[a-z&]+) ")
_MAX_NAME_WORDS = 3
_MAX_PEOPLE = 12
_MAX_ORGANIZATIONS = 12


@dataclass(frozen=True)
class _Words:
    titles: frozenset[str]
    title_words: frozenset[str]
    speech_after: frozenset[str]
    speech_before: frozenset[str]
    org_words: frozenset[str]
    org_prefixes: tuple[str, ...]
    not_names: frozenset[str]

    def is_org_word(self, token: str) -> bool:
        return token in self.org_words or token.startswith(self.org_prefixes)


@cache
def _words() -> _Words:
    data = json.loads(resources.files(__package__).joinpath("data/entities.json").read_text())
    return _Words(
        frozenset(data["titles"]),
        frozenset(data["title_words"]) | frozenset(data["titles"]),
        frozenset(data["speech_after"]),
        frozenset(data["speech_before"]),
        frozenset(data["org_words"]),
        tuple(data["org_prefixes"]),
        frozenset(data["not_names"]),
    )


def title_words() -> frozenset[str]:
    """Words that stand in titles ("Menteri", "Luar", "Negeri", "President")."""
    return _words().title_words


def _bare(word: str) -> str:
    """A word without a possessive or a closing full stop: "Japan's" -> "Japan".

    An abbreviation keeps its stops: "U.S." stays "U.S.".
    """
    word = _POSSESSIVE.sub("", word)
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word


def extract_entities(
    parsed: ParsedText, lang: str, gazetteer: Gazetteer | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people, organisations), most mentioned first."""
    gazetteer = gazetteer or load_gazetteer()
    places = gazetteer.lookup(lang)
    words = _words()
    # Headlines are often in title case, so runs of capitals there say little.
    texts = parsed.paragraphs
    people: Counter[str] = Counter()
    organizations: Counter[str] = Counter()
    expansions: dict[str, str] = {}
    order: dict[str, int] = {}

    for text in texts:
        for match in _EXPANSION.finditer(text):
            long_name = _trim_expansion(match["long"], match["acronym"], words)
            if long_name:
                expansions[match["acronym"]] = long_name
        for match in _RUN.finditer(text):
            tokens = [_bare(t) for t in match.group(0).split(" ")]
            if any(words.is_org_word(t) for t in tokens):
                name = _organisation(tokens, words)
                if name:
                    organizations[name] += 1
                    order.setdefault(name, len(order))
                continue
            for start, end in _split_at_connectors(match):
                name = _person(text, start, end, text[start:end].split(" "), words, places)
                if name:
                    people[name] += 1
                    order.setdefault(name, len(order))

    acronyms = Counter(a for text in texts for a in _ACRONYM.findall(text))
    for acronym, count in acronyms.items():
        if acronym in expansions:
            # The expansion and the runs naming the same body give way to one name. A run
            # may be longer by words the acronym has letters for: "National Institute for
            # Space Research (INPE)", trimmed to "Institute ..." as the acronym is another
            # language's; not "Dewan Keamanan Perserikatan Bangsa-Bangsa" for PBB.
            short = expansions[acronym]
            named = [o for o in organizations if _names_same(o, short, acronym)]
            full = f"{max(named, key=len, default=short)} ({acronym})"
            for org in named:
                del organizations[org]
            organizations[full] += count
            order.setdefault(full, len(order))
        elif count >= 2 and _is_org_acronym(acronym, words, places):
            organizations[acronym] += count
            order.setdefault(acronym, len(order))

    for name in list(organizations):
        if any(other != name and other.startswith(name) for other in organizations):
            del organizations[name]  # "Badan Meteorologi" inside "Badan Meteorologi, ..."
    people = _merge_surnames(people, texts)
    ranked_people = sorted(people, key=lambda n: (-people[n], order[n]))[:_MAX_PEOPLE]
    ranked_orgs = sorted(organizations, key=lambda n: (-organizations[n], order[n]))
    return tuple(ranked_people), tuple(ranked_orgs[:_MAX_ORGANIZATIONS])


def _names_same(name: str, expansion: str, acronym: str) -> bool:
    """``name`` is ``expansion``, or it with leading words whose initials the acronym has."""
    if name == expansion:
        return True
    if not name.endswith(f" {expansion}"):
        return False
    extra = name[: -len(expansion)].split()
    return all(word[0].upper() in acronym.upper() for word in extra)


def _trim_expansion(long_name: str, acronym: str, words: _Words) -> str | None:
    """Drop leading words until the expansion starts with the acronym's first letter."""
    tokens = long_name.split(" ")
    while tokens and (
        tokens[0][0] != acronym[0]
        or (tokens[0].rstrip(",") in words.title_words and not words.is_org_word(tokens[0]))
    ):
        tokens = tokens[1:]
    capitals = [t for t in tokens if t[:1].isupper()]
    if len(capitals) < 2:
        return None
    return " ".join(tokens).rstrip(",")


def _organisation(tokens: list[str], words: _Words) -> str | None:
    while tokens and (
        tokens[0] in words.not_names
        or (tokens[0] in words.title_words and not words.is_org_word(tokens[0]))
    ):
        tokens = tokens[1:]
    while tokens and not tokens[-1][:1].isupper():
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return " ".join(tokens)


def _split_at_connectors(match: re.Match[str]) -> list[tuple[int, int]]:
    """Spans of a run between its lower-case connectors: one person each ("A dan B")."""
    spans, start = [], match.start()
    for piece in _CONNECTOR.finditer(match.group(0)):
        spans.append((start, match.start() + piece.start()))
        start = match.start() + piece.end()
    spans.append((start, match.end()))
    return spans


def _person(
    text: str,
    start: int,
    end: int,
    tokens: list[str],
    words: _Words,
    places: dict[tuple[str, ...], object],
) -> str | None:
    tokens = [_bare(t) for t in tokens]
    name: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if (
            token in words.title_words
            or token in words.not_names
            or (token,) in places
            or tuple(tokens[max(0, index - 1) : index + 1]) in places  # "Korea Selatan"
            or not token[:1].isupper()
            or token.isupper()
            or len(name) == _MAX_NAME_WORDS
        ):
            break
        name.insert(0, token)
    if len(name) < 2:
        return None
    before = text[:start].rstrip(" ,").rsplit(" ", 1)[-1].lower()
    after = text[end:].lstrip(" ,").split(" ", 1)[0].strip(".,;:").lower()
    if any(token in words.titles for token in tokens[: len(tokens) - len(name)]):
        return " ".join(name)
    if after in words.speech_after or before in words.speech_before:
        return " ".join(name)
    return None


def _is_org_acronym(acronym: str, words: _Words, places: dict[tuple[str, ...], object]) -> bool:
    return (
        (acronym,) not in places
        and acronym not in words.not_names
        and acronym not in {"CEO", "AM", "PM", "TV", "OK", "KOMENTAR", "WIB", "WITA", "WIT"}
    )


def _merge_surnames(people: Counter[str], texts: tuple[str, ...]) -> Counter[str]:
    """Count later mentions by surname alone ("Blinken said") towards the full name."""
    merged = Counter(people)
    for name in people:
        surname = name.split(" ")[-1]
        bare = sum(len(re.findall(rf"\b{re.escape(surname)}\b", t)) for t in texts)
        merged[name] = max(merged[name], bare)
    return merged
