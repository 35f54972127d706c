"""The countries an article is about, most salient first, with the words that say so.

Every name the gazetteer knows is found in the headline, dateline, lead and
body; names that are often something else (Jordan the person, Georgia the US
state, turkey the bird, "bahasa Inggris" the language) are weighed against the
rest of the text; each country scores by where and how it is named, and the
countries close enough to the top score are kept.

A place name is only a place where the words around it say so: a common word
(Kita "we", Surat "letter", the text's own lower-case use or word frequencies
say which) must be written as a name somewhere, capitalised mid-sentence and
not opening a longer name; a city before a club or company word (Newcastle
United, Cleveland Clinic) or inside a person's name (Agus Hebi Djuniantoro,
Chairman Kenneth Douglas told) is not the city; two demonyms together (American
Indian, Chinese American) say where someone's family is from and count only
beside other evidence; a demonym before "Ocean" names a sea.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from newsdigest.extract.entities import title_words
from newsdigest.extract.gazetteer import Entry, Gazetteer, load_gazetteer
from newsdigest.extract.tokens import Token, is_capitalized, tokenize, word_texts
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
_PLACE_KINDS = frozenset({"city", "capital", "state"})
_CUE_WINDOW = 6  # words either side of a name where a title or speech verb says it is a person
_SENTENCE_END = re.compile(r"[.!?][\s\"”]")
# A lead opening with a name and a dash, as a detik story does: "Tangerang - Petugas ..."
_PLACE_OPENER = re.compile(r"(?P<place>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}) ?(?:--?|–|—) ")
# What comes right before a sentence's first word: a capital there says nothing about a name.
_SENTENCE_OPENERS = frozenset(".!?:;\"“”'‘’([{—–-•*|")


@dataclass(frozen=True, slots=True)
class Mention:
    code: str
    kind: str
    zone: str
    words: str
    name: str  # the first word, for the ambiguity rules
    # Written as a name: capitalised mid-sentence, not opening a longer capitalised name.
    as_name: bool = True
    placed: bool = False  # after a locative or a place word: "di Semarang", "Kota Semarang"
    paired: bool = False  # one of two demonyms together: "American Indian", "Chinese American"
    person: bool = False  # inside a person's name: "Agus Hebi Djuniantoro"


def find_mentions(parsed: ParsedText, lang: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every country name in the text, zone by zone."""
    mentions: list[Mention] = []
    if parsed.dateline is not None:
        mention = _dateline_mention(parsed.dateline.place, parsed.dateline.region, gazetteer)
        if mention is not None:
            mentions.append(mention)
    elif parsed.paragraphs and (opener := _PLACE_OPENER.match(parsed.paragraphs[0])):
        # "Tangerang - Petugas ...": too weak for a dateline in general, one if it is a place
        mention = _dateline_mention(opener["place"], None, gazetteer, exact=True)
        if mention is not None:
            mentions.append(mention)
    zones = [("headline", parsed.headline)]
    for index, paragraph in enumerate(parsed.paragraphs):
        if index == 0:
            paragraph = parsed.lead
        zones.append(("lead" if index < _LEAD_PARAGRAPHS else "body", paragraph))
    for zone, text in zones:
        mentions.extend(_scan(text, zone, lang, gazetteer))
    return mentions


def _dateline_mention(
    place: str, region: str | None, gazetteer: Gazetteer, exact: bool = False
) -> Mention | None:
    """The country of a dateline: its region if it names one ("Ga.", "India"), else its place.

    ``exact``: the whole place, not its first words ("Presiden Prabowo" is not "Presiden").
    """
    candidates = []
    for text in (region, place):
        if text:
            words = tuple(t.text for t in tokenize(text))
            sizes = [len(words)] if exact else range(len(words), 0, -1)
            candidates += [words[:size] for size in sizes]
    for words in candidates:
        entry = gazetteer.dateline_places.get(words) or gazetteer.dateline_places.get(
            tuple(w.title() for w in words)
        )
        if entry is not None:
            return Mention(entry.code, "dateline", "dateline", " ".join(words), words[0])
    return None


def _scan(text: str, zone: str, lang: str, gazetteer: Gazetteer) -> list[Mention]:
    table = gazetteer.lookup(lang)
    lengths = gazetteer.name_lengths(lang)
    # the words alone first: most paragraphs name no place, and need no offsets
    words = word_texts(text)
    if lengths.keys().isdisjoint(words):
        return []  # no word opens a name
    tokens: list[Token] = []
    found: list[Mention] = []
    after_name = 0  # the words of a name found are not looked up again
    for i in [i for i, word in enumerate(words) if word in lengths]:
        if i < after_name:
            continue
        for size in lengths[words[i]]:
            if i + size > len(words):
                continue
            entry = table.get(tuple(words[i : i + size]))
            if entry is None:
                continue
            tokens = tokens or tokenize(text, words)
            if not _adjacent(text, tokens[i : i + size]):
                continue
            mention = _mention(text, tokens, i, i + size, entry, zone, lang, gazetteer)
            if mention is not None:
                found.append(mention)
            after_name = i + size
            break
    return found


