"""The built site in a real browser (Debian's Chromium, Playwright), over HTTP, under a sub-path."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import FIXTURES, ROOT, SEED, run_cli

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
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    articles = [SEED, *sorted((FIXTURES / "labelled" / "articles").glob("*.txt"))]
    done = run_cli(
        "ingest", *map(str, articles), "--output", str(tmp / "content" / "posts"),
        "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    www = tmp / "www"
    built = run_cli("build", "--content", str(tmp / "content"), "--output", str(www / SUB_PATH))
    assert built.returncode == 0, built.stderr
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: `make browser` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    yield page
    context.close()
    assert not [url for url in failed if not url.endswith("favicon.ico")], failed


def test_home_to_country_to_article_and_back_to_a_topic(page: Page, base_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(base_url)
    assert page.locator("html").get_attribute("lang") == "id"
    page.screenshot(path=SCREENSHOTS / "home.png")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Negara").click()
    page.get_by_role("link", name="Jepang", exact=True).click()
    assert (
        page.url == f"{base_url}countries/japan/index.html"
        or page.url == f"{base_url}countries/japan/"
    )
    assert page.get_by_role("heading", level=1).inner_text() == "Jepang"
    page.locator("article.card h2 a").first.click()
    page.screenshot(path=SCREENSHOTS / "article.png")
    assert page.locator(".article-terms a[href*='countries/japan/']").count() == 1
    page.locator(".article-terms .term-topics").first.click()
    assert "/topics/" in page.url
    assert page.locator("article.card").count() >= 1


def test_css_loads_under_the_sub_path(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}countries/index.html")
    border = page.locator(".site-header").evaluate("e => getComputedStyle(e).borderBottomStyle")
    assert border == "solid"


def test_keyboard_users_can_skip_to_the_content(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#content"
