"""Rebuilds render only what changed, and stay correct: no stale link, no orphan page."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import FIXTURES, ROOT, SEED, assert_same_as_from_scratch, run_cli


def _build(content: Path, output: Path) -> None:
    done = run_cli("build", "--content", str(content), "--output", str(output))
    assert done.returncode == 0, done.stderr


def test_a_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    articles = [SEED, *sorted((FIXTURES / "labelled" / "articles").glob("*.txt"))]
    done = run_cli(
        "ingest", *map(str, articles), "--output", str(content / "posts"),
        "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    _build(content, output)
    pages = {p: p.stat().st_mtime_ns for p in output.glob("20*/*/*/*/index.html")}
    listings = [
        output / "countries" / "japan" / "index.html",
        output / "countries" / "japan" / "feed.xml",
        output / "2025" / "02" / "index.html",
    ]
    listing_times = [p.stat().st_mtime_ns for p in listings]
    bundles = _search_bundles(output)
    assert len(bundles) >= 2  # the fixtures span several years: one bundle each

    _build(content, output)  # nothing changed: no article, term or edition page is rendered again
    assert {p: p.stat().st_mtime_ns for p in pages} == pages
    assert [p.stat().st_mtime_ns for p in listings] == listing_times
    assert _search_bundles(output) == bundles  # and no search bundle is indexed again

    # Retitle one post: its page and every page that links to it show the new title.
    post = next((content / "posts").glob("shinwa-motor*.md"))
    old_title = post.read_text().splitlines()[0].removeprefix("Title: ")
    post.write_text(post.read_text().replace(old_title, "Shinwa retitled by an editor", 1))
    _build(content, output)
    linking = [p for p in output.rglob("*.[hx]*ml") if old_title in p.read_text()]
    assert not linking, linking  # no page or feed keeps the old title
    changed = [p for p in pages if p.stat().st_mtime_ns != pages[p]]
    assert 1 <= len(changed) < len(pages) // 2  # most pages were left alone
    assert any("Shinwa retitled by an editor" in p.read_text() for p in changed)
    # Only the search bundle of the post's year is indexed again.
    year = next(p for p in changed if "shinwa" in str(p)).relative_to(output).parts[0]
    reindexed = {name for name, stamp in _search_bundles(output).items() if bundles[name] != stamp}
    assert reindexed == {year}

    # Resummarise it: every page that showed the summary shows the new one.
    text = post.read_text()
    summary = next(line for line in text.splitlines() if line.startswith("Summary: "))
    words = " ".join(summary.removeprefix("Summary: ").split()[:4])
    showing = [p for p in output.rglob("*.html") if words in p.read_text()]
    assert len(showing) >= 3  # its page, and lists: its country, its day, the home page
    post.write_text(text.replace(summary, "Summary: A summary an editor wrote.", 1))
    _build(content, output)
    assert all("A summary an editor wrote." in p.read_text() for p in showing)
    lists = [p for p in output.rglob("*.html") if "shinwa" not in p.parent.name]
    assert not [p for p in lists if words in p.read_text()]  # (its body starts with them)

    # Remove a post: its page goes, and nothing links to it any more.
    removed = next((content / "posts").glob("as-jepang*.md"))
    removed.unlink()
    _build(content, output)
    assert not list(output.glob("2023/11/14/as-jepang*"))
    for page in output.rglob("*.html"):
        assert "as-jepang-dan-korea-selatan" not in page.read_text(), page


def test_a_page_missing_from_the_output_is_rendered_again(tmp_path: Path, built_site) -> None:
    """Pages an incremental build would skip (unchanged inputs) come back when deleted."""
    output = tmp_path / "output"  # built here: the settings name the output folder
    _build(built_site.content, output)
    article = next(output.glob("2023/11/14/*/index.html"))
    deleted = [
        article,
        output / "countries" / "japan" / "index.html",
        output / "countries" / "japan" / "feed.xml",
        output / "2023" / "11" / "14" / "index.html",
    ]
    for page in deleted:
        page.unlink()
    kept = next(p for p in output.glob("20*/*/*/*/index.html") if p.parent != article.parent)
    kept_time = kept.stat().st_mtime_ns
    _build(built_site.content, output)
    for page in deleted:
        assert page.is_file(), page
    assert kept.stat().st_mtime_ns == kept_time  # the build was incremental: only those came back


def _search_bundles(output: Path) -> dict[str, int]:
    """Search bundle -> when its index was written."""
    entries = (output / "pagefind").glob("*/pagefind-entry.json")
    return {entry.parent.name: entry.stat().st_mtime_ns for entry in entries}


def test_serve_rebuilds_pages_and_search_when_a_post_arrives(tmp_path: Path, built_site) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(built_site.content / "posts", content / "posts")
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    settings = tmp_path / "conf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text().replace('THEME = "theme"', f"THEME = {str(theme)!r}")
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "serve", "--settings", str(settings),
         "--content", str(content), "--output", str(output), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,  # Pelican serves from a child process: stop the whole group
    )  # fmt: skip
    try:
        home = f"http://127.0.0.1:{port}/index.html"
        _wait_for(lambda: "2023" in _bundles(output) and _get(home) is not None)
        article = tmp_path / "new.txt"
        article.write_text(
            "Singapore opens a new water plant\n\nSINGAPORE, March 3, 2026 (Reuters) - Singapore "
            "opened a new desalination plant on Tuesday, the national water agency said.\n"
        )
        done = run_cli("ingest", str(article), "--output", str(content / "posts"))
        assert done.returncode == 0, done.stderr
        # The server notices the post: a page for it, and a search bundle for its year.
        _wait_for(lambda: "2026" in _bundles(output))
        search_page = _get(f"http://127.0.0.1:{port}/search/index.html") or ""
        assert 'data-bundles="2026 ' in search_page
        assert list(output.glob("2026/03/03/singapore-opens-a-new-water-plant/index.html"))
        # A theme edit reaches the pages that had not changed, in the same server process.
        base = theme / "templates" / "base.html"
        base.write_text(base.read_text().replace("</footer>", "<p>theme edited</p></footer>"))
        old_page = next(output.glob("2023/11/14/*/index.html"))
        _wait_for(lambda: "theme edited" in old_page.read_text())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _bundles(output: Path) -> set[str]:
    try:
        return set(json.loads((output / "pagefind" / "bundles.json").read_text()))
    except (OSError, ValueError):
        return set()


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


def _wait_for(condition, limit: float = 120.0) -> None:
    """Poll until ``condition()`` holds; a limit, not a timing claim (the server rebuilds)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the server did not get there"
        time.sleep(0.5)


