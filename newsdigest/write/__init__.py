"""Stage 3: Metadata and text to a Markdown post on disk, written atomically."""

from newsdigest.write.files import write_atomic
from newsdigest.write.post import POST_FIELDS, render_post

__all__ = ["POST_FIELDS", "render_post", "write_atomic"]
