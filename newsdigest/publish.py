"""``newsdigest publish``: build with the publish settings aside, then put the site in place.

Targets: a folder (swapped in whole by renaming, so a reader never sees a mix
of two builds), an rsync destination (``host:path`` or a path; files move into
place at the end with ``--delay-updates``), or the ``gh-pages`` branch of a git
repository (one commit on top of the branch's history, made with ghp-import and
pushed without force).

Before building, publish checks what it is about to do: the settings must give
the site's absolute address (feeds and the sitemap carry it), and a folder it
would replace (``--to``, or a local ``--rsync`` destination, which ``--delete``
empties of what the site does not have) must be new, empty or a site published
before: a folder holding the project, its content, the current folder or the
home folder is never one, nor is a folder with files newsdigest did not write.
Every published folder carries a marker file at its top that says so. One
publish at a time writes to a folder: a second one stops before building.
Published files can be read by everyone, whatever modes the build left.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from newsdigest.lock import LockedError, hold_lock
from newsdigest.site.build import build_site, load_settings
from newsdigest.site.labels import SettingsError
from newsdigest.site.state import MANIFEST
from newsdigest.write.files import current_umask

MARKER = ".newsdigest-published"
MARKER_TEXT = "A site published by newsdigest; `newsdigest publish` replaces this folder whole.\n"


class PublishError(RuntimeError):
    """Publishing stopped; the destination is as it was (the message says why)."""


class Guarded(NamedTuple):
    """A folder or file that publishing must never replace (nor a folder holding it)."""

    path: Path
    what: str
    inside_too: bool = False  # the build reads it: a destination inside it is refused too


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
    guarded = guarded_paths(options.settings, settings)
    if options.folder is not None:
        destination = options.folder.resolve()
        check_destination(destination, guarded)
        with _only_writer(destination):
            _to_folder(options, destination)
    elif options.rsync is not None:
        local = local_rsync_folder(options.rsync)
        if local is None:
            _to_rsync(options, options.rsync)
            return
        check_destination(local, guarded)
        with _only_writer(local):
            _to_rsync(options, f"{local}/")
    else:
        _to_gh_pages(options)


def _load_settings(options: PublishOptions) -> dict[str, Any]:
    """The settings the build will use, read first so that publish can refuse before building."""
    try:
        return load_settings(options.settings, content=options.content)
    except SettingsError as error:  # its message names the file
        raise PublishError(str(error)) from None
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


def guarded_paths(settings_file: Path, settings: dict[str, Any]) -> list[Guarded]:
    """What a destination must not be nor hold: the build's inputs, the project, the
    current folder, the home folder and the root (all resolved: symlinks, ``..``)."""
    settings_file = settings_file.resolve()
    guarded = [
        Guarded(settings_file, "the settings file"),
        Guarded(settings_file.parent, "the project folder (it holds the settings file)"),
        Guarded(Path(settings["PATH"]).resolve(), "the content folder", inside_too=True),
        Guarded(Path(settings["THEME"]).resolve(), "the theme folder", inside_too=True),
        Guarded(Path.cwd().resolve(), "the current folder"),
        Guarded(Path("/"), "the root folder"),
    ]
    with contextlib.suppress(RuntimeError):  # no home folder known: none to guard
        guarded.append(Guarded(Path.home().resolve(), "the home folder"))
    return guarded


def check_destination(destination: Path, guarded: list[Guarded]) -> None:
    """Refuse a destination (resolved) that publishing would wrongly replace or empty."""
    for item in guarded:
        if destination == item.path:
            _refuse(destination, f"it is {item.what}")
    for item in guarded:
        if destination in item.path.parents:
            _refuse(destination, f"it holds {item.what} {item.path}")
        if item.inside_too and item.path in destination.parents:
            _refuse(destination, f"it is inside {item.what} {item.path}")
    if destination.exists() and not destination.is_dir():
        _refuse(destination, "it is not a folder")
    if destination.exists() and not is_previous_publish(destination):
        _refuse(
            destination,
            f"it is not empty and not a site newsdigest published (no {MARKER} in it), "
            "so publishing would delete files newsdigest did not write; "
            f"name a new or empty folder{_upgrade_hint(destination)}",
        )


def _upgrade_hint(folder: Path) -> str:
    """How to adopt a site published before publish wrote its marker (it has the manifest
    every build writes): the user checks it is theirs to replace and marks it."""
    if not (folder / MANIFEST).is_file():
        return ""
    return (
        f" (it holds a build's {MANIFEST}: if it is a site published by an older newsdigest "
        f"and holds nothing else you need, create an empty {MARKER} in it)"
    )


def is_previous_publish(folder: Path) -> bool:
    """An empty folder, or one holding the marker every publish writes at its top."""
    try:
        return not any(folder.iterdir()) or (folder / MARKER).is_file()
    except OSError as error:
        raise PublishError(f"{folder}: {error.strerror}") from None


def _refuse(destination: Path, reason: str) -> None:
    raise PublishError(f"refusing to publish to {destination}: {reason}; nothing was changed")


def lock_path_for(destination: Path) -> Path:
    """The lock of a destination folder: beside it, not in it, as ``--to`` swaps it away."""
    return destination.parent / f".{destination.name}.newsdigest.lock"


@contextlib.contextmanager
def _only_writer(destination: Path) -> Iterator[None]:
    """Hold the destination's lock: two publishes at once would swap or sync over each other."""
    try:
        with hold_lock(lock_path_for(destination), f"the publish destination {destination}"):
            yield
    except LockedError as error:
        raise PublishError(str(error)) from None


