"""Fragments rendered once per build (newsdigest/site/fragments.py) and rebuilds that render
only the pages showing what changed: same bytes as the theme's macros, article text escaped."""

from __future__ import annotations

import datetime as dt
import json
import logging
import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

from conftest import ROOT, BuiltSite, assert_same_as_from_scratch, run_cli
from newsdigest.site import fragments, kept
from newsdigest.site.labels import date_formatter, ui_strings
from newsdigest.site.sharing import link_maker
from newsdigest.site.state import MANIFEST
from newsdigest.site.taxonomy import Term

HOSTILE = "<script>alert(1)</script> & \"quoted\" 'single'"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(format_date=date_formatter("id"), page_url=link_maker(False))
    env.globals.update(
        ui=ui_strings("id"), card=fragments.card, story_fragment=fragments.story_fragment
    )
    return env


def _article(title: str = HOSTILE, summary: str = f"<p>{HOSTILE}</p>") -> Any:
    return SimpleNamespace(
        href="2025/11/12/a-story/",
        title=title,
        date=dt.datetime(2025, 11, 12),
        lang="en",
        source='Agency & "Co"',
        summary=summary,
        countries=[Term("countries", "JP", "id")],
        topics=[Term("topics", "economy", "id")],
        story=None,
    )


BOTH = (
    '{% from "macros.html" import article_card with context %}'
    '{{ article_card(a, "h2") }}\x1e{{ card(a, "h2") }}\x1e'
    '{{ article_card(a, "h3", summary=False, marker=False) }}\x1e'
    '{{ card(a, "h3", summary=False, marker=False) }}'
)


def test_a_card_is_the_macros_own_output_with_article_text_escaped(tmp_path: Path) -> None:
    fragments.start_build("state", str(tmp_path))
    template = _environment().from_string(BOTH)
    for site_url in ("../..", "", "https://example.org/a&b"):
        article = _article()
        direct, joined, direct_h3, joined_h3 = template.render(
            a=article, SITEURL=site_url, DEFAULT_LANG="id"
        ).split("\x1e")
        assert joined == direct
        assert joined_h3 == direct_h3
        assert "<script>" not in joined and "&lt;script&gt;alert(1)&lt;/script&gt;" in joined
        assert fragments.PLACEHOLDER not in joined
        assert f'href="{site_url.replace("&", "&amp;")}/2025/11/12/a-story/"' in joined
    # Rendered once per variant, whatever the page (SITEURL) it is shown on.
    assert fragments.current().rendered == 2


def test_a_card_changes_when_its_article_changes_and_is_kept_when_it_does_not(
    tmp_path: Path,
) -> None:
    template = _environment().from_string('{{ card(a, "h2") }}')

    def build(article: Any) -> tuple[str, int]:
        """One build: a new Fragments (objects are new each build), saved at its end."""
        fragments.start_build("state", str(tmp_path))
        page = template.render(a=article, SITEURL="..", DEFAULT_LANG="id")
        rendered = fragments.current().rendered
        fragments.current().save()
        return page, rendered

    first, rendered = build(_article(title="Old title"))
    assert "Old title" in first and rendered == 1
    again, rendered = build(_article(title="Old title"))
    assert again == first and rendered == 0  # the same article: taken from the last build
    retitled, rendered = build(_article(title="New title"))
    assert "New title" in retitled and "Old title" not in retitled and rendered == 1
    resummarised, rendered = build(_article(title="New title", summary="Another summary"))
    assert "Another summary" in resummarised and rendered == 1
    # Another theme, plugin or settings (build_state): nothing of the last build is used.
    fragments.start_build("other state", str(tmp_path))
    template.render(a=_article(title="New title", summary="Another summary"), SITEURL="..")
    assert fragments.current().rendered == 1
    # A damaged cache file is ignored, not trusted.
    (tmp_path / fragments.CACHE_NAME).write_bytes(b"not a pickle")
    assert fragments.Fragments("state", str(tmp_path)).saved == {}
    (tmp_path / fragments.CACHE_NAME).write_bytes(pickle.dumps(["a list"]))
    assert fragments.Fragments("state", str(tmp_path)).saved == {}


