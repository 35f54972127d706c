"""What pages tell sharing sites and search engines (OpenGraph, Twitter, JSON-LD NewsArticle,
rel=canonical, the sitemap's lastmod), the search language of each page, links that open
from disk, and the theme's strings (newsdigest/site/sharing.py, theme/templates/base.html)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from test_story_pages import build

from conftest import ROOT, SEED, SITE_ADDRESS, BuiltSite
from newsdigest.site.search import bundle_languages
from newsdigest.site.sharing import script_json

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = "</script><script>alert(1)</script><!-- & <b>bold</b>"  # a post line: no U+2028
HOSTILE_POST = f"""Title: Rapat {HOSTILE}
Date: 2025-03-04
Lang: id
Countries: JP
Topics: politics
Source: Kantor </script> Berita
Summary: Ringkasan </script><script>alert(2)</script>
People: Budi </script><script>alert(3)</script>; Siti
Input: ../articles/hostile.txt

Rapat kabinet membahas </script><script>alert(4)</script> anggaran.
"""


class Head(HTMLParser):
    """The meta tags, links and script elements of a page, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.html_lang = ""
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = found.get("lang", "")
        elif tag == "meta" and ("property" in found or "name" in found):
            key = found.get("property") or found.get("name") or ""
            self.meta.setdefault(key, []).append(found.get("content", ""))
        elif tag == "link":
            self.links.append(found)
        elif tag == "script":
            self._script = found
            self.scripts.append((found, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text())
    return parser


def json_ld(parsed: Head) -> dict:
    blocks = [text for attrs, text in parsed.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def seed(built_site: BuiltSite) -> dict:
    return built_site.metadata()[SEED.name]


def seed_page(output: Path, seed: dict) -> Path:
    return output / "2023" / "11" / "14" / seed["slug"] / "index.html"


def test_article_pages_carry_opengraph_and_twitter_tags(published: Path, seed: dict) -> None:
    parsed = head(seed_page(published, seed))
    address = f"{SITE_ADDRESS}/2023/11/14/{seed['slug']}/"
    assert parsed.meta["og:type"] == ["article"]
    assert parsed.meta["og:title"] == [seed["title"]]
    assert parsed.meta["og:url"] == [address]
    assert parsed.meta["og:site_name"] == ["newsdigest"]
    assert parsed.meta["og:locale"] == ["id_ID"]
    assert parsed.meta["og:description"][0].startswith(seed["summary"][:40])
    assert parsed.meta["twitter:card"] == ["summary"]
    assert parsed.meta["twitter:title"] == [seed["title"]]
    assert parsed.meta["article:published_time"] == ["2023-11-14"]
    canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
    assert canonical == [address]


def test_every_published_page_has_its_canonical_address(published: Path) -> None:
    for page in published.rglob("*.html"):
        if "pagefind" in page.parts or page.name == "404.html":
            continue
        parsed = head(page)
        canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
        assert len(canonical) == 1 and canonical[0].startswith(f"{SITE_ADDRESS}/"), page
        if "refresh" not in page.read_text():  # a tag's old address points at the tag's page
            path = page.relative_to(published).as_posix().removesuffix("index.html")
            assert canonical[0] == f"{SITE_ADDRESS}/{path}", page
        assert parsed.meta["og:url"] == canonical, page
    assert 'rel="canonical"' not in (published / "404.html").read_text()


def test_a_development_build_claims_no_address(built_site: BuiltSite, seed: dict) -> None:
    parsed = head(seed_page(built_site.output, seed))
    assert not [link for link in parsed.links if link.get("rel") == "canonical"]
    assert "og:url" not in parsed.meta
    assert parsed.meta["og:title"] == [seed["title"]]
    assert "url" not in json_ld(parsed)


def test_article_pages_describe_a_news_article_in_json_ld(published: Path, seed: dict) -> None:
    data = json_ld(head(seed_page(published, seed)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == seed["title"]
    assert data["datePublished"] == "2023-11-14"
    assert data["inLanguage"] == "id"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "newsdigest",
        "url": f"{SITE_ADDRESS}/",
    }
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "Kyodo News"}
    assert data["url"] == f"{SITE_ADDRESS}/2023/11/14/{seed['slug']}/"
    about = {(item["@type"], item["name"]) for item in data["about"]}
    assert {("Country", "Jepang"), ("Country", "Amerika Serikat")} <= about
    assert ("Person", "Antony Blinken") in about


def test_english_articles_say_english_to_readers_and_search(built_site: BuiltSite) -> None:
    output = built_site.output
    english = [m for m in built_site.metadata().values() if m["lang"] == "en"]
    assert english
    for meta in english:
        page = output / meta["date"].replace("-", "/") / meta["slug"] / "index.html"
        parsed = head(page)
        assert parsed.html_lang == "en", page
        assert json_ld(parsed)["inLanguage"] == "en"
        assert parsed.meta["og:locale"] == ["en_US"]
        html = page.read_text()
        # the site's own words around the article stay Indonesian
        assert '<header class="site-header" lang="id">' in html
        assert '<main id="content" class="wrap" lang="id">' in html
    # Pagefind keeps an index per language: English pages are indexed as English.
    languages: set[str] = set()
    for entry in (output / "pagefind").glob("*/pagefind-entry.json"):
        languages |= set(json.loads(entry.read_text())["languages"])
    assert {"id", "en"} <= languages
    search = (output / "search" / "index.html").read_text()
    assert re.search(r'data-languages="[^"]*\ben\b', search)


def test_each_bundle_lists_the_languages_of_its_pages() -> None:
    bundles = {"2025": ["2025/a", "2025/b", "2025/c"], "2024": ["2024/d"], "2023": ["2023/e"]}
    langs = {"2025/a": "en", "2025/b": "en", "2025/c": "id", "2024/d": "en", "2023/e": "id"}
    assert bundle_languages(bundles, langs, "id") == ["id,en", "en", "id"]
    assert bundle_languages(bundles, langs, "en") == ["en,id", "en", "id"]


def test_the_sitemap_gives_each_address_its_last_change(published: Path, seed: dict) -> None:
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ET.parse(published / "sitemap.xml").getroot().iter(f"{SITEMAP}url")
    }
    assert len(urls) > 50
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or "") for day in urls.values())
    assert urls[f"{SITE_ADDRESS}/2023/11/14/{seed['slug']}/"] == "2023-11-14"
    assert urls[f"{SITE_ADDRESS}/"] == max(urls.values())
    assert urls[f"{SITE_ADDRESS}/2023/11/"] >= "2023-11-14"


