"""Names shown on the site in the site's language: countries (CLDR via Babel), topics, UI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from babel import Locale
from babel.dates import format_date
from slugify import slugify

from newsdigest.extract.topics import topic_labels
from newsdigest.slugs import MAX_SLUG_LENGTH
from newsdigest.vocabulary import load_json

SITE_LANGUAGES = ("id", "en")


class SettingsError(ValueError):
    """A newsdigest setting in pelicanconf.py is wrong (the message says which and why)."""


def check_language(lang: str) -> str:
    if lang not in SITE_LANGUAGES:
        raise SettingsError(
            f"DEFAULT_LANG = {lang!r}: the site can be built in {', '.join(SITE_LANGUAGES)}"
        )
    return lang


@cache
def ui_strings(lang: str) -> dict[str, str]:
    return load_json(__package__, "ui.json", {"id": dict, "en": dict})[check_language(lang)]


DATE_STYLES = {"long": "long", "month": "LLLL y"}


def date_formatter(lang: str) -> Callable[..., str]:
    """A template filter writing dates the site language's way: ``14 November 2023``,
    or with ``"month"``, ``November 2023``."""
    locale = Locale(check_language(lang))

    @cache
    def format_day(day: dt.date, style: str) -> str:
        return format_date(day, format=DATE_STYLES[style], locale=locale)

    def format_in_language(value: dt.date, style: str = "long") -> str:
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_day(day, style)

    return format_in_language


@cache
def country_name(code: str, lang: str) -> str:
    """The CLDR name of a country in ``lang``: JP -> Jepang (id), Japan (en)."""
    return Locale(lang).territories.get(code, code)


def term_slug(key: str) -> str:
    """A topic's or tag's folder name (``../../evil`` -> ``evil``); "" when nothing is left,
    and the term is dropped: unlike slug_for, no ``untitled`` page shared by unrelated keys."""
    return slugify(key, max_length=MAX_SLUG_LENGTH, word_boundary=True)


@cache
def country_slug(code: str) -> str:
    """URL slug from the English name, the same whatever the site's language: JP -> japan."""
    return term_slug(country_name(code, "en"))


@cache
def topic_name(slug: str, lang: str) -> str:
    return topic_labels(lang).get(slug, slug)
