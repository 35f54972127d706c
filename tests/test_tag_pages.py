"""One tag page per person or organisation, whatever spelling each post uses.

Each test builds a small site of hand-written posts with the real command and
reads the pages: an acronym and its expansion, a short and a full name, a
nickname, one page at the entity's slug listing every article, the other
spellings as "also known as" and as redirects from their old addresses, the tags
index, and rebuilds after the post that tied two spellings is removed.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urljoin

from test_build_safety import build, post, write_posts

from conftest import run_cli
from newsdigest.site.taxonomy import Term, tag_cloud
from newsdigest.tags import TagNames, _Trie, abbreviates, tag_key

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
BGN = {
    "a.md": post("Dapur umum dibuka", "2025-03-01", tags="BGN", organizations="BGN"),
    "b.md": post(
        "Program makan bergizi",
        "2025-03-02",
        tags="Badan Gizi Nasional",
        countries="ID",
        topics="health",
        organizations="Badan Gizi Nasional (BGN)",
    ),
}


def site(tmp_path: Path, posts: dict[str, str]) -> Path:
    """Build ``posts`` into tmp_path/output (built before, it is rebuilt) and return it."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_posts(content, posts)
    done = build(content, output)
    assert done.returncode == 0, done.stderr
    return output


def tag_page(output: Path, slug: str) -> str:
    return (output / "tags" / slug / "index.html").read_text()


def listed_titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="[^"]+">([^<]+)</a>', page)


def redirect_target(output: Path, slug: str) -> str | None:
    """Where tags/<slug>/ sends the browser, as a path in the site; None if it is no redirect."""
    match = REFRESH.search(tag_page(output, slug))
    return urljoin(f"/tags/{slug}/index.html", match[1]).lstrip("/") if match else None


def assert_no_broken_link(output: Path) -> None:
    for page in output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        base = "/" + page.relative_to(output).as_posix()
        html = page.read_text()
        for target in re.findall(r'(?:href|src)="([^"#]+)', html) + REFRESH.findall(html):
            path = output / urljoin(base, target).lstrip("/")
            assert (path / "index.html" if path.is_dir() else path).is_file(), (page, target)


def test_an_acronym_and_its_expansion_in_two_posts_are_one_page(tmp_path: Path) -> None:
    output = site(tmp_path, BGN)
    page = tag_page(output, "badan-gizi-nasional")
    assert "<h1>Badan Gizi Nasional</h1>" in page
    assert sorted(listed_titles(page)) == ["Dapur umum dibuka", "Program makan bergizi"]
    assert '<p class="aliases">Juga disebut: BGN</p>' in page
    # The acronym's own address sends readers on, with no script (the CSP allows none inline).
    assert redirect_target(output, "bgn") == "tags/badan-gizi-nasional/index.html"
    redirect = tag_page(output, "bgn")
    assert '<link rel="canonical" href="../../tags/badan-gizi-nasional/">' in redirect
    assert 'href="../../tags/badan-gizi-nasional/index.html">Badan Gizi Nasional</a>' in redirect
    assert "<script" not in redirect
    assert not (output / "tags" / "bgn" / "feed.xml").exists()
    # Both articles link to the one page, by its name.
    for slug, date in (
        ("dapur-umum-dibuka", "2025/03/01"),
        ("program-makan-bergizi", "2025/03/02"),
    ):
        article = (output / date / slug / "index.html").read_text()
        assert 'href="../../../../tags/badan-gizi-nasional/">Badan Gizi Nasional</a>' in article
    assert ">BGN <" not in (output / "tags" / "index.html").read_text()
    assert_no_broken_link(output)


def test_a_short_and_a_full_name_of_one_person_are_one_page(tmp_path: Path) -> None:
    output = site(
        tmp_path,
        {
            "short.md": post(
                "Anggaran dibahas", "2025-03-01", tags="Sri Mulyani", people="Sri Mulyani"
            ),
            "full.md": post(
                "Defisit terjaga",
                "2025-03-02",
                tags="Sri Mulyani Indrawati",
                people="Sri Mulyani Indrawati",
            ),
        },
    )
    page = tag_page(output, "sri-mulyani-indrawati")
    assert sorted(listed_titles(page)) == ["Anggaran dibahas", "Defisit terjaga"]
    assert "Juga disebut: Sri Mulyani</p>" in page
    assert redirect_target(output, "sri-mulyani") == "tags/sri-mulyani-indrawati/index.html"


