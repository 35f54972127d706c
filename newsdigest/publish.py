"""``newsdigest publish``: build with the publish settings aside, then put the site in place.

Targets: a folder (swapped in whole by renaming, so a reader never sees a mix
of two builds), an rsync destination (``host:path`` or a path; files move into
place at the end with ``--delay-updates``), or the ``gh-pages`` branch of a git
repository (one commit, pushed; via ghp-import).

Before building, publish checks what it is about to do: the settings must give
the site's absolute address (feeds and the sitemap carry it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdigest.site.build import build_site, load_settings


class PublishError(RuntimeError):
    """Publishing stopped; the destination is as it was (the message says why)."""


@dataclass(frozen=True)
class PublishOptions:
    settings: Path
    content: Path | None = None
    folder: Path | None = None
    rsync: str | None = None
    gh_pages: str | None = None  # a git remote: a URL or a path to a repository
    branch: str = "gh-pages"
    message: str = "Publish the digest"


def publish(options: PublishOptions) -> None:
    """Build and deploy to the one target ``options`` names; raise PublishError on failure."""
    targets = [t for t in (options.folder, options.rsync, options.gh_pages) if t]
    if len(targets) != 1:
        raise PublishError("name exactly one target: --to FOLDER, --rsync DEST or --gh-pages REPO")
    settings = _load_settings(options)
    check_site_url(str(settings.get("SITEURL") or ""), options.settings)
    if options.folder is not None:
        _to_folder(options)
        return
    with tempfile.TemporaryDirectory(prefix="newsdigest-publish-") as scratch:
        built = Path(scratch) / "site"
        _build(options, built)
        if options.rsync is not None:
            _run(["rsync", "-a", "--delete", "--delay-updates", f"{built}/", options.rsync])
        else:
            _to_gh_pages(options, built, Path(scratch) / "repo")


def _load_settings(options: PublishOptions) -> dict[str, Any]:
    """The settings the build will use, read first so that publish can refuse before building."""
    try:
        return load_settings(options.settings, content=options.content)
    except Exception as error:  # the settings file is Python: any error can come out of it
        raise PublishError(f"{options.settings}: {error}") from None


def check_site_url(url: str, settings_file: Path) -> None:
    """Refuse a missing or unusable site address: feeds and the sitemap would point elsewhere."""
    if not url:
        raise PublishError(
            "no site address: set NEWSDIGEST_SITEURL (like https://example.org/digest) "
            f"or SITEURL in {settings_file}; feeds and the sitemap need the site's absolute address"
        )
    if not _is_web_address(url):
        raise PublishError(
            f"the site address {url!r} (SITEURL, from NEWSDIGEST_SITEURL or {settings_file}) "
            "is not an http or https address with a host, like https://example.org/digest"
        )


def _is_web_address(url: str) -> bool:
    """An http(s) address with a host that pages can be put under (no query, no fragment)."""
    parts = urlsplit(url)
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(host)
        and not parts.query
        and not parts.fragment
        and not any(c.isspace() for c in url)
    )


def _build(options: PublishOptions, output: Path) -> None:
    if build_site(options.settings, output, options.content) != 0:
        raise PublishError("the build failed (see above); nothing was published")


def _to_folder(options: PublishOptions) -> None:
    """Build next to the destination, then swap the two folders by renaming."""
    assert options.folder is not None
    destination = options.folder.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    fresh = destination.with_name(f".{destination.name}.new-{tag}")
    old = destination.with_name(f".{destination.name}.old-{tag}")
    try:
        _build(options, fresh)
        if destination.exists():
            destination.rename(old)
        fresh.rename(destination)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not destination.exists():
            old.rename(destination)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _to_gh_pages(options: PublishOptions, built: Path, repo: Path) -> None:
    """Commit the site onto the branch (keeping its history) and push it to the remote."""
    assert options.gh_pages is not None
    _run(["git", "init", "--quiet", str(repo)])
    _run(["git", "-C", str(repo), "remote", "add", "origin", options.gh_pages])
    fetched = subprocess.run(
        ["git", "-C", str(repo), "fetch", "--quiet", "origin", options.branch],
        capture_output=True,
        check=False,
    )
    if fetched.returncode == 0:
        _run(["git", "-C", str(repo), "branch", options.branch, "FETCH_HEAD"])
    _run(
        [
            sys.executable, "-m", "ghp_import", "--no-jekyll", "--push", "--force",
            "--remote", "origin", "--branch", options.branch, "--message", options.message,
            str(built),
        ],
        cwd=repo,
    )  # fmt: skip


def _run(command: list[str], cwd: Path | None = None) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PublishError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()}")
