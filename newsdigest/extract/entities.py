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
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from newsdigest.extract.gazetteer import Gazetteer, load_gazetteer
from newsdigest.model import ParsedText
from newsdigest.tags import abbreviates, split_acronym, tag_key
from newsdigest.vocabulary import load_json

# A gazetteer's names (words -> what they name): only whether a name is one is read.
Places = Mapping[tuple[str, ...], object]

_CONNECTORS = r"of|the|and|for|on|dan|untuk|de|da|dos|van|von|der|bin|binti|al|el|&"
_CAP = r"[A-Z][\w'’.-]*"
_RUN = re.compile(rf"{_CAP}(?:[ ](?:{_CAP}|(?:{_CONNECTORS})(?=[ ][A-Z])))*")
_EXPANSION = re.compile(
    rf"(?P<long>{_CAP}(?:,?[ ](?:{_CAP}|{_CONNECTORS})){{1,10}})"
    r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_OWNER = re.compile(r"['’]s$")  # a singular's possessive: "Mobil Corp's Mobil Chemical Co"
_CONNECTOR = re.compile(r" (?:[a-z&]+) ")
_MAX_NAME_WORDS = 4
# A word ending a sentence: "Hartarto." (not an initial "S." or an abbreviation "U.S.").
_SENTENCE_END = re.compile(r"^[^.]{2,}\.$")
_ROMAN = re.compile(r"^[IVXLC]+$")
# Words that put what follows at a place, even a titled name ("in Prince George"); not
# "from" or "to", which precede people as often ("dari Presiden Prabowo").
_AT_A_PLACE = frozenset({"di", "in", "at", "near"})
# Lower-case words inside people's names: Lula da Silva, van der Berg, Mohammed bin Salman.
_NAME_PARTICLES = frozenset(
    {"da", "de", "dos", "do", "van", "von", "der", "bin", "binti", "al", "el"}
)
# Indonesian nouns made from verbs (kehadiran, pembangunan, perencanaan): common words,
# never a given name, and not the first word of a body's name unless they are its head.
_NOMINAL = re.compile(r"^(?:ke|per|pe[mn]?g?y?)[a-z]{3,}an$")
_NAME_CHARACTERS = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?$")
_MAX_PEOPLE = 12
# A body's short form in a headline has at most this many words ("Pemkot Sukamaju").
_HEADLINE_SHORT_FORM = 3
# A subheading: at most this many words, those of this many letters or more capitalised.
_MAX_HEADING_WORDS = 16
_HEADING_WORD = 4
# One-word names at least this long may be misspelt in one text ("Memet", "Mamet").
_MIN_MISSPELT = 5
# A one-word name this frequent as a word of the language is a common noun ("Polisi",
# "Warga"), wordfreq's Zipf scale: given names stay below it even in news (Prabowo 4.4).
_COMMON_WORD_ZIPF = 5.0
_FREQUENT_LIST = 5000  # the words of wordfreq's list read for them (past the threshold)
_MAX_ORGANIZATIONS = 12
_SHORT_TITLE = 3  # Dr, Pol, Gen: abbreviated titles, never given names
# Languages whose bodies' names open with their head word (Kementerian Keuangan).
_HEAD_FIRST = frozenset({"id"})
# Languages whose names do not end in the language's most frequent words.
_SURNAMES_NOT_COMMON = frozenset({"id"})
# Prefixes that make a word of the language from another ("ter" + "tinggal"): a capitalised
# word made so from a frequent word is a common word, not a name ("Daerah Tertinggal").
_PREFIXES = {"id": ("ter", "ber", "me", "mem", "men", "meng", "meny")}
_MIN_ROOT = 4  # shorter roots make names: Me-ga; "di", "ke", "per" make them too (Diputra, Permana)


@dataclass(frozen=True)
class _Words:
    titles: frozenset[str]
    title_words: frozenset[str]
    speech_after: frozenset[str]
    speech_before: frozenset[str]
    org_words: frozenset[str]
    org_prefixes: tuple[str, ...]
    not_names: frozenset[str]
    org_heads_first: frozenset[str]
    place_words: frozenset[str]
    compass_words: frozenset[str]
    org_acronyms: frozenset[str]
    not_tags: frozenset[str]
    event_words: frozenset[str]
    locatives: frozenset[str]
    place_titles: frozenset[str]
    # titles as written in lower case before a name: "analyst Michael Lewis"
    lower_titles: frozenset[str] = frozenset()
    thing_words: frozenset[str] = frozenset()
    government_words: frozenset[str] = frozenset()
    nickname_phrases: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()
    regional_bodies: frozenset[str] = frozenset()

    def is_org_word(self, token: str) -> bool:
        return token in self.org_words or token.startswith(self.org_prefixes)

    def has_org_word(self, tokens: list[str]) -> bool:
        """Whether one of ``tokens`` is an organisation word (is_org_word)."""
        return not self.org_words.isdisjoint(tokens) or (
            _opening_any(self.org_prefixes).search(" ".join(tokens)) is not None
        )


@cache
def _opening_any(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Found in words joined by spaces where one of them starts with one of ``prefixes``."""
    return re.compile(rf"(?<![^ ])(?:{'|'.join(map(re.escape, prefixes))})")


@cache
def _words() -> _Words:
    """The word lists of ``data/entities.json``, one field each, under the same names."""
    data = load_json(__package__, "entities.json", {"titles": list, "org_prefixes": list})
    lists: dict[str, Any] = {
        f.name: frozenset(data[f.name]) for f in fields(_Words) if f.name in data
    }
    lists["lower_titles"] = frozenset(t.lower() for t in data["titles"] if not t.isupper())
    lists["title_words"] |= lists["titles"]  # a title also stands inside longer titles
    lists["org_prefixes"] = tuple(sorted(data["org_prefixes"]))  # for str.startswith
    return _Words(**lists)


def title_words() -> frozenset[str]:
    """Words that stand in titles ("Menteri", "Luar", "Negeri", "President")."""
    return _words().title_words


@lru_cache(maxsize=1 << 16)  # every word of every run of capitals: the same ones again and again
def _bare(word: str) -> str:
    """A word without a possessive or a closing full stop: "Japan's" -> "Japan".

    An abbreviation keeps its stops: "U.S." stays "U.S.".
    """
    if word.endswith(("'", "’", "s", "\n")):  # what a possessive (or $ before \n) ends with
        word = _POSSESSIVE.sub("", word)
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word


def extract_entities(
    parsed: ParsedText, lang: str, gazetteer: Gazetteer | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(people, organisations), most mentioned first."""
    people, organizations = count_entities(parsed, lang, gazetteer)
    return tuple(people), tuple(organizations)


def count_entities(
    parsed: ParsedText, lang: str, gazetteer: Gazetteer | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """People and organisations with their mentions, most mentioned first."""
    gazetteer = gazetteer or load_gazetteer()
    places = gazetteer.lookup(lang)
    words = _words()
    # Headlines are often in title case, so runs of capitals there say little.
    texts = tuple(p for p in parsed.paragraphs if not _is_heading(p))
    # English surnames are often common words (Brown, White, Long); Indonesian ones not
    frequent = _frequent_words(lang) if lang in _SURNAMES_NOT_COMMON else frozenset()
    common = _lowercase_words(texts) | _derived_words(texts, _PREFIXES.get(lang, ()), frequent)
    people: Counter[str] = Counter()
    organizations: Counter[str] = Counter()
    expansions: dict[str, str] = {}
    programmes: set[str] = set()  # acronyms the text expands into something else
    regions: dict[str, str] = {}  # "Kejaksaan Negeri (Kejari) Jayawijaya": Kejari -> region
    order: dict[str, int] = {}
    runs: set[str] = set()  # every run of capitals as written, cut at sentence ends
    things: set[str] = set()  # names a thing word types: "program Sekolah Rakyat"

    def add(counter: Counter[str], name: str | None) -> None:
        if name:
            counter[name] += 1
            order.setdefault(name, len(order))

    for text in texts:
        for match in _EXPANSION.finditer(text) if "(" in text else ():  # "Long Name (ACR)"
            if match["acronym"] in words.not_tags:
                continue  # "PT Bank Rakyat Indonesia (Persero) Tbk": a legal form
            long_name = _trim_expansion(match["long"], match["acronym"], words)
            if long_name and any(words.is_org_word(_bare(t)) for t in long_name.split(" ")):
                expansions[match["acronym"]] = long_name
                region = _region_after(text, match, long_name, words, places)
                if region:
                    regions[match["acronym"]] = region
            else:
                programmes.add(match["acronym"])
        for match in _RUN.finditer(text):
            if _word_before(text, match.start(), " ") in words.thing_words:
                things.update(_joined_names(match.group(0)))
            for start, end in _sentence_pieces(match):
                tokens = [_bare(t) for t in text[start:end].split(" ")]
                runs.add(" ".join(tokens))
                if not words.event_words.isdisjoint(tokens):
                    continue  # an award, a cup, a summit: not who the story is about
                if words.has_org_word(tokens):
                    for part_start, part_end in _bodies(text, start, end, words):
                        part_start, part = _body_words(
                            text, part_start, part_end, words, places, common
                        )
                        if _person_of_a_body(text, part_end, part, words, places, common):
                            add(people, " ".join(part))  # Larry Eckenfelder of Prudential
                            continue
                        org, person = _org_and_person(
                            text, part_start, part_end, part, words, places, common
                        )
                        add(organizations, org)
                        add(people, person)
                    continue
                # a connector stands between two words: none in a run of one or two
                spans = (
                    _split_at_connectors(text, start, end) if len(tokens) >= 3 else [(start, end)]
                )
                for piece_start, piece_end in spans:
                    piece = (
                        tokens  # the run has no connector: one piece, its words as read
                        if (piece_start, piece_end) == (start, end)
                        else [_bare(t) for t in text[piece_start:piece_end].split(" ")]
                    )
                    person = _person(text, piece_start, piece_end, piece, words, places, common)
                    add(people, _unless_common_words(person, frequent))

    acronyms = Counter(a for text in texts for a in _ACRONYM.findall(text))
    # written in mixed case: Kemenkeu; in the text's order (a set's order would change
    # with the process's hash seed, and with it the order of tied names)
    for acronym in [a for a in expansions if a not in acronyms]:
        acronyms[acronym] = sum(_count_word(text, acronym, "-") for text in texts)
    for acronym, count in acronyms.items():
        if acronym in expansions:
            # The expansion and the runs naming the same body give way to one name. A run
            # may be longer by words the acronym has letters for: "National Institute for
            # Space Research (INPE)", trimmed to "Institute ..." as the acronym is another
            # language's; not "Dewan Keamanan Perserikatan Bangsa-Bangsa" for PBB.
            short = expansions[acronym]
            named = [o for o in organizations if _names_same(o, short, acronym)]
            full = f"{max(named, key=len, default=short)} ({acronym})"
            region = regions.get(acronym)
            if region:  # one office of many: the region is part of both names
                named.append(f"{acronym} {region}")
                full = f"{max(named[:-1], key=len, default=short)} {region} ({acronym} {region})"
            for org in (*named, acronym):
                organizations.pop(org, None)  # the acronym alone is counted in ``count``
            organizations[full] += count
            order.setdefault(full, len(order))
        elif acronym not in programmes and _is_org_acronym(acronym, texts, words, places):
            organizations[acronym] += count
            order.setdefault(acronym, len(order))

    for name in [
        n
        for n in organizations
        if _is_thing(n, things)
        or _is_place(split_acronym(n)[0].split(" "))  # "Jawa Tengah": a place, never a tag
        or _a_countrys_government(n, gazetteer, lang)
        or _headless(n, words, lang)
    ]:
        del organizations[name]
    for name in [n for n in people if any(n == t or n.endswith(f" {t}") for t in things)]:
        del people[name]  # "Lalu Kopdes Merah Putih": a sentence's first word, then the thing
    forms = _merge_bodies(organizations, places)
    # "DPRD", "Pemerintah Kota" with no region: a kind of body (once joined to the one
    # with its region the text names, if any)
    for name in [n for n in organizations if split_acronym(n)[0] in words.regional_bodies]:
        del organizations[name]
    for name in [
        n for n in people if _written_as_place(n, texts, words) or _is_place(n.split(" "))
    ]:
        del people[name]
    people = _without_other_names_before(people, runs, order)
    people = _without_a_body_or_place_before(people, organizations, texts, words, order)
    people = _merge_short_forms(_merge_surnames(people, texts))
    people = _merge_nicknames(people, texts, words)
    people = _speakers_not_bodies(_merge_misspellings(people), organizations, lang)
    for name in [n for n in people if " " not in n and not _inside_a_sentence(n, texts)]:
        del people[name]  # "Officials said": a capital at a sentence start, not a name
    # The headline names what the story is about: its people and bodies come first.
    headline = tag_key(parsed.headline).split()
    in_bodies = {w for org in organizations for w in tag_key(org).split()}
    ranked_people = sorted(
        people,
        key=lambda n: (
            not _in_headline(_person_forms(n, in_bodies), headline),
            -people[n],
            order[n],
        ),
    )[:_MAX_PEOPLE]
    headline_runs = _headline_runs(headline) if organizations else {}
    ranked_orgs = sorted(
        organizations,
        key=lambda n: (
            not _in_headline(forms[n], headline, headline_runs),
            -organizations[n],
            order[n],
        ),
    )
    return (
        {name: people[name] for name in ranked_people},
        {name: organizations[name] for name in ranked_orgs[:_MAX_ORGANIZATIONS]},
    )


def _merge_bodies(organizations: Counter[str], places: Places) -> dict[str, set[str]]:
    """Names of one body in one text counted as one, under the fullest; returns each
    name's forms. A name is that body when it opens it ("Badan Meteorologi" of "Badan
    Meteorologi, Klimatologi, dan Geofisika"), abbreviates it ("Pemkot Bandung" /
    "Pemerintah Kota Bandung", "BRI" / "PT Bank Rakyat Indonesia", as newsdigest.tags
    joins tags across the site), or is it without the country before it ("National Bank"
    / "Swiss National Bank"), when only one longer name fits."""
    forms = {name: {name, *filter(None, split_acronym(name))} for name in organizations}
    for name in sorted(organizations, key=len):
        short = split_acronym(name)[0]
        short_key = tag_key(short)
        longer = [
            other
            for other in organizations
            if other != name
            and len(other) > len(name)
            and _same_body(short, short_key, other, places)
        ]
        if len(longer) == 1:
            keep, drop = longer[0], name
            if (
                split_acronym(keep)[0].startswith(short)
                and organizations[name] > organizations[keep]
            ):
                # named more often alone, the body is the short name: the longer one runs
                # on into other words ("Bank DBS Indonesia Raih Mandat Pertama")
                keep, drop = name, keep
            organizations[keep] += organizations.pop(drop)
            forms[keep] |= forms.pop(drop)
    return forms


def _same_body(short: str, short_key: str, other: str, places: Places) -> bool:
    long_name = split_acronym(other)[0]
    if long_name.startswith(short):
        return True
    extra = long_name[: -len(short)].split() if long_name.endswith(f" {short}") else []
    if extra and tuple(_bare(w) for w in extra) in places:
        return True
    initials = short.replace(" ", "").isupper()
    return abbreviates(short_key, tag_key(long_name), initials)


def _person_forms(name: str, in_bodies: set[str]) -> set[str]:
    """A person's name and, for a longer one, its first and last word alone (not one that
    is also a word of a body the text names: "Dean" of "Dean Foods")."""
    words = name.split(" ")
    alone = {words[0], words[-1]} if len(words) > 1 else set()
    return {name} | {w for w in alone if tag_key(w) not in in_bodies}


def _headline_runs(headline: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(first word, words) of each run of up to _HEADLINE_SHORT_FORM words of the headline
    long enough to be a body's short form, by their first letter."""
    runs: dict[str, list[tuple[str, str]]] = {}
    for size in range(1, _HEADLINE_SHORT_FORM + 1):
        for i in range(len(headline) - size + 1):
            short = " ".join(headline[i : i + size])
            if len(short) >= 3:
                runs.setdefault(short[0], []).append((headline[i], short))
    return runs


def _in_headline(
    forms: set[str], headline: list[str], runs: dict[str, list[tuple[str, str]]] | None = None
) -> bool:
    """Whether one of ``forms`` stands in the headline (word for word, any case); for a
    body (given the headline's ``runs``: _headline_runs), also a short form of it
    ("Pemkot Sukamaju" for "Pemerintah Kota Sukamaju")."""
    for form in forms:
        key = tag_key(form).split()
        if runs is not None and len(key) >= 2:
            long_name = " ".join(key)
            for first, short in runs.get(key[0][0], ()):  # those opening with its letter
                # a short form, not a word of the name ("China" of "China News Agency")
                if first not in key and abbreviates(short, long_name):
                    return True
        if key and any(
            headline[i : i + len(key)] == key for i in range(len(headline) - len(key) + 1)
        ):
            return True
    return False


def opens_with_head(name: str) -> bool:
    """Whether an organisation's name opens with the word that heads it (Kejaksaan Negeri
    ..., Kementerian ...): such a name may go on past where the run stopped, unlike one
    that ends with its head (Columbia Gas System Inc, Finance Ministry)."""
    return _bare(name.split(" ")[0]) in _words().org_heads_first


def _is_heading(paragraph: str) -> bool:
    """A subheading in title case ("Bank DBS Indonesia Raih Mandat Pertama sebagai ESG
    Coordinator"): short, no sentence end, its longer words capitalised. Like the
    headline, its runs of capitals say little about where a name stops."""
    if paragraph.rstrip().endswith((".", "!", "?", '"', "”", ":")):
        return False  # most paragraphs: checked first, before their words are read
    tokens = paragraph.split()
    if len(tokens) > _MAX_HEADING_WORDS:
        return False
    longer = [t for t in tokens if len(t) >= _HEADING_WORD and t[:1].isalpha()]
    return len(longer) >= 3 and sum(t[:1].isupper() for t in longer) >= 0.75 * len(longer)


def _derived_words(
    texts: tuple[str, ...], prefixes: tuple[str, ...], frequent: frozenset[str]
) -> frozenset[str]:
    """Capitalised words of the text (in lower case) that are a prefix and one of the
    language's frequent words: "Tertinggal" (ter-tinggal), not "Terawan" or "Dimas"."""
    if not prefixes or not frequent:
        return frozenset()
    found = set()
    for word in {w.lower() for text in texts for w in _CAPITALISED.findall(text)}:
        if not word.startswith(prefixes):
            continue
        for prefix in prefixes:
            root = word[len(prefix) :]
            if word.startswith(prefix) and len(root) >= _MIN_ROOT and root in frequent:
                found.add(word)
                break
    return frozenset(found)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{5,}\b")


def _lowercase_words(texts: tuple[str, ...]) -> frozenset[str]:
    """Words the text also writes in lower case: common words, not names, when capitalised."""
    return frozenset(_LOWER_WORD.findall("\n".join(texts)))


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")


def _sentence_pieces(match: re.Match[str]) -> list[tuple[int, int]]:
    """A run cut where a sentence ends inside it ("... Airlangga Hartarto. Dana ...")."""
    run = match.group(0)
    if "." not in run:  # no word of it ends a sentence
        return [match.span()]
    pieces, start, offset = [], match.start(), match.start()
    for token in run.split(" "):
        offset += len(token)
        if _SENTENCE_END.match(token) and token[:-1] not in _words().titles:
            pieces.append((start, offset - 1))
            start = offset + 1
        offset += 1
    if start < match.end():
        pieces.append((start, match.end()))
    return [(a, b) for a, b in pieces if b > a]


def _bodies(text: str, start: int, end: int, words: _Words) -> list[tuple[int, int]]:
    """An organisation run cut into the names it joins: at "dan"/"and" between two bodies
    (Polres Bangka Barat dan Polsek Ilir Barat; IMF and World Bank), and before a title
    that follows the body (Federal Reserve Board Chairman Paul Volcker)."""
    spans, piece_start = [], start
    for connector in _CONNECTOR.finditer(text[start:end]):
        left = text[piece_start : start + connector.start()].split(" ")
        right = text[start + connector.end() : end].split(" ")
        joined = connector.group(0).strip()
        if (
            joined in ("dan", "and", "&") and all(_names_a_body(s, words) for s in (left, right))
        ) or (
            joined == "of"
            and len(left) in (2, 3)
            and not any(words.is_org_word(_bare(t)) for t in left)
            and _names_a_body(right, words)
        ):
            spans.append((piece_start, start + connector.start()))
            piece_start = start + connector.end()
    spans.append((piece_start, end))
    cut = []
    for a, b in spans:
        offset = a
        for index, token in enumerate(text[a:b].split(" ")):
            if index and token in words.titles and text[offset:].split(" ", 1)[0] == token:
                cut += [(a, offset - 1), (offset, b)]
                break
            offset += len(token) + 1
        else:
            cut.append((a, b))
    return [(a, b) for a, b in cut if b > a]


def _person_of_a_body(
    text: str,
    end: int,
    tokens: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> bool:
    """ "Larry Eckenfelder of Prudential-Bache Securities": two or three words of a name,
    then "of" and a body, are the person who works there (not "Bank of Japan")."""
    return (
        text[end:].startswith(" of ")
        and 2 <= len(tokens) <= 3
        and all(_name_like(t, words, places, common) for t in tokens)
    )


def _names_a_body(tokens: list[str], words: _Words) -> bool:
    """Words that name an organisation on their own: an acronym, or two words or more
    with an organisation word among them."""
    if len(tokens) == 1:
        token = _bare(tokens[0])
        return (token.isupper() and len(token) > 1) or _opens_a_body(token, words)
    return any(words.is_org_word(_bare(t)) for t in tokens)


def _org_and_person(
    text: str,
    start: int,
    end: int,
    tokens: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> tuple[str | None, str | None]:
    """An organisation run, and the person it may end with.

    "Kepala Otorita IKN Basuki Hadimuljono menyatakan": a title, the body, then the
    person who speaks. The body starts at a word that opens names (Otorita, Partai,
    Kementerian); the person is the name-like words at the end, when a title heads
    the run or a speech verb follows it.
    """
    first = next((i for i, t in enumerate(tokens) if _opens_a_body(t, words)), 0)
    while first + 1 < len(tokens) and _opens_a_body(tokens[first + 1], words):
        first += 1  # "Kantor Kementerian Ketenagakerjaan": the ministry's office is the ministry
    titled = any(t in words.titles for t in tokens[: max(first, 1)])
    tokens = tokens[first:]
    person = None
    after = _word_after(text, end, " ,").strip(".,;:").lower()
    if titled or after in words.speech_after or text[end : end + 1] == ",":
        short_name = tokens[0] in words.org_acronyms or (
            tokens[0].startswith(words.org_prefixes) and tokens[0] not in words.org_heads_first
        )
        tail = _name_tail(tokens, words, places, common)
        tail = tail[max(0, len(tail) - (len(tokens) - (1 if short_name else 2))) :]
        # One word is a name only with both a title before and a speech verb after
        # ("Waketum Partai Gerindra Habiburokhman mengatakan").
        one_word = titled and after in words.speech_after and len(tokens) >= 3
        if len(tail) >= 2 or (tail and one_word):
            person = _as_written(tail, text[start:end])
            tokens = tokens[: len(tokens) - len(tail)]
    if len(tokens) == 1 and (
        tokens[0] in words.org_acronyms
        or (tokens[0].startswith(words.org_prefixes) and tokens[0] not in words.org_heads_first)
    ):
        return tokens[0], person  # Kemendagri, Kejagung: a body's short name
    return _organisation(tokens, words), person


def _opens_a_body(token: str, words: _Words) -> bool:
    """A word a body's name starts with: Kementerian, Partai, or a short name (Kemendagri)."""
    return token in words.org_heads_first or (
        token.startswith(words.org_prefixes) and token not in words.org_heads_first
    )


def _name_tail(
    tokens: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> list[str]:
    """The last words of ``tokens`` that read as a person's name (up to four of them)."""
    tail: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if _inside_name(tokens, index, tail, words, places, common):
            tail.insert(0, token)  # an initial, not counted as one of the name's words
            continue
        if _words_in(tail) == _MAX_NAME_WORDS or not _name_like(token, words, places, common):
            break
        tail.insert(0, token)
    return tail


def _inside_name(
    tokens: list[str],
    index: int,
    name: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> bool:
    """An initial between two words of a name ("Ahmad P. Bolombo")."""
    return (
        bool(name)
        and index > 0
        and _is_initial(tokens[index])
        and _name_like(tokens[index - 1], words, places, common)
    )


def _title_inside_name(
    tokens: list[str],
    index: int,
    name: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> bool:
    """A title's word inside a titled name is the name's ("KH Abdul Hakim Mahfudz": Hakim,
    a judge, is also a given name): a title, a name's word, then it; not a short title
    ("Brigjen Pol Dr Dedy Tabrani") or one after a title ("Kapolri Jenderal ...")."""
    return (
        bool(name)
        and index > 1
        and tokens[index] in words.titles
        and len(tokens[index]) > _SHORT_TITLE
        and not tokens[index].isupper()
        and tokens[index - 1] not in words.titles
        and tokens[index - 2] in words.titles
        and tokens[index - 2] not in words.place_titles  # "Kapolsek Kuta Kompol Agus ..."
        and _name_like(tokens[index - 1], words, places, common)
    )


def _as_written(name: list[str], text: str) -> str:
    """The name with its initials' full stops as the text writes them ("George W. Bush")."""
    if not any(_is_initial(t) for t in name):
        return " ".join(name)  # what the search below would find, or give, anyway
    pattern = " ".join(re.escape(t) + (r"\.?" if _is_initial(t) else "") for t in name)
    found = re.search(pattern, text)
    return found.group(0) if found else " ".join(name)


def _words_in(name: list[str]) -> int:
    """The words of a name, not counting particles (da, bin) and initials."""
    return sum(t not in _NAME_PARTICLES and not _is_initial(t) for t in name)


def _is_initial(token: str) -> bool:
    """A middle initial: "P." or "S" ("La Ode Ahmad P. Bolombo", "Maria Magdalena S Seriang")."""
    return len(token.rstrip(".")) == 1 and token[:1].isupper()


def _name_like(token: str, words: _Words, places: Places, common: frozenset[str]) -> bool:
    """A word that may be part of a person's name."""
    shaped = _name_shaped(token) if words is _words() else _shaped_as_name(token, words)
    return shaped and (token,) not in places and token.lower() not in common


@lru_cache(maxsize=1 << 16)
def _name_shaped(token: str) -> bool:
    """_shaped_as_name with the data's word lists, remembered: a text asks about the same
    words again and again."""
    return _shaped_as_name(token, _words())


def _shaped_as_name(token: str, words: _Words) -> bool:
    """A word that may be part of a name, whatever the text and its places say."""
    return (
        token[:1].isupper()
        and not token.isupper()
        and token not in words.title_words
        and token not in words.not_names
        and token not in words.place_words
        and token not in words.compass_words
        and token not in words.event_words
        and token not in words.not_tags
        and _NAME_CHARACTERS.match(token) is not None
        and _NOMINAL.match(token.lower()) is None
        and not _inner_capitals(token)
        and not (len(token) >= 7 and token.endswith("nya"))  # awalnya, sebelumnya
        and not words.is_org_word(token)
        and token not in words.org_acronyms  # Pertamina, Polri: a body's name
    )


def _region_after(
    text: str,
    match: re.Match[str],
    long_name: str,
    words: _Words,
    places: Places,
) -> str | None:
    """The region an Indonesian office's name goes on with after its bracketed acronym:
    "Kejaksaan Negeri (Kejari) Jayawijaya menetapkan" gives "Jayawijaya". Not a person
    ("Kepala Badan Gizi Nasional (BGN) Dadan Hindayana mengatakan"): no title before the
    body, no speech verb after, and the words are a place's (a place word, a known place,
    a compass word at the end) or a single name."""
    if not _opens_a_body(long_name.split(" ")[0], words):
        return None
    after = re.match(r" ((?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+){0,2})(?=[ ,.;:]|$)", text[match.end() :])
    if after is None:
        return None
    region = after.group(1).split(" ")
    # "Kepala Balai ... (BPJN) Aceh, Heri Yugiantoro": a comma parts the region from the
    # titled person, so the title is the region's office head's, not the region's
    parted = text[match.end() + after.end() :].startswith(",")
    titled_before = (
        any(t in words.titles for t in match["long"].split(" ")[: -len(long_name.split(" "))])
        or text[: match.start()].rstrip().rsplit(" ", 1)[-1] in words.titles
    )
    if titled_before and not parted:
        return None
    following = text[match.end() + after.end() :].lstrip(" ,").split(" ", 1)[0].lower()
    titled = any(t in words.title_words and t not in words.place_words for t in region)
    if following in words.speech_after or titled:
        return None
    placed = (
        len(region) == 1
        or region[0] in words.place_words
        or region[-1] in words.compass_words
        or tuple(region) in places
    )
    return " ".join(region) if placed else None


def _names_same(name: str, expansion: str, acronym: str) -> bool:
    """``name`` is ``expansion``, or it with leading words whose initials the acronym has."""
    if name == expansion:
        return True
    if not name.endswith(f" {expansion}"):
        return False
    extra = name[: -len(expansion)].split()
    return all(word[0].upper() in acronym.upper() for word in extra)


def _trim_expansion(long_name: str, acronym: str, words: _Words) -> str | None:
    """Drop leading words until the expansion starts with the acronym's first letter.

    The expansion starts after the last sentence end or number in it ("Bahlil
    Lahadalia2. Kepala Badan Gizi Nasional (BGN)" is a list); a title or a verbal
    noun (Penetapan Pengadilan Negeri) does not open it.
    """
    tokens = long_name.split(" ")
    for index in range(len(tokens) - 1, -1, -1):
        if _SENTENCE_END.match(tokens[index]) or any(c.isdigit() for c in tokens[index]):
            tokens = tokens[index + 1 :]
            break
    while tokens and (
        tokens[0][0] != acronym[0]
        or (tokens[0].rstrip(",") in words.title_words and not words.is_org_word(tokens[0]))
        or (_NOMINAL.match(tokens[0].lower()) and not words.is_org_word(tokens[0]))
    ):
        tokens = tokens[1:]
    while len(tokens) > 1 and all(_opens_a_body(t.rstrip(","), words) for t in tokens[:2]):
        tokens = tokens[1:]  # "Kantor Kementerian Ketenagakerjaan": the ministry
    capitals = [t for t in tokens if t[:1].isupper()]
    if len(capitals) < 2:
        return None
    return " ".join(tokens).rstrip(",")


def _body_words(
    text: str,
    start: int,
    end: int,
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> tuple[int, list[str]]:
    """(start, words) of a run naming a body. A possessive in it ends an owner when that
    is a place, a body or a person ("Thailand's Commerce Ministry", "Mobil Corp's Mobil
    Chemical Co", "Robert Maxwell's British Printing ... Corp"): the body is what
    follows. Otherwise it is part of the name ("Oliver's Stores Inc", "Moody's ...")."""
    raw = text[start:end].split(" ")
    last = len(raw) - 1
    for index, token in enumerate(raw[:last]):
        if not _OWNER.search(token):
            continue  # a plural's ("Seafarers' International Union") is the name's
        owner = [_bare(t) for t in raw[: index + 1]]
        owned = [_bare(t) for t in raw[index + 1 :]]
        if tuple(owner) in places or owner[-1] in words.not_names:  # "Saturday's Six Nations"
            start += sum(len(t) + 1 for t in raw[: index + 1])
            raw = raw[index + 1 :]
        elif (
            any(words.is_org_word(t) or t in words.legal_forms for t in owner)
            or (len(owner) == 1 and (owner[0].isupper() or owner[0] in words.org_acronyms))
            or (len(owner) >= 2 and all(_name_like(t, words, places, common) for t in owner))
        ):
            if any(words.is_org_word(t) or t in words.legal_forms for t in owned):
                start += sum(len(t) + 1 for t in raw[: index + 1])
                raw = raw[index + 1 :]
            else:  # "Bank of America's West German unit"
                raw = raw[: index + 1]
        last = len(raw) - 1
        break
    return start, [t if i < last and _POSSESSIVE.search(t) else _bare(t) for i, t in enumerate(raw)]


def _organisation(tokens: list[str], words: _Words) -> str | None:
    while tokens and (
        not tokens[0][:1].isupper()
        or any(c.isdigit() for c in tokens[0])  # COP30 United Nations: an event's name
        or tokens[0] in words.not_names
        or (tokens[0] in words.title_words and not words.is_org_word(tokens[0]))
        or (_NOMINAL.match(tokens[0].lower()) and not words.is_org_word(tokens[0]))
    ):
        tokens = tokens[1:]
    while tokens and (
        not tokens[-1][:1].isupper()
        or any(c.isdigit() for c in tokens[-1])
        or tokens[-1] in words.not_tags
    ):
        tokens = tokens[:-1]
    if "of" in tokens[2:]:  # "Renouf Corp of New Zealand": the company is Renouf Corp
        at = tokens.index("of", 2)
        if tokens[at - 1] in words.legal_forms and _is_place(tokens[at + 1 :]):
            tokens = tokens[:at]
    if len(tokens) < 2:
        return None
    return " ".join(tokens)


def _is_place(tokens: list[str]) -> bool:
    """Whether the words name a place in either language's gazetteer."""
    return any(tuple(tokens) in load_gazetteer().lookup(lang) for lang in ("en", "id"))


def _split_at_connectors(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of a run between its lower-case connectors: one person each ("A dan B")."""
    spans, piece_start = [], start
    for piece in _CONNECTOR.finditer(text, start, end):  # as in text[start:end]
        if piece.group(0).strip() in _NAME_PARTICLES:
            continue  # "Luiz Inacio Lula da Silva" is one name
        spans.append((piece_start, piece.start()))
        piece_start = piece.end()
    spans.append((piece_start, end))
    return spans


def _person(
    text: str,
    start: int,
    end: int,
    tokens: list[str],
    words: _Words,
    places: Places,
    common: frozenset[str],
) -> str | None:
    """A person's name ending the run, when the words around it say it is one.

    The evidence: a title heads it (Menteri ESDM Bahlil Lahadalia; a title alone
    names one-word names: Presiden Prabowo), a speech verb follows or precedes it,
    it stands in apposition to a title (Kepala Kampung Lantipo, Henky Yasel,), or the
    text names the person again by one of these words alone (Dadan ... Dadan).
    ``tokens`` are the run's words without possessives or closing stops (_bare).
    """
    if not _name_like(tokens[-1], words, places, common):
        return None  # most runs: the last word is no name's (what the loop below finds first)
    name: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if (
            token in _NAME_PARTICLES and name and index and tokens[index - 1][:1].isupper()
        ) or _inside_name(tokens, index, name, words, places, common):
            name.insert(0, token)  # inside a name, not counted as one of its words
            continue
        if (
            _words_in(name) == _MAX_NAME_WORDS
            or not (
                _name_like(token, words, places, common)
                or _title_inside_name(tokens, index, name, words, places, common)
            )
            or tuple(tokens[max(0, index - 1) : index + 1]) in places  # "Korea Selatan"
        ):
            break
        name.insert(0, token)
    if not name:
        return None
    head = tokens[: len(tokens) - len(name)]
    if head and head[-1] in words.place_titles and len(name) >= 3:
        name = name[1:]  # "Wali Kota Solok Jon Firman Pandu": the town, then the mayor
        head = tokens[: len(tokens) - len(name)]
    titled = any(token in words.titles for token in head)
    before = _word_before(text, start, " ,").lower()
    after = _word_after(text, end, " ,").strip(".,;:").lower()
    if before in _AT_A_PLACE:
        return None  # "centers in Prince George": a place, whatever its first word
    spoken = after in words.speech_after or before in words.speech_before
    if len(name) == 1:
        title = tokens[-2] if len(tokens) >= 2 else ""
        # "Presiden Prabowo", not "Bupati Purwodadi" (a regional head's title names a place);
        # "kata Purbaya", "Amran menegaskan": one word that speaks is a name too (a body
        # named so is told apart once the whole text is read: _speakers_not_bodies)
        if title in words.place_titles:
            return None
        if title in words.titles:
            return name[0]
        # "S&P Global Ratings menyatakan": the end of a phrase of the text's common words
        # (it writes "global" in lower case too), not a person ("But Ferguson said")
        unread = (
            title.lower() in common
            and title not in words.not_names
            and title.lower() not in _NAME_PARTICLES  # "De Graaf said"
        )
        return name[0] if spoken and not unread else None
    if titled or spoken or (not head and before in words.lower_titles):
        return _as_written(name, text[start:end])
    if _in_apposition(text, start, end, words) or _named_again(name, text):
        return _as_written(name, text[start:end]) + _WEAK
    return None


# Marks a name _person read from weak evidence (apposition, named again) for
# _unless_common_words; never part of a name.
_WEAK = "\x00"


def _unless_common_words(name: str | None, frequent: frozenset[str]) -> str | None:
    """A name read only from weak evidence (no title, no speech verb) is no name when it
    ends with one of the language's most frequent words: "Rencana Pembangunan Jangka
    Menengah Nasional (RPJM Nasional)" names a plan, "program Makan Bergizi Gratis" a
    programme. A given name may be as frequent ("Bintang Pamungkas"), a surname not."""
    if name is None or not name.endswith(_WEAK):
        return name
    name = name[: -len(_WEAK)]
    return None if name.rsplit(" ", 1)[-1].lower() in frequent else name


def _inner_capitals(token: str) -> bool:
    """A brand or a party written in mixed case (NasDem, PetroChina), not McDonald or O'Neil."""
    inner = sum(c.isupper() for c in token[1:])
    return inner > 0 and not token.startswith(("Mc", "Mac", "O'", "O’", "D'", "De", "Le", "La"))


def _in_apposition(text: str, start: int, end: int, words: _Words) -> bool:
    """ "Kepala Kampung Lantipo, Henky Yasel, menyambut": a titled phrase, a comma, the name;
    or "Dadan Hindayana, Kepala BGN,": the name, a comma, a title."""
    before = text[max(0, start - 80) : start]
    if before.rstrip().endswith(","):
        clause = re.split(r"[.;:!?]|, (?=[a-z])", before.rstrip()[:-1])[-1].split()
        if clause and any(w in words.titles for w in clause[-6:]):
            return True
    following = text[end : end + 40]
    return following.startswith(", ") and following[2:].split(" ", 1)[0] in words.titles


def _written_as_place(name: str, texts: tuple[str, ...], words: _Words) -> bool:
    """Whether the text puts the name where a place goes: "di Purwodadi", "in Aceh Tamiang"."""
    return any(w.lower() in words.locatives for w in _words_before(name, texts))


def _named_again(name: list[str], text: str) -> bool:
    """Whether the text names the person again by the first or last word alone."""
    full = " ".join(name)
    rest = text.replace(full, " ")
    return any(
        _count_word(rest, part, "-", before_capital=False, limit=1) for part in (name[0], name[-1])
    )


def _is_org_acronym(
    acronym: str,
    texts: tuple[str, ...],
    words: _Words,
    places: Places,
) -> bool:
    """An acronym names an organisation when it is a known one, has an organisation's
    shape (Kemenkeu), or a title heads it (Ketua KPK, Kepala BGN); a programme, a law or
    an ID card (MBG, UU, KTP) has none of these."""
    if (
        (acronym,) in places
        or acronym in words.not_names
        or acronym in words.not_tags
        or _ROMAN.match(acronym)
    ):
        return False
    if acronym in words.org_acronyms or acronym.startswith(words.org_prefixes):
        return True
    return any(w in words.titles for w in _words_before(acronym, texts))


_JOINS = re.compile(r",? (?:dan|serta|atau|and|or|&) |, ")


def _joined_names(run: str) -> list[str]:
    """The names a run joins ("Sekolah Rakyat dan Kopdes Merah Putih") and the run, up to
    its sentence's end, as the words a name is made of (no possessive, no full stop)."""
    run = re.split(r"(?<=[^.\s]{2})\. ", run, maxsplit=1)[0]
    parts = [run, *_JOINS.split(run)]  # the whole run too: a body's name may join them
    return [" ".join(_bare(t) for t in part.split(" ")) for part in parts if part]


def _a_countrys_government(name: str, gazetteer: Gazetteer, lang: str) -> bool:
    """ "Pemerintah Pakistan", "Pemerintah RI", "Pemerintah Arab Saudi untuk ...": a country,
    which is never an organisation (unlike "Pemerintah Kota Bandung", a region's)."""
    words = split_acronym(name)[0].split(" ")
    if words[0] not in _words().government_words:
        return False
    rest = words[1:]
    if rest[:1] in (["Republik"], ["Republic"]):
        rest = rest[2:] if rest[1:2] == ["of"] else rest[1:]
    places = gazetteer.lookup(lang)
    names = gazetteer.country_names.get(lang, {})
    for size in range(len(rest), 0, -1):
        entry = places.get(tuple(rest[:size]))
        country = entry is not None and (
            entry.kind == "name"
            or names.get(entry.code) == " ".join(rest[:size])
            or (size == 1 and rest[0].isupper() and entry.kind == "alias")  # RI, AS
        )
        if country:
            return size == len(rest) or rest[size][:1].islower()  # "... untuk Program Hibah"
    return False


def _headless(name: str, words: _Words, lang: str) -> bool:
    """A name whose organisation words all stand inside it, neither opening it (as an
    Indonesian body's head does: "Bank Indonesia") nor closing it or the words before
    "of"/"for" (as an English one's: "Commerce Ministry", "Bank for ..."), in an
    Indonesian text: an English phrase the text quotes ("Second Party Opinion (SPO)",
    "Best Corporate Trust Mandate"), not a body."""
    if lang not in _HEAD_FIRST:
        return False
    tokens = split_acronym(name)[0].split(" ")
    while len(tokens) > 1 and _is_place(tokens[-1:]):
        tokens = tokens[:-1]  # "Economic Development Board Singapore": the board's country
    head = next((i for i, t in enumerate(tokens) if t.islower()), len(tokens)) - 1
    if head < 2:
        return False
    return not any(
        words.is_org_word(tokens[i]) or tokens[i] in words.legal_forms for i in (0, head, -1)
    )


def _is_thing(name: str, things: set[str]) -> bool:
    """Whether a thing word types ``name`` (or, for a body, its acronym) somewhere in the
    text: "program Sekolah Rakyat", "unit SPPG" for "Satuan Pelayanan ... (SPPG)"; not
    a body whose short form is a known body's (Kemenkeu, BPJS), which owns the thing."""
    long_name, acronym = split_acronym(name)
    words = _words()
    if acronym is not None and (
        acronym in words.org_acronyms or acronym.startswith(words.org_prefixes)
    ):
        return False  # "program Kementerian Keuangan (Kemenkeu)": the ministry's programme
    return name in things or long_name in things or acronym in things


def _without_other_names_before(
    people: Counter[str], runs: set[str], order: dict[str, int]
) -> Counter[str]:
    """A name that opens with another thing's name of two words or more: the text writes
    both on their own ("pengembang Balboa Estate", "ujar Yohanes", then "Manager Balboa
    Estate Yohanes Setiawan mengatakan"), so the person is the rest (two words or more).
    A person's first names alone are no other thing ("Jhon Franky" of "Jhon Franky
    Yanafia Ariandi"): the rest is then never named on its own."""
    kept: Counter[str] = Counter()
    for name, count in people.items():
        parts = name.split(" ")
        person = name
        for size in range(2, len(parts) - 1):
            front, rest = " ".join(parts[:size]), parts[size:]
            if front in runs and any(
                front not in run
                and (run.split(" ")[0] == rest[0] or run.split(" ")[-1] == rest[-1])
                for run in runs
            ):
                person = " ".join(rest)
                break
        kept[person] += count
        order.setdefault(person, order[name])
    return kept


def _merge_nicknames(people: Counter[str], texts: tuple[str, ...], words: _Words) -> Counter[str]:
    """A one-word person the text introduces as a nickname ("Maria Magdalena S Seriang
    ... Perempuan yang disapa Leni ini ...", "kata Leni") is the person with a longer
    name named last before it."""
    if not words.nickname_phrases or not any(" " not in n for n in people):
        return people
    phrases = "|".join(re.escape(p) for p in sorted(words.nickname_phrases, key=len, reverse=True))
    nickname = re.compile(rf"\b(?:{phrases}) ([A-Z][\w'’-]+)")
    merged = Counter(people)
    longer = [n for n in people if " " in n]
    for index, text in enumerate(texts):
        for match in nickname.finditer(text):
            nick = match[1]
            if nick not in merged or not longer:
                continue
            before = " ".join((*texts[:index], text[: match.start()]))
            named = max(longer, key=lambda n: before.rfind(n))
            if before.rfind(named) >= 0 and named in merged:
                merged[named] += merged.pop(nick)
    return merged


def _without_a_body_or_place_before(
    people: Counter[str],
    organizations: Counter[str],
    texts: tuple[str, ...],
    words: _Words,
    order: dict[str, int],
) -> Counter[str]:
    """A name whose first word is a region the text puts after "di"/"in" ("Ketua DPD
    Sumsel Yulianto", with "di Sumsel" elsewhere; not "dari Prabowo"), or, before two
    words or more, a word of a body the text names ("Ketua DPD Golkar Riswan Tony",
    with "Partai Golkar"): the person is the rest."""
    in_bodies = {w for org in organizations for w in split_acronym(org)[0].split(" ")}
    kept: Counter[str] = Counter()
    for name, count in people.items():
        first, _, rest = name.partition(" ")
        person = name
        if rest and not _is_initial(rest.split(" ")[0]):
            left = len(rest.split(" "))
            if (left >= 2 and first in in_bodies) or any(
                w.lower() in _AT_A_PLACE for w in _words_before(first, texts)
            ):
                person = rest
        kept[person] += count
        order.setdefault(person, order[name])
    return kept


def _merge_surnames(people: Counter[str], texts: tuple[str, ...]) -> Counter[str]:
    """Count later mentions by surname alone ("Blinken said") towards the full name."""
    merged = Counter(people)
    for name in people:
        surname = name.split(" ")[-1]
        bare = sum(_count_word(t, surname) for t in texts)
        merged[name] = max(merged[name], bare)
    return merged


def _merge_short_forms(people: Counter[str]) -> Counter[str]:
    """A name that begins or ends a longer name in the same text is that person:
    "Sri Mulyani" and "Purbaya" go to "Sri Mulyani Indrawati" and "Purbaya Yudhi Sadewa"
    (when only one longer name fits); so does one word inside it ("Yuda" of "Hanta Yuda
    Rasyid"), when no longer name begins or ends with it."""
    merged = Counter(people)
    for name in sorted(people, key=len):
        parts = name.split(" ")
        longer = [
            other
            for other in merged
            if other != name
            and len(other.split(" ")) > len(parts)
            and (
                other.split(" ")[: len(parts)] == parts or other.split(" ")[-len(parts) :] == parts
            )
        ]
        if not longer and len(parts) == 1:
            longer = [other for other in merged if name in other.split(" ")[1:-1]]
        if len(longer) == 1:
            merged[longer[0]] += merged.pop(name)
    return merged


def _merge_misspellings(people: Counter[str]) -> Counter[str]:
    """One-word names a letter apart in one text are one person misspelt ("Memet" and
    "Mamet"): counted under the more mentioned (the first named on a tie)."""
    merged = Counter(people)
    singles = [n for n in people if " " not in n and len(n) >= _MIN_MISSPELT]
    for index, name in enumerate(singles):
        for other in singles[index + 1 :]:
            if name in merged and other in merged and _one_letter_apart(name, other):
                keep, drop = (other, name) if merged[other] > merged[name] else (name, other)
                merged[keep] += merged.pop(drop)
    return merged


@cache
def _frequent_words(lang: str) -> frozenset[str]:
    """The language's words at or above _COMMON_WORD_ZIPF (about 1,200), from wordfreq,
    kept in the user's cache folder: loading wordfreq costs each ingest process 0.2 s."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdigest"
    cached = folder / f"frequent-{lang}-{metadata.version('wordfreq')}-{_COMMON_WORD_ZIPF}.json"
    try:
        return frozenset(json.loads(cached.read_text("utf-8")))
    except (OSError, ValueError):
        pass
    from wordfreq import top_n_list, zipf_frequency

    try:
        listed = top_n_list(lang, _FREQUENT_LIST)
    except LookupError:  # a language wordfreq does not know ("und"): no word is common
        return frozenset()
    found = [w for w in listed if zipf_frequency(w, lang) >= _COMMON_WORD_ZIPF]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(found, handle)
        os.replace(temporary, cached)
    except OSError:
        pass  # a read-only home only costs the look-up next time
    return frozenset(found)


def _inside_a_sentence(word: str, texts: tuple[str, ...]) -> bool:
    """Whether the text writes ``word`` after a word or a comma at least once."""
    needle = f" {word}"
    for text in texts:
        at = text.find(needle)
        while at != -1:
            if (
                at
                and (_is_w(text[at - 1]) or text[at - 1] == ",")
                and _boundary(text, at + len(needle))
            ):
                return True
            at = text.find(needle, at + 1)
    return False


def _one_letter_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and a[0] == b[0] and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _speakers_not_bodies(
    people: Counter[str], organizations: Counter[str], lang: str
) -> Counter[str]:
    """One-word "people" that are a body or a common word: "Qantas said" where the text
    names "Qantas Airways Ltd", "Express" of "American Express Co", "Polisi mengatakan"
    (the police: a frequent word of the language, unlike a given name); and longer ones
    that open a body's name ("Scientific Micro" of "Scientific Micro Systems Inc")."""
    in_bodies = {w for org in organizations for w in re.findall(r"[^\W\d_]+", org)}
    return Counter(
        {
            name: count
            for name, count in people.items()
            if (
                not any(org.startswith(f"{name} ") for org in organizations)
                if " " in name
                else name not in in_bodies and name.lower() not in _frequent_words(lang)
            )
        }
    )


# Look-ups of one name in the text with str.find instead of a regular expression made
# for the name: compiling one costs more than the search (and thrashes re's cache).
# They keep the regular expressions' meaning: \w is what str.isalnum() or "_" is.


def _is_w(char: str) -> bool:
    return char.isalnum() or char == "_"


def _boundary(text: str, at: int) -> bool:
    r"""Whether \b holds at ``at``: a word character on one side only."""
    before = at > 0 and _is_w(text[at - 1])
    after = at < len(text) and _is_w(text[at])
    return before != after


def _count_word(
    text: str, word: str, also: str = "", before_capital: bool = True, limit: int = 0
) -> int:
    r"""Non-overlapping mentions of ``word`` as a whole word: \bword\b, or with ``also``
    (characters that also join words, "-") (?<![\w-])word(?![\w-]); without
    ``before_capital``, not followed by a space and an (ASCII) capital. At most ``limit``
    if given."""
    count, at, size = 0, text.find(word), len(word)
    while at != -1:
        end = at + size
        if also:
            fits = not (at and (_is_w(text[at - 1]) or text[at - 1] in also)) and not (
                end < len(text) and (_is_w(text[end]) or text[end] in also)
            )
        else:
            fits = _boundary(text, at) and _boundary(text, end)
        if fits and not before_capital:
            fits = not (text[end : end + 1] == " " and "A" <= text[end + 1 : end + 2] <= "Z")
        if fits:
            count += 1
            if count == limit:
                return count
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return count


def _words_before(name: str, texts: tuple[str, ...]) -> list[str]:
    r"""The word before each mention of ``name`` after a space: the (\w+) of (\w+) name\b."""
    needle, found = f" {name}", []
    for text in texts:
        at = text.find(needle)
        while at != -1:
            if _boundary(text, at + len(needle)):
                start = at
                while start and _is_w(text[start - 1]):
                    start -= 1
                if start < at:
                    found.append(text[start:at])
            at = text.find(needle, at + 1)
    return found


def _word_before(text: str, at: int, skipped: str) -> str:
    """``text[:at].rstrip(skipped).rsplit(" ", 1)[-1]`` without copying the text before."""
    while at and text[at - 1] in skipped:
        at -= 1
    return text[text.rfind(" ", 0, at) + 1 : at]


def _word_after(text: str, at: int, skipped: str) -> str:
    """``text[at:].lstrip(skipped).split(" ", 1)[0]`` without copying the text after."""
    size = len(text)
    while at < size and text[at] in skipped:
        at += 1
    end = text.find(" ", at)
    return text[at : size if end == -1 else end]
