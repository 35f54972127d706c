"""The build loses nothing, overwrites nothing and writes nothing outside its output folder.

Each test builds a small site of hand-written posts with the real command
(``newsdigest build``) and looks at the files: posts edited by hand with
addresses that climb out of the site or land on its pages, duplicate addresses,
posts that cannot be read, XML-invalid characters, another build running, files
that are not the build's, umasks, dates in the future.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

GOOD_POSTS = {
    "japan-rain.md": """\
        Title: Heavy rain floods roads in Tokyo
        Date: 2025-03-04
        Slug: heavy-rain-floods-roads-in-tokyo
        Lang: en
        Countries: JP
        Topics: weather, disaster-accident-emergency
        Tags: Japan Meteorological Agency
        Summary: Heavy rain flooded roads in Tokyo on Tuesday.

        Heavy rain flooded roads in Tokyo on Tuesday, the weather agency said.
        """,
    "banjir-jakarta.md": """\
        Title: Banjir merendam jalan di Jakarta
        Date: 2025-03-03
        Slug: banjir-merendam-jalan-di-jakarta
        Lang: id
        Countries: ID
        Topics: weather
        Tags: BPBD
        Summary: Banjir merendam sejumlah jalan di Jakarta.

        Banjir merendam sejumlah jalan di Jakarta pada Senin.
        """,
}
HOME_MARK = '<div class="home">'  # the home page's own markup (theme/templates/index.html)


def write_posts(content: Path, posts: dict[str, str | bytes]) -> None:
    """Write posts into content/posts: text is dedented, bytes are written as they are."""
    folder = content / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    for name, post in posts.items():
        if isinstance(post, bytes):
            (folder / name).write_bytes(post)
        else:
            (folder / name).write_text(textwrap.dedent(post), encoding="utf-8")


def post(title: str, date: str, slug: str | None = None, **fields: str) -> str:
    """A hand-written post: the header fields given, then one paragraph."""
    lines = [f"Title: {title}", f"Date: {date}"]
    if slug is not None:
        lines.append(f"Slug: {slug}")
    lines += [f"{name.title()}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + f"\n\nThe body of {title}.\n"


def build(content: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--content", str(content), "--output", str(output), *extra)


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def article_page(output: Path, date: str, slug: str) -> Path:
    return output / date.replace("-", "/") / slug / "index.html"


# 1. Paths never escape, and no page replaces another.


def test_a_slug_climbing_out_of_its_folder_is_refused_naming_the_post(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    hostile = {
        "home.md": post("Replaces the home page", "2025-03-05", "../../.."),
        "countries.md": post("Replaces the countries index", "2025-03-05", "../../../countries"),
        "outside.md": post("Escapes the output", "2025-03-05", "../../../../escaped"),
        # Pelican's own check compares text prefixes: /tmp/x/out-evil passes for /tmp/x/out.
        "sibling.md": post("Escapes to a sibling", "2025-03-05", "../../../../out-evil/x"),
        "upper.md": post("Not a slug", "2025-03-05", "Upper Case"),
    }
    write_posts(content, {**GOOD_POSTS, **hostile})
    before = files_under(tmp_path) - files_under(content)
    done = build(content, output)
    assert done.returncode == 1
    for name in hostile:
        assert f"posts/{name}" in done.stderr and "Slug:" in done.stderr, done.stderr
    written = files_under(tmp_path) - files_under(content) - before
    assert all(path.is_relative_to(output) for path in written), written
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "out-evil").exists()
    assert HOME_MARK in (output / "index.html").read_text()
    assert "world-map" in (output / "countries" / "index.html").read_text()
    assert article_page(output, "2025-03-04", "heavy-rain-floods-roads-in-tokyo").is_file()
    titles = "".join(page.read_text() for page in output.rglob("*.html"))
    assert not any(f"The body of {p.splitlines()[0][7:]}" in titles for p in hostile.values())


def test_topic_and_tag_values_become_slugs_inside_their_taxonomy(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    hostile = post(
        "Topics written by hand", "2025-03-05", "topics-written-by-hand",
        topics="../../evil, ../countries, ../../../index.html", tags="../../tag-evil; ..",
        countries="../../land",
    )  # fmt: skip
    write_posts(content, {**GOOD_POSTS, "topics.md": hostile})
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "evil").exists() and not (tmp_path / "tag-evil").exists()
    assert not (tmp_path / "land").exists()
    assert files_under(tmp_path) - files_under(content) <= files_under(output)
    for page in ("topics/evil", "topics/countries", "topics/index-html", "tags/tag-evil"):
        assert (output / page / "index.html").is_file(), page
    assert "world-map" in (output / "countries" / "index.html").read_text()
    assert HOME_MARK in (output / "index.html").read_text()


def test_two_posts_with_one_date_and_slug_do_not_overwrite_each_other(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    first = post("The first story", "2025-03-05", "same-story")
    second = post("The second story", "2025-03-05", "same-story")
    write_posts(content, {**GOOD_POSTS, "a-first.md": first, "b-second.md": second})
    page = article_page(output, "2025-03-05", "same-story")
    for _ in range(2):  # a rebuild, where the first page is kept unchanged, too
        done = build(content, output)
        assert done.returncode == 1
        assert "posts/b-second.md" in done.stderr and "posts/a-first.md" in done.stderr
        assert "The first story" in page.read_text()
        assert "The second story" not in page.read_text()
        assert "The second story" not in (output / "feed.xml").read_text()


def test_an_article_address_setting_cannot_put_an_article_on_a_site_page(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    settings = tmp_path / "conf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text()
        + '\nARTICLE_URL = ARTICLE_LANG_URL = "{slug}/"'
        + '\nARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{slug}/index.html"\n'
    )
    write_posts(
        content,
        {
            **GOOD_POSTS,
            "search.md": post("Takes the search page", "2025-03-05", "search"),
            "countries.md": post("Takes the countries index", "2025-03-05", "countries"),
            "theme.md": post("Takes a theme file", "2025-03-05", "theme"),
        },
    )
    done = build(content, output, "--settings", str(settings))
    assert done.returncode == 1
    for name in ("search", "countries"):
        assert f"posts/{name}.md: its page {name}/index.html" in done.stderr, done.stderr
    assert 'id="search"' in (output / "search" / "index.html").read_text()
    assert "world-map" in (output / "countries" / "index.html").read_text()
    assert (output / "heavy-rain-floods-roads-in-tokyo" / "index.html").is_file()


def test_the_writer_never_writes_through_a_link_out_of_the_output(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output.mkdir()
    (output / "2025").symlink_to(elsewhere, target_is_directory=True)
    write_posts(content, GOOD_POSTS)
    done = build(content, output)
    assert done.returncode == 1
    assert "outside the output folder" in done.stderr, done.stderr
    assert "2025/03/04/heavy-rain-floods-roads-in-tokyo/index.html" in done.stderr
    assert not files_under(elsewhere)
    assert HOME_MARK in (output / "index.html").read_text()


# 2. A build removes only what a build of its own recorded.


def test_a_first_build_into_a_folder_removes_nothing_already_there(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, GOOD_POSTS)
    theirs = {
        output / "notes" / "page.html": "<p>someone's notes</p>",
        output / "other.xml": "<other/>",
        output / "2025" / "03" / "04" / "draft" / "index.html": "<p>a draft of theirs</p>",
    }
    for path, text in theirs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    tokyo = article_page(output, "2025-03-04", "heavy-rain-floods-roads-in-tokyo")
    assert tokyo.is_file()

    (content / "posts" / "japan-rain.md").unlink()
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    assert not tokyo.exists()  # the build's own page of a removed post goes
    assert not (output / "countries" / "japan").exists()
    for path, text in theirs.items():
        assert path.read_text() == text, path


# 3. One writer at a time.

HOLD_LOCK = """
import sys
from pathlib import Path
from newsdigest.lock import lock_folder
with lock_folder(Path(sys.argv[1]), "output folder"):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_build_stops_when_another_run_holds_the_output_folder(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, GOOD_POSTS)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(output)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        done = build(content, output)
        assert [p.name for p in output.iterdir()] == [".newsdigest.lock"]  # nothing was written
    finally:
        holder.communicate("")  # closing its stdin lets it finish
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert f"output folder {output}" in done.stderr and "in use" in done.stderr
    assert str(holder.pid) in done.stderr
    assert build(content, output).returncode == 0  # once it has finished