def test_script_json_cannot_end_its_element() -> None:
    hostile = f"{HOSTILE} \u2028 \u2029"
    text = script_json({"headline": hostile})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"headline": hostile}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "hostile.md").write_text(HOSTILE_POST, encoding="utf-8")
    build(root / "content", root / "output")
    return root / "output"


def test_a_hostile_title_stays_text_in_json_ld_and_meta_tags(hostile_site: Path) -> None:
    page = next(hostile_site.glob("2025/03/04/*/index.html"))
    html = page.read_text()
    assert "<script>alert" not in html
    parsed = head(page)
    # Only the page's own script element: the article text opened none.
    assert [attrs.get("type") for attrs, _ in parsed.scripts] == ["application/ld+json"]
    data = json_ld(parsed)
    assert data["headline"] == f"Rapat {HOSTILE}"
    assert data["sourceOrganization"]["name"] == "Kantor </script> Berita"
    assert ("Person", "Budi </script><script>alert(3)</script>") in {
        (item["@type"], item["name"]) for item in data["about"]
    }
    assert data["description"] == "Ringkasan </script><script>alert(2)</script>"
    assert parsed.meta["og:title"] == [f"Rapat {HOSTILE}"]
    assert parsed.meta["twitter:title"] == [f"Rapat {HOSTILE}"]


def test_index_html_links_open_every_page_from_disk(disk_site: Path) -> None:
    """With INDEX_HTML_LINKS = True no link points at a folder: each names its file."""
    output = disk_site
    checked = 0
    for page in output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        base = "/" + page.relative_to(output).as_posix()
        html = page.read_text()
        # what a reader follows: links, scripts, stylesheets, a redirect (not rel=canonical)
        targets = re.findall(r'<a [^>]*href="([^"#]+)"', html) + re.findall(r'src="([^"]+)"', html)
        targets += re.findall(r'; url=([^"]+)"', html)
        for target in targets:
            if target.startswith(("http:", "https:")):
                continue
            assert not target.endswith("/"), (page, target)
            assert (output / urljoin(base, target).lstrip("/")).is_file(), (page, target)
            checked += 1
    assert checked > 1000


def test_every_ui_string_exists_in_both_languages() -> None:
    strings = json.loads((ROOT / "newsdigest" / "site" / "data" / "ui.json").read_text("utf-8"))
    assert set(strings["id"]) == set(strings["en"])
    used = set()
    for template in (ROOT / "theme" / "templates").glob("*.html"):
        used |= set(re.findall(r"(?<![\w-])ui\.([a-z_]+)", template.read_text()))
    assert used and used <= set(strings["id"]), used - set(strings["id"])
    assert "file://" in strings["id"]["search_needs_server"]
    assert "newsdigest serve" in strings["en"]["search_needs_server"]
