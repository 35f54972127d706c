"""The summary: the lead, cut at a sentence boundary, never a dateline or page leftover."""

from __future__ import annotations

import re

from newsdigest.model import ParsedText

MAX_CHARS = 300
# A sentence ends at . ! ? (maybe closed by a quote) before a space and a capital or quote,
# but not after an initial or a common abbreviation (U.S., Mr., Jan.).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])")
_NOT_AN_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K))[.]$"
)
_MIN_LEAD_CHARS = 40


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, keeping abbreviations and initials inside them."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _NOT_AN_END.search(text[start:end].rstrip('"”’)')):
            continue
        parts.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def extract_summary(parsed: ParsedText) -> str:
    """Whole sentences of the lead up to MAX_CHARS; a long first sentence is cut at a word."""
    lead = parsed.lead
    if len(lead) < _MIN_LEAD_CHARS:
        lead = " ".join(p for p in (lead, *parsed.paragraphs[1:3]) if p)
    summary = ""
    for sentence in sentences(lead):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > MAX_CHARS:
            break
        summary = candidate
    if not summary and lead:
        cut = lead[: MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:-–— ")
        summary = f"{cut}…"
    return summary
