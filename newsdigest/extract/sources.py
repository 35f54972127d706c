"""The agency or outlet credited, normalised to one name.

Strongest evidence first, the story's own credit: the dateline's (``(Reuters)``,
``(CNN)``, ``JAKARTA, KOMPAS.com -``, ``Bisnis.com, JAKARTA -``), a closing credit
(``Reuter``, ``(ant)``, ``— Detik.com``, ``Source: Al Jazeera``); then a credit
phrase in the text (``dilansir dari Kyodonews``, ``AFP reported``); last, a quote
attribution (``told Reuters``, ``kepada CNN``), which names an outlet someone spoke
to, not the one that ran the story.

An outlet the table does not know is still the source when a credit names it: the
credit's own place says it is an outlet (a dateline's parenthesis, a site name, a
closing line), and its name is made readable from the credit (``jpnn.com`` ->
``JPNN.com``, ``THE STAR/ASIA NEWS NETWORK`` -> ``The Star/Asia News Network``). In
running text an unknown name counts only when it looks like an outlet: a site, or
words such as Times, Post, News.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.model import Evidence, ParsedText
from newsdigest.parse.dateline import SITE, find_dateline
from newsdigest.vocabulary import load_json

# A credit closing the last paragraph: "... naik. (ant)", "(AFP)", "... (33.7). REUTER..."
_TAIL_CREDIT = re.compile(
    r"(?:\([A-Za-z]{2,12}(?:/[A-Za-z]{2,12})*\)|(?<=[.)] )[A-Za-z]{4,})\.*\s*$"
)
_CREDIT_PARTS = re.compile(r"[/\s]+")
_SHORT = 3  # names this short ("AP", "ant") count only where a credit is certain
_MAX_WORDS = 6  # an outlet's name is short: "The Star/Asia News Network"
_CREDIT_LINE_WORDS = 3  # a dropped line this short can be a credit: "Reuter", "(nvl/afp)"
_SITE = re.compile(SITE)  # Bisnis.com, TEMPO.CO, jpnn.com
_INNER_CAPITAL = re.compile(r"[A-Z]\w*[a-z]\w*[A-Z]\w*|[A-Z]+[A-Z][a-z]+")  # InfoPublik, DDTCNews
_CAMEL = re.compile(r"([a-z]{4,}|[A-Z][a-z]{3,})[A-Z]\w*")  # detikBali, KompasTV
_RUN = re.compile(r"[A-Z][\w.&'’-]*(?:[ ](?:[A-Z][\w.&'’-]*|of|the|de|dan|&))*")
_WORD = re.compile(r"[\w.&'’-]+")
# A place and a credit opening the lead without a dash: "Hong Kong (CNN) The city ..."
_LEAD_CREDIT = re.compile(r"^[A-Z][\w.'’ ]{0,40}?\((?P<credit>[^()\n]{3,40})\)")
# A closing credit line: "— Detik.com", "-- BERNAMA", "(The Guardian)", "Kompas.com".
_CLOSING = re.compile(r"^(?P<mark>[—–-]{1,2}\s*|\()?(?P<name>[^()\n]{2,60}?)\)?\.*$")
# A byline, which may name the outlet: "By Jane Doe, CNN", "Laporan Wartawan Tribunnews.com".
_BYLINE = re.compile(r"^(?:By|Oleh|Laporan [Ww]artawan|Reporter|Reported by)\b[ :].{2,150}$")
_CONNECTORS = frozenset({"of", "the", "de", "dan", "and", "&"})
_VOWELS = frozenset("aeiouAEIOU")


@dataclass(frozen=True)
class _Sources:
    canonical: dict[str, str]  # spelling -> canonical name
    folded: dict[str, str]  # lower-case spelling -> canonical, for credit lines and parentheses
    names: re.Pattern[str]  # a table spelling at a position
    credit: re.Pattern[str]  # a credit phrase, up to where the name starts
    closing: re.Pattern[str]  # a closing line's phrase, up to where the name starts
    quote: re.Pattern[str]  # a quote attribution, up to where the name starts
    reported: re.Pattern[str]
    labels: re.Pattern[str]  # "Source:", "Sumber:"
    copyright: re.Pattern[str]  # "Copyright 2024 The Associated Press", "© Reuters"
    outlet_words: frozenset[str]
    not_credits: frozenset[str]
    short_words: frozenset[str]
    # what each of credit, quote (in lower case) and reported opens with
    credit_words: tuple[str, ...] = ()
    quote_words: tuple[str, ...] = ()
    reported_words: tuple[str, ...] = ()


@cache
def _sources() -> _Sources:
    data = load_json(__package__, "sources.json", {"agencies": dict, "credit_phrases": dict})
    canonical = {
        spelling: name for name, spellings in data["agencies"].items() for spelling in spellings
    }
    folded = {spelling.lower(): name for spelling, name in canonical.items()}
    by_length = sorted(canonical, key=len, reverse=True)
    names = "|".join(re.escape(s) for s in by_length)
    long_names = "|".join(re.escape(s) for s in by_length if len(s) > _SHORT)
    skip = "|".join(re.escape(w) for w in data["skip_before_name"])
    verbs = "|".join(data["reported_after"])
    reported = [s for s in by_length if len(s) > _SHORT] + ["AP", "AFP"]
    return _Sources(
        canonical=canonical,
        folded=folded,
        names=re.compile(rf"(?:{names})\b", re.IGNORECASE),
        credit=_phrases(data["credit_phrases"], skip),
        closing=_phrases(data["closing_phrases"], skip),
        quote=_phrases(data["quote_phrases"], skip),
        reported=re.compile(rf"\b(?P<name>{long_names}|AP|AFP)\s+(?:news agency\s+)?(?:{verbs})\b"),
        labels=re.compile(rf"^(?:{'|'.join(data['credit_labels'])})\s*:\s*", re.IGNORECASE),
        copyright=re.compile(
            "^(?:" + "|".join(re.escape(m) for m in data["copyright_marks"]) + ")", re.IGNORECASE
        ),
        outlet_words=frozenset(data["outlet_words"]),
        not_credits=frozenset(word.lower() for word in data["not_credits"]),
        short_words=frozenset(data["short_words"]),
        credit_words=_openings(data["credit_phrases"]),
        quote_words=_openings(data["quote_phrases"]),
        reported_words=tuple(dict.fromkeys(reported)),
    )


def _openings(by_language: dict[str, list[str]]) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(
            p.lower() for key, ps in by_language.items() if not key.startswith("_") for p in ps
        )
    )


def _matches(
    pattern: re.Pattern[str], text: str, searched: str, openings: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern whose every match opens with one of
    ``openings`` in ``searched`` (the text, or it in lower case for a case-blind
    pattern): the pattern is tried only where one stands, found by str.find, which
    costs a fraction of trying an alternation of phrases at every character."""
    if len(searched) != len(text):  # lower case that changes the length ("İ"): no offsets
        yield from pattern.finditer(text)
        return
    offsets: set[int] = set()
    for opening in openings:
        at = searched.find(opening)
        while at != -1:
            offsets.add(at)
            at = searched.find(opening, at + 1)
    until = 0
    for offset in sorted(offsets):
        if offset >= until:
            match = pattern.match(text, offset)
            if match is not None:
                yield match
                until = match.end()


