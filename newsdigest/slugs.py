"""URL slugs, one rule for posts and taxonomy terms (python-slugify)."""

from __future__ import annotations

from slugify import slugify

MAX_SLUG_LENGTH = 80


def slug_for(text: str) -> str:
    """A lower-case ASCII slug, cut at a word boundary; ``untitled`` when nothing is left."""
    return slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "untitled"


def unique_slug(slug: str, taken: set[str]) -> str:
    """``slug`` or ``slug-2``, ``slug-3``...: the first not in ``taken`` (which it joins)."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
