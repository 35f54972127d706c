"""The command as a tool: --version, -v/-q, help for every option, closed pipes, init,
serve --bind, and the installed wheel working outside this repository."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest

import newsdigest
from bench.inputs import Known, rss
from conftest import ROOT, SEED, run_cli
from newsdigest.cli import build_parser


def test_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"newsdigest {newsdigest.__version__}"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def test_every_option_of_every_command_has_help_and_takes_v_and_q() -> None:
    parser = build_parser()
    commands = _subcommands(parser)
    assert set(commands) == {"init", "ingest", "inspect", "build", "serve", "publish"}
    for name, command in commands.items():
        options = {o for action in command._actions for o in action.option_strings}
        assert {"-v", "-q"} <= options, name
        for action in command._actions:
            if action.option_strings and not isinstance(action, argparse._HelpAction):
                assert action.help, (name, action.option_strings)
            if not action.option_strings:  # positionals
                assert action.help, (name, action.dest)


def test_quiet_and_verbose_ingest(tmp_path: Path) -> None:
    quiet = run_cli("ingest", str(SEED), "--output", str(tmp_path / "a"), "-q")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = run_cli("ingest", str(SEED), "--output", str(tmp_path / "b"), "-v")
    assert verbose.returncode == 0
    assert f"ok: {SEED} -> {tmp_path / 'b'}" in verbose.stderr
    missing = run_cli("ingest", str(tmp_path / "nope.txt"), "--output", str(tmp_path / "c"), "-q")
    assert missing.returncode == 1 and "nope.txt" in missing.stderr  # errors still show


def test_a_missing_settings_file_is_named_once(tmp_path: Path) -> None:
    done = run_cli("build", "--settings", str(tmp_path / "nope.py"))
    assert done.returncode == 2
    assert done.stderr.count("nope.py") == 1, done.stderr


def test_output_to_a_pipe_that_closes_early_ends_quietly(tmp_path: Path) -> None:
    entries = [
        Known(f"Berita nomor {n} tentang harga beras", (f"JAKARTA - Isi berita ke-{n}.",) * 3,
              __import__("datetime").date(2025, 11, 1), "Outlet", f"https://x.example/{n}")
        for n in range(300)
    ]  # fmt: skip
    feed = tmp_path / "big.xml"
    feed.write_text(rss("Outlet", entries), "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "inspect", str(feed), "--reference-date",
         "2025-12-31"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert first.startswith(b"== ")
    assert "Traceback" not in errors and "BrokenPipe" not in errors


# --- init ------------------------------------------------------------------------------


def test_init_makes_a_digest_that_ingests_and_builds(tmp_path: Path) -> None:
    site = tmp_path / "kabar"
    done = run_cli("init", str(site), "--name", "Kabar 'Kita'", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == {
        "pelicanconf.py", "publishconf.py", ".gitignore", "content/articles/contoh.txt",
    }  # fmt: skip
    assert "SITENAME = \"Kabar 'Kita'\"" in (site / "pelicanconf.py").read_text()
    assert run_cli("ingest", cwd=site).returncode == 0
    built = run_cli("build", cwd=site)
    assert built.returncode == 0, built.stderr
    home = (site / "output" / "index.html").read_text()
    assert "Kabar &#39;Kita&#39;" in home or "Kabar 'Kita'" in home
    assert '<html lang="en"' in home
    assert (site / "output" / "theme" / "css" / "site.css").is_file()
    post = next((site / "content" / "posts").glob("*.md")).read_text()
    assert "Date: 2025-11-14" in post and "Source: Contoh" in post


def test_init_never_overwrites(tmp_path: Path) -> None:
    site = tmp_path / "mine"
    site.mkdir()
    (site / "pelicanconf.py").write_text("SITENAME = 'my own'\n")
    done = run_cli("init", str(site))
    assert done.returncode == 1
    assert "pelicanconf.py" in done.stderr and "nothing was written" in done.stderr
    assert (site / "pelicanconf.py").read_text() == "SITENAME = 'my own'\n"
    assert sorted(p.name for p in site.iterdir()) == ["pelicanconf.py"]


def test_the_publish_settings_of_a_new_digest_are_the_projects() -> None:
    packaged = ROOT / "newsdigest" / "data" / "init" / "publishconf.py"
    assert packaged.read_text() == (ROOT / "publishconf.py").read_text()


# --- serve --bind ------------------------------------------------------------------------


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_serve_listens_on_the_address_given(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("init", str(site)).returncode == 0
    assert run_cli("ingest", cwd=site).returncode == 0
    host = "127.0.0.2"  # another loopback address: only --bind makes it answer
    port = _free_port(host)
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "serve", "--bind", host, "--port", str(port), "-q"],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://{host}:{port}/index.html", timeout=2) as r:
                    body = r.read().decode()
            except OSError:
                time.sleep(0.5)
        assert body is not None and "Selamat Datang" in body
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


# --- the wheel, installed outside this repository -------------------------------------


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_environment_builds_a_site(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("newsdigest-*.whl")
    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[html,lang]"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    command = environment / "bin" / "newsdigest"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(command), *args], capture_output=True, text=True, cwd=cwd,
                              env=clean)  # fmt: skip

    site = tmp_path / "digest"
    assert run("init", str(site), cwd=tmp_path).returncode == 0
    page = ROOT / "content" / "articles" / "pages" / "japan-heatwave-hospitals.html"
    (site / "content" / "articles" / page.name).write_bytes(page.read_bytes())
    ingested = run("ingest", "--reference-date", "2025-12-31", cwd=site)
    assert ingested.returncode == 0, ingested.stderr
    done = run("build", cwd=site)
    assert done.returncode == 0, done.stderr
    where = subprocess.run(
        [str(python), "-c", "import newsdigest, sys; print(newsdigest.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, env=clean,
    )  # fmt: skip
    assert where.stdout.startswith(str(environment))  # not this checkout
    output = site / "output"
    stories = json.loads((output / "stories.json").read_text())
    titles = {a["title"] for s in stories["stories"] for a in s["articles"]}
    assert titles == {
        "Selamat Datang di Ringkasan Berita Anda",
        "Heatstroke cases top 9,000 as Japan swelters",
    }
    article = next(output.glob("2025/12/30/*/index.html")).read_text()
    assert "Read at source" in article or "Baca di sumber" in article
    assert (output / "theme" / "css" / "site.css").is_file()
    assert any((output / "pagefind").glob("pagefind*.js"))
    assert (output / "countries" / "index.html").is_file()
