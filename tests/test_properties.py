"""Property tests over random and adversarial texts (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from newsdigest.extract import extract_metadata
from newsdigest.ingest import ERROR, OK, SKIPPED, IngestOptions, ingest
from newsdigest.parse import DecodeError, ParseError, decode, parse_text
from newsdigest.post import render_post
from newsdigest.site.reader import PostReader

REFERENCE = dt.date(2025, 12, 31)
ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "# Heading",
    "Status: draft",
    "Save_as: ../../index.html",
    "Template: evil",
    "```\ncode\n```",
    "<svg onload=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\<script>alert(1)\\</script>",
    "<<script>script>alert(1)<</script>/script>",
    "javascript:alert(1)",
    "<style>body{display:none}</style>",
    "Title: Injected",
    "\u2028Status: draft",
]
text_pieces = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(min_size=1, max_size=40),
    st.sampled_from(["Jakarta", "Selasa (14/11)", "AS", "Reuters", "\n", "\n\n", "  ", "KOMENTAR"]),
)
articles = st.lists(text_pieces, min_size=1, max_size=12).map("".join)


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


# The theme's own scripts; any other script element would have come from input.
THEME_SCRIPTS = ("pagefind/pagefind-ui.js", "theme/js/search.js")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes) -> None:
    try:
        parsed = parse_text(decode(data))
    except (DecodeError, ParseError) as error:
        assert str(error)
        return
    extract_metadata(parsed, REFERENCE)


@settings(max_examples=300, deadline=None)
@given(articles)
def test_any_text_gives_metadata_and_a_post_that_renders_without_markup(text: str) -> None:
    try:
        parsed = parse_text(text)
    except ParseError:
        return
    metadata = extract_metadata(parsed, REFERENCE)
    post = render_post(metadata, parsed, "input.txt", "sha256:ab12")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_text(post, encoding="utf-8")
        html, fields = PostReader({"DEFAULT_LANG": "id", "TIMEZONE": "UTC"}).read(str(path))
    # Article text never becomes markup: the only tags are bare paragraphs.
    assert set(re.findall(r"</?[a-zA-Z][^>]*>", html)) <= {"<p>", "</p>"}
    assert set(fields) <= {
        "title", "date", "slug", "lang", "countries", "topics", "tags", "source",
        "summary", "people", "organizations", "input", "fingerprint", "datepath",
        "post_stamp",  # the file as it was read (incremental.STAMP), not from the text
    }  # fmt: skip
    assert "status" not in fields and "save_as" not in fields and "template" not in fields


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(articles, st.binary(max_size=60)), min_size=1, max_size=6))
def test_every_input_is_accounted_for(contents: list[str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "in").mkdir()
        paths = []
        for number, content in enumerate(contents):
            path = root / "in" / f"{number:02d}.txt"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            paths.append(path)
        outcomes = ingest(paths, IngestOptions(root / "posts", REFERENCE))
        assert [o.input for o in outcomes] == paths
        assert all(o.status in (OK, SKIPPED, ERROR) for o in outcomes)
        assert all(o.reason for o in outcomes if o.status != OK)
        written = sorted((root / "posts").glob("*.md")) if (root / "posts").exists() else []
        assert len(written) == sum(o.status == OK for o in outcomes)


def test_adversarial_articles_build_a_site_without_injected_script(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number, attack in enumerate(ATTACKS):
        (folder / f"{number:02d}.txt").write_text(
            f"{attack} headline {number}\n\n{attack}\n\nJakarta - Isi berita {number}. {attack}\n",
            encoding="utf-8",
        )
    done = run_cli(
        "ingest", str(folder), "--output", str(tmp_path / "content" / "posts"),
        "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    built = run_cli(
        "build", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "out")
    )
    assert built.returncode == 0, built.stderr
    pages = [p for p in (tmp_path / "out").rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > len(ATTACKS)
    for page in pages:
        parser = _Tags()
        text = page.read_text()
        parser.feed(text)
        # Structured data is the one inline script: it must be whole JSON (article text
        # that ended the element early would leave a fragment that does not parse).
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            json.loads(data)
        for tag, attrs in parser.tags:
            names = {name for name, _ in attrs}
            assert not any(name.startswith("on") for name in names), (page, tag, attrs)
            assert tag not in ("iframe", "img", "style", "object", "embed"), (page, tag)
            if tag == "script" and dict(attrs).get("type") != "application/ld+json":
                assert dict(attrs).get("src", "").endswith(THEME_SCRIPTS), (page, attrs)
            for name, value in attrs:
                if name in ("href", "src"):
                    assert not (value or "").strip().lower().startswith("javascript:"), page
            if tag == "meta":
                assert dict(attrs).get("http-equiv") != "refresh", page
    # Nothing was written outside the output folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "content", "out"]