def test_a_nickname_is_the_page_of_the_full_name(tmp_path: Path) -> None:
    output = site(
        tmp_path,
        {
            "nick.md": post("Bansos disalurkan", "2025-03-01", tags="Gus Ipul", people="Gus Ipul"),
            "full.md": post(
                "Data bansos diperbarui",
                "2025-03-03",
                tags="Saifullah Yusuf",
                people="Saifullah Yusuf",
            ),
        },
    )
    page = tag_page(output, "saifullah-yusuf")
    assert "<h1>Saifullah Yusuf</h1>" in page and "Juga disebut: Gus Ipul</p>" in page
    assert listed_titles(page) == ["Data bansos diperbarui", "Bansos disalurkan"]  # newest first
    assert redirect_target(output, "gus-ipul") == "tags/saifullah-yusuf/index.html"


def test_a_tag_page_shows_the_countries_and_topics_covered_with_it(tmp_path: Path) -> None:
    output = site(tmp_path, BGN)
    page = tag_page(output, "badan-gizi-nasional")
    assert "Sering diliput bersama: negara" in page and "countries/indonesia/" in page
    assert "Sering diliput bersama: topik" in page and "topics/health/" in page


def test_the_index_shows_tags_of_several_articles_before_the_others(tmp_path: Path) -> None:
    posts = dict(BGN)
    posts["c.md"] = post("Gizi anak sekolah", "2025-03-04", tags="BGN; Zulkifli Hasan")
    posts["d.md"] = post("Harga pangan", "2025-03-05", tags="Zulhas; Arief Prasetyo Adi")
    posts["e.md"] = post("Pasar murah", "2025-03-06", tags="Andi Amran Sulaiman")
    index = (site(tmp_path, posts) / "tags" / "index.html").read_text()
    cloud, more = index.split("<details", 1)
    assert 'badan-gizi-nasional/">Badan Gizi Nasional <span class="count">3</span>' in cloud
    assert 'zulkifli-hasan/">Zulkifli Hasan <span class="count">2</span>' in cloud  # Zulhas
    assert "Arief" not in cloud and "Andi" not in cloud
    assert '<span class="count">(2)</span></summary>' in more
    assert more.index("Andi Amran Sulaiman") < more.index("Arief Prasetyo Adi")  # by name
    assert "BGN" not in index and "Zulhas" not in index


def test_cloud_sizes_grow_with_the_logarithm_of_use() -> None:
    counts = {"Top": 300, "Often": 30, "Some": 8, "Twice": 2, "Once": 1, "Also once": 1}
    tags = [(Term("tags", name, "id"), [None] * count) for name, count in counts.items()]
    frequent, rare = tag_cloud(tags)
    sizes = {term.name: size for term, _, size in frequent}
    assert sizes == {"Often": 3, "Some": 2, "Top": 4, "Twice": 1}
    assert list(sizes) == ["Often", "Some", "Top", "Twice"]  # by name
    assert [term.name for term, _ in rare] == ["Also once", "Once"]


def test_an_alias_never_replaces_a_real_tag_page(tmp_path: Path) -> None:
    """Thomas Müller is also "Müller", whose slug is that of another tag, "Muller"."""
    output = site(
        tmp_path,
        {
            "short.md": post("Gol penentu", "2025-03-01", tags="Müller", people="Müller"),
            "full.md": post(
                "Pemain terbaik", "2025-03-02", tags="Thomas Müller", people="Thomas Müller"
            ),
            "other.md": post("Rekor baru", "2025-03-03", tags="Muller", organizations="Muller"),
        },
    )
    assert "Juga disebut: Müller</p>" in tag_page(output, "thomas-muller")
    assert redirect_target(output, "muller") is None
    assert listed_titles(tag_page(output, "muller")) == ["Rekor baru"]


def test_removing_the_post_that_tied_two_spellings_splits_them_again(tmp_path: Path) -> None:
    """Only b.md says Polri is the Kepolisian Negara Republik Indonesia (the letters do not)."""
    police = "Kepolisian Negara Republik Indonesia"
    posts = {
        "a.md": post("Patroli malam", "2025-03-01", tags="Polri", organizations="Polri"),
        "b.md": post(
            "Pengamanan mudik", "2025-03-02", tags=police, organizations=f"{police} (Polri)"
        ),
        "c.md": post("Sekolah polisi", "2025-03-03", tags=police, organizations=police),
    }
    full = "kepolisian-negara-republik-indonesia"
    output = site(tmp_path, posts)
    assert redirect_target(output, "polri") == f"tags/{full}/index.html"
    assert len(listed_titles(tag_page(output, full))) == 3
    (tmp_path / "content" / "posts" / "b.md").unlink()
    output = site(tmp_path, {})
    assert redirect_target(output, "polri") is None  # a tag page of its own again
    assert listed_titles(tag_page(output, "polri")) == ["Patroli malam"]
    assert listed_titles(tag_page(output, full)) == ["Sekolah polisi"]
    assert "Juga disebut" not in tag_page(output, full)
    assert_no_broken_link(output)


