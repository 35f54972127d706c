"""The countries an article is about, most salient first, with the words that say so.

Every name the gazetteer knows is found in the headline, dateline, lead and
body; names that are often something else (Jordan the person, Georgia the US
state, turkey the bird, "bahasa Inggris" the language) are weighed against the
rest of the text; each country scores by where and how it is named, and the
countries close enough to the top score are kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from newsdigest.extract.entities import title_words
from newsdigest.extract.gazetteer import Entry, Gazetteer, load_gazetteer
from newsdigest.extract.tokens import Token, is_capitalized, tokenize
from newsdigest.model import Evidence, ParsedText

ZONE_WEIGHTS = {"headline": 3.0, "dateline": 3.0, "lead": 2.0, "body": 1.0}
KIND_WEIGHTS = {
    "name": 1.0,
    "alias": 1.0,
    "demonym": 0.8,
    "capital": 0.7,
    "state": 0.7,
    "city": 0.6,
    "dateline": 1.0,
}
MAX_COUNTRIES = 10
# A country is kept when its score reaches this share of the top score and this floor:
# one name in the body alone (1.0) is a passing mention, one in the lead (2.0) is not.
RELATIVE_THRESHOLD = 0.15
ABSOLUTE_THRESHOLD = 1.5
_LEAD_PARAGRAPHS = 1


@dataclass(frozen=True, slots=True)
class Mention:
    code: str
    kind: str
    zone: str
    words: str
    name: str  # the first word, for the ambiguity rules


def find_mentions(parsed: ParsedText, lang: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every country name in the text, zone by zone."""
    mentions: list[Mention] = []
    table = gazetteer.lookup(lang)
    not_after = gazetteer.not_after.get(lang, frozenset())
    if parsed.dateline is not None:
        mention = _dateline_mention(parsed.dateline.place, parsed.dateline.region, gazetteer)
        if mention is not None:
            mentions.append(mention)
    zones = [("headline", parsed.headline)]
    for index, paragraph in enumerate(parsed.paragraphs):
        if index == 0:
            paragraph = parsed.lead
        zones.append(("lead" if index < _LEAD_PARAGRAPHS else "body", paragraph))
    for zone, text in zones:
        mentions.extend(_scan(text, zone, table, gazetteer.name_lengths(lang), not_after))
    return mentions


def _dateline_mention(place: str, region: str | None, gazetteer: Gazetteer) -> Mention | None:
    """The country of a dateline: its region if it names one ("Ga.", "India"), else its place."""
    candidates = []
    for text in (region, place):
        if text:
            words = tuple(t.text for t in tokenize(text))
            candidates += [words[:size] for size in range(len(words), 0, -1)]
    for words in candidates:
        entry = gazetteer.dateline_places.get(words) or gazetteer.dateline_places.get(
            tuple(w.title() for w in words)
        )
        if entry is not None:
            return Mention(entry.code, "dateline", "dateline", " ".join(words), words[0])
    return None