# 4. A post that cannot be built is named with the reason; the rest of the site is built.


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("no-header.md", "Just a body, no header.\n\nA second paragraph.\n", "no header"),
        ("no-date.md", "Title: A post without a date\nSlug: no-date\n\nBody.\n", "'Date:'"),
        ("bad-date.md", post("A post with a bad date", "last Tuesday"), "Date: 'last Tuesday'"),
        ("latin-1.md", post("Caf\xe9", "2025-03-05", "cafe").encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_post_that_cannot_be_read_is_named_and_the_rest_is_built(
    tmp_path: Path, name: str, text: str | bytes, reason: str
) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, {**GOOD_POSTS, name: text})
    done = build(content, output)
    assert done.returncode == 1
    line = next((line for line in done.stderr.splitlines() if f"posts/{name}" in line), "")
    assert line.startswith("error: ") and reason in line, done.stderr
    assert article_page(output, "2025-03-04", "heavy-rain-floods-roads-in-tokyo").is_file()
    assert article_page(output, "2025-03-03", "banjir-merendam-jalan-di-jakarta").is_file()
    assert HOME_MARK in (output / "index.html").read_text()


def test_a_post_with_a_byte_order_mark_or_crlf_line_ends_is_read(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    with_bom = "\ufeff" + post("Saved by a Windows editor", "2025-03-05", "saved-by-windows")
    crlf = "\ufeff" + post("Saved with CRLF line ends", "2025-03-05", "saved-with-crlf")
    write_posts(
        content,
        {
            **GOOD_POSTS,
            "bom.md": with_bom.encode("utf-8"),
            "crlf.md": crlf.replace("\n", "\r\n").encode("utf-8"),
        },
    )
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    page = article_page(output, "2025-03-05", "saved-by-windows")
    assert "<h1>Saved by a Windows editor</h1>" in page.read_text()
    page = article_page(output, "2025-03-05", "saved-with-crlf")
    assert "<h1>Saved with CRLF line ends</h1>" in page.read_text()


# 5. Feeds stay well-formed XML whatever the text holds.

NOT_XML = "\x01\x08\x0b\x0c\x1b\x7f\x80\x85\x9f\ufffe\uffff"


def test_characters_xml_forbids_never_reach_a_feed(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    hostile = post(
        f"Odd{NOT_XML} characters", "2025-03-05", "odd-characters",
        summary=f"A summary{NOT_XML} with them", tags=f"A{NOT_XML}name; Other\x02one",
        countries="JP", topics="weather", source=f"Wire{NOT_XML}",
    )  # fmt: skip
    hostile = hostile.replace("The body of", f"The body{NOT_XML} of")
    # A lone surrogate, as some tools encode one (invalid in strict UTF-8).
    raw = hostile.encode("utf-8").replace(b"Odd", b"Odd\xed\xa0\x80", 1)
    write_posts(content, {**GOOD_POSTS, "odd.md": raw})
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    feeds = list(output.rglob("*.xml"))
    assert len(feeds) > 5
    for feed in feeds:
        ET.parse(feed)  # raises on any character XML forbids
    html = article_page(output, "2025-03-05", "odd-characters").read_text()
    assert "<h1>Odd characters</h1>" in html
    assert not any(c in html for c in NOT_XML)
    assert "Odd characters" in (output / "countries" / "japan" / "feed.xml").read_text()


# 6. The output is readable by anyone the umask allows.


def _unreadable(output: Path, besides: tuple[Path, ...] = ()) -> list[str]:
    found = []
    for path in [output, *output.rglob("*")]:
        if path in besides:
            continue
        mode = path.lstat().st_mode
        if (stat.S_ISDIR(mode) and mode & 0o005 != 0o005) or (
            stat.S_ISREG(mode) and not mode & 0o004
        ):
            found.append(f"{stat.filemode(mode)} {path.relative_to(output)}")
    return found


def _build_with_umask(umask: int, content: Path, output: Path) -> None:
    old = os.umask(umask)
    try:
        done = build(content, output)
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr


def test_every_file_and_folder_of_the_site_is_world_readable(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, GOOD_POSTS)
    output.mkdir(mode=0o700)  # as mktemp -d makes it
    private = output / "private.txt"  # not the site's: left as it is
    private.write_text("mine")
    private.chmod(0o600)
    _build_with_umask(0o077, content, output)  # an earlier run under a strict umask
    assert _unreadable(output, (private,))
    _build_with_umask(0o022, content, output)  # unchanged pages are not written again
    assert not _unreadable(output, (private,))
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_build_under_the_last_umask_looks_only_at_what_it_wrote(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, GOOD_POSTS)
    _build_with_umask(0o022, content, output)
    modes = output / ".newsdigest-modes.json"
    assert json.loads(modes.read_text()) == {"umask": 0o022}
    kept = next(output.glob("20*/*/*/*/index.html"))  # an article page the next build keeps
    kept.chmod(0o600)  # as by hand, between builds
    _build_with_umask(0o022, content, output)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # not written, not looked at
    modes.unlink()  # as a build that did not finish leaves it
    _build_with_umask(0o022, content, output)
    assert not _unreadable(output)


# 7. The home page never opens on a date in the future.


def test_a_post_dated_in_the_future_does_not_become_the_latest_edition(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    future = post("A story from the future", "2999-01-01", "a-story-from-the-future")
    write_posts(content, {**GOOD_POSTS, "future.md": future})
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    warning = next(line for line in done.stderr.splitlines() if "posts/future.md" in line)
    assert warning.startswith("warning: ") and "2999-01-01" in warning
    home = (output / "index.html").read_text()
    latest = home[home.index("<h1>") : home.index("</h1>")]
    assert '<time datetime="2025-03-04">' in latest
    assert "A story from the future" not in home.split("<aside")[0]
    assert article_page(output, "2999-01-01", "a-story-from-the-future").is_file()