WORDS = {  # texts with nothing in common across topics: no related coverage between them
    "economy": "Exports and inflation figures rose as the central bank met investors about",
    "sport": "The striker scored twice as the coach praised the league match of",
    "politics": "Parliament debated the coalition budget before the election vote on",
}


def _post(folder: Path, slug: str, day: str, country: str, topic: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    title = f"{slug.replace('-', ' ').title()} <b>&amp;"
    (folder / f"{slug}.md").write_text(
        f"Title: {title}\nDate: {day}\nSlug: {slug}\nLang: en\nCountries: {country}\n"
        f"Topics: {topic}\nSource: Reuters\nSummary: Summary of {slug}.\n\n"
        f"{WORDS[topic]} {slug}.\n",
        encoding="utf-8",
    )


def _build(content: Path, output: Path) -> None:
    done = run_cli("build", "--content", str(content), "--output", str(output))
    assert done.returncode == 0, done.stderr


def test_articles_are_kept_and_the_file_written_only_after_a_post_was_read(
    tmp_path: Path,
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    posts = content / "posts"
    _post(posts, "japan-economy-0", "2025-11-10", "JP", "economy")
    _build(content, output)
    (kept_file,) = content.glob(f".cache/*/{kept.FILE_NAME}")
    written = kept_file.stat().st_mtime_ns
    _build(content, output)
    assert kept_file.stat().st_mtime_ns == written  # nothing read anew: not written again
    _post(posts, "kenya-sport-0", "2025-11-11", "KE", "sport")
    _build(content, output)
    assert kept_file.stat().st_mtime_ns != written
    with kept_file.open("rb") as file:
        pickle.load(file)  # the key
        assert set(pickle.load(file)) == {"posts/japan-economy-0.md", "posts/kenya-sport-0.md"}
    (posts / "kenya-sport-0.md").unlink()
    _build(content, output)  # a post gone: no longer kept
    with kept_file.open("rb") as file:
        pickle.load(file)
        assert set(pickle.load(file)) == {"posts/japan-economy-0.md"}


def test_stories_json_is_written_again_only_when_a_post_changed(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    posts = content / "posts"
    for n in range(2):
        _post(posts, f"japan-economy-{n}", "2025-11-10", "JP", "economy")
    _build(content, output)
    data = output / "stories.json"
    written = data.stat().st_ino, data.stat().st_mtime_ns  # written through a rename
    _build(content, output)
    assert (data.stat().st_ino, data.stat().st_mtime_ns) == written
    _post(posts, "kenya-sport-0", "2025-11-11", "KE", "sport")
    _build(content, output)
    assert (data.stat().st_ino, data.stat().st_mtime_ns) != written
    assert "kenya-sport-0" in data.read_text(encoding="utf-8")
    data.unlink()  # gone from the output folder: written again though nothing changed
    _build(content, output)
    assert "kenya-sport-0" in data.read_text(encoding="utf-8")
    assert "stories.json" in json.loads((output / MANIFEST).read_text())["files"]
    assert_same_as_from_scratch(posts, output, tmp_path, _build)


def test_adding_articles_renders_only_the_pages_that_list_them(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    posts = content / "posts"
    for n in range(3):
        _post(posts, f"japan-economy-{n}", "2025-11-10", "JP", "economy")
    for n in range(2):
        _post(posts, f"kenya-sport-{n}", "2025-11-11", "KE", "sport")
    _post(posts, "france-politics", "2025-11-12", "FR", "politics")
    _build(content, output)
    watched = {
        "japan": "countries/japan/index.html",
        "economy": "topics/economy/index.html",
        "newest_day": "2025/11/12/index.html",
        "month": "2025/11/index.html",
        "kenya": "countries/kenya/index.html",
        "sport": "topics/sport/index.html",
        "older_day": "2025/11/11/index.html",
        "kenya_article": "2025/11/11/kenya-sport-0/index.html",
    }
    before = {key: (output / path).stat().st_mtime_ns for key, path in watched.items()}
    assert (content / ".cache").is_dir()
    assert list((content / ".cache").glob(f"*/{fragments.CACHE_NAME}"))

    # Two articles arrive on the newest day, about Japan and the economy.
    _post(posts, "japan-economy-new", "2025-11-12", "JP", "economy")
    _post(posts, "japan-economy-newer", "2025-11-12", "JP", "economy")
    _build(content, output)
    after = {key: (output / path).stat().st_mtime_ns for key, path in watched.items()}
    changed = {key for key in watched if after[key] != before[key]}
    assert changed == {"japan", "economy", "newest_day", "month"}
    japan = (output / watched["japan"]).read_text(encoding="utf-8")
    assert "Japan Economy New &lt;b&gt;&amp;amp;" in japan and "<b>" not in japan

    assert_same_as_from_scratch(posts, output, tmp_path, _build)


def test_the_world_map_outlines_kept_between_builds_are_the_ones_drawn(tmp_path: Path) -> None:
    from newsdigest.site import worldmap

    drawn = worldmap.cached_shapes(str(tmp_path))  # drawn, then kept
    assert (tmp_path / worldmap.SHAPES_CACHE).is_file()
    kept = worldmap.cached_shapes(str(tmp_path))
    assert kept == drawn == worldmap.country_shapes()
    assert list(kept[1]) == list(drawn[1])  # the same order: the same bytes on the page
    (tmp_path / worldmap.SHAPES_CACHE).write_text("{damaged")
    assert worldmap.cached_shapes(str(tmp_path)) == drawn


def test_article_pages_rendered_by_two_processes_are_the_same_bytes(
    built_site: BuiltSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from newsdigest.site import incremental
    from newsdigest.site.build import build_site

    # the session's posts (ingested by the fixture: a clean clone has no content/posts),
    # twice: each build with a cache of its own
    first, second = tmp_path / "first", tmp_path / "second"
    for copy in (first, second):
        shutil.copytree(built_site.content, copy, ignore=shutil.ignore_patterns(".cache"))
    alone, shared = tmp_path / "one-process", tmp_path / "two-processes"
    _build(first, alone)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 2)
    caplog.set_level(logging.DEBUG, logger="newsdigest.site.incremental")
    assert build_site(ROOT / "pelicanconf.py", shared, second) == 0
    assert any("rendered by a second process" in r.getMessage() for r in caplog.records)
    for page in sorted(alone.rglob("*")):
        relative = page.relative_to(alone)
        if page.is_file() and relative.parts[0] != "pagefind" and page.name != MANIFEST:
            assert (shared / relative).read_bytes() == page.read_bytes(), relative
    manifest = json.loads((shared / MANIFEST).read_text())
    articles = [name for name in manifest["written"] if name.count("/") == 4]
    assert len(articles) > 30  # the second process's pages are the build's own


def test_pages_are_signed_with_the_post_as_it_was_read(tmp_path: Path) -> None:
    """The reader stamps a post before it reads the text: an edit made during a build
    leaves the pages signed with the older stamp, so the next build renders them."""
    import os

    from newsdigest.site.build import load_settings
    from newsdigest.site.incremental import STAMP, post_stamp, stamp_of
    from newsdigest.site.reader import PostReader

    _post(tmp_path, "japan-economy-0", "2025-11-10", "JP", "economy")
    post = tmp_path / "japan-economy-0.md"
    _, metadata = PostReader(load_settings(ROOT / "pelicanconf.py")).read(str(post))
    read_as = metadata[STAMP]
    assert read_as == stamp_of(str(post))
    post.write_text(post.read_text().replace("Summary of", "Edited summary of"))
    later = post.stat().st_mtime_ns + 1_000_000_000
    os.utime(post, ns=(later, later))
    article = SimpleNamespace(source_path=str(post), **{STAMP: read_as})
    assert post_stamp(article) == read_as != stamp_of(str(post))
    unstamped = SimpleNamespace(source_path=str(post))  # read by another reader
    assert post_stamp(unstamped) == stamp_of(str(post))
