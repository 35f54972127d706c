"""Stage 3: posts on disk: the posts folder as found, the batch's plan, atomic writes.

The post format itself, written here and read by the site, is ``newsdigest.post``.
"""

from newsdigest.write.files import write_atomic

__all__ = ["write_atomic"]
