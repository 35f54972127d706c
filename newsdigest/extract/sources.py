"""The agency or outlet credited, normalised to one canonical name.

Strongest evidence first: the dateline's credit (``(Reuters)``), a credit line
dropped at the end (``Reuter``, ``(ant)``), a credit phrase in the text
(``dilansir dari Kyodonews``, ``AFP reported``), then an outlet in the dateline
(``JAKARTA, KOMPAS -``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsdigest.model import Evidence, ParsedText

_TAIL_CREDIT = re.compile(r"\(([a-z]{2,8}(?:/[a-z]{2,8})*)\)\s*$")
_CREDIT_PARTS = re.compile(r"[/\s]+")
_SHORT = 3  # names this short ("AP", "ant") count only where a credit is certain


@dataclass(frozen=True)
class _Sources:
    canonical: dict[str, str]  # spelling -> canonical name
    folded: dict[str, str]  # lower-case spelling -> canonical, for credit lines and parentheses
    credit: re.Pattern[str]
    reported: re.Pattern[str]


@cache
def _sources() -> _Sources:
    data = json.loads(resources.files(__package__).joinpath("data/sources.json").read_text())
    canonical = {
        spelling: name for name, spellings in data["agencies"].items() for spelling in spellings
    }
    folded = {spelling.lower(): name for spelling, name in canonical.items()}
    names = "|".join(re.escape(s) for s in sorted(canonical, key=len, reverse=True))
    long_names = "|".join(
        re.escape(s) for s in sorted(canonical, key=len, reverse=True) if len(s) > _SHORT
    )
    phrases = "|".join(
        re.escape(p)
        for lang in data["credit_phrases"].values()
        for p in sorted(lang, key=len, reverse=True)
    )
    credit = re.compile(
        rf"(?:{phrases})\s+(?:(?:the|dari|kantor berita|news agency|media)\s+)*(?P<name>{names})\b",
        re.IGNORECASE,
    )
    verbs = "|".join(data["reported_after"])
    reported = re.compile(rf"\b(?P<name>{long_names}|AP|AFP)\s+(?:news agency\s+)?(?:{verbs})\b")
    return _Sources(canonical, folded, credit, reported)


def extract_source(parsed: ParsedText) -> tuple[str | None, Evidence | None]:
    """The canonical source name and what credited it, or (None, None)."""
    sources = _sources()
    dateline = parsed.dateline
    if dateline is not None and dateline.agency:
        name = _from_credit(dateline.agency, sources)
        if name:
            return name, Evidence(name, (f"dateline: {dateline.agency}",))
    for line in reversed(parsed.removed):
        name = _from_credit(line, sources)
        if name:
            return name, Evidence(name, (f"credit line: {line}",))
    text = "\n".join((parsed.headline, *parsed.paragraphs))
    for match in sources.credit.finditer(text):
        name = _canonical(match["name"], sources)
        if name:
            return name, Evidence(name, (f"credit: {match.group(0)}",))
    match = sources.reported.search(text)
    if match:
        name = sources.canonical[match["name"]]
        return name, Evidence(name, (f"credit: {match.group(0)}",))
    if parsed.paragraphs:
        tail = _TAIL_CREDIT.search(parsed.paragraphs[-1])
        if tail:
            name = _from_credit(tail.group(0), sources)
            if name:
                return name, Evidence(name, (f"credit: {tail.group(0)}",))
    return None, None


def _canonical(spelling: str, sources: _Sources) -> str | None:
    """Long spellings in any case; short ones ("AP", "ant") only as written in the table."""
    if spelling in sources.canonical:
        return sources.canonical[spelling]
    if len(spelling) > _SHORT:
        return sources.folded.get(spelling.lower())
    return None


def _from_credit(line: str, sources: _Sources) -> str | None:
    """A credit line or parenthesis: ``Reuter``, ``(ant)``, ``(nvl/afp)``, ``ANTARA``."""
    parts = _CREDIT_PARTS.split(line.strip("() ").strip())
    whole = " ".join(parts)
    if whole.lower() in sources.folded:
        return sources.folded[whole.lower()]
    for part in reversed(parts):
        if part.lower() in sources.folded:
            return sources.folded[part.lower()]
    return None
