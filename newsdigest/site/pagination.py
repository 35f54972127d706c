"""Term pages numbered from the oldest article, so a numbered page never changes once full.

A term lists its N articles newest first, P to a page (``DEFAULT_PAGINATION``).
The articles are cut into chunks of P counted from the oldest: chunk 1 holds
the oldest P, chunk k articles (k-1)P+1 to kP counted from the oldest. Chunk k
has the fixed address ``{base_name}/page/{k}/`` (the numbered rule of
``PAGINATION_PATTERNS``, e.g. ``countries/japan/page/3/`` always holds articles
41-60 counted from the oldest). The front page, the term's own address, shows
the articles not yet in a full chunk (the newest N mod P) and the newest full
chunk before them: between P and 2P-1 articles, all N when N < 2P; the chunks
older than that are the numbered pages.

Pages link newest first: from the front page "older" (rel=next) goes to the
highest numbered page, from page k to page k-1; "newer" (rel=prev) goes from
page k to page k+1, and from the highest numbered page to the front page. A
numbered page shows only its articles and these links (no total, no sidebar of
counts), so adding articles rewrites the front page only; when a chunk fills, a
new numbered page appears and the page that was the highest gets its "newer"
link to it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

NUMBERED = "{base_name}/page/{number}/"  # when the settings give no numbered rule


@dataclass(eq=False)
class TermPage:
    """One page of a term's articles: the front page (``number`` None) or chunk ``number``."""

    number: int | None
    object_list: Sequence[Any]
    url: str
    save_as: str
    newer: TermPage | None = field(default=None, repr=False)  # rel=prev
    older: TermPage | None = field(default=None, repr=False)  # rel=next

    @property
    def is_front(self) -> bool:
        return self.number is None

    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def _numbered_rule(settings: dict[str, Any]) -> tuple[str, str]:
    """(URL, SAVE_AS) patterns of a numbered page: the settings' rule for the highest pages."""
    rules = [rule for rule in settings.get("PAGINATION_PATTERNS", ()) if rule[0] > 1]
    if not rules:
        return NUMBERED, NUMBERED + "index.html"
    rule = max(rules, key=lambda rule: rule[0])
    return rule[1], rule[2]


def term_pages(
    save_as: str, url: str, articles: Sequence[Any], settings: dict[str, Any]
) -> list[TermPage]:
    """The pages of a term whose ``articles`` are newest first: the front page first, then
    the numbered pages from the highest (newest) down to 1 (oldest).

    P is ``PAGINATED_TEMPLATES["term"]``, else ``DEFAULT_PAGINATION``; without
    either (or with ``"term"`` left out of ``PAGINATED_TEMPLATES``) one page lists all.
    """
    templates = settings.get("PAGINATED_TEMPLATES") or {}
    per_page = 0
    if "term" in templates:
        per_page = templates["term"] or settings.get("DEFAULT_PAGINATION") or 0
    count = len(articles)
    front = TermPage(None, articles, url, save_as)
    if per_page <= 0 or count < 2 * per_page:
        return [front]
    # Chunks in the front page: the full one before the remainder, and the remainder.
    numbered = count // per_page - 1  # full chunks on pages of their own: 1 .. numbered
    shown = count - numbered * per_page
    front.object_list = articles[:shown]
    url_pattern, save_as_pattern = _numbered_rule(settings)
    # The names Pelican's own pages give the patterns (pelican.paginator.Page).
    name, extension = os.path.splitext(save_as)
    folder, file = os.path.split(save_as)
    base_name = folder if file in ("index.htm", "index.html") else name
    names = {"save_as": save_as, "url": url, "name": name, "base_name": base_name}
    names["extension"] = extension
    pages = [front]
    for number in range(numbered, 0, -1):
        # chunk ``number`` counted from the oldest: the newest first, as every page lists
        start = count - number * per_page
        context = {**names, "number": number}
        page = TermPage(
            number,
            articles[start : start + per_page],
            url_pattern.format(**context).removeprefix("/"),
            save_as_pattern.format(**context).removeprefix("/"),
        )
        page.newer, pages[-1].older = pages[-1], page
        pages.append(page)
    return pages
