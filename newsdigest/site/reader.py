"""A Pelican reader for newsdigest posts, rendering Markdown with one markdown-it-py parser.

Only the header fields newsdigest writes are read; any other ``Key: value``
line (``Status:``, ``Template:``, ``Save_as:``) is ignored, so a post can never
steer where or how Pelican writes it. Raw HTML in the body is not rendered.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import ClassVar

from markdown_it import MarkdownIt
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

import newsdigest
from newsdigest.site.incremental import hash_parts, tree_hash
from newsdigest.site.taxonomy import make_terms
from newsdigest.write.post import POST_FIELDS, read_header

_FIELDS = {name.lower(): separator for name, separator in POST_FIELDS.items()}
# What a parsed post depends on besides the post and this package's code.
READ_SETTINGS = (
    "DEFAULT_LANG", "ARTICLE_URL", "ARTICLE_SAVE_AS", "ARTICLE_LANG_URL", "ARTICLE_LANG_SAVE_AS",
)  # fmt: skip
# One parser for the whole build: CommonMark with raw HTML off, links validated
# (markdown-it refuses javascript:, vbscript:, file: and data: other than images).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def split_post(text: str) -> tuple[dict[str, str], str]:
    """(header fields newsdigest knows, body) of a post file."""
    fields, body = read_header(text)
    return {name: value for name, value in fields.items() if name in _FIELDS}, body


def reading_state(settings: dict[str, object]) -> str:
    """A short hash of what a parsed post depends on: this package's code and READ_SETTINGS.

    Pelican keeps parsed posts between builds without asking whether either changed.
    """
    code = tree_hash((os.path.dirname(newsdigest.__file__),))
    return hash_parts([code, *(repr(settings.get(name)) for name in READ_SETTINGS)])[:16]


class PostReader(BaseReader):
    """Reads ``.md`` posts written by ``newsdigest ingest`` (or edited by hand)."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, object]]:
        text = Path(source_path).read_text(encoding="utf-8")
        fields, body = split_post(text)
        metadata: dict[str, object] = {}
        for name, value in fields.items():
            separator = _FIELDS[name]
            if separator is None:
                metadata[name] = self._single(name, value)
            else:
                items = [v.strip() for v in value.split(separator.strip()) if v.strip()]
                metadata[name] = self._list(name, items)
        date = metadata.get("date")
        if hasattr(date, "strftime"):
            # For ARTICLE_URL: formatting {date:%Y} per URL lookup costs more than the page.
            metadata["datepath"] = f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
        metadata.update(self._addresses(metadata))
        return _MARKDOWN.render(body), metadata

    def _addresses(self, metadata: dict[str, object]) -> dict[str, str]:
        """The article's url and save_as, made once here.

        Pelican would format them from the settings on every use (several times per
        page, per link and per check). Settings that need what only Pelican knows
        ({category}, {author}, {path}) are left to Pelican.
        """
        lang = metadata.get("lang", self.settings["DEFAULT_LANG"])
        prefix = "ARTICLE_" if lang == self.settings["DEFAULT_LANG"] else "ARTICLE_LANG_"
        fields = {**metadata, "lang": lang}
        try:
            return {
                "url": str(self.settings[f"{prefix}URL"]).format(**fields),
                "save_as": str(self.settings[f"{prefix}SAVE_AS"]).format(**fields),
            }
        except (KeyError, IndexError, AttributeError, ValueError):
            return {}

    def _single(self, name: str, value: str) -> object:
        if name == "date":
            try:  # the form ingest writes; Pelican's own parser is far slower
                return SafeDatetime.fromisoformat(value)
            except ValueError:
                return self.process_metadata("date", value)
        if name == "summary":
            return html.escape(value)  # Pelican treats a summary as HTML
        return value

    def _list(self, name: str, items: list[str]) -> object:
        if name in ("countries", "topics", "tags"):
            return make_terms(name, items, self.settings)
        return items
