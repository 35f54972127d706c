"""The posts folder as ingest finds it: every post, which input it belongs to, whether it
was edited by hand, and every name already in use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsdigest.post import decode_location, edited_by_hand, read_header

POST_SUFFIX = ".md"


@dataclass(frozen=True)
class ExistingPost:
    """A post file in the folder. ``input`` and ``fingerprint`` are None when it names none
    (a post written by hand, or one ingest cannot read): such a post belongs to no input."""

    path: Path
    input: str | None = None  # the Input: value as written
    fingerprint: str | None = None
    edited: bool = True
    item: str | None = None  # which article of its input (decoded Item:), if it holds several
    url: str | None = None  # the article's address (URL:), for duplicates across formats

    @property
    def slug(self) -> str:
        return self.path.stem

    def input_candidates(self, folder: Path, cwd: Path) -> list[Path]:
        """Where its input may be, most likely first (absolute, normalised, not resolved).

        A post with a fingerprint names its input relative to the posts folder. An
        older post names it relative to the folder ingest ran in, which is not known:
        the working folder, or the posts folder or one of its parents (the project).
        """
        if self.input is None:
            return []
        if self.fingerprint is not None:
            return [_join(folder, decode_location(self.input))]
        if os.path.isabs(self.input):
            return [Path(os.path.normpath(self.input))]
        bases = [folder, cwd, *folder.parents]
        return list(dict.fromkeys(_join(base, self.input) for base in bases))


@dataclass(frozen=True)
class PostsFolder:
    """What is in the posts folder (resolved) before a run writes anything."""

    folder: Path
    posts: tuple[ExistingPost, ...]
    names: frozenset[str]  # every post name (file stem) and every Slug: value in use

    @classmethod
    def scan(cls, folder: Path) -> PostsFolder:
        posts: list[ExistingPost] = []
        names: set[str] = set()
        if folder.is_dir():
            for path in sorted(folder.glob(f"*{POST_SUFFIX}")):
                post, slug = _read(path)
                posts.append(post)
                names.update(filter(None, (path.stem, slug)))
        return cls(folder, tuple(posts), frozenset(names))


def _read(path: Path) -> tuple[ExistingPost, str | None]:
    """The post at ``path`` and its Slug: value."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ExistingPost(path), None  # not ours to judge: the site build reports it
    fields = read_header(text)[0]
    item = fields.get("item")
    post = ExistingPost(
        path,
        fields.get("input") or None,
        fields.get("fingerprint") or None,
        edited_by_hand(text),
        decode_location(item) if item else None,
        fields.get("url") or None,
    )
    return post, fields.get("slug") or None


def _join(base: Path, relative: str) -> Path:
    return Path(os.path.normpath(base / relative))
