"""Fragments rendered once per build and assembled by every page that shows them.

An article's card (theme/templates/macros.html, ``article_card``) appears on each
of its term pages, on its edition's story card, its story page and the related
coverage of other articles; a story's card (``story_card``) on its day's and
month's edition and on the home page. Templates call ``card(article, ...)`` and
``story_fragment(story)`` instead of the macros: each fragment is rendered by
the theme's own macro once per build (or taken from the last build's, see
below) and pages join the rendered, already-escaped Markup.

Pages differ in one thing a fragment shows: ``SITEURL``, which with relative
links is the way up from the page (``../..``). A fragment is rendered with a
placeholder in its place, which each page replaces with its own ``SITEURL``,
escaped as ``{{ SITEURL }}`` escapes it; the placeholder holds a NUL, which no
post can hold (the reader drops it, reader.xml_text), so article text never
meets it. Article text is escaped by the macro exactly as before: a fragment is
the macro's own output.

Between builds, fragments are kept in ``fragments.pickle`` in the cache folder
(CACHE_PATH), each under a hash of everything its macro reads (the theme, the
plugin's code and the settings through ``build_state``, the article's shown
fields, its terms, its story) and the macro's arguments: a fragment is reused
only when its macro would write the same bytes. Fragments not used by a build
are dropped from the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from newsdigest.site.cachefiles import load_keyed, save_keyed

PLACEHOLDER = "\x00SITEURL\x00"  # no post holds a NUL (reader.xml_text drops it)
MACROS = "macros.html"
CACHE_NAME = "fragments.pickle"
_SEP = "\x1f"


class Fragments:
    """The fragments of one build: rendered at most once, kept between builds on disk."""

    def __init__(self, state: str, cache_path: str | None) -> None:
        self.state = state  # incremental.build_state: theme, plugin code, settings
        self.path = Path(cache_path) / CACHE_NAME if cache_path else None
        self.saved: dict[str, str] = self._load()
        self.used: dict[str, str] = {}
        self.rendered = 0  # fragments rendered by a macro in this build (the rest were kept)
        self.modules: dict[int, Any] = {}  # id(environment) -> macros.html's module

    def _load(self) -> dict[str, str]:
        fragments = load_keyed(self.path, self.state) if self.path is not None else None
        return fragments if isinstance(fragments, dict) else {}

    def save(self) -> None:
        """Keep this build's fragments for the next one (only when something changed)."""
        if self.path is None or (not self.rendered and len(self.used) == len(self.saved)):
            return
        save_keyed(self.path, self.state, self.used)

    def _module(self, context: Context) -> Any:
        """macros.html rendered with the settings (upper-case names) and the placeholder."""
        environment = context.environment
        module = self.modules.get(id(environment))
        if module is None:
            names = {k: v for k, v in context.parent.items() if k.isupper()}
            names["SITEURL"] = PLACEHOLDER
            module = environment.get_template(MACROS).make_module(names)
            self.modules[id(environment)] = module
        return module

    def get(self, context: Context, owner: Any, key: tuple[Any, ...], render: Callable) -> Markup:
        """The fragment ``key`` of ``owner`` (an article or a story) for the page of ``context``."""
        memo = owner.__dict__.setdefault("_newsdigest_fragments", {})
        text = memo.get(key)
        if text is None:
            digest = hashlib.sha256(_SEP.join(_inputs(owner, key)).encode()).hexdigest()
            text = self.used.get(digest) or self.saved.get(digest)
            if text is None:
                text = str(render(self._module(context)))
                self.rendered += 1
            self.used[digest] = text
            memo[key] = text
        site_url = context.get("SITEURL")
        return Markup(text.replace(PLACEHOLDER, str(escape("" if site_url is None else site_url))))


def _article_inputs(article: Any) -> list[str]:
    """Everything ``article_card`` shows of an article (its story marker too)."""
    story = getattr(article, "story", None)
    parts = [
        str(article.href),
        str(article.title),
        article.date.date().isoformat(),
        str(getattr(article, "lang", None)),
        str(getattr(article, "source", None)),
        str(getattr(article, "summary", None)),
        f"{story.url} {story.size}" if story is not None else "-",
    ]
    for taxonomy in ("countries", "topics"):
        parts.append(taxonomy)
        for term in getattr(article, taxonomy, ()) or ():
            parts += [term.taxonomy, term.url, term.name, term.flag]
    return parts


def _story_inputs(story: Any) -> list[str]:
    """Everything ``story_card`` shows of a story: its lead, its articles, its sources."""
    parts = [str(story.url), str(story.size), *story.sources, "|", *_article_inputs(story.lead)]
    for other in story.articles:
        parts += [str(other.href), str(other.title), str(getattr(other, "lang", None))]
        parts.append(str(getattr(other, "source", None)))
    return parts


def _inputs(owner: Any, key: tuple[Any, ...]) -> list[str]:
    shown = _story_inputs(owner) if key[0] == "story_card" else _article_inputs(owner)
    return [*map(repr, key), *shown]


_CURRENT: list[Fragments] = []  # the build's fragments (set by the generator, per build)


def start_build(state: str, cache_path: str | None) -> Fragments:
    """Fragments for a new build (``newsdigest serve`` builds again in one process)."""
    _CURRENT[:] = [Fragments(state, cache_path)]
    return _CURRENT[0]


def current() -> Fragments:
    if not _CURRENT:  # a template rendered outside a build (tests): nothing kept on disk
        _CURRENT.append(Fragments("", None))
    return _CURRENT[0]


@pass_context
def card(
    context: Context,
    article: Any,
    heading: str = "h3",
    summary: bool = True,
    marker: bool = True,
) -> Markup:
    """``article_card(article, heading, summary, marker)``, rendered once per build."""
    key = ("article_card", heading, bool(summary), bool(marker))
    return current().get(
        context,
        article,
        key,
        lambda macros: macros.article_card(article, heading, summary=summary, marker=marker),
    )


@pass_context
def story_fragment(context: Context, story: Any, heading: str = "h2") -> Markup:
    """``story_card(story, heading)``, rendered once per build."""
    key = ("story_card", heading)
    return current().get(context, story, key, lambda macros: macros.story_card(story, heading))


def fragment_stats() -> dict[str, int]:
    """How many fragments the build used and how many its macros rendered (tests, bench)."""
    fragments = current()
    return {"used": len(fragments.used), "rendered": fragments.rendered}
