"""Ingest on an archive it shares with editors and cron: nothing lost, nothing overwritten.

Each test runs the real command on real files and would fail without the
guarantee it names (README: "Safe to re-run, safe to publish").
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import run_cli
from newsdigest.lock import lock_folder
from newsdigest.post import _checksum, read_header

BANJIR = "Banjir di Bekasi\n\nBekasi, 4 Maret 2025 – Banjir merendam ribuan rumah warga.\n"
BERAS = "Harga beras naik\n\nSurabaya, 5 Maret 2025 – Harga beras naik di pasar.\n"


def ingest(*args: str, cwd: Path | None = None, report: Path | None = None):
    """Run ingest with a fixed reference date; return (process, report rows)."""
    flags = ["--reference-date", "2025-12-31", "--jobs", "1"]
    if report is not None:
        flags += ["--report", str(report)]
    done = run_cli("ingest", *flags, *args, cwd=cwd)
    rows = []
    if report is not None and report.exists():
        rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    return done, rows


def posts_of(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A digest folder: content/articles with two articles, content/posts empty."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "banjir.txt").write_text(BANJIR, encoding="utf-8")
    (articles / "beras.txt").write_text(BERAS, encoding="utf-8")
    return tmp_path


def test_a_new_article_with_the_headline_of_a_hand_corrected_post_leaves_it_alone(
    project: Path,
) -> None:
    articles, posts = project / "content/articles", project / "content/posts"
    ingest("content/articles", "--output", "content/posts", cwd=project)
    corrected = (
        (posts / "banjir-di-bekasi.md").read_text().replace("Countries: ID", "Countries: ID, MY")
    )
    (posts / "banjir-di-bekasi.md").write_text(corrected)
    # A new article with the same headline, listed before the post's own input.
    (articles / "a-first.txt").write_text(BANJIR.replace("ribuan", "ratusan"), encoding="utf-8")
    done, rows = ingest(
        "content/articles", "--output", "content/posts", cwd=project, report=project / "r.jsonl"
    )
    assert done.returncode == 0, done.stderr
    assert (posts / "banjir-di-bekasi.md").read_text() == corrected
    new = next(r for r in rows if r["input"].endswith("a-first.txt"))
    assert new["status"] == "ok" and new["output"].endswith("banjir-di-bekasi-2.md")
    assert "ratusan" in (posts / "banjir-di-bekasi-2.md").read_text()
    kept = next(r for r in rows if r["input"].endswith("banjir.txt"))
    assert kept["status"] == "skipped" and "edited by hand" in kept["reason"]


def test_a_post_written_by_hand_keeps_its_name(project: Path) -> None:
    posts = project / "content/posts"
    posts.mkdir(parents=True)
    hand = "Title: Banjir di Bekasi\nDate: 2025-03-04\n\nDitulis redaksi.\n"
    (posts / "banjir-di-bekasi.md").write_text(hand)
    done, _ = ingest("content/articles", "--output", "content/posts", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (posts / "banjir-di-bekasi.md").read_text() == hand
    assert (posts / "banjir-di-bekasi-2.md").is_file()


@pytest.mark.parametrize(
    ("cwd", "inputs", "output"),
    [
        ("content", ["articles"], "posts"),
        (".", ["content/articles/../articles"], "content/posts"),
        ("/", ["{project}/content/articles"], "{project}/content/posts"),
        (".", ["content/articles/banjir.txt", "./content//articles/beras.txt"], "content/posts"),
    ],
)
def test_the_same_inputs_from_any_folder_or_spelling_are_the_same_posts(
    project: Path, cwd: str, inputs: list[str], output: str
) -> None:
    posts = project / "content/posts"
    ingest("content/articles", "--output", "content/posts", cwd=project)
    before = posts_of(posts)
    names = [i.format(project=project) for i in inputs]
    done, rows = ingest(
        *names, "--output", output.format(project=project), "--prune",
        cwd=project / cwd, report=project / "r.jsonl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r["status"] for r in rows] == ["ok", "ok"]
    assert posts_of(posts) == before  # not one byte changed, no -2 copy, nothing pruned


def test_posts_of_the_previous_release_are_recognised(project: Path) -> None:
    """Posts written before fingerprints named their input relative to the working folder."""
    posts = project / "content/posts"
    ingest("content/articles", "--output", "content/posts", cwd=project)
    for path in posts.glob("*.md"):
        fields, body = read_header(path.read_text())
        header = [
            line
            for line in path.read_text().partition("\n\n")[0].splitlines()
            if not line.startswith(("Fingerprint:", "Checksum:"))
        ]
        header = [
            f"Input: content/articles/{Path(fields['input']).name}" if h.startswith("Input:") else h
            for h in header
        ]
        old = "\n".join(header) + "\n\n" + body
        path.write_text(f"{chr(10).join(header)}\nChecksum: {_checksum(old)}\n\n{body}")
    edited = posts / "harga-beras-naik.md"
    edited.write_text(edited.read_text().replace("Countries: ID", "Countries: ID, SG"))
    os.remove(project / "content/articles/beras.txt")
    # From another folder: the unedited post is upgraded in place, the edited one kept,
    # and --prune does not remove the edited post whose input is gone.
    done, rows = ingest(
        str(project / "content/articles"), "--output", str(posts), "--prune",
        cwd=project / "content", report=project / "r.jsonl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(posts_of(posts)) == ["banjir-di-bekasi.md", "harga-beras-naik.md"]
    assert "Input: ../articles/banjir.txt" in (posts / "banjir-di-bekasi.md").read_text()
    assert "SG" in edited.read_text()
    assert [r["status"] for r in rows] == ["ok", "skipped"]
    assert "edited by hand, kept" in rows[1]["reason"]


def test_prune_removes_a_gone_inputs_post_from_any_folder(project: Path) -> None:
    posts = project / "content/posts"
    ingest("content/articles", "--output", "content/posts", cwd=project)
    os.remove(project / "content/articles/beras.txt")
    done, rows = ingest(
        ".", "--output", "../posts", "--prune",
        cwd=project / "content/articles", report=project / "r.jsonl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(posts_of(posts)) == ["banjir-di-bekasi.md"]
    assert rows[-1]["status"] == "pruned" and "beras.txt" in rows[-1]["reason"]


@pytest.mark.parametrize("name", ["two  spaces.txt", "a\ttab.txt", " leading.txt", "100%.txt"])
def test_the_input_location_keeps_every_character_of_the_name(project: Path, name: str) -> None:
    articles = project / "content/articles"
    (articles / name).write_text(BANJIR.replace("Bekasi", "Depok"), encoding="utf-8")
    ingest("content/articles", "--output", "content/posts", cwd=project)
    done, rows = ingest(
        "articles", "--output", "posts", "--prune", cwd=project / "content",
        report=project / "r.jsonl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert all(r["status"] == "ok" for r in rows) and len(rows) == 3
    assert len(posts_of(project / "content/posts")) == 3


def test_a_second_ingest_into_a_locked_folder_stops_and_writes_nothing(project: Path) -> None:
    posts = project / "content/posts"
    report = project / "r.jsonl"
    with lock_folder(posts, "the posts folder"):
        done, _ = ingest(
            "content/articles", "--output", "content/posts", cwd=project, report=report
        )
    assert done.returncode == 1
    assert "in use by another newsdigest run" in done.stderr and str(os.getpid()) in done.stderr
    assert posts_of(posts) == {} and not report.exists()
    done, _ = ingest("content/articles", "--output", "content/posts", cwd=project)
    assert done.returncode == 0 and len(posts_of(posts)) == 2
    assert sorted(p.name for p in posts.iterdir()) == ["banjir-di-bekasi.md", "harga-beras-naik.md"]


def test_report_or_output_on_an_input_is_refused_before_anything_is_written(
    project: Path,
) -> None:
    article = project / "content/articles/banjir.txt"
    done, _ = ingest(str(article), "--output", "posts", "--report", str(article), cwd=project)
    assert done.returncode == 1 and "--report" in done.stderr
    assert article.read_text() == BANJIR and not (project / "posts").exists()
    done, _ = ingest("content/articles", "--output", "content/articles", cwd=project)
    assert done.returncode == 1 and "--output" in done.stderr
    assert sorted(p.name for p in (project / "content/articles").iterdir()) == [
        "banjir.txt",
        "beras.txt",
    ]


def test_links_pipes_and_odd_names_are_each_accounted_for(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "sub").mkdir(parents=True)
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Rahasia negara\n\nJakarta - Isi rahasia.\n")
    (articles / "banjir.txt").write_text(BANJIR)
    (articles / "sub" / "alias.txt").symlink_to(articles / "banjir.txt")  # inside: once
    (articles / "leak.txt").symlink_to(outside / "secret.txt")
    (articles / "leakdir").symlink_to(outside)
    (articles / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(articles / "pipe.txt")
    devices = os.geteuid() == 0  # only root may make a device node
    if devices:
        os.mknod(articles / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    (articles / os.fsdecode(b"caf\xe9.txt")).write_text(BERAS)
    report = tmp_path / "r.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", "ingest", str(articles), "--output",
         str(tmp_path / "posts"), "--report", str(report), "--reference-date", "2025-12-31"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    lines = report.read_bytes().decode("utf-8").splitlines()
    rows = {Path(r["input"]).name: r for r in map(json.loads, lines)}
    assert done.returncode == 1  # the dangling link and the pipe are errors
    assert (
        rows["dangling.txt"]["status"] == "error" and "dangling" in rows["dangling.txt"]["reason"]
    )
    assert rows["pipe.txt"]["status"] == "error" and "FIFO" in rows["pipe.txt"]["reason"]
    if devices:
        assert rows["null.txt"]["status"] == "error" and "device" in rows["null.txt"]["reason"]
    for name in ("leak.txt", "leakdir"):
        assert rows[name]["status"] == "skipped" and "outside" in rows[name]["reason"]
    assert rows["caf\\xe9.txt"]["status"] == "ok"
    assert rows["banjir.txt"]["status"] == "ok" and "alias.txt" not in rows
    published = "".join(posts_of(tmp_path / "posts").values())
    assert "rahasia" not in published.casefold()
    assert sorted(posts_of(tmp_path / "posts")) == ["banjir-di-bekasi.md", "harga-beras-naik.md"]


def test_an_oversized_file_is_refused_from_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 64 GB that would never fit in memory
        handle.write(b"Judul\n\nIsi.\n")
        handle.truncate(64 * 1024**3)
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", "ingest", str(huge), "--output",
         str(tmp_path / "posts"), "--reference-date", "2025-12-31"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "too large" in done.stderr and "huge.txt" in done.stderr


# Root reads every folder: as root, the command drops to ``nobody`` once it has loaded
# what it needs (the interpreter and its cache live in root's home).
AS_NOBODY = """
import os, sys
from newsdigest import cli
from newsdigest.extract.gazetteer import load_gazetteer
load_gazetteer()
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
sys.exit(cli.main(sys.argv[1:]))
"""


def test_an_unreadable_folder_is_reported_and_its_posts_are_not_pruned() -> None:
    with tempfile.TemporaryDirectory(prefix="newsdigest-") as scratch:  # in /tmp: any user
        _unreadable_folder_in(Path(scratch) / "shared")


def _unreadable_folder_in(base: Path) -> None:
    (base / "articles" / "closed").mkdir(parents=True)
    (base / "articles" / "banjir.txt").write_text(BANJIR)
    (base / "articles" / "closed" / "beras.txt").write_text(BERAS)
    base.parent.chmod(0o755)
    if os.geteuid() == 0:
        for path in (base, *base.rglob("*")):
            os.chown(path, 65534, 65534)
    command = [
        sys.executable, "-c", AS_NOBODY, "ingest", "articles", "--output", "posts",
        "--reference-date", "2025-12-31", "--jobs", "1",
    ]  # fmt: skip
    first = subprocess.run(command, cwd=base, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    (base / "articles" / "closed").chmod(0)
    again = subprocess.run([*command, "--prune"], cwd=base, capture_output=True, text=True)
    (base / "articles" / "closed").chmod(0o755)
    assert again.returncode == 1
    assert "closed: cannot list the folder: Permission denied" in again.stderr
    assert sorted(posts_of(base / "posts")) == ["banjir-di-bekasi.md", "harga-beras-naik.md"]


def test_report_lines_survive_line_separators_in_the_text(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    text = "Judul\u2028Status: draft\u0085lagi\n\nJakarta - Isi\u2029berita\x85di\u2028sini.\n"
    (articles / "sep.txt").write_text(text, encoding="utf-8")
    (articles / "banjir.txt").write_text(BANJIR)
    report = tmp_path / "r.jsonl"
    done, _ = ingest(str(articles), "--output", str(tmp_path / "posts"), report=report)
    assert done.returncode == 0, done.stderr
    raw = report.read_text(encoding="utf-8")
    for reader_lines in (raw.splitlines(), raw.split("\n")[:-1]):
        assert len(reader_lines) == 2
        rows = [json.loads(line) for line in reader_lines]
    title = next(r for r in rows if r["input"].endswith("sep.txt"))["metadata"]["title"]
    post = Path(next(r for r in rows if r["input"].endswith("sep.txt"))["output"]).read_text()
    assert f"Title: {title}\n" in post
    assert not any(c in title for c in "\u2028\u2029\u0085")
