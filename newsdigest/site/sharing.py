"""What pages tell the sites they are shared on and search engines, and how they link.

- ``news_article``: an article page's JSON-LD ``NewsArticle`` (schema.org), for a
  ``<script type="application/ld+json">`` element. Article text is data: the JSON is
  written with ``<``, ``>`` and ``&`` (and U+2028, U+2029) as ``\\u`` escapes, so
  no title or name can end the element (``</script>``) or open a comment.
- ``page_url``: the links of the theme. With ``INDEX_HTML_LINKS = True`` a folder
  address (``countries/japan/``) is linked as ``countries/japan/index.html``, so
  pages open from disk (``file://``), where a folder opens as a listing.
- ``canonical_path``: a page's address on the site from the file it is saved as.
- ``og_locale``: the OpenGraph locale of a language (``id`` -> ``id_ID``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

OG_LOCALES = {"id": "id_ID", "en": "en_US"}
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)  # every character HTML would read here is escaped


def page_lang(article: Any, default: str) -> str:
    """The language a page about ``article`` is in: its own, unless unknown."""
    lang = getattr(article, "lang", None)
    return lang if lang and lang != "und" else default


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def canonical_path(save_as: str) -> str:
    """``countries/japan/index.html`` -> ``countries/japan/``; ``index.html`` -> ""."""
    return save_as.removesuffix("index.html")


def link_maker(index_html: bool) -> Callable[[str], str]:
    """The theme's ``page_url`` filter: folder addresses end in index.html when asked."""

    def page_url(url: str) -> str:
        url = str(url)
        if index_html and (not url or url.endswith("/")):
            return f"{url}index.html"
        return url

    return page_url


def _text(value: Any) -> str:
    """Plain text of a value Pelican keeps as HTML (a summary)."""
    return Markup(str(value or "")).striptags()


def news_article_maker(settings: Mapping[str, Any], site_address: str) -> Callable[[Any], Markup]:
    """The theme's ``news_article(article)``: its JSON-LD NewsArticle."""
    site_name = str(settings.get("SITENAME") or "")
    default_lang = str(settings["DEFAULT_LANG"])

    def news_article(article: Any) -> Markup:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": str(article.title),
            "datePublished": article.date.date().isoformat(),
            "inLanguage": page_lang(article, default_lang),
        }
        summary = _text(getattr(article, "summary", ""))
        if summary:
            data["description"] = summary
        if site_address:
            data["url"] = data["mainEntityOfPage"] = f"{site_address}/{article.url}"
        publisher: dict[str, Any] = {"@type": "Organization", "name": site_name}
        if site_address:
            publisher["url"] = f"{site_address}/"
        data["publisher"] = publisher
        source = getattr(article, "source", None)
        if source:
            data["author"] = data["sourceOrganization"] = {"@type": "Organization", "name": source}
        source_url = getattr(article, "source_url", None)
        if source_url:
            data["isBasedOn"] = source_url
        about: list[dict[str, str]] = [
            {"@type": "Country", "name": term.name, "identifier": term.key}
            for term in getattr(article, "countries", ())
        ]
        about += [{"@type": "Person", "name": name} for name in getattr(article, "people", ())]
        if about:
            data["about"] = about
        topics = [term.name for term in getattr(article, "topics", ())]
        if topics:
            data["articleSection"] = topics
        return script_json(data)

    return news_article
