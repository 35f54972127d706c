"""``newsdigest publish``: build with the publish settings aside, then put the site in place.

Targets: a folder (swapped in whole by renaming, so a reader never sees a mix
of two builds), an rsync destination (``host:path`` or a path; files move into
place at the end with ``--delay-updates``), or the ``gh-pages`` branch of a git
repository (one commit, pushed; via ghp-import).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from newsdigest.site.build import build_site


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