def _phrases(by_language: dict[str, list[str]], skip: str) -> re.Pattern[str]:
    phrases = sorted(
        (p for key, ps in by_language.items() if not key.startswith("_") for p in ps),
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(p) for p in phrases)
    # the words skipped are lower case: "dari harian Kompas", not "dari Harian Nusa Post"
    return re.compile(rf"\b(?:{alternatives})\s+(?:(?-i:{skip})\s+)*", re.IGNORECASE)


def extract_source(parsed: ParsedText) -> tuple[str | None, Evidence | None]:
    """The source name and what credited it, or (None, None)."""
    sources = _sources()
    for name, evidence in _own_credits(parsed, sources):
        if name:
            return name, Evidence(name, (evidence,))
    text = "\n".join((parsed.headline, *parsed.paragraphs))
    folded = text.lower()
    for match in _matches(sources.credit, text, folded, sources.credit_words):
        name = _name_at(text, match.end(), sources)
        if name:
            return name, Evidence(name, (f"credit: {match.group(0)}{name}",))
    reported = next(_matches(sources.reported, text, text, sources.reported_words), None)
    if reported:
        name = sources.canonical[reported["name"]]
        return name, Evidence(name, (f"credit: {reported.group(0)}",))
    for match in _matches(sources.quote, text, folded, sources.quote_words):
        name = _name_at(text, match.end(), sources)
        if name:
            return name, Evidence(name, (f"quote: {match.group(0)}{name}",))
    return None, None


def _own_credits(parsed: ParsedText, sources: _Sources) -> list[tuple[str | None, str]]:
    """The story's own credits, strongest first, as (name or None, evidence)."""
    if not parsed.paragraphs:
        return []
    return [*_opening_credits(parsed, sources), *_closing_credits(parsed, sources)]