def local_rsync_folder(destination: str) -> Path | None:
    """The folder an rsync destination names on this machine, resolved; None for a remote one
    (rsync reads ``host:path`` and ``rsync://`` as remote: a colon before any slash)."""
    head, colon, _ = destination.partition(":")
    if destination.startswith("rsync://") or (colon and "/" not in head):
        return None
    return Path(destination).resolve()


def _build(options: PublishOptions, output: Path) -> None:
    """Build into ``output`` and mark it as a published site."""
    if build_site(options.settings, output, options.content) != 0:
        raise PublishError("the build failed (see above); nothing was published")
    (output / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    make_readable(output)


def make_readable(folder: Path) -> None:
    """Let everyone read the site (a web server runs as another user): files 0644 and folders
    0755, or wider where the umask allows writing (0664 and 0775 under umask 002). The build
    leaves modes to the umask, and the folder ``--to`` builds into is made 0700 by mkdtemp."""
    mask = current_umask()
    file_mode = (0o666 & ~mask) | 0o444
    folder_mode = (0o777 & ~mask) | 0o555
    folder.chmod(folder_mode)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, folder_mode)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, file_mode)


def _to_rsync(options: PublishOptions, destination: str) -> None:
    """Build aside, then let rsync move the new files into place at the end."""
    with tempfile.TemporaryDirectory(prefix="newsdigest-publish-") as scratch:
        built = Path(scratch) / "site"
        _build(options, built)
        _run(["rsync", "-a", "--delete", "--delay-updates", f"{built}/", destination])


def _to_folder(options: PublishOptions, destination: Path) -> None:
    """Build next to the destination, then swap the two folders by renaming."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{destination.name}.new-", dir=destination.parent))
    old = destination.with_name(f".{destination.name}.old-{uuid.uuid4().hex[:8]}")
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


def _to_gh_pages(options: PublishOptions) -> None:
    """Build aside, then commit the site onto the branch and push it."""
    _run(
        ["git", "check-ref-format", "--branch", options.branch],
        doing=f"checking the branch name {options.branch!r}",
    )
    with tempfile.TemporaryDirectory(prefix="newsdigest-publish-") as scratch:
        built = Path(scratch) / "site"
        _build(options, built)
        _commit_and_push(options, built, Path(scratch) / "repo")


def _commit_and_push(options: PublishOptions, built: Path, repo: Path) -> None:
    """Commit the site on top of the branch's history and push it without force: a branch
    that could not be read is never replaced, and one that moved meanwhile is not either."""
    assert options.gh_pages is not None
    git = ["git", "-C", str(repo)]
    ref = f"refs/heads/{options.branch}"
    _run(["git", "init", "--quiet", str(repo)])
    _run([*git, "remote", "add", "origin", options.gh_pages])
    if _remote_has_branch(repo, options.gh_pages, options.branch):
        _run([*git, "fetch", "--quiet", "origin", ref], doing=f"fetching {options.branch}")
        _run([*git, "branch", options.branch, "FETCH_HEAD"])
    _run(
        [
            sys.executable, "-m", "ghp_import", "--no-jekyll", f"--branch={options.branch}",
            f"--message={options.message}", str(built),
        ],
        cwd=repo,
        doing="committing the site",
    )  # fmt: skip
    _run(  # never --force: a push that is not a fast-forward is refused by the remote
        [*git, "push", "--quiet", "origin", f"{ref}:{ref}"],
        doing=f"pushing onto {options.branch} (if it moved on meanwhile, publish again)",
    )


def _remote_has_branch(repo: Path, remote: str, branch: str) -> bool:
    """Whether the branch exists on the remote. ``git ls-remote --exit-code`` exits 2 when it
    read the remote and found no such branch; any other failure (network, access, a wrong
    address) means we cannot tell, and a publish that guessed "absent" would start a new
    history over the old one."""
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-remote", "--exit-code", "origin", f"refs/heads/{branch}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode in (0, 2):
        return listed.returncode == 0
    raise PublishError(
        f"cannot read the branches of {remote}: {listed.stderr.strip()}; nothing was pushed"
    )


def _run(command: list[str], cwd: Path | None = None, doing: str = "") -> None:
    """Run a command; its failure stops the publish with its own message."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PublishError(f"{doing or command[0]} failed: {(done.stderr or done.stdout).strip()}")
