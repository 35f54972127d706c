"""``newsdigest init DIR``: a new digest folder that ``ingest`` and ``build`` run in.

It holds ``pelicanconf.py`` (the site's own settings over ``newsdigest.site.defaults``,
with the theme installed with the package), ``publishconf.py``,
``content/articles/`` with one sample article and a ``.gitignore`` for what
newsdigest writes. Nothing that exists is overwritten: if any of these files is
already there, nothing is written at all.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from string import Template

SUBTITLES = {"id": "Ringkasan berita", "en": "News digest"}


class InitError(ValueError):
    """The folder cannot be set up (the message says why); nothing was written."""


def skeleton(name: str, lang: str) -> dict[str, str]:
    """Relative path -> text of every file ``init`` writes."""
    data = resources.files("newsdigest").joinpath("data/init")
    settings = Template(data.joinpath("pelicanconf.py.template").read_text("utf-8"))
    values = {"name": name, "subtitle": SUBTITLES[lang], "lang": lang}
    return {
        "pelicanconf.py": settings.substitute({k: repr(v) for k, v in values.items()}),
        "publishconf.py": data.joinpath("publishconf.py").read_text("utf-8"),
        ".gitignore": data.joinpath("gitignore").read_text("utf-8"),
        "content/articles/contoh.txt": data.joinpath("contoh.txt").read_text("utf-8"),
    }


def init_site(folder: Path, name: str | None = None, lang: str = "id") -> list[Path]:
    """Write a new digest into ``folder`` (created if missing); return the files written."""
    if lang not in SUBTITLES:
        raise InitError(f"--lang {lang!r}: the site languages are {', '.join(SUBTITLES)}")
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} exists and is not a folder")
    files = skeleton(name or folder.resolve().name or "newsdigest", lang)
    there = [path for path in files if (folder / path).exists() or (folder / path).is_symlink()]
    if there:
        raise InitError(
            f"{folder} already has {', '.join(there)}; nothing was written"
            " (init never overwrites: choose a new folder)"
        )
    written = []
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:  # never replaces
                handle.write(text)
        except FileExistsError:
            raise InitError(f"{target} appeared while init ran; it was left as it is") from None
        written.append(target)
    (folder / "content" / "posts").mkdir(exist_ok=True)
    return written
