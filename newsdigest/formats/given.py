"""What an input says about an article besides its text: date, outlet, address, language.

Values come from feeds, page metadata, export columns or a text's header block.
Each is checked here, once: a date must read as a calendar date (ISO 8601, RFC 822
as feeds write it, ``14/11/2025``, ``14 Nov 2025`` or ``Jumat, 14 Nov 2025 10:00
WIB``) and may not lie after the run's reference date; an address must be an
absolute ``http(s)`` URL (anything else, a ``javascript:`` link included, is
never kept); a language must be a language code.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, fields
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsdigest.vocabulary import load_json

GIVEN_FIELDS = ("date", "source", "url", "lang")
_LANG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T].*)?")
_WORDS = re.compile(r"(?:[^\W\d_]+'?[^\W\d_]*,?\s+)?(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})\b.*")
_WORDS_US = re.compile(r"(?:[^\W\d_]+,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b.*")
# Tracking parameters that do not change which page an address names.
_TRACKING = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid|_ga", re.IGNORECASE)


class GivenError(ValueError):
    """A value the input gives that cannot be used (the message names it and why)."""


@dataclass(frozen=True)
class Given:
    """Metadata an input carries; None where it carries nothing. Given values win over
    what extraction would guess."""

    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None

    def names(self) -> tuple[str, ...]:
        """The fields this input gives, in GIVEN_FIELDS order."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name) is not None)


def given(
    reference: dt.date,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    lang: str | None = None,
) -> Given:
    """Check the raw values an input gives; GivenError names the first bad one.

    An empty value is no value. A URL that is not an absolute http(s) address is
    dropped, not an error: the article is fine without its link.
    """
    return Given(
        date=given_date(date, reference) if date and date.strip() else None,
        source=" ".join(source.split())[:200] if source and source.strip() else None,
        url=given_url(url) if url and url.strip() else None,
        lang=given_lang(lang) if lang and lang.strip() else None,
    )


def given_date(text: str, reference: dt.date) -> dt.date:
    """The calendar date ``text`` writes (its own day, whatever the time zone)."""
    date = parse_date(text)
    if date is None:
        raise GivenError(f"date {_short(text)!r} is not a date (like 2025-11-14)")
    if date > reference:
        raise GivenError(
            f"date {date.isoformat()} is after the reference date {reference.isoformat()}"
            " (--reference-date sets it)"
        )
    return date


def parse_date(text: str) -> dt.date | None:
    """The date in a date string as exports, feeds and pages write them, or None."""
    text = " ".join(text.split())
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC, "dmy")):
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            return _date(parts["y"], parts["m"], parts["d"])
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    months = _months()
    match = _WORDS.fullmatch(text)
    if match and match.group(2).lower() in months:
        return _date(int(match.group(3)), months[match.group(2).lower()], int(match.group(1)))
    match = _WORDS_US.fullmatch(text)
    if match and match.group(1).lower() in months:
        return _date(int(match.group(3)), months[match.group(1).lower()], int(match.group(2)))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@cache
def _months() -> dict[str, int]:
    data = load_json("newsdigest.extract", "dates.json", {"months": dict})
    return {word: month for table in data["months"].values() for word, month in table.items()}


def given_url(text: str) -> str | None:
    """An absolute http(s) address, or None for anything else."""
    text = text.strip()
    if any(c.isspace() or ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def given_lang(text: str) -> str:
    """An ISO 639 code from ``id``, ``en-US``, ``pt_BR``."""
    match = _LANG.fullmatch(text.strip())
    if match is None:
        raise GivenError(f"language {_short(text)!r} is not a language code (like 'id' or 'en')")
    return match.group(1).lower()


def same_page(url: str) -> str:
    """The address with what does not change the page dropped (scheme, ``www.``, a
    trailing slash, the fragment, tracking parameters): equal for two copies of one page."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.fullmatch(k))
    )
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, ""))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
