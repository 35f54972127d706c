"""The posts as the last build read them, kept between builds in one file.

Pelican reads every post on every build: even from a cache of parsed posts it
makes each post's Article anew (slug, dates, addresses, author), and that is most
of a rebuild's reading. Here the Articles themselves are kept, each with the stamp
of its file as it was read (incremental.stamp_of: path, modification time, size,
inode, change time), in one file under CACHE_PATH. A rebuild makes anew only the
Articles of posts added or changed, and takes the others as they were read, given
this build's settings and context. The cache folder is named by the code and the
libraries a post is read with (reader.reading_state); the file also holds a key of
the settings but where the output goes and its address; with another key nothing is
taken from it. Installed on Pelican's ArticlesGenerator as its generator-level cache
(``get_cached_data``, ``cache_data``, ``save_cache``).

As with Pelican's own generator-level cache, an Article taken is not made again, so
what Pelican does while making one is not done for it: the ``content_object_init``,
``article_generator_preread`` and ``article_generator_context`` signals (another plugin
listening to them sees only the posts read anew) and the locale Pelican sets for
``DATE_FORMATS`` given as (locale, format).
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

from pelican.urlwrappers import URLWrapper

from newsdigest.site.cachefiles import load_keyed, save_keyed
from newsdigest.site.incremental import STAMP, hash_parts, settings_state, stamp_of

logger = logging.getLogger(__name__)

FILE_NAME = "articles.pickle"
# Where the output goes and its address: pages differ, Articles do not.
NOT_READ = frozenset({"OUTPUT_PATH", "SITEURL", "RELATIVE_URLS", "FEED_DOMAIN"})
_OWN = ("settings", "_context")  # this build's, given to every Article taken
_CLASS, _WRAPPED = "__class__", "__wrapped__"  # a kept state's class, and which attributes
# hold authors, categories or tags (made again for this build)


def kept_key(settings: dict[str, Any]) -> str:
    """The settings an Article is made with (the code and libraries name its folder)."""
    return hash_parts(
        f"{name}={text}" for name, text in settings_state(settings) if name not in NOT_READ
    )


class _Wrapped(NamedTuple):
    """An author, category or tag of Pelican's, kept as its class and name (it holds the
    settings, which are this build's)."""

    kind: type
    name: str


def _detach(value: Any) -> Any:
    """``value`` to keep: Pelican's authors, categories and tags (in lists and dicts too)
    as their class and name; ``value`` itself when it holds none (a dict is always new)."""
    if isinstance(value, URLWrapper):
        return _Wrapped(type(value), value.name)
    if isinstance(value, dict):
        return {key: _detach(item) for key, item in value.items()}
    if isinstance(value, list) and any(isinstance(item, URLWrapper) for item in value):
        return [_detach(item) for item in value]
    return value


def _attach(value: Any, settings: dict[str, Any], made: dict[_Wrapped, Any]) -> Any:
    """A kept ``value`` with this build's authors, categories and tags: one of each name per
    build (every post has the same author; Pelican would make its slug for each)."""
    if isinstance(value, _Wrapped):
        wrapper = made.get(value)
        if wrapper is None:
            wrapper = made[value] = value.kind(value.name, settings)
        return wrapper
    if isinstance(value, dict):
        return {key: _attach(item, settings, made) for key, item in value.items()}
    if isinstance(value, list) and any(isinstance(item, _Wrapped) for item in value):
        return [_attach(item, settings, made) for item in value]
    return value


class KeptArticles:
    """The cache methods of one ArticlesGenerator: Articles kept in ``path`` under ``key``."""

    def __init__(self, generator: Any, path: Path, key: str, load: bool = True) -> None:
        self.generator = generator
        self.path = path
        self.key = key
        self.kept: dict[str, tuple[str, bytes]] = self._load() if load else {}
        self.now: dict[str, tuple[str, bytes]] = {}  # what this build read or took
        self.changed = False
        self.wrappers: dict[_Wrapped, Any] = {}  # the authors (...) given in this build

    def _load(self) -> dict[str, tuple[str, bytes]]:
        kept = load_keyed(self.path, self.key)
        return kept if isinstance(kept, dict) else {}

    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        """The Article of ``filename`` (relative to the content folder) as the last build
        read it, if the file has not changed since; else ``default``."""
        entry = self.kept.get(filename)
        if entry is None:
            return default
        stamp, data = entry
        try:
            if stamp_of(os.path.abspath(os.path.join(self.generator.path, filename))) != stamp:
                return default
            state = pickle.loads(data)
            kind, wrapped = state.pop(_CLASS), state.pop(_WRAPPED)
        except Exception:  # gone, or kept by other code: read it
            return default
        settings = self.generator.settings
        for name in wrapped:  # only the attributes that hold authors, categories or tags
            state[name] = _attach(state[name], settings, self.wrappers)
        article = object.__new__(kind)
        article.__dict__.update(state)
        article.settings = settings
        article._context = self.generator.context
        self.now[filename] = entry
        return article

    def cache_data(self, filename: str, article: Any) -> None:
        """Keep ``article``, just read from ``filename``, as it is now (the site adds to it
        later in the build: its story, its neighbours)."""
        stamp = getattr(article, STAMP, None)
        if stamp is None:
            return  # not read by the site's reader: read it again next build
        try:
            state: dict[str, Any] = {_CLASS: type(article)}
            wrapped = []
            for name, value in vars(article).items():
                if name not in _OWN:
                    state[name] = _detach(value)
                    if state[name] is not value:
                        wrapped.append(name)
            state[_WRAPPED] = tuple(wrapped)
            data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # something in it cannot be kept: read it again
            logger.debug("article %s not kept: %s", filename, error)
            return
        self.now[filename] = (str(stamp), data)
        self.changed = True

    def save_cache(self) -> None:
        """Write the Articles of this build when any was read anew or a post is gone; then
        let go of them (Pelican saves once, when every post is read; the stories are
        grouped after, in the most memory a build takes)."""
        if self.changed or self.now.keys() != self.kept.keys():
            save_keyed(self.path, self.key, self.now)
        self.kept, self.now, self.changed = {}, {}, False


def keep_articles(generator: Any) -> None:
    """Give an ArticlesGenerator the kept Articles as its cache (loaded when
    LOAD_CONTENT_CACHE is on)."""
    settings = generator.settings
    store = KeptArticles(
        generator,
        Path(settings["CACHE_PATH"]) / FILE_NAME,
        kept_key(settings),
        load=bool(settings.get("LOAD_CONTENT_CACHE")),
    )
    generator.get_cached_data = store.get_cached_data
    generator.cache_data = store.cache_data
    generator.save_cache = store.save_cache