def _opening_credits(parsed: ParsedText, sources: _Sources) -> list[tuple[str | None, str]]:
    """The dateline's credit, an outlet in its region's slot, a byline."""
    found: list[tuple[str | None, str]] = []
    paragraphs = parsed.paragraphs
    dateline = parsed.dateline
    bylines = [p for p in (*paragraphs[:2], paragraphs[-1]) if _BYLINE.match(p)]
    if dateline is None and bylines[:1] == paragraphs[:1] and len(paragraphs) > 1:
        dateline = find_dateline(paragraphs[1])  # "By Jane Doe, CNN" / "WASHINGTON (CNN) —"
    if dateline is not None and dateline.agency:
        found.append((_credited(dateline.agency, sources), f"dateline: {dateline.agency}"))
    elif lead := _LEAD_CREDIT.match(paragraphs[0]):
        # "Hong Kong (CNN) The city ...": no dash, so no dateline; a known outlet only
        found.append((_from_table(lead["credit"], sources), f"lead: {lead.group(0)}"))
    if dateline is not None and dateline.region and _names_outlet(dateline.region, sources):
        # "Jakarta, CNN Indonesia --": an outlet, not a region
        found.append((_credited(dateline.region, sources), f"dateline: {dateline.region}"))
    found += [(_from_byline(line, sources), f"byline: {line}") for line in bylines]
    return found


def _closing_credits(parsed: ParsedText, sources: _Sources) -> list[tuple[str | None, str]]:
    """Credit lines dropped as leftovers, a copyright, the last paragraph's credit."""
    # a credit line is short ("Reuter", "(nvl/afp)"); a long one is furniture ("Simak juga
    # Video ... antara ...") whose words name nothing
    found = [
        (_from_table(line, sources), f"credit line: {line}")
        for line in parsed.removed[::-1]
        if len(line.split()) <= _CREDIT_LINE_WORDS
    ]
    last = parsed.paragraphs[-1].strip()
    for line in (*parsed.removed[::-1], last):
        if sources.copyright.match(line):  # "Copyright 2024 The Associated Press. All rights ..."
            found.append((_named_in(line, sources), f"copyright: {line}"))
    if len(parsed.paragraphs) > 1:
        label = sources.labels.match(last)
        closing = _CLOSING.match(last)
        republished = sources.closing.search(last)
        if label:  # "Source: Al Jazeera and news agencies"
            found.append((_name_at(last, label.end(), sources), f"credit line: {last}"))
        elif republished:  # "Artikel ini telah tayang di Kompas.com dengan judul ..."
            found.append((_name_at(last, republished.end(), sources), f"credit line: {last}"))
        elif closing and (closing["mark"] or _SITE.fullmatch(closing["name"]) or last.isupper()):
            found.append((_credited(closing["name"], sources), f"credit line: {last}"))
    tail = _TAIL_CREDIT.search(last)
    if tail:  # "... naik. (ant)"
        found.append((_from_table(tail.group(0), sources), f"credit: {tail.group(0)}"))
    return found


def _named_in(line: str, sources: _Sources) -> str | None:
    """The first outlet a credit line names anywhere: a site or a table name."""
    site = _SITE.search(line)
    if site:
        return _credited(site.group(0), sources)
    for match in sources.names.finditer(line):
        name = _canonical(match.group(0), sources)
        if name:
            return name
    return None


def _from_byline(line: str, sources: _Sources) -> str | None:
    """The outlet of a byline: "By Jane Doe, CNN", "Laporan Wartawan Tribunnews.com, Ilham"."""
    named = _named_in(line, sources)
    if named:
        return named
    last = re.split(r",|\|| - | — ", line)[-1].strip()
    words = last.split()
    if (len(words) == 1 and last.isupper()) or any(w in sources.outlet_words for w in words[1:]):
        return _credited(last, sources)
    return None


def _credited(credit: str, sources: _Sources) -> str | None:
    """The outlet a credit names: from the table, else readable, if it can be an outlet."""
    credit = credit.strip(" ()-–—.")
    known = _from_table(credit, sources)
    if known or not _looks_like_credit(credit, sources):
        return known
    return _readable(credit, sources)


