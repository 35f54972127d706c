"""The records every pipeline stage passes on: a parsed text and its metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dateline:
    """The place (and maybe date and agency) that opens wire copy: ``LONDON, Nov 6 (Reuters) -``."""

    text: str
    place: str
    date_text: str | None = None
    agency: str | None = None
    region: str | None = None  # "British Columbia" in "VANCOUVER, British Columbia (AP) —"


@dataclass(frozen=True)
class ParsedText:
    """An article text split into its parts, with page leftovers removed.

    ``removed`` keeps the leftover lines that were dropped, because some carry
    evidence (a trailing ``Reuter`` or ``(ant)`` credits an agency).
    """

    headline: str
    paragraphs: tuple[str, ...]
    dateline: Dateline | None = None
    removed: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def lead(self) -> str:
        """The first paragraph without its dateline."""
        if not self.paragraphs:
            return ""
        first = self.paragraphs[0]
        if self.dateline is not None and first.startswith(self.dateline.text):
            first = first[len(self.dateline.text) :].lstrip()
        return first


@dataclass(frozen=True)
class Evidence:
    """Why a value was chosen: the words that matched and where (headline, dateline, lead, body)."""

    value: str
    matches: tuple[str, ...]
    score: float = 0.0


@dataclass(frozen=True)
class Metadata:
    """Everything ingest extracts from one article; the report and the post are views of it."""

    title: str
    date: dt.date
    lang: str
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    source: str | None = None
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    summary: str = ""
    tags: tuple[str, ...] = ()
    slug: str = ""
    url: str | None = None  # the article's address, when the input gives it
    given: tuple[str, ...] = ()  # the fields the input gave (date, source, url, lang)
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict, compare=False)

    def as_report(self) -> dict[str, object]:
        """The ``metadata`` object of the JSON Lines report (a public, documented format)."""
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "countries": list(self.countries),
            "topics": list(self.topics),
            "source": self.source,
            "lang": self.lang,
            "people": list(self.people),
            "organizations": list(self.organizations),
            "summary": self.summary,
            "tags": list(self.tags),
            "slug": self.slug,
            "url": self.url,
            "origin": {
                name: "given" if name in self.given else "extracted"
                for name in ("date", "source", "url", "lang")
                if getattr(self, name) is not None
            },
        }
