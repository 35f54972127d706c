"""The built site in a real browser (Debian's Chromium, Playwright), over HTTP, under a sub-path."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright
from test_story_pages import AP, POSTS, REUTERS, build, write_posts

from conftest import ROOT, SEED, BuiltSite

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SUB_PATH = "digest"
SCREENSHOTS = ROOT / "screenshots"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served by a real HTTP server at http://127.0.0.1:PORT/digest/."""
    yield from _serve(built_site.output, tmp_path_factory)


@pytest.fixture(scope="module")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site of two reports of one event and one other article (tests/test_story_pages.py)."""
    root = tmp_path_factory.mktemp("story-site")
    write_posts(root / "content", list(POSTS))
    build(root / "content", root / "output")
    yield from _serve(root / "output", tmp_path_factory)


def _serve(output: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    www = tmp_path_factory.mktemp("www")
    (www / SUB_PATH).symlink_to(output, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: `make system-deps` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page that records every request: none may fail, leave 127.0.0.1 or break the CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    outside: list[str] = []
    refused: list[str] = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield page
    context.close()
    assert not [url for url in failed if not url.endswith("favicon.ico")], failed
    assert not [url for url in outside if not url.startswith("data:")], outside
    assert not refused, refused  # the Content-Security-Policy allows all the theme does


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def test_home_to_country_from_the_map_to_article_to_tag(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "id"
    shot(page, "home")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Negara").click()
    shot(page, "map")
    page.locator('.world-map a[data-country="JP"]').click()
    assert page.url.startswith(f"{base_url}countries/japan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jepang")
    page.locator("article.card h2 a").first.click()
    shot(page, "article")
    expect(page.locator(".article-terms a[href*='countries/japan/']")).to_have_count(1)
    tag = page.locator(".article-terms .term-tags").first
    tag_name = tag.inner_text()
    tag.click()
    assert "/tags/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(tag_name)


def test_a_story_from_the_home_page_to_its_page_and_to_each_article(
    browser: Browser, story_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(story_url)
    story = page.locator("article.card.story")
    expect(story).to_have_count(1)
    shot(page, "home-story")
    story.locator(".coverage-count a").click()
    assert "/stories/" in page.url
    expect(page.locator(".breadcrumb")).to_have_text("Peristiwa")
    expect(page.locator("p.meta").first).to_contain_text("2 artikel dari")
    shot(page, "story")
    story_page = page.url
    cards = page.locator(".story-articles article.card h2 a")
    expect(cards).to_have_count(2)
    titles = cards.all_inner_texts()
    for index, title in enumerate(titles):
        page.goto(story_page)
        page.locator(".story-articles article.card h2 a").nth(index).click()
        assert page.url.endswith((AP, REUTERS))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        other = page.locator(".story-coverage")
        expect(other.get_by_role("heading", level=2)).to_have_text(
            "Liputan lain tentang peristiwa ini"
        )
        expect(other.locator("article.card h3 a")).to_have_text(
            next(t for t in titles if t != title)
        )
        other.locator(".full-coverage a").click()  # back to the full coverage
        assert page.url == story_page
    violations = Axe().run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    page.close()
    assert not [url for url in failed if not url.endswith("favicon.ico")], failed


def test_an_old_tag_address_leads_to_the_tag_page_it_joined(
    page: Page, base_url: str, built_site: BuiltSite
) -> None:
    """A spelling joined to a fuller name keeps its address: Chromium follows the redirect
    (a meta refresh, no script) to the page that lists the spelling as an alias."""
    tags = built_site.output / "tags"
    moved = sorted(p.parent.name for p in tags.glob("*/index.html") if "refresh" in p.read_text())
    assert moved  # the fixtures write "Dewan Keamanan PBB" and its expansion
    page.goto(f"{base_url}tags/{moved[0]}/index.html")
    page.wait_for_url(re.compile(rf"/{SUB_PATH}/tags/(?!{moved[0]}/)[a-z0-9-]+/index\.html$"))
    aliases = page.locator("p.aliases")
    expect(aliases).to_be_visible()
    assert moved[0].replace("-", " ") in aliases.inner_text().casefold()
    expect(page.locator("article.card").first).to_be_visible()


def test_search_finds_a_person_and_filters_narrow_it(
    page: Page, base_url: str, built_site: BuiltSite
) -> None:
    page.goto(f"{base_url}search/index.html")
    search = page.locator(".pagefind-ui__search-input")
    search.fill("Kamikawa")
    result = page.locator(".pagefind-ui__result-link").first
    expect(result).to_contain_text("AS, Jepang dan Korea Selatan")
    shot(page, "search")
    message = page.locator(".pagefind-ui__message")  # "Ditemukan 7 hasil untuk menteri"
    search.fill("menteri")
    expect(message).to_have_text(re.compile(r"\d+.*menteri"))  # not "Mencari menteri..."
    before = _count(message.inner_text())
    page.locator(".pagefind-ui__filter-name", has_text="negara").click()
    japan = page.locator(".pagefind-ui__filter-label", has_text="Jepang")
    expected = _count(japan.inner_text())  # "🇯🇵 Jepang (2)": Pagefind's count for the filter
    assert 0 < expected < before  # a filter that narrows, or the test proves nothing
    page.get_by_label("Jepang", exact=False).first.check()
    expect(message).to_have_text(re.compile(rf"\b{expected}\b.*menteri"))  # waits for it
    links = page.locator(".pagefind-ui__result-link")
    expect(links).to_have_count(min(expected, 5))  # the UI shows five at a time
    countries = {m["slug"]: m["countries"] for m in built_site.metadata().values()}
    for href in (link.get_attribute("href") or "" for link in links.all()):
        assert "JP" in countries[href.rstrip("/").rsplit("/", 1)[-1]], href


def _count(text: str) -> int:
    """The first number in ``text``."""
    match = re.search(r"\d+", text)
    assert match, text
    return int(match.group())


def test_css_loads_under_the_sub_path(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}countries/index.html")
    border = page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert border == "solid"


def test_keyboard_users_can_skip_to_the_content(page: Page, base_url: str) -> None:
    page.goto(base_url, wait_until="load")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#content$"))


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "countries/index.html",
        "countries/japan/index.html",
        "topics/index.html",
        "tags/index.html",
        "archives/index.html",
        "2023/11/14/index.html",
        "2023/11/index.html",
        "search/index.html",
        "404.html",
        f"2023/11/14/{'{slug}'}/index.html",
    ],
)
def test_no_serious_accessibility_violations(
    page: Page, base_url: str, built_site: BuiltSite, path: str
) -> None:
    slug = built_site.metadata()[SEED.name]["slug"]
    page.goto(base_url + path.format(slug=slug))
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def test_dark_mode_follows_the_system_and_keeps_contrast(
    browser: Browser, base_url: str, built_site: BuiltSite
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    slug = built_site.metadata()[SEED.name]["slug"]
    for path in ("", f"2023/11/14/{slug}/", "countries/index.html"):
        page.goto(base_url + path)
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        ink = page.evaluate("getComputedStyle(document.body).color")
        assert _luminance(background) < 0.1 < 0.6 < _luminance(ink), (path, background, ink)
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, (path, serious)
    page.goto(base_url)
    shot(page, "home-dark")
    context.close()


def _luminance(color: str) -> float:
    """Relative brightness (0 black to 1 white) of a CSS rgb() colour."""
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", color)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_print_leaves_out_navigation_search_and_related(browser: Browser, story_url: str) -> None:
    printed = browser.new_page(viewport={"width": 900, "height": 1200})
    printed.goto(f"{story_url}{AP}")
    expect(printed.locator(".story-coverage")).to_be_visible()
    printed.emulate_media(media="print")
    for hidden in (
        ".site-header nav",
        ".article-aside",
        ".story-coverage",
        ".prev-next",
        ".site-footer",
    ):
        expect(printed.locator(hidden)).to_be_hidden()
    expect(printed.get_by_role("heading", level=1)).to_be_visible()
    link = printed.locator(".article-terms a").first
    assert link.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    printed.close()


def test_the_article_page_uses_the_width_it_has(browser: Browser, story_url: str) -> None:
    """On a wide screen the story's other coverage stands beside the text, not below it."""
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{story_url}{AP}")
    text = wide.locator("article.article").bounding_box()
    aside = wide.locator(".article-aside").bounding_box()
    assert text and aside
    assert aside["x"] >= text["x"] + text["width"] and aside["y"] < text["y"] + text["height"]
    assert text["width"] + aside["width"] > 0.75 * 1280
    wide.set_viewport_size({"width": 600, "height": 900})  # narrow: one column
    text = wide.locator("article.article").bounding_box()
    aside = wide.locator(".article-aside").bounding_box()
    assert text and aside and aside["y"] >= text["y"] + text["height"]
    wide.close()