def test_a_tampered_manifest_cannot_remove_files_outside_the_output(
    tmp_path: Path, built_site
) -> None:
    output = tmp_path / "site" / "output"
    shutil.copytree(built_site.output, output)
    outside = tmp_path / "site" / "keep.html"
    outside.write_text("not the build's")
    manifest = output / ".newsdigest-manifest.json"
    state = json.loads(manifest.read_text())
    state["files"] += ["../keep.html", str(outside)]
    manifest.write_text(json.dumps(state))
    _build(built_site.content, output)
    assert outside.read_text() == "not the build's"


SUBJECTS = (
    "rice harvest", "bullet train", "chip plant", "fishing quota", "steel tariff", "yen bond",
    "robot maker", "tea auction", "port strike", "solar farm", "shipyard order", "car recall",
)  # fmt: skip


def _dated_post(posts: Path, number: int) -> None:
    """An article about Japan on 2025-11-``number``, sharing no story with the others."""
    posts.mkdir(parents=True, exist_ok=True)
    subject = SUBJECTS[number - 1]
    (posts / f"japan-{number:02d}.md").write_text(
        f"Title: Japan report {number:02d} {subject}\nDate: 2025-11-{number:02d}\n"
        f"Slug: japan-{number:02d}\nLang: en\nCountries: JP\nTopics: economy\n"
        f"Source: Reuters\n\nThe {subject} news of day {number}.\n",
        encoding="utf-8",
    )


