"""Stage 4: the Pelican plugin that turns posts into the digest site.

Enable it with ``PLUGINS = ["newsdigest.site"]``: it reads posts with one
markdown-it-py parser, adds countries, topics and tags as taxonomies, and
gives templates the UI strings of the site's language.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from newsdigest.site.generator import DigestGenerator
from newsdigest.site.incremental import IncrementalWriter
from newsdigest.site.labels import check_language, date_formatter, ui_strings
from newsdigest.site.reader import PostReader


def _add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = PostReader


def _forget_python_markdown(generator: Any) -> None:
    """Our reader handles .md; Pelican would warn that Python-Markdown is not installed."""
    generator.readers.disabled_readers.pop("md", None)


def _check_settings(pelican: Any) -> None:
    """Fail at start-up, with the setting's name, rather than half-way through a build."""
    lang = check_language(pelican.settings["DEFAULT_LANG"])
    pelican.settings.setdefault("JINJA_GLOBALS", {})["ui"] = ui_strings(lang)
    pelican.settings.setdefault("JINJA_FILTERS", {})["format_date"] = date_formatter(lang)


def _get_generators(_pelican: Any) -> type:
    return DigestGenerator


def _get_writer(_pelican: Any) -> type:
    return IncrementalWriter


def _drop_pelican_taxonomies(generator: Any) -> None:
    """Tags are one of our taxonomies; Pelican's own tag, author and category pages are off.

    Pelican would still list each author's and category's articles, in time quadratic
    in their number (every post has the same author and category here).
    """
    generator.tags.clear()
    generator.authors.clear()
    generator.categories.clear()


def register() -> None:
    signals.initialized.connect(_check_settings)
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_forget_python_markdown)
    signals.get_generators.connect(_get_generators)
    signals.get_writer.connect(_get_writer)
    signals.article_generator_finalized.connect(_drop_pelican_taxonomies)
