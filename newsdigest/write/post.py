"""A post: Pelican's metadata header, a blank line, the article body as Markdown paragraphs.

The header holds only the fields below, each on one line. The body is the
article text with every character that Markdown could read as markup escaped,
so a line of article text can never become a heading, a link, a list or HTML.
"""

from __future__ import annotations

import re

from newsdigest.model import Metadata, ParsedText

# Header field -> separator for list values. Names may contain commas
# ("Badan Meteorologi, Klimatologi, dan Geofisika"), so name lists use ";".
POST_FIELDS = {
    "Title": None,
    "Date": None,
    "Slug": None,
    "Lang": None,
    "Countries": ", ",
    "Topics": ", ",
    "Tags": "; ",
    "Source": None,
    "Summary": None,
    "People": "; ",
    "Organizations": "; ",
    "Input": None,
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
# Inline characters with a meaning in CommonMark: escaped everywhere.
_INLINE = re.compile(r"([\\`*_\[\]<>&!|~{}])")
# Characters that start a block only at the beginning of a line.
_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def header_value(value: str) -> str:
    """One line, no control characters, no leading or trailing space."""
    return " ".join(_CONTROL.sub(" ", value).split())


def escape_markdown(paragraph: str) -> str:
    """The paragraph as Markdown that renders to exactly its text."""
    text = _INLINE.sub(r"\\\1", header_value(paragraph))
    match = _BLOCK_START.match(text)
    if match:
        start = match.group(1)
        text = f"{start[:-1]}\\{start[-1]}{text[len(start) :]}"
    return text


def render_post(metadata: Metadata, parsed: ParsedText, input_name: str) -> str:
    """The whole post file."""
    values: dict[str, str | tuple[str, ...] | None] = {
        "Title": metadata.title,
        "Date": metadata.date.isoformat(),
        "Slug": metadata.slug,
        "Lang": metadata.lang,
        "Countries": metadata.countries,
        "Topics": metadata.topics,
        "Tags": metadata.tags,
        "Source": metadata.source,
        "Summary": metadata.summary,
        "People": metadata.people,
        "Organizations": metadata.organizations,
        "Input": input_name,
    }
    lines = []
    for name, separator in POST_FIELDS.items():
        value = values[name]
        if value is None or value == () or value == "":
            continue
        if separator is not None and isinstance(value, tuple):
            items = (header_value(v).replace(separator.strip(), " ") for v in value)
            lines.append(f"{name}: {separator.join(items)}")
        else:
            assert isinstance(value, str)
            lines.append(f"{name}: {header_value(value)}")
    body = "\n\n".join(escape_markdown(p) for p in parsed.paragraphs)
    return "\n".join(lines) + "\n\n" + body + "\n"