def _scan(
    text: str,
    zone: str,
    table: dict[tuple[str, ...], Entry],
    lengths: dict[str, tuple[int, ...]],
    not_after: frozenset[str],
) -> list[Mention]:
    tokens = tokenize(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        sizes = lengths.get(tokens[i].text)
        if sizes is None:
            i += 1
            continue
        for size in sizes:
            if i + size > len(tokens):
                continue
            words = tuple(t.text for t in tokens[i : i + size])
            entry = table.get(words)
            if entry is None or not _adjacent(text, tokens[i : i + size]):
                continue
            end = tokens[i + size - 1].end
            if not _is_other_thing(text, tokens, i, end, not_after):
                found.append(Mention(entry.code, entry.kind, zone, " ".join(words), words[0]))
            i += size - 1
            break
        i += 1
    return found


def _adjacent(text: str, tokens: list[Token]) -> bool:
    """The words of a name are separated by spaces, hyphens or dots only, not by a clause."""
    return all(
        text[a.end : b.start].strip(" -.'’") == "" and "\n" not in text[a.end : b.start]
        for a, b in pairwise(tokens)
    )


def _is_other_thing(
    text: str, tokens: list[Token], i: int, end: int, not_after: frozenset[str]
) -> bool:
    """A currency (US$) or a language or dish (bahasa Inggris, masakan Jepang), not the country."""
    return text[end : end + 1] == "$" or (i > 0 and tokens[i - 1].text.lower() in not_after)


def _person_context(
    text: str, tokens: list[Token], i: int, table: dict[tuple[str, ...], Entry]
) -> bool:
    """A name beside the word: "Michael Jordan", "Chad Smith"; not "Menteri Israel Benjamin..."."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if before is not None and before.text in title_words():
        return False  # a title, the country, then a name: "Perdana Menteri Israel Benjamin"
    if (
        before is not None
        and is_capitalized(before.text)
        and text[before.end : tokens[i].start] == " "
    ):
        starts_sentence = before.start == 0 or text[: before.start].rstrip()[-1:] in '.!?"“:'
        if not starts_sentence and (before.text,) not in table:
            return True
    end = tokens[i].end
    return bool(
        after is not None
        and is_capitalized(after.text)
        and text[end : after.start] == " "
        and (after.text,) not in table
        and not after.text.isupper()
    )


def extract_countries(
    parsed: ParsedText, lang: str, gazetteer: Gazetteer | None = None
) -> tuple[tuple[str, ...], tuple[Evidence, ...]]:
    """Country codes, most salient first, and the evidence for each."""
    gazetteer = gazetteer or load_gazetteer()
    mentions = find_mentions(parsed, lang, gazetteer)
    mentions = _resolve_ambiguous(mentions, parsed, lang, gazetteer)
    scores: dict[str, float] = defaultdict(float)
    matches: dict[str, list[str]] = defaultdict(list)
    for mention in mentions:
        scores[mention.code] += ZONE_WEIGHTS[mention.zone] * KIND_WEIGHTS[mention.kind]
        matches[mention.code].append(f"{mention.zone}: {mention.words}")
    if not scores:
        return (), ()
    ranked = sorted(scores, key=lambda code: (-scores[code], code))
    top = scores[ranked[0]]
    kept = [
        code
        for code in ranked
        if code == ranked[0]
        or (scores[code] >= ABSOLUTE_THRESHOLD and scores[code] >= RELATIVE_THRESHOLD * top)
    ][:MAX_COUNTRIES]
    evidence = tuple(Evidence(code, tuple(matches[code]), round(scores[code], 2)) for code in kept)
    return tuple(kept), evidence


def _resolve_ambiguous(
    mentions: list[Mention], parsed: ParsedText, lang: str, gazetteer: Gazetteer
) -> list[Mention]:
    """Drop or move the names that are often not the country, judging by the rest of the text."""
    people = _person_names(parsed, lang, gazetteer)
    supported: dict[str, int] = defaultdict(int)
    for mention in mentions:
        if mention.name not in gazetteer.needs_support:
            supported[mention.code] += 1
    resolved = []
    for mention in mentions:
        name = mention.words
        if name in gazetteer.person_names and name in people:
            continue
        if name in gazetteer.other_country and supported[gazetteer.other_country[name]]:
            resolved.append(
                Mention(gazetteer.other_country[name], "state", mention.zone, name, mention.name)
            )
            continue
        weak_zone = mention.zone not in ("headline", "dateline")
        if name in gazetteer.needs_support and not supported[mention.code] and weak_zone:
            continue
        resolved.append(mention)
    return resolved


def _person_names(parsed: ParsedText, lang: str, gazetteer: Gazetteer) -> set[str]:
    """The ambiguous names used as part of a person's name anywhere in the text."""
    table = gazetteer.lookup(lang)
    people: set[str] = set()
    for text in (parsed.headline, *parsed.paragraphs):
        if not any(name in text for name in gazetteer.person_names):
            continue
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            if token.text in gazetteer.person_names and _person_context(text, tokens, i, table):
                people.add(token.text)
    return people
