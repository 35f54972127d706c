"""Inputs as they come: feeds, saved pages, exports and text with a header block, end to end.

Every file here is made by the test from known articles (``bench/inputs.py``), so
each check compares what ingest read with what the file was made to carry.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bench.inputs import LAYOUTS, Known, atom, labelled_articles, page, rss, word_f1
from conftest import FIXTURES, run_cli
from newsdigest.formats import FormatError, ReadOptions, kind, read_items
from newsdigest.formats.given import GivenError, given, parse_date, same_page
from newsdigest.parse import parse_text

LABELLED = FIXTURES / "labelled"
REFERENCE = "2025-12-31"
OPTIONS = ReadOptions(dt.date(2025, 12, 31))


def known_articles() -> list[Known]:
    return [known for _, known in labelled_articles(LABELLED)]


def ingest(folder: Path, *paths: Path, extra: tuple[str, ...] = ()):
    report = folder / "report.jsonl"
    done = run_cli(
        "ingest", *map(str, paths), "--output", str(folder / "posts"),
        "--report", str(report), "--reference-date", REFERENCE, "--jobs", "1", *extra,
    )  # fmt: skip
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    return done, rows


def post_of(row: dict) -> str:
    return Path(row["output"]).read_text(encoding="utf-8")


# --- feeds -------------------------------------------------------------------------


def test_a_feed_of_twenty_entries_in_two_languages_gives_twenty_posts(tmp_path: Path) -> None:
    articles = known_articles()
    chosen = [k for k in articles if k.lang == "id"][:10] + [k for k in articles if k.lang == "en"][
        :10
    ]
    feed = tmp_path / "in" / "wire.xml"
    feed.parent.mkdir()
    feed.write_text(rss("Kantor Berita - Dunia", chosen, per_item_source=True), "utf-8")
    done, rows = ingest(tmp_path, feed.parent)
    assert done.returncode == 0, done.stderr
    assert [r["status"] for r in rows] == ["ok"] * 20
    by_url = {r["metadata"]["url"]: r for r in rows}
    for known in chosen:
        row = by_url[known.url]
        meta = row["metadata"]
        assert row["item"] == known.url  # an entry is known by its id
        assert meta["title"] == known.title
        assert meta["date"] == known.date.isoformat()  # the entry's own day (UTC+7)
        assert meta["source"] == known.source
        assert meta["lang"] == known.lang
        assert meta["origin"] == {
            "date": "given", "source": "given", "url": "given", "lang": "extracted",
        }  # fmt: skip
        post = post_of(row)
        assert f"URL: {known.url}" in post and "Input: ../in/wire.xml" in post
        assert f"Item: {known.url}" in post


def test_a_feed_entry_keeps_its_post_when_it_changes_or_drops_out(tmp_path: Path) -> None:
    first, second, third = known_articles()[:3]
    feed = tmp_path / "in" / "feed.rss"
    feed.parent.mkdir()
    feed.write_text(rss("Outlet", [first, second]), "utf-8")
    done, rows = ingest(tmp_path, feed.parent)
    assert done.returncode == 0, done.stderr
    posts = {r["item"]: Path(r["output"]).name for r in rows}

    # The feed moves on: the first entry drops out, the second is corrected, a third comes.
    corrected = Known(second.title, (*second.paragraphs, "Koreksi: angka diperbarui."),
                      second.date, second.source, second.url, second.lang)  # fmt: skip
    feed.write_text(rss("Outlet", [corrected, third]), "utf-8")
    done, rows = ingest(tmp_path, feed.parent, extra=("--prune",))
    assert done.returncode == 0, done.stderr
    after = {r["item"]: r for r in rows}
    assert Path(after[second.url]["output"]).name == posts[second.url]  # same post, updated
    assert "Koreksi: angka diperbarui." in post_of(after[second.url])
    assert (tmp_path / "posts" / posts[first.url]).exists()  # dropped out, not pruned
    assert len(list((tmp_path / "posts").glob("*.md"))) == 3

    # The feed file itself is gone: its posts go with --prune.
    feed.unlink()
    done, rows = ingest(tmp_path, feed.parent, extra=("--prune",))
    assert sorted(r["status"] for r in rows) == ["pruned"] * 3
    assert not list((tmp_path / "posts").glob("*.md"))


def test_an_atom_feed_gives_dates_links_and_the_outlet_without_its_section() -> None:
    chosen = known_articles()[:3]
    items = read_items("world.atom", atom("Reuters: World News", chosen).encode(), OPTIONS)
    assert [i.given.url for i in items] == [k.url for k in chosen]
    assert [i.given.date for i in items] == [k.date for k in chosen]
    assert {i.given.source for i in items} == {"Reuters"}
    for item, known in zip(items, chosen, strict=True):
        parsed = parse_text(item.text)
        assert parsed.headline == known.title
        assert word_f1(parsed.body, "\n".join(known.paragraphs)) == 1.0


def test_a_feed_entry_without_a_title_or_with_a_future_date_fails_alone(tmp_path: Path) -> None:
    good = known_articles()[0]
    future = Known("Jadwal Rapat Tahun Depan", ("Rapat digelar tahun depan.",),
                   dt.date(2026, 6, 1), "Antara", "https://news.example/future")  # fmt: skip
    text = rss("Outlet", [good, future]).replace(
        "</channel>", "<item><description>Tanpa judul</description></item></channel>"
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(text, "utf-8")
    done, rows = ingest(tmp_path, feed)
    assert done.returncode == 1
    assert [r["status"] for r in rows] == ["ok", "error", "error"]
    assert "after the reference date 2025-12-31" in rows[1]["reason"]
    assert "feed.xml [https://news.example/future]" in rows[1]["reason"]
    assert "no title" in rows[2]["reason"] and "[entry 3]" in rows[2]["reason"]
    assert "error: " in done.stderr and "feed.xml" in done.stderr


def test_a_broken_feed_is_one_error_naming_the_file(tmp_path: Path) -> None:
    feed = tmp_path / "broken.xml"
    feed.write_text("<rss><channel><title>x</title><item><title>Half", "utf-8")
    done, rows = ingest(tmp_path, feed)
    assert done.returncode == 1
    (row,) = rows
    assert row["status"] == "error" and "broken.xml" in row["reason"]


# --- saved pages ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_saved_page_gives_its_text_and_metadata(layout: str) -> None:
    for known in known_articles()[::6]:
        (item,) = read_items("page.html", page(known, layout).encode(), OPTIONS)
        parsed = parse_text(item.text)
        assert parsed.headline == known.title
        assert word_f1("\n".join(parsed.paragraphs), "\n".join(known.paragraphs)) >= 0.95
        assert item.given.date == known.date
        assert item.given.source == known.source
        assert item.given.url == known.url
        found = "\n".join(parsed.paragraphs)
        for leftover in ("Baca juga", "SCROLL TO CONTINUE", "KOMENTAR", "Copyright",
                         "Sign up for our newsletter", "Popular posts"):  # fmt: skip
            assert leftover not in found


def test_the_same_story_from_a_feed_and_a_saved_page_is_published_once(tmp_path: Path) -> None:
    known = known_articles()[4]
    folder = tmp_path / "in"
    folder.mkdir()
    # The feed carries only the lead: not the same text, but the same address.
    lead_only = Known(known.title, known.paragraphs[:1], known.date, known.source, known.url)
    (folder / "feed.xml").write_text(rss("Outlet", [lead_only]), "utf-8")
    (folder / "story.html").write_text(page(known, "portal"), "utf-8")
    done, rows = ingest(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert sorted(r["status"] for r in rows) == ["ok", "skipped"]
    (skipped,) = [r for r in rows if r["status"] == "skipped"]
    assert "duplicate of" in skipped["reason"]
    assert len(list((tmp_path / "posts").glob("*.md"))) == 1


def test_a_page_without_an_article_is_an_error_naming_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><body></body></html>", "utf-8")
    done, rows = ingest(tmp_path, empty)
    assert done.returncode == 1
    assert rows[0]["status"] == "error" and "empty.html" in rows[0]["reason"]
    assert "no article text" in rows[0]["reason"]


def test_reading_pages_without_the_html_extra_names_the_extra(tmp_path: Path) -> None:
    page_file = tmp_path / "story.html"
    page_file.write_text(page(known_articles()[0], "blog"), "utf-8")
    # Python's own way to make a package absent: None in sys.modules blocks its import.
    script = (
        "import sys; sys.modules['readability'] = None; sys.modules['lxml'] = None\n"
        "from newsdigest.cli import main\n"
        f"sys.exit(main(['ingest', {str(page_file)!r}, '--output', {str(tmp_path / 'p')!r}]))"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert "story.html" in done.stderr
    assert "pip install 'newsdigest[html]'" in done.stderr


# --- exports ---------------------------------------------------------------------------

DETIK_LIKE = (
    "\ufeffjudul,isi,tanggal,url\n"
    '"Harga Beras Naik, Pedagang Mengeluh","JAKARTA - Harga beras medium naik Rp 1.000 per'
    " kilogram di Pasar Induk Cipinang, Senin (20/10/2025).\n\nSCROLL TO CONTINUE WITH CONTENT"
    '\n\n""Kenaikan ini karena pasokan berkurang,"" kata seorang pedagang.",'
    '"Senin, 20 Okt 2025 14:30 WIB",https://news.example/beras\n'
    '"Baris Rusak Tanpa Isi",,"Selasa, 21 Okt 2025 09:00 WIB",https://news.example/rusak\n'
    '"Jadwal Tidak Jelas","Isi berita yang cukup panjang untuk dibaca.",besok lusa,'
    "https://news.example/lusa\n"
    '"Banjir Rendam Bekasi","BEKASI - Banjir setinggi 1 meter merendam ratusan rumah di'
    ' Bekasi, Selasa (21/10/2025).","2025-10-21 07:15:00",https://news.example/banjir\n'
)


def test_a_detik_like_csv_export_with_a_broken_row(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(DETIK_LIKE, "utf-8")
    done, rows = ingest(tmp_path, export)
    assert done.returncode == 1  # the broken rows fail; the exit code says so
    assert [r["status"] for r in rows] == ["ok", "error", "error", "ok"]
    assert "row 2" in rows[1]["reason"] and "no body" in rows[1]["reason"]
    assert "export.csv" in rows[1]["reason"]
    assert "row 3" in rows[2]["reason"] and "'besok lusa' is not a date" in rows[2]["reason"]
    beras, banjir = rows[0]["metadata"], rows[3]["metadata"]
    assert beras["title"] == "Harga Beras Naik, Pedagang Mengeluh"
    assert beras["date"] == "2025-10-20" and banjir["date"] == "2025-10-21"
    assert beras["url"] == "https://news.example/beras"
    post = post_of(rows[0])
    assert "SCROLL TO CONTINUE" not in post  # page leftovers go as in text
    assert "Kenaikan ini karena pasokan berkurang" in post
    assert "2 ok, 0 skipped, 2 failed" in done.stderr


def test_columns_named_on_the_command_line_and_a_semicolon_export(tmp_path: Path) -> None:
    export = tmp_path / "cms.csv"
    export.write_text(
        "kepala;naskah;terbit;media\n"
        '"Gempa Guncang Cianjur";"CIANJUR - Gempa magnitudo 5,6 mengguncang Cianjur.";'
        "14/11/2025;Radar Cianjur\n",
        "utf-8",
    )
    done, rows = ingest(tmp_path, export)
    assert done.returncode == 1
    assert "no title or body column" in rows[0]["reason"] and "--columns" in rows[0]["reason"]
    columns = "title=kepala,body=naskah,date=terbit,source=media"
    done, rows = ingest(tmp_path, export, extra=("--columns", columns))
    assert done.returncode == 0, done.stderr
    meta = rows[0]["metadata"]
    assert (meta["date"], meta["source"]) == ("2025-11-14", "Radar Cianjur")
    assert rows[0]["item"] == "row 1"


def test_a_json_lines_export_and_a_json_array(tmp_path: Path) -> None:
    chosen = known_articles()[:2]
    lines = [
        json.dumps(
            {
                "title": k.title,
                "content": "\n\n".join(k.paragraphs),
                "publishedAt": f"{k.date.isoformat()}T08:00:00Z",
                "source": {"id": None, "name": k.source},
                "url": k.url,
            }
        )
        for k in chosen
    ]
    jsonl = tmp_path / "api.jsonl"
    jsonl.write_text("\n".join([lines[0], "{not json", lines[1]]) + "\n", "utf-8")
    array = tmp_path / "dump.json"
    array.write_text(json.dumps({"status": "ok", "articles": [json.loads(lines[1])]}), "utf-8")
    done, rows = ingest(tmp_path, jsonl, array)
    assert done.returncode == 1  # the line that is not JSON
    assert [r["status"] for r in rows] == ["ok", "error", "ok", "skipped"]
    assert "api.jsonl [line 2]: not JSON" in rows[1]["reason"]
    for row, known in zip((rows[0], rows[2]), chosen, strict=True):
        meta = row["metadata"]
        assert (meta["date"], meta["source"], meta["url"]) == (
            known.date.isoformat(), known.source, known.url,
        )  # fmt: skip
    assert "duplicate of" in rows[3]["reason"]  # the same article in the other export


# --- text with a header block, and what is given wins --------------------------------


def test_a_header_block_gives_what_the_text_cannot(tmp_path: Path) -> None:
    text = tmp_path / "in" / "note.txt"
    text.parent.mkdir()
    text.write_text(
        "Date: 2025-11-13\nSource: Antara\nURL: https://antaranews.example/berita/1\n"
        "Lang: id\n\nPemerintah Umumkan Kebijakan Baru\n\n"
        "JAKARTA (Reuters) - Pemerintah mengumumkan kebijakan baru pada Senin (10/11/2025).\n",
        "utf-8",
    )
    done, rows = ingest(tmp_path, text)
    assert done.returncode == 0, done.stderr
    meta = rows[0]["metadata"]
    # Given wins over what the text says (a Reuters credit, Monday the 10th).
    assert (meta["date"], meta["source"], meta["lang"]) == ("2025-11-13", "Antara", "id")
    assert meta["title"] == "Pemerintah Umumkan Kebijakan Baru"
    assert meta["origin"]["date"] == "given" and meta["origin"]["source"] == "given"
    assert "Date: 2025-11-13" in post_of(rows[0]) and "Lang: id" in post_of(rows[0])


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("Date: 2026-03-01", "after the reference date 2025-12-31"),
        ("Date: kemarin sore", "'kemarin sore' is not a date"),
        ("Lang: Bahasa Indonesia", "not a language code"),
    ],
)
def test_a_bad_given_value_is_an_error_not_a_guess(
    tmp_path: Path, header: str, reason: str
) -> None:
    text = tmp_path / "bad.txt"
    text.write_text(f"{header}\n\nJudul\n\nIsi berita pada Senin (10/11/2025).\n", "utf-8")
    done, rows = ingest(tmp_path, text)
    assert done.returncode == 1
    assert rows[0]["status"] == "error"
    assert "bad.txt" in rows[0]["reason"] and reason in rows[0]["reason"]
    assert not (tmp_path / "posts").exists() or not list((tmp_path / "posts").glob("*.md"))


def test_a_text_without_a_header_block_is_read_as_before() -> None:
    # A headline that merely starts like a field, without the blank line after it.
    (item,) = read_items("a.txt", b"Date: the film opens in May\nBody of the review.\n", OPTIONS)
    assert item.given == given(OPTIONS.reference)
    assert item.text.startswith("Date: the film opens in May")


def test_an_address_that_is_not_http_is_never_kept(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("URL: javascript:alert(1)\n\nJudul\n\nIsi berita.\n", "utf-8")
    done, rows = ingest(tmp_path, text)
    assert done.returncode == 0, done.stderr
    assert rows[0]["metadata"]["url"] is None
    assert "javascript" not in post_of(rows[0])


def test_a_hand_edited_post_with_a_script_address_is_refused(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text(
        "Title: A\nDate: 2025-11-14\nURL: javascript:alert(1)\n\nBody.\n", "utf-8"
    )
    (posts / "b.md").write_text(
        "Title: B\nDate: 2025-11-14\nURL: https://example.com/b\n\nBody.\n", "utf-8"
    )
    done = run_cli(
        "build", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "out")
    )
    assert "URL: 'javascript:alert(1)' is not an http(s) address" in done.stdout + done.stderr
    pages = [p.read_text() for p in (tmp_path / "out").rglob("index.html")]
    assert not any("javascript:alert" in p for p in pages)
    assert any('href="https://example.com/b"' in p for p in pages)


# --- formats, dates and addresses as units --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-14", "2025-11-14"),
        ("2025-11-14T23:30:00+07:00", "2025-11-14"),  # the publisher's own day
        ("2025-11-14 10:00:00", "2025-11-14"),
        ("Fri, 14 Nov 2025 23:30:00 +0700", "2025-11-14"),
        ("14/11/2025", "2025-11-14"),
        ("14-11-2025 08:00", "2025-11-14"),
        ("Jumat, 14 Nov 2025 10:00 WIB", "2025-11-14"),
        ("Senin, 20 Okt 2025 14:30 WIB", "2025-10-20"),
        ("14 Desember 2024", "2024-12-14"),
        ("November 14, 2025", "2025-11-14"),
        ("Nov. 14, 2025 5:00 PM ET", "2025-11-14"),
        ("31/02/2025", None),
        ("besok", None),
        ("", None),
    ],
)
def test_given_dates(text: str, expected: str | None) -> None:
    found = parse_date(text)
    assert (found.isoformat() if found else None) == expected


def test_given_values_are_checked() -> None:
    reference = dt.date(2025, 12, 31)
    assert given(reference, url="ftp://x.example/a").url is None
    assert given(reference, url="https://x.example/a b").url is None
    assert given(reference, lang="en-US").lang == "en"
    assert given(reference, source="  Kompas   TV ").source == "Kompas TV"
    assert given(reference, date="  ").date is None
    with pytest.raises(GivenError):
        given(reference, date="2026-01-01")


def test_two_copies_of_one_page_have_the_same_address() -> None:
    assert same_page("https://www.Example.com/a/?utm_source=x&id=3#top") == same_page(
        "http://example.com/a?id=3"
    )
    assert same_page("https://example.com/a?id=3") != same_page("https://example.com/a?id=4")


@pytest.mark.parametrize(
    ("name", "start", "expected"),
    [
        ("a.txt", b"<html>", "text"),  # the extension decides when it says something
        ("feed", b'<?xml version="1.0"?><rss>', "feed"),
        ("saved", b"<!DOCTYPE html><html>", "page"),
        ("dump", b'[{"title": "x"}]', "json"),
        ("note", b"Judul\n\nIsi", "text"),
        ("page.xml", b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "page"),
    ],
)
def test_the_format_is_chosen_by_extension_then_content(
    name: str, start: bytes, expected: str
) -> None:
    assert kind(name, start) == expected


def test_an_export_without_recognisable_columns_names_them() -> None:
    with pytest.raises(FormatError, match=r"no title or body column among a, b"):
        read_items("x.csv", b"a,b\n1,2\n", OPTIONS)


def test_inspect_shows_each_entry_of_a_feed_and_where_each_field_came_from(
    tmp_path: Path,
) -> None:
    chosen = known_articles()[:2]
    feed = tmp_path / "feed.xml"
    feed.write_text(rss("Outlet", chosen), "utf-8")
    done = run_cli("inspect", str(feed), "--reference-date", REFERENCE)
    assert done.returncode == 0, done.stderr
    for known in chosen:
        assert f"== {feed} [{known.url}]" in done.stdout
        assert f"date: {known.date.isoformat()}  (given)" in done.stdout
    done = run_cli("inspect", str(feed), "--reference-date", REFERENCE, "--json")
    documents = json.loads(done.stdout)
    assert [d["item"] for d in documents] == [k.url for k in chosen]
    assert documents[0]["metadata"]["origin"]["url"] == "given"


def test_a_large_export_gives_the_same_posts_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    articles = known_articles()
    rows = ["title,body,date,url"]
    for n in range(150):  # more than one worker's share: the rows are spread over workers
        known = articles[n % len(articles)]
        body = " ".join(known.paragraphs).replace('"', '""')
        rows.append(f'"{known.title} ({n})","{body} Nomor {n}.",{known.date},https://x.example/{n}')
    export = tmp_path / "big.csv"
    export.write_text("\n".join(rows) + "\n", "utf-8")
    results = []
    for jobs in ("1", "2"):
        report = tmp_path / f"report-{jobs}.jsonl"
        done = run_cli(
            "ingest", str(export), "--output", str(tmp_path / f"posts-{jobs}"),
            "--report", str(report), "--reference-date", REFERENCE, "--jobs", jobs,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        posts = {p.name: p.read_bytes() for p in (tmp_path / f"posts-{jobs}").glob("*.md")}
        lines = [json.loads(line) for line in report.read_text().splitlines()]
        results.append((posts, [(r["item"], r["status"], r["metadata"]) for r in lines]))
    assert len(results[0][0]) == 150
    assert results[0][0] == results[1][0]
    assert results[0][1] == results[1][1]
