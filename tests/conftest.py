"""Shared fixtures: paths into the repository, a helper to run the real command and one to
compare an incrementally built site with a build from scratch."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdigest.site.state import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "as-jepang-korea-selatan-apec.txt"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``newsdigest`` as a user would, in a separate process (``env`` adds variables)."""
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def assert_same_as_from_scratch(
    posts: Path, output: Path, work: Path, build: Callable[[Path, Path], object]
) -> None:
    """``output``, built incrementally from ``posts``, holds what a build from scratch of the
    same posts writes (in ``work``), byte for byte; the search bundles and the manifest aside."""
    scratch, fresh = work / "scratch", work / "fresh-content"
    fresh.mkdir()
    (fresh / "posts").symlink_to(posts)
    build(fresh, scratch)
    for page in sorted(scratch.rglob("*")):
        relative = page.relative_to(scratch)
        if page.is_file() and relative.parts[0] != "pagefind" and page.name != MANIFEST:
            assert (output / relative).read_bytes() == page.read_bytes(), relative
    assert {p.relative_to(output) for p in output.rglob("*.html")} == {
        p.relative_to(scratch) for p in scratch.rglob("*.html")
    }


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article text (str or bytes) into tmp_path/articles and return its path."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


class BuiltSite:
    """A site built once per test session from the seed and the labelled articles."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.report = root / "report.jsonl"

    def metadata(self) -> dict[str, dict]:
        """Input file name -> report metadata."""
        import json

        rows = [json.loads(line) for line in self.report.read_text().splitlines()]
        return {Path(r["input"]).name: r["metadata"] for r in rows}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site = BuiltSite(tmp_path_factory.mktemp("built-site"))
    articles = [SEED, *sorted((FIXTURES / "labelled" / "articles").glob("*.txt"))]
    done = run_cli(
        "ingest", *map(str, articles), "--output", str(site.content / "posts"),
        "--report", str(site.report), "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    built = run_cli("build", "--content", str(site.content), "--output", str(site.output))
    assert built.returncode == 0, built.stderr
    return site


# The address a publish build is given (publishconf.py reads NEWSDIGEST_SITEURL).
SITE_ADDRESS = "https://example.org/digest"


@pytest.fixture(scope="session")
def published(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's posts built with publishconf.py and an absolute site address."""
    output = tmp_path_factory.mktemp("published") / "site"
    done = run_cli(
        "build", "--settings", str(ROOT / "publishconf.py"), "--content", str(built_site.content),
        "--output", str(output), env={"NEWSDIGEST_SITEURL": SITE_ADDRESS},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return output


@pytest.fixture(scope="session")
def disk_site(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's posts built with INDEX_HTML_LINKS = True, to be opened from disk."""
    folder = tmp_path_factory.mktemp("disk")
    settings = folder / "disk.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"THEME = {str(ROOT / 'theme')!r}\nINDEX_HTML_LINKS = True\n"
    )
    output = folder / "out"
    done = run_cli(
        "build", "--settings", str(settings), "--content", str(built_site.content),
        "--output", str(output),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return output


def read_articles(content: Path, output: Path, **settings: Any) -> dict[str, Any]:
    """The Articles the articles' generator makes, in this process: source path -> Article."""
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator

    from newsdigest.site.build import load_settings

    loaded = load_settings(ROOT / "pelicanconf.py", output, content)
    loaded.update(settings)
    pelican = Pelican(loaded)
    context = pelican.settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={})
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generator = ArticlesGenerator(
        context=context,
        settings=pelican.settings,
        path=pelican.path,
        theme=pelican.theme,
        output_path=pelican.output_path,
    )
    generator.generate_context()
    return {article.source_path: article for article in generator.articles}