def _looks_like_credit(text: str, sources: _Sources) -> bool:
    """A name a credit could hold: capitalised words or a site, no place, no digits.

    Not "(Updated)", "(Adds details)", "(Yemen)", "(UPDATE 1)" nor "— said the minister".
    """
    text = text.strip(" ()-–—.")
    words = [w for w in _CREDIT_PARTS.split(text) if w]
    if not words or len(words) > _MAX_WORDS or words[0].lower() in sources.not_credits:
        return False
    if any(c.isdigit() for c in text) and not _SITE.fullmatch(text):
        return False
    if not all(_SITE.fullmatch(w) or w[0].isupper() or w in _CONNECTORS for w in words):
        return False
    return not _is_place(text)


def _names_outlet(text: str, sources: _Sources) -> bool:
    """Words that are an outlet's even in a place's slot: a known outlet, a site, "Times"."""
    if not _looks_like_credit(text, sources):
        return False
    known = _from_table(text, sources) or _SITE.search(text) or _INNER_CAPITAL.fullmatch(text)
    return bool(known) or any(word in sources.outlet_words for word in text.split()[1:])


@cache
def _place_names() -> frozenset[str]:
    gazetteer = load_gazetteer()
    tables = (gazetteer.dateline_places, *gazetteer.names.values())
    return frozenset(" ".join(words).lower() for table in tables for words in table)


def _is_place(text: str) -> bool:
    return " ".join(text.replace("/", " ").split()).lower() in _place_names()


def _name_at(text: str, start: int, sources: _Sources) -> str | None:
    """The outlet named at ``text[start:]``: a table name, a site, or a run with "Times"."""
    match = sources.names.match(text, start)
    if match:
        name = _canonical(match.group(0), sources)
        if name:
            return name
    word = _WORD.match(text, start)
    if word and _CAMEL.fullmatch(word.group(0).rstrip(".")):
        return _from_table(word.group(0).rstrip("."), sources)  # detikBali
    site = _SITE.match(text, start)
    if site:
        return _credited(site.group(0), sources)
    run = _RUN.match(text, start)
    if run is None:
        return None
    words = run.group(0).rstrip(".").split()[:_MAX_WORDS]
    while words and words[-1] in _CONNECTORS:
        words.pop()
    if any(word in sources.outlet_words for word in words[1:]):
        return _credited(" ".join(words), sources)
    return None


def _canonical(spelling: str, sources: _Sources) -> str | None:
    """Long spellings in any case; short ones ("AP", "ant") only as written in the table."""
    if spelling in sources.canonical:
        return sources.canonical[spelling]
    if len(spelling) > _SHORT:
        return sources.folded.get(spelling.lower())
    return None


def _from_table(line: str, sources: _Sources) -> str | None:
    """A credit the table knows: ``Reuter``, ``(ant)``, ``(nvl/afp)``, ``ANTARA``, ``detikBali``."""
    parts = _CREDIT_PARTS.split(line.strip("() .").strip())
    whole = " ".join(parts).lower()
    if whole in sources.folded:
        return sources.folded[whole]
    for part in reversed(parts):
        folded = part.lower()
        site = _SITE.fullmatch(part)
        camel = _CAMEL.fullmatch(part)
        for candidate in (
            folded,
            folded.partition(".")[0] if site else None,  # Antaranews.com
            camel.group(1).lower() if camel else None,  # detikBali, KompasTV
        ):
            if candidate and candidate in sources.folded:
                return sources.folded[candidate]
    return None


def _readable(credit: str, sources: _Sources) -> str:
    """A credit's name as a reader would write it: sites and capitals normalised."""
    if _SITE.fullmatch(credit):
        stem, _, suffix = credit.partition(".")
        return f"{_readable_word(stem, False, sources)}.{suffix.lower()}"
    single = len(credit.split()) == 1
    words = []
    for index, part in enumerate(re.split(r"(\s+|/)", credit)):
        if not part.strip() or part == "/":
            words.append(part)
        elif index > 0 and part.lower() in _CONNECTORS:
            words.append(part.lower())  # "Times of the North"
        else:
            words.append(_readable_word(part, single, sources))
    return "".join(words)


def _readable_word(word: str, single: bool, sources: _Sources) -> str:
    """JPNN, Bisnis, Kompas; The, Star; AFP, ABC, IANS; written mixed case, kept as written."""
    if not (word.islower() or word.isupper()):
        return word  # JawaPos, Liputan6, detikNews
    letters = [c for c in word if c.isalpha()]
    short = len(letters) <= _SHORT and word.lower() not in sources.short_words
    caps_agency = word.isupper() and single and len(letters) <= 5  # IANS, KUNA, TEMPO
    if short or caps_agency or not _VOWELS.intersection(letters):
        return word.upper()
    return "-".join(part.capitalize() for part in word.split("-"))
