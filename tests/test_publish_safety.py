"""Publishing never deletes or overwrites what it did not write: each refusal for real,
with real folders, git repositories and rsync, and the state checked afterwards."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite, run_cli

SITEURL = "https://news.example.org/digest"


def publish(
    built_site: BuiltSite, *target: str, siteurl: str = SITEURL, **env: str
) -> subprocess.CompletedProcess[str]:
    """``newsdigest publish`` with the project's publishconf.py and the session's posts."""
    return run_cli(
        "publish", "--settings", str(ROOT / "publishconf.py"), "--content",
        str(built_site.content), *target, env={"NEWSDIGEST_SITEURL": siteurl, **env},
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under ``folder`` with its mode, size and modification time."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        state[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return state


# -- the site address ---------------------------------------------------------------------


def test_publish_without_a_site_address_refuses_before_building(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    target = tmp_path / "public"
    done = publish(built_site, "--to", str(target), siteurl="")
    assert done.returncode == 1
    assert "NEWSDIGEST_SITEURL" in done.stderr and "publishconf.py" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing built, nothing made


@pytest.mark.parametrize(
    "siteurl",
    ["ftp://x", "example.org", "javascript:alert(1)", "https://", "https://ex ample.org",
     "https://example.org:port/", "https://example.org/?page=1", "/digest"],
)  # fmt: skip
def test_publish_refuses_a_site_address_that_is_not_a_web_address(
    tmp_path: Path, built_site: BuiltSite, siteurl: str
) -> None:
    target = tmp_path / "public"
    done = publish(built_site, "--to", str(target), siteurl=siteurl)
    assert done.returncode == 1
    assert "is not an http or https address" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


# -- what a destination may be ------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, built_site: BuiltSite) -> Path:
    """A project in a home folder: settings, theme, posts, under git (tmp_path/home/project)."""
    folder = tmp_path / "home" / "project"
    shutil.copytree(built_site.content / "posts", folder / "content" / "posts")
    shutil.copytree(ROOT / "theme", folder / "theme")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "docs").mkdir()
    (folder / "link").symlink_to(folder)
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "the project"], check=True)
    return folder


@pytest.mark.parametrize(
    ("target", "cwd", "resolved", "reason"),
    [
        (".", ".", ".", "it is the project folder"),
        ("link", ".", ".", "it is the project folder"),
        ("..", "docs", ".", "it is the project folder"),
        ("link/docs/../content", ".", "content", "it is the content folder"),
        (".", "docs", "docs", "it is the current folder"),
        ("..", ".", "..", "it is the home folder"),
        ("public/../..", ".", "..", "it is the home folder"),
        ("content", ".", "content", "it is the content folder"),
        ("content/posts", ".", "content/posts", "it is inside the content folder"),
        ("content/site", ".", "content/site", "it is inside the content folder"),
        ("theme", ".", "theme", "it is the theme folder"),
        ("publishconf.py", ".", "publishconf.py", "it is the settings file"),
        ("../..", ".", "../..", "it holds the settings file"),
    ],
)
@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_publish_refuses_a_destination_holding_the_project_or_its_inputs(
    tmp_path: Path, project: Path, option: str, target: str, cwd: str, resolved: str, reason: str
) -> None:
    before = snapshot(tmp_path)
    done = run_cli("publish", "--settings", str(project / "publishconf.py"), option, target,
                   cwd=project / cwd, env={"NEWSDIGEST_SITEURL": SITEURL, "HOME": str(project.parent)})  # fmt: skip
    assert done.returncode == 1, done.stderr
    folder = (project / resolved).resolve()
    assert f"refusing to publish to {folder}: {reason}" in done.stderr
    assert snapshot(tmp_path) == before  # nothing built, moved or removed
    status = subprocess.run(["git", "-C", str(project), "status", "--porcelain"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert status.stdout == ""


@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_publish_refuses_a_folder_with_files_it_did_not_write(
    tmp_path: Path, built_site: BuiltSite, option: str
) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "todo.txt").write_text("my own file")
    (target / ".newsdigest-manifest.json").write_text("{}")  # a build's output is not a publish
    before = snapshot(tmp_path)
    done = publish(built_site, option, str(target))
    assert done.returncode == 1
    assert f"refusing to publish to {target}: it is not empty and not a site" in done.stderr
    assert "create an empty .newsdigest-published in it" in done.stderr  # how to adopt an old one
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_publish_refuses_a_file(tmp_path: Path, built_site: BuiltSite, option: str) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my own file")
    before = snapshot(tmp_path)
    done = publish(built_site, option, str(target))
    assert done.returncode == 1
    assert f"refusing to publish to {target}: it is not a folder" in done.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_publish_fills_an_empty_folder_and_marks_it(
    tmp_path: Path, built_site: BuiltSite, option: str
) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    done = publish(built_site, option, str(target))
    assert done.returncode == 0, done.stderr
    assert (target / "index.html").is_file() and (target / ".newsdigest-published").is_file()
    (target / "stale.html").write_text("from an older build")
    done = publish(built_site, option, str(target))  # a site published before: replaced
    assert done.returncode == 0, done.stderr
    assert not (target / "stale.html").exists()


def test_publish_refuses_the_root_folder(tmp_path: Path, built_site: BuiltSite) -> None:
    # --to only: a regression with --rsync / would let rsync --delete empty the machine.
    done = publish(built_site, "--to", "/")
    assert done.returncode == 1
    assert "refusing to publish to /: it is the root folder" in done.stderr


# -- gh-pages: history is only ever added to ---------------------------------------------

IDENTITY = {
    "GIT_AUTHOR_NAME": "Publisher", "GIT_AUTHOR_EMAIL": "publisher@example.org",
    "GIT_COMMITTER_NAME": "Publisher", "GIT_COMMITTER_EMAIL": "publisher@example.org",
}  # fmt: skip


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, **IDENTITY})  # fmt: skip
    return done.stdout.strip()


@pytest.fixture
def remote_with_history(tmp_path: Path) -> Path:
    """A bare repository whose gh-pages branch already has a published commit."""
    remote = tmp_path / "site.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    work = tmp_path / "work"
    git(tmp_path, "init", "--quiet", str(work))
    (work / "index.html").write_text("the site as published last year")
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", "an earlier publish")
    git(work, "push", "--quiet", str(remote), "HEAD:refs/heads/gh-pages")
    return remote


def history(remote: Path) -> list[str]:
    return git(remote, "log", "--format=%H", "gh-pages").splitlines()


def test_gh_pages_first_publish_creates_the_branch_and_the_next_one_adds_to_it(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    remote = tmp_path / "site.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    done = publish(built_site, "--gh-pages", str(remote), **IDENTITY)
    assert done.returncode == 0, done.stderr
    [first] = history(remote)
    done = publish(built_site, "--gh-pages", str(remote), **IDENTITY)
    assert done.returncode == 0, done.stderr
    second = history(remote)[0]
    assert history(remote) == [second, first]
    assert git(remote, "rev-parse", f"{second}^") == first


def test_gh_pages_refuses_a_remote_it_cannot_read(
    tmp_path: Path, built_site: BuiltSite, remote_with_history: Path
) -> None:
    # The remote takes pushes but cannot be read (its upload-pack fails, as a fetch would on
    # a network or access error): without its history, publish must not push at all.
    before = history(remote_with_history)
    cannot_read = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "remote.origin.uploadpack",
                   "GIT_CONFIG_VALUE_0": "false"}  # fmt: skip
    done = publish(built_site, "--gh-pages", str(remote_with_history), **IDENTITY, **cannot_read)
    assert done.returncode == 1
    assert f"cannot read the branches of {remote_with_history}" in done.stderr
    assert "nothing was pushed" in done.stderr
    assert history(remote_with_history) == before


def test_gh_pages_refuses_when_the_branch_is_listed_but_cannot_be_fetched(
    tmp_path: Path, built_site: BuiltSite, remote_with_history: Path
) -> None:
    # The remote lists its branches but fails to send their objects (a hook that fails).
    before = history(remote_with_history)
    config = tmp_path / "gitconfig"
    config.write_text("[uploadpack]\n\tpackObjectsHook = false\n")
    done = publish(built_site, "--gh-pages", str(remote_with_history), **IDENTITY,
                   GIT_CONFIG_GLOBAL=str(config))  # fmt: skip
    assert done.returncode == 1
    assert "fetching gh-pages failed" in done.stderr
    assert history(remote_with_history) == before


def test_gh_pages_never_forces_over_history_it_did_not_see(
    tmp_path: Path, built_site: BuiltSite, remote_with_history: Path
) -> None:
    # The remote is read through a copy that lags behind (it has no gh-pages yet) while pushes
    # go to the real one: the new commit does not descend from the branch, and is refused.
    lagging = tmp_path / "lagging.git"
    git(tmp_path, "init", "--quiet", "--bare", str(lagging))
    before = history(remote_with_history)
    stale_reads = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "remote.origin.uploadpack",
                   "GIT_CONFIG_VALUE_0": f"git-upload-pack {lagging} #"}  # fmt: skip
    done = publish(built_site, "--gh-pages", str(remote_with_history), **IDENTITY, **stale_reads)
    assert done.returncode == 1
    assert "pushing onto gh-pages" in done.stderr and "rejected" in done.stderr
    assert history(remote_with_history) == before


def test_gh_pages_refuses_an_address_with_no_repository(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    missing = tmp_path / "no-such.git"
    done = publish(built_site, "--gh-pages", str(missing), **IDENTITY)
    assert done.returncode == 1
    assert f"cannot read the branches of {missing}" in done.stderr
    assert not missing.exists()


def test_gh_pages_refuses_a_bad_branch_name_before_building(
    tmp_path: Path, built_site: BuiltSite, remote_with_history: Path
) -> None:
    before = history(remote_with_history)
    done = publish(built_site, "--gh-pages", str(remote_with_history), "--branch", "a..b")
    assert done.returncode == 1
    assert "checking the branch name 'a..b' failed" in done.stderr
    assert "Done:" not in done.stdout + done.stderr  # Pelican did not run
    assert history(remote_with_history) == before


# -- one writer at a time ----------------------------------------------------------------

HOLD = """
import sys
from pathlib import Path
from newsdigest.lock import hold_lock
with hold_lock(Path(sys.argv[1]), "a test"):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_a_second_publish_to_the_same_folder_stops_while_the_first_runs(
    tmp_path: Path, built_site: BuiltSite, option: str
) -> None:
    target = tmp_path / "public"
    assert publish(built_site, option, str(target)).returncode == 0
    lock = tmp_path / ".public.newsdigest.lock"  # beside the folder, which --to swaps away
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        before = snapshot(tmp_path)
        done = publish(built_site, option, str(target))
        assert done.returncode == 1
        assert f"the publish destination {target} is in use by another newsdigest run" in (
            done.stderr
        )
        assert "Done:" not in done.stdout + done.stderr  # stopped before building
        assert snapshot(tmp_path) == before
    finally:
        holder.communicate("", timeout=10)  # end of input: the holder lets go and ends
    done = publish(built_site, option, str(target))
    assert done.returncode == 0, done.stderr


# -- published files can be read by everyone --------------------------------------------


@pytest.mark.parametrize(
    ("umask", "folder_mode", "file_mode"),
    [(0o022, 0o755, 0o644), (0o077, 0o755, 0o644), (0o002, 0o775, 0o664)],
    ids=["umask-022", "umask-077", "umask-002"],
)
@pytest.mark.parametrize("option", ["--to", "--rsync"])
def test_published_files_are_readable_by_everyone(
    tmp_path: Path, built_site: BuiltSite, option: str, umask: int, folder_mode: int,
    file_mode: int,
) -> None:  # fmt: skip
    target = tmp_path / "public"
    previous = os.umask(umask)  # the publish process inherits it
    try:
        done = publish(built_site, option, str(target))
    finally:
        os.umask(previous)
    assert done.returncode == 0, done.stderr
    modes = {p: stat.S_IMODE(p.lstat().st_mode) for p in [target, *target.rglob("*")]}
    wrong = {str(p): oct(m) for p, m in modes.items()
             if m != (folder_mode if p.is_dir() else file_mode)}  # fmt: skip
    assert not wrong, list(wrong.items())[:10]
    assert len(modes) > 300  # the whole site was looked at