def test_a_redirect_no_longer_needed_is_removed(tmp_path: Path) -> None:
    output = site(tmp_path, BGN)
    assert (output / "tags" / "bgn" / "index.html").is_file()
    for name in ("a.md", "b.md"):
        (tmp_path / "content" / "posts" / name).unlink()
    output = site(tmp_path, {"e.md": post("Pasar murah", "2025-03-06", tags="Amran Sulaiman")})
    assert not (output / "tags" / "bgn").exists()
    assert not (output / "tags" / "badan-gizi-nasional").exists()
    assert_no_broken_link(output)


def test_an_article_page_follows_its_tag_to_a_name_found_in_another_post(
    tmp_path: Path,
) -> None:
    """The post tagged BGN does not change, but its page links to the joined page."""
    output = site(tmp_path, {"a.md": BGN["a.md"]})
    article = output / "2025" / "03" / "01" / "dapur-umum-dibuka" / "index.html"
    assert 'tags/bgn/">BGN</a>' in article.read_text()
    output = site(tmp_path, {"b.md": BGN["b.md"]})
    assert 'tags/badan-gizi-nasional/">Badan Gizi Nasional</a>' in article.read_text()
    assert_no_broken_link(output)


def test_names_and_aliases_do_not_depend_on_the_order_of_the_files(tmp_path: Path) -> None:
    """Three spellings used once each: the same one names the page in every build (and
    stories of one day and one title keep their places)."""
    posts = {
        f"{name}.md": post("Rapat gizi", "2025-03-01", f"rapat-gizi-{name}", tags=tag)
        for name, tag in (("x", "Badan Gizi"), ("y", "BADAN GIZI"), ("z", "badan gizi"))
    }
    write_posts(tmp_path / "content", posts)
    pages = []
    for seed in ("1", "2", "3"):
        output = tmp_path / f"out-{seed}"
        done = run_cli(
            "build", "--content", str(tmp_path / "content"), "--output", str(output),
            env={"PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        pages.append(tag_page(output, "badan-gizi"))
        shutil.rmtree(tmp_path / "content" / ".cache")  # each build reads the posts anew
    assert pages[0] == pages[1] == pages[2]


# Joining is one pass over the site's names, not a comparison of every pair.


def _names(count: int, seed: int) -> tuple[list[str], list[str]]:
    """``count`` random person and organisation names, many sharing words and letters."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("aeikmnoprstu") for _ in range(rng.randrange(3, 8))).title()

    firsts, lasts = [word() for _ in range(count // 4)], [word() for _ in range(count // 2)]
    heads = ["Badan", "Kementerian", "Bank", "Partai", "Dinas", "PT", "Komisi"]
    people = [f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(count)]
    organizations = [
        " ".join([rng.choice(heads), *(word() for _ in range(rng.randrange(1, 4)))])
        for _ in range(count)
    ]
    return people, organizations


def test_abbreviations_are_found_as_the_rule_says_without_trying_every_name() -> None:
    _, organizations = _names(600, seed=5)
    long_names = sorted({tag_key(o) for o in organizations} | {"badan dan the gizi"})
    trie = _Trie.of(long_names)
    shorts = [tag_key(o) for o in organizations[:150]]
    shorts += ["".join(w[0] for w in o.split()) for o in long_names[:150]]
    shorts += ["".join(w[:2] for w in o.split()) for o in long_names[150:300]] + ["bgg", "btg"]
    for short in shorts:
        target = short.replace(" ", "")
        expected = {k for k in long_names if abbreviates(short, k)}
        assert expected <= trie.abbreviated(target), short


def test_joining_the_tags_of_many_articles_takes_seconds() -> None:
    people, organizations = _names(8_000, seed=7)
    rng = random.Random(7)
    names = TagNames()
    started = time.perf_counter()
    for number in range(4_000):
        persons = [*rng.sample(people, 2), people[number].split()[-1]]
        bodies = rng.sample(organizations, 2)
        acronym = "".join(w[0] for w in bodies[0].split()).upper()
        names.add([*persons, acronym, bodies[1]], persons, [f"{bodies[0]} ({acronym})", bodies[1]])
    names.resolve()
    assert time.perf_counter() - started < 20  # comparing every pair took five minutes