def _mention(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    entry: Entry,
    zone: str,
    lang: str,
    gazetteer: Gazetteer,
) -> Mention | None:
    """The name at ``tokens[i:j]`` as a mention, with what its neighbours say; None if no place."""
    table = gazetteer.lookup(lang)
    before, after = _joined(text, tokens, i, i - 1), _joined(text, tokens, j - 1, j)
    if _is_other_thing(
        text, tokens, i, tokens[j - 1].end, gazetteer.not_after.get(lang, frozenset())
    ):
        return None
    if _in_other_name(entry, after, gazetteer):
        return None
    name = " ".join(t.text for t in tokens[i:j])
    placed = before is not None and before.text in gazetteer.locatives
    # after a title, the title's place even before a name: "Wali Kota Malang Wahyu Hidayat"
    titled = before is not None and before.text in title_words()
    return Mention(
        entry.code,
        entry.kind,
        zone,
        name,
        tokens[i].text,
        # a headline's capitals are its style, unless a lower-case "di" or "in" comes first
        as_name=(placed or (zone != "headline" and not _opens_sentence(text, tokens[i].start)))
        and not name.isupper()
        and (titled or not _opens_longer_name(after, table, gazetteer)),
        placed=placed,
        # "Chinese American", "American Indian"; not "Israeli-Palestinian" (both sides)
        paired=entry.kind == "demonym"
        and (
            (_is_demonym(before, table) and text[tokens[i - 1].end : tokens[i].start] == " ")
            or (_is_demonym(after, table) and text[tokens[j - 1].end : tokens[j].start] == " ")
        ),
        person=zone != "headline"
        and j - i == 1
        and _in_person_name(text, tokens, i, lang, gazetteer),
    )


def _joined(text: str, tokens: list[Token], i: int, j: int) -> Token | None:
    """Token ``j`` if it touches token ``i`` (next or previous) across one space or hyphen."""
    if not 0 <= j < len(tokens):
        return None
    a, b = (tokens[i], tokens[j]) if i < j else (tokens[j], tokens[i])
    return tokens[j] if text[a.end : b.start] in (" ", "-", "–") else None


def _opens_sentence(text: str, start: int) -> bool:
    """A word at a sentence's (or quote's, or list item's) start: capitalised whatever it is."""
    while start and text[start - 1].isspace():  # text[:start].rstrip(), without the copy
        start -= 1
    return not start or text[start - 1] in _SENTENCE_OPENERS


def _opens_longer_name(
    after: Token | None, table: dict[tuple[str, ...], Entry], gazetteer: Gazetteer
) -> bool:
    """Followed by a capitalised word that is no place: "Surat Berharga Negara", "Bursa Efek".

    Not a district ("Jakarta Pusat") nor a title starting the next name ("in California Mr").
    """
    return (
        after is not None
        and is_capitalized(after.text)
        and (after.text,) not in table
        and after.text not in gazetteer.not_names
        and after.text not in title_words()
    )


def _in_other_name(entry: Entry, after: Token | None, gazetteer: Gazetteer) -> bool:
    """A city naming a club or company ("Newcastle United"), a demonym a sea ("Indian Ocean")."""
    if after is None:
        return False
    if entry.kind in _PLACE_KINDS:
        return after.text in gazetteer.org_after
    return entry.kind == "demonym" and after.text in gazetteer.feature_after


def _is_demonym(token: Token | None, table: dict[tuple[str, ...], Entry]) -> bool:
    entry = table.get((token.text,)) if token is not None else None
    return entry is not None and entry.kind == "demonym"


def _in_person_name(
    text: str, tokens: list[Token], i: int, lang: str, gazetteer: Gazetteer
) -> bool:
    """A one-word city inside a person's name, said by a title or speech verb beside it.

    Between a given name and a surname ("Kepala Dinas Agus Hebi Djuniantoro",
    "kata Asep Guntur Rahayu"), or after a given name with a title or a speech verb
    ("Chairman Kenneth Douglas", "Michael Vaughan said"); not after a title ("Wali
    Kota Malang Wahyu Hidayat": the title's place) nor after an office's words
    ("Kejaksaan Tinggi Malang Ketut").
    """
    table = gazetteer.lookup(lang)
    word = tokens[i].text
    if not _title_case(word) or table[(word,)].kind not in _PLACE_KINDS:
        return False

    def name_like(token: Token | None) -> bool:
        return (
            token is not None
            and _title_case(token.text)
            and not gazetteer.is_function_word(token.text, lang)
            and (token.text,) not in table
            and token.text not in title_words()
            and token.text not in gazetteer.not_names
            and token.text not in gazetteer.org_after
        )

    given, after = _joined(text, tokens, i, i - 1), _joined(text, tokens, i, i + 1)
    if given is None or not name_like(given):
        return False
    surname = after is not None and is_capitalized(after.text)
    if surname and not name_like(after):
        return False  # "Kenneth Douglas Corp": a company
    first = i - 1
    while (token := _joined(text, tokens, first, first - 1)) and is_capitalized(token.text):
        first -= 1
    opener = tokens[i - 2] if first < i - 1 else None  # the given name opens the name
    if opener is not None and opener.text not in title_words() and not opener.text.isupper():
        return False
    titled = any(token.text in title_words() for token in tokens[first : i - 1])
    last = i
    while (token := _joined(text, tokens, last, last + 1)) and is_capitalized(token.text):
        last += 1
    said = (first > 0 and tokens[first - 1].text in gazetteer.speech) or (
        last + 1 < len(tokens)
        and tokens[last + 1].text in gazetteer.speech
        and text[tokens[last].end : tokens[last + 1].start] in (" ", ", ")
    )
    if surname:  # a title or speech verb in the same sentence, a few words away
        return titled or said or _cue_near(text, tokens, first, last, gazetteer)
    # the last word: "Chairman Kenneth Douglas", "Michael Vaughan said" (not "But Houston said")
    return titled or (said and first == i - 1 and not _opens_sentence(text, given.start))


