"""Ingest the seed article, build the site into a temporary folder, and read the HTML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from conftest import ROOT, SEED, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("site")
    report = tmp / "report.jsonl"
    done = run_cli(
        "ingest", str(SEED), "--output", str(tmp / "content" / "posts"),
        "--report", str(report), "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    built = run_cli("build", "--content", str(tmp / "content"), "--output", str(tmp / "output"))
    assert built.returncode == 0, built.stderr
    return tmp / "output", json.loads(report.read_text())["metadata"]


def links(page: Path, output: Path) -> set[str]:
    """Internal links of a page, resolved to paths relative to the output folder."""
    base = "/" + page.relative_to(output).as_posix()
    found = set()
    for href in re.findall(r'href="([^"#]+)"', page.read_text()):
        target = urljoin(base, href).lstrip("/")
        found.add(target.removesuffix("index.html"))
    return found


def test_article_page_has_title_date_and_links_to_its_terms(site) -> None:
    output, meta = site
    page = output / "2023" / "11" / "14" / meta["slug"] / "index.html"
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
    assert f"topics/{meta['topics'][0]}/" in targets
    assert "tags/antony-blinken/" in targets


def test_term_pages_list_the_article_and_link_back(site) -> None:
    output, meta = site
    article_url = f"2023/11/14/{meta['slug']}/"
    for term_page in ("countries/japan/", f"topics/{meta['topics'][0]}/", "tags/antony-blinken/"):
        page = output / term_page / "index.html"
        assert article_url in links(page, output), term_page
        assert (output / term_page / "feed.xml").is_file()


def test_every_country_and_topic_has_a_page_reachable_from_the_index(site) -> None:
    output, meta = site
    for taxonomy, slugs in (
        ("countries", None),
        ("topics", meta["topics"]),
    ):
        index = output / taxonomy / "index.html"
        listed = {
            t for t in links(index, output) if t.startswith(f"{taxonomy}/") and t != f"{taxonomy}/"
        }
        assert len(listed) >= (len(meta["countries"]) if slugs is None else len(slugs))
        for target in listed:
            assert (output / target / "index.html").is_file()
    assert "Jepang" in (output / "countries" / "index.html").read_text()


def test_term_feed_is_atom_with_the_article(site) -> None:
    output, meta = site
    feed = ET.parse(output / "countries" / "japan" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == [meta["title"]]


def test_every_link_is_relative_so_the_site_works_under_any_sub_path(site) -> None:
    output, _ = site
    for page in output.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"]*)"', page.read_text()):
            assert not target.startswith(("/", "http:", "https:")), (page, target)


def test_page_leftovers_appear_nowhere_in_the_site(site) -> None:
    output, _ = site
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml"):
            assert "KOMENTAR" not in path.read_text(), path


def test_home_page_shows_the_latest_article_with_its_summary(site) -> None:
    output, meta = site
    html = (output / "index.html").read_text()
    assert '<html lang="id">' in html
    assert meta["title"] in html
    assert meta["summary"][:60] in html
    assert 'href="./theme/css/site.css"' in html  # relative: works under any sub-path
    assert "http://" not in html and "https://" not in html  # no external requests


def test_english_site_names_countries_and_topics_in_english(tmp_path: Path, site) -> None:
    output, _ = site
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "DEFAULT_LANG": "en",
            "PATH": str(output.parent / "content"),
            "OUTPUT_PATH": str(tmp_path / "en"),
        },
    )
    Pelican(settings).run()
    html = (tmp_path / "en" / "countries" / "japan" / "index.html").read_text()
    assert '<html lang="en">' in html and "<h1>Japan</h1>" in html
    assert "Politics and government" in (tmp_path / "en" / "topics" / "index.html").read_text()


def test_bad_site_language_is_refused_with_the_setting_name(tmp_path: Path, site) -> None:
    output, _ = site
    settings = tmp_path / "conf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text().replace('DEFAULT_LANG = "id"', 'DEFAULT_LANG = "xx"')
    )
    done = run_cli(
        "build", "--settings", str(settings), "--content", str(output.parent / "content"),
        "--output", str(tmp_path / "out"),
    )  # fmt: skip
    assert done.returncode != 0
    assert "DEFAULT_LANG" in done.stderr
