"""The build loses nothing, overwrites nothing and writes nothing outside its output folder.

Each test builds a small site of hand-written posts with the real command
(``newsdigest build``) and looks at the files: posts edited by hand with
addresses that climb out of the site or land on its pages, duplicate addresses,
posts that cannot be read, XML-invalid characters, another build running, files
that are not the build's, umasks, dates in the future.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, run_cli

GOOD_POSTS = {
    "japan-rain.md": """\
        Title: Heavy rain floods roads in Tokyo
        Date: 2025-03-04
        Slug: heavy-rain-floods-roads-in-tokyo
        Lang: en
        Countries: JP
        Topics: weather, disaster-accident-emergency
        Tags: Japan Meteorological Agency
        Summary: Heavy rain flooded roads in Tokyo on Tuesday.

        Heavy rain flooded roads in Tokyo on Tuesday, the weather agency said.
        """,
    "banjir-jakarta.md": """\
        Title: Banjir merendam jalan di Jakarta
        Date: 2025-03-03
        Slug: banjir-merendam-jalan-di-jakarta
        Lang: id
        Countries: ID
        Topics: weather
        Tags: BPBD
        Summary: Banjir merendam sejumlah jalan di Jakarta.

        Banjir merendam sejumlah jalan di Jakarta pada Senin.
        """,
}
HOME_MARK = '<div class="home">'  # the home page's own markup (theme/templates/index.html)


def write_posts(content: Path, posts: dict[str, str | bytes]) -> None:
    """Write posts into content/posts: text is dedented, bytes are written as they are."""
    folder = content / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    for name, post in posts.items():
        if isinstance(post, bytes):
            (folder / name).write_bytes(post)
        else:
            (folder / name).write_text(textwrap.dedent(post), encoding="utf-8")


def post(title: str, date: str, slug: str | None = None, **fields: str) -> str:
    """A hand-written post: the header fields given, then one paragraph."""
    lines = [f"Title: {title}", f"Date: {date}"]
    if slug is not None:
        lines.append(f"Slug: {slug}")
    lines += [f"{name.title()}: {value}" for name, value in fields.items()]
    return "\n".join(lines) + f"\n\nThe body of {title}.\n"


def build(content: Path, output: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--content", str(content), "--output", str(output), *extra)


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def article_page(output: Path, date: str, slug: str) -> Path:
    return output / date.replace("-", "/") / slug / "index.html"


# 3. One writer at a time.

HOLD_LOCK = """
import sys
from pathlib import Path
from newsdigest.lock import lock_folder
with lock_folder(Path(sys.argv[1]), "output folder"):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_build_stops_when_another_run_holds_the_output_folder(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    write_posts(content, GOOD_POSTS)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(output)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        done = build(content, output)
        assert [p.name for p in output.iterdir()] == [".newsdigest.lock"]  # nothing was written
    finally:
        holder.communicate("")  # closing its stdin lets it finish
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    assert f"output folder {output}" in done.stderr and "in use" in done.stderr
    assert str(holder.pid) in done.stderr
    assert build(content, output).returncode == 0  # once it has finished
