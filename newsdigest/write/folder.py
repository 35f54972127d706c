"""The posts folder as ingest finds it: which post belongs to which input, and which were edited."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsdigest.write.post import edited_by_hand, read_header


@dataclass(frozen=True)
class ExistingPost:
    path: Path
    input: str  # the Input: field, as ingest wrote it
    edited: bool


def scan_posts(folder: Path) -> dict[str, ExistingPost]:
    """Input -> its post, for every post in ``folder`` that names its input."""
    posts: dict[str, ExistingPost] = {}
    if not folder.is_dir():
        return posts
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not ours to judge; the site build reports unreadable posts
        source = read_header(text)[0].get("input")
        if source:
            posts[source] = ExistingPost(path, source, edited_by_hand(text))
    return posts
