"""Datelines: the place, date and credit that open wire copy and web articles.

``LONDON, Nov 6 (Reuters) -``, ``TOKYO (AP) —``, ``Bekasi, 4 Maret 2025 –``,
``JAKARTA, KOMPAS.com -``, ``Jakarta (ANTARA) -``, ``ATLANTA —``; a site's own
credit before the place (``Bisnis.com, JAKARTA -``, ``jpnn.com - JAKARTA -``) or
after it in any case (``SURABAYA, suarasurabaya.net -``); a credit alone
(``(CNN)The ...``, ``(AFP) -``, ``KOMPAS.com -``, ``March 3 (Reuters) -``).
"""

from __future__ import annotations

import re

from newsdigest.model import Dateline

# A place is one to four words, each capitalised (or all capitals), optionally "CITY/COUNTRY".
_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}(?:\s*/\s*{_WORD}(?:[ ]{_WORD}){{0,2}})?)"
_EXTRA = r"(?:,\s*(?P<extra>[^()\n\-–—]{2,40}?))?"
_AGENCY = r"(?:\s*\((?P<agency>[^()\n]{2,60})\))?"
_DASH = r"(?:--?|–|—|:)"
# A news site as its credit writes it, in any case: Bisnis.com, TEMPO.CO, REPUBLIKA.CO.ID.
SITE = (
    r"[A-Za-z][\w-]*(?i:\.(?:com|co|net|org|id|tv|news|info|online|asia|my|sg|ph|uk|au|in))+(?!\w)"
)
# No dash after a credit glued to the text: "Washington (CNN)The House voted ..." (with a
# space, "Bank Indonesia (BI) Senin ..." is a sentence).
DATELINE = re.compile(
    rf"^(?:(?P<site>{SITE})\s*(?:,|{_DASH})\s*)?{_PLACE}{_EXTRA}{_AGENCY}"
    rf"(?:\s*{_DASH}\s+|(?<=\))(?=[A-Z\"“]))"
)
# A credit with no place: "(CNN)The ...", "(AFP) - ...", "March 3 (Reuters) -", "KOMPAS.com -".
_CREDIT_ONLY = re.compile(
    rf"^(?:(?:(?P<date>[A-Z][a-z]{{2,8}}\.? \d{{1,2}})\s*)?"
    rf"\((?P<agency>[A-Za-z][^()\n\d:]{{1,59}})\)(?:\s*{_DASH}\s+|\s*(?=[A-Z\"“]))"
    rf"|(?P<site>{SITE})\s*{_DASH}\s+)"
)

_SITE_WORD = re.compile(SITE)
_CAPS_WORD = re.compile(r"[A-Z][A-Z]+")
_HAS_DIGIT = re.compile(r"\d")
_REGION = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}$")


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None."""
    match = DATELINE.match(paragraph)
    if match is None:
        return _credit_only(paragraph)
    place = match["place"].strip()
    if match["site"] is None and _SITE_WORD.fullmatch(place):
        return _credit_only(paragraph)  # "TEMPO.CO - ...": a site, no place
    extra = (match["extra"] or "").strip() or None
    agency = match["agency"]
    if agency is not None:
        agency = agency.strip()
    date_text = region = None
    if extra is not None:
        # "Calif., Feb 26", "Oct. 16, 2024", "KOMPAS.com", "British Columbia"
        parts = [part.strip() for part in extra.split(",")]
        dated = next((i for i, part in enumerate(parts) if _HAS_DIGIT.search(part)), len(parts))
        if dated < len(parts):
            date_text = ", ".join(parts[dated:])
        named = parts[:dated]
        if len(named) == 1 and agency is None and _is_outlet(named[0]):
            agency = named[0]  # JAKARTA, KOMPAS.com -
        elif named:
            if not all(_REGION.match(part) for part in named):
                return None
            region = ", ".join(named)  # VANCOUVER, British Columbia (AP) —
    if match["site"] is not None:
        agency = agency or match["site"]  # Bisnis.com, JAKARTA -
    if date_text is None and agency is None and region is None and not _is_caps(place):
        # "Bekasi —" alone is too weak: a sentence can start with a name and a dash.
        return None  # ("Jakarta, CNN Indonesia --" names a region or a credit: sources tells)
    return Dateline(match.group(0).rstrip(), place, date_text, agency, region)


def _credit_only(paragraph: str) -> Dateline | None:
    """A credit opening the paragraph without a place: "(CNN)", "KOMPAS.com -"."""
    match = _CREDIT_ONLY.match(paragraph)
    if match is None:
        return None
    agency = (match["agency"] or match["site"]).strip()
    return Dateline(match.group(0).rstrip(), "", match["date"], agency, None)


def _is_outlet(text: str) -> bool:
    """A site in any case ("suarasurabaya.net") or one word in capitals ("KOMPAS")."""
    return bool(_SITE_WORD.fullmatch(text) or _CAPS_WORD.fullmatch(text))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
