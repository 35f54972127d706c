"""The built site read as files: pages, links, feeds, editions, map, search index."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from conftest import ROOT, SEED, BuiltSite, run_cli
from newsdigest.site.search import plan_bundles

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def seed(built_site: BuiltSite) -> dict:
    return built_site.metadata()[SEED.name]


def links(page: Path, output: Path) -> set[str]:
    """Internal links of a page, resolved to paths relative to the output folder."""
    base = "/" + page.relative_to(output).as_posix()
    found = set()
    for href in re.findall(r'href="([^"#]+)"', page.read_text()):
        target = urljoin(base, href).lstrip("/")
        found.add(target.removesuffix("index.html"))
    return found


def test_article_page_has_title_date_source_and_links_to_its_terms(built_site, seed) -> None:
    output = built_site.output
    page = output / "2023" / "11" / "14" / seed["slug"] / "index.html"
    html = page.read_text()
    assert "<h1>AS, Jepang dan Korea Selatan" in html
    assert '<time datetime="2023-11-14">14 November 2023</time>' in html
    assert "Kyodo News" in html
    targets = links(page, output)
    assert {
        "countries/japan/",
        "countries/united-states/",
        "countries/palestinian-territories/",
    } <= targets
    assert f"topics/{seed['topics'][0]}/" in targets
    assert "tags/antony-blinken/" in targets


def test_term_pages_list_the_article_and_link_back(built_site, seed) -> None:
    output = built_site.output
    article_url = f"2023/11/14/{seed['slug']}/"
    for term_page in ("countries/japan/", f"topics/{seed['topics'][0]}/", "tags/antony-blinken/"):
        page = output / term_page / "index.html"
        assert article_url in links(page, output), term_page
        assert (output / term_page / "feed.xml").is_file()


def test_every_article_is_reachable_from_a_country_or_topic_page(built_site) -> None:
    output = built_site.output
    reachable = set()
    for taxonomy in ("countries", "topics"):
        index = output / taxonomy / "index.html"
        for term in links(index, output):
            if term.startswith(f"{taxonomy}/") and term != f"{taxonomy}/":
                for page in (output / term).rglob("index.html"):
                    reachable |= links(page, output)
    articles = {
        p.parent.relative_to(output).as_posix() + "/" for p in output.glob("20*/*/*/*/index.html")
    }
    assert articles and articles <= reachable


def test_country_page_shows_countries_covered_with_it(built_site) -> None:
    html = (built_site.output / "countries" / "japan" / "index.html").read_text()
    assert "Sering diliput bersama" in html
    assert "🇯🇵" in html


def test_term_feed_is_atom_with_the_article(built_site, seed) -> None:
    feed = ET.parse(built_site.output / "countries" / "japan" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert seed["title"] in titles


def test_countries_index_has_a_linked_world_map_and_a_text_list(built_site) -> None:
    html = (built_site.output / "countries" / "index.html").read_text()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert '<title id="world-map-title">' in svg and '<desc id="world-map-desc">' in svg
    assert 'href="japan/index.html"' in svg  # each covered country links to its page
    assert 'data-country="JP"' in svg
    assert "<table" in html and "Jepang" in html  # the same data as text


def test_home_shows_the_latest_edition_as_stories(built_site) -> None:
    output = built_site.output
    html = (output / "index.html").read_text()
    latest = max(m["date"] for m in built_site.metadata().values())
    assert f'<time datetime="{latest}">' in html
    assert 'class="card story"' in html
    assert 'href="./theme/css/site.css"' in html


def test_day_and_month_editions_link_to_each_other(built_site, seed) -> None:
    output = built_site.output
    day = (output / "2023" / "11" / "14" / "index.html").read_text()
    assert seed["title"] in day
    assert 'rel="next"' in day  # a newer edition exists
    month = (output / "2023" / "11" / "index.html").read_text()
    assert "November 2023" in month and seed["title"] in month


def test_related_coverage_links_only_to_article_pages(built_site) -> None:
    """Related coverage is shown only when it is related (tests/test_story_pages.py builds
    posts that are); these labelled articles report different events, months apart."""
    output = built_site.output
    for page in output.glob("20*/*/*/*/index.html"):
        html = page.read_text()
        if 'class="related"' not in html:
            continue
        section = html.split('class="related"', 1)[1].split("</section>", 1)[0]
        base = "/" + page.relative_to(output).as_posix()
        for href in re.findall(r'href="([^"#]+)"', section):
            target = urljoin(base, href).lstrip("/")
            assert (output / target).is_file() or (output / target / "index.html").is_file()


def test_every_link_is_relative_so_the_site_works_under_any_sub_path(built_site) -> None:
    for page in built_site.output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        for target in re.findall(r'(?:href|src)="([^"]*)"', page.read_text()):
            assert not target.startswith(("/", "http:", "https:")), (page, target)


def test_no_internal_link_is_broken(built_site) -> None:
    output = built_site.output
    for page in output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        base = "/" + page.relative_to(output).as_posix()
        html = page.read_text()
        # a tag's old address sends the browser on with a meta refresh: its target counts too
        targets = re.findall(r'(?:href|src)="([^"#]+)', html) + re.findall(r'; url=([^"]+)"', html)
        for target in targets:
            path = urljoin(base, target).lstrip("/").split("?")[0]
            resolved = output / path
            if path.endswith("/") or resolved.is_dir():
                resolved = resolved / "index.html"
            assert resolved.is_file(), f"{page.relative_to(output)} -> {target}"


def test_page_leftovers_appear_nowhere_in_the_site(built_site) -> None:
    for path in built_site.output.rglob("*"):
        if path.suffix in (".html", ".xml"):
            assert "KOMENTAR" not in path.read_text(), path


def test_search_index_robots_and_404_are_built(built_site) -> None:
    output = built_site.output
    assert (output / "pagefind" / "pagefind-ui.js").is_file()
    assert list((output / "pagefind").glob("*/pagefind-entry.json"))
    assert (output / "search" / "index.html").is_file()
    assert (output / "404.html").is_file()
    assert "User-agent: *" in (output / "robots.txt").read_text()


def test_english_site_names_countries_and_topics_in_english(tmp_path: Path, built_site) -> None:
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "DEFAULT_LANG": "en",
            "PATH": str(built_site.content),
            "OUTPUT_PATH": str(tmp_path / "en"),
        },
    )
    Pelican(settings).run()
    html = (tmp_path / "en" / "countries" / "japan" / "index.html").read_text()
    assert '<html lang="en">' in html and "Japan</h1>" in html
    assert "Often covered with" in html
    assert "Politics and government" in (tmp_path / "en" / "topics" / "index.html").read_text()


def test_bad_site_language_is_refused_with_the_setting_name(tmp_path: Path, built_site) -> None:
    settings = tmp_path / "conf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text().replace('DEFAULT_LANG = "id"', 'DEFAULT_LANG = "xx"')
    )
    done = run_cli(
        "build", "--settings", str(settings), "--content", str(built_site.content),
        "--output", str(tmp_path / "out"),
    )  # fmt: skip
    assert done.returncode != 0
    assert "DEFAULT_LANG" in done.stderr


def test_publish_settings_give_absolute_feed_and_sitemap_urls(tmp_path: Path, built_site) -> None:
    out = tmp_path / "public"
    done = run_cli(
        "build", "--settings", str(ROOT / "publishconf.py"), "--content", str(built_site.content),
        "--output", str(out), env={"NEWSDIGEST_SITEURL": "https://example.org/digest/"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(url.startswith("https://example.org/digest/") for url in locations)
    assert "https://example.org/digest/countries/japan/" in locations
    feed = ET.parse(out / "countries" / "japan" / "feed.xml").getroot()
    assert all(
        link.get("href", "").startswith("https://example.org/digest/")
        for link in feed.iter(f"{ATOM}link")
    )
    assert "Sitemap: https://example.org/digest/sitemap.xml" in (out / "robots.txt").read_text()
    # Pages keep relative links: the published folder still works under any sub-path.
    assert 'href="./theme/css/site.css"' in (out / "index.html").read_text()


def test_feeds_are_well_formed_atom(built_site) -> None:
    feeds = [built_site.output / "feed.xml", *built_site.output.glob("*/*/feed.xml")]
    assert len(feeds) > 10
    for path in feeds:
        feed = ET.parse(path).getroot()
        assert feed.tag == f"{ATOM}feed", path
        for required in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{required}"), (path, required)
        entries = list(feed.iter(f"{ATOM}entry"))
        assert entries, path
        for entry in entries:
            for required in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{required}"), (path, required)
            assert entry.find(f"{ATOM}link").get("href"), path


def test_search_bundles_follow_the_date_and_split_a_busy_newest_year() -> None:
    pages = [f"2024/0{m}/01/story-{m}/index.html" for m in range(1, 4)]
    pages += ["2025/01/02/a/index.html", "2025/03/04/b/index.html", "2025/03/index.html"]
    assert plan_bundles(pages) == {
        "2025": ["2025/01/02/a/index.html", "2025/03/04/b/index.html"],
        "2024": sorted(pages[:3]),
    }
    busy = [f"2025/{m:02d}/01/story-{n}/index.html" for m in (1, 2) for n in range(600)]
    assert list(plan_bundles([*pages, *busy])) == ["2025-03", "2025-02", "2025-01", "2024"]
    assert list(plan_bundles(["news/a.html", "news/b.html"], dated=False)) == ["all"]


def test_the_same_posts_build_the_same_pages(tmp_path: Path, built_site: BuiltSite) -> None:
    """Stories of the same day keep their order whatever order the files are listed in."""
    output = tmp_path / "again"
    for seed in ("1", "2"):
        done = run_cli(
            "build", "--content", str(built_site.content), "--output", str(output / seed),
            env={"PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    pages = sorted(p.relative_to(output / "1") for p in (output / "1").rglob("*.[hx]*ml"))
    assert pages
    pages.append(Path("stories.json"))
    for page in pages:
        if "pagefind" not in page.parts:
            assert (output / "1" / page).read_bytes() == (output / "2" / page).read_bytes(), page


def test_archives_list_every_month_by_year_not_every_article(built_site: BuiltSite) -> None:
    output = built_site.output
    page = (output / "archives" / "index.html").read_text()
    months = sorted(p.parent.relative_to(output) for p in output.glob("[0-9]*/[0-9]*/index.html"))
    assert months
    for month in months:
        assert f'href="../{month.as_posix()}/index.html"' in page
    assert not re.search(r'href="\.\./\d{4}/\d{2}/\d{2}/', page)  # articles are on month pages


def test_changing_the_site_language_does_not_reuse_posts_parsed_for_the_old_one(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    content = tmp_path / "content"
    shutil.copytree(built_site.content / "posts", content / "posts")
    english = tmp_path / "en.py"
    english.write_text(
        (ROOT / "pelicanconf.py").read_text().replace('DEFAULT_LANG = "id"', 'DEFAULT_LANG = "en"')
    )
    for settings, output in ((ROOT / "pelicanconf.py", "id"), (english, "en")):
        done = run_cli(
            "build", "--settings", str(settings), "--content", str(content),
            "--output", str(tmp_path / output),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    # Both builds read the posts through the same content folder and its cache.
    assert "Jepang</h1>" in (tmp_path / "id" / "countries" / "japan" / "index.html").read_text()
    assert "Japan</h1>" in (tmp_path / "en" / "countries" / "japan" / "index.html").read_text()


def test_companions_are_the_countries_and_topics_most_covered_with_each_term(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    """Counted as plainly as it can be: every article of the term, every country and
    topic of it but the term itself; most first, then by name; at most COMPANIONS."""
    from collections import Counter

    from conftest import read_articles
    from newsdigest.site import digest
    from newsdigest.site.taxonomy import index_articles, story_order

    content = tmp_path / "content"
    shutil.copytree(built_site.content, content, ignore=shutil.ignore_patterns(".cache"))
    articles = list(read_articles(content, tmp_path / "out").values())
    terms = index_articles(sorted(articles, key=story_order, reverse=True))
    companions = digest._companions(terms)
    assert len(companions) == sum(len(listed) for listed in terms.values())
    shown = 0
    for name in ("countries", "topics", "tags"):
        for term, listed in terms[name]:
            for other_name in ("countries", "topics"):
                counts = Counter(
                    other
                    for article in listed
                    for other in getattr(article, other_name)
                    if other != term
                )
                plain = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
                assert companions[term][other_name] == plain[: digest.COMPANIONS]
                shown += len(plain[: digest.COMPANIONS])
    assert shown > 50
