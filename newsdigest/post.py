"""A post: Pelican's metadata header, a blank line, the article body as Markdown paragraphs.

The header holds only the fields below, each on one line. The body is the
article text with every character that Markdown could read as markup escaped,
so a line of article text can never become a heading, a link, a list or HTML.
The last header line, ``Checksum:``, is the SHA-256 of the rest of the post as
ingest wrote it: a post whose content no longer matches was edited by hand.

Who a post belongs to: ``Input:`` is the input file's location relative to the
posts folder (the same whichever folder ingest runs from and however the path
was spelled; characters a header line cannot keep are %-escaped), and
``Item:``, for a file that holds several articles (a feed, an export), which one
(its id, URL or row, escaped the same way), and ``Fingerprint:`` a hash of the
article text (the same article moved or renamed
is still the same post). Posts written before ``Fingerprint:`` existed name
their input relative to the folder ingest ran in; ingest still finds them.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

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
    "URL": None,
    "Summary": None,
    "People": "; ",
    "Organizations": "; ",
    "Input": None,
    "Item": None,
    "Fingerprint": None,
}

CHECKSUM_FIELD = "Checksum"

# Controls (C0, C1), line separators, noncharacters and lone surrogates: never in a header.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
# In an Input: value, what a header line would lose or change: '%' itself, controls and
# separators, whitespace other than a single space between words, undecodable bytes.
_LOCATION_UNSAFE = re.compile(
    r"%|[^\S ]|^ | $| (?= )|[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
)
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


def encode_location(location: str) -> str:
    """An input location as one header value that :func:`decode_location` gives back whole."""
    return _LOCATION_UNSAFE.sub(_percent, location)


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8", "surrogateescape"))


def decode_location(value: str) -> str:
    """The location an ``Input:`` value written by :func:`encode_location` names."""
    return unquote(value, encoding="utf-8", errors="surrogateescape")


def render_post(
    metadata: Metadata,
    parsed: ParsedText,
    location: str,
    fingerprint: str,
    item: str | None = None,
) -> str:
    """The whole post file; ``location`` is the input's place relative to the posts folder,
    ``item`` which article of it the post is when the file holds several (a feed entry's
    id, an export row)."""
    values: dict[str, str | tuple[str, ...] | None] = {
        "Title": metadata.title,
        "Date": metadata.date.isoformat(),
        "Slug": metadata.slug,
        "Lang": metadata.lang,
        "Countries": metadata.countries,
        "Topics": metadata.topics,
        "Tags": metadata.tags,
        "Source": metadata.source,
        "URL": metadata.url,
        "Summary": metadata.summary,
        "People": metadata.people,
        "Organizations": metadata.organizations,
        "Input": encode_location(location),
        "Item": encode_location(item) if item is not None else None,
        "Fingerprint": fingerprint,
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
            lines.append(f"{name}: {value if name in ('Input', 'Item') else header_value(value)}")
    body = "\n\n".join(escape_markdown(p) for p in parsed.paragraphs)
    text = "\n".join(lines) + "\n\n" + body + "\n"
    header, _, rest = text.partition("\n\n")
    return f"{header}\n{CHECKSUM_FIELD}: {_checksum(text)}\n\n{rest}"


def _checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_header(text: str) -> tuple[dict[str, str], str]:
    """(header fields by lower-case name, body) of a post; unknown fields are dropped."""
    header, _, body = text.partition("\n\n")
    known = {name.lower() for name in (*POST_FIELDS, CHECKSUM_FIELD)}
    fields: dict[str, str] = {}
    for line in header.splitlines():
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if colon and name in known:
            fields[name] = value.strip()
    return fields, body


def edited_by_hand(text: str) -> bool:
    """Whether a post differs from what ingest wrote (no checksum: not ingest's, so yes)."""
    header, separator, body = text.partition("\n\n")
    lines = header.splitlines()
    if not lines or not lines[-1].startswith(f"{CHECKSUM_FIELD}: "):
        return True
    recorded = lines[-1].removeprefix(f"{CHECKSUM_FIELD}: ").strip()
    original = "\n".join(lines[:-1]) + separator + body
    return recorded != _checksum(original)
