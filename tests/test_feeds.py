"""Feeds: Atom and RSS 2.0 for the site and every country, topic and tag, each one valid,
with an id of its own, a title without the site's name twice, the source agency as author
and the article's countries and topics as categories; in a development build and a
publish build (newsdigest/site/feeds.py)."""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import SEED, SITE_ADDRESS, BuiltSite

ATOM = "{http://www.w3.org/2005/Atom}"
# What an id may be: an absolute IRI (never a "tag:None," or a bare path like "/").
ABSOLUTE_ID = re.compile(
    r"(urn:uuid:[0-9a-f-]{36}|tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:/\S*|https?://\S+)"
)


def atom_feeds(output: Path) -> list[Path]:
    return [output / "feed.xml", *sorted(output.glob("*/*/feed.xml"))]


def rss_feeds(output: Path) -> list[Path]:
    return [output / "rss.xml", *sorted(output.glob("*/*/rss.xml"))]


def check_atom(path: Path) -> ET.Element:
    """An Atom 1.0 feed as RFC 4287 requires it, and as feedparser reads it without complaint."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.bozo_exception)
    assert parsed.version == "atom10", path
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed", path
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), (path, required)
    assert ABSOLUTE_ID.fullmatch(feed.findtext(f"{ATOM}id") or ""), path
    rels = {link.get("rel") for link in feed.findall(f"{ATOM}link")}
    assert {"self", "alternate"} <= rels, path
    entries = feed.findall(f"{ATOM}entry")
    assert entries, path
    for entry in entries:
        for required in ("id", "title", "updated", "published"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), (path, required)
        assert ABSOLUTE_ID.fullmatch(entry.findtext(f"{ATOM}id") or ""), path
        # every entry has its author (the feed has none to inherit)
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip(), path
        assert entry.find(f"{ATOM}link").get("href"), path
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term") and category.get("label"), path
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids)), path
    return feed


def check_rss(path: Path) -> ET.Element:
    """An RSS 2.0 channel with its required elements, every item with a guid and a date."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.bozo_exception)
    assert parsed.version == "rss20", path
    rss = ET.parse(path).getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0", path
    channel = rss.find("channel")
    assert channel is not None, path
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), (path, required)
    items = channel.findall("item")
    assert items, path
    for item in items:
        assert (item.findtext("title") or "").strip(), path
        assert (item.findtext("link") or "").strip(), path
        assert ABSOLUTE_ID.fullmatch(item.findtext("guid") or ""), path
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate") or "") is not None
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator"), path
    return rss


def test_every_term_has_an_atom_and_an_rss_feed(built_site: BuiltSite) -> None:
    output = built_site.output
    terms = [p.parent for p in output.glob("*/*/index.html") if p.parent.parent.name in (
        "countries", "topics", "tags") and "refresh" not in p.read_text()]  # fmt: skip
    assert len(terms) > 20
    for term in terms:
        assert (term / "feed.xml").is_file(), term
        assert (term / "rss.xml").is_file(), term
    assert (output / "feed.xml").is_file() and (output / "rss.xml").is_file()


@pytest.mark.parametrize("build", ["development", "publish"])
def test_every_feed_is_valid(built_site: BuiltSite, published: Path, build: str) -> None:
    output = built_site.output if build == "development" else published
    atom, rss = atom_feeds(output), rss_feeds(output)
    assert len(atom) > 20 and len(atom) == len(rss)
    for path in atom:
        check_atom(path)
    for path in rss:
        check_rss(path)


@pytest.mark.parametrize("build", ["development", "publish"])
def test_each_feed_has_an_id_of_its_own(built_site: BuiltSite, published: Path, build: str) -> None:
    output = built_site.output if build == "development" else published
    ids = Counter(ET.parse(path).getroot().findtext(f"{ATOM}id") for path in atom_feeds(output))
    assert all(count == 1 for count in ids.values()), ids.most_common(3)
    for path in [*atom_feeds(output), *rss_feeds(output)]:
        assert "tag:None" not in path.read_text(), path


def test_an_article_has_one_id_in_every_feed_that_lists_it(built_site: BuiltSite) -> None:
    """An entry's id names the article, not the feed: readers see the same entry once."""
    seen: dict[str, set[str]] = {}
    for path in atom_feeds(built_site.output):
        for entry in ET.parse(path).getroot().iter(f"{ATOM}entry"):
            link = urljoin("/" + path.relative_to(built_site.output).as_posix(),
                           entry.find(f"{ATOM}link").get("href"))  # fmt: skip
            seen.setdefault(link, set()).add(entry.findtext(f"{ATOM}id") or "")
    assert len(seen) > 20
    assert all(len(ids) == 1 for ids in seen.values())
    all_ids = [next(iter(ids)) for ids in seen.values()]
    assert len(set(all_ids)) == len(all_ids)


def test_term_feed_titles_name_the_term_then_the_site(built_site: BuiltSite) -> None:
    output = built_site.output
    japan = ET.parse(output / "countries" / "japan" / "feed.xml").getroot()
    assert japan.findtext(f"{ATOM}title") == "Jepang · newsdigest"
    rss = ET.parse(output / "countries" / "japan" / "rss.xml").getroot()
    assert rss.findtext("channel/title") == "Jepang · newsdigest"
    assert ET.parse(output / "feed.xml").getroot().findtext(f"{ATOM}title") == "newsdigest"
    for path in [*atom_feeds(output), *rss_feeds(output)]:
        feed = ET.parse(path).getroot()
        title = feed.findtext(f"{ATOM}title") or feed.findtext("channel/title") or ""
        assert title.count("newsdigest") == 1, (path, title)