def _cue_near(text: str, tokens: list[Token], first: int, last: int, gazetteer: Gazetteer) -> bool:
    """A speech verb or a title within a few words of ``tokens[first:last + 1]``, same sentence.

    "Agus Hebi Djuniantoro, Kepala Dinas Pendidikan, mengatakan ..."
    """
    nearby = [
        token
        for token in (
            *tokens[max(0, first - _CUE_WINDOW) : first],
            *tokens[last + 1 :][:_CUE_WINDOW],
        )
        if not _SENTENCE_END.search(
            text[min(token.end, tokens[first].start) : max(token.start, tokens[last].end)]
        )
    ]
    return any(
        t.text in gazetteer.speech
        or (t.text in title_words() and not _opens_sentence(text, t.start))  # not "Dalam ..."
        for t in nearby
    )


def _title_case(word: str) -> bool:
    """Written like a name: "Douglas", not "DOUGLAS", "U.S." or "McDonald"."""
    return word[:1].isupper() and word[1:].islower()


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
    mentions = _names_used_as_places(mentions, parsed, lang, gazetteer)
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


def _names_used_as_places(
    mentions: list[Mention], parsed: ParsedText, lang: str, gazetteer: Gazetteer
) -> list[Mention]:
    """The mentions the text's own use of the words says are places.

    A word someone is named with ("Kenneth Douglas") is no place in the text
    unless written after a locative ("in Douglas"); a common word needs one
    mention written as a name (or, for a country's own name, other evidence of
    the country); two demonyms together count only where their country is named
    otherwise too. A dateline is always a place.
    """
    table = gazetteer.lookup(lang)
    common = gazetteer.common_words(lang)
    text = "\n".join((parsed.headline, *parsed.paragraphs))
    lowercase: dict[str, bool] = {}  # word -> written in lower case somewhere in the text

    def is_common(mention: Mention) -> bool:
        word = mention.words.lower()
        if " " in word or (mention.words.title(),) not in table:
            return False
        if word in common:
            return True
        if word not in lowercase:  # a substring test first: most names are never lower case
            lowercase[word] = word in text and bool(
                re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
            )
        return lowercase[word]

    people = {mention.words for mention in mentions if mention.person}
    named = {mention.words.title() for mention in mentions if mention.as_name}
    kept = [
        mention
        for mention in mentions
        if mention.zone == "dateline" or not (mention.words in people and not mention.placed)
    ]
    # A country's own name written as a word ("taiwan dlrs", "a turkey") is still the
    # country where the text has other evidence for it; a city needs its own name.
    plain = {mention.code for mention in kept if not is_common(mention)}
    kept = [
        mention
        for mention in kept
        if mention.zone == "dateline"
        or not is_common(mention)
        or mention.words.title() in named
        or (mention.kind not in _PLACE_KINDS and mention.code in plain)
    ]
    unpaired = {mention.code for mention in kept if not mention.paired}
    return [mention for mention in kept if not mention.paired or mention.code in unpaired]


def _person_names(parsed: ParsedText, lang: str, gazetteer: Gazetteer) -> set[str]:
    """The ambiguous names used as part of a person's name anywhere in the text."""
    table = gazetteer.lookup(lang)
    people: set[str] = set()
    anywhere = _any_of(gazetteer.person_names)
    for text in (parsed.headline, *parsed.paragraphs):
        if not anywhere.search(text):  # none of the names, even inside a word
            continue
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            if token.text in gazetteer.person_names and _person_context(text, tokens, i, table):
                people.add(token.text)
    return people


@cache
def _any_of(names: frozenset[str]) -> re.Pattern[str]:
    """A pattern found wherever one of ``names`` stands, inside a word or not (as ``in``)."""
    return re.compile("|".join(re.escape(name) for name in sorted(names)))
