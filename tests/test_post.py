"""The post writer and the plugin's reader: a header of known fields, a body that stays text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from newsdigest.model import Metadata
from newsdigest.parse import parse_text
from newsdigest.post import escape_markdown, render_post
from newsdigest.site.reader import split_post
from newsdigest.write import write_atomic

RENDER = MarkdownIt("commonmark", {"html": False}).render


def _metadata(**changes: object) -> Metadata:
    base = {
        "title": "Judul",
        "date": dt.date(2023, 11, 14),
        "lang": "id",
        "countries": ("US", "JP"),
        "topics": ("politics",),
        "source": "Kyodo News",
        "people": ("Antony Blinken",),
        "organizations": ("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)",),
        "summary": "Ringkasan.",
        "tags": ("Antony Blinken", "BMKG"),
        "slug": "judul",
    }
    base.update(changes)
    return Metadata(**base)  # type: ignore[arg-type]


def test_post_header_has_every_field_and_the_body_follows() -> None:
    post = render_post(
        _metadata(), parse_text("Judul\n\nIsi berita."), "../articles/a.txt", "sha256:ab12"
    )
    fields, body = split_post(post)
    assert fields == {
        "title": "Judul",
        "date": "2023-11-14",
        "slug": "judul",
        "lang": "id",
        "countries": "US, JP",
        "topics": "politics",
        "tags": "Antony Blinken; BMKG",
        "source": "Kyodo News",
        "summary": "Ringkasan.",
        "people": "Antony Blinken",
        "organizations": "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)",
        "input": "../articles/a.txt",
        "fingerprint": "sha256:ab12",
    }
    assert body == "Isi berita.\n"


def test_a_newline_in_a_value_cannot_start_a_new_header_field() -> None:
    post = render_post(
        _metadata(title="Judul\nStatus: draft", summary="x\n\nSave_as: ../../index.html"),
        parse_text("Judul\n\nIsi."),
        "a.txt",
        "sha256:ab12",
    )
    fields, _ = split_post(post)
    assert "status" not in fields and "save_as" not in fields
    assert fields["title"] == "Judul Status: draft"


def test_reader_ignores_fields_it_does_not_know() -> None:
    fields, _ = split_post("Title: A\nTemplate: evil\nSave_as: ../../x.html\n\nBody")
    assert fields == {"title": "A"}


@pytest.mark.parametrize(
    "paragraph",
    [
        "# Not a heading",
        "> not a quote",
        "- not a list",
        "1. not a list",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "*not emphasis* and `not code` and a_b_c",
        "Status: draft",
        "AT&amp;T &copy; \\ backslash",
    ],
)
def test_markdown_in_article_text_renders_as_the_same_text(paragraph: str) -> None:
    html = RENDER(escape_markdown(paragraph))
    assert html.startswith("<p>") and html.count("<") == 2  # only <p> and </p>
    assert "<a" not in html and "<script" not in html and "<h1" not in html
    text = html.removeprefix("<p>").removesuffix("</p>\n")
    unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert unescaped.replace("&amp;", "&") == paragraph


def test_write_atomic_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "posts" / "a.md"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]