def _titles(page: Path) -> list[int]:
    html = page.read_text(encoding="utf-8")
    return [int(n) for n in re.findall(r'class="card-title"><a [^>]+>Japan report (\d+) ', html)]


def _links(page: Path) -> tuple[str | None, str | None]:
    """A term page's newer (rel=prev) and older (rel=next) pages, from the site's root."""
    html = page.read_text(encoding="utf-8")
    found = []
    for rel in ("prev", "next"):
        link = re.search(rf'<a rel="{rel}" href="((?:\.\./)*)([^"]*)"', html)
        found.append(link.group(2) if link else None)
        if link:  # it resolves to the page it names
            target = page.parent.joinpath(link.group(1) + link.group(2), "index.html").resolve()
            assert target.is_file() and target.as_posix().endswith(link.group(2) + "index.html")
    return found[0], found[1]


def test_term_pages_are_numbered_from_the_oldest_so_adding_rewrites_the_front(
    tmp_path: Path,
) -> None:
    """Three to a page: page k always holds articles 3k-2 to 3k counted from the oldest;
    the front page the newest full chunk and the rest; adding articles writes the front
    page (and a page for a chunk that filled) and leaves the older pages alone."""
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        "from newsdigest.site.defaults import *  # noqa: F403\n"
        f"DEFAULT_PAGINATION = 3\nTHEME = {str(ROOT / 'theme')!r}\n",
        encoding="utf-8",
    )
    content, output = tmp_path / "content", tmp_path / "output"
    posts = content / "posts"

    def build(folder: Path, into: Path) -> None:
        done = run_cli(
            "build", "--settings", str(settings), "--content", str(folder), "--output", str(into)
        )
        assert done.returncode == 0, done.stderr

    for number in range(1, 11):  # 10 articles: front 4 (10-7) and 3 (6-4), pages 1 and 2
        _dated_post(posts, number)
    build(content, output)
    japan = output / "countries" / "japan"
    pages = {k: japan / "page" / str(k) / "index.html" for k in (1, 2, 3)}
    assert _titles(japan / "index.html") == [10, 9, 8, 7]
    assert _titles(pages[2]) == [6, 5, 4] and _titles(pages[1]) == [3, 2, 1]
    assert not pages[3].exists()
    assert _links(japan / "index.html") == (None, "countries/japan/page/2/")
    assert _links(pages[2]) == ("countries/japan/", "countries/japan/page/1/")
    assert _links(pages[1]) == ("countries/japan/page/2/", None)
    stamps = {k: pages[k].stat().st_mtime_ns for k in (1, 2)}

    # One more article: the front page only (11 = three full chunks and two).
    _dated_post(posts, 11)
    build(content, output)
    assert _titles(japan / "index.html") == [11, 10, 9, 8, 7]
    assert {k: pages[k].stat().st_mtime_ns for k in (1, 2)} == stamps
    assert not pages[3].exists()

    # The fourth chunk fills: chunk 3 (7-9) gets its page, page 2 its "newer" link to it,
    # page 1 is left alone.
    _dated_post(posts, 12)
    build(content, output)
    assert _titles(japan / "index.html") == [12, 11, 10]
    assert _titles(pages[3]) == [9, 8, 7]
    assert pages[1].stat().st_mtime_ns == stamps[1]
    assert _links(pages[2]) == ("countries/japan/page/3/", "countries/japan/page/1/")
    assert _links(pages[3]) == ("countries/japan/", "countries/japan/page/2/")
    assert _links(japan / "index.html") == (None, "countries/japan/page/3/")
    assert _titles(pages[2]) == [6, 5, 4]

    assert_same_as_from_scratch(posts, output, tmp_path, build)
