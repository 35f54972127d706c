"""Datelines: the place, date and agency that open wire copy.

``LONDON, Nov 6 (Reuters) -``, ``TOKYO (AP) —``, ``Bekasi, 4 Maret 2025 –``,
``JAKARTA, KOMPAS.com -``, ``Jakarta (ANTARA) -``, ``ATLANTA —``.
"""

from __future__ import annotations

import re

from newsdigest.model import Dateline

# A place is one to four words, each capitalised (or all capitals), optionally "CITY/COUNTRY".
_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}(?:\s*/\s*{_WORD}(?:[ ]{_WORD}){{0,2}})?)"
_EXTRA = r"(?:,\s*(?P<extra>[^()\n\-–—]{2,40}?))?"
_AGENCY = r"(?:\s*\((?P<agency>[^()\n]{2,30})\))?"
DATELINE = re.compile(rf"^{_PLACE}{_EXTRA}{_AGENCY}\s*(?:--?|–|—|:)\s+")

_OUTLET = re.compile(r"^[A-Z][A-Za-z]*(?:\.com|\.co\.id|\.id)?$")
_HAS_DIGIT = re.compile(r"\d")
_REGION = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}$")


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None."""
    match = DATELINE.match(paragraph)
    if match is None:
        return None
    place = match["place"].strip()
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
        if (
            len(named) == 1
            and agency is None
            and _OUTLET.match(named[0])
            and (_is_caps(named[0]) or "." in named[0])
        ):
            agency = named[0]  # JAKARTA, KOMPAS.com -
        elif named:
            if not all(_REGION.match(part) for part in named):
                return None
            region = ", ".join(named)  # VANCOUVER, British Columbia (AP) —
    if date_text is None and agency is None and not _is_caps(place):
        # "Bekasi —" alone is too weak: a sentence can start with a name and a dash.
        return None
    return Dateline(match.group(0).rstrip(), place, date_text, agency, region)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