def test_search_finds_english_articles_from_the_indonesian_page(
    page: Page, base_url: str, built_site: BuiltSite
) -> None:
    """English pages are indexed as English; the search page merges that index too."""
    english = [m for m in built_site.metadata().values() if m["lang"] == "en"]
    assert english
    title = english[0]["title"]
    word = max(re.findall(r"[A-Za-z]{6,}", title), key=len)
    page.goto(f"{base_url}search/index.html")
    page.locator(".pagefind-ui__search-input").fill(word)
    links = page.locator(".pagefind-ui__result-link")
    expect(links.first).to_be_visible()
    hrefs = [link.get_attribute("href") or "" for link in links.all()]
    assert any(english[0]["slug"] in href for href in hrefs), (word, hrefs)


def test_search_from_disk_says_it_needs_a_server(browser: Browser, built_site: BuiltSite) -> None:
    page = browser.new_page()
    page.goto((built_site.output / "search" / "index.html").as_uri())
    notice = page.locator("#search-needs-server")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("newsdigest serve")
    expect(page.locator(".pagefind-ui__search-input")).to_have_count(0)  # no endless "Mencari..."
    page.close()


def test_with_index_html_links_the_site_opens_from_disk(browser: Browser, disk_site: Path) -> None:
    """INDEX_HTML_LINKS = True: from file://, home -> country -> article -> tag, all pages."""
    output = disk_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((output / "index.html").as_uri())
    page.locator(".sidebar .term-list a").first.click()
    assert page.url.endswith("/index.html") and "/countries/" in page.url
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("article.card h2 a").first.click()
    assert re.search(r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/index\.html$", page.url), page.url
    expect(page.locator("article.article h1")).to_be_visible()
    page.locator(".article-terms a").first.click()
    assert page.url.endswith("/index.html")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.close()
