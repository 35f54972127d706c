"""Articles kept between builds (newsdigest/site/kept.py): a rebuild takes the Articles of
unchanged posts as the last build read them, and they are the Articles a reading makes."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from pelican.urlwrappers import URLWrapper

from conftest import ROOT, BuiltSite, read_articles
from newsdigest.site import kept, reader
from newsdigest.site.build import build_site, load_settings
from newsdigest.site.taxonomy import Term


@pytest.fixture
def content(built_site: BuiltSite, tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(built_site.content, folder, ignore=shutil.ignore_patterns(".cache"))
    return folder


def _fields(article: Any) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, URLWrapper):
            return (type(value), value.name, value.slug, value.settings is article.settings)
        if isinstance(value, Term):  # all it shows: name, flag, address (equal by slug only)
            return (type(value), vars(value))
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    fields = {k: plain(v) for k, v in vars(article).items() if k not in ("settings", "_context")}
    fields["metadata"] = {k: plain(v) for k, v in article.metadata.items()}
    return fields


def _not_read(self: Any, source_path: str) -> Any:
    raise AssertionError(f"{source_path} read again")


def _kept_file(content: Path) -> Path:
    (found,) = content.glob(f".cache/*/{kept.FILE_NAME}")
    return found


def test_a_kept_article_is_the_article_a_reading_makes(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out"
    read = read_articles(content, output)  # every post read: the file is written
    monkeypatch.setattr(reader.PostReader, "read", _not_read)
    taken = read_articles(content, output)  # every article taken from the file
    assert len(taken) == len(read) > 10
    for path, article in read.items():
        again = taken[path]
        assert again is not article and _fields(again) == _fields(article)
        assert again.settings is not article.settings and again.url == article.url
        assert again.content == article.content and again.summary == article.summary


def test_a_rebuild_reads_only_the_posts_added_or_changed(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out"
    assert build_site(ROOT / "pelicanconf.py", output, content) == 0
    posts = sorted((content / "posts").glob("*.md"))
    edited = posts[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Title: ", "Title: Edited ", 1), encoding="utf-8")
    shutil.copy(posts[1], content / "posts" / "a-copy.md")
    read: list[str] = []
    original = reader.PostReader.read

    def counting(self: Any, source_path: str) -> Any:
        read.append(Path(source_path).name)
        return original(self, source_path)

    monkeypatch.setattr(reader.PostReader, "read", counting)
    articles = read_articles(content, output)
    assert sorted(read) == sorted([edited.name, "a-copy.md"])
    assert articles[str(edited)].title.startswith("Edited ")


def test_a_post_changed_at_the_same_modification_time_and_size_is_read_anew(
    content: Path, tmp_path: Path
) -> None:
    """Timestamps are coarse on some file systems: a same-length fix within one tick."""
    output = tmp_path / "out"
    read_articles(content, output)
    post = sorted((content / "posts").glob("*.md"))[0]
    before = post.stat()
    text = post.read_text(encoding="utf-8")
    changed = text.replace("Title: ", "Title: X", 1).replace("\n\n", "\n", 1)
    assert len(changed.encode()) == before.st_size
    post.write_text(changed, encoding="utf-8")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (post.stat().st_mtime_ns, post.stat().st_size) == (before.st_mtime_ns, before.st_size)
    assert read_articles(content, output)[str(post)].title.startswith("X")


def test_a_damaged_or_foreign_kept_file_is_not_used(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    read = read_articles(content, output)
    path = _kept_file(content)
    for damaged in (b"not a pickle", path.read_bytes()[:1000]):
        path.write_bytes(damaged)
        again = read_articles(content, output)
        assert {p: _fields(a) for p, a in again.items()} == {p: _fields(a) for p, a in read.items()}
    with path.open("rb") as file:  # written anew, whole
        pickle.load(file)
        assert len(pickle.load(file)) == len(read)


def test_articles_are_kept_per_reading_settings(content: Path, tmp_path: Path) -> None:
    settings = load_settings(ROOT / "pelicanconf.py", tmp_path / "out", content)
    key = kept.kept_key(settings)
    # where the output goes and its address change pages, not Articles
    elsewhere = {**settings, "OUTPUT_PATH": "/elsewhere", "SITEURL": "https://news.example"}
    assert kept.kept_key(elsewhere) == key
    # how dates are written is part of an Article: articles kept with another are not taken
    other = read_articles(content, tmp_path / "out", DEFAULT_DATE_FORMAT="%Y")
    assert kept.kept_key({**settings, "DEFAULT_DATE_FORMAT": "%Y"}) != key
    again = read_articles(content, tmp_path / "out")
    assert {a.locale_date for a in other.values()} != {a.locale_date for a in again.values()}
