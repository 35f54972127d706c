"""Publishing for real: into a folder, through rsync, onto a gh-pages branch; served by nginx."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, BuiltSite, run_cli

SITEURL = {"NEWSDIGEST_SITEURL": "https://news.example.org/digest"}


def publish(built_site: BuiltSite, *target: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "publish", "--settings", str(ROOT / "publishconf.py"),
        "--content", str(built_site.content), *target, env=SITEURL,
    )  # fmt: skip


def beside(target: Path) -> list[str]:
    """What is next to ``target`` in its parent folder, but for its lock file."""
    lock = f".{target.name}.newsdigest.lock"
    return sorted(p.name for p in target.parent.iterdir() if p.name not in (target.name, lock))


def test_publish_to_a_folder_replaces_it_whole(tmp_path: Path, built_site: BuiltSite) -> None:
    target = tmp_path / "public"
    assert publish(built_site, "--to", str(target)).returncode == 0
    (target / "stale.html").write_text("from an older build")
    done = publish(built_site, "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert (target / "index.html").is_file() and not (target / "stale.html").exists()
    assert "https://news.example.org/digest/" in (target / "sitemap.xml").read_text()
    assert beside(target) == []  # nothing left aside


def test_a_failed_build_leaves_the_published_folder_alone(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    target = tmp_path / "public"
    assert publish(built_site, "--to", str(target)).returncode == 0
    (target / "index.html").write_text("the live site")
    settings = tmp_path / "broken.py"
    settings.write_text(
        'DEFAULT_LANG = "xx"\nPLUGINS = ["newsdigest.site"]\nPATH = "."\n'
        'SITEURL = "https://news.example.org"\n'  # so that the build itself is what fails
    )
    done = run_cli("publish", "--settings", str(settings), "--content", str(built_site.content),
                   "--to", str(target))  # fmt: skip
    assert done.returncode != 0
    assert (target / "index.html").read_text() == "the live site"
    assert beside(target) == ["broken.py"]


def test_publish_through_rsync(tmp_path: Path, built_site: BuiltSite) -> None:
    assert shutil.which("rsync"), "rsync is missing: `make system-deps` installs it"
    target = tmp_path / "mirror"
    assert publish(built_site, "--rsync", f"{target}/").returncode == 0
    (target / "stale.html").write_text("old")
    done = publish(built_site, "--rsync", f"{target}/")
    assert done.returncode == 0, done.stderr
    assert (target / "index.html").is_file() and not (target / "stale.html").exists()


def test_publish_to_a_gh_pages_branch(tmp_path: Path, built_site: BuiltSite) -> None:
    remote = tmp_path / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    for _ in range(2):
        done = publish(built_site, "--gh-pages", str(remote))
        assert done.returncode == 0, done.stderr

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(remote), *args], capture_output=True, text=True, check=True
        ).stdout

    files = git("ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"index.html", ".nojekyll", "sitemap.xml", "countries/index.html"} <= set(files)
    assert len(git("log", "--oneline", "gh-pages").splitlines()) == 2  # history is kept
    sitemap = git("show", "gh-pages:sitemap.xml")
    assert "https://news.example.org/digest/countries/japan/" in sitemap


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """nginx on 127.0.0.1 serving tmp_path/www at http://127.0.0.1:PORT/digest/."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: `make system-deps` installs it"
    port = _free_port()
    www = tmp_path / "www"
    www.mkdir()
    conf = tmp_path / "nginx.conf"
    # Workers run as the test's user: pytest's temporary folders are private to it.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    conf.write_text(
        f"""
        {user}
        daemon off;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{}}
        http {{
            types {{ text/html html; text/css css; application/javascript js;
                     application/xml xml; application/wasm wasm; text/plain txt; }}
            access_log off;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            server {{
                listen 127.0.0.1:{port};
                root {www};
                error_page 404 /digest/404.html;
            }}
        }}
        """
    )
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp_path)])
    base = f"http://127.0.0.1:{port}/digest/"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except urllib.error.HTTPError:
            break  # nginx answers (404 for the empty root)
        except OSError:
            time.sleep(0.05)
    yield base, www / "digest"
    process.terminate()
    process.wait(timeout=10)


def test_published_folder_served_by_nginx_under_a_sub_path_has_no_broken_link(
    nginx: tuple[str, Path], built_site: BuiltSite
) -> None:
    base, folder = nginx
    done = publish(built_site, "--to", str(folder))
    assert done.returncode == 0, done.stderr
    seen: set[str] = set()
    queue = [base]
    broken = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append((url, error.code))
            continue
        if kind != "text/html":
            continue
        for target in re.findall(r'(?:href|src)="([^"#]+)', body):
            absolute = urljoin(url, target)
            if absolute.startswith(base) and "/pagefind/" not in absolute:
                queue.append(absolute)
    assert not broken, broken[:10]
    assert len(seen) > 100  # the crawl reached the whole site


def test_the_404_page_links_work_from_any_missing_address(
    nginx: tuple[str, Path], built_site: BuiltSite
) -> None:
    base, folder = nginx
    done = run_cli(
        "publish", "--settings", str(ROOT / "publishconf.py"), "--content",
        str(built_site.content), "--to", str(folder), env={"NEWSDIGEST_SITEURL": base.rstrip("/")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    missing = f"{base}no/such/story/here/"
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(missing, timeout=5)
    assert answer.value.code == 404
    body = answer.value.read().decode()
    links = re.findall(r'(?:href|src)="([^"#]+)', body)
    assert any(link.endswith(".css") for link in links)
    for link in links:
        target = urljoin(missing, link)
        if target.startswith(base):
            with urllib.request.urlopen(target, timeout=5) as response:
                assert response.status == 200, target
