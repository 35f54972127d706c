"""Stage 2: a ParsedText to its Metadata, one module per kind of metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from newsdigest.extract.countries import extract_countries
from newsdigest.extract.dates import extract_date
from newsdigest.extract.entities import count_entities, opens_with_head
from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.extract.language import detect_language
from newsdigest.extract.sources import extract_source
from newsdigest.extract.summary import extract_summary
from newsdigest.extract.topics import extract_topics
from newsdigest.formats.given import Given
from newsdigest.model import Evidence, Metadata, ParsedText
from newsdigest.slugs import slug_for
from newsdigest.tags import TagNames, split_acronym

# Metadata is read from the start of a text: a longer text says nothing more about its
# date, countries or topics, and the cap bounds the time a huge file can take.
MAX_EXTRACT_CHARS = 60_000
MAX_PEOPLE_TAGS = 3
MAX_ORGANIZATION_TAGS = 2

__all__ = ["extract_metadata"]


def extract_metadata(
    parsed: ParsedText, reference: dt.date, given: Given | None = None
) -> Metadata:
    """Every field of an article's metadata, with the evidence for each.

    What the input gives (``given``: a feed's date, a page's outlet, an export's
    language) is used as it is; extraction fills only what is missing.
    """
    given = given or Given()
    parsed = _first_chars(parsed, MAX_EXTRACT_CHARS)
    gazetteer = load_gazetteer()
    lang = given.lang or detect_language(f"{parsed.headline}\n{parsed.body}")
    if given.date is not None:
        date, date_evidence = given.date, Evidence(given.date.isoformat(), ("given",), 1.0)
    else:
        date, date_evidence = extract_date(parsed, reference)
    countries, country_evidence = extract_countries(parsed, lang, gazetteer)
    topics, topic_evidence = extract_topics(parsed, lang)
    source: str | None = given.source
    source_evidence: Evidence | None = None
    if source is not None:
        source_evidence = Evidence(source, ("given",), 1.0)
    else:
        source, source_evidence = extract_source(parsed)
    people_counts, organization_counts = count_entities(parsed, lang, gazetteer)
    people, organizations = tuple(people_counts), tuple(organization_counts)
    evidence: dict[str, tuple[Evidence, ...]] = {
        "date": (date_evidence,),
        "countries": country_evidence,
        "topics": topic_evidence,
    }
    if source_evidence is not None:
        evidence["source"] = (source_evidence,)
    return Metadata(
        title=parsed.headline,
        date=date,
        lang=lang,
        countries=countries,
        topics=topics,
        source=source,
        people=people,
        organizations=organizations,
        summary=extract_summary(parsed),
        tags=make_tags(people, organizations, organization_counts),
        slug=slug_for(parsed.headline),
        url=given.url,
        given=given.names(),
        evidence=evidence,
    )


def _first_chars(parsed: ParsedText, limit: int) -> ParsedText:
    """The text cut to about ``limit`` characters of paragraphs (whole ones, the last cut)."""
    kept: list[str] = []
    size = 0
    for paragraph in parsed.paragraphs:
        if size + len(paragraph) > limit:
            kept.append(paragraph[: max(0, limit - size)])
            break
        kept.append(paragraph)
        size += len(paragraph)
    if len(kept) == len(parsed.paragraphs) and kept[-1] == parsed.paragraphs[-1]:
        return parsed
    return replace(parsed, paragraphs=tuple(p for p in kept if p))


def make_tags(
    people: tuple[str, ...],
    organizations: tuple[str, ...],
    mentions: Mapping[str, int] | None = None,
) -> tuple[str, ...]:
    """The most prominent people and organisations, each once under its fullest name
    (an organisation by its expansion, a nickname by the full name: newsdigest.tags).

    An organisation named once by a name that opens with its head word (Kejaksaan
    Negeri ...), without an acronym, is often a department or a fragment of a longer
    name: it is a tag only when named again.
    """
    mentions = mentions or {}
    sure = [
        name
        for name in organizations
        if split_acronym(name)[1] is not None
        or not opens_with_head(name)
        or mentions.get(name, 2) >= 2
    ]
    candidates = [
        *people[:MAX_PEOPLE_TAGS],
        *(split_acronym(name)[0] for name in sure[:MAX_ORGANIZATION_TAGS]),
    ]
    names = TagNames()
    names.add(candidates, people, organizations)
    entities = names.resolve()
    return tuple(dict.fromkeys(entities[tag].name for tag in candidates))