def test_entries_name_the_source_and_carry_countries_and_topics(built_site: BuiltSite) -> None:
    seed = built_site.metadata()[SEED.name]
    feed = ET.parse(built_site.output / "countries" / "japan" / "feed.xml").getroot()
    entry = next(
        e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == seed["title"]
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == seed["source"] == "Kyodo News"
    labels = {c.get("label") for c in entry.findall(f"{ATOM}category")}
    terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert {"Jepang", "Amerika Serikat"} <= labels
    assert "japan" in terms and seed["topics"][0] in terms
    rss = ET.parse(built_site.output / "countries" / "japan" / "rss.xml").getroot()
    item = next(i for i in rss.iter("item") if i.findtext("title") == seed["title"])
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Kyodo News"
    assert "Jepang" in {c.text for c in item.findall("category")}
    # every entry of the site's feed names its source where the post has one
    sources = {m["title"]: m["source"] for m in built_site.metadata().values()}
    site_feed = ET.parse(built_site.output / "feed.xml").getroot()
    for entry in site_feed.iter(f"{ATOM}entry"):
        source = sources.get(entry.findtext(f"{ATOM}title") or "")
        if source:
            assert entry.findtext(f"{ATOM}author/{ATOM}name") == source


def test_english_entries_say_their_language(built_site: BuiltSite) -> None:
    langs = {m["title"]: m["lang"] for m in built_site.metadata().values()}
    feed = ET.parse(built_site.output / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    marked = {
        e.findtext(f"{ATOM}title"): e.get("{http://www.w3.org/XML/1998/namespace}lang")
        for e in feed.iter(f"{ATOM}entry")
    }
    assert "en" in marked.values()
    for title, lang in marked.items():
        if langs.get(title or "") in ("en", "id"):
            assert lang == langs[title or ""], title


def test_development_feed_links_lead_to_the_pages(built_site: BuiltSite) -> None:
    """Without a site address, links are relative to the feed, like the pages' links."""
    output = built_site.output
    for path in [output / "feed.xml", output / "countries" / "japan" / "feed.xml"]:
        base = "/" + path.relative_to(output).as_posix()
        for entry in ET.parse(path).getroot().iter(f"{ATOM}entry"):
            target = urljoin(base, entry.find(f"{ATOM}link").get("href")).lstrip("/")
            assert (output / target / "index.html").is_file(), (path, target)


def test_published_feeds_use_the_site_address(published: Path) -> None:
    feed = check_atom(published / "countries" / "japan" / "feed.xml")
    assert feed.findtext(f"{ATOM}id") == f"{SITE_ADDRESS}/countries/japan/feed.xml"
    for entry in feed.iter(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert re.fullmatch(
            r"tag:example\.org,\d{4}-\d{2}-\d{2}:/digest/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/", entry_id
        )
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITE_ADDRESS}/")
        schemes = {c.get("scheme") for c in entry.findall(f"{ATOM}category")}
        assert f"{SITE_ADDRESS}/countries/" in schemes
    rss = check_rss(published / "rss.xml")
    assert rss.findtext("channel/link") == f"{SITE_ADDRESS}/"
    assert all(urlsplit(i.findtext("link") or "").netloc == "example.org" for i in rss.iter("item"))


def test_every_page_links_the_site_feeds_and_term_pages_their_own(built_site: BuiltSite) -> None:
    output = built_site.output
    pages = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 50
    for page in pages:
        head = page.read_text().split("</head>", 1)[0]
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]+feed\.xml">', head
        ), page
        assert re.search(
            r'<link rel="alternate" type="application/rss\+xml"[^>]+rss\.xml">', head
        ), page
    japan = (output / "countries" / "japan" / "index.html").read_text().split("</head>", 1)[0]
    assert (
        'type="application/atom+xml" title="Jepang · newsdigest (Atom)" href="../../countries/japan/feed.xml"'
        in japan
    )
    assert (
        'type="application/rss+xml" title="Jepang · newsdigest (RSS)" href="../../countries/japan/rss.xml"'
        in japan
    )


def test_an_entry_written_once_per_build_is_the_entry_each_feed_would_write(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    """Feeds of one build share each article's entry (feeds.make_feed's ``entries``): the
    same bytes as each feed written on its own, for the site and its terms' feeds."""
    import io
    import shutil

    from conftest import ROOT, read_articles
    from newsdigest.site.build import load_settings
    from newsdigest.site.feeds import ATOM, RSS, make_feed

    content = tmp_path / "content"
    shutil.copytree(built_site.content, content, ignore=shutil.ignore_patterns(".cache"))
    articles = sorted(read_articles(content, tmp_path / "out").values(), key=lambda a: a.date)
    settings = load_settings(ROOT / "pelicanconf.py", tmp_path / "out", content)
    listed = {
        "feed.xml": articles[::-1],
        "countries/id/feed.xml": articles[::2],
        "topics/economy/feed.xml": articles[1::2],
        "tags/a/feed.xml": articles[::3],
    }

    def text(feed) -> str:
        out = io.StringIO()
        feed.write(out, "utf-8")
        return out.getvalue()

    for kind in (ATOM, RSS):
        entries: dict = {}
        for path, shown in listed.items():
            alone = text(make_feed(shown, settings, path, kind, "X"))
            shared = text(make_feed(shown, settings, path, kind, "X", entries))
            assert shared == alone
        # the term feeds (one depth) share entries; the site's feed links from elsewhere
        in_terms = {id(a) for path, shown in listed.items() if path != "feed.xml" for a in shown}
        assert len(entries) == len(articles) + len(in_terms)
