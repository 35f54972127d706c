"""Stage 2: a ParsedText to its Metadata, one module per kind of metadata."""

from __future__ import annotations

import datetime as dt
import re

from newsdigest.extract.countries import extract_countries
from newsdigest.extract.dates import extract_date
from newsdigest.extract.entities import extract_entities
from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.extract.language import detect_language
from newsdigest.extract.sources import extract_source
from newsdigest.extract.summary import extract_summary
from newsdigest.extract.topics import extract_topics
from newsdigest.model import Evidence, Metadata, ParsedText
from newsdigest.slugs import slug_for

MAX_PEOPLE_TAGS = 3
MAX_ORGANIZATION_TAGS = 2
_ACRONYM_SUFFIX = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)$")

__all__ = ["extract_metadata"]


def extract_metadata(parsed: ParsedText, reference: dt.date) -> Metadata:
    """Every field of an article's metadata, with the evidence for each."""
    gazetteer = load_gazetteer()
    lang = detect_language(f"{parsed.headline}\n{parsed.body}")
    date, date_evidence = extract_date(parsed, reference)
    countries, country_evidence = extract_countries(parsed, lang, gazetteer)
    topics, topic_evidence = extract_topics(parsed, lang)
    source, source_evidence = extract_source(parsed)
    people, organizations = extract_entities(parsed, lang, gazetteer)
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
        tags=make_tags(people, organizations),
        slug=slug_for(parsed.headline),
        evidence=evidence,
    )


def make_tags(people: tuple[str, ...], organizations: tuple[str, ...]) -> tuple[str, ...]:
    """The most prominent people and organisations (by acronym where there is one)."""
    tags = list(people[:MAX_PEOPLE_TAGS])
    for name in organizations[:MAX_ORGANIZATION_TAGS]:
        acronym = _ACRONYM_SUFFIX.search(name)
        tags.append(acronym.group(1) if acronym else name)
    return tuple(dict.fromkeys(tags))
